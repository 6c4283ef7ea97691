use keydesk_api::{
    CheckVerificationCodeRequest, CustomerIdRequest, OutboxMail, SendWelcomeMailRequest,
};

use super::customer_history::pending;
use crate::hooks::outbox_status::use_outbox_changed;
use crate::hooks::use_request::use_request;
use crate::prelude::*;
use crate::state::customer_mails::{
    CodeError, CustomerMails as MailsState, CustomerMailsAction, Done, MailTask,
};
use crate::state::customers::verified_badge;
use crate::state::outbox::state_tone;
use crate::words::Words;

#[derive(Properties, PartialEq)]
pub struct CustomerMailsProps {
    pub customer_id: i64,
    pub email: AttrValue,
    /// The email address is confirmed already.
    #[prop_or_default]
    pub verified: bool,
    /// A code was accepted: the customer's status changed.
    pub onverified: Callback<()>,
}

/// `#customer-mails`: the customer's mails, newest first, and the buttons that send
/// the welcome mail and a verification code; the code the customer reads back is
/// entered here.
#[component]
pub fn CustomerMails(props: &CustomerMailsProps) -> Html {
    let words = use_words();
    let command = use_command();
    let customer_id = props.customer_id;
    let state = use_reducer(MailsState::new);

    {
        let (command, dispatcher) = (command.clone(), state.dispatcher());
        use_request(&state.mails, move |seq| {
            command.load(
                commands::CUSTOMER_MAILS,
                CustomerIdRequest { customer_id },
                dispatcher,
                move |result| CustomerMailsAction::Loaded { seq, result },
            )
        });
    }
    {
        let dispatcher = state.dispatcher();
        use_outbox_changed(
            true,
            Callback::from(move |change: keydesk_api::OutboxChanged| {
                if change.customer_id == Some(customer_id) {
                    dispatcher.dispatch(CustomerMailsAction::Reload);
                }
            }),
        );
    }
    {
        let (state, onverified) = (state.clone(), props.onverified.clone());
        use_effect_with(state.task_seq, move |&seq| {
            let Some(task) = state.busy.filter(|_| seq > 0) else {
                return;
            };
            let dispatcher = state.dispatcher();
            let done = move |result: Result<String, keydesk_api::Error>| {
                let verified = result.is_ok() && task == MailTask::CheckCode;
                dispatcher.dispatch(CustomerMailsAction::Done { task, result });
                if verified {
                    onverified.emit(());
                }
            };
            match task {
                MailTask::SendWelcome => {
                    let request = SendWelcomeMailRequest {
                        customer_id,
                        welcome_message: state.welcome_message.trim().to_owned(),
                    };
                    command.call(commands::SEND_WELCOME_MAIL, request, move |answer| {
                        done(answer.map(|m: OutboxMail| m.recipient))
                    });
                }
                MailTask::SendCode => {
                    let request = CustomerIdRequest { customer_id };
                    command.call(commands::SEND_VERIFICATION_CODE, request, move |answer| {
                        done(answer.map(|m: OutboxMail| m.recipient))
                    });
                }
                MailTask::CheckCode => {
                    let request = CheckVerificationCodeRequest {
                        customer_id,
                        code: state.code_digits(),
                    };
                    command.call(commands::CHECK_VERIFICATION_CODE, request, move |answer| {
                        done(answer.map(|()| String::new()))
                    });
                }
            }
        });
    }

    let dispatch = state.dispatcher().to_callback();
    let send = |make: fn() -> CustomerMailsAction| dispatch.reform(move |_: MouseEvent| make());
    let start = |task: MailTask| {
        dispatch.reform(move |e: SubmitEvent| {
            e.prevent_default();
            CustomerMailsAction::Start(task)
        })
    };
    let on_welcome_text =
        dispatch.reform(|e: InputEvent| CustomerMailsAction::EditWelcome(typed(e)));
    let on_welcome_keys = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                dispatch.emit(CustomerMailsAction::CloseWelcome);
            }
        })
    };
    let dismiss = dispatch.reform(|()| CustomerMailsAction::Dismiss);
    let busy = state.busy;
    let running = |task: MailTask| busy == Some(task);
    let code_error = state.code_error.as_ref().map(|error| match error {
        CodeError::Incomplete => words.t("customer-detail-code-incomplete"),
        CodeError::Refused(message) => message.clone(),
    });

    let timeline = match &state.mails.remote {
        Remote::Loaded(mails) if mails.is_empty() => html! {
            <p class="muted" id="customer-mails-empty">{ words.t("customer-detail-mails-empty") }</p>
        },
        Remote::Loaded(mails) => html! {
            <ol id="customer-mails" class="history-list mail-timeline">
                for mail in mails.iter() { { item(&words, mail) } }
            </ol>
        },
        remote => pending(
            &words,
            remote.failure(),
            &words.t("customer-detail-mails-what"),
            "customer-mails",
            send(|| CustomerMailsAction::Reload),
        ),
    };

    html! {
        <section class="card detail-card customer-mails" aria-labelledby="customer-mails-title">
            <div class="card-title-row">
                <h3 class="card-title" id="customer-mails-title">{ words.t("customer-detail-mail") }</h3>
                <Badge id="customer-email-verified" tone={verified_badge(props.verified).0}
                    text={if props.verified {
                        words.t("customer-detail-email-verified")
                    } else {
                        words.t("customer-detail-email-not-verified")
                    }} />
            </div>
            if let Some(Err(message)) = &state.outcome {
                <Banner id="customer-mails-action-error" message={message.clone()} ondismiss={dismiss.clone()} />
            } else if let Some(Ok(done)) = &state.outcome {
                <Banner id="customer-mails-notice" tone={Tone::Success} message={notice(&words, done)} ondismiss={dismiss} />
            }
            <div class="mail-buttons">
                <button type="button" id="customer-send-welcome" class="btn btn-secondary btn-sm"
                    disabled={busy.is_some() || state.welcome_open}
                    onclick={send(|| CustomerMailsAction::OpenWelcome)}>
                    <Icon name={IconName::Outbox} size={16} />{ words.t("customer-detail-send-welcome") }
                </button>
                if !props.verified {
                    <BusyButton id="customer-send-code" class="btn btn-secondary btn-sm"
                        busy={running(MailTask::SendCode)} busy_label={words.t("customer-detail-sending")} disabled={busy.is_some()}
                        onclick={send(|| CustomerMailsAction::Start(MailTask::SendCode))}>
                        <Icon name={IconName::Key} size={16} />{ words.t("customer-detail-send-code") }
                    </BusyButton>
                }
            </div>
            if state.welcome_open {
                <form class="form welcome-form" id="customer-welcome-form" novalidate=true
                    onsubmit={start(MailTask::SendWelcome)} onkeydown={on_welcome_keys}>
                    <FieldFrame id="customer-welcome-message" label={words.t("customer-detail-welcome-message")}
                        hint={words.t_with("customer-detail-welcome-hint", &[("email", &props.email)])}>
                        <textarea id="customer-welcome-message" class="input textarea" rows="3" autofocus=true
                            value={state.welcome_message.clone()} disabled={busy.is_some()}
                            aria-describedby="customer-welcome-message-hint" oninput={on_welcome_text} />
                    </FieldFrame>
                    <div class="form-actions">
                        <SubmitButton id="customer-welcome-send" class="btn btn-primary btn-sm" label={words.t("customer-detail-send")}
                            busy_label={words.t("customer-detail-queuing")} busy={running(MailTask::SendWelcome)}
                            disabled={busy.is_some()} />
                        <button type="button" id="customer-welcome-cancel" class="btn btn-ghost btn-sm"
                            disabled={running(MailTask::SendWelcome)}
                            onclick={send(|| CustomerMailsAction::CloseWelcome)}>{ words.t("cancel") }</button>
                    </div>
                </form>
            }
            if !props.verified {
                <form class="code-form" novalidate=true onsubmit={start(MailTask::CheckCode)}>
                    <TextField id="customer-verification-code" label={words.t("customer-detail-code")}
                        value={state.code.clone()} error={code_error}
                        inputmode="numeric" autocomplete="one-time-code" placeholder={words.number("123 456")}
                        disabled={busy.is_some()} oninput={dispatch.reform(CustomerMailsAction::EditCode)} />
                    <SubmitButton id="customer-check-code" class="btn btn-primary btn-sm" label={words.t("customer-detail-verify")}
                        busy_label={words.t("checking")} busy={running(MailTask::CheckCode)}
                        disabled={busy.is_some() || state.code.trim().is_empty()} />
                </form>
            }
            { timeline }
        </section>
    }
}

