//! Facts about the database itself.

use super::Tx;
use anyhow::Context;

pub const INSTALLATION_ID: &str = "installation_id";
pub const VAULT_KEY_CREATED_AT: &str = "vault_key_created_at";
/// When the backup passphrase was last set (its key is in the keyring).
pub const BACKUP_PASSPHRASE_SET_AT: &str = "backup_passphrase_set_at";
/// When the last good backup was made.
pub const LAST_BACKUP_AT: &str = "last_backup_at";
/// The end of the agency's audit chain this desk last verified whole ("<seq>:<hash>").
pub const AGENCY_AUDIT_VERIFIED: &str = "agency_audit_verified";
/// How far the agency server's clock was ahead of this computer's when last heard
/// (milliseconds): a desk restarted offline still expires logins by the server's time.
pub const SERVER_CLOCK_AHEAD_MS: &str = "server_clock_ahead_ms";
/// When this desk learnt that the agency server revoked it: the mail the server knows of
/// is then left to the owner who takes it over, never sent from here.
pub const DESK_REVOKED_AT: &str = "desk_revoked_at";
/// Why the last automatic backup failed, until one succeeds.
pub const LAST_BACKUP_FAILURE: &str = "last_backup_failure";

pub async fn get(tx: &mut Tx, key: &str) -> anyhow::Result<Option<String>> {
    sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
        .bind(key)
        .fetch_optional(&mut **tx)
        .await
        .with_context(|| format!("Failed to read meta {key}"))
}

/// Reads a fact outside any transaction (for screens that only show it).
pub async fn get_readonly(pool: &sqlx::SqlitePool, key: &str) -> anyhow::Result<Option<String>> {
    sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
        .bind(key)
        .fetch_optional(pool)
        .await
        .with_context(|| format!("Failed to read meta {key}"))
}

pub async fn delete(tx: &mut Tx, key: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM meta WHERE key = ?")
        .bind(key)
        .execute(&mut **tx)
        .await
        .with_context(|| format!("Failed to delete meta {key}"))?;
    Ok(())
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
