//! Rows of `handoff_key_wraps` and `handoff_recovery_wraps`: a pending login's key (DEK)
//! wrapped to each owner, and to the recovery key when there is one.

use super::Tx;
use crate::domain::{CustomerId, HandoffId, StaffId};
use crate::vault::owner_keys::Wrapped;
use anyhow::Context;

/// The HPKE `info` of a wrap: the handoff, its customer and the recipient, so a wrap
/// copied onto another handoff, customer or owner does not open there.
pub fn wrap_info(handoff_id: HandoffId, customer_id: CustomerId, recipient: StaffId) -> Vec<u8> {
    format!(
        "keydesk handoff key: handoff {} customer {} recipient {}",
        handoff_id.0, customer_id.0, recipient.0
    )
    .into_bytes()
}

pub async fn save(
    tx: &mut Tx,
    handoff_id: HandoffId,
    recipient: StaffId,
    wrapped: &Wrapped,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT OR REPLACE INTO handoff_key_wraps (handoff_id, recipient, encapsulated_key, ciphertext)
         VALUES (?, ?, ?, ?)",
    )
    .bind(handoff_id)
    .bind(recipient.0)
    .bind(&wrapped.encapsulated_key)
    .bind(&wrapped.ciphertext)
    .execute(&mut **tx)
    .await
    .context("Failed to store a wrapped login key")?;
    Ok(())
}

/// The key of handoff `handoff_id` wrapped to `recipient`, if there is one.
pub async fn find(
    tx: &mut Tx,
    handoff_id: HandoffId,
    recipient: StaffId,
) -> anyhow::Result<Option<Wrapped>> {
    let row: Option<(Vec<u8>, Vec<u8>)> = sqlx::query_as(
        "SELECT encapsulated_key, ciphertext FROM handoff_key_wraps
         WHERE handoff_id = ? AND recipient = ?",
    )
    .bind(handoff_id)
    .bind(recipient.0)
    .fetch_optional(&mut **tx)
    .await
    .context("Failed to read a wrapped login key")?;
    Ok(row.map(|(encapsulated_key, ciphertext)| Wrapped {
        encapsulated_key,
        ciphertext,
    }))
}

/// Whether any owner still holds a wrap of handoff `handoff_id`'s key.
pub async fn any_for(tx: &mut Tx, handoff_id: HandoffId) -> anyhow::Result<bool> {
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM handoff_key_wraps WHERE handoff_id = ?")
            .bind(handoff_id)
            .fetch_one(&mut **tx)
            .await
            .context("Failed to count wrapped login keys")?;
    Ok(count > 0)
}

/// Pending handoffs sealed to owner keys that `holder` can open (a wrap to them) while
/// some active owner with keys has none: `(handoff, customer, owner lacking a wrap)`.
pub async fn missing_for_owners(
    db: impl sqlx::SqliteExecutor<'_>,
    holder: StaffId,
) -> anyhow::Result<Vec<(HandoffId, CustomerId, StaffId)>> {
    let rows: Vec<(HandoffId, CustomerId, i64)> = sqlx::query_as(
        "SELECT h.id, h.customer_id, k.staff_id
         FROM credential_handoffs h
         JOIN handoff_key_wraps mine ON mine.handoff_id = h.id AND mine.recipient = ?
         CROSS JOIN staff_keys k
         JOIN staff s ON s.id = k.staff_id AND s.role = 'owner' AND s.status = 'active'
         WHERE h.state = 'pending' AND h.sealed_with = 'owner_keys'
           AND NOT EXISTS (SELECT 1 FROM handoff_key_wraps w
                           WHERE w.handoff_id = h.id AND w.recipient = k.staff_id)
         ORDER BY h.id, k.staff_id",
    )
    .bind(holder.0)
    .fetch_all(db)
    .await
    .context("Failed to find logins not yet shared with every owner")?;
    Ok(rows
        .into_iter()
        .map(|(h, c, s)| (h, c, StaffId(s)))
        .collect())
}

