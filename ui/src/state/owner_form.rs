//! The first-run form that creates the owner account.
//!
//! The checks here only spare the person a round trip; the shell parses everything
//! again and its field errors win.

use std::fmt;
use std::rc::Rc;

use keydesk_api::{CreateOwnerRequest, Error, PasswordStrength, PasswordStrengthRequest};
use yew::prelude::*;

/// Shortest password the form lets through (the shell enforces its own policy).
pub const MIN_PASSWORD_CHARS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerField {
    Email,
    DisplayName,
    Password,
    PasswordConfirm,
}

impl OwnerField {
    /// Form order, which is also the tab order.
    pub const ALL: [OwnerField; 4] = [
        OwnerField::Email,
        OwnerField::DisplayName,
        OwnerField::Password,
        OwnerField::PasswordConfirm,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The input's element id (a contract with the end-to-end tests).
    pub fn input_id(self) -> &'static str {
        match self {
            OwnerField::Email => "owner-email",
            OwnerField::DisplayName => "owner-name",
            OwnerField::Password => "owner-password",
            OwnerField::PasswordConfirm => "owner-password-confirm",
        }
    }

    /// The name the shell uses in `Error::field`.
    pub fn api_name(self) -> &'static str {
        match self {
            OwnerField::Email => "email",
            OwnerField::DisplayName => "display_name",
            OwnerField::Password => "password",
            OwnerField::PasswordConfirm => "password_confirm",
        }
    }

    pub fn from_api_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.api_name() == name)
    }
}

/// A cheap shape check: one `@`, something before it, a dotted domain after it.
pub fn looks_like_email(email: &str) -> bool {
    let email = email.trim();
    if email.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|part| !part.is_empty())
}

#[derive(Clone, PartialEq, Eq, Default)]
pub struct OwnerForm {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub password_confirm: String,
    /// A field shows its own check once left (or after a submit attempt).
    touched: [bool; 4],
    /// Errors from the shell, shown until that field is edited.
    server_errors: [Option<String>; 4],
    /// An error that concerns no single field.
    pub banner: Option<String>,
    /// The latest strength reading for the current password.
    pub strength: Option<PasswordStrength>,
    /// Why the meter could not be read, if it could not.
    pub strength_error: Option<String>,
    /// Bumped on each password edit; readings for an older value are dropped.
    pub password_rev: u64,
    pub show_password: bool,
    /// A `create_owner` call is running.
    pub busy: bool,
    /// Bumped when a submit is accepted; the effect that sends the request keys on it.
    pub submit_seq: u64,
    /// Bumped on every submit attempt, so the view can move focus to the first error.
    pub attempts: u64,
}

impl fmt::Debug for OwnerForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnerForm")
            .field("email", &self.email)
            .field("display_name", &self.display_name)
            .field("password", &"<redacted>")
            .field("password_confirm", &"<redacted>")
            .field("busy", &self.busy)
            .field("banner", &self.banner)
            .finish_non_exhaustive()
    }
}

pub enum OwnerFormAction {
    Edit(OwnerField, String),
    Blur(OwnerField),
    ToggleShowPassword,
    StrengthLoaded {
        rev: u64,
        strength: PasswordStrength,
    },
    StrengthFailed {
        rev: u64,
        message: String,
    },
    /// Enter or the button: checks the fields and, if they pass, starts the request.
    Submit,
    Failed(Error),
    Succeeded,
    DismissBanner,
}

impl OwnerForm {
    pub fn value(&self, field: OwnerField) -> &str {
        match field {
            OwnerField::Email => &self.email,
            OwnerField::DisplayName => &self.display_name,
            OwnerField::Password => &self.password,
            OwnerField::PasswordConfirm => &self.password_confirm,
        }
    }

    /// The form's own opinion of a field, whether or not it is shown yet.
    pub fn client_error(&self, field: OwnerField) -> Option<String> {
        let message = match field {
            OwnerField::Email if self.email.trim().is_empty() => {
                "Enter the email address the owner signs in with.".to_owned()
            }
            OwnerField::Email if !looks_like_email(&self.email) => {
                "This does not look like an email address (name@agency.com).".to_owned()
            }
            OwnerField::DisplayName if self.display_name.trim().is_empty() => {
                "Enter the name your staff will see.".to_owned()
            }
            OwnerField::Password if self.password.is_empty() => "Choose a password.".to_owned(),
            OwnerField::Password if self.password.chars().count() < MIN_PASSWORD_CHARS => {
                format!(
                    "Use at least {MIN_PASSWORD_CHARS} characters ({} so far).",
                    self.password.chars().count()
                )
            }
            OwnerField::PasswordConfirm if self.password_confirm.is_empty() => {
                "Type the password again.".to_owned()
            }
            OwnerField::PasswordConfirm if self.password_confirm != self.password => {
                "The passwords do not match.".to_owned()
            }
            _ => return None,
        };
        Some(message)
    }

