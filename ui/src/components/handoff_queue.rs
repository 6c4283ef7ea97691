use gloo_timers::callback::Interval;
use keydesk_api::{Error, ErrorCode, HandoffIdRequest, OutboxMail, CLIPBOARD_CLEARED_EVENT};
use serde::de::DeserializeOwned;

use super::handoff_dialog::HandoffDialog;
use super::handoff_lost::HandoffLost;
use crate::dom::now_ms;
use crate::hooks::handoff_count::{announce_handoffs_changed, use_handoffs_changed};
use crate::hooks::shell_event::use_shell_event;
use crate::hooks::use_request::use_request;
use crate::prelude::*;
use crate::state::durations::expires_in;
use crate::state::handoffs::{
    expires_soon, seconds_left, Confirmed, Copied, HandoffQueue, QueueAction,
};
use crate::words::Words;

/// How often the countdowns move.
const TICK_MS: u32 = 250;

/// What a person reads for a failed call; `cannot_decrypt` plainly.
pub fn error_said(words: &Words, error: &Error) -> String {
    if error.code == ErrorCode::CannotDecrypt {
        words.t_with("handoff-cannot-decrypt", &[("reason", &error.message)])
    } else {
        error.message.clone()
    }
}

/// [`error_said`] in English, for the screens whose words are not in the catalogue yet.
pub fn error_text(error: &Error) -> String {
    error_said(&Words::default(), error)
}

