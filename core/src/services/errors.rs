//! What can go wrong in each service, as values the shell maps to `{code, message}`.

use crate::domain::FieldError;
use crate::vault::KeyringError;
use chrono::{DateTime, Utc};

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Keyring(#[from] KeyringError),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

#[derive(Debug, thiserror::Error)]
pub enum CreateOwnerError {
    #[error("{}", .0.message)]
    Field(#[from] FieldError),
    #[error("An owner account already exists. Sign in instead.")]
    OwnerExists,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("Email or password is incorrect.")]
    InvalidCredentials,
    #[error("Too many failed sign-ins. Try again in {}.", super::describe_wait(*.until - *.now))]
    LockedOut {
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    },
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// Why a signed-in person may not do something right now.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    #[error("Your session has ended. Please sign in again.")]
    SessionEnded,
    #[error("Choose your own password first.")]
    PasswordChangeRequired,
    #[error("Your role does not allow this.")]
    Forbidden,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// The expected failures of the staff, account, settings and audit services.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error("{}", .0.message)]
    Field(#[from] FieldError),
    /// Refused because of the state of things (e.g. the last owner), with the reason.
    #[error("{0}")]
    Conflict(String),
    /// Refused because of who is acting on whom (an admin on an owner), with the reason.
    #[error("{0}")]
    NotAllowed(String),
    #[error("It no longer exists, or you may not see it. Reload to see what is there now.")]
    NotFound,
    /// The mail server could not be reached or refused (connection and mail tests).
    #[error(transparent)]
    Mail(#[from] crate::mail::MailError),
    /// A long task (an import) stopped at the person's request; nothing was written.
    #[error("The import was cancelled; nothing was imported.")]
    Cancelled,
    /// A sealed password did not open: its stored copy was changed, or it was sealed
    /// under another vault key. Never a panic, never a guess.
    #[error(
        "This password cannot be decrypted: its sealed copy is damaged or was sealed with \
         another vault key. Reset the customer's password to issue a new one."
    )]
    CannotDecrypt,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl From<sqlx::Error> for ServiceError {
    fn from(error: sqlx::Error) -> Self {
        Self::Unexpected(error.into())
    }
}
