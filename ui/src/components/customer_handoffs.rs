use keydesk_api::{
    CustomerIdRequest, HandoffHistoryPage, HandoffHistoryRequest, HandoffRecord, HandoffState,
    IssuedLogin,
};

use super::confirm_dialog::ConfirmDialog;
use super::handoff_queue::error_text;
use crate::hooks::busy_call::call_unless_busy;
use crate::hooks::handoff_count::{announce_handoffs_changed, use_handoffs_changed};
use crate::prelude::*;
use crate::words::Words;

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

fn state_tone(state: HandoffState) -> Tone {
    match state {
        HandoffState::Pending => Tone::Warning,
        HandoffState::Sent => Tone::Success,
        HandoffState::Revoked => Tone::Neutral,
        HandoffState::Expired => Tone::Danger,
    }
}

fn record(words: &Words, row: &HandoffRecord) -> Html {
    let how = match (&row.closed_by, &row.closed_at) {
        (Some(by), Some(at)) => {
            let closed = words.t_with(
                "customer-detail-handoff-closed",
                &[("date", &local_time_short(at)), ("name", by)],
            );
            match row.channel {
                Some(channel) => [closed, words.name(channel)].join(" · "),
                None => closed,
            }
        }
        (None, Some(at)) => local_time_short(at),
        _ => words.t_with(
            "customer-detail-handoff-waiting",
            &[("date", &local_time_short(&row.created_at))],
        ),
    };
    // The core describes the state in English; the window says it in the person's words.
    let description = words.t_with(
        "customer-detail-handoff-state",
        &[("state", row.state.as_str())],
    );
    let made = words.t_with(
        "customer-detail-handoff-made",
        &[
            ("date", &local_time(&row.created_at)),
            ("name", &row.created_by),
        ],
    );
    html! {
        <li class="handoff-record" data-handoff-id={row.handoff_id.to_string()}>
            <Badge tone={state_tone(row.state)} text={words.name(row.state)} />
            <div class="handoff-record-body">
                <span class="small">{ how }</span>
                <span class="small muted" title={description}>{ made }</span>
                if let Some(note) = row.note.as_ref().filter(|n| !n.is_empty()) {
                    <span class="small muted handoff-note">{ words.t_with("customer-detail-handoff-note", &[("note", note)]) }</span>
                }
            </div>
        </li>
    }
}

/// `#customer-handoffs`: a customer's login handoffs (who made them, how they were handed
/// over) and "Reset password", under the Portal login card.
#[component]
pub fn CustomerHandoffs(props: &CustomerHandoffsProps) -> Html {
    let words = use_words();
    let command = use_command();
    let history = use_state(Remote::<Vec<HandoffRecord>>::default);
    let confirming = use_state(|| false);
    let resetting = use_state(|| false);
    // A reset went through (`Ok`), or why not.
    let notice = use_state(|| None::<Result<(), String>>);

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
                    notice.set(Some(Ok(())));
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
            <p class="muted small" id="customer-handoffs-empty">{ words.t("customer-detail-handoffs-empty") }</p>
        },
        Remote::Loaded(rows) => html! {
            <ul class="handoff-records">{ for rows.iter().map(|row| record(&words, row)) }</ul>
        },
        _ => html! {
            <p class="muted small loading-line"><span class="spinner spinner-sm" aria-hidden="true"></span>{ words.t("customer-detail-handoffs-loading") }</p>
        },
    };
    let banner = notice.as_ref().map(|said| {
        let (id, tone, message) = match said {
            Ok(()) => (
                "customer-reset-done",
                Tone::Success,
                words.t("customer-detail-reset-done"),
            ),
            Err(message) => ("customer-reset-error", Tone::Danger, message.clone()),
        };
        let ondismiss = notice.setter().to_callback().reform(|()| None);
        html! { <Banner {id} {tone} {message} {ondismiss} /> }
    });
    // The newest handoff ended without reaching the customer: its password no longer
    // works on the account, so the customer needs a new login.
    let needs_login = history
        .loaded()
        .and_then(|rows| rows.first())
        .map(|r| r.state)
        .filter(|state| matches!(state, HandoffState::Revoked | HandoffState::Expired));
    let (reset_label, confirm_title) = if props.has_login {
        (
            words.t("customer-detail-reset-password"),
            "customer-detail-reset-confirm-title",
        )
    } else {
        (
            words.t("customer-detail-generate-login"),
            "customer-detail-generate-confirm-title",
        )
    };

    html! {
        <section class="card detail-card" id="customer-handoffs" aria-labelledby="customer-handoffs-title">
            <div class="card-title-row">
                <h3 class="card-title" id="customer-handoffs-title">{ words.t("customer-detail-handoffs") }</h3>
                if props.can_reset {
                    <button type="button" id="customer-reset-password" class="btn btn-secondary btn-sm"
                        disabled={*resetting} onclick={confirming.setter().to_callback().reform(|_: MouseEvent| true)}>
                        <Icon name={IconName::Key} size={14} />{ reset_label.clone() }
                    </button>
                }
            </div>
            { banner }
            if let Some(ended) = needs_login {
                <p class="handoff-needs-login small" id="customer-needs-login" role="status">
                    <Badge tone={Tone::Danger} text={words.t("customer-detail-needs-login")} />
                    <span>{ words.t_with("customer-detail-needs-login-text", &[("state", ended.as_str())]) }</span>
                </p>
            }
            if props.sees_history { { list } }
            if *confirming {
                <ConfirmDialog
                    title={words.t_with(confirm_title, &[("name", &props.customer_name)])}
                    message={words.t("customer-detail-reset-confirm")}
                    confirm_label={reset_label}
                    destructive={props.has_login}
                    busy={*resetting}
                    onconfirm={reset}
                    oncancel={cancel} />
            }
        </section>
    }
}
