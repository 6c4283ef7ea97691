//! The lock screen's password form.

use std::fmt;
use std::rc::Rc;

use keydesk_api::{Error, UnlockRequest};
use yew::prelude::*;

#[derive(Clone, PartialEq, Eq, Default)]
pub struct UnlockForm {
    pub password: String,
    pub error: Option<String>,
    pub busy: bool,
    /// Bumped when a submit is accepted; the effect that sends the request keys on it.
    pub submit_seq: u64,
    /// Bumped on each failure, so the view can put focus back in the field.
    pub failures: u64,
}

impl fmt::Debug for UnlockForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnlockForm")
            .field("password", &"<redacted>")
            .field("error", &self.error)
            .field("busy", &self.busy)
            .finish_non_exhaustive()
    }
}

pub enum UnlockAction {
    Edit(String),
    Submit,
    Failed(Error),
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

impl Reducible for UnlockForm {
    type Action = UnlockAction;

    fn reduce(self: Rc<Self>, action: UnlockAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            UnlockAction::Edit(password) => next.password = password,
            UnlockAction::Submit => {
                if next.busy {
                    return self;
                }
                if next.password.is_empty() {
                    next.error = Some(PASSWORD_MISSING.to_owned());
                    next.failures += 1;
                } else {
                    next.error = None;
                    next.busy = true;
                    next.submit_seq += 1;
                }
            }
            UnlockAction::Failed(error) => {
                next.busy = false;
                next.password.clear();
                next.error = Some(error.message);
                next.failures += 1;
            }
        }
        next.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::ErrorCode;

    fn apply(form: UnlockForm, actions: impl IntoIterator<Item = UnlockAction>) -> UnlockForm {
        let mut state = Rc::new(form);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    #[test]
    fn nothing_typed_is_refused_without_a_request() {
        let form = apply(UnlockForm::default(), [UnlockAction::Submit]);
        assert_eq!(form.error.as_deref(), Some(PASSWORD_MISSING));
        assert_eq!(form.submit_seq, 0);
    }

    #[test]
    fn a_wrong_password_is_cleared_and_explained() {
        let form = apply(
            UnlockForm::default(),
            [
                UnlockAction::Edit("nope nope nope".into()),
                UnlockAction::Submit,
                UnlockAction::Submit,
            ],
        );
        assert_eq!(form.submit_seq, 1);
        assert_eq!(form.request().password, "nope nope nope");
        let failed = apply(
            form,
            [UnlockAction::Failed(Error::new(
                ErrorCode::InvalidCredentials,
                "The password is not right.",
            ))],
        );
        assert_eq!(failed.password, "");
        assert_eq!(failed.error.as_deref(), Some("The password is not right."));
        assert!(!failed.busy);
        assert_eq!(failed.failures, 1);
    }

    #[test]
    fn debug_output_hides_the_password() {
        let form = apply(
            UnlockForm::default(),
            [UnlockAction::Edit("hunter22hunter22".into())],
        );
        assert!(!format!("{form:?}").contains("hunter"));
    }
}
