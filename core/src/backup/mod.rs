//! Backup files: the whole database, copied at one moment into a SQLCipher file keyed
//! with the backup key (see [`crate::vault::BackupKey`]), with the vault key inside so a
//! backup opens on a machine that never saw the old keyring. Which backups a folder
//! keeps is [`rotation`]'s business.

mod file;
pub mod rotation;

pub use file::{list, open, restore_into, write, BackupManifest, OpenedBackup, BACKUP_EXTENSION};

/// Why a backup could not be made, read or restored. Nothing was replaced.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("Set a backup passphrase first: backups are encrypted with it.")]
    NoPassphrase,
    #[error(
        "This passphrase does not open the backup. Check it and try again; if it is right, \
         the file is damaged at its start."
    )]
    WrongPassphrase,
    #[error("The backup file is damaged ({0}), so it cannot be restored. Nothing was replaced.")]
    Damaged(String),
    /// The backup could not be written (the folder is gone, refused the file...).
    #[error("The backup could not be written: {0}.")]
    Unwritable(String),
    #[error("This file is not a Keydesk backup.")]
    NotABackup,
    #[error("The backup file cannot be read: {0}.")]
    Unreadable(String),
    /// The keyring already holds another vault key for the installation the backup
    /// comes from: restoring would leave one of the two databases unopenable.
    #[error(
        "This computer's keyring holds a different key for the Keydesk this backup comes \
         from, so it cannot be restored here. Nothing was replaced."
    )]
    KeyConflict,
}

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
