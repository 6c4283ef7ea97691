//! The backup key: derived with argon2id from the backup passphrase an owner sets once,
//! so that a backup opens on a new machine with that passphrase alone, and kept in the
//! keyring (under [`backup_key_account`]) so the daily backups need nobody to type it.
//!
//! A backup is a SQLCipher database keyed with this key and its salt (SQLCipher's raw
//! key with salt, `x'<key><salt>'`). SQLCipher writes that salt, in the clear, as the
//! file's first 16 bytes, which is where a restore reads it back before asking argon2id
//! for the key.

use super::owner_keys::KdfParams;
use super::VAULT_KEY_BYTES;
use crate::domain::PlainPassword;
use rand::TryRngCore;
use secrecy::{ExposeSecret, SecretString};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

pub const BACKUP_SALT_BYTES: usize = 16;
const SECRET_FORMAT: &str = "v1";

/// Stronger than the password hashes' parameters: a stolen backup can be attacked
/// offline for as long as the thief likes, and a backup is opened rarely. RFC 9106's
/// second recommended option (64 MiB, 3 passes). Part of the backup format: a backup
/// made with other parameters would not open.
const BACKUP_KDF: KdfParams = KdfParams {
    m_cost: 65_536,
    t_cost: 3,
    p_cost: 1,
};

/// A backup key and the salt it was derived with; zeroed when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct BackupKey {
    key: [u8; VAULT_KEY_BYTES],
    salt: [u8; BACKUP_SALT_BYTES],
}

impl BackupKey {
    /// A fresh random salt for a new passphrase.
    pub fn new_salt() -> anyhow::Result<[u8; BACKUP_SALT_BYTES]> {
        let mut salt = [0u8; BACKUP_SALT_BYTES];
        rand::rngs::OsRng
            .try_fill_bytes(&mut salt)
            .map_err(|e| anyhow::anyhow!("The system random number generator failed: {e}"))?;
        Ok(salt)
    }

    /// argon2id of the passphrase (64 MiB, about a third of a second): call it off the
    /// async workers.
    pub fn derive(
        passphrase: &PlainPassword,
        salt: [u8; BACKUP_SALT_BYTES],
    ) -> anyhow::Result<Self> {
        let mut key = Self {
            key: [0u8; VAULT_KEY_BYTES],
            salt,
        };
        BACKUP_KDF.derive_into(passphrase.expose().as_bytes(), &salt, &mut key.key)?;
        Ok(key)
    }

    /// The key as the keyring keeps it (its salt is kept in the database).
    /// The key and its salt as one keyring entry (`v1:<key>:<salt>`, hex): written in one
    /// call, so the two can never come from different passphrases.
    pub fn to_secret(&self) -> SecretString {
        let key = Zeroizing::new(hex::encode(self.key));
        SecretString::from(format!(
            "{SECRET_FORMAT}:{}:{}",
            key.as_str(),
            hex::encode(self.salt)
        ))
    }

    /// Reads what [`BackupKey::to_secret`] wrote; `None` if it is something else.
    pub fn from_secret(secret: &SecretString) -> Option<Self> {
        let mut parts = secret.expose_secret().split(':');
        if parts.next()? != SECRET_FORMAT {
            return None;
        }
        let mut key = Self {
            key: [0u8; VAULT_KEY_BYTES],
            salt: [0u8; BACKUP_SALT_BYTES],
        };
        hex::decode_to_slice(parts.next()?, &mut key.key).ok()?;
        hex::decode_to_slice(parts.next()?, &mut key.salt).ok()?;
        parts.next().is_none().then_some(key)
    }

    /// SQLCipher's raw key with salt, as bound to `ATTACH … KEY ?`: `x'<key><salt>'`.
    pub fn raw_key(&self) -> Zeroizing<String> {
        let mut bytes = Zeroizing::new(Vec::with_capacity(VAULT_KEY_BYTES + BACKUP_SALT_BYTES));
        bytes.extend_from_slice(&self.key);
        bytes.extend_from_slice(&self.salt);
        let hex = Zeroizing::new(hex::encode_upper(bytes.as_slice()));
        Zeroizing::new(format!("x'{}'", hex.as_str()))
    }
}

impl std::fmt::Debug for BackupKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BackupKey(<redacted>)")
    }
}

/// The keyring account of the backup key of the database with this installation id.
pub fn backup_key_account(installation_id: &str) -> String {
    format!("backup-key:{installation_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_passphrase_and_salt_give_the_same_key_and_anything_else_another() {
        let salt = BackupKey::new_salt().unwrap();
        let phrase = PlainPassword::new("lantern orchard quietly 42".to_owned());
        let a = BackupKey::derive(&phrase, salt).unwrap();
        let b = BackupKey::derive(&phrase, salt).unwrap();
        assert_eq!(a.raw_key(), b.raw_key());
        let other_salt = BackupKey::derive(&phrase, BackupKey::new_salt().unwrap()).unwrap();
        assert_ne!(a.key, other_salt.key);
        let other_phrase = BackupKey::derive(
            &PlainPassword::new("lantern orchard quietly 43".into()),
            salt,
        )
        .unwrap();
        assert_ne!(a.key, other_phrase.key);

        let raw = a.raw_key();
        assert!(raw.starts_with("x'") && raw.ends_with('\''), "{}", *raw);
        assert_eq!(raw.len(), 2 + 2 * (32 + 16) + 1);
        assert!(raw.ends_with(&format!("{}'", hex::encode_upper(salt))));
        assert_eq!(format!("{a:?}"), "BackupKey(<redacted>)");
        let stored = BackupKey::from_secret(&a.to_secret()).unwrap();
        assert_eq!(stored.raw_key(), a.raw_key());
        for broken in [
            "",
            "v1:00",
            "v2:00:00",
            &format!("{}:x", a.to_secret().expose_secret()),
        ] {
            assert!(BackupKey::from_secret(&SecretString::from(broken.to_owned())).is_none());
        }
    }
}
