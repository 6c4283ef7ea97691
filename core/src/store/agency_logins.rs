//! Rows of `roster_entries` (the agency's key roster as this desk verified it) and
//! `agency_logins` (pending logins sealed for the agency's owners, with their signature).

use super::Tx;
use crate::domain::{CustomerId, HandoffId};
use crate::vault::roster::SignedEntry;
use crate::vault::signed_login::SignedLogin;
use anyhow::Context;
use keydesk_api::{HandoffChannel, HandoffState};
use uuid::Uuid;

type Time = chrono::DateTime<chrono::Utc>;

/// The fingerprint of the agency's founding owner key, as this desk learnt it (its
/// invitation code, or its own key when it founded the agency).
pub const ROSTER_FOUNDER: &str = "roster_founder";
/// The server's number of the last pending login this desk received.
pub const LOGINS_PULLED_UP_TO: &str = "agency_logins_pulled_up_to";

fn key(bytes: Vec<u8>) -> anyhow::Result<[u8; 32]> {
    bytes
        .try_into()
        .map_err(|_| anyhow::anyhow!("A stored signing key has the wrong length"))
}

/// The roster's entries this desk verified, in order.
pub async fn roster(db: impl sqlx::SqliteExecutor<'_>) -> anyhow::Result<Vec<SignedEntry>> {
    let rows: Vec<(i64, String, Vec<u8>, Vec<u8>)> =
        sqlx::query_as("SELECT seq, body, signer, signature FROM roster_entries ORDER BY seq")
            .fetch_all(db)
            .await
            .context("Failed to read the agency's keys")?;
    rows.into_iter()
        .map(|(seq, body, signer, signature)| {
            Ok(SignedEntry {
                seq,
                body,
                signer: key(signer)?,
                signature,
            })
        })
        .collect()
}

pub async fn add_roster_entry(tx: &mut Tx, entry: &SignedEntry) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO roster_entries (seq, body, signer, signature) VALUES (?, ?, ?, ?)")
        .bind(entry.seq)
        .bind(&entry.body)
        .bind(entry.signer.as_slice())
        .bind(&entry.signature)
        .execute(&mut **tx)
        .await
        .context("Failed to keep an entry of the agency's keys")?;
    Ok(())
}

/// Keeps the signed record of pending login `handoff_id`; `sent`: the server has it.
pub async fn save(
    tx: &mut Tx,
    handoff_id: HandoffId,
    login: &SignedLogin,
    sent: bool,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO agency_logins (handoff_id, body, signer, signature, sent)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(handoff_id)
    .bind(&login.body)
    .bind(login.signer.as_slice())
    .bind(&login.signature)
    .bind(sent)
    .execute(&mut **tx)
    .await
    .context("Failed to keep a pending login's record")?;
    Ok(())
}

/// The signed record of pending login `handoff_id`, when it was made for the agency.
pub async fn find(tx: &mut Tx, handoff_id: HandoffId) -> anyhow::Result<Option<SignedLogin>> {
    let row: Option<(String, Vec<u8>, Vec<u8>)> =
        sqlx::query_as("SELECT body, signer, signature FROM agency_logins WHERE handoff_id = ?")
            .bind(handoff_id)
            .fetch_optional(&mut **tx)
            .await
            .context("Failed to read a pending login's record")?;
    row.map(|(body, signer, signature)| {
        Ok(SignedLogin {
            body,
            signer: key(signer)?,
            signature,
        })
    })
    .transpose()
}

/// A login made here that the server has not taken yet.
pub struct Unsent {
    pub handoff_id: HandoffId,
    pub handoff: Uuid,
    pub customer: Uuid,
    pub login: SignedLogin,
}

/// Logins made here that the server has not taken yet, oldest first.
pub async fn unsent(db: impl sqlx::SqliteExecutor<'_>) -> anyhow::Result<Vec<Unsent>> {
    type Row = (HandoffId, Uuid, Uuid, String, Vec<u8>, Vec<u8>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT l.handoff_id, h.uid, c.uid, l.body, l.signer, l.signature
         FROM agency_logins l
         JOIN credential_handoffs h ON h.id = l.handoff_id
         JOIN customers c ON c.id = h.customer_id
         WHERE l.sent = 0 AND h.state = 'pending'
         ORDER BY l.handoff_id",
    )
    .fetch_all(db)
    .await
    .context("Failed to read the pending logins to send")?;
    rows.into_iter()
        .map(|(handoff_id, handoff, customer, body, signer, signature)| {
            Ok(Unsent {
                handoff_id,
                handoff,
                customer,
                login: SignedLogin {
                    body,
                    signer: key(signer)?,
                    signature,
                },
            })
        })
        .collect()
}

