//! Changing one's own password: on the "Choose your own password" screen after a
//! temporary one, and on My account. The checks here only spare a round trip; the
//! shell's field errors win.

use std::fmt;
use std::rc::Rc;

use keydesk_api::{
    ChangePasswordRequest, Error, ErrorCode, PasswordStrength, PasswordStrengthRequest,
};
use yew::prelude::*;

use super::owner_form::MIN_PASSWORD_CHARS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordField {
    Current,
    New,
    Confirm,
}

impl PasswordField {
    /// Form order, which is also the tab order.
    pub const ALL: [PasswordField; 3] = [
        PasswordField::Current,
        PasswordField::New,
        PasswordField::Confirm,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The input's element id: `current-password` on the choose screen,
    /// `account-current-password` with the prefix `account-` (a contract with the tests).
    pub fn input_id(self, prefix: &str) -> String {
        let name = match self {
            PasswordField::Current => "current-password",
            PasswordField::New => "new-password",
            PasswordField::Confirm => "new-password-confirm",
        };
        format!("{prefix}{name}")
    }

    /// The name the shell uses in `Error::field`.
    pub fn api_name(self) -> &'static str {
        match self {
            PasswordField::Current => "current_password",
            PasswordField::New => "new_password",
            PasswordField::Confirm => "new_password_confirm",
        }
    }

    pub fn from_api_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.api_name() == name)
    }
}

#[derive(Clone, PartialEq, Eq, Default)]
pub struct PasswordForm {
    pub current: String,
    pub new: String,
    pub confirm: String,
    /// A field shows its own check once left (or after a submit attempt).
    touched: [bool; 3],
    /// Errors from the shell, shown until that field is edited.
    server_errors: [Option<String>; 3],
    /// An error that concerns no single field.
    pub banner: Option<String>,
    /// The latest strength reading for the new password.
    pub strength: Option<PasswordStrength>,
    pub strength_error: Option<String>,
    /// Bumped on each edit of the new password; readings for an older value are dropped.
    pub password_rev: u64,
    pub show_password: bool,
    /// A `change_own_password` call is running.
    pub busy: bool,
    /// Bumped when a submit is accepted; the effect that sends the request keys on it.
    pub submit_seq: u64,
    /// Bumped on every refused attempt, so the view can move focus to the first error.
    pub attempts: u64,
    /// The last change went through (until the next edit).
    pub saved: bool,
}

impl fmt::Debug for PasswordForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordForm")
            .field("current", &"<redacted>")
            .field("new", &"<redacted>")
            .field("confirm", &"<redacted>")
            .field("busy", &self.busy)
            .field("banner", &self.banner)
            .field("saved", &self.saved)
            .finish_non_exhaustive()
    }
}

pub enum PasswordFormAction {
    Edit(PasswordField, String),
    Blur(PasswordField),
    ToggleShowPassword,
    StrengthLoaded {
        rev: u64,
        strength: PasswordStrength,
    },
    StrengthFailed {
        rev: u64,
        message: String,
    },
    Submit,
    Failed(Error),
    /// Changed: the fields are emptied so no password stays in the page.
    Succeeded,
    DismissBanner,
}

impl PasswordForm {
    pub fn value(&self, field: PasswordField) -> &str {
        match field {
            PasswordField::Current => &self.current,
            PasswordField::New => &self.new,
            PasswordField::Confirm => &self.confirm,
        }
    }

    /// The form's own opinion of a field, whether or not it is shown yet.
    pub fn client_error(&self, field: PasswordField) -> Option<String> {
        let new_chars = self.new.chars().count();
        let message = match field {
            PasswordField::Current if self.current.is_empty() => {
                "Enter the password you signed in with.".to_owned()
            }
            PasswordField::New if self.new.is_empty() => "Choose a new password.".to_owned(),
            PasswordField::New if new_chars < MIN_PASSWORD_CHARS => {
                format!("Use at least {MIN_PASSWORD_CHARS} characters ({new_chars} so far).")
            }
            PasswordField::New if self.new == self.current => {
                "Choose a password different from the one you have now.".to_owned()
            }
            PasswordField::Confirm if self.confirm.is_empty() => {
                "Type the new password again.".to_owned()
            }
            PasswordField::Confirm if self.confirm != self.new => {
                "The passwords do not match.".to_owned()
            }
            _ => return None,
        };
        Some(message)
    }

    /// The error to show under a field now, if any.
    pub fn field_error(&self, field: PasswordField) -> Option<String> {
        if let Some(server) = &self.server_errors[field.index()] {
            return Some(server.clone());
        }
        let diverges = field == PasswordField::Confirm
            && !self.confirm.is_empty()
            && !self.new.starts_with(&self.confirm);
        if self.touched[field.index()] || diverges {
            self.client_error(field)
        } else {
            None
        }
    }

