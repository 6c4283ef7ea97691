//! The sign-in form.

use std::fmt;
use std::rc::Rc;

use keydesk_api::{Error, SignInRequest};
use yew::prelude::*;

#[derive(Clone, PartialEq, Eq, Default)]
pub struct SignInForm {
    pub email: String,
    pub password: String,
    /// The message shown in the error banner (the shell's, as it is).
    pub error: Option<String>,
    /// A `sign_in` call is running.
    pub busy: bool,
    /// Bumped when a submit is accepted; the effect that sends the request keys on it.
    pub submit_seq: u64,
    /// Bumped on each failure, so the view can put focus back in the password field.
    pub failures: u64,
}

impl fmt::Debug for SignInForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignInForm")
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .field("error", &self.error)
            .field("busy", &self.busy)
            .finish_non_exhaustive()
    }
}

pub enum SignInAction {
    EditEmail(String),
    EditPassword(String),
    Submit,
    Failed(Error),
    DismissError,
}

/// Shown when Enter is pressed with a field left empty.
pub const MISSING_FIELDS: &str = "Enter your email and password.";

impl SignInForm {
    pub fn request(&self) -> SignInRequest {
        SignInRequest {
            email: self.email.trim().to_owned(),
            password: self.password.clone(),
        }
    }
}

impl Reducible for SignInForm {
    type Action = SignInAction;

    fn reduce(self: Rc<Self>, action: SignInAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SignInAction::EditEmail(email) => next.email = email,
            SignInAction::EditPassword(password) => next.password = password,
            SignInAction::Submit => {
                if next.busy {
                    return self;
                }
                if next.email.trim().is_empty() || next.password.is_empty() {
                    next.error = Some(MISSING_FIELDS.to_owned());
                } else {
                    next.error = None;
                    next.busy = true;
                    next.submit_seq += 1;
                }
            }
            SignInAction::Failed(error) => {
                // Keep the email, so a typo in the password costs one field, not two.
                next.busy = false;
                next.password.clear();
                next.error = Some(error.message);
                next.failures += 1;
            }
            SignInAction::DismissError => next.error = None,
        }
        next.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::ErrorCode;

    fn apply(form: SignInForm, actions: impl IntoIterator<Item = SignInAction>) -> SignInForm {
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
                SignInAction::EditEmail(" olive@agency.test".into()),
                SignInAction::EditPassword("hunter22hunter22".into()),
            ],
        )
    }

    #[test]
    fn empty_fields_are_refused_without_a_request() {
        let form = apply(
            SignInForm::default(),
            [
                SignInAction::EditEmail("olive@agency.test".into()),
                SignInAction::Submit,
            ],
        );
        assert_eq!(form.error.as_deref(), Some(MISSING_FIELDS));
        assert!(!form.busy);
        assert_eq!(form.submit_seq, 0);
    }

    #[test]
    fn submit_sends_once_with_a_trimmed_email() {
        let form = apply(filled(), [SignInAction::Submit, SignInAction::Submit]);
        assert!(form.busy);
        assert_eq!(form.submit_seq, 1);
        assert_eq!(form.request().email, "olive@agency.test");
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
                    SignInAction::Submit,
                    SignInAction::Failed(Error::new(code, message)),
                ],
            );
            assert!(!form.busy);
            assert_eq!(form.email, " olive@agency.test");
            assert_eq!(form.password, "");
            assert_eq!(form.error.as_deref(), Some(message));
            assert_eq!(form.failures, 1);
        }
    }

    #[test]
    fn a_new_attempt_clears_the_old_error() {
        let form = apply(
            filled(),
            [
                SignInAction::Submit,
                SignInAction::Failed(Error::new(ErrorCode::InvalidCredentials, "No.")),
                SignInAction::EditPassword("another try!".into()),
                SignInAction::Submit,
            ],
        );
        assert_eq!(form.error, None);
        assert_eq!(form.submit_seq, 2);
    }

    #[test]
    fn debug_output_hides_the_password() {
        assert!(!format!("{:?}", filled()).contains("hunter"));
    }
}