/// The HPKE `info` of a wrap to the recovery key: the handoff and its customer, and that
/// it is for the recovery key (never the same as an owner's).
pub fn recovery_wrap_info(handoff_id: HandoffId, customer_id: CustomerId) -> Vec<u8> {
    format!(
        "keydesk handoff key: handoff {} customer {} recipient recovery key",
        handoff_id.0, customer_id.0
    )
    .into_bytes()
}

/// Stores handoff `handoff_id`'s key wrapped to the recovery key.
pub async fn save_recovery(
    tx: &mut Tx,
    handoff_id: HandoffId,
    wrapped: &Wrapped,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT OR REPLACE INTO handoff_recovery_wraps (handoff_id, encapsulated_key, ciphertext)
         VALUES (?, ?, ?)",
    )
    .bind(handoff_id)
    .bind(&wrapped.encapsulated_key)
    .bind(&wrapped.ciphertext)
    .execute(&mut **tx)
    .await
    .context("Failed to store a login key wrapped to the recovery key")?;
    Ok(())
}

/// Every pending login's key wrapped to the recovery key: `(handoff, customer, wrap)`.
pub async fn recovery_wraps(tx: &mut Tx) -> anyhow::Result<Vec<(HandoffId, CustomerId, Wrapped)>> {
    let rows: Vec<(HandoffId, CustomerId, Vec<u8>, Vec<u8>)> = sqlx::query_as(
        "SELECT h.id, h.customer_id, r.encapsulated_key, r.ciphertext
         FROM handoff_recovery_wraps r JOIN credential_handoffs h ON h.id = r.handoff_id
         WHERE h.state = 'pending' AND h.sealed_with = 'owner_keys'
         ORDER BY h.id",
    )
    .fetch_all(&mut **tx)
    .await
    .context("Failed to read the login keys wrapped to the recovery key")?;
    Ok(rows
        .into_iter()
        .map(|(h, c, encapsulated_key, ciphertext)| {
            let wrapped = Wrapped {
                encapsulated_key,
                ciphertext,
            };
            (h, c, wrapped)
        })
        .collect())
}

/// Whether handoff `handoff_id`'s key is wrapped to the recovery key.
pub async fn recovery_can_open(tx: &mut Tx, handoff_id: HandoffId) -> anyhow::Result<bool> {
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM handoff_recovery_wraps WHERE handoff_id = ?")
            .bind(handoff_id)
            .fetch_one(&mut **tx)
            .await
            .context("Failed to look for a login key wrapped to the recovery key")?;
    Ok(count > 0)
}

/// How many pending logins the recovery key can open.
pub async fn count_recovery(db: impl sqlx::SqliteExecutor<'_>) -> anyhow::Result<u64> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM handoff_recovery_wraps r
         JOIN credential_handoffs h ON h.id = r.handoff_id WHERE h.state = 'pending'",
    )
    .fetch_one(db)
    .await
    .context("Failed to count the logins wrapped to the recovery key")?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// While there is a recovery key: pending handoffs that `holder` can open (a wrap to
/// them) and the recovery key cannot yet, `(handoff, customer)`.
pub async fn missing_for_recovery(
    db: impl sqlx::SqliteExecutor<'_>,
    holder: StaffId,
) -> anyhow::Result<Vec<(HandoffId, CustomerId)>> {
    sqlx::query_as(
        "SELECT h.id, h.customer_id
         FROM credential_handoffs h
         JOIN handoff_key_wraps mine ON mine.handoff_id = h.id AND mine.recipient = ?
         WHERE h.state = 'pending' AND h.sealed_with = 'owner_keys'
           AND EXISTS (SELECT 1 FROM recovery_key)
           AND NOT EXISTS (SELECT 1 FROM handoff_recovery_wraps r WHERE r.handoff_id = h.id)
         ORDER BY h.id",
    )
    .bind(holder.0)
    .fetch_all(db)
    .await
    .context("Failed to find logins not yet sealed to the recovery key")
}
