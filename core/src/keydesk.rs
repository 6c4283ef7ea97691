//! The services the shell calls, each taking the acting staff member where it matters.

use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::clock::Clock;
use crate::domain::{DisplayName, FieldError, NewPassword, PlainPassword, Role, StaffEmail};
use crate::paths::DataPaths;
use crate::store::{self, meta, Store};
use crate::vault::{keyring_account, KeyStore, KeyringError, VaultKey};
use anyhow::Context;
use chrono::{DateTime, Utc};
use keydesk_api::{AuditPage, ChainVerification, PasswordStrength};
use std::sync::Arc;

/// An open Keydesk database with its vault key unlocked.
pub struct Keydesk {
    store: Store,
    clock: Arc<dyn Clock>,
    vault_key: VaultKey,
    keyring_account: String,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Keyring(#[from] KeyringError),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

#[derive(Debug, thiserror::Error)]
pub enum CreateOwnerError {
    #[error("{}", .0.message)]
    Field(#[from] FieldError),
    #[error("An owner account already exists. Sign in instead.")]
    OwnerExists,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("Email or password is incorrect.")]
    InvalidCredentials,
    #[error("Too many failed sign-ins. Try again in {}.", describe_wait(*.until - *.now))]
    LockedOut {
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    },
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    #[error("Your role does not allow this.")]
    Forbidden,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// What the first-run form sends, still raw.
pub struct OwnerForm {
    pub email: String,
    pub display_name: String,
    pub password: PlainPassword,
    pub password_confirm: PlainPassword,
}

impl Keydesk {
    /// Opens or creates the database in `paths` and unlocks the vault key, creating it
    /// in the keyring on first run. Fails with [`OpenError::Keyring`] when the keyring
    /// cannot be used; there is no fallback.
    pub async fn open(
        paths: &DataPaths,
        keys: Arc<dyn KeyStore>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, OpenError> {
        paths.create_dirs()?;
        let store = Store::open(&paths.database_file()).await?;
        let installation_id = ensure_installation_id(&store, clock.now()).await?;
        let vault_key = unlock_vault_key(&store, keys, &installation_id, clock.now()).await?;
        tracing::info!(data_dir = %paths.data_dir.display(), "database open, vault key unlocked");
        Ok(Self {
            store,
            clock,
            vault_key,
            keyring_account: keyring_account(&installation_id),
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

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// True until the first owner account exists.
    pub async fn needs_owner(&self) -> anyhow::Result<bool> {
        Ok(store::staff::count_readonly(self.store.reader()).await? == 0)
    }

    /// Reads a password being typed, for the strength meter.
    pub fn password_strength(
        &self,
        password: &PlainPassword,
        user_inputs: &[&str],
    ) -> PasswordStrength {
        crate::domain::estimate_strength(password, user_inputs)
    }

    /// First run: creates the owner and signs them in. Refused once any staff exists.
    pub async fn create_owner(&self, form: OwnerForm) -> Result<Actor, CreateOwnerError> {
        let email = StaffEmail::parse("email", &form.email)?;
        let display_name = DisplayName::parse("display_name", &form.display_name)?;
        let password = NewPassword::parse(
            "password",
            form.password,
            &owner_words(&email, &display_name),
        )?;
        if password.plain().expose() != form.password_confirm.expose() {
            return Err(FieldError::new("password_confirm", "The passwords do not match.").into());
        }
        let hash = auth::hash_password(password.plain().clone()).await?;

        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        if store::staff::count(&mut tx).await? > 0 {
            return Err(CreateOwnerError::OwnerExists);
        }
        let id = store::staff::insert(
            &mut tx,
            store::staff::NewStaff {
                email: &email,
                display_name: &display_name,
                role: Role::Owner,
                password_hash: &hash,
                must_change_password: false,
            },
            now,
        )
        .await?;
        store::staff::record_sign_in(&mut tx, id, now).await?;
        let actor = Actor::new(id, email, display_name.as_ref().to_owned(), Role::Owner);
        let detail = format!("{} ({})", actor.display_name(), actor.email().as_ref());
        audit::append(
            &mut tx,
            now,
            AuditActor::Staff(&actor),
            AuditAction::OwnerCreated,
            &detail,
        )
        .await?;
        audit::append(
            &mut tx,
            now,
            AuditActor::Staff(&actor),
            AuditAction::SignInSucceeded,
            "",
        )
        .await?;
        tx.commit()
            .await
            .context("Failed to save the owner account")?;
        tracing::info!(staff_id = id.0, "owner account created");
        Ok(actor)
    }

    /// Verifies a staff member's password, with the lockout policy and an audit row for
    /// every attempt. Unknown emails cost the same time as known ones.
    pub async fn sign_in(
        &self,
        email: &str,
        password: PlainPassword,
    ) -> Result<Actor, SignInError> {
        let now = self.clock.now();
        let parsed = StaffEmail::parse("email", email).ok();
        let found = match &parsed {
            Some(email) => store::staff::find_credentials(self.store.reader(), email).await?,
            None => None,
        };
        let Some(staff) = found else {
            auth::verify_against_dummy(password).await?;
            let label = parsed.map_or_else(
                || "(not an email address)".to_owned(),
                |e| e.as_ref().to_owned(),
            );
            self.audit_attempt(None, label, AuditAction::SignInFailed, "unknown account")
                .await?;
            return Err(SignInError::InvalidCredentials);
        };
        let label = staff.email.as_ref().to_owned();
        if let Some(until) = staff.locked_until.filter(|until| *until > now) {
            self.audit_attempt(Some(staff.id), label, AuditAction::SignInRefusedLocked, "")
                .await?;
            return Err(SignInError::LockedOut { until, now });
        }
        let verified = auth::verify_password(password, staff.password_hash.clone()).await?;
        if verified && staff.active {
            let mut tx = self.store.begin().await?;
            store::staff::record_sign_in(&mut tx, staff.id, now).await?;
            let actor = Actor::new(staff.id, staff.email, staff.display_name, staff.role);
            audit::append(
                &mut tx,
                now,
                AuditActor::Staff(&actor),
                AuditAction::SignInSucceeded,
                "",
            )
            .await?;
            tx.commit().await.context("Failed to record the sign-in")?;
            tracing::info!(staff_id = actor.id().0, "signed in");
            return Ok(actor);
        }

        let mut tx = self.store.begin().await?;
        let failures = store::staff::count_failed_sign_in(&mut tx, staff.id, now).await?;
        let reason = if staff.active {
            "wrong password"
        } else {
            "account disabled"
        };
        let attempt = || AuditActor::Attempt {
            staff_id: Some(staff.id),
            label: label.clone(),
        };
        audit::append(&mut tx, now, attempt(), AuditAction::SignInFailed, reason).await?;
        let lock = auth::lockout_after(failures).map(|wait| now + wait);
        if let Some(until) = lock {
            store::staff::lock_until(&mut tx, staff.id, until).await?;
            let detail = format!(
                "after {failures} failed sign-ins, until {}",
                until.to_rfc3339()
            );
            audit::append(&mut tx, now, attempt(), AuditAction::AccountLocked, &detail).await?;
        }
        tx.commit()
            .await
            .context("Failed to record the failed sign-in")?;
        tracing::info!(
            staff_id = staff.id.0,
            failures,
            locked = lock.is_some(),
            "sign-in failed"
        );
        match lock {
            Some(until) => Err(SignInError::LockedOut { until, now }),
            None => Err(SignInError::InvalidCredentials),
        }
    }

    pub async fn sign_out(&self, actor: &Actor) -> anyhow::Result<()> {
        let mut tx = self.store.begin().await?;
        audit::append(
            &mut tx,
            self.clock.now(),
            AuditActor::Staff(actor),
            AuditAction::SignedOut,
            "",
        )
        .await?;
        tx.commit().await.context("Failed to record the sign-out")?;
        tracing::info!(staff_id = actor.id().0, "signed out");
        Ok(())
    }

    pub async fn audit_page(
        &self,
        actor: &Actor,
        before_id: Option<i64>,
        limit: u32,
    ) -> Result<AuditPage, AccessError> {
        require(actor, Permission::ViewAudit)?;
        Ok(audit::page(self.store.reader(), before_id, limit).await?)
    }

    pub async fn verify_audit_chain(
        &self,
        actor: &Actor,
    ) -> Result<ChainVerification, AccessError> {
        require(actor, Permission::VerifyAuditChain)?;
        Ok(audit::verify_chain(self.store.reader()).await?)
    }

    pub async fn close(&self) {
        self.store.close().await;
    }

    async fn audit_attempt(
        &self,
        staff_id: Option<crate::domain::StaffId>,
        label: String,
        action: AuditAction,
        detail: &str,
    ) -> anyhow::Result<()> {
        let mut tx = self.store.begin().await?;
        let actor = AuditActor::Attempt { staff_id, label };
        audit::append(&mut tx, self.clock.now(), actor, action, detail).await?;
        tx.commit()
            .await
            .context("Failed to record the sign-in attempt")
    }
}

fn require(actor: &Actor, permission: Permission) -> Result<(), AccessError> {
    if auth::allows(actor.role(), permission) {
        Ok(())
    } else {
        tracing::warn!(staff_id = actor.id().0, ?permission, "refused by role");
        Err(AccessError::Forbidden)
    }
}

/// The parts of an owner's identity a password should not lean on.
fn owner_words<'a>(email: &'a StaffEmail, name: &'a DisplayName) -> Vec<&'a str> {
    let mut words: Vec<&str> = name.as_ref().split(' ').collect();
    words.extend(email.as_ref().split(['@', '.', '+', '_', '-']));
    words.retain(|w| w.len() >= 3);
    words
}

/// "30 seconds", "2 minutes": the wait in the locked-out message.
fn describe_wait(wait: chrono::Duration) -> String {
    let secs = wait.num_seconds().max(1);
    if secs < 60 {
        format!("{secs} seconds")
    } else {
        let minutes = (secs + 59) / 60;
        if minutes == 1 {
            "1 minute".to_owned()
        } else {
            format!("{minutes} minutes")
        }
    }
}

async fn ensure_installation_id(store: &Store, now: DateTime<Utc>) -> anyhow::Result<String> {
    let mut tx = store.begin().await?;
    if let Some(id) = meta::get(&mut tx, meta::INSTALLATION_ID).await? {
        return Ok(id);
    }
    let id = hex::encode(
        VaultKey::generate()?
            .as_bytes()
            .get(..16)
            .unwrap_or_default(),
    );
    meta::set(&mut tx, meta::INSTALLATION_ID, &id).await?;
    let system = AuditActor::Attempt {
        staff_id: None,
        label: "system".to_owned(),
    };
    audit::append(&mut tx, now, system, AuditAction::DatabaseCreated, "").await?;
    tx.commit()
        .await
        .context("Failed to initialise the database")?;
    tracing::info!("new database created");
    Ok(id)
}

async fn unlock_vault_key(
    store: &Store,
    keys: Arc<dyn KeyStore>,
    installation_id: &str,
    now: DateTime<Utc>,
) -> Result<VaultKey, OpenError> {
    let account = keyring_account(installation_id);
    let mut tx = store.begin().await?;
    let created = meta::get(&mut tx, meta::VAULT_KEY_CREATED_AT).await?;
    drop(tx);
    let existing = run_blocking({
        let (keys, account) = (keys.clone(), account.clone());
        move || keys.load(&account)
    })
    .await??;
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
    let stored = run_blocking({
        let (keys, account, key) = (keys.clone(), account.clone(), key.clone());
        move || {
            keys.store(&account, &key)?;
            keys.load(&account)
        }
    })
    .await??;
    if stored.as_ref() != Some(&key) {
        return Err(KeyringError::NotPersisted.into());
    }
    record_vault_key(store, now).await?;
    tracing::info!("vault key created in the system keyring");
    Ok(key)
}

async fn record_vault_key(store: &Store, now: DateTime<Utc>) -> anyhow::Result<()> {
    let mut tx = store.begin().await?;
    meta::set(&mut tx, meta::VAULT_KEY_CREATED_AT, &now.to_rfc3339()).await?;
    let system = AuditActor::Attempt {
        staff_id: None,
        label: "system".to_owned(),
    };
    audit::append(
        &mut tx,
        now,
        system,
        AuditAction::VaultKeyCreated,
        "in the system keyring",
    )
    .await?;
    tx.commit().await.context("Failed to note the vault key")
}

/// Keyring calls block on D-Bus or OS APIs; keep them off the async workers.
async fn run_blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> anyhow::Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .context("Keyring task failed")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;
    use crate::vault::MemoryKeyStore;

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
        let db = std::fs::read(paths.database_file()).unwrap();
        assert!(!String::from_utf8_lossy(&db).contains("vault_key_created_at"));
    }

    #[tokio::test]
    async fn reopening_uses_the_same_key_and_a_lost_key_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let paths = DataPaths::portable(dir.path().to_path_buf());
        let keys = Arc::new(MemoryKeyStore::default());
        let first = Keydesk::open(&paths, keys.clone(), Arc::new(SystemClock))
            .await
            .unwrap();
        let key = first.vault_key().clone();
        first.close().await;
        let second = Keydesk::open(&paths, keys, Arc::new(SystemClock))
            .await
            .unwrap();
        assert_eq!(second.vault_key(), &key);
        second.close().await;
        let empty = Arc::new(MemoryKeyStore::default());
        let lost = Keydesk::open(&paths, empty, Arc::new(SystemClock)).await;
        assert!(matches!(
            lost,
            Err(OpenError::Keyring(KeyringError::KeyMissing))
        ));
    }

    #[test]
    fn waits_are_described_in_words() {
        assert_eq!(describe_wait(chrono::Duration::seconds(30)), "30 seconds");
        assert_eq!(describe_wait(chrono::Duration::seconds(60)), "1 minute");
        assert_eq!(describe_wait(chrono::Duration::seconds(61)), "2 minutes");
        assert_eq!(describe_wait(chrono::Duration::seconds(900)), "15 minutes");
    }
}
