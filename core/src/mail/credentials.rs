//! The hook between the outbox and the credential hand-over.
//!
//! A credentials mail (welcome with login, new password) names a handoff by id; the
//! outbox row never holds the password. At the moment of sending, the worker asks the
//! [`CredentialSource`] for the handoff's username and plain password, renders and
//! sends the mail, and after the server accepted it calls
//! [`CredentialSource::mark_sent_in`] in the transaction that records the mail as sent,
//! so the handoff is recorded as handed over by email (and its sealed plaintext
//! destroyed) together with the mail or not at all. The handoffs are that source
//! (`keydesk::HandoffMail`); the trait keeps mail free of the handoff tables.

use crate::domain::PlainPassword;
use crate::store::Tx;
use crate::Keydesk;
use chrono::{DateTime, Utc};
use std::future::Future;
use std::pin::Pin;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A handoff's login, opened for one mail.
pub struct HandoffLogin {
    pub username: String,
    pub password: PlainPassword,
}

impl std::fmt::Debug for HandoffLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HandoffLogin")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// Why a handoff's login cannot go out by mail (shown to staff: no secrets in it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialUnavailable {
    /// The handoff ended (revoked, expired, handed over another way): the mail is
    /// cancelled, never sent.
    #[error("{0}")]
    Closed(String),
    /// The login cannot be read now or at all: the mail fails with this reason.
    #[error("{0}")]
    Failed(String),
}

/// Where the outbox gets the login of a credentials mail at the moment of sending.
pub trait CredentialSource: Send + Sync + 'static {
    /// The username and plain password of handoff `handoff_id`, for the mail of
    /// customer `customer_id`. Refuse (expired, revoked, already sent, another
    /// customer's) with a reason; the mail then fails without being sent.
    fn open<'a>(
        &'a self,
        keydesk: &'a Keydesk,
        handoff_id: i64,
        customer_id: i64,
    ) -> BoxFuture<'a, Result<HandoffLogin, CredentialUnavailable>>;

    /// Records, within `tx` (the transaction that notes the mail as sent), that the
    /// server accepted the mail carrying handoff `handoff_id`: channel email, at
    /// `sent_at`, by the staff member who queued it. A handoff no longer pending is
    /// left as it is.
    fn mark_sent_in<'a>(
        &'a self,
        tx: &'a mut Tx,
        handoff_id: i64,
        sent_at: DateTime<Utc>,
        queued_by: Option<i64>,
    ) -> BoxFuture<'a, anyhow::Result<()>>;
}
