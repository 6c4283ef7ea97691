//! Settings → Backups: encrypted copies of the whole database, made by hand or once a
//! day while Keydesk runs, and restoring one over the database. Owners only; restoring
//! is also allowed before the first owner exists, from the first-run screen.

use super::{
    load_or_create_database_key, AccessError, Keydesk, OpenError, ServiceError, StorageError,
};
use crate::audit::{head_account, AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::backup::{self, rotation, BackupError, BackupManifest, OpenedBackup};
use crate::clock::Clock;
use crate::domain::{FieldError, NewPassword, PlainPassword};
use crate::paths::DataPaths;
use crate::said::{Explain, Said};
use crate::store::encryption::{self, sync_folder, with_suffix, ID_FILE};
use crate::store::{meta, settings, Store};
use crate::vault::{
    backup_key_account, database_key_account, desk_secret_account, keyring_account,
    smtp_password_account, BackupKey, KeyringError, KeyringUse, TimedKeyring,
};
use chrono::{DateTime, Duration, Utc};
use keydesk_api::{BackupPreview, BackupProgress, BackupStatus};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The setting that holds the folder an owner chose (absent: the default folder).
const BACKUP_FOLDER: &str = "backup_folder";
/// The default folder, inside the data folder.
const DEFAULT_FOLDER: &str = "backups";
/// How old the last backup may be before the daily one is due.
const DAILY: Duration = Duration::hours(24);
/// How old the last good backup may be before the window warns.
const OVERDUE_AFTER: Duration = Duration::days(3);
/// Where the database files wait while a restore replaces them.
const ASIDE_SUFFIX: &str = ".before-restore";

impl Keydesk {
    /// The Backups screen and the dashboard's reminder.
    pub async fn backup_status(&self, actor: &Actor) -> Result<BackupStatus, ServiceError> {
        self.authorize(actor, Permission::ManageBackups).await?;
        self.read_backup_status().await
    }

    async fn read_backup_status(&self) -> Result<BackupStatus, ServiceError> {
        let reader = self.store.reader();
        let chosen = self.chosen_backup_folder().await?;
        let folder = chosen
            .clone()
            .unwrap_or_else(|| self.default_backup_folder());
        let last_backup_at = meta::get_readonly(reader, meta::LAST_BACKUP_AT)
            .await?
            .and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
            .map(|at| at.with_timezone(&Utc));
        let overdue = last_backup_at.is_none_or(|at| self.clock.now() - at > OVERDUE_AFTER);
        // A folder on a drive that is not plugged in still shows the rest.
        let backups = backup::list(&folder).unwrap_or_else(|error| {
            tracing::warn!(error = %format!("{error:#}"), "backup folder not readable");
            Vec::new()
        });
        Ok(BackupStatus {
            passphrase_set: meta::get_readonly(reader, meta::BACKUP_PASSPHRASE_SET_AT)
                .await?
                .is_some(),
            folder: folder.to_string_lossy().into_owned(),
            default_folder: chosen.is_none(),
            last_backup_at: last_backup_at.map(|at| at.to_rfc3339()),
            overdue,
            last_failure: meta::get_readonly(reader, meta::LAST_BACKUP_FAILURE).await?,
            backups,
        })
    }

    async fn chosen_backup_folder(&self) -> Result<Option<PathBuf>, ServiceError> {
        let chosen: Option<String> = settings::get(self.store.reader(), BACKUP_FOLDER).await?;
        Ok(chosen.filter(|f| !f.is_empty()).map(PathBuf::from))
    }

    fn default_backup_folder(&self) -> PathBuf {
        self.data_dir.join(DEFAULT_FOLDER)
    }

    /// Sets (or replaces) the backup passphrase: checked like a password, stretched with
    /// argon2id, and the key it gives kept in the keyring for the daily backups. Backups
    /// made before keep opening with the passphrase they were made with.
    pub async fn set_backup_passphrase(
        &self,
        actor: &Actor,
        passphrase: &PlainPassword,
    ) -> Result<BackupStatus, ServiceError> {
        let actor = self.authorize(actor, Permission::ManageBackups).await?;
        let email: &str = actor.email().as_ref();
        let checked = NewPassword::parse(
            "passphrase",
            passphrase.clone(),
            &[email, actor.display_name()],
        )?;
        let salt = BackupKey::new_salt()?;
        let phrase = checked.plain().clone();
        let key = tokio::task::spawn_blocking(move || BackupKey::derive(&phrase, salt))
            .await
            .map_err(anyhow::Error::from)??;
        self.store_backup_key(&key).await?;

        let mut tx = self.begin_change().await?;
        let now = tx.now();
        meta::set(&mut tx, meta::BACKUP_PASSPHRASE_SET_AT, &now.to_rfc3339()).await?;
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::BackupPassphraseSet,
            "backups made from now on open with it",
        )
        .await?;
        tx.commit("Failed to note the backup passphrase").await?;
        tracing::info!("backup passphrase set");
        self.read_backup_status().await
    }

    /// Keeps `key` (with its salt, in one entry) in the keyring, and reads it back.
    async fn store_backup_key(&self, key: &BackupKey) -> Result<(), ServiceError> {
        let account = backup_key_account(&self.installation_id);
        let secret = key.to_secret();
        self.keyring
            .store_secret(KeyringUse::SaveBackupKey, &account, secret)
            .await
            .map_err(ServiceError::Keyring)?;
        let stored = self.load_backup_key().await?;
        if stored.map(|k| k.raw_key()) != Some(key.raw_key()) {
            return Err(ServiceError::Keyring(KeyringError::NotPersisted));
        }
        Ok(())
    }

    async fn load_backup_key(&self) -> Result<Option<BackupKey>, ServiceError> {
        let account = backup_key_account(&self.installation_id);
        let secret = self
            .keyring
            .load_secret(KeyringUse::ReadBackupKey, &account)
            .await
            .map_err(ServiceError::Keyring)?;
        Ok(secret.as_ref().and_then(BackupKey::from_secret))
    }

    /// Where backups go; an empty `folder` means the default one (the data folder's
    /// `backups`). The folder must be a full path; it is created if missing, and must
    /// take a file.
    pub async fn set_backup_folder(
        &self,
        actor: &Actor,
        folder: &str,
    ) -> Result<BackupStatus, ServiceError> {
        let actor = self.authorize(actor, Permission::ManageBackups).await?;
        let folder = folder.trim();
        let chosen = if folder.is_empty() {
            None
        } else {
            let path = PathBuf::from(folder);
            if !path.is_absolute() {
                return Err(FieldError::new(
                    "folder",
                    Said::id("error-backup-folder-not-absolute"),
                )
                .into());
            }
            check_writable(&path).map_err(|error| {
                FieldError::new(
                    "folder",
                    Said::id("error-backup-folder-unwritable").arg("error", error.to_string()),
                )
            })?;
            Some(path.to_string_lossy().into_owned())
        };
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        settings::set(&mut tx, BACKUP_FOLDER, &chosen, actor.id(), now).await?;
        let detail = chosen.as_deref().unwrap_or("the default folder").to_owned();
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::BackupFolderChanged,
            &detail,
        )
        .await?;
        tx.commit("Failed to save the backup folder").await?;
        self.read_backup_status().await
    }

    /// Makes a backup now; `progress` hears how far the copy has come.
    pub async fn back_up_now(
        &self,
        actor: &Actor,
        progress: &(dyn Fn(BackupProgress) + Send + Sync),
    ) -> Result<BackupStatus, ServiceError> {
        let actor = self.authorize(actor, Permission::ManageBackups).await?;
        self.make_backup(AuditActor::Staff(&actor), progress)
            .await?;
        self.read_backup_status().await
    }

    /// The daily backup: makes one if a passphrase is set and the last good backup is a
    /// day old or more. Returns whether it made one. Call it every so often (an hour)
    /// while Keydesk runs; a failure is kept for the Backups screen.
    pub async fn back_up_if_due(&self) -> Result<bool, ServiceError> {
        let reader = self.store.reader();
        if meta::get_readonly(reader, meta::BACKUP_PASSPHRASE_SET_AT)
            .await?
            .is_none()
        {
            return Ok(false);
        }
        let last = meta::get_readonly(reader, meta::LAST_BACKUP_AT)
            .await?
            .and_then(|text| DateTime::parse_from_rfc3339(&text).ok());
        if last.is_some_and(|at| self.clock.now() - at.with_timezone(&Utc) < DAILY) {
            return Ok(false);
        }
        self.make_backup(system(), &|_| {}).await?;
        Ok(true)
    }

    /// Writes a backup into the backup folder, removes the ones rotation no longer
    /// keeps, and notes it; a failure is noted (and audited) instead.
    async fn make_backup(
        &self,
        by: AuditActor<'_>,
        progress: &(dyn Fn(BackupProgress) + Send + Sync),
    ) -> Result<PathBuf, ServiceError> {
        let _turn = self.backing_up.lock().await;
        let made = self.write_backup(progress).await;
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        match &made {
            Ok(path) => {
                meta::set(&mut tx, meta::LAST_BACKUP_AT, &now.to_rfc3339()).await?;
                meta::delete(&mut tx, meta::LAST_BACKUP_FAILURE).await?;
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                tx.audit(by, AuditAction::BackupMade, &name).await?;
            }
            Err(error) => {
                let reason = error.to_string();
                meta::set(&mut tx, meta::LAST_BACKUP_FAILURE, &reason).await?;
                tx.audit(by, AuditAction::BackupFailed, &reason).await?;
            }
        }
        tx.commit("Failed to note the backup").await?;
        let path = made?;
        if let Some(folder) = path.parent() {
            remove_rotated(folder);
        }
        Ok(path)
    }

    async fn write_backup(
        &self,
        progress: &(dyn Fn(BackupProgress) + Send + Sync),
    ) -> Result<PathBuf, ServiceError> {
        let key = self
            .load_backup_key()
            .await?
            .ok_or(BackupError::NoPassphrase)?;
        let folder = match self.chosen_backup_folder().await? {
            Some(folder) => folder,
            None => self.default_backup_folder(),
        };
        let manifest = BackupManifest {
            installation_id: self.installation_id.clone(),
            vault_key: self.vault_key.clone(),
            made_at: self.clock.now(),
        };
        let path = backup::write(
            self.database_options.clone(),
            &folder,
            &key,
            &manifest,
            &|written, expected| progress(BackupProgress { written, expected }),
        )
        .await
        .map_err(|error| match StorageError::find(&error) {
            Some(storage) => ServiceError::Storage(storage),
            None => {
                tracing::error!(error = %format!("{error:#}"), "backup failed");
                BackupError::Unwritable(format!("{error:#}")).into()
            }
        })?;
        tracing::info!("backup made");
        Ok(path)
    }

    /// Whether `actor` (or nobody, on the first-run screen) may look into and restore a
    /// backup: a signed-in owner, or anyone while no owner exists yet.
    pub async fn authorize_restore(&self, actor: Option<&Actor>) -> Result<(), ServiceError> {
        if self.needs_owner().await? {
            return Ok(());
        }
        match actor {
            Some(actor) => {
                self.authorize(actor, Permission::ManageBackups).await?;
                Ok(())
            }
            None => Err(AccessError::SessionEnded.into()),
        }
    }

    /// Checks every page of the backup at `path` with `passphrase` and says what it
    /// holds, changing nothing. Call [`Keydesk::authorize_restore`] first.
    pub async fn preview_backup(
        path: &Path,
        passphrase: &PlainPassword,
    ) -> Result<BackupPreview, ServiceError> {
        Ok(backup::open(path, passphrase).await?.preview)
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
        paths.create_dirs().map_err(OpenError::from)?;
        let folder_lock = paths
            .lock()
            .map_err(OpenError::from)?
            .ok_or(OpenError::InUse)?;
        recover_interrupted_restore(&paths.database_file()).map_err(OpenError::from)?;
        let opened = backup::open(path, passphrase)
            .await
            .map_err(ServiceError::from)?;
        let id = opened.manifest.installation_id.clone();
        adopt_vault_key(&keyring, &opened.manifest).await?;
        let database_key = load_or_create_database_key(&keyring, &id).await?;

        let file = paths.database_file();
        let restoring = with_suffix(&file, ".restoring");
        remove_if_there(&restoring).map_err(ServiceError::from)?;
        if let Err(error) = backup::restore_into(
            path,
            &opened.key,
            &restoring,
            &database_key,
            &|written, expected| progress(BackupProgress { written, expected }),
        )
        .await
        {
            let _ = remove_if_there(&restoring);
            return Err(ServiceError::from(error).into());
        }

        // The database being replaced, if it is another installation's: its keys go once
        // the restored one has opened.
        let replaced_id = encryption::read_installation_id(&file)
            .ok()
            .flatten()
            .filter(|old| *old != id);
        let aside = Aside::set(&file).map_err(ServiceError::from)?;
        let swapped = std::fs::rename(&restoring, &file)
            .map_err(anyhow::Error::from)
            .and_then(|()| encryption::write_installation_id(&file, &id));
        let opened_db = match swapped {
            Ok(()) => {
                let options = encryption::connect_options(&file, &database_key);
                match Store::open(&file, &database_key).await {
                    Ok(store) => {
                        Self::unlock(
                            paths,
                            folder_lock,
                            store,
                            options,
                            &id,
                            keyring.clone(),
                            clock,
                        )
                        .await
                    }
                    Err(error) => Err(OpenError::from(error)),
                }
            }
            Err(error) => Err(OpenError::from(error)),
        };
        let keydesk = match opened_db {
            Ok(keydesk) => keydesk,
            Err(error) => {
                tracing::error!(%error, "the restored database did not open; putting the old one back");
                let _ = remove_if_there(&file);
                aside.put_back();
                return Err(error.into());
            }
        };
        aside.remove();
        if let Some(old) = replaced_id {
            forget_keys(&keyring, &old).await;
        }
        keydesk
            .after_restore(&opened, by)
            .await
            .map_err(RestoreError::Refused)?;
        tracing::info!("database restored from a backup");
        Ok(keydesk)
    }

    /// Makes the restored database whole with this machine: the signed end of the audit
    /// log starts again from the restored log (which may be shorter than the one the
    /// keyring remembers), the backup key is kept so the daily backups go on with the
    /// same passphrase, and the restore is audited.
    async fn after_restore(
        &self,
        opened: &OpenedBackup,
        by: Option<&Actor>,
    ) -> Result<(), ServiceError> {
        self.keyring
            .delete_secret(
                KeyringUse::SaveAuditHead,
                &head_account(&self.installation_id),
            )
            .await
            .map_err(ServiceError::Keyring)?;
        self.store_backup_key(&opened.key).await?;
        let mut tx = self.begin_change().await?;
        let now = tx.now().to_rfc3339();
        meta::set(&mut tx, meta::BACKUP_PASSPHRASE_SET_AT, &now).await?;
        // The restored data is exactly what that backup holds, and the backup is there.
        let made_at = opened.manifest.made_at.to_rfc3339();
        meta::set(&mut tx, meta::LAST_BACKUP_AT, &made_at).await?;
        meta::delete(&mut tx, meta::LAST_BACKUP_FAILURE).await?;
        let actor = AuditActor::Attempt {
            staff_id: None,
            label: by.map_or_else(
                || "first-run screen".to_owned(),
                |a| AsRef::<str>::as_ref(a.email()).to_owned(),
            ),
        };
        let detail = format!(
            "backup made {} ({} customers, {} staff)",
            opened.manifest.made_at.to_rfc3339(),
            opened.preview.customers,
            opened.preview.staff
        );
        tx.audit(actor, AuditAction::BackupRestored, &detail)
            .await?;
        tx.commit("Failed to note the restore").await?;
        Ok(())
    }
}

