//! Mail: SMTP settings, the branded templates, and a crash-safe outbox.
//!
//! Every mail is first a row in the outbox, written in the same transaction as the
//! change that caused it ([`enqueue_in`]). The outbox worker sends due rows over a
//! pooled SMTP connection, renders each mail only at that moment (secrets such as a
//! verification code or a password are never stored rendered), retries with a
//! growing delay, keeps mails waiting while the server cannot be reached, and puts
//! mails interrupted by a crash back in the queue with the same Message-ID.

mod connection;
mod outbox;
pub mod seal;
mod settings;
pub mod templates;
mod transport;

pub(crate) use outbox::enqueue_verification_in;
pub use outbox::{enqueue_in, new_message_id, retry_delay, NewMail, MAX_ATTEMPTS};
pub use settings::{default_branding, is_local_host, ParsedBranding, SmtpConfig, TIMEOUT_SECONDS};
pub use transport::{mailbox, Connections, FailureKind, MailError, Mailer};

/// Settings keys of the mail settings (JSON in `settings`).
pub const SMTP_SETTINGS_KEY: &str = "smtp";
pub const BRANDING_KEY: &str = "branding";

/// Minutes a verification code stays valid.
pub const VERIFICATION_CODE_MINUTES: i64 = 10;
/// Wrong codes allowed before the code is void.
pub const VERIFICATION_CODE_ATTEMPTS: i64 = 5;
/// Shortest time between two codes for one customer.
pub const VERIFICATION_RESEND_SECONDS: i64 = 60;
