//! Hashing and checking the audit chain.
//!
//! A plain SHA-256 chain only shows that the rows fit together: anyone with the file
//! can rewrite a row and recompute every hash after it. So each row is MACed
//! (HMAC-SHA256) under a key derived from the vault key, which never leaves the OS
//! keyring: without it a rewritten row cannot be given a hash that verifies. Cutting
//! rows off the end still leaves a chain that fits; the signed head kept in the keyring
//! (see [`super::head`]) catches that.
//!
//! Rows written before the chain was keyed ([`HashScheme::Sha256`]: every row of a
//! database from before this change, and the first rows of a new database, written
//! before its vault key is unlocked) keep their SHA-256 hashes and still verify. They
//! may only form the beginning of the log: an unkeyed row after a keyed one is a
//! rewrite. The first keyed row's MAC covers the last unkeyed row's hash, which pins
//! the unkeyed rows before it; demoting keyed rows to the unkeyed scheme and
//! recomputing everything is caught by the signed head, whose hash no SHA-256
//! reproduces. The chain is deliberately not re-keyed at upgrade, so the hashes in
//! earlier exports still match the log.

use super::head::{ChainSeal, StoredHead};
use anyhow::Context;
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use keydesk_api::ChainVerification;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;
use zeroize::Zeroizing;

use crate::said::Said;
use crate::store::{self, audit_log::StoredRow};
use crate::vault::VaultKey;

/// The `prev_hash` of the first row.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// HKDF "info" naming what the derived key is for, so it can never collide with
/// another use of the vault key.
const CHAIN_KEY_INFO: &[u8] = b"keydesk audit chain v1";

type HmacSha256 = Hmac<Sha256>;

/// How a row's `row_hash` was computed (the `hash_scheme` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashScheme {
    /// SHA-256 of the fields: rows written before the chain was keyed.
    Sha256 = 0,
    /// HMAC-SHA256 under the chain key.
    HmacSha256 = 1,
}

impl HashScheme {
    fn from_stored(value: i64) -> Option<Self> {
        match value {
            0 => Some(Self::Sha256),
            1 => Some(Self::HmacSha256),
            _ => None,
        }
    }
}

/// The key that MACs audit rows and the signed head, derived from the vault key with
/// HKDF-SHA256. Wiped from memory when dropped.
pub struct ChainKey(Zeroizing<[u8; 32]>);

impl ChainKey {
    pub fn derive(vault_key: &VaultKey) -> anyhow::Result<Self> {
        let mut okm = Zeroizing::new([0u8; 32]);
        Hkdf::<Sha256>::new(None, vault_key.as_bytes())
            .expand(CHAIN_KEY_INFO, okm.as_mut())
            .map_err(|_| anyhow::anyhow!("Failed to derive the audit chain key"))?;
        Ok(Self(okm))
    }

    /// A MAC over `message`, hex-encoded.
    pub(super) fn mac_hex(&self, message: &[u8]) -> anyhow::Result<String> {
        let mut mac = self.mac()?;
        mac.update(message);
        Ok(hex::encode(mac.finalize().into_bytes()))
    }

    /// Whether `expected_hex` is the MAC of `message`, compared in constant time.
    pub(super) fn verify_hex(&self, message: &[u8], expected_hex: &str) -> anyhow::Result<bool> {
        let Ok(expected) = hex::decode(expected_hex) else {
            return Ok(false);
        };
        let mut mac = self.mac()?;
        mac.update(message);
        Ok(mac.verify_slice(&expected).is_ok())
    }

    fn mac(&self) -> anyhow::Result<HmacSha256> {
        <HmacSha256 as Mac>::new_from_slice(self.0.as_ref())
            .map_err(|_| anyhow::anyhow!("The audit chain key has the wrong length"))
    }
}

impl std::fmt::Debug for ChainKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChainKey(<redacted>)")
    }
}

/// The fields a row's hash covers, in a fixed order.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct ChainedRow {
    pub id: i64,
    pub at: String,
    pub actor_staff_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub detail: String,
    pub prev_hash: String,
    /// The customer the row is about. Covered by the unkeyed hash only when present,
    /// so rows written before the column existed keep their hashes.
    pub customer_id: Option<i64>,
    pub hash_scheme: i64,
}

impl ChainedRow {
    /// SHA-256 over a JSON array of the fields: unambiguous however the text fields
    /// are chosen, and reproducible by anyone auditing the file with other tools.
    fn unkeyed_hash(&self) -> String {
        let mut fields = vec![
            serde_json::json!(self.id),
            serde_json::json!(self.at),
            serde_json::json!(self.actor_staff_id),
            serde_json::json!(self.actor_label),
            serde_json::json!(self.action),
            serde_json::json!(self.detail),
            serde_json::json!(self.prev_hash),
        ];
        if let Some(customer_id) = self.customer_id {
            fields.push(serde_json::json!(customer_id));
        }
        let canonical = serde_json::Value::Array(fields);
        hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
    }