/// Why a restore did not happen (the database in place is the one from before).
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The backup was refused before anything was replaced.
    #[error(transparent)]
    Refused(#[from] ServiceError),
    /// The database could not be opened afterwards (the old one was put back), or the
    /// keys for it could not be had.
    #[error(transparent)]
    Open(#[from] OpenError),
}

impl Explain for RestoreError {
    fn explain(&self) -> Said {
        match self {
            Self::Refused(e) => e.explain(),
            Self::Open(e) => e.explain(),
        }
    }
}

impl From<KeyringError> for RestoreError {
    fn from(error: KeyringError) -> Self {
        Self::Refused(ServiceError::Keyring(error))
    }
}

/// See [`Aside::recover`]; called before the database opens.
pub(super) fn recover_interrupted_restore(database: &Path) -> anyhow::Result<()> {
    Aside::recover(database)
}

fn system() -> AuditActor<'static> {
    AuditActor::Attempt {
        staff_id: None,
        label: "system".to_owned(),
    }
}

/// Puts the backup's vault key in the keyring, unless the keyring already holds it; a
/// different key under the same name is refused (it seals another copy's secrets).
async fn adopt_vault_key(
    keyring: &TimedKeyring,
    manifest: &BackupManifest,
) -> Result<(), RestoreError> {
    let account = keyring_account(&manifest.installation_id);
    match keyring.load_key(&account).await? {
        Some(existing) if existing == manifest.vault_key => Ok(()),
        Some(_) => Err(ServiceError::from(BackupError::KeyConflict).into()),
        None => {
            let stored = keyring
                .run(KeyringUse::SaveVaultKey, {
                    let (account, key) = (account.clone(), manifest.vault_key.clone());
                    move |keys| {
                        keys.store(&account, &key)?;
                        keys.load(&account)
                    }
                })
                .await?;
            if stored.as_ref() != Some(&manifest.vault_key) {
                return Err(KeyringError::NotPersisted.into());
            }
            Ok(())
        }
    }
}