/// What a task that went through says.
fn notice(words: &Words, done: &Done) -> String {
    let email = [("email", done.recipient.as_str())];
    match done.task {
        MailTask::SendWelcome => words.t_with("customer-detail-welcome-queued", &email),
        MailTask::SendCode => words.t_with("customer-detail-code-sent", &email),
        MailTask::CheckCode => words.t("customer-detail-email-confirmed"),
    }
}

fn item(words: &Words, mail: &OutboxMail) -> Html {
    let when = mail.sent_at.as_deref().unwrap_or(&mail.created_at);
    html! {
        <li class="history-item mail-item" key={mail.id} data-id={mail.id.to_string()}
            data-state={mail.state.as_str()} data-kind={mail.kind.as_str()}>
            <span class="history-dot" aria-hidden="true"><Icon name={IconName::Outbox} size={14} /></span>
            <div class="history-body">
                <div class="history-line">
                    <span class="mail-kind">{ words.name(mail.kind) }</span>
                    <Badge tone={state_tone(mail.state)} text={words.name(mail.state)} />
                    <time class="history-time muted small" datetime={when.to_owned()} title={local_time(when)}>
                        { local_time_short(when) }
                    </time>
                </div>
                <p class="history-detail small">
                    <span class="muted">{ words.t_with("customer-detail-mail-to", &[("email", &mail.recipient)]) }</span>
                    if let Some(by) = &mail.created_by {
                        <span class="muted">{ " · " }{ words.t_with("customer-detail-mail-by", &[("name", by)]) }</span>
                    }
                    if mail.attempts > 1 {
                        <span class="muted">{ " · " }{ words.count("customer-detail-mail-tries", mail.attempts) }</span>
                    }
                </p>
                if let Some(error) = &mail.last_error {
                    <p class="outbox-error small">{ words.say(error) }</p>
                }
            </div>
        </li>
    }
}
