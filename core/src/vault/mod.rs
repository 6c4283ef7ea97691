//! The vault key: 256 random bits that seal every stored secret, kept only in the
//! operating system's keyring. There is no fallback: if the keyring cannot hold the
//! key, Keydesk says so and stops rather than write the key to a file. The database
//! key ([`DatabaseKey`]) lives beside it, the same way.

mod backup_key;
pub mod code_check;
mod database_key;
mod keyring_store;
pub mod owner_keys;
pub mod recovery;
pub mod roster;
mod seal;
pub mod signed_login;
pub mod signed_mail_settings;
pub mod signed_record;
mod timed_keyring;

pub use backup_key::{backup_key_account, BackupKey, BACKUP_SALT_BYTES};
pub use database_key::{database_key_account, DatabaseKey};
pub use keyring_store::{KeyStore, KeyringError, KeyringUse, OsKeyring, KEYRING_SERVICE};
#[cfg(test)]
pub use keyring_store::{MemoryKeyStore, PromptingKeyStore};
pub use seal::{seal, unseal, CannotDecrypt, Sealed, SealingKey, NONCE_BYTES};
pub use timed_keyring::{TimedKeyring, KEYRING_TIME_LIMIT, MAX_CALLS};

use rand::TryRngCore;
use zeroize::{Zeroize, ZeroizeOnDrop};

pub const VAULT_KEY_BYTES: usize = 32;

#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct VaultKey([u8; VAULT_KEY_BYTES]);

impl VaultKey {
    /// A fresh key from the operating system's random number generator.
    pub fn generate() -> anyhow::Result<Self> {
        let mut bytes = [0u8; VAULT_KEY_BYTES];
        rand::rngs::OsRng
            .try_fill_bytes(&mut bytes)
            .map_err(|e| anyhow::anyhow!("The system random number generator failed: {e}"))?;
        Ok(Self(bytes))
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        <[u8; VAULT_KEY_BYTES]>::try_from(bytes).ok().map(Self)
    }

    pub fn as_bytes(&self) -> &[u8; VAULT_KEY_BYTES] {
        &self.0
    }
}

impl PartialEq for VaultKey {
    fn eq(&self, other: &Self) -> bool {
        // Only compared in tests and after a keyring round-trip; not a timing oracle.
        self.0 == other.0
    }
}

impl std::fmt::Debug for VaultKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VaultKey(<redacted>)")
    }
}

/// The keyring account under which this database's key is stored. Each database has
/// its own installation id, so a test database or a second installation never
/// reuses or overwrites another's key.
pub fn keyring_account(installation_id: &str) -> String {
    format!("vault-key:{installation_id}")
}

/// The keyring account that holds this desk's secret for the agency server (its sign-in
/// there), beside its vault key.
pub fn desk_secret_account(installation_id: &str) -> String {
    format!("agency-desk-secret:{installation_id}")
}

/// The keyring account that holds this database's SMTP password, beside its vault key.
pub fn smtp_password_account(installation_id: &str) -> String {
    format!("smtp-password:{installation_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_redacted_in_debug() {
        let a = VaultKey::generate().unwrap();
        let b = VaultKey::generate().unwrap();
        assert_ne!(a, b);
        assert_eq!(format!("{a:?}"), "VaultKey(<redacted>)");
        assert!(VaultKey::from_bytes(&[0u8; 31]).is_none());
        assert_eq!(VaultKey::from_bytes(a.as_bytes()), Some(a));
    }
}