/// Removes every keyring entry of installation `id`, whose database a restore replaced
/// and deleted. A failure is logged: the entries open nothing that still exists.
async fn forget_keys(keyring: &TimedKeyring, id: &str) {
    let accounts = [
        keyring_account(id),
        database_key_account(id),
        backup_key_account(id),
        smtp_password_account(id),
        desk_secret_account(id),
        head_account(id),
    ];
    for account in accounts {
        if let Err(error) = keyring
            .delete_secret(KeyringUse::RemoveReplacedKeys, &account)
            .await
        {
            tracing::warn!(%error, "a replaced database's key was not removed from the keyring");
        }
    }
}

/// Creates `folder` if missing (owner-only) and checks that a file can be written in it.
/// An existing folder's permissions are the owner's business and left alone.
fn check_writable(folder: &Path) -> anyhow::Result<()> {
    if !folder.exists() {
        crate::paths::create_private_dir(folder)?;
    }
    let probe = folder.join(".keydesk-write-check");
    std::fs::write(&probe, b"")?;
    std::fs::remove_file(&probe)?;
    Ok(())
}

/// Removes the backups in `folder` that rotation no longer keeps. Failures are logged:
/// an extra old backup is no reason to report the new one as failed.
fn remove_rotated(folder: &Path) {
    let files = match backup::list(folder) {
        Ok(files) => files,
        Err(error) => {
            tracing::warn!(error = %format!("{error:#}"), "backup folder not listed");
            return;
        }
    };
    let made_at: Vec<DateTime<Utc>> = files
        .iter()
        .filter_map(|f| DateTime::parse_from_rfc3339(&f.made_at).ok())
        .map(|at| at.with_timezone(&Utc))
        .collect();
    if made_at.len() != files.len() {
        return;
    }
    for index in rotation::to_remove(&made_at) {
        if let Some(file) = files.get(index) {
            match std::fs::remove_file(&file.path) {
                Ok(()) => tracing::info!("removed a backup rotation no longer keeps"),
                Err(error) => tracing::warn!(%error, "old backup not removed"),
            }
        }
    }
}

