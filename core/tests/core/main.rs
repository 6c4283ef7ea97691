//! Integration tests of the core against a real SQLite file and the real OS keyring.
//!
//! They need a reachable, unlocked keyring: `cargo xtask test` runs them inside a
//! private D-Bus session with GNOME Keyring on Linux.

mod audit;
mod helpers;
mod owner;
mod sign_in;
mod store;
mod vault;
