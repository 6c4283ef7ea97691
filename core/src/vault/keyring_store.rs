use super::VaultKey;
use crate::said::{display_in_english, Explain, Said};
use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;

/// The keyring service name under which Keydesk stores its entries.
pub const KEYRING_SERVICE: &str = "keydesk";

/// Why the keyring could not be used, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyringError {
    /// No keyring service answered; what was found instead (the service's own words,
    /// or ours).
    Unreachable(Said),
    /// The keyring refused, in its own words.
    Refused(String),
    KeyMissing,
    KeyCorrupt,
    NotPersisted,
    /// The database file is encrypted, but the keyring has no key for it (or Keydesk's
    /// note of which key it is, beside the database, is gone).
    DatabaseKeyMissing,
    /// The keyring's database key does not open the database file: another key was put
    /// in its place, or the file was replaced by another encrypted file.
    DatabaseKeyWrong,
    /// The keyring did not answer within the time limit: it is locked and waiting for
    /// its password (or an earlier call is still waiting for it).
    Locked(KeyringUse),
}

impl Explain for KeyringError {
    fn explain(&self) -> Said {
        match self {
            Self::Unreachable(detail) => {
                Said::id("error-keyring-unreachable").arg("detail", detail.clone())
            }
            Self::Refused(detail) => {
                Said::id("error-keyring-refused").arg("detail", detail.as_str())
            }
            Self::KeyMissing => Said::id("error-keyring-key-missing"),
            Self::KeyCorrupt => Said::id("error-keyring-key-corrupt"),
            Self::NotPersisted => Said::id("error-keyring-not-persisted"),
            Self::DatabaseKeyMissing => Said::id("error-keyring-database-key-missing"),
            Self::DatabaseKeyWrong => Said::id("error-keyring-database-key-wrong"),
            Self::Locked(task) => Said::id("error-keyring-locked").arg("task", task.said()),
        }
    }
}

display_in_english!(KeyringError);

/// What Keydesk was doing with the keyring, for the message when the keyring is locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyringUse {
    ReadVaultKey,
    SaveVaultKey,
    ReadDatabaseKey,
    SaveDatabaseKey,
    ReadSmtpPassword,
    SaveSmtpPassword,
    RemoveSmtpPassword,
    ReadAuditHead,
    SaveAuditHead,
    ReadBackupKey,
    SaveBackupKey,
    RemoveReplacedKeys,
    ReadDeskSecret,
    SaveDeskSecret,
}

impl KeyringUse {
    /// Whether the call changes what the keyring holds.
    pub fn writes(self) -> bool {
        matches!(
            self,
            KeyringUse::SaveVaultKey
                | KeyringUse::SaveDatabaseKey
                | KeyringUse::SaveSmtpPassword
                | KeyringUse::RemoveSmtpPassword
                | KeyringUse::SaveAuditHead
                | KeyringUse::SaveBackupKey
                | KeyringUse::RemoveReplacedKeys
                | KeyringUse::SaveDeskSecret
        )
    }

    /// What Keydesk could not do, as the end of "Keydesk cannot …".
    pub fn said(self) -> Said {
        match self {
            KeyringUse::ReadVaultKey => Said::id("error-keyring-task-read-vault-key"),
            KeyringUse::SaveVaultKey => Said::id("error-keyring-task-save-vault-key"),
            KeyringUse::ReadDatabaseKey => Said::id("error-keyring-task-read-database-key"),
            KeyringUse::SaveDatabaseKey => Said::id("error-keyring-task-save-database-key"),
            KeyringUse::ReadSmtpPassword => Said::id("error-keyring-task-read-smtp-password"),
            KeyringUse::ReadDeskSecret => Said::id("error-keyring-task-read-desk-secret"),
            KeyringUse::SaveDeskSecret => Said::id("error-keyring-task-save-desk-secret"),
            KeyringUse::SaveSmtpPassword => Said::id("error-keyring-task-save-smtp-password"),
            KeyringUse::RemoveSmtpPassword => Said::id("error-keyring-task-remove-smtp-password"),
            KeyringUse::ReadAuditHead => Said::id("error-keyring-task-read-audit-head"),
            KeyringUse::SaveAuditHead => Said::id("error-keyring-task-save-audit-head"),
            KeyringUse::ReadBackupKey => Said::id("error-keyring-task-read-backup-key"),
            KeyringUse::SaveBackupKey => Said::id("error-keyring-task-save-backup-key"),
            KeyringUse::RemoveReplacedKeys => Said::id("error-keyring-task-remove-replaced-keys"),
        }
    }
}

