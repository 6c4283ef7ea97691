//! Integration tests of the core against a real SQLite file and the real OS keyring.
//!
//! They need a reachable, unlocked keyring: `cargo xtask test` runs them inside a
//! private D-Bus session with GNOME Keyring on Linux. The mail tests also run a local
//! SMTP server (`tests/support/smtp_sink.py`, aiosmtpd) on 127.0.0.1, and the agency-server
//! tests a PostgreSQL cluster that `cargo xtask test` starts (`KEYDESK_TEST_POSTGRES`).

mod account;
mod agency_logins;
mod agency_mail;
mod agency_server;
mod agency_sync;
mod audit;
mod audit_chain;
mod audit_views;
mod backup;
mod credentials;
mod customer_erase;
mod customer_import;
mod customer_links;
mod customers;
mod desk_sync;
mod encryption;
mod fault_proxy;
mod faults_disk;
mod faults_environment;
mod faults_kill;
mod funnel;
mod handoff_safety;
mod helpers;
#[cfg(target_os = "linux")]
mod keyring_locked;
mod lockout;
mod mail;
mod mail_language;
mod mail_limits;
mod outbox_crash;
mod owner;
mod owner_keys;
mod permissions;
mod portal;
mod portal_server;
mod private_files;
mod recovery_kit;
mod row_uids;
mod secrets;
mod settings;
mod sign_in;
mod smtp;
mod smtp_capture;
mod smtp_faults;
mod staff;
mod store;
mod stored_words;
mod sync_convergence;
mod vault;
mod window_language;
mod window_security;
