//! Integration tests of the core against a real SQLite file and the real OS keyring.
//!
//! They need a reachable, unlocked keyring: `cargo xtask test` runs them inside a
//! private D-Bus session with GNOME Keyring on Linux. The mail tests also run a local
//! SMTP server (`tests/support/smtp_sink.py`, aiosmtpd) on 127.0.0.1.

mod account;
mod audit;
mod audit_views;
mod credentials;
mod customer_import;
mod customers;
mod helpers;
mod lockout;
mod mail;
mod outbox_crash;
mod owner;
mod permissions;
mod secrets;
mod settings;
mod sign_in;
mod smtp;
mod staff;
mod store;
mod vault;
mod window_security;
