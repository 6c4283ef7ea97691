//! Changing one's own password: on the "Choose your own password" screen after a
//! temporary one, and on My account. The checks here only spare a round trip; the
//! shell's field errors win.

use std::fmt;

use keydesk_api::{ChangePasswordRequest, Error, ErrorCode};

use super::owner_form::{confirm_diverges, new_password_error};
use crate::form::{self, Field, FormMeta, FormState};
use crate::words::Said;

form::fields! {
    /// Ids: Without the form's prefix (see [`PasswordField::prefixed_id`]).
    pub enum PasswordField {
        Current = "current_password" => "current-password",
        New = "new_password" => "new-password",
        Confirm = "new_password_confirm" => "new-password-confirm",
    }
}

impl PasswordField {
    /// The input's element id: `current-password` on the choose screen,
    /// `account-current-password` with the prefix `account-` (a contract with the tests).
    pub fn prefixed_id(self, prefix: &str) -> String {
        format!("{prefix}{}", self.input_id())
    }
}

#[derive(Clone, PartialEq, Eq, Default)]
pub struct PasswordForm {
    pub current: String,
    pub new: String,
    pub confirm: String,
    pub show_password: bool,
    /// The last change went through (until the next edit).
    pub saved: bool,
    pub meta: FormMeta<PasswordField>,
}

impl fmt::Debug for PasswordForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordForm")
            .field("current", &"<redacted>")
            .field("new", &"<redacted>")
            .field("confirm", &"<redacted>")
            .field("saved", &self.saved)
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

pub enum PasswordAction {
    ToggleShowPassword,
    /// Changed: the fields are emptied so no password stays in the page.
    Succeeded,
}

impl PasswordForm {
    pub fn request(&self) -> ChangePasswordRequest {
        ChangePasswordRequest {
            current_password: self.current.clone(),
            new_password: self.new.clone(),
            new_password_confirm: self.confirm.clone(),
        }
    }
}

impl FormState for PasswordForm {
    type Field = PasswordField;
    type Own = PasswordAction;

    form::meta_in_field!();

    form::text_values!(
        PasswordField::Current => current,
        PasswordField::New => new,
        PasswordField::Confirm => confirm,
    );

    fn edited(&mut self, field: PasswordField) {
        self.saved = false;
        if field == PasswordField::New {
            self.meta.clear_server_error(PasswordField::Confirm);
        }
    }

    fn check(&self, field: PasswordField) -> Option<Said> {
        let id = match field {
            PasswordField::Current if self.current.is_empty() => "check-current-password-missing",
            PasswordField::New if self.new.is_empty() => "check-new-password-missing",
            PasswordField::New if new_password_error(&self.new).is_some() => {
                return new_password_error(&self.new)
            }
            PasswordField::New if self.new == self.current => "check-new-password-same",
            PasswordField::Confirm if self.confirm.is_empty() => "check-new-password-again",
            PasswordField::Confirm if self.confirm != self.new => "check-passwords-differ",
            _ => return None,
        };
        Some(Said::id(id))
    }

    fn shows_early(&self, field: PasswordField) -> bool {
        field == PasswordField::Confirm && confirm_diverges(&self.new, &self.confirm)
    }

    fn failed_field(&self, error: &Error) -> Option<PasswordField> {
        match error.field.as_deref() {
            Some(name) => PasswordField::from_api_name(name),
            // A wrong current password, said without a field.
            None if error.code == ErrorCode::InvalidCredentials => Some(PasswordField::Current),
            None => None,
        }
    }

    fn on_failed(&mut self, field: Option<PasswordField>) {
        if field == Some(PasswordField::Current) {
            self.current.clear();
        }
    }

    /// "Changed" is for the last change only.
    fn on_submit(&mut self) {
        self.saved = false;
    }

    fn own(&mut self, action: PasswordAction) -> bool {
        match action {
            PasswordAction::ToggleShowPassword => self.show_password = !self.show_password,
            PasswordAction::Succeeded => {
                self.current.clear();
                self.new.clear();
                self.confirm.clear();
                self.saved = true;
                self.meta.reset();
            }
        }
        true
    }
}

