use crate::{Message, Said};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What went wrong, in a form the window can act on.
///
/// `code` lets the window choose a reaction (show next to a field, go back to sign-in,
/// show the keyring help); `message` is always fit to show to a person as it is, in
/// English; `said`, when there, is the same as a catalogue message, which the window
/// says in the language of the person at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    /// The form field the error concerns, when there is one (`"email"`, `"password"` ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<Message>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A field's value was refused; `field` names it.
    InvalidInput,
    /// Wrong email or password (deliberately not saying which).
    InvalidCredentials,
    /// Too many failed sign-ins; the message says how long to wait.
    LockedOut,
    /// The command needs a signed-in person and there is none.
    NotSignedIn,
    /// The signed-in person's role does not allow this.
    Forbidden,
    /// Signed in with a temporary password: choose a new one first.
    PasswordChangeRequired,
    /// The window is locked after idle time: unlock with the password first.
    SessionLocked,
    /// The request does not fit the current state (e.g. an owner already exists).
    Conflict,
    /// Long work (an import) was cancelled as asked; nothing of it was kept.
    Cancelled,
    /// The operating system's keyring cannot be reached or refused access.
    KeyringUnavailable,
    /// The mail server could not be reached or refused; the message says what to check
    /// and `field` names the setting concerned, when one is.
    MailServer,
    /// A sealed secret could not be opened: its stored copy was damaged, or it was
    /// sealed under another vault key. The message says what to do.
    CannotDecrypt,
    /// Something unexpected; details are in the log file.
    Internal,
}

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            said: None,
        }
    }

    pub fn for_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: ErrorCode::InvalidInput,
            message: message.into(),
            field: Some(field.into()),
            said: None,
        }
    }

    /// What the error says: its catalogue message, else its text.
    pub fn said(&self) -> Said {
        match &self.said {
            Some(message) => Said::Message(message.clone()),
            None => Said::Text(self.message.clone()),
        }
    }

    /// The same, said as `said` in the reader's language (`message` is its English).
    pub fn saying(mut self, said: &Said) -> Self {
        self.said = said.message().cloned();
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_crosses_ipc_as_code_and_message() {
        let json = serde_json::to_value(Error::new(ErrorCode::LockedOut, "Wait")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "locked_out", "message": "Wait"})
        );
        let field = serde_json::to_value(Error::for_field("email", "Bad")).unwrap();
        assert_eq!(field["field"], "email");
        assert_eq!(field["code"], "invalid_input");
    }
}
