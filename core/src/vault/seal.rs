//! Sealing secrets under the vault key: XChaCha20-Poly1305 with a fresh random 24-byte
//! nonce per secret and the owning row named in the associated data, so a sealed value
//! copied onto another row does not open there.

use super::VaultKey;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::TryRngCore;
use zeroize::Zeroizing;

pub const NONCE_BYTES: usize = 24;

/// A secret as stored: nonce and ciphertext (with its 16-byte tag). Holds nothing
/// secret without the vault key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

/// The sealed value did not open: it was changed after sealing, belongs to another row,
/// or was sealed under another vault key. Deliberately says no more than that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("The sealed value cannot be decrypted.")]
pub struct CannotDecrypt;

/// A 256-bit key the seal takes: the vault key, or a key that seals one secret only (a
/// pending login's own key, an owner's password-derived key), so that each secret is
/// sealed by this one seal whatever key guards it.
pub trait SealingKey {
    fn key_bytes(&self) -> &[u8; 32];
}

impl SealingKey for VaultKey {
    fn key_bytes(&self) -> &[u8; 32] {
        self.as_bytes()
    }
}

fn cipher(key: &impl SealingKey) -> anyhow::Result<XChaCha20Poly1305> {
    XChaCha20Poly1305::new_from_slice(key.key_bytes())
        .map_err(|_| anyhow::anyhow!("The sealing key has the wrong length"))
}

/// Seals `plaintext` under `key`, bound to `associated_data`.
pub fn seal(
    key: &impl SealingKey,
    associated_data: &[u8],
    plaintext: &[u8],
) -> anyhow::Result<Sealed> {
    let mut nonce = [0u8; NONCE_BYTES];
    rand::rngs::OsRng
        .try_fill_bytes(&mut nonce)
        .map_err(|e| anyhow::anyhow!("The system random number generator failed: {e}"))?;
    let payload = Payload {
        msg: plaintext,
        aad: associated_data,
    };
    let ciphertext = cipher(key)?
        .encrypt(&XNonce::from(nonce), payload)
        .map_err(|_| anyhow::anyhow!("Failed to seal a secret"))?;
    Ok(Sealed {
        nonce: nonce.to_vec(),
        ciphertext,
    })
}

/// Opens a sealed value; the plaintext is wiped from memory when dropped.
pub fn unseal(
    key: &impl SealingKey,
    associated_data: &[u8],
    sealed: &Sealed,
) -> Result<Zeroizing<Vec<u8>>, CannotDecrypt> {
    let nonce =
        <[u8; NONCE_BYTES]>::try_from(sealed.nonce.as_slice()).map_err(|_| CannotDecrypt)?;
    let payload = Payload {
        msg: &sealed.ciphertext,
        aad: associated_data,
    };
    cipher(key)
        .map_err(|_| CannotDecrypt)?
        .decrypt(&XNonce::from(nonce), payload)
        .map(Zeroizing::new)
        .map_err(|_| CannotDecrypt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_with_fresh_nonces_and_opens_only_with_the_same_key_and_row() {
        let key = VaultKey::generate().unwrap();
        let a = seal(&key, b"handoff:1", b"Correct-Horse-7").unwrap();
        let b = seal(&key, b"handoff:1", b"Correct-Horse-7").unwrap();
        assert_ne!(a.nonce, b.nonce);
        assert_ne!(a.ciphertext, b.ciphertext);
        assert_eq!(a.nonce.len(), NONCE_BYTES);
        assert_eq!(a.ciphertext.len(), "Correct-Horse-7".len() + 16);
        assert_eq!(
            unseal(&key, b"handoff:1", &a).unwrap().as_slice(),
            b"Correct-Horse-7"
        );

        assert_eq!(unseal(&key, b"handoff:2", &a), Err(CannotDecrypt));
        let other = VaultKey::generate().unwrap();
        assert_eq!(unseal(&other, b"handoff:1", &a), Err(CannotDecrypt));
        for i in 0..a.ciphertext.len() {
            let mut flipped = a.clone();
            flipped.ciphertext[i] ^= 0x01;
            assert_eq!(unseal(&key, b"handoff:1", &flipped), Err(CannotDecrypt));
        }
        let mut bad_nonce = a.clone();
        bad_nonce.nonce[0] ^= 0x80;
        assert_eq!(unseal(&key, b"handoff:1", &bad_nonce), Err(CannotDecrypt));
        bad_nonce.nonce.pop();
        assert_eq!(unseal(&key, b"handoff:1", &bad_nonce), Err(CannotDecrypt));
    }
}