    /// The error to show under a field now, if any.
    pub fn field_error(&self, field: OwnerField) -> Option<String> {
        if let Some(server) = &self.server_errors[field.index()] {
            return Some(server.clone());
        }
        let shown = self.touched[field.index()] || self.confirm_already_diverges(field);
        if shown {
            self.client_error(field)
        } else {
            None
        }
    }

    /// Say "do not match" while typing the confirmation as soon as it cannot match.
    fn confirm_already_diverges(&self, field: OwnerField) -> bool {
        field == OwnerField::PasswordConfirm
            && !self.password_confirm.is_empty()
            && !self.password.starts_with(&self.password_confirm)
    }

    /// The first field with a visible error, where focus goes after a refused submit.
    pub fn first_error_field(&self) -> Option<OwnerField> {
        OwnerField::ALL
            .into_iter()
            .find(|&f| self.field_error(f).is_some())
    }

    pub fn is_valid(&self) -> bool {
        OwnerField::ALL
            .into_iter()
            .all(|f| self.client_error(f).is_none())
    }

    pub fn request(&self) -> CreateOwnerRequest {
        CreateOwnerRequest {
            email: self.email.trim().to_owned(),
            display_name: self.display_name.trim().to_owned(),
            password: self.password.clone(),
            password_confirm: self.password_confirm.clone(),
        }
    }

    /// What to ask the strength meter for the current password.
    pub fn strength_request(&self) -> Option<PasswordStrengthRequest> {
        if self.password.is_empty() {
            return None;
        }
        let user_inputs = [self.email.trim(), self.display_name.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        Some(PasswordStrengthRequest {
            password: self.password.clone(),
            user_inputs,
        })
    }
}

impl Reducible for OwnerForm {
    type Action = OwnerFormAction;

