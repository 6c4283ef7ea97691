use crate::Role;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffStatus {
    Active,
    Disabled,
}

/// A row of the staff list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub status: StaffStatus,
    /// Still on a temporary password: must choose their own at next sign-in.
    pub must_change_password: bool,
    /// RFC 3339, `None` if never signed in.
    pub last_sign_in_at: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AddStaffRequest {
    pub email: String,
    pub display_name: String,
    /// `agent` or `admin`; a new owner is made by changing an existing member's role.
    pub role: Option<Role>,
}

/// A member with a freshly generated temporary password, shown once.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffWithTemporaryPassword {
    pub member: StaffMember,
    pub temporary_password: String,
}

impl fmt::Debug for StaffWithTemporaryPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaffWithTemporaryPassword")
            .field("member", &self.member)
            .field("temporary_password", &"<redacted>")
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetStaffRoleRequest {
    pub staff_id: i64,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetStaffStatusRequest {
    pub staff_id: i64,
    pub status: StaffStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffIdRequest {
    pub staff_id: i64,
}
