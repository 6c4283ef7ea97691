//! What can go wrong in each service, as values the shell maps to `{code, message}`.

use crate::domain::FieldError;
use crate::vault::KeyringError;
use chrono::{DateTime, Utc};

/// Why the data folder could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Another Keydesk (a second window, or one still closing) holds the folder's lock.
    #[error(
        "This data folder is in use by another Keydesk window. Switch to that window, or \
         close it and choose Try again."
    )]
    InUse,
    /// The database file is not SQLite (replaced or damaged); it was left as it is.
    #[error(
        "The database file in Keydesk's data folder is not a Keydesk database: it was \
         damaged or replaced. Keydesk left it untouched. Restore it from a backup, or \
         move it out of the data folder to start a new database."
    )]
    NotADatabase,
    #[error(transparent)]
    Storage(StorageError),
    #[error(transparent)]
    Keyring(#[from] KeyringError),
    #[error(transparent)]
    Unexpected(anyhow::Error),
}

impl From<anyhow::Error> for OpenError {
    fn from(error: anyhow::Error) -> Self {
        if let Some(storage) = StorageError::find(&error) {
            return Self::Storage(storage);
        }
        if error
            .chain()
            .any(|cause| sqlite_code(cause) == Some(SQLITE_NOTADB))
        {
            return Self::NotADatabase;
        }
        Self::Unexpected(error)
    }
}

/// The disk or the folder under the database refused a write: a condition a person
/// can fix, so it gets its own words instead of "something went wrong".
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("The disk is full, so this was not saved. Free some space on it, then try again.")]
    Full,
    #[error(
        "Keydesk cannot write in its data folder: the folder or its disk is read-only. \
         Make it writable, then try again."
    )]
    ReadOnly,
}

/// SQLite's primary result codes (the low byte of an extended code).
const SQLITE_READONLY: i32 = 8;
const SQLITE_FULL: i32 = 13;
const SQLITE_NOTADB: i32 = 26;

impl StorageError {
    /// The storage condition behind `error`, if one of its causes is one (a SQLite
    /// result code or an operating system error).
    pub fn find(error: &anyhow::Error) -> Option<Self> {
        error.chain().find_map(|cause| {
            match sqlite_code(cause) {
                Some(SQLITE_FULL) => return Some(Self::Full),
                Some(SQLITE_READONLY) => return Some(Self::ReadOnly),
                _ => {}
            }
            let io = cause.downcast_ref::<std::io::Error>().or_else(|| {
                match cause.downcast_ref::<sqlx::Error>() {
                    Some(sqlx::Error::Io(io)) => Some(io),
                    _ => None,
                }
            })?;
            match io.kind() {
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                    Some(Self::Full)
                }
                std::io::ErrorKind::ReadOnlyFilesystem => Some(Self::ReadOnly),
                _ => None,
            }
        })
    }
}

/// The primary SQLite result code of a database error, if `cause` is one.
fn sqlite_code(cause: &(dyn std::error::Error + 'static)) -> Option<i32> {
    let database = match cause.downcast_ref::<sqlx::Error>()? {
        sqlx::Error::Database(database) => database,
        _ => return None,
    };
    let extended: i32 = database.code()?.parse().ok()?;
    Some(extended & 0xff)
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
    /// The disk is full or the data folder read-only; the change was not saved.
    #[error(transparent)]
    Storage(StorageError),
    /// A backup could not be made, read or restored; nothing was replaced.
    #[error(transparent)]
    Backup(#[from] crate::backup::BackupError),
    /// The system keyring is locked or unusable (e.g. while verifying the audit chain,
    /// whose signed end it keeps).
    #[error(transparent)]
    Keyring(KeyringError),
    /// The agency server could not be reached, or refused; the message says why.
    #[error(transparent)]
    Server(#[from] crate::server::ServerError),
    #[error(transparent)]
    Unexpected(anyhow::Error),
}

impl ServiceError {
    /// Whether the agency server answered and refused this desk itself (revoked, or its
    /// secret no longer signs in), rather than being out of reach.
    pub fn refuses_this_desk(&self) -> bool {
        use crate::server::ServerError;
        matches!(
            self,
            ServiceError::Server(
                ServerError::NotADesk
                    | ServerError::SignInDisabled { .. }
                    | ServerError::SignInRefused { .. }
            )
        )
    }
}

impl From<anyhow::Error> for ServiceError {
    fn from(error: anyhow::Error) -> Self {
        if let Some(storage) = StorageError::find(&error) {
            return Self::Storage(storage);
        }
        let keyring = error
            .chain()
            .find_map(|cause| cause.downcast_ref::<KeyringError>());
        match keyring {
            Some(keyring) => Self::Keyring(keyring.clone()),
            None => Self::Unexpected(error),
        }
    }
}

/// A call to the agency server that failed, in the server's words.
pub(super) fn server_error(error: sqlx::Error) -> ServiceError {
    ServiceError::Server(crate::server::ServerError::from(error))
}

impl From<sqlx::Error> for ServiceError {
    fn from(error: sqlx::Error) -> Self {
        anyhow::Error::from(error).into()
    }
}
