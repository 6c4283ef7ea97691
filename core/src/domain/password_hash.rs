//! The stored form of a password: what the store keeps and the sign-in checks against.

/// An argon2id hash in PHC string form (`$argon2id$v=19$m=19456,t=2,p=1$...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    pub fn from_phc(phc: String) -> Self {
        Self(phc)
    }

    pub fn as_phc(&self) -> &str {
        &self.0
    }
}
