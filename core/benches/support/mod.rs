//! What every bench starts from: Keydesk on a fresh data directory with the owner account
//! created. Keys and secrets stay in memory: the benches measure the work, not the keyring.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use keydesk_core::auth::Actor;
use keydesk_core::clock::SystemClock;
use keydesk_core::domain::PlainPassword;
use keydesk_core::paths::DataPaths;
use keydesk_core::services::OwnerForm;
use keydesk_core::vault::{KeyStore, KeyringError, VaultKey};
use keydesk_core::Keydesk;
use secrecy::{ExposeSecret, SecretString};

/// The database as the app keeps it (encrypted), or plain for comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)] // Not every bench compares the two.
pub enum Database {
    Encrypted,
    Plain,
}

impl Database {
    #[allow(dead_code)]
    pub const BOTH: [Database; 2] = [Database::Encrypted, Database::Plain];

    #[allow(dead_code)]
    pub fn name(self) -> &'static str {
        match self {
            Database::Encrypted => "encrypted",
            Database::Plain => "plain",
        }
    }
}

/// Opens Keydesk on `data_dir` (portable: everything inside it) and creates the owner;
/// returns both, the owner to act as.
#[allow(dead_code)] // The benches that compare databases use `open_with_owner_on`.
pub async fn open_with_owner(data_dir: &Path) -> anyhow::Result<(Keydesk, Actor)> {
    open_with_owner_on(data_dir, Database::Encrypted).await
}

/// [`open_with_owner`] on an encrypted or a plain database.
pub async fn open_with_owner_on(
    data_dir: &Path,
    database: Database,
) -> anyhow::Result<(Keydesk, Actor)> {
    let paths = DataPaths::portable(data_dir.to_path_buf());
    let keys = Arc::new(InMemoryKeys::default());
    let clock = Arc::new(SystemClock);
    let keydesk = match database {
        Database::Encrypted => Keydesk::open(&paths, keys, clock).await?,
        Database::Plain => Keydesk::open_plain(&paths, keys, clock).await?,
    };
    let password = "bench owner passphrase 2026".to_owned();
    let owner = keydesk
        .create_owner(OwnerForm {
            email: "owner@bench.test".into(),
            display_name: "Bench Owner".into(),
            password: PlainPassword::new(password.clone()),
            password_confirm: PlainPassword::new(password),
        })
        .await?;
    Ok((keydesk, owner))
}

/// Opens Keydesk on `data_dir` with nobody in it yet (a desk about to join an agency).
#[allow(dead_code)]
pub async fn open_empty(data_dir: &Path) -> anyhow::Result<Keydesk> {
    let paths = DataPaths::portable(data_dir.to_path_buf());
    Ok(Keydesk::open(
        &paths,
        Arc::new(InMemoryKeys::default()),
        Arc::new(SystemClock),
    )
    .await?)
}

/// A figure for `cargo xtask bench`'s table, as one machine-readable line next to the
/// human ones: `bench-result {"figure":…,"value":…,"unit":…}`.
#[allow(dead_code)] // Each bench binary compiles this module; not every one reports.
pub fn result(figure: &str, value: f64, unit: &str) {
    println!(
        "bench-result {}",
        serde_json::json!({ "figure": figure, "value": value, "unit": unit })
    );
}

/// The keyring, in memory.
#[derive(Default)]
pub struct InMemoryKeys(Mutex<HashMap<String, Vec<u8>>>);

impl KeyStore for InMemoryKeys {
    fn load(&self, account: &str) -> Result<Option<VaultKey>, KeyringError> {
        let keys = self.0.lock().map_err(|_| KeyringError::KeyCorrupt)?;
        Ok(keys.get(account).and_then(|k| VaultKey::from_bytes(k)))
    }

    fn store(&self, account: &str, key: &VaultKey) -> Result<(), KeyringError> {
        let mut keys = self.0.lock().map_err(|_| KeyringError::KeyCorrupt)?;
        keys.insert(account.to_owned(), key.as_bytes().to_vec());
        Ok(())
    }

    fn load_secret(&self, account: &str) -> Result<Option<SecretString>, KeyringError> {
        let keys = self.0.lock().map_err(|_| KeyringError::KeyCorrupt)?;
        Ok(keys
            .get(account)
            .map(|k| SecretString::from(String::from_utf8_lossy(k).into_owned())))
    }

    fn store_secret(&self, account: &str, secret: &SecretString) -> Result<(), KeyringError> {
        let mut keys = self.0.lock().map_err(|_| KeyringError::KeyCorrupt)?;
        keys.insert(
            account.to_owned(),
            secret.expose_secret().as_bytes().to_vec(),
        );
        Ok(())
    }

    fn delete_secret(&self, account: &str) -> Result<(), KeyringError> {
        let mut keys = self.0.lock().map_err(|_| KeyringError::KeyCorrupt)?;
        keys.remove(account);
        Ok(())
    }
}
