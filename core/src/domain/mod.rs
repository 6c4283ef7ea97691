//! Values that are valid by construction: raw input becomes one of these at the edge,
//! or is refused with a message fit to show next to the field it came from.

mod customer;
mod display_name;
mod field_error;
mod new_customer;
mod password;
mod password_hash;
mod staff_email;

pub use customer::{BirthDate, CustomerEmail, FreeText, PersonName, PhoneE164, RegionCode};
pub use display_name::DisplayName;
pub use field_error::FieldError;
pub use keydesk_api::Role;
pub use new_customer::NewCustomer;
pub use password::{estimate_strength, NewPassword, PlainPassword, MIN_PASSWORD_CHARS};
pub use password_hash::PasswordHash;
pub use staff_email::StaffEmail;

/// Primary key of a staff member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StaffId(pub i64);

/// Stable text form of a role, as stored in SQLite.
pub fn role_as_str(role: Role) -> &'static str {
    match role {
        Role::Owner => "owner",
        Role::Admin => "admin",
        Role::Agent => "agent",
    }
}

pub fn role_from_str(s: &str) -> Option<Role> {
    match s {
        "owner" => Some(Role::Owner),
        "admin" => Some(Role::Admin),
        "agent" => Some(Role::Agent),
        _ => None,
    }
}
