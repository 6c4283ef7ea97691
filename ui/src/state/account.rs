//! My account: the display name form (the password form is [`super::password_form`]).

use keydesk_api::{ChangeDisplayNameRequest, Error};

use crate::form::{self, FormMeta, FormState};
use crate::words::Said;

form::fields! {
    pub struct NameField = "display_name" => "account-name";
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameForm {
    pub display_name: String,
    /// The last save went through (until the next edit).
    pub saved: bool,
    pub meta: FormMeta<NameField>,
}

/// Shown when the name is left empty.
pub const NAME_MISSING: &str = "check-account-name-missing";

impl NameForm {
    pub fn new(display_name: &str) -> Self {
        Self {
            display_name: display_name.to_owned(),
            ..Self::default()
        }
    }

    pub fn request(&self) -> ChangeDisplayNameRequest {
        ChangeDisplayNameRequest {
            display_name: self.display_name.trim().to_owned(),
        }
    }
}

impl FormState for NameForm {
    type Field = NameField;
    /// The name as saved.
    type Own = String;

    form::meta_in_field!();

    fn value(&self, _field: NameField) -> &str {
        &self.display_name
    }

    /// The check is said on save only, and forgotten on the next edit.
    fn set(&mut self, field: NameField, value: String) {
        self.display_name = value;
        self.saved = false;
        self.meta.untouch(field);
    }

    fn check(&self, _field: NameField) -> Option<Said> {
        self.display_name
            .trim()
            .is_empty()
            .then(|| Said::id(NAME_MISSING))
    }

    /// Whatever the shell says is about the name.
    fn failed_field(&self, _error: &Error) -> Option<NameField> {
        Some(NameField)
    }

    const MOVES_FOCUS: bool = false;

    /// "Saved" is for the last save only.
    fn on_submit(&mut self) {
        self.saved = false;
    }

    fn own(&mut self, name: String) -> bool {
        self.meta.busy = false;
        self.saved = true;
        self.display_name = name;
        true
    }
}

form::reducible!(NameForm);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormAction;
    use std::rc::Rc;
    use yew::prelude::*;

    fn apply(
        form: NameForm,
        actions: impl IntoIterator<Item = FormAction<NameField, String>>,
    ) -> NameForm {
        let mut state = Rc::new(form);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    #[test]
    fn an_empty_name_is_refused_until_the_next_edit() {
        let form = apply(
            NameForm::new("Olive"),
            [FormAction::Edit(NameField, "  ".into()), FormAction::Submit],
        );
        assert_eq!(
            crate::words::in_english(form.field_error(NameField)).as_deref(),
            Some("Enter the name your colleagues will see.")
        );
        assert_eq!(
            crate::words::in_persian(form.field_error(NameField)).as_deref(),
            Some("نامی را که همکاران‌تان می‌بینند بنویسید.")
        );
        assert_eq!(form.meta.submit_seq, 0);
        let typing = apply(form, [FormAction::Edit(NameField, "".into())]);
        assert_eq!(typing.field_error(NameField), None);
    }

    #[test]
    fn saving_sends_the_trimmed_name_and_shows_the_saved_one() {
        let form = apply(
            NameForm::new("Olive"),
            [
                FormAction::Edit(NameField, " Olivia Owner ".into()),
                FormAction::Submit,
            ],
        );
        assert_eq!(form.request().display_name, "Olivia Owner");
        let saved = apply(form, [FormAction::Own("Olivia Owner".into())]);
        assert!(saved.saved && !saved.meta.busy);
        assert_eq!(saved.display_name, "Olivia Owner");
        let edited = apply(saved.clone(), [FormAction::Edit(NameField, "Liv".into())]);
        assert!(!edited.saved);
        let again = apply(saved, [FormAction::Submit]);
        assert!(!again.saved);
    }

    #[test]
    fn every_refusal_from_the_shell_shows_under_the_name() {
        let form = apply(
            NameForm::new("Olive"),
            [
                FormAction::Submit,
                FormAction::Failed(Error::new(keydesk_api::ErrorCode::Internal, "Disk full.")),
            ],
        );
        assert_eq!(
            crate::words::in_english(form.field_error(NameField)).as_deref(),
            Some("Disk full.")
        );
        assert_eq!(form.meta.banner, None);
    }
}
