//! The database key: 256 random bits with which SQLCipher encrypts every page of the
//! database file (and of its `-wal`), kept in the keyring beside the vault key. A copy
//! of the data folder alone then gives away neither customers nor staff.

use super::VaultKey;
use zeroize::Zeroizing;

/// The key of one database. It is made like the vault key (OS random numbers, zeroed
/// when dropped) and stored through the same keyring calls, under its own account.
#[derive(Clone, PartialEq)]
pub struct DatabaseKey(VaultKey);

impl DatabaseKey {
    /// A fresh key from the operating system's random number generator.
    pub fn generate() -> anyhow::Result<Self> {
        VaultKey::generate().map(Self)
    }

    /// The key as the keyring stores it (32 bytes, like the vault key).
    pub(crate) fn from_stored(stored: VaultKey) -> Self {
        Self(stored)
    }

    pub(crate) fn as_stored(&self) -> &VaultKey {
        &self.0
    }

    /// The value of `PRAGMA key` (and of `ATTACH … KEY`): SQLCipher's raw-key form
    /// `"x'<64 hex digits>'"`. The key is already 256 random bits, so SQLCipher's
    /// passphrase derivation (hundreds of thousands of PBKDF2 rounds on every new
    /// connection) would add only start-up time.
    pub fn pragma_value(&self) -> Zeroizing<String> {
        let hex = Zeroizing::new(hex::encode_upper(self.0.as_bytes()));
        Zeroizing::new(format!("\"x'{}'\"", hex.as_str()))
    }
}

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(<redacted>)")
    }
}

/// The keyring account under which the key of the database with this installation id
/// is stored, beside `vault-key:<installation id>`.
pub fn database_key_account(installation_id: &str) -> String {
    format!("database-key:{installation_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_redacted_and_given_to_sqlcipher_as_raw_keys() {
        let a = DatabaseKey::generate().unwrap();
        let b = DatabaseKey::generate().unwrap();
        assert_ne!(a, b);
        assert_eq!(format!("{a:?}"), "DatabaseKey(<redacted>)");
        let value = a.pragma_value();
        assert!(
            value.starts_with("\"x'") && value.ends_with("'\""),
            "{}",
            *value
        );
        assert_eq!(value.len(), 3 + 64 + 2);
        assert_eq!(
            hex::decode(&value[3..67]).unwrap(),
            a.as_stored().as_bytes().to_vec()
        );
    }
}
