use keydesk_api::{
    CustomerIdRequest, HandoffHistoryPage, HandoffHistoryRequest, HandoffRecord, HandoffState,
    IssuedLogin,
};

use super::confirm_dialog::ConfirmDialog;
use super::handoff_queue::error_text;
use crate::hooks::busy_call::call_unless_busy;
use crate::hooks::handoff_count::{announce_handoffs_changed, use_handoffs_changed};
use crate::prelude::*;

/// Handoffs shown under the login; older ones are rarely needed here.
const HISTORY_LIMIT: u32 = 10;

#[derive(Properties, PartialEq)]
pub struct CustomerHandoffsProps {
    pub customer_id: i64,
    pub customer_name: AttrValue,
    /// Offer "Reset password".
    pub can_reset: bool,
    /// Show the handoff history.
    pub sees_history: bool,
    /// The customer has a login (the reset needs one; without, it makes one).
    pub has_login: bool,
    /// A new password was issued: the customer should be reloaded.
    pub onreset: Callback<()>,
}

fn state_badge(state: HandoffState) -> (Tone, &'static str) {
    match state {
        HandoffState::Pending => (Tone::Warning, "Pending"),
        HandoffState::Sent => (Tone::Success, "Sent"),
        HandoffState::Revoked => (Tone::Neutral, "Revoked"),
        HandoffState::Expired => (Tone::Danger, "Expired"),
    }
}

fn record(row: &HandoffRecord) -> Html {
    let (tone, text) = state_badge(row.state);
    let how = match (&row.closed_by, &row.closed_at) {
        (Some(by), Some(at)) => format!(
            "{} by {by}{}",
            local_time_short(at),
            row.channel
                .map(|c| format!(" · {}", c.label()))
                .unwrap_or_default()
        ),
        (None, Some(at)) => local_time_short(at),
        _ => format!("Waiting since {}", local_time_short(&row.created_at)),
    };
    html! {
        <li class="handoff-record" data-handoff-id={row.handoff_id.to_string()}>
            <Badge {tone} {text} />
            <div class="handoff-record-body">
                <span class="small">{ how }</span>
                <span class="small muted" title={row.state_description.clone()}>
                    { format!("Made {} by {}", local_time(&row.created_at), row.created_by) }
                </span>
                if let Some(note) = row.note.as_ref().filter(|n| !n.is_empty()) {
                    <span class="small muted handoff-note">{ format!("“{note}”") }</span>
                }
            </div>
        </li>
    }
}

/// `#customer-handoffs`: a customer's login handoffs (who made them, how they were handed
/// over) and "Reset password", under the Portal login card.
#[component]
pub fn CustomerHandoffs(props: &CustomerHandoffsProps) -> Html {
    let command = use_command();
    let history = use_state(Remote::<Vec<HandoffRecord>>::default);
    let confirming = use_state(|| false);
    let resetting = use_state(|| false);
    let notice = use_state(|| None::<Result<String, String>>);

    let load = {
        let (history, command) = (history.clone(), command.clone());
        let request = HandoffHistoryRequest {
            customer_id: Some(props.customer_id),
            before_id: None,
            limit: HISTORY_LIMIT,
        };
        Callback::from(move |()| {
            let history = history.clone();
            command.call(commands::HANDOFF_HISTORY, request.clone(), move |answer| {
                let answer = answer.map(|page: HandoffHistoryPage| page.rows);
                history.set(Remote::from_result(answer.map_err(|e| error_text(&e))));
            });
        })
    };
    {
        let load = load.clone();
        use_effect_with(props.sees_history, move |&sees| {
            if sees {
                load.emit(());
            }
        });
    }
    use_handoffs_changed(props.sees_history, load);

    let cancel = {
        let confirming = confirming.clone();
        let resetting = resetting.clone();
        Callback::from(move |()| {
            if !*resetting {
                confirming.set(false);
            }
        })
    };
    let reset = {
        let confirming = confirming.clone();
        let notice = notice.clone();
        let onreset = props.onreset.clone();
        let done = Callback::from(move |answer: Result<IssuedLogin, _>| {
            confirming.set(false);
            match answer {
                Ok(_) => {
                    notice.set(Some(Ok(
                        "New password made. It waits on the dashboard to be handed over; the old one no longer works."
                            .to_owned(),
                    )));
                    announce_handoffs_changed();
                    onreset.emit(());
                }
                Err(error) => notice.set(Some(Err(error_text(&error)))),
            }
        });
        let request = CustomerIdRequest {
            customer_id: props.customer_id,
        };
        let name = commands::RESET_CUSTOMER_PASSWORD;
        call_unless_busy(&command, &resetting, name, request, done)
    };

    if !props.can_reset && !props.sees_history {
        return Html::default();
    }
    let list = match &*history {
        Remote::Failed(message) => {
            html! { <p class="field-error" role="alert">{ message.clone() }</p> }
        }
        Remote::Loaded(rows) if rows.is_empty() => html! {
            <p class="muted small" id="customer-handoffs-empty">{ "No login has been handed over yet." }</p>
        },
        Remote::Loaded(rows) => html! {
            <ul class="handoff-records">{ for rows.iter().map(record) }</ul>
        },
        _ => html! {
            <p class="muted small loading-line"><span class="spinner spinner-sm" aria-hidden="true"></span>{ "Loading…" }</p>
        },
    };
    let banner = notice.as_ref().map(|said| {
        let (id, tone, message) = match said {
            Ok(message) => ("customer-reset-done", Tone::Success, message),
            Err(message) => ("customer-reset-error", Tone::Danger, message),
        };
        let ondismiss = notice.setter().to_callback().reform(|()| None);
        html! { <Banner {id} {tone} message={message.clone()} {ondismiss} /> }
    });
    // The newest handoff ended without reaching the customer: its password no longer
    // works on the account, so the customer needs a new login.
    let needs_login = history
        .loaded()
        .and_then(|rows| rows.first())
        .map(|r| r.state)
        .filter(|state| matches!(state, HandoffState::Revoked | HandoffState::Expired));
    let reset_label = if props.has_login {
        "Reset password"
    } else {
        "Generate login"
    };

    html! {
        <section class="card detail-card" id="customer-handoffs" aria-labelledby="customer-handoffs-title">
            <div class="card-title-row">
                <h3 class="card-title" id="customer-handoffs-title">{ "Handoffs" }</h3>
                if props.can_reset {
                    <button type="button" id="customer-reset-password" class="btn btn-secondary btn-sm"
                        disabled={*resetting} onclick={confirming.setter().to_callback().reform(|_: MouseEvent| true)}>
                        <Icon name={IconName::Key} size={14} />{ reset_label }
                    </button>
                }
            </div>
            { banner }
            if let Some(ended) = needs_login {
                <p class="handoff-needs-login small" id="customer-needs-login" role="status">
                    <Badge tone={Tone::Danger} text="Needs a new login" />
                    <span>{ format!(
                        "The last login was {} before it was handed over; that password no longer works. Reset the password to issue a new one.",
                        ended.label()
                    ) }</span>
                </p>
            }
            if props.sees_history { { list } }
            if *confirming {
                <ConfirmDialog
                    title={format!("{reset_label} for {}?", props.customer_name)}
                    message="A new password is made and waits on the dashboard to be handed over. The current password stops working now, and a login still waiting is revoked."
                    confirm_label={reset_label}
                    destructive={props.has_login}
                    busy={*resetting}
                    onconfirm={reset}
                    oncancel={cancel} />
            }
        </section>
    }
}
