//! The sign-in form.

use std::fmt;

use keydesk_api::{Error, SignInRequest, WindowPreferences};

use crate::form::{self, FormMeta, FormState};
use crate::words::Said;

form::fields! {
    pub enum SignInField {
        Email = "email" => "signin-email",
        Password = "password" => "signin-password",
    }
}

#[derive(Clone, PartialEq, Eq, Default)]
pub struct SignInForm {
    pub email: String,
    pub password: String,
    /// Every error shows in the banner (the shell's, as it is).
    pub meta: FormMeta<SignInField>,
}

impl fmt::Debug for SignInForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignInForm")
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .field("meta", &self.meta)
            .finish()
    }
}

/// Shown when Enter is pressed with a field left empty.
pub const MISSING_FIELDS: &str = "check-sign-in-missing";

impl SignInForm {
    /// The request; `window` is a language chosen on the screen, kept as the person's.
    pub fn request(&self, window: Option<WindowPreferences>) -> SignInRequest {
        SignInRequest {
            email: self.email.trim().to_owned(),
            password: self.password.clone(),
            window,
        }
    }
}

impl FormState for SignInForm {
    type Field = SignInField;
    type Own = ();

    form::meta_in_field!();

    form::text_values!(SignInField::Email => email, SignInField::Password => password);

    fn refusal(&self) -> Option<Said> {
        (self.email.trim().is_empty() || self.password.is_empty()).then(|| Said::id(MISSING_FIELDS))
    }

    /// The shell's words go to the banner as they are: saying which field was wrong
    /// would tell who has an account.
    fn failed_field(&self, _error: &Error) -> Option<SignInField> {
        None
    }

    /// Keep the email, so a typo in the password costs one field, not two.
    fn on_failed(&mut self, _field: Option<SignInField>) {
        self.password.clear();
    }

    /// After a failure the email stays and the password is empty: type it again.
    fn focus_target(&self) -> Option<SignInField> {
        (self.meta.banner != Some(Said::id(MISSING_FIELDS))).then_some(SignInField::Password)
    }
}

form::reducible!(SignInForm);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormAction;
    use keydesk_api::ErrorCode;
    use std::rc::Rc;
    use yew::prelude::*;

    fn apply(
        form: SignInForm,
        actions: impl IntoIterator<Item = FormAction<SignInField>>,
    ) -> SignInForm {
        let mut state = Rc::new(form);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn filled() -> SignInForm {
        apply(
            SignInForm::default(),
            [
                FormAction::Edit(SignInField::Email, " olive@agency.test".into()),
                FormAction::Edit(SignInField::Password, "hunter22hunter22".into()),
            ],
        )
    }

    #[test]
    fn empty_fields_are_refused_without_a_request() {
        let form = apply(
            SignInForm::default(),
            [
                FormAction::Edit(SignInField::Email, "olive@agency.test".into()),
                FormAction::Submit,
            ],
        );
        assert_eq!(
            crate::words::in_english(form.meta.banner.clone()).as_deref(),
            Some("Enter your email and password.")
        );
        assert!(!form.meta.busy);
        assert_eq!(form.meta.submit_seq, 0);
        assert_eq!(form.focus_target(), None, "focus stays where it is");
        assert_eq!(filled().request(None).email, "olive@agency.test");
    }

    #[test]
    fn failure_keeps_the_email_and_clears_the_password() {
        for (code, message) in [
            (
                ErrorCode::InvalidCredentials,
                "Email or password is incorrect.",
            ),
            (
                ErrorCode::LockedOut,
                "Too many attempts. Try again in 5 minutes.",
            ),
        ] {
            let form = apply(
                filled(),
                [
                    FormAction::Submit,
                    FormAction::Failed(Error::new(code, message)),
                ],
            );
            assert_eq!(form.email, " olive@agency.test");
            assert_eq!(form.password, "");
            // The shell's words, as they came, whatever the window's language.
            assert_eq!(
                crate::words::in_english(form.meta.banner.clone()).as_deref(),
                Some(message)
            );
            assert_eq!(
                crate::words::in_persian(form.meta.banner.clone()).as_deref(),
                Some(message)
            );
            assert_eq!(form.focus_target(), Some(SignInField::Password));
        }
    }

    #[test]
    fn debug_output_hides_the_password() {
        assert!(!format!("{:?}", filled()).contains("hunter"));
    }
}
