//! The one place where core errors become the `{code, message}` the window shows.

use keydesk_api::{Error as ApiError, ErrorCode};
use keydesk_core::keydesk::{AccessError, CreateOwnerError, SignInError};
use keydesk_core::OpenError;

/// A command's error, serialized exactly as `keydesk_api::Error`.
#[derive(Debug, serde::Serialize)]
#[serde(transparent)]
pub struct CommandError(ApiError);

impl CommandError {
    pub fn not_signed_in() -> Self {
        Self(ApiError::new(
            ErrorCode::NotSignedIn,
            "Please sign in again.",
        ))
    }

    /// Unexpected failures are logged in full and shown in general terms.
    fn unexpected(error: &anyhow::Error) -> Self {
        tracing::error!(error = format!("{error:#}"), "command failed");
        Self(ApiError::new(
            ErrorCode::Internal,
            "Something went wrong. Details are in the Keydesk log file.",
        ))
    }
}

impl From<OpenError> for CommandError {
    fn from(error: OpenError) -> Self {
        match error {
            OpenError::Keyring(e) => {
                Self(ApiError::new(ErrorCode::KeyringUnavailable, e.to_string()))
            }
            OpenError::Unexpected(e) => Self::unexpected(&e),
        }
    }
}

impl From<CreateOwnerError> for CommandError {
    fn from(error: CreateOwnerError) -> Self {
        match error {
            CreateOwnerError::Field(field) => Self(ApiError::for_field(field.field, field.message)),
            CreateOwnerError::OwnerExists => {
                Self(ApiError::new(ErrorCode::Conflict, error.to_string()))
            }
            CreateOwnerError::Unexpected(e) => Self::unexpected(&e),
        }
    }
}

impl From<SignInError> for CommandError {
    fn from(error: SignInError) -> Self {
        match error {
            SignInError::InvalidCredentials => Self(ApiError::new(
                ErrorCode::InvalidCredentials,
                error.to_string(),
            )),
            SignInError::LockedOut { .. } => {
                Self(ApiError::new(ErrorCode::LockedOut, error.to_string()))
            }
            SignInError::Unexpected(e) => Self::unexpected(&e),
        }
    }
}

impl From<AccessError> for CommandError {
    fn from(error: AccessError) -> Self {
        match error {
            AccessError::Forbidden => Self(ApiError::new(ErrorCode::Forbidden, error.to_string())),
            AccessError::Unexpected(e) => Self::unexpected(&e),
        }
    }
}

impl From<anyhow::Error> for CommandError {
    fn from(error: anyhow::Error) -> Self {
        Self::unexpected(&error)
    }
}
