//! Passwords Keydesk makes up itself: staff temporary passwords now, customer logins later.

mod generator;

pub use generator::{generate_password, PasswordPolicy, PolicyError};
