//! The one secret an outbox row may carry (a verification code), sealed with the vault's
//! seal until the mail is sent, with the row's id as associated data so a sealed value
//! moved to another row (or to another table sealed with the same key) does not open.
//! The row keeps it as one blob, `version ‖ nonce ‖ ciphertext+tag`.

use crate::domain::OutboxId;
use crate::vault::{self, Sealed, VaultKey, NONCE_BYTES};
use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};

const VERSION: u8 = 1;

/// The associated data: what the sealed value belongs to.
fn associated_data(outbox_id: OutboxId) -> Vec<u8> {
    let mut aad = b"keydesk:outbox:".to_vec();
    aad.extend_from_slice(&outbox_id.0.to_be_bytes());
    aad
}

/// Seals `secret` for outbox row `outbox_id`, as the blob the row stores.
pub fn seal(key: &VaultKey, outbox_id: OutboxId, secret: &SecretString) -> anyhow::Result<Vec<u8>> {
    let sealed = vault::seal(
        key,
        &associated_data(outbox_id),
        secret.expose_secret().as_bytes(),
    )
    .context("Failed to seal a mail secret")?;
    let mut out = Vec::with_capacity(1 + sealed.nonce.len() + sealed.ciphertext.len());
    out.push(VERSION);
    out.extend_from_slice(&sealed.nonce);
    out.extend_from_slice(&sealed.ciphertext);
    Ok(out)
}

/// Opens what [`seal`] made for the same row; fails for any other row, key or change.
pub fn open(key: &VaultKey, outbox_id: OutboxId, sealed: &[u8]) -> anyhow::Result<SecretString> {
    let (version, rest) = sealed.split_first().context("The sealed secret is empty")?;
    anyhow::ensure!(
        *version == VERSION,
        "Unknown sealed secret version {version}"
    );
    anyhow::ensure!(rest.len() > NONCE_BYTES, "The sealed secret is cut short");
    let (nonce, ciphertext) = rest.split_at(NONCE_BYTES);
    let sealed = Sealed {
        nonce: nonce.to_vec(),
        ciphertext: ciphertext.to_vec(),
    };
    let plain = vault::unseal(key, &associated_data(outbox_id), &sealed)
        .map_err(|_| anyhow::anyhow!("The sealed secret does not open with this key and row"))?;
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
        let sealed = seal(&key, OutboxId(7), &secret).unwrap();
        assert!(!sealed.windows(6).any(|w| w == b"123456"));
        assert_eq!(
            open(&key, OutboxId(7), &sealed).unwrap().expose_secret(),
            "123456"
        );
        assert!(open(&key, OutboxId(8), &sealed).is_err());
        assert!(open(&VaultKey::generate().unwrap(), OutboxId(7), &sealed).is_err());
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(open(&key, OutboxId(7), &tampered).is_err());
        assert_ne!(
            seal(&key, OutboxId(7), &secret).unwrap(),
            sealed,
            "fresh nonce each time"
        );
    }

    /// A code sealed for row 42 under key 00 01 .. 1f with nonce 64 65 .. 7b, as rows
    /// already in outboxes hold it: it must keep opening.
    #[test]
    fn rows_sealed_before_still_open() {
        let key = VaultKey::from_bytes(&(0u8..32).collect::<Vec<_>>()).unwrap();
        let stored = hex::decode(
            "016465666768696a6b6c6d6e6f707172737475767778797a7b\
             4d41ca84ca1835f43147747c9f943f4032d290dd1177",
        )
        .unwrap();
        assert_eq!(
            open(&key, OutboxId(42), &stored).unwrap().expose_secret(),
            "123456"
        );
        assert!(open(&key, OutboxId(43), &stored).is_err());
    }
}
