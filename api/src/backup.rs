//! Backups: encrypted copies of the whole database, made by hand or every day, that open
//! on a new machine with the backup passphrase alone.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What the Backups screen and the dashboard show.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BackupStatus {
    /// Whether a backup passphrase is set (backups need one).
    pub passphrase_set: bool,
    /// The folder backups go to.
    pub folder: String,
    /// True while the folder is the default one (the data folder's `backups`).
    pub default_folder: bool,
    /// RFC 3339, when the last good backup was made; `None` if none was yet.
    pub last_backup_at: Option<String>,
    /// True when the last good backup is older than three days, or there is none while
    /// there is something to lose.
    pub overdue: bool,
    /// The reason the last automatic backup failed, until one succeeds again.
    pub last_failure: Option<String>,
    /// The backups in the folder, newest first.
    pub backups: Vec<BackupFile>,
}

/// One backup file in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupFile {
    /// Its full path, to restore it.
    pub path: String,
    /// Its file name.
    pub name: String,
    /// RFC 3339, when it was made (from its name).
    pub made_at: String,
    pub bytes: u64,
}

/// How far a backup or a restore has come; sent as the event [`BACKUP_PROGRESS_EVENT`].
/// `written` may pass `expected` a little (encrypted pages are larger).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupProgress {
    pub written: u64,
    pub expected: u64,
}

/// The event name of [`BackupProgress`].
pub const BACKUP_PROGRESS_EVENT: &str = "backup-progress";

/// Set (or replace) the backup passphrase. Backups made before keep the old one.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BackupPassphraseRequest {
    pub passphrase: String,
}

/// Where backups go; an empty folder means the default one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BackupFolderRequest {
    pub folder: String,
}

/// A backup file and the passphrase it was made with: to see what it holds, or to
/// restore it.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BackupFileRequest {
    pub path: String,
    pub passphrase: String,
}

/// What a backup holds, read from it (after checking every page) before anything is
/// replaced.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BackupPreview {
    pub path: String,
    /// RFC 3339, when it was made.
    pub made_at: String,
    pub staff: u64,
    pub customers: u64,
    /// Logins waiting to be handed over.
    pub pending_logins: u64,
    /// Mails in the outbox, sent or not.
    pub mails: u64,
    pub bytes: u64,
}

impl fmt::Debug for BackupPassphraseRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BackupPassphraseRequest { <redacted> }")
    }
}

impl fmt::Debug for BackupFileRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BackupFileRequest")
            .field("path", &self.path)
            .field("passphrase", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passphrases_never_print() {
        let set = BackupPassphraseRequest {
            passphrase: "correct horse".to_owned(),
        };
        let open = BackupFileRequest {
            path: "/backups/a.kdbackup".to_owned(),
            passphrase: "correct horse".to_owned(),
        };
        for text in [format!("{set:?}"), format!("{open:?}")] {
            assert!(text.contains("<redacted>"), "{text}");
            assert!(!text.contains("horse"), "{text}");
        }
        assert!(format!("{open:?}").contains("a.kdbackup"));
    }
}
