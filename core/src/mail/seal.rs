//! Sealing the one secret an outbox row may carry (a verification code) until the
//! mail is sent: XChaCha20-Poly1305 under the vault key, with a fresh random nonce and
//! the row's id as associated data, so a sealed value moved to another row (or to
//! another table sealed with the same key) does not open.

use crate::vault::VaultKey;
use anyhow::Context;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::TryRngCore;
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

const VERSION: u8 = 1;
const NONCE_BYTES: usize = 24;

/// The associated data: what the sealed value belongs to.
fn associated_data(outbox_id: i64) -> Vec<u8> {
    let mut aad = b"keydesk:outbox:".to_vec();
    aad.extend_from_slice(&outbox_id.to_be_bytes());
    aad
}

fn cipher(key: &VaultKey) -> anyhow::Result<XChaCha20Poly1305> {
    XChaCha20Poly1305::new_from_slice(key.as_bytes())
        .map_err(|_| anyhow::anyhow!("The vault key has the wrong length"))
}

/// `version ‖ nonce ‖ ciphertext+tag`.
pub fn seal(key: &VaultKey, outbox_id: i64, secret: &SecretString) -> anyhow::Result<Vec<u8>> {
    let mut nonce = [0u8; NONCE_BYTES];
    rand::rngs::OsRng
        .try_fill_bytes(&mut nonce)
        .map_err(|e| anyhow::anyhow!("The system random number generator failed: {e}"))?;
    let aad = associated_data(outbox_id);
    let sealed = cipher(key)?
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: secret.expose_secret().as_bytes(),
                aad: &aad,
            },
        )
        .map_err(|_| anyhow::anyhow!("Failed to seal a mail secret"))?;
    let mut out = Vec::with_capacity(1 + NONCE_BYTES + sealed.len());
    out.push(VERSION);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens what [`seal`] made for the same row; fails for any other row, key or change.
pub fn open(key: &VaultKey, outbox_id: i64, sealed: &[u8]) -> anyhow::Result<SecretString> {
    let (version, rest) = sealed.split_first().context("The sealed secret is empty")?;
    anyhow::ensure!(
        *version == VERSION,
        "Unknown sealed secret version {version}"
    );
    anyhow::ensure!(rest.len() > NONCE_BYTES, "The sealed secret is cut short");
    let (nonce, ciphertext) = rest.split_at(NONCE_BYTES);
    let nonce: [u8; NONCE_BYTES] = nonce.try_into().context("Bad nonce")?;
    let aad = associated_data(outbox_id);
    let plain = Zeroizing::new(
        cipher(key)?
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| {
                anyhow::anyhow!("The sealed secret does not open with this key and row")
            })?,
    );
    let text = std::str::from_utf8(&plain).context("The sealed secret is not text")?;
    Ok(SecretString::from(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_only_with_the_same_key_and_row() {
        let key = VaultKey::generate().unwrap();
        let secret = SecretString::from("123456".to_owned());
        let sealed = seal(&key, 7, &secret).unwrap();
        assert!(!sealed.windows(6).any(|w| w == b"123456"));
        assert_eq!(open(&key, 7, &sealed).unwrap().expose_secret(), "123456");
        assert!(open(&key, 8, &sealed).is_err());
        assert!(open(&VaultKey::generate().unwrap(), 7, &sealed).is_err());
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(open(&key, 7, &tampered).is_err());
        assert_ne!(
            seal(&key, 7, &secret).unwrap(),
            sealed,
            "fresh nonce each time"
        );
    }
}
