use crate::domain::{Role, StaffEmail, StaffId};
use keydesk_api::SessionInfo;

/// The staff member on whose behalf a service acts.
///
/// Only the sign-in and owner-creation services construct one, so holding an `Actor`
/// means someone really signed in; every service that needs authorization takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    id: StaffId,
    email: StaffEmail,
    display_name: String,
    role: Role,
}

impl Actor {
    pub(crate) fn new(id: StaffId, email: StaffEmail, display_name: String, role: Role) -> Self {
        Self {
            id,
            email,
            display_name,
            role,
        }
    }

    pub fn id(&self) -> StaffId {
        self.id
    }

    pub fn email(&self) -> &StaffEmail {
        &self.email
    }

    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn session_info(&self) -> SessionInfo {
        SessionInfo {
            staff_id: self.id.0,
            email: self.email.as_ref().to_owned(),
            display_name: self.display_name.clone(),
            role: self.role,
        }
    }
}
