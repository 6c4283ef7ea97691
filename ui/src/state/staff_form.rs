//! The "Add staff member" dialog.

use keydesk_api::{AddStaffRequest, Role};

use super::owner_form::looks_like_email;
use crate::form::{self, FormMeta, FormState};
use crate::words::Said;

form::fields! {
    pub enum StaffField {
        Email = "email" => "staff-email",
        DisplayName = "display_name" => "staff-name",
        Role = "role" => "staff-role",
    }
}

/// The roles a new member can be given; an owner is made by changing a member's role.
pub const NEW_MEMBER_ROLES: [Role; 2] = [Role::Agent, Role::Admin];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddStaffForm {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub meta: FormMeta<StaffField>,
}

impl Default for AddStaffForm {
    fn default() -> Self {
        Self {
            email: String::new(),
            display_name: String::new(),
            role: Role::Agent,
            meta: FormMeta::default(),
        }
    }
}

impl AddStaffForm {
    pub fn request(&self) -> AddStaffRequest {
        AddStaffRequest {
            email: self.email.trim().to_owned(),
            display_name: self.display_name.trim().to_owned(),
            role: Some(self.role),
        }
    }
}

impl FormState for AddStaffForm {
    type Field = StaffField;
    type Own = ();

    form::meta_in_field!();

    fn value(&self, field: StaffField) -> &str {
        match field {
            StaffField::Email => &self.email,
            StaffField::DisplayName => &self.display_name,
            StaffField::Role => self.role.as_str(),
        }
    }

    fn set(&mut self, field: StaffField, value: String) {
        match field {
            StaffField::Email => self.email = value,
            StaffField::DisplayName => self.display_name = value,
            StaffField::Role => {
                if let Ok(role) = value.parse() {
                    self.role = role;
                }
            }
        }
    }

    fn check(&self, field: StaffField) -> Option<Said> {
        let id = match field {
            StaffField::Email if self.email.trim().is_empty() => "staff-add-email-missing",
            StaffField::Email if !looks_like_email(&self.email) => "staff-add-email-odd",
            StaffField::DisplayName if self.display_name.trim().is_empty() => {
                "staff-add-name-missing"
            }
            _ => return None,
        };
        Some(Said::id(id))
    }
}

form::reducible!(AddStaffForm);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormAction;
    use crate::words::{in_english, in_persian};
    use std::rc::Rc;
    use yew::prelude::*;

    fn apply(
        form: AddStaffForm,
        actions: impl IntoIterator<Item = FormAction<StaffField>>,
    ) -> AddStaffForm {
        let mut state = Rc::new(form);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    #[test]
    fn a_new_member_is_an_agent_unless_chosen_otherwise() {
        let form = AddStaffForm::default();
        assert_eq!(form.role, Role::Agent);
        assert_eq!(NEW_MEMBER_ROLES[0], Role::Agent);
        let admin = apply(form, [FormAction::Edit(StaffField::Role, "admin".into())]);
        assert_eq!(admin.request().role, Some(Role::Admin));
        let odd = apply(admin, [FormAction::Edit(StaffField::Role, "boss".into())]);
        assert_eq!(odd.role, Role::Admin);
    }

    #[test]
    fn empty_or_odd_fields_are_refused() {
        let form = apply(
            AddStaffForm::default(),
            [
                FormAction::Edit(StaffField::Email, "alex".into()),
                FormAction::Submit,
            ],
        );
        assert_eq!(form.meta.submit_seq, 0);
        assert_eq!(form.first_error_field(), Some(StaffField::Email));
        assert_eq!(
            in_english(form.field_error(StaffField::Email)).as_deref(),
            Some("This does not look like an email address (name@agency.com).")
        );
        assert_eq!(
            in_english(form.field_error(StaffField::DisplayName)).as_deref(),
            Some("Enter the name colleagues will see.")
        );
        assert_eq!(
            in_persian(form.field_error(StaffField::DisplayName)).as_deref(),
            Some("نامی را که همکاران می‌بینند بنویسید.")
        );
        assert_eq!(form.field_error(StaffField::Role), None);
        let blank = apply(
            AddStaffForm::default(),
            [FormAction::Blur(StaffField::Email)],
        );
        assert_eq!(
            in_english(blank.field_error(StaffField::Email)).as_deref(),
            Some("Enter the email address they will sign in with.")
        );
    }

    #[test]
    fn the_request_is_trimmed() {
        let form = apply(
            AddStaffForm::default(),
            [
                FormAction::Edit(StaffField::Email, " agent@agency.test ".into()),
                FormAction::Edit(StaffField::DisplayName, "Alex Agent ".into()),
            ],
        );
        assert!(form.is_valid());
        assert_eq!(
            form.request(),
            AddStaffRequest {
                email: "agent@agency.test".into(),
                display_name: "Alex Agent".into(),
                role: Some(Role::Agent),
            }
        );
    }
}
