//! Thin commands: check the session, call one core service, map the error.

pub mod account;
pub mod app;
pub mod audit;
pub mod auth;
pub mod credentials;
pub mod customer_import;
pub mod customers;
pub mod mail;
pub mod settings;
pub mod staff;
