//! Typed agency settings stored as JSON text per key.

use super::Tx;
use crate::domain::StaffId;
use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Serialize};
use sqlx::SqlitePool;

pub async fn get<T: DeserializeOwned>(pool: &SqlitePool, key: &str) -> anyhow::Result<Option<T>> {
    let raw: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
        .bind(key)
        .fetch_optional(pool)
        .await
        .with_context(|| format!("Failed to read setting {key}"))?;
    raw.map(|text| {
        serde_json::from_str(&text).with_context(|| format!("Setting {key} is not valid"))
    })
    .transpose()
}

/// Reads a setting inside a transaction (what the transaction sees).
pub async fn get_in<T: DeserializeOwned>(tx: &mut Tx, key: &str) -> anyhow::Result<Option<T>> {
    let raw: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
        .bind(key)
        .fetch_optional(&mut **tx)
        .await
        .with_context(|| format!("Failed to read setting {key}"))?;
    raw.map(|text| {
        serde_json::from_str(&text).with_context(|| format!("Setting {key} is not valid"))
    })
    .transpose()
}

pub async fn set<T: Serialize>(
    tx: &mut Tx,
    key: &str,
    value: &T,
    by: StaffId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let text = serde_json::to_string(value).context("Failed to encode a setting")?;
    sqlx::query(
        "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                                         updated_by = excluded.updated_by",
    )
    .bind(key)
    .bind(text)
    .bind(now)
    .bind(by.0)
    .execute(&mut **tx)
    .await
    .with_context(|| format!("Failed to save setting {key}"))?;
    Ok(())
}
