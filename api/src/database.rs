//! The database file itself, as the window sees it at start-up.

use serde::{Deserialize, Serialize};

/// How far the one-time encryption of a database left by an earlier version has come,
/// in bytes of the new encrypted file; sent as [`DATABASE_ENCRYPTION_PROGRESS_EVENT`]
/// while the window waits to open. `written` may pass `expected` a little (encrypted
/// pages are larger).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncryptionProgress {
    pub written: u64,
    pub expected: u64,
}

/// The event name of [`EncryptionProgress`].
pub const DATABASE_ENCRYPTION_PROGRESS_EVENT: &str = "database-encryption-progress";