    /// Where focus goes after a refused submit.
    pub fn first_error_field(&self) -> Option<PasswordField> {
        PasswordField::ALL
            .into_iter()
            .find(|&f| self.field_error(f).is_some())
    }

    pub fn is_valid(&self) -> bool {
        PasswordField::ALL
            .into_iter()
            .all(|f| self.client_error(f).is_none())
    }

    pub fn request(&self) -> ChangePasswordRequest {
        ChangePasswordRequest {
            current_password: self.current.clone(),
            new_password: self.new.clone(),
            new_password_confirm: self.confirm.clone(),
        }
    }

    /// What to ask the strength meter; `user_inputs` are the person's email and name.
    pub fn strength_request(&self, user_inputs: &[String]) -> Option<PasswordStrengthRequest> {
        if self.new.is_empty() {
            return None;
        }
        Some(PasswordStrengthRequest {
            password: self.new.clone(),
            user_inputs: user_inputs.to_vec(),
        })
    }
}

impl Reducible for PasswordForm {
    type Action = PasswordFormAction;

    fn reduce(self: Rc<Self>, action: PasswordFormAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            PasswordFormAction::Edit(field, value) => {
                if next.value(field) == value {
                    return self;
                }
                next.saved = false;
                next.server_errors[field.index()] = None;
                match field {
                    PasswordField::Current => next.current = value,
                    PasswordField::New => {
                        next.new = value;
                        next.password_rev += 1;
                        next.strength_error = None;
                        next.server_errors[PasswordField::Confirm.index()] = None;
                        if next.new.is_empty() {
                            next.strength = None;
                        }
                    }
                    PasswordField::Confirm => next.confirm = value,
                }
            }
            PasswordFormAction::Blur(field) => {
                if next.touched[field.index()] {
                    return self;
                }
                next.touched[field.index()] = true;
            }
            PasswordFormAction::ToggleShowPassword => next.show_password = !next.show_password,
            PasswordFormAction::StrengthLoaded { rev, strength } => {
                if rev != next.password_rev || next.new.is_empty() {
                    return self;
                }
                next.strength = Some(strength);
                next.strength_error = None;
            }
            PasswordFormAction::StrengthFailed { rev, message } => {
                if rev != next.password_rev {
                    return self;
                }
                next.strength = None;
                next.strength_error = Some(message);
            }
            PasswordFormAction::Submit => {
                if next.busy {
                    return self;
                }
                next.touched = [true; 3];
                next.attempts += 1;
                next.banner = None;
                next.saved = false;
                if next.is_valid() {
                    next.server_errors = Default::default();
                    next.busy = true;
                    next.submit_seq += 1;
                }
            }
            PasswordFormAction::Failed(error) => {
                next.busy = false;
                next.attempts += 1;
                let field = match error.field.as_deref() {
                    Some(name) => PasswordField::from_api_name(name),
                    // A wrong current password, said without a field.
                    None if error.code == ErrorCode::InvalidCredentials => {
                        Some(PasswordField::Current)
                    }
                    None => None,
                };
                match field {
                    Some(field) => {
                        if field == PasswordField::Current {
                            next.current.clear();
                        }
                        next.server_errors[field.index()] = Some(error.message);
                    }
                    None => next.banner = Some(error.message),
                }
            }
            PasswordFormAction::Succeeded => {
                next = PasswordForm {
                    saved: true,
                    show_password: next.show_password,
                    password_rev: next.password_rev + 1,
                    submit_seq: next.submit_seq,
                    attempts: next.attempts,
                    ..PasswordForm::default()
                };
            }
            PasswordFormAction::DismissBanner => {
                if next.banner.is_none() {
                    return self;
                }
                next.banner = None;
            }
        }
        next.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::StrengthBand;

