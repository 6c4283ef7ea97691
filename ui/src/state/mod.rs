//! The window's state as pure reducers: no DOM, no IPC, so plain `cargo test` covers it.
//!
//! Components dispatch actions; when a reducer decides a request must go out it bumps a
//! sequence number, and an effect keyed on that number sends it. Answers come back as
//! actions carrying the same number, so a stale answer is recognised and dropped.

pub mod account;
pub mod agency;
pub mod app;
pub mod audit;
pub mod backups;
pub mod countries;
pub mod credential_settings;
pub mod customer_detail;
pub mod customer_form;
pub mod customer_import;
pub mod customer_mails;
pub mod customers;
pub mod durations;
pub mod funnel;
pub mod generate_logins;
pub mod handoffs;
pub mod idle;
pub mod mail_settings;
pub mod outbox;
pub mod owner_form;
pub mod page;
pub mod paging;
pub mod password_form;
pub mod portal;
pub mod recovery;
pub mod remote;
pub mod settings;
pub mod sign_in;
pub mod staff;
pub mod staff_form;
pub mod strength;
pub mod tone;
pub mod unlock;
pub mod update;
