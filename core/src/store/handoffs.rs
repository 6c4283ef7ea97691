//! Rows of `credential_handoffs`: a customer's new password, sealed, until it is handed
//! over, revoked or expires.

use super::Tx;
use crate::domain::{CustomerId, HandoffId, StaffId};
use crate::vault::Sealed;
use anyhow::Context;
use chrono::{DateTime, Utc};
use keydesk_api::{HandoffChannel, HandoffReason, HandoffRecord, HandoffState, PendingHandoff};
use sqlx::SqlitePool;

/// The associated data a handoff's password is sealed with under its own key: its row
/// and its customer, so sealed bytes copied onto another handoff do not open there.
pub fn associated_data(handoff_id: HandoffId, customer_id: CustomerId) -> Vec<u8> {
    format!(
        "keydesk credential handoff {} customer {}",
        handoff_id.0, customer_id.0
    )
    .into_bytes()
}

/// The associated data of a password sealed under the vault key, as handoffs were
/// sealed before owner keys (and still are while no owner has keys).
pub fn vault_associated_data(handoff_id: HandoffId) -> Vec<u8> {
    format!("keydesk credential handoff {}", handoff_id.0).into_bytes()
}

/// What a pending password is sealed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealedWith {
    /// The vault key: a handoff made before owner keys, or while no owner had keys yet.
    VaultKey,
    /// A key of its own, wrapped to the owners (`handoff_key_wraps`).
    OwnerKeys,
}

impl SealedWith {
    fn as_str(self) -> &'static str {
        match self {
            Self::VaultKey => "vault_key",
            Self::OwnerKeys => "owner_keys",
        }
    }

    fn parse(text: &str) -> anyhow::Result<Self> {
        match text {
            "vault_key" => Ok(Self::VaultKey),
            "owner_keys" => Ok(Self::OwnerKeys),
            other => anyhow::bail!("Unknown value in credential_handoffs.sealed_with: {other}"),
        }
    }
}

/// A handoff as the services act on it.
#[derive(Debug)]
pub struct HandoffRow {
    pub id: HandoffId,
    pub customer_id: CustomerId,
    pub username: String,
    pub state: HandoffState,
    pub created_by: StaffId,
    pub shown_to_creator: bool,
    pub sealed: Option<Sealed>,
    pub sealed_with: SealedWith,
}

/// Adds a pending handoff (its sealed password follows with [`store_sealed`], in the
/// same transaction, once the id is known).
pub async fn insert_pending(
    tx: &mut Tx,
    customer_id: CustomerId,
    reason: HandoffReason,
    by: StaffId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> anyhow::Result<HandoffId> {
    sqlx::query_scalar(
        "INSERT INTO credential_handoffs (customer_id, reason, created_at, created_by, expires_at)
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(customer_id)
    .bind(reason.as_str())
    .bind(now)
    .bind(by.0)
    .bind(expires_at)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to add a handoff")
}

pub async fn store_sealed(
    tx: &mut Tx,
    id: HandoffId,
    sealed: &Sealed,
    sealed_with: SealedWith,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE credential_handoffs SET nonce = ?, ciphertext = ?, sealed_with = ?
         WHERE id = ? AND state = 'pending'",
    )
    .bind(&sealed.nonce)
    .bind(&sealed.ciphertext)
    .bind(sealed_with.as_str())
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to store a sealed password")?;
    Ok(())
}

type Row = (
    HandoffId,
    CustomerId,
    String,
    String,
    i64,
    bool,
    Option<Vec<u8>>,
    Option<Vec<u8>>,
    String,
);

pub async fn find(tx: &mut Tx, id: HandoffId) -> anyhow::Result<Option<HandoffRow>> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT h.id, h.customer_id, a.username, h.state, h.created_by, h.shown_to_creator,
                h.nonce, h.ciphertext, h.sealed_with
         FROM credential_handoffs h JOIN customer_accounts a ON a.customer_id = h.customer_id
         WHERE h.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
    .context("Failed to read a handoff")?;
    row.map(
        |(id, customer_id, username, state, created_by, shown, nonce, ciphertext, sealed_with)| {
            Ok(HandoffRow {
                id,
                customer_id,
                username,
                state: state
                    .parse()
                    .context("Unknown value in credential_handoffs.state")?,
                created_by: StaffId(created_by),
                shown_to_creator: shown,
                sealed: nonce
                    .zip(ciphertext)
                    .map(|(nonce, ciphertext)| Sealed { nonce, ciphertext }),
                sealed_with: SealedWith::parse(&sealed_with)?,
            })
        },
    )
    .transpose()
}

