//! Keydesk without a window.
//!
//! Everything the product does lives here, testable headless: domain types that parse
//! raw input at the boundary, the services that act on behalf of a signed-in staff
//! member, the SQLite store, the vault whose key lives in the OS keyring, and the
//! tamper-evident audit log, and the agency server several desks share. The desktop shell
//! only checks the session and calls in.

pub mod audit;
pub mod auth;
pub mod backup;
pub mod catalogue;
pub mod clock;
pub(crate) mod csv_text;
pub mod domain;
pub mod logging;
pub mod mail;
pub mod passwords;
pub mod paths;
pub mod portal;
pub mod said;
pub mod server;
pub mod services;
pub mod store;
pub mod vault;

pub use services::{Keydesk, OpenError};