impl std::fmt::Display for KeyringUse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::catalogue::in_english(&self.said()))
    }
}

impl KeyringError {
    /// What the person can do about it, shown under the message.
    pub fn advice(&self) -> Said {
        match self {
            KeyringError::Unreachable(_) | KeyringError::Refused(_) => {
                if cfg!(target_os = "linux") {
                    Said::id("error-keyring-fix-unreachable-linux")
                } else if cfg!(target_os = "macos") {
                    Said::id("error-keyring-fix-unreachable-macos")
                } else {
                    Said::id("error-keyring-fix-unreachable-windows")
                }
            }
            KeyringError::KeyMissing | KeyringError::KeyCorrupt => {
                Said::id("error-keyring-fix-key-missing")
            }
            KeyringError::DatabaseKeyMissing | KeyringError::DatabaseKeyWrong => {
                Said::id("error-keyring-fix-database-key")
            }
            KeyringError::NotPersisted => Said::id("error-keyring-fix-not-persisted"),
            KeyringError::Locked(_) => {
                if cfg!(target_os = "linux") {
                    Said::id("error-keyring-fix-locked-linux")
                } else if cfg!(target_os = "macos") {
                    Said::id("error-keyring-fix-locked-macos")
                } else {
                    Said::id("error-keyring-fix-locked-windows")
                }
            }
        }
    }

    /// [`KeyringError::advice`] in English.
    pub fn how_to_fix(&self) -> String {
        crate::catalogue::in_english(&self.advice())
    }
}

/// Where the vault key lives. The OS keyring in the app; a map in unit tests.
///
/// The `*_secret` methods keep other secrets the app itself needs (the SMTP password)
/// beside the vault key. A store that cannot keep them says so: there is no fallback
/// that would put such a secret anywhere else.
pub trait KeyStore: Send + Sync + 'static {
    fn load(&self, account: &str) -> Result<Option<VaultKey>, KeyringError>;
    fn store(&self, account: &str, key: &VaultKey) -> Result<(), KeyringError>;

    fn load_secret(&self, _account: &str) -> Result<Option<SecretString>, KeyringError> {
        Err(no_secrets())
    }

    fn store_secret(&self, _account: &str, _secret: &SecretString) -> Result<(), KeyringError> {
        Err(no_secrets())
    }

    /// Removes a secret; removing one that is not there is not an error.
    fn delete_secret(&self, _account: &str) -> Result<(), KeyringError> {
        Err(no_secrets())
    }
}

fn no_secrets() -> KeyringError {
    KeyringError::Unreachable(Said::id("error-keyring-no-secrets"))
}

impl<T: KeyStore + ?Sized> KeyStore for Arc<T> {
    fn load(&self, account: &str) -> Result<Option<VaultKey>, KeyringError> {
        (**self).load(account)
    }

    fn store(&self, account: &str, key: &VaultKey) -> Result<(), KeyringError> {
        (**self).store(account, key)
    }

    fn load_secret(&self, account: &str) -> Result<Option<SecretString>, KeyringError> {
        (**self).load_secret(account)
    }

    fn store_secret(&self, account: &str, secret: &SecretString) -> Result<(), KeyringError> {
        (**self).store_secret(account, secret)
    }

    fn delete_secret(&self, account: &str) -> Result<(), KeyringError> {
        (**self).delete_secret(account)
    }
}

/// The operating system's keyring: Secret Service on Linux, Keychain on macOS,
/// Credential Manager on Windows.
#[derive(Debug, Clone, Default)]
pub struct OsKeyring;

impl OsKeyring {
    fn entry(account: &str) -> keyring::Result<keyring::Entry> {
        keyring::Entry::new(KEYRING_SERVICE, account)
    }

    /// Removes an entry; used when a database is reset and by tests.
    pub fn delete(account: &str) -> anyhow::Result<()> {
        match once_more_if_dropped(|| Self::entry(account)?.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring_error(e)).context("Failed to delete a keyring entry"),
        }
    }
}

