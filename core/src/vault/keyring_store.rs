use super::VaultKey;
use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;

/// The keyring service name under which Keydesk stores its entries.
pub const KEYRING_SERVICE: &str = "keydesk";

/// Why the keyring could not be used, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyringError {
    #[error("No system keyring service is running or reachable ({0}).")]
    Unreachable(String),
    #[error("The system keyring is locked or refused access ({0}).")]
    Refused(String),
    #[error("The vault key for this database is missing from the system keyring.")]
    KeyMissing,
    #[error("The keyring returned a vault key that is not 32 bytes long.")]
    KeyCorrupt,
    #[error("The keyring did not keep the vault key: reading it back gave something else.")]
    NotPersisted,
    /// The database file is encrypted, but the keyring has no key for it (or Keydesk's
    /// note of which key it is, beside the database, is gone).
    #[error(
        "The key of Keydesk's database is missing from the system keyring, so the \
         database cannot be opened. Keydesk left it untouched."
    )]
    DatabaseKeyMissing,
    /// The keyring's database key does not open the database file: another key was put
    /// in its place, or the file was replaced by another encrypted file.
    #[error(
        "The database key in the system keyring does not open Keydesk's database: the \
         keyring holds another key, or the database file was replaced. Keydesk left both \
         untouched."
    )]
    DatabaseKeyWrong,
    /// The keyring did not answer within the time limit: it is locked and waiting for
    /// its password (or an earlier call is still waiting for it).
    #[error(
        "The system keyring is locked, so Keydesk cannot {0}. Unlock it (your desktop may \
         be showing a prompt), then try again."
    )]
    Locked(KeyringUse),
}

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
}

impl std::fmt::Display for KeyringUse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            KeyringUse::ReadVaultKey => "read its encryption key",
            KeyringUse::SaveVaultKey => "save its encryption key",
            KeyringUse::ReadDatabaseKey => "read its database key",
            KeyringUse::SaveDatabaseKey => "save its database key",
            KeyringUse::ReadSmtpPassword => "read the SMTP password",
            KeyringUse::ReadDeskSecret => "read this desk's agency server secret",
            KeyringUse::SaveDeskSecret => "save this desk's agency server secret",
            KeyringUse::SaveSmtpPassword => "save the SMTP password",
            KeyringUse::RemoveSmtpPassword => "remove the SMTP password",
            KeyringUse::ReadAuditHead => "read the signed end of the audit log",
            KeyringUse::SaveAuditHead => "save the signed end of the audit log",
            KeyringUse::ReadBackupKey => "read the backup key",
            KeyringUse::SaveBackupKey => "save the backup key",
            KeyringUse::RemoveReplacedKeys => "remove the keys of the database a restore replaced",
        })
    }
}

impl KeyringError {
    /// What the person can do about it, shown under the message.
    pub fn how_to_fix(&self) -> &'static str {
        match self {
            KeyringError::Unreachable(_) | KeyringError::Refused(_) => {
                if cfg!(target_os = "linux") {
                    "Keydesk keeps its encryption key in your desktop's keyring (Secret Service). \
                     Make sure GNOME Keyring or KWallet is installed, running and unlocked \
                     (signing out and in again usually unlocks it), then choose Try again."
                } else if cfg!(target_os = "macos") {
                    "Keydesk keeps its encryption key in your login keychain. Unlock it in \
                     Keychain Access and allow Keydesk when macOS asks, then choose Try again."
                } else {
                    "Keydesk keeps its encryption key in Windows Credential Manager. Sign in to \
                     Windows with your own account (not a temporary profile), then choose Try again."
                }
            }
            KeyringError::KeyMissing | KeyringError::KeyCorrupt => {
                "Sealed credentials in this database cannot be opened without it. Restore \
                 your keyring from a backup, or start with a new database (see the README)."
            }
            KeyringError::DatabaseKeyMissing | KeyringError::DatabaseKeyWrong => {
                "Everything in the database is encrypted with this key. Restore your keyring \
                 (or the whole data folder) from a backup, then choose \
                 Try again, or move the data folder away to start a new database."
            }
            KeyringError::NotPersisted => {
                "Your keyring accepted the key but did not keep it. Check that the keyring \
                 is not a temporary (session-only) one, then choose Try again."
            }
            KeyringError::Locked(_) => {
                if cfg!(target_os = "linux") {
                    "Your desktop's keyring (GNOME Keyring or KWallet) is locked. Type your \
                     keyring password in the unlock prompt your desktop shows (it may be \
                     behind this window), or unlock the keyring in Passwords and Keys or \
                     KWallet Manager, then choose Try again."
                } else if cfg!(target_os = "macos") {
                    "Your login keychain is locked. Type your password when macOS asks (the \
                     prompt may be behind this window), or unlock the keychain in Keychain \
                     Access, then choose Try again."
                } else {
                    "Windows Credential Manager did not answer. Answer the Windows security \
                     prompt if one is showing (it may be behind this window), then choose \
                     Try again."
                }
            }
        }
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
    KeyringError::Unreachable("this key store keeps only the vault key".to_owned())
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
        keyring::Error::PlatformFailure(inner) => KeyringError::Unreachable(inner.to_string()),
        keyring::Error::NoEntry => KeyringError::KeyMissing,
        other => KeyringError::Unreachable(other.to_string()),
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
            return Err(KeyringError::Unreachable("test keyring is off".to_owned()));
        }
        let keys = self
            .keys
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Ok(keys.get(account).and_then(|b| VaultKey::from_bytes(b)))
    }

    fn store(&self, account: &str, key: &VaultKey) -> Result<(), KeyringError> {
        if self.unreachable {
            return Err(KeyringError::Unreachable("test keyring is off".to_owned()));
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
            return Err(KeyringError::Unreachable("test keyring is off".to_owned()));
        }
        let secrets = self
            .secrets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Ok(secrets.get(account).cloned().map(SecretString::from))
    }

    fn store_secret(&self, account: &str, secret: &SecretString) -> Result<(), KeyringError> {
        if self.unreachable {
            return Err(KeyringError::Unreachable("test keyring is off".to_owned()));
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
