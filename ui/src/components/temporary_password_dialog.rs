use super::field_error::FieldError;
use crate::prelude::*;
use crate::state::staff::{TemporaryPassword, TemporaryReason};

#[derive(Properties, PartialEq)]
pub struct TemporaryPasswordDialogProps {
    pub temporary: TemporaryPassword,
    pub oncopy: Callback<()>,
    /// "Done" (or Esc): the password is forgotten.
    pub ondone: Callback<()>,
}

/// `#temp-password-dialog`: a new member's (or a reset) temporary password, shown once.
#[component]
pub fn TemporaryPasswordDialog(props: &TemporaryPasswordDialogProps) -> Html {
    let temporary = &props.temporary;
    let name = &temporary.display_name;
    let lead = match temporary.reason {
        TemporaryReason::Added => format!(
            "{name} ({}) can now sign in with this temporary password. Give it to them in person or by phone.",
            temporary.email
        ),
        TemporaryReason::Reset => format!(
            "{name}'s old password no longer works. Give them this temporary password in person or by phone."
        ),
    };
    let oncopy = props.oncopy.reform(|_: MouseEvent| ());
    let ondone = props.ondone.reform(|_: MouseEvent| ());
    let copying = temporary.copy.is_loading();
    html! {
        <Modal id="temp-password-dialog" labelledby="temp-password-title"
            describedby="temp-password-lead" onclose={props.ondone.clone()}>
            <div class="modal-form">
                <ModalHead icon={IconName::Key} tone={Tone::Warning} title_id="temp-password-title"
                    title={format!("Temporary password for {name}")}>
                    <p class="muted" id="temp-password-lead">{ lead }</p>
                </ModalHead>
                <div class="temp-password-box">
                    <code id="temp-password" class="temp-password" aria-label="Temporary password">
                        { temporary.password.clone() }
                    </code>
                    <span class="temp-password-status" aria-live="polite">
                        if temporary.copy.remote.loaded().is_some() {
                            <span id="temp-password-copied" class="text-ok" role="status">
                                <Icon name={IconName::CheckCircle} size={16} />
                                <span>{ "Copied" }</span>
                            </span>
                        }
                    </span>
                    <button type="button" id="temp-password-copy" class="btn btn-secondary"
                        data-autofocus="true" disabled={copying}
                        aria-busy={copying.then_some("true")} onclick={oncopy}>
                        <Icon name={IconName::Copy} size={16} />
                        { "Copy" }
                    </button>
                </div>
                if let Some(message) = temporary.copy.remote.failure() {
                    <FieldError id="temp-password-copy-error" error={format!("Could not copy: {message}")} />
                }
                <ul class="notes">
                    <li>{ "This password is shown only now. When you close this panel, Keydesk forgets it." }</li>
                    <li>{ format!("At their first sign-in, {name} must choose their own password.") }</li>
                </ul>
                <div class="modal-actions">
                    <button type="button" id="temp-password-done" class="btn btn-primary" onclick={ondone}>
                        { "Done" }
                    </button>
                </div>
            </div>
        </Modal>
    }
}
