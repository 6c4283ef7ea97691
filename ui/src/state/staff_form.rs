//! The "Add staff member" dialog.

use std::rc::Rc;

use keydesk_api::{AddStaffRequest, Error, Role};
use yew::prelude::*;

use super::owner_form::looks_like_email;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffField {
    Email,
    DisplayName,
    Role,
}

impl StaffField {
    /// Form order, which is also the tab order.
    pub const ALL: [StaffField; 3] = [StaffField::Email, StaffField::DisplayName, StaffField::Role];

    fn index(self) -> usize {
        self as usize
    }

    /// The input's element id (a contract with the end-to-end tests).
    pub fn input_id(self) -> &'static str {
        match self {
            StaffField::Email => "staff-email",
            StaffField::DisplayName => "staff-name",
            StaffField::Role => "staff-role",
        }
    }

    /// The name the shell uses in `Error::field`.
    pub fn api_name(self) -> &'static str {
        match self {
            StaffField::Email => "email",
            StaffField::DisplayName => "display_name",
            StaffField::Role => "role",
        }
    }

    pub fn from_api_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.api_name() == name)
    }
}

/// The roles a new member can be given; an owner is made by changing a member's role.
pub const NEW_MEMBER_ROLES: [Role; 2] = [Role::Agent, Role::Admin];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddStaffForm {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    touched: [bool; 3],
    server_errors: [Option<String>; 3],
    /// An error that concerns no single field (e.g. not allowed).
    pub banner: Option<String>,
    /// An `add_staff` call is running.
    pub busy: bool,
    /// Bumped when a submit is accepted; the effect that sends the request keys on it.
    pub submit_seq: u64,
    /// Bumped on every refused attempt, so the view can move focus to the first error.
    pub attempts: u64,
}

impl Default for AddStaffForm {
    fn default() -> Self {
        Self {
            email: String::new(),
            display_name: String::new(),
            role: Role::Agent,
            touched: [false; 3],
            server_errors: Default::default(),
            banner: None,
            busy: false,
            submit_seq: 0,
            attempts: 0,
        }
    }
}

pub enum AddStaffAction {
    EditEmail(String),
    EditName(String),
    ChooseRole(Role),
    Blur(StaffField),
    Submit,
    Failed(Error),
    DismissBanner,
}

impl AddStaffForm {
    pub fn client_error(&self, field: StaffField) -> Option<String> {
        let message = match field {
            StaffField::Email if self.email.trim().is_empty() => {
                "Enter the email address they will sign in with."
            }
            StaffField::Email if !looks_like_email(&self.email) => {
                "This does not look like an email address (name@agency.com)."
            }
            StaffField::DisplayName if self.display_name.trim().is_empty() => {
                "Enter the name colleagues will see."
            }
            _ => return None,
        };
        Some(message.to_owned())
    }

    pub fn field_error(&self, field: StaffField) -> Option<String> {
        if let Some(server) = &self.server_errors[field.index()] {
            return Some(server.clone());
        }
        if self.touched[field.index()] {
            self.client_error(field)
        } else {
            None
        }
    }

    pub fn first_error_field(&self) -> Option<StaffField> {
        StaffField::ALL
            .into_iter()
            .find(|&f| self.field_error(f).is_some())
    }

    pub fn request(&self) -> AddStaffRequest {
        AddStaffRequest {
            email: self.email.trim().to_owned(),
            display_name: self.display_name.trim().to_owned(),
            role: Some(self.role),
        }
    }
}

impl Reducible for AddStaffForm {
    type Action = AddStaffAction;

