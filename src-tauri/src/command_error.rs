//! The one place where core errors become the `{code, message}` the window shows.

use keydesk_api::{Error as ApiError, ErrorCode};
use keydesk_core::backup::BackupError;
use keydesk_core::catalogue::in_english;
use keydesk_core::said::{Explain, Said};
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

    /// An error saying `said`: in English as its message, and as the catalogue message
    /// the window says in the language of the person at it.
    pub fn saying(code: ErrorCode, said: &Said) -> Self {
        Self(ApiError::new(code, in_english(said)).saying(said))
    }

    /// The same, at the form field `field`, if there is one.
    fn at_field(code: ErrorCode, field: Option<&str>, said: &Said) -> Self {
        let mut error = Self::saying(code, said);
        error.0.field = field.map(str::to_owned);
        error
    }

    fn explained(code: ErrorCode, error: &impl Explain) -> Self {
        Self::saying(code, &error.explain())
    }

    pub fn not_signed_in() -> Self {
        Self::saying(ErrorCode::NotSignedIn, &Said::id("error-sign-in-again"))
    }

    /// Unexpected failures are logged in full and shown in general terms, except a full
    /// disk or a read-only folder, which the person can fix once told.
    fn unexpected(error: &anyhow::Error) -> Self {
        if let Some(storage) = StorageError::find(error) {
            return Self::storage(storage);
        }
        tracing::error!(error = format!("{error:#}"), "command failed");
        Self::saying(ErrorCode::Internal, &Said::id("error-unexpected"))
    }

    /// The data folder cannot take a write; the message says what to do.
    fn storage(error: StorageError) -> Self {
        tracing::warn!(%error, "storage refused a write");
        Self::explained(ErrorCode::Internal, &error)
    }

    /// The keyring is locked or unusable after start; the message says what to do
    /// (the keyring screen with Try again is for start only).
    fn keyring(error: &KeyringError) -> Self {
        tracing::warn!(%error, "keyring call failed");
        Self::explained(ErrorCode::Internal, error)
    }
}

impl From<OpenError> for CommandError {
    fn from(error: OpenError) -> Self {
        match error {
            OpenError::Keyring(e) => Self::explained(ErrorCode::KeyringUnavailable, &e),
            // Shown as they are on the start screen, which offers to try again.
            OpenError::InUse | OpenError::NotADatabase => {
                tracing::warn!(%error, "data folder refused");
                Self::explained(ErrorCode::Internal, &error)
            }
            OpenError::Storage(e) => Self::storage(e),
            OpenError::Unexpected(e) => Self::unexpected(&e),
        }
    }
}

impl From<CreateOwnerError> for CommandError {
    fn from(error: CreateOwnerError) -> Self {
        match error {
            CreateOwnerError::Field(field) => {
                Self::at_field(ErrorCode::InvalidInput, Some(field.field), &field.message)
            }
            CreateOwnerError::OwnerExists => Self::explained(ErrorCode::Conflict, &error),
            CreateOwnerError::Unexpected(e) => Self::unexpected(&e),
        }
    }
}

impl From<SignInError> for CommandError {
    fn from(error: SignInError) -> Self {
        match error {
            SignInError::InvalidCredentials => {
                Self::explained(ErrorCode::InvalidCredentials, &error)
            }
            SignInError::LockedOut { .. } => Self::explained(ErrorCode::LockedOut, &error),
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
        Self::explained(code, &error)
    }
}

impl From<ServiceError> for CommandError {
    fn from(error: ServiceError) -> Self {
        let said = error.explain();
        match error {
            ServiceError::Access(e) => e.into(),
            ServiceError::Field(field) => {
                Self::at_field(ErrorCode::InvalidInput, Some(field.field), &said)
            }
            ServiceError::Conflict(_) | ServiceError::NotFound | ServiceError::Server(_) => {
                Self::saying(ErrorCode::Conflict, &said)
            }
            ServiceError::NotAllowed(_) => Self::saying(ErrorCode::Forbidden, &said),
            ServiceError::Cancelled => Self::saying(ErrorCode::Cancelled, &said),
            ServiceError::Mail(e) => Self::at_field(ErrorCode::MailServer, e.field(), &said),
            // A wrong passphrase is the person's typing; a damaged file or one that is no
            // backup is the file's state, said at the path field when there is one.
            ServiceError::Backup(e) => {
                let code = match e {
                    BackupError::WrongPassphrase => ErrorCode::InvalidInput,
                    _ => ErrorCode::Conflict,
                };
                Self::at_field(code, e.field(), &said)
            }
            ServiceError::CannotDecrypt => Self::saying(ErrorCode::CannotDecrypt, &said),
            ServiceError::Storage(e) => Self::storage(e),
            ServiceError::Keyring(e) => Self::keyring(&e),
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
        let wrong = shown(RestoreError::Refused(ServiceError::Field(FieldError::new(
            "passphrase",
            "This passphrase does not open the backup.",
        ))));
        assert_eq!(wrong["field"], "passphrase");
        assert_eq!(
            wrong["message"],
            "This passphrase does not open the backup."
        );

        let damaged = shown(RestoreError::Refused(ServiceError::conflict(
            "This file is not a Keydesk backup, or it is damaged.",
        )));
        assert_eq!(damaged["code"], "conflict");
        assert!(damaged.get("field").is_none_or(serde_json::Value::is_null));

        let reopened = shown(RestoreError::Open(OpenError::InUse));
        assert_eq!(reopened["code"], "internal");
    }

    /// What the core explains crosses as its English and as the message the window
    /// says in its own language; an unexpected failure says only where to look.
    #[test]
    fn an_explained_refusal_crosses_as_english_and_as_its_message() {
        let locked = serde_json::to_value(CommandError::from(SignInError::LockedOut {
            until: chrono::DateTime::UNIX_EPOCH + chrono::Duration::minutes(15),
            now: chrono::DateTime::UNIX_EPOCH,
        }))
        .unwrap();
        assert_eq!(locked["code"], "locked_out");
        assert_eq!(
            locked["message"],
            "Too many failed sign-ins. Try again in 15 minutes."
        );
        assert_eq!(locked["said"]["id"], "error-locked-out");
        assert_eq!(locked["said"]["args"][0][0], "wait");

        let failed =
            serde_json::to_value(CommandError::from(anyhow::anyhow!("disk said no at /x")))
                .unwrap();
        assert_eq!(failed["said"]["id"], "error-unexpected");
        assert!(!failed["message"].as_str().unwrap().contains("/x"));
    }
}
