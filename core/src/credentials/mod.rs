//! Passwords Keydesk makes up itself: staff temporary passwords now, customer logins later.

mod generator;

pub use generator::{
    entropy_band, generate_password, PasswordPolicy, PolicyError, GOOD_BITS, MAX_LENGTH,
    MIN_LENGTH, STRONG_BITS,
};
