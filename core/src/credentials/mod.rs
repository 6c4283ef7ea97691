//! Passwords Keydesk makes up itself: staff temporary passwords and customer logins.

mod generator;

pub use generator::{
    entropy_band, generate_password, PasswordPolicy, PolicyError, GOOD_BITS, MAX_LENGTH,
    MIN_LENGTH, STRONG_BITS,
};

use crate::auth;
use crate::domain::PlainPassword;
use crate::store;
use crate::Keydesk;

/// Whether `password` is the customer's current password (checked against the argon2id
/// hash on their account, as the agency's portal does). False when they have no login.
/// Lets tests, end to end too, prove that what was handed over is what was stored.
pub async fn verify_customer_password(
    keydesk: &Keydesk,
    customer_id: i64,
    password: &str,
) -> anyhow::Result<bool> {
    let reader = keydesk.store().reader();
    match store::customer_accounts::password_hash(reader, customer_id).await? {
        Some(hash) => auth::verify_password(PlainPassword::new(password.to_owned()), hash).await,
        None => Ok(false),
    }
}