pub async fn mark_sent(tx: &mut Tx, handoff_id: HandoffId) -> anyhow::Result<()> {
    sqlx::query("UPDATE agency_logins SET sent = 1 WHERE handoff_id = ?")
        .bind(handoff_id)
        .execute(&mut **tx)
        .await
        .context("Failed to note a pending login as sent")?;
    Ok(())
}

/// The handoff this desk holds under `uid`, whatever its state.
pub async fn handoff_by_uid(tx: &mut Tx, uid: Uuid) -> anyhow::Result<Option<HandoffId>> {
    sqlx::query_scalar("SELECT id FROM credential_handoffs WHERE uid = ?")
        .bind(uid)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to look up a handoff by uid")
}

/// Gives the handoff just added here the uid it has across the agency.
pub async fn set_handoff_uid(tx: &mut Tx, id: HandoffId, uid: Uuid) -> anyhow::Result<()> {
    sqlx::query("UPDATE credential_handoffs SET uid = ? WHERE id = ?")
        .bind(uid)
        .bind(id)
        .execute(&mut **tx)
        .await
        .context("Failed to note a handoff's uid")?;
    Ok(())
}

/// The handoff's uid.
pub async fn handoff_uid(tx: &mut Tx, id: HandoffId) -> anyhow::Result<Uuid> {
    sqlx::query_scalar("SELECT uid FROM credential_handoffs WHERE id = ?")
        .bind(id)
        .fetch_one(&mut **tx)
        .await
        .context("Failed to read a handoff's uid")
}

/// Customer `customer_id`'s account gets `username` and `password_hash` from a login
/// received from another desk (a new password, to be changed at first sign-in).
pub async fn take_account(
    tx: &mut Tx,
    customer_id: CustomerId,
    username: &str,
    password_hash: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO customer_accounts (customer_id, username, password_hash, must_change_password)
         VALUES (?1, ?2, ?3, 1)
         ON CONFLICT (customer_id) DO UPDATE
         SET username = ?2, password_hash = ?3, must_change_password = 1",
    )
    .bind(customer_id)
    .bind(username)
    .bind(password_hash)
    .execute(&mut **tx)
    .await
    .context("Failed to keep a customer's account")?;
    Ok(())
}

/// How a login the server holds ended here, waiting to be told to the server.
pub struct Close {
    pub handoff: Uuid,
    pub state: HandoffState,
    pub channel: Option<HandoffChannel>,
}

pub async fn closes(db: impl sqlx::SqliteExecutor<'_>) -> anyhow::Result<Vec<Close>> {
    let rows: Vec<(Uuid, String, Option<String>)> =
        sqlx::query_as("SELECT handoff_uid, state, channel FROM agency_login_closes")
            .fetch_all(db)
            .await
            .context("Failed to read how logins ended")?;
    rows.into_iter()
        .map(|(handoff, state, channel)| {
            Ok(Close {
                handoff,
                state: state
                    .parse()
                    .map_err(|_| anyhow::anyhow!("Unknown value in agency_login_closes.state"))?,
                channel: channel
                    .map(|c| c.parse())
                    .transpose()
                    .map_err(|_| anyhow::anyhow!("Unknown value in agency_login_closes.channel"))?,
            })
        })
        .collect()
}

/// The server knows how login `handoff` ended.
pub async fn forget_close(tx: &mut Tx, handoff: Uuid) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM agency_login_closes WHERE handoff_uid = ?")
        .bind(handoff)
        .execute(&mut **tx)
        .await
        .context("Failed to forget how a login ended")?;
    Ok(())
}

/// The state of handoff `id`.
pub async fn state_of(tx: &mut Tx, id: HandoffId) -> anyhow::Result<HandoffState> {
    let state: String = sqlx::query_scalar("SELECT state FROM credential_handoffs WHERE id = ?")
        .bind(id)
        .fetch_one(&mut **tx)
        .await
        .context("Failed to read a handoff's state")?;
    state
        .parse()
        .map_err(|_| anyhow::anyhow!("Unknown value in credential_handoffs.state"))
}

/// A handoff that ended here ends as `state` after all: another desk ended it in a way
/// that beats this desk's (sent beats revoked beats expired).
pub async fn set_final_state(
    tx: &mut Tx,
    id: HandoffId,
    state: HandoffState,
    channel: Option<HandoffChannel>,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE credential_handoffs SET state = ?, channel = COALESCE(?, channel)
         WHERE id = ? AND state <> 'pending'",
    )
    .bind(state.as_str())
    .bind(channel.map(HandoffChannel::as_str))
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to settle a handoff's state")?;
    Ok(())
}

