//! The recovery key: 32 random bytes an owner keeps on paper, written as 24 BIP-39 words
//! (their checksum catches a mistyped word) and as a QR code of those words. It derives
//! one more HPKE recipient ([`RecoveryKeyPair`]) that every pending login is wrapped to,
//! so that a desk whose owners all lost their keys can still open what waits. Only its
//! public key is stored; the words live in memory long enough to be shown or read.

use super::owner_keys::{random_bytes, RecoveryKeyPair};
use crate::said::{display_in_english, Explain, Said};
use bip39::{Language, Mnemonic};
use qrcode::render::svg;
use qrcode::QrCode;
use zeroize::Zeroizing;

const KEY_BYTES: usize = 32;
/// 256 bits of entropy and an 8-bit checksum, 11 bits a word.
pub const WORD_COUNT: usize = 24;

/// The recovery key's bytes; wiped when dropped, never printed.
pub struct RecoveryKey(Zeroizing<[u8; KEY_BYTES]>);

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(<redacted>)")
    }
}

/// Why typed words are not a recovery key. Names a position, never a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BadRecoveryWords {
    /// How many words were typed.
    WordCount(usize),
    /// The position of the word, from 1.
    UnknownWord(usize),
    Checksum,
}

impl Explain for BadRecoveryWords {
    fn explain(&self) -> Said {
        match *self {
            Self::WordCount(typed) => Said::id("error-recovery-word-count")
                .arg("words", WORD_COUNT)
                .arg("typed", typed),
            Self::UnknownWord(position) => {
                Said::id("error-recovery-unknown-word").arg("position", position)
            }
            Self::Checksum => Said::id("error-recovery-checksum"),
        }
    }
}

display_in_english!(BadRecoveryWords);

impl RecoveryKey {
    /// A fresh key from the operating system's random number generator.
    pub fn generate() -> anyhow::Result<Self> {
        Ok(Self(random_bytes::<KEY_BYTES>()?))
    }

    /// Reads typed words: any case, any spacing between them.
    pub fn from_words(typed: &str) -> Result<Self, BadRecoveryWords> {
        let normalized = Zeroizing::new(
            typed
                .split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join(" "),
        );
        let count = normalized.split(' ').filter(|w| !w.is_empty()).count();
        if count != WORD_COUNT {
            return Err(BadRecoveryWords::WordCount(count));
        }
        let mnemonic =
            Mnemonic::parse_in_normalized(Language::English, &normalized).map_err(|e| match e {
                bip39::Error::UnknownWord(index) => BadRecoveryWords::UnknownWord(index + 1),
                bip39::Error::BadWordCount(n) => BadRecoveryWords::WordCount(n),
                _ => BadRecoveryWords::Checksum,
            })?;
        let (entropy, len) = mnemonic.to_entropy_array();
        let entropy = Zeroizing::new(entropy);
        let mut bytes = Zeroizing::new([0u8; KEY_BYTES]);
        if len != KEY_BYTES {
            return Err(BadRecoveryWords::WordCount(mnemonic.word_count()));
        }
        bytes.copy_from_slice(&entropy[..KEY_BYTES]);
        Ok(Self(bytes))
    }

    /// The 24 words, to be shown once.
    pub fn words(&self) -> anyhow::Result<Zeroizing<Vec<String>>> {
        let mnemonic = Mnemonic::from_entropy_in(Language::English, self.0.as_ref())
            .map_err(|e| anyhow::anyhow!("Failed to write the recovery key as words: {e}"))?;
        Ok(Zeroizing::new(
            mnemonic.words().map(str::to_owned).collect(),
        ))
    }

    /// The words as a QR code, drawn in SVG for the window to show and print.
    pub fn qr_svg(&self) -> anyhow::Result<Zeroizing<String>> {
        let text = Zeroizing::new(self.words()?.join(" "));
        let code = QrCode::new(text.as_bytes())
            .map_err(|e| anyhow::anyhow!("Failed to draw the recovery key's QR code: {e}"))?;
        Ok(Zeroizing::new(
            code.render::<svg::Color<'_>>()
                .min_dimensions(240, 240)
                .quiet_zone(true)
                .build(),
        ))
    }

    /// The key pair it derives: one recipient more for every pending login.
    pub fn key_pair(&self) -> RecoveryKeyPair {
        RecoveryKeyPair::derive(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_to_the_same_key_pair() {
        let key = RecoveryKey::generate().unwrap();
        let words = key.words().unwrap();
        assert_eq!(words.len(), WORD_COUNT);
        let typed = format!("  {}\n", words.join("   ").to_uppercase());
        let read = RecoveryKey::from_words(&typed).unwrap();
        assert_eq!(read.key_pair().public(), key.key_pair().public());
        assert_ne!(
            RecoveryKey::generate().unwrap().key_pair().public(),
            key.key_pair().public()
        );
    }

    #[test]
    fn mistyped_words_are_caught() {
        let key = RecoveryKey::generate().unwrap();
        let words = key.words().unwrap();
        assert_eq!(
            RecoveryKey::from_words(&words[..23].join(" ")).unwrap_err(),
            BadRecoveryWords::WordCount(23)
        );
        let mut unknown = words.to_vec();
        unknown[4] = "keydesk".to_owned();
        assert_eq!(
            RecoveryKey::from_words(&unknown.join(" ")).unwrap_err(),
            BadRecoveryWords::UnknownWord(5)
        );
        // Two words swapped: every word is known, the checksum fails (or, rarely, the
        // words make another key, which the stored public key then refuses).
        let mut swapped = words.to_vec();
        let (a, b) = (0..WORD_COUNT)
            .flat_map(|i| (i + 1..WORD_COUNT).map(move |j| (i, j)))
            .find(|&(i, j)| words[i] != words[j])
            .unwrap();
        swapped.swap(a, b);
        match RecoveryKey::from_words(&swapped.join(" ")) {
            Err(error) => assert_eq!(error, BadRecoveryWords::Checksum),
            Ok(other) => assert_ne!(other.key_pair().public(), key.key_pair().public()),
        }
    }

    #[test]
    fn the_qr_code_is_an_svg_drawing_and_the_key_never_prints() {
        let key = RecoveryKey::generate().unwrap();
        let svg = key.qr_svg().unwrap();
        assert!(svg.contains("<svg"), "{}", &svg[..60.min(svg.len())]);
        assert_eq!(format!("{key:?}"), "RecoveryKey(<redacted>)");
    }
}
