//! What can go wrong in each service, as values the shell maps to `{code, message}`.

use crate::domain::FieldError;
use crate::said::{self, display_in_english, Explain, Said};
use crate::vault::KeyringError;
use chrono::{DateTime, Utc};

/// Why the data folder could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Another Keydesk (a second window, or one still closing) holds the folder's lock.
    InUse,
    /// The database file is not SQLite (replaced or damaged); it was left as it is.
    NotADatabase,
    Storage(StorageError),
    Keyring(#[from] KeyringError),
    Unexpected(#[source] anyhow::Error),
}

impl Explain for OpenError {
    fn explain(&self) -> Said {
        match self {
            Self::InUse => Said::id("error-folder-in-use"),
            Self::NotADatabase => Said::id("error-not-a-database"),
            Self::Storage(e) => e.explain(),
            Self::Keyring(e) => e.explain(),
            Self::Unexpected(e) => Said::Text(e.to_string()),
        }
    }
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
    Full,
    ReadOnly,
}

impl Explain for StorageError {
    fn explain(&self) -> Said {
        match self {
            Self::Full => Said::id("error-disk-full"),
            Self::ReadOnly => Said::id("error-read-only"),
        }
    }
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
    Field(#[from] FieldError),
    OwnerExists,
    Unexpected(#[from] anyhow::Error),
}

impl Explain for CreateOwnerError {
    fn explain(&self) -> Said {
        match self {
            Self::Field(field) => field.message.clone(),
            Self::OwnerExists => Said::id("error-owner-exists"),
            Self::Unexpected(e) => Said::Text(e.to_string()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    InvalidCredentials,
    LockedOut {
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    },
    Access(#[from] AccessError),
    Unexpected(#[from] anyhow::Error),
}

impl Explain for SignInError {
    fn explain(&self) -> Said {
        match self {
            Self::InvalidCredentials => Said::id("error-invalid-credentials"),
            Self::LockedOut { until, now } => {
                Said::id("error-locked-out").arg("wait", said::wait(*until - *now))
            }
            Self::Access(e) => e.explain(),
            Self::Unexpected(e) => Said::Text(e.to_string()),
        }
    }
}

/// Why a signed-in person may not do something right now.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    SessionEnded,
    PasswordChangeRequired,
    Forbidden,
    Unexpected(#[from] anyhow::Error),
}

impl Explain for AccessError {
    fn explain(&self) -> Said {
        match self {
            Self::SessionEnded => Said::id("error-session-ended"),
            Self::PasswordChangeRequired => Said::id("error-password-change-required"),
            Self::Forbidden => Said::id("error-forbidden"),
            Self::Unexpected(e) => Said::Text(e.to_string()),
        }
    }
}

/// The expected failures of the staff, account, settings and audit services.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    Access(#[from] AccessError),
    Field(#[from] FieldError),
    /// Refused because of the state of things (e.g. the last owner), with the reason.
    Conflict(Said),
    /// Refused because of who is acting on whom (an admin on an owner), with the reason.
    NotAllowed(Said),
    NotFound,
    /// The mail server could not be reached or refused (connection and mail tests).
    Mail(#[from] crate::mail::MailError),
    /// A long task (an import) stopped at the person's request; nothing was written.
    Cancelled,
    /// A sealed password did not open: its stored copy was changed, or it was sealed
    /// under another vault key. Never a panic, never a guess.
    CannotDecrypt,
    /// The disk is full or the data folder read-only; the change was not saved.
    Storage(StorageError),
    /// A backup could not be made, read or restored; nothing was replaced.
    Backup(#[from] crate::backup::BackupError),
    /// The system keyring is locked or unusable (e.g. while verifying the audit chain,
    /// whose signed end it keeps).
    Keyring(#[source] KeyringError),
    /// The agency server could not be reached, or refused; the message says why.
    Server(#[from] crate::server::ServerError),
    Unexpected(#[source] anyhow::Error),
}

impl Explain for ServiceError {
    fn explain(&self) -> Said {
        match self {
            Self::Access(e) => e.explain(),
            Self::Field(field) => field.message.clone(),
            Self::Conflict(said) | Self::NotAllowed(said) => said.clone(),
            Self::NotFound => Said::id("error-not-found"),
            Self::Mail(e) => e.explain(),
            Self::Cancelled => Said::id("error-import-cancelled"),
            Self::CannotDecrypt => Said::id("error-cannot-decrypt"),
            Self::Storage(e) => e.explain(),
            Self::Backup(e) => e.explain(),
            Self::Keyring(e) => e.explain(),
            Self::Server(e) => e.explain(),
            Self::Unexpected(e) => Said::Text(e.to_string()),
        }
    }
}

display_in_english!(
    OpenError,
    StorageError,
    CreateOwnerError,
    SignInError,
    AccessError,
    ServiceError
);

impl ServiceError {
    /// Refused because of the state of things.
    pub fn conflict(said: impl Into<Said>) -> Self {
        Self::Conflict(said.into())
    }

    /// Refused because of who is acting on whom.
    pub fn not_allowed(said: impl Into<Said>) -> Self {
        Self::NotAllowed(said.into())
    }

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