impl KeyStore for OsKeyring {
    fn load(&self, account: &str) -> Result<Option<VaultKey>, KeyringError> {
        match once_more_if_dropped(|| Self::entry(account)?.get_secret()) {
            Ok(bytes) => VaultKey::from_bytes(&bytes)
                .map(Some)
                .ok_or(KeyringError::KeyCorrupt),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring_error(e)),
        }
    }

    fn store(&self, account: &str, key: &VaultKey) -> Result<(), KeyringError> {
        once_more_if_dropped(|| Self::entry(account)?.set_secret(key.as_bytes()))
            .map_err(map_keyring_error)
    }

    fn load_secret(&self, account: &str) -> Result<Option<SecretString>, KeyringError> {
        match once_more_if_dropped(|| Self::entry(account)?.get_password()) {
            Ok(text) => Ok(Some(SecretString::from(text))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring_error(e)),
        }
    }

    fn store_secret(&self, account: &str, secret: &SecretString) -> Result<(), KeyringError> {
        once_more_if_dropped(|| Self::entry(account)?.set_password(secret.expose_secret()))
            .map_err(map_keyring_error)
    }

    fn delete_secret(&self, account: &str) -> Result<(), KeyringError> {
        match once_more_if_dropped(|| Self::entry(account)?.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring_error(e)),
        }
    }
}

/// Runs a keyring call, and runs it once more if the keyring service failed it.
///
/// GNOME Keyring has a known crash when clients come and go quickly; the desktop (or the
/// bus) starts it again on the next call. A call it dropped is asked once more, which
/// reaches the new daemon: a locked keyring then prompts as usual. Every call Keydesk
/// makes can be repeated safely (a write replaces the entry, a removal of an entry
/// already gone succeeds).
fn once_more_if_dropped<T>(call: impl Fn() -> keyring::Result<T>) -> keyring::Result<T> {
    match call() {
        Err(keyring::Error::PlatformFailure(error)) => {
            tracing::warn!(%error, "the keyring service failed a call; asking once more");
            call()
        }
        done => done,
    }
}

fn map_keyring_error(error: keyring::Error) -> KeyringError {
    match error {
        keyring::Error::NoStorageAccess(inner) => KeyringError::Refused(inner.to_string()),
        keyring::Error::PlatformFailure(inner) => {
            KeyringError::Unreachable(Said::Text(inner.to_string()))
        }
        keyring::Error::NoEntry => KeyringError::KeyMissing,
        other => KeyringError::Unreachable(Said::Text(other.to_string())),
    }
}

/// Keys in memory, for unit tests of code that needs a `KeyStore`.
#[cfg(test)]
#[derive(Debug, Default)]
pub struct MemoryKeyStore {
    keys: std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>,
    secrets: std::sync::Mutex<std::collections::HashMap<String, String>>,
    /// When set, every call fails as an unreachable keyring would.
    unreachable: bool,
}

#[cfg(test)]
impl MemoryKeyStore {
    pub fn unreachable() -> Self {
        Self {
            unreachable: true,
            ..Self::default()
        }
    }
}

#[cfg(test)]
impl KeyStore for MemoryKeyStore {
    fn load(&self, account: &str) -> Result<Option<VaultKey>, KeyringError> {
        if self.unreachable {
            return Err(KeyringError::Unreachable(Said::Text(
                "test keyring is off".to_owned(),
            )));
        }
        let keys = self
            .keys
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Ok(keys.get(account).and_then(|b| VaultKey::from_bytes(b)))
    }

    fn store(&self, account: &str, key: &VaultKey) -> Result<(), KeyringError> {
        if self.unreachable {
            return Err(KeyringError::Unreachable(Said::Text(
                "test keyring is off".to_owned(),
            )));
        }
        let mut keys = self
            .keys
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        keys.insert(account.to_owned(), key.as_bytes().to_vec());
        Ok(())
    }

    fn load_secret(&self, account: &str) -> Result<Option<SecretString>, KeyringError> {
        if self.unreachable {
            return Err(KeyringError::Unreachable(Said::Text(
                "test keyring is off".to_owned(),
            )));
        }
        let secrets = self
            .secrets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Ok(secrets.get(account).cloned().map(SecretString::from))
    }