/// Pending handoffs sealed for this desk only: `(id, created at, expires at)`.
pub async fn local_pending(tx: &mut Tx) -> anyhow::Result<Vec<(HandoffId, Time, Time)>> {
    sqlx::query_as(
        "SELECT h.id, h.created_at, h.expires_at FROM credential_handoffs h
         WHERE h.state = 'pending'
           AND NOT EXISTS (SELECT 1 FROM agency_logins l WHERE l.handoff_id = h.id)
         ORDER BY h.id",
    )
    .fetch_all(&mut **tx)
    .await
    .context("Failed to list the pending logins of this desk")
}

/// Forgets the wraps of handoff `handoff_id`'s former key, to this desk's owners and to
/// the recovery key: it is sealed under a new key for the agency now.
pub async fn forget_local_wraps(tx: &mut Tx, handoff_id: HandoffId) -> anyhow::Result<()> {
    for table in ["handoff_key_wraps", "handoff_recovery_wraps"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE handoff_id = ?"
        )))
        .bind(handoff_id)
        .execute(&mut **tx)
        .await
        .context("Failed to forget a login's former wraps")?;
    }
    Ok(())
}

/// The records of the pending logins made for the agency that this desk holds.
pub async fn pending_records(
    db: impl sqlx::SqliteExecutor<'_>,
) -> anyhow::Result<Vec<(HandoffId, Uuid, SignedLogin)>> {
    type Row = (HandoffId, Uuid, String, Vec<u8>, Vec<u8>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT l.handoff_id, h.uid, l.body, l.signer, l.signature
         FROM agency_logins l JOIN credential_handoffs h ON h.id = l.handoff_id
         WHERE h.state = 'pending' AND l.sent = 1
         ORDER BY l.handoff_id",
    )
    .fetch_all(db)
    .await
    .context("Failed to read the pending logins' records")?;
    rows.into_iter()
        .map(|(id, uid, body, signer, signature)| {
            Ok((
                id,
                uid,
                SignedLogin {
                    body,
                    signer: key(signer)?,
                    signature,
                },
            ))
        })
        .collect()
}

/// Pending login `handoff_id`'s record, sealed anew for the owners of now.
pub async fn replace_record(
    tx: &mut Tx,
    handoff_id: HandoffId,
    login: &SignedLogin,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE agency_logins SET body = ?, signer = ?, signature = ? WHERE handoff_id = ?",
    )
    .bind(&login.body)
    .bind(login.signer.as_slice())
    .bind(&login.signature)
    .bind(handoff_id)
    .execute(&mut **tx)
    .await
    .context("Failed to keep a login sealed anew")?;
    Ok(())
}

/// When handoff `id` was made.
pub async fn created_at(tx: &mut Tx, id: HandoffId) -> anyhow::Result<Time> {
    sqlx::query_scalar("SELECT created_at FROM credential_handoffs WHERE id = ?")
        .bind(id)
        .fetch_one(&mut **tx)
        .await
        .context("Failed to read when a handoff was made")
}

/// The customer of handoff `id`.
pub async fn customer_of(
    db: impl sqlx::SqliteExecutor<'_>,
    id: HandoffId,
) -> anyhow::Result<Option<CustomerId>> {
    sqlx::query_scalar("SELECT customer_id FROM credential_handoffs WHERE id = ?")
        .bind(id)
        .fetch_optional(db)
        .await
        .context("Failed to read a handoff's customer")
}

/// The login customer `customer_id`'s account holds, as this desk knows it.
pub async fn lineage(tx: &mut Tx, customer_id: CustomerId) -> anyhow::Result<Option<Uuid>> {
    sqlx::query_scalar("SELECT handoff_uid FROM login_lineage WHERE customer_id = ?")
        .bind(customer_id)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to read which login an account holds")
}

/// Customer `customer_id`'s account now holds login `handoff`.
pub async fn set_lineage(
    tx: &mut Tx,
    customer_id: CustomerId,
    handoff: Uuid,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO login_lineage (customer_id, handoff_uid) VALUES (?, ?)
         ON CONFLICT (customer_id) DO UPDATE SET handoff_uid = excluded.handoff_uid",
    )
    .bind(customer_id)
    .bind(handoff)
    .execute(&mut **tx)
    .await
    .context("Failed to note which login an account holds")?;
    Ok(())
}
