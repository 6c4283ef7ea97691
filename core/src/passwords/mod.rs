//! Passwords Keydesk makes up itself: staff temporary passwords and customer logins.

mod generator;

pub use generator::{
    entropy_band, generate_password, PasswordPolicy, PolicyError, GOOD_BITS, MAX_LENGTH,
    MIN_LENGTH, STRONG_BITS,
};