    fn store_secret(&self, account: &str, secret: &SecretString) -> Result<(), KeyringError> {
        if self.unreachable {
            return Err(KeyringError::Unreachable(Said::Text(
                "test keyring is off".to_owned(),
            )));
        }
        let mut secrets = self
            .secrets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        secrets.insert(account.to_owned(), secret.expose_secret().to_owned());
        Ok(())
    }

    fn delete_secret(&self, account: &str) -> Result<(), KeyringError> {
        let mut secrets = self
            .secrets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        secrets.remove(account);
        Ok(())
    }
}

/// A keyring whose calls block while it is locked, as a locked Secret Service
/// collection's do while its unlock prompt waits, for unit tests of the time limit.
/// Counts the calls that reached it.
#[cfg(test)]
#[derive(Debug, Default)]
pub struct PromptingKeyStore {
    inner: MemoryKeyStore,
    locked: std::sync::Mutex<bool>,
    unlocked: std::sync::Condvar,
    calls: std::sync::atomic::AtomicUsize,
}

#[cfg(test)]
impl PromptingKeyStore {
    pub fn lock(&self) {
        self.set_locked(true);
    }

    /// Answers the prompt: every waiting call goes on.
    pub fn unlock(&self) {
        self.set_locked(false);
        self.unlocked.notify_all();
    }

    fn set_locked(&self, locked: bool) {
        *self
            .locked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = locked;
    }

    /// How many calls reached the keyring so far.
    pub fn calls(&self) -> usize {
        self.calls.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn wait_until_unlocked(&self) {
        self.calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let locked = self
            .locked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let _unlocked = self
            .unlocked
            .wait_while(locked, |locked| *locked)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
    }
}

#[cfg(test)]
impl KeyStore for PromptingKeyStore {
    fn load(&self, account: &str) -> Result<Option<VaultKey>, KeyringError> {
        self.wait_until_unlocked();
        self.inner.load(account)
    }

    fn store(&self, account: &str, key: &VaultKey) -> Result<(), KeyringError> {
        self.wait_until_unlocked();
        self.inner.store(account, key)
    }

    fn load_secret(&self, account: &str) -> Result<Option<SecretString>, KeyringError> {
        self.wait_until_unlocked();
        self.inner.load_secret(account)
    }

    fn store_secret(&self, account: &str, secret: &SecretString) -> Result<(), KeyringError> {
        self.wait_until_unlocked();
        self.inner.store_secret(account, secret)
    }

    fn delete_secret(&self, account: &str) -> Result<(), KeyringError> {
        self.wait_until_unlocked();
        self.inner.delete_secret(account)
    }
}

#[cfg(test)]
mod once_more_tests {
    use super::*;
    use std::cell::Cell;

    fn dropped() -> keyring::Error {
        keyring::Error::PlatformFailure("Message recipient disconnected from message bus".into())
    }

    #[test]
    fn a_call_the_service_dropped_is_asked_once_more_and_its_answer_kept() {
        let calls = Cell::new(0);
        let answer = once_more_if_dropped(|| {
            calls.set(calls.get() + 1);
            if calls.get() == 1 {
                Err(dropped())
            } else {
                Ok("key")
            }
        });
        assert_eq!(answer.unwrap(), "key");
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn a_call_dropped_twice_fails_with_the_second_error_and_no_third_try() {
        let calls = Cell::new(0);
        let answer: keyring::Result<()> = once_more_if_dropped(|| {
            calls.set(calls.get() + 1);
            Err(dropped())
        });
        assert!(matches!(answer, Err(keyring::Error::PlatformFailure(_))));
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn a_refusal_or_a_missing_entry_is_not_asked_again() {
        for error in [
            keyring::Error::NoEntry,
            keyring::Error::NoStorageAccess("locked".into()),
        ] {
            let calls = Cell::new(0);
            let error = std::cell::RefCell::new(Some(error));
            let answer: keyring::Result<()> = once_more_if_dropped(|| {
                calls.set(calls.get() + 1);
                Err(error.borrow_mut().take().unwrap_or(keyring::Error::NoEntry))
            });
            assert!(answer.is_err());
            assert_eq!(calls.get(), 1);
        }
    }
}
