use super::field_error::FieldError;
use super::password_box::PasswordBox;
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
    html! {
        <Modal id="temp-password-dialog" labelledby="temp-password-title"
            describedby="temp-password-lead" onclose={props.ondone.clone()}>
            <div class="modal-form">
                <ModalHead icon={IconName::Key} tone={Tone::Warning} title_id="temp-password-title"
                    title={format!("Temporary password for {name}")}>
                    <p class="muted" id="temp-password-lead">{ lead }</p>
                </ModalHead>
                <PasswordBox id="temp-password" copy_id="temp-password-copy" label="Temporary password"
                    password={temporary.password.clone()} copied={temporary.copy.remote.loaded().is_some()}
                    copied_id="temp-password-copied" copying={temporary.copy.is_loading()} {oncopy} />
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
