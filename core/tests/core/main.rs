//! Integration tests of the core against a real SQLite file and the real OS keyring.
//!
//! They need a reachable, unlocked keyring: `cargo xtask test` runs them inside a
//! private D-Bus session with GNOME Keyring on Linux.

mod account;
mod audit;
mod audit_views;
mod credentials;
mod customers;
mod helpers;
mod owner;
mod permissions;
mod secrets;
mod settings;
mod sign_in;
mod staff;
mod store;
mod vault;