/// `#dashboard-handoffs`: the pending handoffs, oldest first, with Reveal, Copy, Send by
/// mail, Mark as sent and Revoke per row, and the clipboard's countdown.
#[component]
pub fn HandoffQueueCard() -> Html {
    let words = use_words();
    let command = use_command();
    let queue = use_reducer(HandoffQueue::default);
    let dispatcher = queue.dispatcher();
    let dispatch = dispatcher.to_callback();

    {
        let (dispatcher, command) = (dispatcher.clone(), command.clone());
        use_request(&queue.load, move |seq| {
            command.load(
                commands::LIST_PENDING_HANDOFFS,
                (),
                dispatcher,
                move |result| QueueAction::Loaded { seq, result },
            );
        });
    }
    use_handoffs_changed(true, dispatch.reform(|()| QueueAction::Reload));
    use_shell_event::<Option<u8>>(
        CLIPBOARD_CLEARED_EVENT,
        true,
        dispatch.reform(|_| QueueAction::ClipboardCleared(now_ms())),
    );
    // The countdowns tick only while something counts down.
    let ticking = queue.shown.is_some() || queue.toast.is_some();
    {
        let dispatch = dispatch.clone();
        use_effect_with(ticking, move |&ticking| {
            let interval = ticking.then(|| {
                Interval::new(TICK_MS, move || dispatch.emit(QueueAction::Tick(now_ms())))
            });
            move || drop(interval)
        });
    }

    let reveal = |id: i64| {
        let name = commands::REVEAL_HANDOFF_PASSWORD;
        row_call(&command, &dispatcher, &words, name, id, |result, now_ms| {
            QueueAction::Revealed { result, now_ms }
        })
    };
    let copy = |id: i64, copied: Copied| {
        let name = match copied {
            Copied::Username => commands::COPY_HANDOFF_USERNAME,
            Copied::Password => commands::COPY_HANDOFF_PASSWORD,
        };
        row_call(
            &command,
            &dispatcher,
            &words,
            name,
            id,
            move |result, now_ms| QueueAction::Copied {
                copied,
                result,
                now_ms,
            },
        )
    };
    let onconfirm = {
        let queue = queue.clone();
        let command = command.clone();
        let words = words.clone();
        Callback::from(move |()| {
            let Some(call) = queue.confirmed() else {
                return;
            };
            let dispatcher = queue.dispatcher();
            dispatcher.dispatch(QueueAction::Confirm);
            match call {
                Confirmed::MarkSent(request) => {
                    let done = closed(dispatcher, words.clone(), QueueAction::MarkedSent);
                    command.call(commands::MARK_HANDOFF_SENT, request, done);
                }
                Confirmed::SendMail(request) => {
                    command.dispatch(commands::SEND_HANDOFF_BY_MAIL, request, dispatcher, {
                        let words = words.clone();
                        move |answer: Result<OutboxMail, Error>| {
                            QueueAction::MailQueued(
                                answer
                                    .map(|mail| mail.recipient)
                                    .map_err(|error| error_said(&words, &error)),
                            )
                        }
                    })
                }
                Confirmed::Revoke(request) => {
                    let done = closed(dispatcher, words.clone(), QueueAction::Revoked);
                    command.call(commands::REVOKE_HANDOFF, request, done);
                }
            }
        })
    };

    let now = if queue.now_ms > 0.0 {
        queue.now_ms
    } else {
        now_ms()
    };
    let count = queue.rows.len();
    let badge = match &queue.load.remote {
        Remote::Loaded(()) if count == 0 => {
            html! { <Badge tone={Tone::Success} text={words.t("handoff-all-handed-over")} /> }
        }
        Remote::Loaded(()) => html! {
            <Badge id="dashboard-handoffs-count" tone={Tone::Danger}
                text={words.t_with("handoff-waiting", &[("n", &words.number(count))])} />
        },
        _ => Html::default(),
    };
    let rows = queue.rows.iter().map(|row| {
        let id = row.handoff_id;
        let working = queue.working == Some(id);
        let expires_ms = js_sys::Date::parse(&row.expires_at) - now;
        html! {
            <li key={id} class="handoff-row" data-handoff-id={id.to_string()}>
                <div class="handoff-who">
                    <span class="cell-strong handoff-customer">{ row.customer_name.clone() }</span>
                    <span class="handoff-username mono">{ row.username.clone() }</span>
                    <span class="handoff-meta small muted">
                        { words.t_with("handoff-meta", &[("reason", &words.name(row.reason)), ("by", &row.created_by)]) }
                        { " " }
                        <time datetime={row.created_at.clone()} title={local_time(&row.created_at)}>
                            { local_time_short(&row.created_at) }
                        </time>
                    </span>
                </div>
                <div class="handoff-expiry">
                    <Badge tone={if expires_soon(expires_ms) { Tone::Danger } else { Tone::Warning }}
                        text={words.t_with("handoff-expires", &[("when", &expires_in(&words, expires_ms))])} />
                </div>
                <div class="handoff-secret">
                    if !row.an_owner_can_open {
                        <HandoffLost handoff_id={id} customer_id={row.customer_id}
                            customer_name={row.customer_name.clone()} />
                    } else if !row.you_can_open {
                        <p class="handoff-not-shared small muted" id={format!("handoff-not-shared-{id}")} role="status">
                            { words.t("handoff-not-shared") }
                        </p>
                    } else if let Some(shown) = queue.shown_for(id) {
                        <code class="handoff-password" id={format!("handoff-password-{id}")}
                            aria-label={words.t("handoff-password")}>{ shown.password.clone() }</code>
                        <span class="small muted handoff-hides" aria-live="off">
                            { words.t_with("handoff-hides-in", &[("n", &words.number(seconds_left(shown.hide_at_ms, now)))]) }
                        </span>
                        <button type="button" class="btn btn-ghost btn-sm" id={format!("handoff-hide-{id}")}
                            onclick={dispatch.reform(|_| QueueAction::Hide)}>
                            <Icon name={IconName::EyeOff} size={14} />{ words.t("handoff-hide") }
                        </button>
                    } else {
                        <span class="handoff-dots mono" aria-hidden="true">{ "••••••••••••" }</span>
                        <button type="button" class="btn btn-secondary btn-sm" id={format!("handoff-reveal-{id}")}
                            disabled={working} onclick={reveal(id)}
                            aria-label={words.t_with("handoff-reveal-label", &[("name", &row.customer_name)])}>
                            <Icon name={IconName::Eye} size={14} />{ words.t("handoff-reveal") }
                        </button>
                    }
                </div>
                <div class="handoff-actions">
                    for (copied, what, title) in [(Copied::Username, "username", "handoff-copy-username"),
                        (Copied::Password, "password", "handoff-copy-password")] {
                        <button type="button" class="btn btn-secondary btn-sm" id={format!("handoff-copy-{what}-{id}")}
                            disabled={working || !row.you_can_open} onclick={copy(id, copied)}
                            title={words.t(title)}>
                            <Icon name={IconName::Copy} size={14} />{ words.t(copied.message()) }
                        </button>
                    }
                    <button type="button" class="btn btn-secondary btn-sm" id={format!("handoff-send-mail-{id}")}
                        disabled={!row.you_can_open}
                        onclick={dispatch.reform(move |_| QueueAction::AskSendMail(id))}
                        aria-label={words.t_with("handoff-send-mail-label", &[("name", &row.customer_name)])}>
                        <Icon name={IconName::Outbox} size={14} />{ words.t("handoff-send-mail") }
                    </button>
                    <button type="button" class="btn btn-primary btn-sm" id={format!("handoff-mark-sent-{id}")}
                        onclick={dispatch.reform(move |_| QueueAction::AskMarkSent(id))}>
                        <Icon name={IconName::CheckCircle} size={14} />{ words.t("handoff-mark-sent") }
                    </button>
                    <button type="button" class="btn btn-ghost btn-sm btn-danger-text" id={format!("handoff-revoke-{id}")}
                        onclick={dispatch.reform(move |_| QueueAction::AskRevoke(id))}
                        aria-label={words.t_with("handoff-revoke-label", &[("name", &row.customer_name)])}>
                        { words.t("handoff-revoke") }
                    </button>
                </div>
            </li>
        }
    });

    let body = match &queue.load.remote {
        Remote::Loading if queue.rows.is_empty() => html! {
            <p class="muted loading-line"><span class="spinner spinner-sm" aria-hidden="true"></span>{ words.t("handoff-loading") }</p>
        },
        Remote::Failed(message) if queue.rows.is_empty() => html! {
            <div class="handoff-failed">
                <Banner id="handoff-load-error" message={words.t_with("handoff-load-failed", &[("reason", message)])} />
                <button type="button" id="handoff-retry" class="btn btn-secondary btn-sm" onclick={dispatch.reform(|_| QueueAction::Reload)}>
                    <Icon name={IconName::Refresh} size={14} />{ words.t("try-again") }
                </button>
            </div>
        },
        _ if queue.rows.is_empty() => html! {
            <p id="handoff-empty" class="muted handoff-empty">
                <Icon name={IconName::CheckCircle} size={16} />
                <span>{ words.t("handoff-empty") }</span>
            </p>
        },
        _ => html! { <ul class="handoff-list" id="handoff-list">{ for rows }</ul> },
    };

    let dialog = queue.dialog.as_ref().and_then(|dialog| {
        let row = queue.row(dialog.handoff_id)?.clone();
        Some(html! {
            <HandoffDialog {row} dialog={dialog.said(&words)} dispatch={dispatch.clone()} {onconfirm} />
        })
    });

    html! {
        <article class={classes!("card", "dash-card", "handoff-card", (count > 0).then_some("handoff-alert"))}
            id="dashboard-handoffs" aria-labelledby="dashboard-handoffs-title">
            <header class="dash-card-head">
                <span class={classes!("card-icon", if count > 0 { "tone-danger" } else { "tone-accent" })}>
                    <Icon name={IconName::Key} size={20} />
                </span>
                <h3 id="dashboard-handoffs-title">{ words.t("dash-handoffs-title") }</h3>
                { badge }
            </header>
            if let Some(message) = &queue.error {
                <Banner id="handoff-error" message={message.clone()} ondismiss={dispatch.reform(|()| QueueAction::DismissError)} />
            }
            if let Some(to) = &queue.mailed {
                <Banner id="handoff-mailed" tone={Tone::Success}
                    message={words.t_with("handoff-mailed", &[("to", to)])}
                    ondismiss={dispatch.reform(|()| QueueAction::DismissMailed)} />
            }
            { body }
            if let Some(toast) = &queue.toast {
                <div class={classes!("toast", toast.cleared().then_some("toast-ok"))} id="clipboard-toast" role="status">
                    <Icon name={if toast.cleared() { IconName::CheckCircle } else { IconName::Copy }} size={16} />
                    <span id="clipboard-toast-text">{ toast.text(&words, now) }</span>
                    <button type="button" class="banner-close" aria-label={words.t("dismiss")} onclick={dispatch.reform(|_| QueueAction::DismissToast)}>
                        <Icon name={IconName::Close} size={14} />
                    </button>
                </div>
            }
            { for dialog }
        </article>
    }
}

