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
    let words = use_words();
    let temporary = &props.temporary;
    let name = temporary.display_name.as_str();
    let lead = match temporary.reason {
        TemporaryReason::Added => words.t_with(
            "logins-temp-added",
            &[("name", name), ("email", &temporary.email)],
        ),
        TemporaryReason::Reset => words.t_with("logins-temp-reset", &[("name", name)]),
    };
    let oncopy = props.oncopy.reform(|_: MouseEvent| ());
    let ondone = props.ondone.reform(|_: MouseEvent| ());
    html! {
        <Modal id="temp-password-dialog" labelledby="temp-password-title"
            describedby="temp-password-lead" onclose={props.ondone.clone()}>
            <div class="modal-form">
                <ModalHead icon={IconName::Key} tone={Tone::Warning} title_id="temp-password-title"
                    title={words.t_with("logins-temp-title", &[("name", name)])}>
                    <p class="muted" id="temp-password-lead">{ lead }</p>
                </ModalHead>
                <PasswordBox id="temp-password" copy_id="temp-password-copy" label={words.t("logins-temp-password")}
                    password={temporary.password.clone()} copied={temporary.copy.remote.loaded().is_some()}
                    copied_id="temp-password-copied" copying={temporary.copy.is_loading()} {oncopy} />
                if let Some(message) = temporary.copy.remote.failure() {
                    <FieldError id="temp-password-copy-error" error={words.t_with("logins-copy-failed", &[("reason", message)])} />
                }
                <ul class="notes">
                    <li>{ words.t("logins-temp-once") }</li>
                    <li>{ words.t_with("logins-temp-first-sign-in", &[("name", name)]) }</li>
                </ul>
                <div class="modal-actions">
                    <button type="button" id="temp-password-done" class="btn btn-primary" onclick={ondone}>
                        { words.t("logins-done") }
                    </button>
                </div>
            </div>
        </Modal>
    }
}