/// The customer's pending handoff, if any.
/// The uid of customer `customer_id`'s newest handoff other than `except`, in any state.
pub async fn newest_other_uid(
    tx: &mut Tx,
    customer_id: CustomerId,
    except: HandoffId,
) -> anyhow::Result<Option<uuid::Uuid>> {
    sqlx::query_scalar(
        "SELECT uid FROM credential_handoffs WHERE customer_id = ? AND id <> ?
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(customer_id)
    .bind(except)
    .fetch_optional(&mut **tx)
    .await
    .context("Failed to read a customer's newest handoff")
}

pub async fn pending_for_customer(
    tx: &mut Tx,
    customer_id: CustomerId,
) -> anyhow::Result<Option<HandoffId>> {
    sqlx::query_scalar(
        "SELECT id FROM credential_handoffs WHERE customer_id = ? AND state = 'pending'",
    )
    .bind(customer_id)
    .fetch_optional(&mut **tx)
    .await
    .context("Failed to look up a pending handoff")
}

/// How a pending handoff ends.
pub struct Closing<'a> {
    pub state: HandoffState,
    pub by: Option<StaffId>,
    pub channel: Option<HandoffChannel>,
    pub note: Option<&'a str>,
}

/// Moves a pending handoff to its final state and destroys its sealed password in the
/// same statement. Returns false when it was no longer pending (nothing changes then).
pub async fn close(
    tx: &mut Tx,
    id: HandoffId,
    closing: Closing<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE credential_handoffs
         SET state = ?, nonce = NULL, ciphertext = NULL, closed_at = ?, closed_by = ?,
             channel = ?, note = ?
         WHERE id = ? AND state = 'pending'",
    )
    .bind(closing.state.as_str())
    .bind(now)
    .bind(closing.by.map(|s| s.0))
    .bind(closing.channel.map(HandoffChannel::as_str))
    .bind(closing.note)
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to close a handoff")?;
    Ok(done.rows_affected() == 1)
}

/// Expires every pending handoff whose time is up, destroying their sealed passwords.
/// Returns `(handoff id, customer id)` of each.
/// Expires, as closed at `now`, the pending handoffs whose expiry is at or before `due_by`
/// (`now` on the clock that decides: the agency server's, on a desk that syncs).
pub async fn expire_due(
    tx: &mut Tx,
    now: DateTime<Utc>,
    due_by: DateTime<Utc>,
) -> anyhow::Result<Vec<(HandoffId, CustomerId)>> {
    let mut expired: Vec<(HandoffId, CustomerId)> = sqlx::query_as(
        "UPDATE credential_handoffs
         SET state = 'expired', nonce = NULL, ciphertext = NULL, closed_at = ?
         WHERE state = 'pending' AND expires_at <= ?
         RETURNING id, customer_id",
    )
    .bind(now)
    .bind(due_by)
    .fetch_all(&mut **tx)
    .await
    .context("Failed to expire handoffs")?;
    expired.sort_unstable();
    Ok(expired)
}

pub async fn mark_shown_to_creator(tx: &mut Tx, id: HandoffId) -> anyhow::Result<()> {
    sqlx::query("UPDATE credential_handoffs SET shown_to_creator = 1 WHERE id = ?")
        .bind(id)
        .execute(&mut **tx)
        .await
        .context("Failed to note a handoff as shown")?;
    Ok(())
}

