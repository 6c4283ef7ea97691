//! One component per screen or page.

pub mod audit;
pub mod create_owner;
pub mod dashboard;
pub mod keyring;
pub mod loading;
pub mod shell;
pub mod sign_in;
pub mod start_failed;