/// Marked as sent or revoked: the queue hears the answer, and on success every count of
/// handoffs reloads.
fn closed(
    dispatcher: UseReducerDispatcher<HandoffQueue>,
    words: Words,
    action: fn(Result<(), String>) -> QueueAction,
) -> impl FnOnce(Result<(), Error>) {
    move |answer| {
        let done = answer.is_ok();
        dispatcher.dispatch(action(answer.map_err(|error| error_said(&words, &error))));
        if done {
            announce_handoffs_changed();
        }
    }
}

/// A row's Reveal or Copy: the row waits while `name` runs, then `to_action` takes the
/// answer and when it came.
fn row_call<Resp: DeserializeOwned + 'static>(
    command: &Command,
    dispatcher: &UseReducerDispatcher<HandoffQueue>,
    words: &Words,
    name: &'static str,
    id: i64,
    to_action: impl Fn(Result<Resp, String>, f64) -> QueueAction + Copy + 'static,
) -> Callback<MouseEvent> {
    let (command, dispatcher, words) = (command.clone(), dispatcher.clone(), words.clone());
    Callback::from(move |_: MouseEvent| {
        dispatcher.dispatch(QueueAction::Working(id));
        let request = HandoffIdRequest { handoff_id: id };
        let words = words.clone();
        command.dispatch(name, request, dispatcher.clone(), move |answer| {
            to_action(answer.map_err(|error| error_said(&words, &error)), now_ms())
        });
    })
}
