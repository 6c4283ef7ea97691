//! One component per screen or page.

pub mod account;
pub mod audit;
pub mod choose_password;
pub mod create_owner;
pub mod customer_detail;
pub mod customer_import;
pub mod customer_list;
pub mod customers;
pub mod dashboard;
pub mod keyring;
pub mod loading;
pub mod lock;
pub mod outbox;
pub mod settings;
pub mod sign_in;
pub mod staff;
pub mod start_failed;
pub mod sync_inbox;
pub mod workspace;
