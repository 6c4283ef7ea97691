//! Staff authentication: password hashing, the lockout policy, and the signed-in actor.

mod actor;
mod lockout;
mod password_hash;
mod permissions;

pub use actor::Actor;
pub use lockout::{lockout_after, LOCKOUT_THRESHOLD};
pub(crate) use password_hash::hash_password_blocking;
pub use password_hash::{
    count_verifications, hash_password, verify_against_dummy, verify_password, Verifications,
};
pub use permissions::{allows, permissions_of, Permission, PERMISSIONS};
