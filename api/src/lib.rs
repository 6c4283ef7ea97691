//! The language the Keydesk window and the shell speak over IPC.
//!
//! Only plain serde types live here, so the wasm front end and the native shell share
//! one definition of every request, response and error. Nothing in this crate knows
//! about SQL, crypto or tokio.

mod audit;
mod auth;
mod error;

pub use audit::{AuditEntry, AuditPage, AuditPageRequest, ChainVerification};
pub use auth::{
    AppState, CreateOwnerRequest, PasswordStrength, PasswordStrengthRequest, Role, SessionInfo,
    SignInRequest, StrengthBand,
};
pub use error::{Error, ErrorCode};

/// Names of the shell commands, so the window cannot misspell one.
pub mod commands {
    pub const APP_STATE: &str = "app_state";
    pub const PASSWORD_STRENGTH: &str = "password_strength";
    pub const CREATE_OWNER: &str = "create_owner";
    pub const SIGN_IN: &str = "sign_in";
    pub const SIGN_OUT: &str = "sign_out";
    pub const AUDIT_PAGE: &str = "audit_page";
    pub const VERIFY_AUDIT_CHAIN: &str = "verify_audit_chain";
}
