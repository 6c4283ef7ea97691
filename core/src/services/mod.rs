//! The services the shell calls, each taking the acting staff member where it matters.

mod account;
mod agency;
mod agency_audit;
mod agency_logins;
mod agency_mail;
mod agency_view;
mod audit_log;
mod backup;
mod change;
mod code_relay;
mod credentials;
mod customer_import;
mod customer_links;
mod customers;
mod errors;
mod export_file;
mod funnel;
mod handoff_mail;
mod handoffs;
mod mail;
mod mail_limits;
mod mail_takeover;
mod outbox;
mod outbox_worker;
mod portal;
mod portal_link;
mod recovery;
mod session;
mod settings;
mod smtp_settings;
mod staff;
mod sync_worker;
mod verification_codes;

pub use account::PasswordChange;
pub use agency::{DeskInvitation, SyncProgress, SyncReport};
pub use agency_view::JoinForm;
pub use backup::RestoreError;
pub use credentials::{CustomerCreated, NewLogin};
pub use customer_import::{ImportCancel, ImportFile};
pub use customer_links::LINK_TOKEN_MINUTES;
pub use errors::{
    AccessError, CreateOwnerError, OpenError, ServiceError, SignInError, StorageError,
};
pub use handoffs::{ClipboardSecret, HandoffSecret};
pub use mail_takeover::RevokedDeskMail;
pub use outbox::OutboxPass;
pub use outbox_worker::OutboxWorker;
pub use session::OwnerForm;
pub use settings::{CLIPBOARD_CLEAR_SECONDS_MAX, HANDOFF_EXPIRY_DAYS, IDLE_LOCK_MINUTES};
pub use staff::MemberWithPassword;
pub use sync_worker::{SyncState, SyncWorker};
pub use verification_codes::read_typed_code;

