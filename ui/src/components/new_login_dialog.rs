use keydesk_api::{CopyRequest, HandoffChannel, IssuedLogin, MarkHandoffSentRequest};

use super::channel_select::ChannelSelect;
use super::password_box::PasswordBox;
use super::saved_note::SavedNote;
use crate::hooks::handoff_count::announce_handoffs_changed;
use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NewLoginDialogProps {
    pub customer_name: AttrValue,
    /// Carries the password to show once.
    pub login: IssuedLogin,
    /// Closed: the password is forgotten.
    pub ondone: Callback<()>,
}

#[derive(Clone, PartialEq)]
enum Step {
    Idle,
    Busy,
    Copied,
    Sent,
    /// The copy failed: the shell's reason.
    CopyFailed(String),
    Failed(String),
}

/// `#new-login-dialog`: a new customer's password, shown once to the agent who created
/// them, with Copy and "Mark as handed over".
#[component]
pub fn NewLoginDialog(props: &NewLoginDialogProps) -> Html {
    let words = use_words();
    let command = use_command();
    let step = use_state(|| Step::Idle);
    let channel = use_state(|| HandoffChannel::InPerson);
    let password = props.login.one_time_password.clone().unwrap_or_default();
    let oncopy = {
        let (step, command, text) = (step.clone(), command.clone(), password.clone());
        Callback::from(move |_: MouseEvent| {
            let step = step.clone();
            let request = CopyRequest { text: text.clone() };
            command.call(commands::COPY_TO_CLIPBOARD, request, move |answer| {
                step.set(match answer {
                    Ok(()) => Step::Copied,
                    Err(e) => Step::CopyFailed(e.message),
                })
            });
        })
    };
    let onsent = {
        let (step, handoff_id, channel) = (step.clone(), props.login.handoff_id, *channel);
        Callback::from(move |_: MouseEvent| {
            if *step == Step::Busy {
                return;
            }
            step.set(Step::Busy);
            let step = step.clone();
            let request = MarkHandoffSentRequest {
                handoff_id,
                channel,
                note: String::new(),
            };
            command.call(
                commands::MARK_NEW_LOGIN_SENT,
                request,
                move |answer| match answer {
                    Ok(()) => {
                        step.set(Step::Sent);
                        announce_handoffs_changed();
                    }
                    Err(e) => step.set(Step::Failed(e.message)),
                },
            );
        })
    };
    let busy = *step == Step::Busy;
    html! {
        <Modal id="new-login-dialog" labelledby="new-login-title" describedby="new-login-lead"
            busy={busy} onclose={props.ondone.clone()}>
            <div class="modal-form">
                <ModalHead icon={IconName::Key} tone={Tone::Warning} title_id="new-login-title"
                    title={words.t_with("logins-new-title", &[("name", &props.customer_name)])}>
                    <p class="muted small" id="new-login-lead">
                        { words.t_with("logins-new-lead", &[("username", &props.login.username)]) }
                    </p>
                </ModalHead>
                <PasswordBox id="new-login-password" copy_id="new-login-copy" label={words.t("logins-password")}
                    password={password} copied={*step == Step::Copied} {oncopy} />
                if let Step::CopyFailed(reason) = &*step {
                    <FieldError id="new-login-error" error={words.t_with("logins-copy-failed", &[("reason", reason)])} />
                } else if let Step::Failed(message) = &*step {
                    <FieldError id="new-login-error" error={message.clone()} />
                }
                if *step == Step::Sent {
                    <SavedNote id="new-login-sent" text={words.t("logins-new-sent")} />
                } else {
                    <div class="new-login-sent-row">
                        <label class="field-label" for="new-login-channel">{ words.t("logins-new-channel") }</label>
                        <ChannelSelect id="new-login-channel" value={*channel} disabled={busy} onchange={channel.setter().to_callback()} />
                        <button type="button" id="new-login-mark-sent" class="btn btn-secondary"
                            disabled={busy} aria-busy={busy.then_some("true")} onclick={onsent}>
                            { words.t("logins-new-mark-sent") }
                        </button>
                    </div>
                }
                <ul class="notes">
                    <li>{ words.t("logins-new-later") }</li>
                </ul>
                <div class="modal-actions">
                    <button type="button" id="new-login-done" class="btn btn-primary" disabled={busy} onclick={props.ondone.reform(|_: MouseEvent| ())}>
                        { words.t("logins-done") }
                    </button>
                </div>
            </div>
        </Modal>
    }
}
