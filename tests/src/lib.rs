//! The end-to-end harness: starts the real Keydesk app on a fresh data directory under
//! `tauri-driver` ([`Harness`]), gives one helper per user action (wait for, fill, click,
//! read, take a screenshot), and the user-level [`steps`] the tests share (create the owner,
//! sign in, create a customer ...). Run the tests with `cargo xtask test`, which builds the
//! app and provides the display and keyring they need.
//!
//! Every test has its own tauri-driver on ports picked free, so runs on one machine do not
//! disturb each other. Within one test binary they still run one at a time
//! (`--test-threads=1`): they share the system clipboard, the keyring and the display. They
//! need a multi-threaded runtime (`#[tokio::test(flavor = "multi_thread")]`) so the WebDriver
//! session can be closed when a [`Harness`] is dropped, also after a failure.

pub mod bench;
mod harness;
#[cfg(target_os = "linux")]
pub mod process_memory;
mod session;
pub mod smtp_sink;
pub mod steps;
mod tauri_driver;

pub use harness::{app_path, Harness, QuitApp};
