//! What every record that travels between an agency's desks is made of, whatever it
//! carries (a pending login, the agency's mail settings): its JSON text signed by a
//! desk's key, and a random key of its own wrapped (HPKE) to each recipient key of the
//! roster, each wrap named by the recipient's signing key. The kinds differ in what they
//! seal and for whom; each signs under a prefix of its own, so that one kind's signature
//! never passes for another's.

use super::owner_keys::{self, signature_holds, Dek, OwnerKeyPair, Wrapped};
use super::roster::RosterKey;
use serde::{Deserialize, Serialize};

/// A record as it travels: the text, its signer and the signature.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    pub body: String,
    pub signer: [u8; 32],
    pub signature: Vec<u8>,
}

impl std::fmt::Debug for Signed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signed")
            .field("signer", &hex::encode(self.signer))
            .finish_non_exhaustive()
    }
}

fn signed_message(prefix: &[u8], body: &str) -> Vec<u8> {
    [prefix, body.as_bytes()].concat()
}

impl Signed {
    /// `body` signed with `signer` under `prefix`.
    pub fn sign(prefix: &[u8], body: String, signer: &OwnerKeyPair) -> Signed {
        Signed {
            signature: signer.sign(&signed_message(prefix, &body)).to_vec(),
            body,
            signer: signer.public().signing,
        }
    }

    /// Whether the signature holds for the text under `prefix` (who signed is the
    /// caller's to check against the roster).
    pub fn holds(&self, prefix: &[u8]) -> bool {
        signature_holds(
            &self.signer,
            &signed_message(prefix, &self.body),
            &self.signature,
        )
    }
}

/// A record's key wrapped to one recipient, named by its signing key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyWrap {
    #[serde(with = "hex::serde")]
    pub recipient: [u8; 32],
    #[serde(with = "base64_bytes")]
    pub encapsulated_key: Vec<u8>,
    #[serde(with = "base64_bytes")]
    pub ciphertext: Vec<u8>,
}

/// Why a record's key does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unwrapped {
    /// No wrap names this key.
    NotForThisKey,
    /// The wrap does not open (changed, or made for another record).
    Damaged,
}

/// `dek` wrapped to each of `recipients`, with `info(recipient)` binding each wrap to
/// the record and its recipient.
pub fn wrap_key<'a>(
    recipients: impl IntoIterator<Item = &'a RosterKey>,
    info: impl Fn(&[u8; 32]) -> Vec<u8>,
    dek: &Dek,
) -> anyhow::Result<Vec<KeyWrap>> {
    recipients
        .into_iter()
        .map(|key| {
            let recipient = key.keys.signing;
            let wrapped = owner_keys::wrap_to(&key.keys.hpke, &info(&recipient), dek)?;
            Ok(KeyWrap {
                recipient,
                encapsulated_key: wrapped.encapsulated_key,
                ciphertext: wrapped.ciphertext,
            })
        })
        .collect()
}

/// The record's key, from the wrap named by `keys`.
pub fn unwrap_key(
    wraps: &[KeyWrap],
    keys: &OwnerKeyPair,
    info: impl Fn(&[u8; 32]) -> Vec<u8>,
) -> Result<Dek, Unwrapped> {
    let mine = keys.public().signing;
    let wrap = wraps
        .iter()
        .find(|w| w.recipient == mine)
        .ok_or(Unwrapped::NotForThisKey)?;
    let wrapped = Wrapped {
        encapsulated_key: wrap.encapsulated_key.clone(),
        ciphertext: wrap.ciphertext.clone(),
    };
    owner_keys::unwrap(keys, &info(&mine), &wrapped).map_err(|_| Unwrapped::Damaged)
}

/// Bytes as standard base64 in a record's JSON.
pub(super) mod base64_bytes {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_only_for_its_own_kind_and_text() {
        let keys = OwnerKeyPair::generate().unwrap();
        let signed = Signed::sign(b"kind one\n", "{\"a\":1}".to_owned(), &keys);
        assert!(signed.holds(b"kind one\n"));
        assert!(!signed.holds(b"kind two\n"), "another kind's prefix");
        let changed = Signed {
            body: "{\"a\":2}".to_owned(),
            ..signed.clone()
        };
        assert!(!changed.holds(b"kind one\n"), "another text");
        assert!(
            !format!("{signed:?}").contains("\"a\""),
            "Debug shows no body"
        );
    }
}
