//! Settings → Backups: encrypted copies of the whole database, made by hand or once a
//! day while Keydesk runs, and restoring one over the database. Owners only; restoring
//! is also allowed before the first owner exists, from the first-run screen.

use super::{Keydesk, OpenError, ServiceError};
use crate::auth::Actor;
use crate::clock::Clock;
use crate::domain::PlainPassword;
use crate::paths::DataPaths;
use crate::vault::TimedKeyring;
use keydesk_api::{BackupPreview, BackupProgress, BackupStatus};
use std::path::Path;
use std::sync::Arc;

impl Keydesk {
    /// The Backups screen and the dashboard's reminder.
    pub async fn backup_status(&self, actor: &Actor) -> Result<BackupStatus, ServiceError> {
        todo!("{actor:?}")
    }

    /// Sets (or replaces) the backup passphrase: checked like a password, stretched with
    /// argon2id, and the key it gives kept in the keyring for the daily backups.
    pub async fn set_backup_passphrase(
        &self,
        actor: &Actor,
        passphrase: &PlainPassword,
    ) -> Result<BackupStatus, ServiceError> {
        todo!("{actor:?} {passphrase:?}")
    }

    /// Where backups go; an empty `folder` means the default one (the data folder's
    /// `backups`). The folder is created if missing and must be writable.
    pub async fn set_backup_folder(
        &self,
        actor: &Actor,
        folder: &str,
    ) -> Result<BackupStatus, ServiceError> {
        todo!("{actor:?} {folder}")
    }

    /// Makes a backup now; `progress` hears how far the copy has come.
    pub async fn back_up_now(
        &self,
        actor: &Actor,
        progress: &(dyn Fn(BackupProgress) + Send + Sync),
    ) -> Result<BackupStatus, ServiceError> {
        let _ = progress;
        todo!("{actor:?}")
    }

    /// The daily backup: makes one if a passphrase is set and the last good backup is a
    /// day old or more. Returns whether it made one. Call it every so often (an hour)
    /// while Keydesk runs; a failure is kept for the Backups screen.
    pub async fn back_up_if_due(&self) -> Result<bool, ServiceError> {
        todo!()
    }

    /// Whether `actor` (or nobody, on the first-run screen) may look into and restore a
    /// backup: a signed-in owner, or anyone while no owner exists yet.
    pub async fn authorize_restore(&self, actor: Option<&Actor>) -> Result<(), ServiceError> {
        todo!("{actor:?}")
    }

    /// Checks every page of the backup at `path` with `passphrase` and says what it
    /// holds, changing nothing. Call [`Keydesk::authorize_restore`] first.
    pub async fn preview_backup(
        path: &Path,
        passphrase: &PlainPassword,
    ) -> Result<BackupPreview, ServiceError> {
        todo!("{path:?} {passphrase:?}")
    }

    /// Replaces the database in `paths` by the backup at `path`, and opens it.
    ///
    /// The Keydesk open on `paths` must be closed first (call
    /// [`Keydesk::authorize_restore`] before closing it). The backup is checked whole
    /// before anything is replaced; the current database is kept aside until the restored
    /// one has opened, and put back if it does not. `by` names who restored it, for the
    /// audit log. On a new machine the restored database gets new keys in this keyring;
    /// owners sign in with their passwords and their keys open again.
    pub async fn restore_backup(
        paths: &DataPaths,
        keyring: TimedKeyring,
        clock: Arc<dyn Clock>,
        path: &Path,
        passphrase: &PlainPassword,
        by: Option<&Actor>,
        progress: &(dyn Fn(BackupProgress) + Send + Sync),
    ) -> Result<Keydesk, RestoreError> {
        let _ = (paths, keyring, clock, progress);
        todo!("{path:?} {passphrase:?} {by:?}")
    }
}

/// Why a restore did not happen (the database in place is the one from before).
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The backup was refused before anything was replaced.
    #[error(transparent)]
    Refused(#[from] ServiceError),
    /// The database could not be opened afterwards (the old one was put back, and this
    /// says why it would not open either, if it did not).
    #[error(transparent)]
    Open(#[from] OpenError),
}
