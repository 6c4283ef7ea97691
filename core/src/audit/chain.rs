use anyhow::Context;
use keydesk_api::ChainVerification;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

/// The `prev_hash` of the first row.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields a row's hash covers, in a fixed order.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(super) struct ChainedRow {
    pub id: i64,
    pub at: String,
    pub actor_staff_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub detail: String,
    pub prev_hash: String,
    /// The customer the row is about. Covered by the hash only when present, so rows
    /// written before the column existed keep their hashes.
    pub customer_id: Option<i64>,
}

impl ChainedRow {
    /// SHA-256 over a JSON array of the fields: unambiguous however the text fields
    /// are chosen, and reproducible by anyone auditing the file with other tools.
    pub fn hash(&self) -> String {
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
}

#[derive(sqlx::FromRow)]
struct StoredRow {
    #[sqlx(flatten)]
    row: ChainedRow,
    row_hash: String,
}

/// Recomputes the whole chain and reports the first row that does not fit.
pub async fn verify_chain(pool: &SqlitePool) -> anyhow::Result<ChainVerification> {
    let rows: Vec<StoredRow> = sqlx::query_as(
        "SELECT id, at, actor_staff_id, actor_label, action, detail, prev_hash, customer_id,
                row_hash
         FROM audit_log ORDER BY id",
    )
    .fetch_all(pool)
    .await
    .context("Failed to read the audit log")?;
    let mut expected_prev = GENESIS_HASH.to_owned();
    for (expected_id, stored) in (1_i64..).zip(&rows) {
        let row = &stored.row;
        if row.id != expected_id {
            return Ok(broken(row.id, format!("row #{expected_id} is missing")));
        }
        if row.prev_hash != expected_prev {
            return Ok(broken(
                row.id,
                "it does not follow the row before it".to_owned(),
            ));
        }
        if row.hash() != stored.row_hash {
            return Ok(broken(
                row.id,
                "its content was changed after it was written".to_owned(),
            ));
        }
        expected_prev = stored.row_hash.clone();
    }
    Ok(ChainVerification::Intact {
        rows: i64::try_from(rows.len()).unwrap_or(i64::MAX),
    })
}

fn broken(first_bad_id: i64, reason: String) -> ChainVerification {
    ChainVerification::Broken {
        first_bad_id,
        reason,
    }
}
