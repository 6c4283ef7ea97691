//! The one place where core errors become the `{code, message}` the window shows.

use keydesk_api::{Error as ApiError, ErrorCode};
use keydesk_core::backup::BackupError;
use keydesk_core::services::{
    AccessError, CreateOwnerError, RestoreError, ServiceError, SignInError, StorageError,
};
use keydesk_core::vault::KeyringError;
use keydesk_core::OpenError;

/// A command's error, serialized exactly as `keydesk_api::Error`.
#[derive(Debug, serde::Serialize)]
#[serde(transparent)]
pub struct CommandError(ApiError);

impl CommandError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self(ApiError::new(code, message))
    }

    pub fn not_signed_in() -> Self {
        Self::new(ErrorCode::NotSignedIn, "Please sign in again.")
    }

    /// Unexpected failures are logged in full and shown in general terms, except a full
    /// disk or a read-only folder, which the person can fix once told.
    fn unexpected(error: &anyhow::Error) -> Self {
        if let Some(storage) = StorageError::find(error) {
            return Self::storage(storage);
        }
        tracing::error!(error = format!("{error:#}"), "command failed");
        Self::new(
            ErrorCode::Internal,
            "Something went wrong. Details are in the Keydesk log file.",
        )
    }

    /// The data folder cannot take a write; the message says what to do.
    fn storage(error: StorageError) -> Self {
        tracing::warn!(%error, "storage refused a write");
        Self::new(ErrorCode::Internal, error.to_string())
    }

    /// The keyring is locked or unusable after start; the message says what to do
    /// (the keyring screen with Try again is for start only).
    fn keyring(error: &KeyringError) -> Self {
        tracing::warn!(%error, "keyring call failed");
        Self::new(ErrorCode::Internal, error.to_string())
    }
}

impl From<OpenError> for CommandError {
    fn from(error: OpenError) -> Self {
        match error {
            OpenError::Keyring(e) => Self::new(ErrorCode::KeyringUnavailable, e.to_string()),
            // Shown as they are on the start screen, which offers to try again.
            OpenError::InUse | OpenError::NotADatabase => {
                tracing::warn!(%error, "data folder refused");
                Self::new(ErrorCode::Internal, error.to_string())
            }
            OpenError::Storage(e) => Self::storage(e),
            OpenError::Unexpected(e) => Self::unexpected(&e),
        }
    }
}

impl From<CreateOwnerError> for CommandError {
    fn from(error: CreateOwnerError) -> Self {
        match error {
            CreateOwnerError::Field(field) => Self(ApiError::for_field(field.field, field.message)),
            CreateOwnerError::OwnerExists => Self::new(ErrorCode::Conflict, error.to_string()),
            CreateOwnerError::Unexpected(e) => Self::unexpected(&e),
        }
    }
}

impl From<SignInError> for CommandError {
    fn from(error: SignInError) -> Self {
        match error {
            SignInError::InvalidCredentials => {
                Self::new(ErrorCode::InvalidCredentials, error.to_string())
            }
            SignInError::LockedOut { .. } => Self::new(ErrorCode::LockedOut, error.to_string()),
            SignInError::Access(e) => e.into(),
            SignInError::Unexpected(e) => Self::unexpected(&e),
        }
    }
}

impl From<AccessError> for CommandError {
    fn from(error: AccessError) -> Self {
        let code = match &error {
            AccessError::SessionEnded => ErrorCode::NotSignedIn,
            AccessError::PasswordChangeRequired => ErrorCode::PasswordChangeRequired,
            AccessError::Forbidden => ErrorCode::Forbidden,
            AccessError::Unexpected(e) => return Self::unexpected(e),
        };
        Self::new(code, error.to_string())
    }
}

impl From<ServiceError> for CommandError {
    fn from(error: ServiceError) -> Self {
        let message = error.to_string();
        match error {
            ServiceError::Access(e) => e.into(),
            ServiceError::Field(field) => Self(ApiError::for_field(field.field, field.message)),
            ServiceError::Conflict(_) | ServiceError::NotFound => {
                Self::new(ErrorCode::Conflict, message)
            }
            ServiceError::NotAllowed(_) => Self::new(ErrorCode::Forbidden, message),
            ServiceError::Cancelled => Self::new(ErrorCode::Cancelled, message),
            ServiceError::Mail(e) => Self(ApiError {
                code: ErrorCode::MailServer,
                message,
                field: e.field().map(str::to_owned),
            }),
            // A wrong passphrase is the person's typing; a damaged file or one that is no
            // backup is the file's state, said at the path field when there is one.
            ServiceError::Backup(e) => Self(ApiError {
                code: match e {
                    BackupError::WrongPassphrase => ErrorCode::InvalidInput,
                    _ => ErrorCode::Conflict,
                },
                message,
                field: e.field().map(str::to_owned),
            }),
            ServiceError::CannotDecrypt => Self::new(ErrorCode::CannotDecrypt, message),
            ServiceError::Storage(e) => Self::storage(e),
            ServiceError::Keyring(e) => Self::keyring(&e),
            ServiceError::Server(_) => Self::new(ErrorCode::Conflict, message),
            ServiceError::Unexpected(e) => Self::unexpected(&e),
        }
    }
}

/// A refused backup says why in the core's words (a wrong passphrase on the field
/// `passphrase`, a damaged file as a conflict); a restored database that would not open
/// is said like any database that would not open, the one from before being back.
impl From<RestoreError> for CommandError {
    fn from(error: RestoreError) -> Self {
        match error {
            RestoreError::Refused(e) => e.into(),
            RestoreError::Open(e) => {
                tracing::warn!(%e, "the restored database would not open; the previous one is back");
                e.into()
            }
        }
    }
}

impl From<anyhow::Error> for CommandError {
    fn from(error: anyhow::Error) -> Self {
        Self::unexpected(&error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_core::domain::FieldError;

    fn shown(error: RestoreError) -> serde_json::Value {
        serde_json::to_value(CommandError::from(error)).unwrap()
    }

    #[test]
    fn a_refused_backup_says_why_at_its_field_or_as_a_conflict() {
        let wrong = shown(RestoreError::Refused(ServiceError::Field(FieldError {
            field: "passphrase",
            message: "This passphrase does not open the backup.".to_owned(),
        })));
        assert_eq!(wrong["field"], "passphrase");
        assert_eq!(
            wrong["message"],
            "This passphrase does not open the backup."
        );

        let damaged = shown(RestoreError::Refused(ServiceError::Conflict(
            "This file is not a Keydesk backup, or it is damaged.".to_owned(),
        )));
        assert_eq!(damaged["code"], "conflict");
        assert!(damaged.get("field").is_none_or(serde_json::Value::is_null));

        let reopened = shown(RestoreError::Open(OpenError::InUse));
        assert_eq!(reopened["code"], "internal");
    }
}