    /// What the keyed MAC covers: the scheme first (so a MAC never reads as another
    /// scheme's hash), then every field, `customer_id` always present.
    fn keyed_message(&self) -> Vec<u8> {
        serde_json::json!([
            HashScheme::HmacSha256 as i64,
            self.id,
            self.at,
            self.actor_staff_id,
            self.actor_label,
            self.action,
            self.detail,
            self.prev_hash,
            self.customer_id,
        ])
        .to_string()
        .into_bytes()
    }

    /// The hash to store for a new row: keyed when the chain key is known, unkeyed
    /// only before the vault key is unlocked (the first rows of a new database).
    pub fn seal(&mut self, key: Option<&ChainKey>) -> anyhow::Result<String> {
        match key {
            Some(key) => {
                self.hash_scheme = HashScheme::HmacSha256 as i64;
                key.mac_hex(&self.keyed_message())
            }
            None => {
                self.hash_scheme = HashScheme::Sha256 as i64;
                Ok(self.unkeyed_hash())
            }
        }
    }
}

/// Recomputes the whole chain, reports the first row that does not fit, and compares
/// the end of the log with the signed head kept in the keyring.
pub async fn verify_chain(
    pool: &SqlitePool,
    seal: Option<&ChainSeal>,
) -> anyhow::Result<ChainVerification> {
    let head = match seal {
        Some(seal) => seal.load_head().await?,
        None => StoredHead::Missing,
    };
    let rows = store::audit_log::all_rows(pool).await?;
    let key = seal.map(ChainSeal::key);
    let first_break = first_break(&rows, key)?;
    let row_count = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    let last_id = rows.last().map_or(0, |r| r.row.id);
    let end = match head {
        StoredHead::Missing => EndOfLog::Unsealed,
        StoredHead::Invalid => EndOfLog::HeadInvalid,
        StoredHead::Valid(head) if head.count > last_id => EndOfLog::TailRemoved {
            expected_rows: head.count,
        },
        StoredHead::Valid(head) if head.count == 0 => EndOfLog::Fits,
        StoredHead::Valid(head) => {
            let at_head = rows
                .binary_search_by_key(&head.count, |r| r.row.id)
                .ok()
                .and_then(|i| rows.get(i));
            match at_head {
                Some(stored) if stored.row_hash == head.hash => EndOfLog::Fits,
                _ => EndOfLog::Replaced { at: head.count },
            }
        }
    };
    Ok(match (first_break, end) {
        (Some((id, reason)), EndOfLog::TailRemoved { expected_rows }) => broken(
            id,
            Said::with(
                "chain-also-tail-removed",
                &[("count", expected_rows - last_id)],
            )
            .arg("reason", reason),
        ),
        (Some((id, reason)), _) => broken(id, reason),
        (None, EndOfLog::TailRemoved { expected_rows }) => ChainVerification::TailRemoved {
            rows: row_count,
            expected_rows,
        },
        (None, EndOfLog::Replaced { at }) => broken(at, Said::id("chain-end-replaced")),
        (None, EndOfLog::HeadInvalid) => broken(last_id, Said::id("chain-end-not-this-log")),
        (None, EndOfLog::Fits | EndOfLog::Unsealed) => {
            ChainVerification::Intact { rows: row_count }
        }
    })
}

/// How the end of the log compares with the signed head.
enum EndOfLog {
    /// No head yet (no keyed row has been committed and sealed).
    Unsealed,
    /// The row the head names is there, with the hash the head names. Rows after it
    /// are ones committed since the head was last written.
    Fits,
    /// The log ends before the row the head names.
    TailRemoved { expected_rows: i64 },
    /// The row the head names is there but is another row.
    Replaced { at: i64 },
    /// The head's own MAC does not verify.
    HeadInvalid,
}

/// The first row that does not fit, with the reason in words.
fn first_break(rows: &[StoredRow], key: Option<&ChainKey>) -> anyhow::Result<Option<(i64, Said)>> {
    let mut expected_prev = GENESIS_HASH;
    let mut keyed_seen = false;
    for (expected_id, stored) in (1_i64..).zip(rows) {
        let row = &stored.row;
        if row.id != expected_id {
            return Ok(Some((
                row.id,
                Said::with("chain-row-missing", &[("row", expected_id)]),
            )));
        }
        if row.prev_hash != expected_prev {
            return Ok(Some((row.id, Said::id("chain-row-not-following"))));
        }
        let fits = match HashScheme::from_stored(row.hash_scheme) {
            Some(HashScheme::Sha256) if keyed_seen => {
                return Ok(Some((row.id, Said::id("chain-row-unkeyed"))));
            }
            Some(HashScheme::Sha256) => row.unkeyed_hash() == stored.row_hash,
            Some(HashScheme::HmacSha256) => {
                keyed_seen = true;
                let key = key.context("The audit chain key is needed to verify keyed rows")?;
                key.verify_hex(&row.keyed_message(), &stored.row_hash)?
            }
            None => {
                return Ok(Some((row.id, Said::id("chain-row-unknown-scheme"))));
            }
        };
        if !fits {
            return Ok(Some((row.id, Said::id("chain-row-changed"))));
        }
        expected_prev = &stored.row_hash;
    }
    Ok(None)
}

fn broken(first_bad_id: i64, reason: Said) -> ChainVerification {
    ChainVerification::Broken {
        first_bad_id,
        reason,
    }
}
