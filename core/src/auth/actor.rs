use crate::domain::{Role, StaffEmail, StaffId};

/// The staff member on whose behalf a service acts.
///
/// Only the core's sign-in services construct one, so holding an `Actor` means someone
/// really signed in. Services re-read the member on every call (see
/// `Keydesk::authorize`), so a disabled member, a reset password or a changed role takes
/// effect at once: `session_version` is the number the session started with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    id: StaffId,
    email: StaffEmail,
    display_name: String,
    role: Role,
    must_change_password: bool,
    session_version: i64,
}

impl Actor {
    /// The member as just read from the store; only the sign-in services and
    /// `authorize` call it.
    pub(crate) fn new(
        id: StaffId,
        email: StaffEmail,
        display_name: String,
        role: Role,
        must_change_password: bool,
        session_version: i64,
    ) -> Self {
        Self {
            id,
            email,
            display_name,
            role,
            must_change_password,
            session_version,
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

    /// Signed in with a temporary password: only choosing a new one is allowed.
    pub fn must_change_password(&self) -> bool {
        self.must_change_password
    }

    pub(crate) fn session_version(&self) -> i64 {
        self.session_version
    }
}