    fn reduce(self: Rc<Self>, action: OwnerFormAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            OwnerFormAction::Edit(field, value) => {
                if next.value(field) == value {
                    return self;
                }
                next.server_errors[field.index()] = None;
                match field {
                    OwnerField::Email => next.email = value,
                    OwnerField::DisplayName => next.display_name = value,
                    OwnerField::Password => {
                        next.password = value;
                        next.password_rev += 1;
                        next.strength_error = None;
                        // A "do not match" from the shell no longer holds either.
                        next.server_errors[OwnerField::PasswordConfirm.index()] = None;
                        if next.password.is_empty() {
                            next.strength = None;
                        }
                    }
                    OwnerField::PasswordConfirm => next.password_confirm = value,
                }
            }
            OwnerFormAction::Blur(field) => {
                if next.touched[field.index()] {
                    return self;
                }
                next.touched[field.index()] = true;
            }
            OwnerFormAction::ToggleShowPassword => next.show_password = !next.show_password,
            OwnerFormAction::StrengthLoaded { rev, strength } => {
                if rev != next.password_rev || next.password.is_empty() {
                    return self;
                }
                next.strength = Some(strength);
                next.strength_error = None;
            }
            OwnerFormAction::StrengthFailed { rev, message } => {
                if rev != next.password_rev {
                    return self;
                }
                next.strength = None;
                next.strength_error = Some(message);
            }
            OwnerFormAction::Submit => {
                if next.busy {
                    return self;
                }
                next.touched = [true; 4];
                next.attempts += 1;
                next.banner = None;
                if next.is_valid() {
                    next.server_errors = Default::default();
                    next.busy = true;
                    next.submit_seq += 1;
                }
            }
            OwnerFormAction::Failed(error) => {
                next.busy = false;
                next.attempts += 1;
                match error.field.as_deref().and_then(OwnerField::from_api_name) {
                    Some(field) => next.server_errors[field.index()] = Some(error.message),
                    None => next.banner = Some(error.message),
                }
            }
            OwnerFormAction::Succeeded => {
                next.busy = false;
                next.password.clear();
                next.password_confirm.clear();
            }
            OwnerFormAction::DismissBanner => {
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
    use keydesk_api::{ErrorCode, StrengthBand};

    fn apply(form: OwnerForm, actions: impl IntoIterator<Item = OwnerFormAction>) -> OwnerForm {
        let mut state = Rc::new(form);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn filled() -> OwnerForm {
        apply(
            OwnerForm::default(),
            [
                OwnerFormAction::Edit(OwnerField::Email, "olive@agency.test".into()),
                OwnerFormAction::Edit(OwnerField::DisplayName, "Olive".into()),
                OwnerFormAction::Edit(OwnerField::Password, "correct horse battery".into()),
                OwnerFormAction::Edit(OwnerField::PasswordConfirm, "correct horse battery".into()),
            ],
        )
    }

    fn strong() -> PasswordStrength {
        PasswordStrength {
            score: 4,
            band: StrengthBand::VeryStrong,
            acceptable: true,
            hint: None,
        }
    }

    #[test]
    fn email_shape_check() {
        for good in ["a@b.co", "olive.owner@agency.test", "  x@y.z  "] {
            assert!(looks_like_email(good), "{good}");
        }
        for bad in [
            "",
            "olive",
            "@agency.test",
            "olive@",
            "olive@agency",
            "o@a..b",
            "o p@a.b",
            "a@b@c.d",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }

    #[test]
    fn fields_map_to_ids_and_api_names() {
        assert_eq!(OwnerField::Email.input_id(), "owner-email");
        assert_eq!(
            OwnerField::PasswordConfirm.input_id(),
            "owner-password-confirm"
        );
        assert_eq!(OwnerField::DisplayName.input_id(), "owner-name");
        assert_eq!(
            OwnerField::from_api_name("password_confirm"),
            Some(OwnerField::PasswordConfirm)
        );
        assert_eq!(
            OwnerField::from_api_name("display_name"),
            Some(OwnerField::DisplayName)
        );
        assert_eq!(OwnerField::from_api_name("nickname"), None);
    }

    #[test]
    fn errors_wait_until_a_field_is_left() {
        let typing = apply(
            OwnerForm::default(),
            [OwnerFormAction::Edit(OwnerField::Email, "oli".into())],
        );
        assert_eq!(typing.field_error(OwnerField::Email), None);
        let left = apply(typing, [OwnerFormAction::Blur(OwnerField::Email)]);
        assert!(left.field_error(OwnerField::Email).is_some());
        let fixed = apply(
            left,
            [OwnerFormAction::Edit(
                OwnerField::Email,
                "olive@agency.test".into(),
            )],
        );
        assert_eq!(fixed.field_error(OwnerField::Email), None);
    }

    #[test]
    fn short_password_is_refused_with_a_count() {
        let form = apply(
            OwnerForm::default(),
            [
                OwnerFormAction::Edit(OwnerField::Password, "short".into()),
                OwnerFormAction::Blur(OwnerField::Password),
            ],
        );
        assert_eq!(
            form.field_error(OwnerField::Password).as_deref(),
            Some("Use at least 10 characters (5 so far).")
        );
    }

    #[test]
    fn confirmation_must_match() {
        let form = apply(
            filled(),
            [
                OwnerFormAction::Edit(OwnerField::PasswordConfirm, "correct horse".into()),
                OwnerFormAction::Blur(OwnerField::PasswordConfirm),
            ],
        );
        assert_eq!(
            form.field_error(OwnerField::PasswordConfirm).as_deref(),
            Some("The passwords do not match.")
        );
        assert!(!form.is_valid());
    }

    #[test]
    fn mismatch_shows_while_typing_once_it_cannot_match() {
        let form = apply(
            OwnerForm::default(),
            [
                OwnerFormAction::Edit(OwnerField::Password, "correct horse battery".into()),
                OwnerFormAction::Edit(OwnerField::PasswordConfirm, "corr".into()),
            ],
        );
        assert_eq!(form.field_error(OwnerField::PasswordConfirm), None);
        let off = apply(
            form,
            [OwnerFormAction::Edit(
                OwnerField::PasswordConfirm,
                "corx".into(),
            )],
        );
        assert!(off.field_error(OwnerField::PasswordConfirm).is_some());
    }

    #[test]
    fn refused_submit_shows_every_error_and_sends_nothing() {
        let form = apply(OwnerForm::default(), [OwnerFormAction::Submit]);
        assert!(!form.busy);
        assert_eq!(form.submit_seq, 0);
        assert_eq!(form.first_error_field(), Some(OwnerField::Email));
        for field in OwnerField::ALL {
            assert!(form.field_error(field).is_some(), "{field:?}");
        }
    }

    #[test]
    fn valid_submit_starts_one_request() {
        let form = apply(filled(), [OwnerFormAction::Submit]);
        assert!(form.busy);
        assert_eq!(form.submit_seq, 1);
        let again = apply(form.clone(), [OwnerFormAction::Submit]);
        assert_eq!(
            again.submit_seq, 1,
            "a second Enter while busy sends nothing"
        );
        let request = form.request();
        assert_eq!(request.email, "olive@agency.test");
        assert_eq!(request.password, request.password_confirm);
    }

    #[test]
    fn request_trims_email_and_name_but_not_passwords() {
        let form = apply(
            filled(),
            [
                OwnerFormAction::Edit(OwnerField::Email, " olive@agency.test ".into()),
                OwnerFormAction::Edit(OwnerField::DisplayName, " Olive ".into()),
                OwnerFormAction::Edit(OwnerField::Password, " spaced out pass ".into()),
            ],
        );
        let request = form.request();
        assert_eq!(request.email, "olive@agency.test");
        assert_eq!(request.display_name, "Olive");
        assert_eq!(request.password, " spaced out pass ");
    }

    #[test]
    fn server_field_errors_land_on_their_field_until_edited() {
        let form = apply(
            filled(),
            [
                OwnerFormAction::Submit,
                OwnerFormAction::Failed(Error::for_field("password", "Too common.")),
            ],
        );
        assert!(!form.busy);
        assert_eq!(form.banner, None);
        assert_eq!(
            form.field_error(OwnerField::Password).as_deref(),
            Some("Too common.")
        );
        assert_eq!(form.first_error_field(), Some(OwnerField::Password));
        let edited = apply(
            form,
            [OwnerFormAction::Edit(
                OwnerField::Password,
                "another long password".into(),
            )],
        );
        assert_eq!(edited.field_error(OwnerField::Password), None);
    }

    #[test]
    fn other_server_errors_go_to_the_banner() {
        let form = apply(
            filled(),
            [
                OwnerFormAction::Submit,
                OwnerFormAction::Failed(Error::new(
                    ErrorCode::Conflict,
                    "An owner already exists.",
                )),
            ],
        );
        assert_eq!(form.banner.as_deref(), Some("An owner already exists."));
        let unknown_field = apply(
            filled(),
            [
                OwnerFormAction::Submit,
                OwnerFormAction::Failed(Error::for_field("agency", "Nope.")),
            ],
        );
        assert_eq!(unknown_field.banner.as_deref(), Some("Nope."));
        let dismissed = apply(form, [OwnerFormAction::DismissBanner]);
        assert_eq!(dismissed.banner, None);
    }

    #[test]
    fn stale_strength_readings_are_dropped() {
        let form = filled();
        let rev = form.password_rev;
        let typed_more = apply(
            form,
            [OwnerFormAction::Edit(
                OwnerField::Password,
                "correct horse battery staple".into(),
            )],
        );
        let stale = apply(
            typed_more.clone(),
            [OwnerFormAction::StrengthLoaded {
                rev,
                strength: strong(),
            }],
        );
        assert_eq!(stale.strength, None);
        let fresh = apply(
            typed_more.clone(),
            [OwnerFormAction::StrengthLoaded {
                rev: typed_more.password_rev,
                strength: strong(),
            }],
        );
        assert_eq!(fresh.strength, Some(strong()));
    }

    #[test]
    fn clearing_the_password_clears_the_meter() {
        let form = filled();
        let rev = form.password_rev;
        let read = apply(
            form,
            [
                OwnerFormAction::StrengthLoaded {
                    rev,
                    strength: strong(),
                },
                OwnerFormAction::Edit(OwnerField::Password, String::new()),
            ],
        );
        assert_eq!(read.strength, None);
        assert_eq!(read.strength_request(), None);
    }

    #[test]
    fn a_failed_reading_is_shown_until_the_next_one() {
        let form = filled();
        let rev = form.password_rev;
        let failed = apply(
            form,
            [OwnerFormAction::StrengthFailed {
                rev,
                message: "The strength check failed.".into(),
            }],
        );
        assert_eq!(
            failed.strength_error.as_deref(),
            Some("The strength check failed.")
        );
        let typed = apply(
            failed,
            [OwnerFormAction::Edit(
                OwnerField::Password,
                "something else entirely".into(),
            )],
        );
        assert_eq!(typed.strength_error, None);
    }

    #[test]
    fn strength_request_names_the_person() {
        let request = filled().strength_request().unwrap();
        assert_eq!(request.user_inputs, ["olive@agency.test", "Olive"]);
    }

    #[test]
    fn debug_output_hides_passwords() {
        let shown = format!("{:?}", filled());
        assert!(!shown.contains("battery"), "{shown}");
    }
}