/// Pending handoffs, oldest first, with whether `viewer` holds a wrap of each one's key
/// (`viewer_has_keys`: whether their session holds their keys to use it) and whether any
/// owner still does.
pub async fn list_pending(
    pool: &SqlitePool,
    viewer: StaffId,
    viewer_has_keys: bool,
) -> anyhow::Result<Vec<PendingHandoff>> {
    #[derive(sqlx::FromRow)]
    struct Pending {
        id: i64,
        customer_id: i64,
        name: String,
        username: String,
        reason: String,
        created_by: String,
        created_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        email: String,
        yours: bool,
        anyone: bool,
    }
    let rows: Vec<Pending> = sqlx::query_as(
        "SELECT h.id, h.customer_id, c.first_name || ' ' || c.last_name AS name, a.username,
                h.reason, s.display_name AS created_by, h.created_at, h.expires_at, c.email,
                (h.sealed_with = 'vault_key' OR EXISTS (
                    SELECT 1 FROM handoff_key_wraps w
                    WHERE w.handoff_id = h.id AND w.recipient = ?1) OR EXISTS (
                    SELECT 1 FROM agency_logins l JOIN staff_keys k ON k.staff_id = ?1
                    WHERE l.handoff_id = h.id
                      AND instr(l.body, '\"recipient\":\"' || lower(hex(k.signing_public)) || '\"') > 0
                    )) AS yours,
                (h.sealed_with = 'vault_key' OR EXISTS (
                    SELECT 1 FROM handoff_key_wraps w
                    JOIN staff o ON o.id = w.recipient AND o.role = 'owner' AND o.status = 'active'
                    WHERE w.handoff_id = h.id) OR EXISTS (
                    SELECT 1 FROM agency_logins l WHERE l.handoff_id = h.id)) AS anyone
         FROM credential_handoffs h
         JOIN customers c ON c.id = h.customer_id
         JOIN customer_accounts a ON a.customer_id = h.customer_id
         JOIN staff s ON s.id = h.created_by
         WHERE h.state = 'pending'
         ORDER BY h.id",
    )
    .bind(viewer.0)
    .fetch_all(pool)
    .await
    .context("Failed to list pending handoffs")?;
    rows.into_iter()
        .map(
            |Pending {
                 id: handoff_id,
                 customer_id,
                 name,
                 username,
                 reason,
                 created_by: by,
                 created_at: at,
                 expires_at: expires,
                 email,
                 yours,
                 anyone,
             }| {
                let changed = !email.trim().eq_ignore_ascii_case(username.trim());
                Ok(PendingHandoff {
                    handoff_id,
                    customer_id,
                    customer_name: name,
                    username,
                    reason: reason
                        .parse()
                        .context("Unknown value in credential_handoffs.reason")?,
                    created_by: by,
                    created_at: at.to_rfc3339(),
                    expires_at: expires.to_rfc3339(),
                    current_email: changed.then_some(email),
                    you_can_open: yours && viewer_has_keys,
                    an_owner_can_open: anyone,
                })
            },
        )
        .collect()
}

pub async fn count_pending(pool: &SqlitePool) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM credential_handoffs WHERE state = 'pending'")
        .fetch_one(pool)
        .await
        .context("Failed to count pending handoffs")
}

#[derive(sqlx::FromRow)]
struct HistoryRow {
    id: i64,
    customer_id: i64,
    customer_name: String,
    username: String,
    reason: String,
    state: String,
    created_by: String,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    closed_by: Option<String>,
    closed_at: Option<DateTime<Utc>>,
    channel: Option<String>,
    note: Option<String>,
}

