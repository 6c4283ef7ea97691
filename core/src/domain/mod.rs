//! Values that are valid by construction: raw input becomes one of these at the edge,
//! or is refused with a message fit to show next to the field it came from.

mod customer;
mod display_name;
mod field_error;
mod new_customer;
mod password;
mod password_hash;
#[cfg(test)]
mod properties;
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

/// Primary key of a customer; its own type so a customer's id cannot be passed where a
/// handoff's or a mail's is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, sqlx::Type)]
#[sqlx(transparent)]
pub struct CustomerId(pub i64);

/// Primary key of a password handoff; its own type so a handoff's id cannot be passed where
/// a customer's is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, sqlx::Type)]
#[sqlx(transparent)]
pub struct HandoffId(pub i64);

/// Primary key of a mail in the outbox; its own type so a mail's id cannot be passed where
/// a customer's or a handoff's is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, sqlx::Type)]
#[sqlx(transparent)]
pub struct OutboxId(pub i64);

impl std::fmt::Display for CustomerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::fmt::Display for HandoffId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::fmt::Display for OutboxId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}
