use serde::{Deserialize, Serialize};
use std::fmt;

/// Change one's own password: the current one proves it is really them.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
    pub new_password_confirm: String,
}

impl fmt::Debug for ChangePasswordRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChangePasswordRequest { <redacted> }")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ChangeDisplayNameRequest {
    pub display_name: String,
}

/// Unlock an idle-locked window with the signed-in person's password.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UnlockRequest {
    pub password: String,
}

impl fmt::Debug for UnlockRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("UnlockRequest { <redacted> }")
    }
}

/// Text to put on the system clipboard.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CopyRequest {
    pub text: String,
}

impl fmt::Debug for CopyRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CopyRequest { <redacted> }")
    }
}