/// Handoffs newest first, below `before_id`, of one customer or all. Never the secret.
pub async fn history(
    pool: &SqlitePool,
    customer_id: Option<CustomerId>,
    before_id: Option<i64>,
    limit: u32,
) -> anyhow::Result<Vec<HandoffRecord>> {
    let mut query = sqlx::QueryBuilder::new(
        "SELECT h.id, h.customer_id, c.first_name || ' ' || c.last_name AS customer_name,
                a.username, h.reason, h.state, s.display_name AS created_by, h.created_at,
                h.expires_at, closer.display_name AS closed_by, h.closed_at, h.channel, h.note
         FROM credential_handoffs h
         JOIN customers c ON c.id = h.customer_id
         JOIN customer_accounts a ON a.customer_id = h.customer_id
         JOIN staff s ON s.id = h.created_by
         LEFT JOIN staff closer ON closer.id = h.closed_by
         WHERE h.id < ",
    );
    query.push_bind(before_id.unwrap_or(i64::MAX));
    if let Some(customer_id) = customer_id {
        query.push(" AND h.customer_id = ").push_bind(customer_id);
    }
    query
        .push(" ORDER BY h.id DESC LIMIT ")
        .push_bind(i64::from(limit));
    let rows: Vec<HistoryRow> = query
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to read the handoff history")?;
    rows.into_iter()
        .map(|row| {
            let state: HandoffState = row
                .state
                .parse()
                .context("Unknown value in credential_handoffs.state")?;
            Ok(HandoffRecord {
                handoff_id: row.id,
                customer_id: row.customer_id,
                customer_name: row.customer_name,
                username: row.username,
                reason: row
                    .reason
                    .parse()
                    .context("Unknown value in credential_handoffs.reason")?,
                state,
                state_description: state.description().to_owned(),
                created_by: row.created_by,
                created_at: row.created_at.to_rfc3339(),
                expires_at: row.expires_at.to_rfc3339(),
                closed_by: row.closed_by,
                closed_at: row.closed_at.map(|t| t.to_rfc3339()),
                channel: row
                    .channel
                    .as_deref()
                    .map(str::parse)
                    .transpose()
                    .context("Unknown value in credential_handoffs.channel")?,
                note: row.note,
            })
        })
        .collect()
}

/// Why a handoff was made (a new customer, a reset, generated in bulk).
pub async fn reason_of(tx: &mut Tx, id: HandoffId) -> anyhow::Result<Option<HandoffReason>> {
    let reason: Option<String> =
        sqlx::query_scalar("SELECT reason FROM credential_handoffs WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await
            .context("Failed to read a handoff's reason")?;
    reason
        .as_deref()
        .map(str::parse)
        .transpose()
        .context("Unknown value in credential_handoffs.reason")
}

/// Whether any pending handoff's password is still sealed under the vault key.
pub async fn any_vault_sealed_pending(db: impl sqlx::SqliteExecutor<'_>) -> anyhow::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM credential_handoffs
                        WHERE state = 'pending' AND sealed_with = 'vault_key')",
    )
    .fetch_one(db)
    .await
    .context("Failed to look for handoffs sealed under the vault key")
}

/// Pending handoffs whose password is still sealed under the vault key, with their
/// customer and sealed bytes: what the first owner sign-in re-seals to owner keys.
pub async fn vault_sealed_pending(
    tx: &mut Tx,
) -> anyhow::Result<Vec<(HandoffId, CustomerId, Sealed)>> {
    let rows: Vec<(HandoffId, CustomerId, Vec<u8>, Vec<u8>)> = sqlx::query_as(
        "SELECT id, customer_id, nonce, ciphertext FROM credential_handoffs
         WHERE state = 'pending' AND sealed_with = 'vault_key'
           AND nonce IS NOT NULL AND ciphertext IS NOT NULL
         ORDER BY id",
    )
    .fetch_all(&mut **tx)
    .await
    .context("Failed to find handoffs sealed under the vault key")?;
    Ok(rows
        .into_iter()
        .map(|(id, customer, nonce, ciphertext)| (id, customer, Sealed { nonce, ciphertext }))
        .collect())
}

/// The mails waiting to carry handoff `handoff_id` that hold no sealed copy of its
/// password (queued before a mail carried one).
pub async fn waiting_mails_without_copy(
    tx: &mut Tx,
    handoff_id: HandoffId,
) -> anyhow::Result<Vec<crate::domain::OutboxId>> {
    sqlx::query_scalar(
        "SELECT id FROM outbox
         WHERE handoff_id = ? AND state IN ('queued', 'sending') AND sealed_secret IS NULL
         ORDER BY id",
    )
    .bind(handoff_id)
    .fetch_all(&mut **tx)
    .await
    .context("Failed to find the mails waiting for a login")
}