use crate::audit::{AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::clock::Clock;
use crate::domain::PlainPassword;
use crate::paths::{DataDirLock, DataPaths};
use crate::store::encryption::{self, EncryptionProgress, FileState};
use crate::store::{self, meta, Store};
use crate::vault::{
    database_key_account, keyring_account, DatabaseKey, KeyStore, KeyringError, KeyringUse,
    TimedKeyring, VaultKey, KEYRING_TIME_LIMIT,
};
use change::Change;
use chrono::{DateTime, Utc};
use keydesk_api::PasswordStrength;
use std::sync::{Arc, Mutex, PoisonError};

/// An open Keydesk database with its vault key unlocked.
pub struct Keydesk {
    store: Store,
    clock: Arc<dyn Clock>,
    vault_key: VaultKey,
    keyring_account: String,
    /// The keyring account that holds the database key.
    database_key_account: String,
    /// The keyring, for the SMTP password.
    keyring: TimedKeyring,
    installation_id: String,
    outbox: outbox::OutboxRuntime,
    /// The link offers of duplicate answers (memory only; see [`customer_links`]).
    link_offers: customer_links::LinkOffers,
    /// Sign-in failures with emails that have no account (see `session`).
    unknown_emails: session::UnknownEmails,
    /// Signed-in owners' keys, unsealed with their password (see `session`).
    session_keys: session::SessionKeys,
    /// The data folder's lock, released by [`Keydesk::close`] (or when dropped).
    folder_lock: Mutex<Option<DataDirLock>>,
    /// The data folder, where backups go unless an owner chose another folder.
    data_dir: std::path::PathBuf,
    /// How to open one more connection to the database (key included), for backups.
    database_options: sqlx::sqlite::SqliteConnectOptions,
    /// Held while a backup is written: the daily one and *Back up now* take turns.
    backing_up: tokio::sync::Mutex<()>,
    /// Held while this desk syncs with the agency server: one push and pull at a time.
    syncing: tokio::sync::Mutex<()>,
    /// The newest protocol the agency server said it speaks, when newer than this
    /// Keydesk's (0: not newer, or not heard yet): the desk works on, and says to update.
    server_protocol_ahead: std::sync::atomic::AtomicI32,
    /// How far the agency server's clock is ahead of this computer's (milliseconds, as of
    /// the last connection; 0 on a desk of its own): logins expire by the server's time.
    server_clock_ahead_ms: std::sync::atomic::AtomicI64,
    /// The server's change number up to which tombstones may be pruned (see
    /// [`Keydesk::sync_now`]: a desk that pulled less reads everything again).
    server_tombstones_from: std::sync::atomic::AtomicI64,
    /// A customer mail was queued or moved on since the agency server last heard of this
    /// desk's mail: the sync worker tells it soon, not at its next pull.
    mail_to_report: std::sync::atomic::AtomicBool,
}

impl Keydesk {
    /// Opens or creates the database in `paths` and unlocks the vault key, creating it
    /// in the keyring on first run. Fails with [`OpenError::Keyring`] when the keyring
    /// cannot be used (there is no fallback), and with [`OpenError::InUse`], before
    /// touching the database, when another Keydesk has the folder open. Keyring calls
    /// get [`KEYRING_TIME_LIMIT`] each.
    pub async fn open(
        paths: &DataPaths,
        keys: Arc<dyn KeyStore>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, OpenError> {
        Self::open_with(paths, TimedKeyring::new(keys, KEYRING_TIME_LIMIT), clock).await
    }

    /// [`Keydesk::open`] through a keyring the caller keeps, with its time limit. Pass
    /// the same one to every attempt in a process: a call still stuck from an earlier
    /// attempt then counts against the bound, and a late key write cannot overtake a
    /// newer one.
    pub async fn open_with(
        paths: &DataPaths,
        keyring: TimedKeyring,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, OpenError> {
        Self::open_reporting(paths, keyring, clock, &|_| {}).await
    }

    /// [`Keydesk::open_with`], telling `progress` how the one-time encryption of a plain
    /// database from an earlier version comes along (it is not called otherwise).
    ///
    /// The database key is found (or, for a new data folder, made) before the database
    /// opens. An encrypted database whose key is missing or does not open it is refused
    /// with [`KeyringError::DatabaseKeyMissing`] or [`KeyringError::DatabaseKeyWrong`],
    /// untouched, and no new key is ever made for it.
    pub async fn open_reporting(
        paths: &DataPaths,
        keyring: TimedKeyring,
        clock: Arc<dyn Clock>,
        progress: &(dyn Fn(EncryptionProgress) + Send + Sync),
    ) -> Result<Self, OpenError> {
        paths.create_dirs()?;
        let folder_lock = paths.lock()?.ok_or(OpenError::InUse)?;
        let file = paths.database_file();
        backup::recover_interrupted_restore(&file)?;
        let state = encryption::file_state(&file)?;
        let (file_id, database_key) = unlock_database_key(&file, state, &keyring, progress).await?;
        let options = encryption::connect_options(&file, &database_key);
        let store = match Store::open(&file, &database_key).await {
            Ok(store) => store,
            Err(error) => {
                return Err(match OpenError::from(error) {
                    OpenError::NotADatabase if state == FileState::Encrypted => {
                        KeyringError::DatabaseKeyWrong.into()
                    }
                    other => other,
                })
            }
        };
        Self::unlock(paths, folder_lock, store, options, &file_id, keyring, clock).await
    }

    /// Opens or creates an unencrypted database in `paths`, for the benches' side-by-side
    /// figures only (see [`Store::open_plain`]).
    #[cfg(feature = "bench-plain-store")]
    pub async fn open_plain(
        paths: &DataPaths,
        keys: Arc<dyn KeyStore>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, OpenError> {
        paths.create_dirs()?;
        let folder_lock = paths.lock()?.ok_or(OpenError::InUse)?;
        let store = Store::open_plain(&paths.database_file()).await?;
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(paths.database_file());
        let keyring = TimedKeyring::new(keys, KEYRING_TIME_LIMIT);
        let id = new_installation_id()?;
        Self::unlock(paths, folder_lock, store, options, &id, keyring, clock).await
    }

    /// The rest of opening, once the store is open: the installation id (a new database
    /// takes `file_id`, the id its database key is named after) and the vault key.
    async fn unlock(
        paths: &DataPaths,
        folder_lock: DataDirLock,
        store: Store,
        database_options: sqlx::sqlite::SqliteConnectOptions,
        file_id: &str,
        keyring: TimedKeyring,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, OpenError> {
        let installation_id = ensure_installation_id(&store, clock.now(), file_id).await?;
        let vault_key = unlock_vault_key(&store, &keyring, &installation_id, clock.now()).await?;
        store.seal_audit_chain(&vault_key, keyring.clone(), &installation_id)?;
        tracing::info!(data_dir = %paths.data_dir.display(), "database open, vault key unlocked");
        let clock_ahead_ms: i64 =
            store::meta::get_readonly(store.reader(), store::meta::SERVER_CLOCK_AHEAD_MS)
                .await
                .ok()
                .flatten()
                .and_then(|ms| ms.parse().ok())
                .unwrap_or(0);
        Ok(Self {
            store,
            clock,
            vault_key,
            keyring_account: keyring_account(&installation_id),
            database_key_account: database_key_account(file_id),
            keyring,
            installation_id,
            outbox: outbox::OutboxRuntime::default(),
            link_offers: customer_links::LinkOffers::default(),
            unknown_emails: session::UnknownEmails::default(),
            session_keys: session::SessionKeys::default(),
            folder_lock: Mutex::new(Some(folder_lock)),
            data_dir: paths.data_dir.clone(),
            database_options,
            backing_up: tokio::sync::Mutex::new(()),
            syncing: tokio::sync::Mutex::new(()),
            server_protocol_ahead: std::sync::atomic::AtomicI32::new(0),
            server_clock_ahead_ms: std::sync::atomic::AtomicI64::new(clock_ahead_ms),
            server_tombstones_from: std::sync::atomic::AtomicI64::new(0),
            mail_to_report: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// The key that seals stored secrets (for the vault's sealing functions).
    pub fn vault_key(&self) -> &VaultKey {
        &self.vault_key
    }

    /// The keyring account that holds this database's vault key.
    pub fn keyring_account(&self) -> &str {
        &self.keyring_account
    }

    /// The id that names this database's keyring entries (and travels with its backups).
    pub fn installation_id(&self) -> &str {
        &self.installation_id
    }

    /// The keyring account that holds this database's database key.
    pub fn database_key_account(&self) -> &str {
        &self.database_key_account
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// True until the first owner account exists, and while a join is unfinished (the
    /// first-run screen then finishes it with the same invitation).
    pub async fn needs_owner(&self) -> anyhow::Result<bool> {
        if store::staff::count_readonly(self.store.reader()).await? == 0 {
            return Ok(true);
        }
        Ok(store::sync::server(self.store.reader())
            .await?
            .is_some_and(|server| server.joining))
    }

    /// Reads a password being typed, for the strength meter.
    pub fn password_strength(
        &self,
        password: &PlainPassword,
        user_inputs: &[&str],
    ) -> PasswordStrength {
        crate::domain::estimate_strength(password, user_inputs)
    }

    /// Checks that `actor`'s session still stands (member active, not reset or changed
    /// since it began) and that their current role allows `permission`. Returns the
    /// member as they are now. Every service calls this first; the window hiding a
    /// button is never the protection.
    pub async fn authorize(
        &self,
        actor: &Actor,
        permission: Permission,
    ) -> Result<Actor, AccessError> {
        let current = self.current_session(actor).await?;
        if current.must_change_password() && permission != Permission::ManageOwnAccount {
            return Err(AccessError::PasswordChangeRequired);
        }
        if !auth::allows(current.role(), permission) {
            tracing::warn!(staff_id = current.id().0, ?permission, "refused by role");
            return Err(AccessError::Forbidden);
        }
        Ok(current)
    }

    /// The member behind a session as they are now, or `SessionEnded`.
    pub async fn current_session(&self, actor: &Actor) -> Result<Actor, AccessError> {
        let record = store::staff::find_by_id(self.store.reader(), actor.id()).await?;
        match record {
            Some(r) if r.active && r.session_version == actor.session_version() => Ok(actor_of(&r)),
            _ => Err(AccessError::SessionEnded),
        }
    }

    /// Closes the database, then lets another Keydesk open the folder.
    pub async fn close(&self) {
        self.store.close().await;
        let lock = self
            .folder_lock
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        drop(lock);
    }
}

/// The signed-in member a staff record stands for.
fn actor_of(record: &store::staff::StaffRecord) -> Actor {
    Actor::new(
        record.id,
        record.email.clone(),
        record.display_name.clone(),
        record.role,
        record.must_change_password,
        record.session_version,
    )
}

/// The database's installation id; a new database takes `new_id` (the one noted beside
/// it, which names its database key).
async fn ensure_installation_id(
    store: &Store,
    now: DateTime<Utc>,
    new_id: &str,
) -> anyhow::Result<String> {
    let mut tx = Change::begin(store, now).await?;
    if let Some(id) = meta::get(&mut tx, meta::INSTALLATION_ID).await? {
        return Ok(id);
    }
    let id = new_id.to_owned();
    meta::set(&mut tx, meta::INSTALLATION_ID, &id).await?;
    let system = AuditActor::Attempt {
        staff_id: None,
        label: "system".to_owned(),
    };
    tx.audit(system, AuditAction::DatabaseCreated, "").await?;
    tx.commit("Failed to initialise the database").await?;
    tracing::info!("new database created");
    Ok(id)
}

fn new_installation_id() -> anyhow::Result<String> {
    Ok(hex::encode(
        VaultKey::generate()?
            .as_bytes()
            .get(..16)
            .unwrap_or_default(),
    ))
}

/// The installation id noted beside the database and the database key it names, for
/// what is at `file` (`state`): an encrypted database only opens with the key already in
/// the keyring; a plain one from an earlier version is encrypted with a new key (or with
/// one made just before an interrupted attempt); a new one gets a new key.
async fn unlock_database_key(
    file: &std::path::Path,
    state: FileState,
    keyring: &TimedKeyring,
    progress: &(dyn Fn(EncryptionProgress) + Send + Sync),
) -> Result<(String, DatabaseKey), OpenError> {
    match state {
        FileState::Encrypted => {
            let id =
                encryption::read_installation_id(file)?.ok_or(KeyringError::DatabaseKeyMissing)?;
            let key = load_database_key(keyring, &id)
                .await?
                .ok_or(KeyringError::DatabaseKeyMissing)?;
            Ok((id, key))
        }
        FileState::Plain => {
            let id = match encryption::plain_installation_id(file).await? {
                Some(id) => id,
                None => new_installation_id()?,
            };
            encryption::write_installation_id(file, &id)?;
            let key = load_or_create_database_key(keyring, &id).await?;
            encryption::encrypt_in_place(file, &key, progress).await?;
            Ok((id, key))
        }
        FileState::New => {
            let id = match encryption::read_installation_id(file)? {
                Some(id) => id,
                None => {
                    let id = new_installation_id()?;
                    encryption::write_installation_id(file, &id)?;
                    id
                }
            };
            let key = load_or_create_database_key(keyring, &id).await?;
            Ok((id, key))
        }
    }
}

async fn load_database_key(
    keyring: &TimedKeyring,
    installation_id: &str,
) -> Result<Option<DatabaseKey>, KeyringError> {
    let account = database_key_account(installation_id);
    let stored = keyring
        .run(KeyringUse::ReadDatabaseKey, move |keys| keys.load(&account))
        .await?;
    Ok(stored.map(DatabaseKey::from_stored))
}

/// The database key of a database not yet encrypted: the one already in the keyring
/// (stored just before a crash), else a new one, stored and read back before any
/// database is encrypted with it.
async fn load_or_create_database_key(
    keyring: &TimedKeyring,
    installation_id: &str,
) -> Result<DatabaseKey, OpenError> {
    if let Some(key) = load_database_key(keyring, installation_id).await? {
        return Ok(key);
    }
    let account = database_key_account(installation_id);
    let key = DatabaseKey::generate()?;
    let stored = keyring
        .run(KeyringUse::SaveDatabaseKey, {
            let stored = key.as_stored().clone();
            move |keys| {
                keys.store(&account, &stored)?;
                keys.load(&account)
            }
        })
        .await?;
    if stored.as_ref() != Some(key.as_stored()) {
        return Err(KeyringError::NotPersisted.into());
    }
    tracing::info!("database key created in the system keyring");
    Ok(key)
}

async fn unlock_vault_key(
    store: &Store,
    keyring: &TimedKeyring,
    installation_id: &str,
    now: DateTime<Utc>,
) -> Result<VaultKey, OpenError> {
    let account = keyring_account(installation_id);
    let mut tx = Change::begin(store, now).await?;
    let created = meta::get(&mut tx, meta::VAULT_KEY_CREATED_AT).await?;
    drop(tx);
    let existing = keyring.load_key(&account).await?;
    match (created, existing) {
        (Some(_), Some(key)) => return Ok(key),
        (Some(_), None) => return Err(KeyringError::KeyMissing.into()),
        // A key stored just before a crash, before the database noted it: adopt it.
        (None, Some(key)) => {
            record_vault_key(store, now).await?;
            return Ok(key);
        }
        (None, None) => {}
    }
    let key = VaultKey::generate()?;
    let stored = keyring
        .run(KeyringUse::SaveVaultKey, {
            let (account, key) = (account.clone(), key.clone());
            move |keys| {
                keys.store(&account, &key)?;
                keys.load(&account)
            }
        })
        .await?;
    if stored.as_ref() != Some(&key) {
        return Err(KeyringError::NotPersisted.into());
    }
    record_vault_key(store, now).await?;
    tracing::info!("vault key created in the system keyring");
    Ok(key)
}

async fn record_vault_key(store: &Store, now: DateTime<Utc>) -> anyhow::Result<()> {
    let mut tx = Change::begin(store, now).await?;
    meta::set(&mut tx, meta::VAULT_KEY_CREATED_AT, &now.to_rfc3339()).await?;
    let system = AuditActor::Attempt {
        staff_id: None,
        label: "system".to_owned(),
    };
    tx.audit(
        system,
        AuditAction::VaultKeyCreated,
        "in the system keyring",
    )
    .await?;
    tx.commit("Failed to note the vault key").await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;
    use crate::vault::{MemoryKeyStore, PromptingKeyStore};
    use std::time::Duration;

    #[tokio::test]
    async fn unreachable_keyring_refuses_to_open_and_stores_no_key() {
        let dir = tempfile::tempdir().unwrap();
        let paths = DataPaths::portable(dir.path().to_path_buf());
        let keys = Arc::new(MemoryKeyStore::unreachable());
        let result = Keydesk::open(&paths, keys, Arc::new(SystemClock)).await;
        assert!(matches!(
            result,
            Err(OpenError::Keyring(KeyringError::Unreachable(_)))
        ));
        // Refused before a database was made.
        assert!(!paths.database_file().exists());
    }

    /// Opens a new database once (creating its vault key in `keys`), closes it, and
    /// gives the key.
    async fn first_start(paths: &DataPaths, keys: Arc<dyn KeyStore>) -> VaultKey {
        let first = Keydesk::open(paths, keys, Arc::new(SystemClock))
            .await
            .unwrap();
        let key = first.vault_key().clone();
        first.close().await;
        key
    }

    #[tokio::test]
    async fn reopening_uses_the_same_key_and_a_lost_key_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let paths = DataPaths::portable(dir.path().to_path_buf());
        let keys = Arc::new(MemoryKeyStore::default());
        let key = first_start(&paths, keys.clone()).await;
        let second = Keydesk::open(&paths, keys.clone(), Arc::new(SystemClock))
            .await
            .unwrap();
        assert_eq!(second.vault_key(), &key);
        second.close().await;
        // Only the vault key lost: the database opens, the vault key is reported missing.
        let id = encryption::read_installation_id(&paths.database_file())
            .unwrap()
            .unwrap();
        let database_key = keys.load(&database_key_account(&id)).unwrap().unwrap();
        let without_vault_key = Arc::new(MemoryKeyStore::default());
        without_vault_key
            .store(&database_key_account(&id), &database_key)
            .unwrap();
        let lost = Keydesk::open(&paths, without_vault_key, Arc::new(SystemClock)).await;
        assert!(matches!(
            lost,
            Err(OpenError::Keyring(KeyringError::KeyMissing))
        ));
        // Everything lost: the database itself cannot be opened.
        let empty = Arc::new(MemoryKeyStore::default());
        let lost = Keydesk::open(&paths, empty, Arc::new(SystemClock)).await;
        assert!(matches!(
            lost,
            Err(OpenError::Keyring(KeyringError::DatabaseKeyMissing))
        ));
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_keyring_locked_at_start_is_reported_within_the_limit_and_try_again_works() {
        let dir = tempfile::tempdir().unwrap();
        let paths = DataPaths::portable(dir.path().to_path_buf());
        let keys = Arc::new(PromptingKeyStore::default());
        let key = first_start(&paths, keys.clone()).await;

        keys.lock();
        let keyring = TimedKeyring::new(keys.clone(), Duration::from_millis(200));
        let locked = Keydesk::open_with(&paths, keyring.clone(), Arc::new(SystemClock)).await;
        let Err(OpenError::Keyring(error)) = locked else {
            panic!("expected a keyring error, got {:?}", locked.map(|_| ()));
        };
        // The database key is the first thing read.
        assert_eq!(error, KeyringError::Locked(KeyringUse::ReadDatabaseKey));
        assert!(error
            .to_string()
            .starts_with("The system keyring is locked, so Keydesk cannot read its database key."));
        assert!(error.how_to_fix().contains("Try again"));

        // The person answers the prompt, then chooses Try again.
        keys.unlock();
        let mut reopened = None;
        for _ in 0..200 {
            match Keydesk::open_with(&paths, keyring.clone(), Arc::new(SystemClock)).await {
                Ok(keydesk) => {
                    reopened = Some(keydesk);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        }
        let reopened = reopened.expect("Keydesk opens once the keyring is unlocked");
        assert_eq!(reopened.vault_key(), &key);
        reopened.close().await;
    }
}