form::reducible!(PasswordForm);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormAction;
    use std::rc::Rc;
    use yew::prelude::*;

    fn apply(
        form: PasswordForm,
        actions: impl IntoIterator<Item = FormAction<PasswordField, PasswordAction>>,
    ) -> PasswordForm {
        let mut state = Rc::new(form);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn edit(field: PasswordField, value: &str) -> FormAction<PasswordField, PasswordAction> {
        FormAction::Edit(field, value.into())
    }

    fn filled() -> PasswordForm {
        apply(
            PasswordForm::default(),
            [
                edit(PasswordField::Current, "Tmp-4kq9-ZZp2-x7"),
                edit(PasswordField::New, "plum orbit lantern 9"),
                edit(PasswordField::Confirm, "plum orbit lantern 9"),
            ],
        )
    }

    #[test]
    fn ids_and_api_names() {
        assert_eq!(PasswordField::Current.prefixed_id(""), "current-password");
        assert_eq!(
            PasswordField::Confirm.prefixed_id("account-"),
            "account-new-password-confirm"
        );
        for &field in PasswordField::ALL {
            assert_eq!(PasswordField::from_api_name(field.api_name()), Some(field));
        }
    }

    #[test]
    fn an_empty_submit_shows_every_error() {
        let form = apply(PasswordForm::default(), [FormAction::Submit]);
        assert_eq!(form.meta.submit_seq, 0);
        for &field in PasswordField::ALL {
            assert!(form.field_error(field).is_some(), "{field:?}");
        }
        assert!(filled().is_valid());
    }

    #[test]
    fn the_new_password_must_be_long_new_and_confirmed() {
        let short = apply(
            PasswordForm::default(),
            [
                edit(PasswordField::New, "short"),
                FormAction::Blur(PasswordField::New),
            ],
        );
        assert_eq!(
            crate::words::in_english(short.field_error(PasswordField::New)).as_deref(),
            Some("Use at least 10 characters (5 so far).")
        );
        let same = apply(
            filled(),
            [
                edit(PasswordField::New, "Tmp-4kq9-ZZp2-x7"),
                FormAction::Submit,
            ],
        );
        assert!(same.field_error(PasswordField::New).is_some());
        let typo = apply(filled(), [edit(PasswordField::Confirm, "plum orbit x")]);
        assert_eq!(
            crate::words::in_english(typo.field_error(PasswordField::Confirm)).as_deref(),
            Some("The passwords do not match."),
            "said while typing, once it cannot match"
        );
    }

    #[test]
    fn a_wrong_current_password_is_cleared_and_said_next_to_it() {
        let wrong = apply(
            filled(),
            [
                FormAction::Submit,
                FormAction::Failed(Error::new(
                    ErrorCode::InvalidCredentials,
                    "The current password is not right.",
                )),
            ],
        );
        assert_eq!(
            crate::words::in_english(wrong.field_error(PasswordField::Current)).as_deref(),
            Some("The current password is not right.")
        );
        assert_eq!(wrong.current, "", "type it again");
        assert_eq!(wrong.focus_target(), Some(PasswordField::Current));
        let request = filled().request();
        assert_eq!(request.current_password, "Tmp-4kq9-ZZp2-x7");
        assert_eq!(request.new_password, request.new_password_confirm);
    }

    #[test]
    fn success_forgets_every_password() {
        let form = apply(
            filled(),
            [
                FormAction::Submit,
                FormAction::Own(PasswordAction::Succeeded),
            ],
        );
        assert!(form.saved);
        assert!(!form.meta.busy);
        assert_eq!(
            (
                form.current.as_str(),
                form.new.as_str(),
                form.confirm.as_str()
            ),
            ("", "", "")
        );
        assert_eq!(
            form.field_error(PasswordField::Current),
            None,
            "no errors on the empty form"
        );
        let typing = apply(form.clone(), [edit(PasswordField::Current, "x")]);
        assert!(!typing.saved);
        let again = apply(form, [FormAction::Submit]);
        assert!(!again.saved);
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
