//! The row of `recovery_key`: the recovery kit's public key, and when it was made.

use super::Tx;
use crate::domain::StaffId;
use anyhow::Context;
use chrono::{DateTime, Utc};

/// The recovery key as stored: its public key and when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryKeyRow {
    pub hpke_public: [u8; 32],
    pub created_at: DateTime<Utc>,
}

/// The recovery key, if there is one.
pub async fn find(db: impl sqlx::SqliteExecutor<'_>) -> anyhow::Result<Option<RecoveryKeyRow>> {
    let row: Option<(Vec<u8>, DateTime<Utc>)> =
        sqlx::query_as("SELECT hpke_public, created_at FROM recovery_key WHERE id = 1")
            .fetch_optional(db)
            .await
            .context("Failed to read the recovery key")?;
    row.map(|(public, created_at)| {
        Ok(RecoveryKeyRow {
            hpke_public: public
                .as_slice()
                .try_into()
                .context("The stored recovery key has the wrong length")?,
            created_at,
        })
    })
    .transpose()
}

/// Makes `hpke_public` the recovery key, removing the one before and its wraps.
pub async fn replace(
    tx: &mut Tx,
    hpke_public: &[u8; 32],
    created_by: StaffId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    remove(tx).await?;
    sqlx::query(
        "INSERT INTO recovery_key (id, hpke_public, created_by, created_at) VALUES (1, ?, ?, ?)",
    )
    .bind(hpke_public.as_slice())
    .bind(created_by.0)
    .bind(now)
    .execute(&mut **tx)
    .await
    .context("Failed to store the recovery key")?;
    Ok(())
}

/// Removes the recovery key and (by trigger) every wrap to it. Returns whether there
/// was one.
pub async fn remove(tx: &mut Tx) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM recovery_key")
        .execute(&mut **tx)
        .await
        .context("Failed to remove the recovery key")?;
    Ok(done.rows_affected() > 0)
}
