//! The recovery kit: one more key that every pending login is sealed to, kept on paper.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Whether a recovery key exists and when it was made. Never the key.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RecoveryKeyStatus {
    /// RFC 3339, when it was made; `None` while there is none.
    pub created_at: Option<String>,
    /// How many pending logins it can open now.
    pub sealed_logins: u64,
}

/// A recovery key just made, shown once: its 24 words and the same words as a QR code.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryKit {
    pub words: Vec<String>,
    /// An SVG drawing of the QR code of the words, separated by spaces.
    pub qr_svg: String,
    pub status: RecoveryKeyStatus,
}

impl fmt::Debug for RecoveryKit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKit { <redacted> }")
    }
}

/// Use the recovery key: its words, as typed.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UseRecoveryKeyRequest {
    pub words: String,
}

impl fmt::Debug for UseRecoveryKeyRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("UseRecoveryKeyRequest { <redacted> }")
    }
}

/// What using the recovery key did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RecoveryOutcome {
    /// Pending logins it opened and sealed again to the owners.
    pub logins: u64,
    /// Owners they were sealed to.
    pub owners: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_never_print() {
        let kit = RecoveryKit {
            words: vec!["abandon".to_owned(); 24],
            qr_svg: "<svg/>".to_owned(),
            status: RecoveryKeyStatus::default(),
        };
        let request = UseRecoveryKeyRequest {
            words: "abandon ability".to_owned(),
        };
        for text in [format!("{kit:?}"), format!("{request:?}")] {
            assert!(text.contains("<redacted>"), "{text}");
            assert!(!text.contains("abandon"), "{text}");
        }
    }
}