    fn reduce(self: Rc<Self>, action: AddStaffAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            AddStaffAction::EditEmail(email) => {
                next.email = email;
                next.server_errors[StaffField::Email.index()] = None;
            }
            AddStaffAction::EditName(name) => {
                next.display_name = name;
                next.server_errors[StaffField::DisplayName.index()] = None;
            }
            AddStaffAction::ChooseRole(role) => {
                next.role = role;
                next.server_errors[StaffField::Role.index()] = None;
            }
            AddStaffAction::Blur(field) => {
                if next.touched[field.index()] {
                    return self;
                }
                next.touched[field.index()] = true;
            }
            AddStaffAction::Submit => {
                if next.busy {
                    return self;
                }
                next.touched = [true; 3];
                next.attempts += 1;
                next.banner = None;
                let valid = StaffField::ALL
                    .into_iter()
                    .all(|f| next.client_error(f).is_none());
                if valid {
                    next.server_errors = Default::default();
                    next.busy = true;
                    next.submit_seq += 1;
                }
            }
            AddStaffAction::Failed(error) => {
                next.busy = false;
                next.attempts += 1;
                match error.field.as_deref().and_then(StaffField::from_api_name) {
                    Some(field) => next.server_errors[field.index()] = Some(error.message),
                    None => next.banner = Some(error.message),
                }
            }
            AddStaffAction::DismissBanner => {
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
    use keydesk_api::ErrorCode;

    fn apply(
        form: AddStaffForm,
        actions: impl IntoIterator<Item = AddStaffAction>,
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
        let admin = apply(form, [AddStaffAction::ChooseRole(Role::Admin)]);
        assert_eq!(admin.request().role, Some(Role::Admin));
    }

    #[test]
    fn empty_or_odd_fields_are_refused_without_a_request() {
        let form = apply(
            AddStaffForm::default(),
            [
                AddStaffAction::EditEmail("alex".into()),
                AddStaffAction::Submit,
            ],
        );
        assert_eq!(form.submit_seq, 0);
        assert_eq!(form.first_error_field(), Some(StaffField::Email));
        assert!(form.field_error(StaffField::DisplayName).is_some());
        assert_eq!(form.field_error(StaffField::Role), None);
    }

    #[test]
    fn a_valid_form_is_sent_once_trimmed() {
        let form = apply(
            AddStaffForm::default(),
            [
                AddStaffAction::EditEmail(" agent@agency.test ".into()),
                AddStaffAction::EditName("Alex Agent ".into()),
                AddStaffAction::Submit,
                AddStaffAction::Submit,
            ],
        );
        assert!(form.busy);
        assert_eq!(form.submit_seq, 1);
        assert_eq!(
            form.request(),
            AddStaffRequest {
                email: "agent@agency.test".into(),
                display_name: "Alex Agent".into(),
                role: Some(Role::Agent),
            }
        );
    }

    #[test]
    fn shell_errors_land_on_their_field_or_the_banner() {
        let sent = apply(
            AddStaffForm::default(),
            [
                AddStaffAction::EditEmail("agent@agency.test".into()),
                AddStaffAction::EditName("Alex Agent".into()),
                AddStaffAction::Submit,
            ],
        );
        let taken = apply(
            sent.clone(),
            [AddStaffAction::Failed(Error {
                code: ErrorCode::Conflict,
                message: "Someone already signs in with this email.".into(),
                field: Some("email".into()),
            })],
        );
        assert!(!taken.busy);
        assert_eq!(
            taken.field_error(StaffField::Email).as_deref(),
            Some("Someone already signs in with this email.")
        );
        let edited = apply(
            taken,
            [AddStaffAction::EditEmail("alex@agency.test".into())],
        );
        assert_eq!(edited.field_error(StaffField::Email), None);

        let role = apply(
            sent.clone(),
            [AddStaffAction::Failed(Error::for_field(
                "role",
                "Not allowed.",
            ))],
        );
        assert_eq!(
            role.field_error(StaffField::Role).as_deref(),
            Some("Not allowed.")
        );
        let refused = apply(
            sent,
            [AddStaffAction::Failed(Error::new(
                ErrorCode::Forbidden,
                "Only owners and admins add staff.",
            ))],
        );
        assert_eq!(
            refused.banner.as_deref(),
            Some("Only owners and admins add staff.")
        );
    }
}
