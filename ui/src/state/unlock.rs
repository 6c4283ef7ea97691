//! The lock screen's password form.

use std::fmt;

use keydesk_api::{Error, UnlockRequest};

use crate::form::{self, FormMeta, FormState};
use crate::words::Said;

form::fields! {
    pub struct UnlockField = "password" => "unlock-password";
}

#[derive(Clone, PartialEq, Eq, Default)]
pub struct UnlockForm {
    pub password: String,
    /// Every error shows in the banner.
    pub meta: FormMeta<UnlockField>,
}

impl fmt::Debug for UnlockForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnlockForm")
            .field("password", &"<redacted>")
            .field("meta", &self.meta)
            .finish()
    }
}

/// Shown when Enter is pressed with nothing typed.
pub const PASSWORD_MISSING: &str = "check-unlock-missing";

impl UnlockForm {
    pub fn request(&self) -> UnlockRequest {
        UnlockRequest {
            password: self.password.clone(),
        }
    }
}

impl FormState for UnlockForm {
    type Field = UnlockField;
    type Own = ();

    form::meta_in_field!();

    form::text_values!(UnlockField => password);

    fn refusal(&self) -> Option<Said> {
        self.password.is_empty().then(|| Said::id(PASSWORD_MISSING))
    }

    fn failed_field(&self, _error: &Error) -> Option<UnlockField> {
        None
    }

    fn on_failed(&mut self, _field: Option<UnlockField>) {
        self.password.clear();
    }

    /// Focus goes back to the only field, to type the password (again).
    fn focus_target(&self) -> Option<UnlockField> {
        Some(UnlockField)
    }
}

form::reducible!(UnlockForm);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormAction;
    use keydesk_api::ErrorCode;
    use std::rc::Rc;
    use yew::prelude::*;

    fn apply(
        form: UnlockForm,
        actions: impl IntoIterator<Item = FormAction<UnlockField>>,
    ) -> UnlockForm {
        let mut state = Rc::new(form);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    #[test]
    fn nothing_typed_is_refused_without_a_request() {
        let form = apply(UnlockForm::default(), [FormAction::Submit]);
        assert_eq!(
            crate::words::in_english(form.meta.banner.clone()).as_deref(),
            Some("Enter your password to unlock.")
        );
        assert_eq!(form.meta.submit_seq, 0);
        assert_eq!(form.meta.attempts, 1, "focus goes back to the field");
    }

    #[test]
    fn a_wrong_password_is_cleared_and_explained() {
        let form = apply(
            UnlockForm::default(),
            [
                FormAction::Edit(UnlockField, "nope nope nope".into()),
                FormAction::Submit,
            ],
        );
        assert_eq!(form.request().password, "nope nope nope");
        let failed = apply(
            form,
            [FormAction::Failed(Error::new(
                ErrorCode::InvalidCredentials,
                "The password is not right.",
            ))],
        );
        assert_eq!(failed.password, "");
        assert_eq!(
            crate::words::in_english(failed.meta.banner.clone()).as_deref(),
            Some("The password is not right.")
        );
    }

    #[test]
    fn debug_output_hides_the_password() {
        let form = apply(
            UnlockForm::default(),
            [FormAction::Edit(UnlockField, "hunter22hunter22".into())],
        );
        assert!(!format!("{form:?}").contains("hunter"));
    }
}
