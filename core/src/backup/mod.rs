//! Backup files: the whole database, copied at one moment into a SQLCipher file keyed
//! with the backup key (see [`crate::vault::BackupKey`]), with the vault key inside so a
//! backup opens on a machine that never saw the old keyring. Which backups a folder
//! keeps is [`rotation`]'s business.

use crate::said::{display_in_english, Explain, Said};

mod file;
pub mod rotation;

pub use file::{list, open, restore_into, write, BackupManifest, OpenedBackup, BACKUP_EXTENSION};

/// Why a backup could not be made, read or restored. Nothing was replaced.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    NoPassphrase,
    WrongPassphrase,
    /// The file is damaged; how (our words, or the database's).
    Damaged(Said),
    /// The backup could not be written (the folder is gone, refused the file...), in
    /// the system's words.
    Unwritable(String),
    NotABackup,
    /// The file cannot be read; why (our words, or the system's).
    Unreadable(Said),
    /// The keyring already holds another vault key for the installation the backup
    /// comes from: restoring would leave one of the two databases unopenable.
    KeyConflict,
}

impl Explain for BackupError {
    fn explain(&self) -> Said {
        match self {
            Self::NoPassphrase => Said::id("error-backup-no-passphrase"),
            Self::WrongPassphrase => Said::id("error-backup-wrong-passphrase"),
            Self::Damaged(detail) => Said::id("error-backup-damaged").arg("detail", detail.clone()),
            Self::Unwritable(detail) => {
                Said::id("error-backup-unwritable").arg("detail", detail.as_str())
            }
            Self::NotABackup => Said::id("error-backup-not-a-backup"),
            Self::Unreadable(detail) => {
                Said::id("error-backup-unreadable").arg("detail", detail.clone())
            }
            Self::KeyConflict => Said::id("error-backup-key-conflict"),
        }
    }
}

display_in_english!(BackupError);

impl BackupError {
    /// The form field the error concerns, if one does.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            BackupError::WrongPassphrase => Some("passphrase"),
            BackupError::Damaged(_) | BackupError::NotABackup | BackupError::Unreadable(_) => {
                Some("path")
            }
            BackupError::NoPassphrase | BackupError::KeyConflict | BackupError::Unwritable(_) => {
                None
            }
        }
    }
}