fn remove_if_there(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => {
            Err(anyhow::Error::from(e).context(format!("Failed to remove {}", path.display())))
        }
    }
}

/// The files that make up the database at `database`: itself, its log and shared
/// memory, and the id file that names its key. The id file comes last: restoring writes
/// it last, as its point of no return.
fn database_and_beside(database: &Path) -> [PathBuf; 4] {
    [
        database.to_path_buf(),
        with_suffix(database, "-wal"),
        with_suffix(database, "-shm"),
        database.with_file_name(ID_FILE),
    ]
}

/// The database's files moved aside (renamed with [`ASIDE_SUFFIX`]) while a restored
/// database takes their place.
struct Aside {
    moved: Vec<(PathBuf, PathBuf)>,
}

impl Aside {
    fn set(database: &Path) -> anyhow::Result<Self> {
        let mut aside = Self { moved: Vec::new() };
        let files = database_and_beside(database);
        for file in files {
            if !file.exists() {
                continue;
            }
            let to = with_suffix(&file, ASIDE_SUFFIX);
            if let Err(error) = std::fs::rename(&file, &to) {
                aside.put_back();
                return Err(anyhow::Error::from(error)
                    .context(format!("Failed to move {} aside", file.display())));
            }
            aside.moved.push((file, to));
        }
        sync_folder(database)?;
        Ok(aside)
    }

