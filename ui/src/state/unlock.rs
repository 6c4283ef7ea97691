//! The lock screen's password form.

use std::fmt;
use std::rc::Rc;

use keydesk_api::{Error, UnlockRequest};
use yew::prelude::*;

use crate::form::{self, Field, FormAction, FormMeta, FormState};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnlockField;

impl Field for UnlockField {
    const ALL: &'static [Self] = &[UnlockField];

    fn input_id(self) -> &'static str {
        "unlock-password"
    }

    fn api_name(self) -> &'static str {
        "password"
    }
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
pub const PASSWORD_MISSING: &str = "Enter your password to unlock.";

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

    fn value(&self, _field: UnlockField) -> &str {
        &self.password
    }

    fn set(&mut self, _field: UnlockField, value: String) {
        self.password = value;
    }

    fn refusal(&self) -> Option<String> {
        self.password
            .is_empty()
            .then(|| PASSWORD_MISSING.to_owned())
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

impl Reducible for UnlockForm {
    type Action = FormAction<UnlockField>;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        form::reduce(self, action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::ErrorCode;

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
        assert_eq!(form.meta.banner.as_deref(), Some(PASSWORD_MISSING));
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
            failed.meta.banner.as_deref(),
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
