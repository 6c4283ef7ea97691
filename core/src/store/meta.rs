//! Facts about the database itself.

use super::Tx;
use anyhow::Context;

pub const INSTALLATION_ID: &str = "installation_id";
pub const VAULT_KEY_CREATED_AT: &str = "vault_key_created_at";

pub async fn get(tx: &mut Tx, key: &str) -> anyhow::Result<Option<String>> {
    sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
        .bind(key)
        .fetch_optional(&mut **tx)
        .await
        .with_context(|| format!("Failed to read meta {key}"))
}

pub async fn set(tx: &mut Tx, key: &str, value: &str) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO meta (key, value) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(&mut **tx)
    .await
    .with_context(|| format!("Failed to write meta {key}"))?;
    Ok(())
}