    fn apply(
        form: PasswordForm,
        actions: impl IntoIterator<Item = PasswordFormAction>,
    ) -> PasswordForm {
        let mut state = Rc::new(form);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn filled() -> PasswordForm {
        apply(
            PasswordForm::default(),
            [
                PasswordFormAction::Edit(PasswordField::Current, "Tmp-4kq9-ZZp2-x7".into()),
                PasswordFormAction::Edit(PasswordField::New, "plum orbit lantern 9".into()),
                PasswordFormAction::Edit(PasswordField::Confirm, "plum orbit lantern 9".into()),
            ],
        )
    }

    #[test]
    fn ids_and_api_names() {
        assert_eq!(PasswordField::Current.input_id(""), "current-password");
        assert_eq!(
            PasswordField::Confirm.input_id("account-"),
            "account-new-password-confirm"
        );
        for field in PasswordField::ALL {
            assert_eq!(PasswordField::from_api_name(field.api_name()), Some(field));
        }
    }

    #[test]
    fn an_empty_submit_shows_every_error_and_sends_nothing() {
        let form = apply(PasswordForm::default(), [PasswordFormAction::Submit]);
        assert_eq!(form.submit_seq, 0);
        assert!(!form.busy);
        assert_eq!(form.first_error_field(), Some(PasswordField::Current));
        for field in PasswordField::ALL {
            assert!(form.field_error(field).is_some(), "{field:?}");
        }
    }

    #[test]
    fn the_new_password_must_be_long_new_and_confirmed() {
        let short = apply(
            PasswordForm::default(),
            [
                PasswordFormAction::Edit(PasswordField::New, "short".into()),
                PasswordFormAction::Blur(PasswordField::New),
            ],
        );
        assert_eq!(
            short.field_error(PasswordField::New).as_deref(),
            Some("Use at least 10 characters (5 so far).")
        );
        let same = apply(
            filled(),
            [
                PasswordFormAction::Edit(PasswordField::New, "Tmp-4kq9-ZZp2-x7".into()),
                PasswordFormAction::Submit,
            ],
        );
        assert!(same.field_error(PasswordField::New).is_some());
        let typo = apply(
            filled(),
            [PasswordFormAction::Edit(
                PasswordField::Confirm,
                "plum orbit x".into(),
            )],
        );
        assert_eq!(
            typo.field_error(PasswordField::Confirm).as_deref(),
            Some("The passwords do not match."),
            "said while typing, once it cannot match"
        );
    }

    #[test]
    fn a_valid_form_is_sent_once() {
        let form = apply(
            filled(),
            [PasswordFormAction::Submit, PasswordFormAction::Submit],
        );
        assert!(form.busy);
        assert_eq!(form.submit_seq, 1);
        let request = form.request();
        assert_eq!(request.current_password, "Tmp-4kq9-ZZp2-x7");
        assert_eq!(request.new_password, request.new_password_confirm);
    }

    #[test]
    fn server_errors_go_next_to_their_field() {
        let wrong = apply(
            filled(),
            [
                PasswordFormAction::Submit,
                PasswordFormAction::Failed(Error::new(
                    ErrorCode::InvalidCredentials,
                    "The current password is not right.",
                )),
            ],
        );
        assert!(!wrong.busy);
        assert_eq!(
            wrong.field_error(PasswordField::Current).as_deref(),
            Some("The current password is not right.")
        );
        assert_eq!(wrong.current, "", "type it again");
        assert_eq!(wrong.first_error_field(), Some(PasswordField::Current));

        let weak = apply(
            filled(),
            [
                PasswordFormAction::Submit,
                PasswordFormAction::Failed(Error::for_field("new_password", "Too guessable.")),
            ],
        );
        assert_eq!(
            weak.field_error(PasswordField::New).as_deref(),
            Some("Too guessable.")
        );
        let other = apply(
            filled(),
            [
                PasswordFormAction::Submit,
                PasswordFormAction::Failed(Error::new(ErrorCode::Internal, "Disk full.")),
            ],
        );
        assert_eq!(other.banner.as_deref(), Some("Disk full."));
    }

    #[test]
    fn success_forgets_every_password() {
        let form = apply(
            filled(),
            [
                PasswordFormAction::StrengthLoaded {
                    rev: 1,
                    strength: PasswordStrength {
                        score: 4,
                        band: StrengthBand::VeryStrong,
                        acceptable: true,
                        hint: None,
                    },
                },
                PasswordFormAction::Submit,
                PasswordFormAction::Succeeded,
            ],
        );
        assert!(form.saved);
        assert!(!form.busy);
        assert_eq!(
            (
                form.current.as_str(),
                form.new.as_str(),
                form.confirm.as_str()
            ),
            ("", "", "")
        );
        assert_eq!(form.strength, None);
        assert_eq!(
            form.field_error(PasswordField::Current),
            None,
            "no errors on the empty form"
        );
        let typing = apply(
            form,
            [PasswordFormAction::Edit(PasswordField::Current, "x".into())],
        );
        assert!(!typing.saved);
    }

    #[test]
    fn strength_is_asked_for_the_new_password_with_the_persons_words() {
        let form = filled();
        let words = ["alex@agency.test".to_owned(), "Alex Agent".to_owned()];
        let request = form.strength_request(&words).unwrap();
        assert_eq!(request.password, "plum orbit lantern 9");
        assert_eq!(request.user_inputs, words);
        assert_eq!(PasswordForm::default().strength_request(&words), None);
    }

    #[test]
    fn debug_output_hides_passwords() {
        let shown = format!("{:?}", filled());
        assert!(
            !shown.contains("plum") && !shown.contains("Tmp-"),
            "{shown}"
        );
    }
}
