//! The first-run form that creates the owner account.
//!
//! The checks here only spare the person a round trip; the shell parses everything
//! again and its field errors win.

use std::fmt;

use keydesk_api::{CreateOwnerRequest, WindowPreferences};

use crate::form::{self, FormMeta, FormState};
use crate::words::Said;

/// Shortest password the form lets through (the shell enforces its own policy).
pub const MIN_PASSWORD_CHARS: usize = 10;

form::fields! {
    pub enum OwnerField {
        Email = "email" => "owner-email",
        DisplayName = "display_name" => "owner-name",
        Password = "password" => "owner-password",
        PasswordConfirm = "password_confirm" => "owner-password-confirm",
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

/// The check of a new password and its confirmation, shared by every form that sets one.
pub fn new_password_error(password: &str) -> Option<Said> {
    let chars = password.chars().count();
    (chars < MIN_PASSWORD_CHARS).then(|| {
        Said::id("check-password-short")
            .arg("min", MIN_PASSWORD_CHARS)
            .arg("chars", chars)
    })
}

/// Say "do not match" while typing the confirmation as soon as it cannot match.
pub fn confirm_diverges(password: &str, confirm: &str) -> bool {
    !confirm.is_empty() && !password.starts_with(confirm)
}

#[derive(Clone, PartialEq, Eq, Default)]
pub struct OwnerForm {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub password_confirm: String,
    pub show_password: bool,
    pub meta: FormMeta<OwnerField>,
}

impl fmt::Debug for OwnerForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnerForm")
            .field("email", &self.email)
            .field("display_name", &self.display_name)
            .field("password", &"<redacted>")
            .field("password_confirm", &"<redacted>")
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

pub enum OwnerAction {
    ToggleShowPassword,
    /// Created: the passwords are forgotten.
    Succeeded,
}

impl OwnerForm {
    /// The request; `window` is a language chosen on the screen, the owner's own.
    pub fn request(&self, window: Option<WindowPreferences>) -> CreateOwnerRequest {
        CreateOwnerRequest {
            email: self.email.trim().to_owned(),
            display_name: self.display_name.trim().to_owned(),
            password: self.password.clone(),
            password_confirm: self.password_confirm.clone(),
            window,
        }
    }

    /// The person's own words, which the strength check counts against the password.
    pub fn user_inputs(&self) -> Vec<String> {
        [self.email.trim(), self.display_name.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

impl FormState for OwnerForm {
    type Field = OwnerField;
    type Own = OwnerAction;

    form::meta_in_field!();

    form::text_values!(
        OwnerField::Email => email,
        OwnerField::DisplayName => display_name,
        OwnerField::Password => password,
        OwnerField::PasswordConfirm => password_confirm,
    );

    fn edited(&mut self, field: OwnerField) {
        if field == OwnerField::Password {
            // A "do not match" from the shell no longer holds either.
            self.meta.clear_server_error(OwnerField::PasswordConfirm);
        }
    }

    fn check(&self, field: OwnerField) -> Option<Said> {
        let id = match field {
            OwnerField::Email if self.email.trim().is_empty() => "check-owner-email-missing",
            OwnerField::Email if !looks_like_email(&self.email) => "staff-add-email-odd",
            OwnerField::DisplayName if self.display_name.trim().is_empty() => {
                "check-owner-name-missing"
            }
            OwnerField::Password if self.password.is_empty() => "check-password-missing",
            OwnerField::Password => return new_password_error(&self.password),
            OwnerField::PasswordConfirm if self.password_confirm.is_empty() => {
                "check-password-again"
            }
            OwnerField::PasswordConfirm if self.password_confirm != self.password => {
                "check-passwords-differ"
            }
            _ => return None,
        };
        Some(Said::id(id))
    }

    fn shows_early(&self, field: OwnerField) -> bool {
        field == OwnerField::PasswordConfirm
            && confirm_diverges(&self.password, &self.password_confirm)
    }

    fn own(&mut self, action: OwnerAction) -> bool {
        match action {
            OwnerAction::ToggleShowPassword => self.show_password = !self.show_password,
            OwnerAction::Succeeded => {
                self.meta.busy = false;
                self.password.clear();
                self.password_confirm.clear();
            }
        }
        true
    }
}

form::reducible!(OwnerForm);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Field;
    use crate::form::FormAction;
    use std::rc::Rc;
    use yew::prelude::*;

    fn apply(
        form: OwnerForm,
        actions: impl IntoIterator<Item = FormAction<OwnerField, OwnerAction>>,
    ) -> OwnerForm {
        let mut state = Rc::new(form);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn edit(field: OwnerField, value: &str) -> FormAction<OwnerField, OwnerAction> {
        FormAction::Edit(field, value.into())
    }

    fn filled() -> OwnerForm {
        apply(
            OwnerForm::default(),
            [
                edit(OwnerField::Email, "olive@agency.test"),
                edit(OwnerField::DisplayName, "Olive"),
                edit(OwnerField::Password, "correct horse battery"),
                edit(OwnerField::PasswordConfirm, "correct horse battery"),
            ],
        )
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
    }

    #[test]
    fn short_password_is_refused_with_a_count() {
        let form = apply(
            OwnerForm::default(),
            [
                edit(OwnerField::Password, "short"),
                FormAction::Blur(OwnerField::Password),
            ],
        );
        assert_eq!(
            crate::words::in_english(form.field_error(OwnerField::Password)).as_deref(),
            Some("Use at least 10 characters (5 so far).")
        );
        assert_eq!(
            crate::words::in_persian(form.field_error(OwnerField::Password)).as_deref(),
            Some("دست‌کم \u{2068}۱۰\u{2069} نویسه به کار ببرید (تاکنون \u{2068}۵\u{2069}).")
        );
    }

    #[test]
    fn confirmation_must_match() {
        let form = apply(
            filled(),
            [
                edit(OwnerField::PasswordConfirm, "correct horse"),
                FormAction::Blur(OwnerField::PasswordConfirm),
            ],
        );
        assert_eq!(
            crate::words::in_english(form.field_error(OwnerField::PasswordConfirm)).as_deref(),
            Some("The passwords do not match.")
        );
        assert!(!form.is_valid());
    }

    #[test]
    fn mismatch_shows_while_typing_once_it_cannot_match() {
        let form = apply(
            OwnerForm::default(),
            [
                edit(OwnerField::Password, "correct horse battery"),
                edit(OwnerField::PasswordConfirm, "corr"),
            ],
        );
        assert_eq!(form.field_error(OwnerField::PasswordConfirm), None);
        let off = apply(form, [edit(OwnerField::PasswordConfirm, "corx")]);
        assert!(off.field_error(OwnerField::PasswordConfirm).is_some());
    }

    #[test]
    fn refused_submit_shows_every_error() {
        let form = apply(OwnerForm::default(), [FormAction::Submit]);
        assert_eq!(form.meta.submit_seq, 0);
        for &field in OwnerField::ALL {
            assert!(form.field_error(field).is_some(), "{field:?}");
        }
        assert!(filled().is_valid());
    }

    #[test]
    fn request_trims_email_and_name_but_not_passwords() {
        let form = apply(
            filled(),
            [
                edit(OwnerField::Email, " olive@agency.test "),
                edit(OwnerField::DisplayName, " Olive "),
                edit(OwnerField::Password, " spaced out pass "),
            ],
        );
        let request = form.request(None);
        assert_eq!(request.email, "olive@agency.test");
        assert_eq!(request.display_name, "Olive");
        assert_eq!(request.password, " spaced out pass ");
    }

    #[test]
    fn a_new_password_clears_the_shells_mismatch() {
        let form = apply(
            filled(),
            [
                FormAction::Submit,
                FormAction::Failed(keydesk_api::Error::for_field(
                    "password_confirm",
                    "The passwords do not match.",
                )),
                edit(OwnerField::Password, "another long password"),
            ],
        );
        assert_eq!(form.meta.server_error(OwnerField::PasswordConfirm), None);
    }

    #[test]
    fn success_forgets_the_passwords() {
        let form = apply(
            filled(),
            [FormAction::Submit, FormAction::Own(OwnerAction::Succeeded)],
        );
        assert!(!form.meta.busy);
        assert_eq!(
            (form.password.as_str(), form.password_confirm.as_str()),
            ("", "")
        );
    }

    #[test]
    fn strength_check_counts_the_persons_words() {
        assert_eq!(filled().user_inputs(), ["olive@agency.test", "Olive"]);
    }

    #[test]
    fn debug_output_hides_passwords() {
        let shown = format!("{:?}", filled());
        assert!(!shown.contains("battery"), "{shown}");
    }
}
