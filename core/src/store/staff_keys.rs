//! Rows of `staff_keys`: each member's public keys and their private keys sealed under
//! their password. Kept in the database, not the keyring, so that a backup carries them:
//! a restored database opens on a new machine with the owners' passwords, and the sealed
//! keys cost a guesser the same argon2id work as the password hash stored beside them.

use super::Tx;
use crate::domain::StaffId;
use crate::vault::owner_keys::{KdfParams, LockedKeys, PublicKeys};
use crate::vault::Sealed;
use anyhow::Context;
use chrono::{DateTime, Utc};

type Row = (Vec<u8>, Vec<u8>, Vec<u8>, i64, i64, i64, Vec<u8>, Vec<u8>);

fn locked_from(row: Row) -> anyhow::Result<LockedKeys> {
    let (hpke, signing, salt, m_cost, t_cost, p_cost, nonce, ciphertext) = row;
    let cost = |n: i64| u32::try_from(n).context("A key derivation parameter is out of range");
    Ok(LockedKeys {
        public: PublicKeys::from_slices(&hpke, &signing)
            .context("A stored public key has the wrong length")?,
        salt,
        kdf: KdfParams {
            m_cost: cost(m_cost)?,
            t_cost: cost(t_cost)?,
            p_cost: cost(p_cost)?,
        },
        sealed: Sealed { nonce, ciphertext },
    })
}

/// Member `staff_id`'s keys, if they have any yet (`db`: the reader pool, or
/// `&mut **tx` within a change).
pub async fn find(
    db: impl sqlx::SqliteExecutor<'_>,
    staff_id: StaffId,
) -> anyhow::Result<Option<LockedKeys>> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT hpke_public, signing_public, kdf_salt, kdf_m_cost, kdf_t_cost, kdf_p_cost,
                private_nonce, private_sealed
         FROM staff_keys WHERE staff_id = ?",
    )
    .bind(staff_id.0)
    .fetch_optional(db)
    .await
    .context("Failed to read a member's keys")?;
    row.map(locked_from).transpose()
}

/// Stores member `staff_id`'s keys, replacing any they had (a new key pair, or the same
/// keys sealed under a new password).
pub async fn save(
    tx: &mut Tx,
    staff_id: StaffId,
    keys: &LockedKeys,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO staff_keys (staff_id, hpke_public, signing_public, kdf_salt, kdf_m_cost,
                                 kdf_t_cost, kdf_p_cost, private_nonce, private_sealed, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (staff_id) DO UPDATE SET
             hpke_public = excluded.hpke_public, signing_public = excluded.signing_public,
             kdf_salt = excluded.kdf_salt, kdf_m_cost = excluded.kdf_m_cost,
             kdf_t_cost = excluded.kdf_t_cost, kdf_p_cost = excluded.kdf_p_cost,
             private_nonce = excluded.private_nonce, private_sealed = excluded.private_sealed,
             created_at = CASE WHEN staff_keys.hpke_public = excluded.hpke_public
                               THEN staff_keys.created_at ELSE excluded.created_at END",
    )
    .bind(staff_id.0)
    .bind(keys.public.hpke.as_slice())
    .bind(keys.public.signing.as_slice())
    .bind(&keys.salt)
    .bind(i64::from(keys.kdf.m_cost))
    .bind(i64::from(keys.kdf.t_cost))
    .bind(i64::from(keys.kdf.p_cost))
    .bind(&keys.sealed.nonce)
    .bind(&keys.sealed.ciphertext)
    .bind(now)
    .execute(&mut **tx)
    .await
    .context("Failed to store a member's keys")?;
    Ok(())
}

/// Forgets member `staff_id`'s keys and every login key wrapped to them.
pub async fn delete(tx: &mut Tx, staff_id: StaffId) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM handoff_key_wraps WHERE recipient = ?")
        .bind(staff_id.0)
        .execute(&mut **tx)
        .await
        .context("Failed to delete a member's wrapped keys")?;
    sqlx::query("DELETE FROM staff_keys WHERE staff_id = ?")
        .bind(staff_id.0)
        .execute(&mut **tx)
        .await
        .context("Failed to delete a member's keys")?;
    Ok(())
}

/// The active owners who have keys, with their public keys: whom a pending login is
/// wrapped to.
pub async fn owner_recipients(tx: &mut Tx) -> anyhow::Result<Vec<(StaffId, PublicKeys)>> {
    let rows: Vec<(i64, Vec<u8>, Vec<u8>)> = sqlx::query_as(
        "SELECT k.staff_id, k.hpke_public, k.signing_public
         FROM staff_keys k JOIN staff s ON s.id = k.staff_id
         WHERE s.role = 'owner' AND s.status = 'active'
         ORDER BY k.staff_id",
    )
    .fetch_all(&mut **tx)
    .await
    .context("Failed to read the owners' public keys")?;
    rows.into_iter()
        .map(|(id, hpke, signing)| {
            let keys = PublicKeys::from_slices(&hpke, &signing)
                .context("A stored public key has the wrong length")?;
            Ok((StaffId(id), keys))
        })
        .collect()
}