    /// Finishes or undoes a restore that a crash cut short, before the database opens.
    /// The id file written beside the restored database is the point of no return:
    /// with it (and the database) in place the restore happened, and what was set aside
    /// goes; without it everything set aside is put back.
    fn recover(database: &Path) -> anyhow::Result<()> {
        let files = database_and_beside(database);
        let moved: Vec<(PathBuf, PathBuf)> = files
            .into_iter()
            .map(|file| {
                let aside = with_suffix(&file, ASIDE_SUFFIX);
                (file, aside)
            })
            .filter(|(_, aside)| aside.exists())
            .collect();
        if moved.is_empty() {
            return Ok(());
        }
        remove_if_there(&with_suffix(database, ".restoring"))?;
        let aside = Self { moved };
        if database.exists() && database.with_file_name(ID_FILE).exists() {
            tracing::warn!("finishing a restore that was interrupted");
            aside.remove();
        } else {
            tracing::warn!("undoing a restore that was interrupted");
            for (file, _) in &aside.moved {
                remove_if_there(file)?;
            }
            aside.put_back();
        }
        Ok(())
    }

    fn put_back(&self) {
        for (from, to) in self.moved.iter().rev() {
            if let Err(error) = std::fs::rename(to, from) {
                tracing::error!(%error, file = %from.display(), "could not put a database file back");
            }
        }
        if let Some((first, _)) = self.moved.first() {
            let _ = sync_folder(first);
        }
    }

    fn remove(&self) {
        for (_, to) in &self.moved {
            if let Err(error) = std::fs::remove_file(to) {
                tracing::warn!(%error, file = %to.display(), "old database file not removed");
            }
        }
    }
}
