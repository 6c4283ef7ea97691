//! Rows of `outbox` and `verification_codes`.
//!
//! Times are stored as fixed-width RFC 3339 text (microseconds, `Z`), so comparing the
//! text compares the times.

use super::Tx;
use crate::domain::{CustomerId, HandoffId, OutboxId};
use crate::said::{self, Said};
use anyhow::Context;
use chrono::{DateTime, SecondsFormat, Utc};
use keydesk_api::{MailKind, OutboxMail, OutboxState};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// A new row, as `enqueue_in` writes it.
pub struct NewRow<'a> {
    pub kind: MailKind,
    pub customer_id: Option<CustomerId>,
    pub recipient: &'a str,
    pub handoff_id: Option<HandoffId>,
    pub welcome_message: &'a str,
    pub message_id: &'a str,
    pub created_by: Option<i64>,
    pub now: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, row: &NewRow<'_>) -> anyhow::Result<OutboxId> {
    let now = stamp(row.now);
    sqlx::query_scalar(
        "INSERT INTO outbox (kind, customer_id, recipient, handoff_id, welcome_message,
                             next_attempt_at, message_id, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(row.kind.as_str())
    .bind(row.customer_id)
    .bind(row.recipient)
    .bind(row.handoff_id)
    .bind(row.welcome_message)
    .bind(&now)
    .bind(row.message_id)
    .bind(&now)
    .bind(row.created_by)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to add a mail to the outbox")
}

pub async fn set_sealed_secret(tx: &mut Tx, id: OutboxId, sealed: &[u8]) -> anyhow::Result<()> {
    sqlx::query("UPDATE outbox SET sealed_secret = ? WHERE id = ?")
        .bind(sealed)
        .bind(id)
        .execute(&mut **tx)
        .await
        .context("Failed to store a sealed mail secret")?;
    Ok(())
}

/// A mail due for sending, with what rendering needs.
#[derive(sqlx::FromRow)]
pub struct DueRow {
    pub id: OutboxId,
    pub kind: String,
    pub customer_id: Option<CustomerId>,
    pub recipient: String,
    pub handoff_id: Option<HandoffId>,
    pub welcome_message: String,
    pub sealed_secret: Option<Vec<u8>>,
    pub attempts: i64,
    pub message_id: String,
    pub created_by: Option<i64>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub staff_name: Option<String>,
    /// The customer's language tag, as recorded.
    pub preferred_language: Option<String>,
    /// Whether the agency server knows of this mail (and so an owner may take it over).
    pub known_to_agency: bool,
}

/// Queued mails whose time has come, oldest first.
pub async fn due(pool: &SqlitePool, now: DateTime<Utc>, limit: u32) -> anyhow::Result<Vec<DueRow>> {
    sqlx::query_as(
        "SELECT o.id, o.kind, o.customer_id, o.recipient, o.handoff_id, o.welcome_message,
                o.sealed_secret, o.attempts, o.message_id, o.created_by,
                c.first_name, c.last_name, s.display_name AS staff_name,
                c.preferred_language, o.reported_state IS NOT NULL AS known_to_agency
         FROM outbox o
         LEFT JOIN customers c ON c.id = o.customer_id
         LEFT JOIN staff s ON s.id = o.created_by
         WHERE o.state = 'queued' AND o.next_attempt_at <= ?
         ORDER BY o.next_attempt_at, o.id LIMIT ?",
    )
    .bind(stamp(now))
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .context("Failed to read the mails due")
}

/// The earliest next try of a queued mail.
pub async fn next_due(pool: &SqlitePool) -> anyhow::Result<Option<DateTime<Utc>>> {
    let next: Option<String> =
        sqlx::query_scalar("SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'queued'")
            .fetch_one(pool)
            .await
            .context("Failed to read the next mail due")?;
    Ok(next.and_then(|t| DateTime::parse_from_rfc3339(&t).ok().map(|t| t.to_utc())))
}

/// Takes a queued mail for sending (counts the try). False if it is no longer queued
/// (cancelled meanwhile).
pub async fn claim(tx: &mut Tx, id: OutboxId, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, last_attempt_at = ?
         WHERE id = ? AND state = 'queued'",
    )
    .bind(stamp(now))
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to take a mail for sending")?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_sent(tx: &mut Tx, id: OutboxId, now: DateTime<Utc>) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE outbox SET state = 'sent', sent_at = ?, sealed_secret = NULL,
                           last_error = NULL, last_error_kind = NULL
         WHERE id = ?",
    )
    .bind(stamp(now))
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to note a mail as sent")?;
    Ok(())
}

/// Back to the queue after a failed try, due again at `next`.
pub async fn mark_retry(
    tx: &mut Tx,
    id: OutboxId,
    next: DateTime<Utc>,
    error: &Said,
    kind: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = ?,
                           last_error_kind = ?
         WHERE id = ?",
    )
    .bind(stamp(next))
    .bind(said::to_stored(error))
    .bind(kind)
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to put a mail back in the queue")?;
    Ok(())
}

pub async fn mark_failed(
    tx: &mut Tx,
    id: OutboxId,
    error: &Said,
    kind: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE outbox SET state = 'failed', last_error = ?, last_error_kind = ?,
                           sealed_secret = NULL
         WHERE id = ?",
    )
    .bind(said::to_stored(error))
    .bind(kind)
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to note a mail as failed")?;
    Ok(())
}

/// Makes every queued mail due before `until` wait until then (the server cannot be
/// reached: trying the next one now would fail the same way).
pub async fn postpone_queued(tx: &mut Tx, until: DateTime<Utc>) -> anyhow::Result<u64> {
    let until = stamp(until);
    let done = sqlx::query(
        "UPDATE outbox SET next_attempt_at = ? WHERE state = 'queued' AND next_attempt_at < ?",
    )
    .bind(&until)
    .bind(&until)
    .execute(&mut **tx)
    .await
    .context("Failed to postpone the waiting mails")?;
    Ok(done.rows_affected())
}

/// Crash recovery: mails left `sending` by a stopped worker go back to the queue
/// (they may have reached the server: the same Message-ID lets the receiver tell).
pub async fn requeue_sending(tx: &mut Tx) -> anyhow::Result<Vec<(OutboxId, Option<CustomerId>)>> {
    sqlx::query_as(
        "UPDATE outbox SET state = 'queued' WHERE state = 'sending' RETURNING id, customer_id",
    )
    .fetch_all(&mut **tx)
    .await
    .context("Failed to requeue interrupted mails")
}

/// Makes queued mails (one, or all) due now, and a failed one queued again with a
/// fresh count of tries. Returns the ids changed.
pub async fn retry_now(
    tx: &mut Tx,
    id: Option<OutboxId>,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<(OutboxId, Option<CustomerId>, String)>> {
    let mut q = QueryBuilder::<Sqlite>::new("UPDATE outbox SET next_attempt_at = ");
    q.push_bind(stamp(now));
    q.push(
        ", attempts = CASE WHEN state = 'failed' THEN 0 ELSE attempts END,
           state = 'queued'
         WHERE (state = 'queued' OR (state = 'failed' AND kind <> 'verification_code'))",
    );
    match id {
        Some(id) => {
            q.push(" AND id = ").push_bind(id);
        }
        None => {
            q.push(" AND state = 'queued'");
        }
    }
    q.push(" RETURNING id, customer_id, kind");
    q.build_query_as()
        .fetch_all(&mut **tx)
        .await
        .context("Failed to retry mails")
}

/// Cancels a queued or failed mail; false if it is in another state.
pub async fn cancel(tx: &mut Tx, id: OutboxId) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'cancelled', sealed_secret = NULL
         WHERE id = ? AND state IN ('queued', 'failed')",
    )
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to cancel a mail")?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct MailRow {
    id: i64,
    kind: String,
    customer_id: Option<i64>,
    first_name: Option<String>,
    last_name: Option<String>,
    recipient: String,
    state: String,
    attempts: i64,
    next_attempt_at: String,
    last_error: Option<String>,
    message_id: String,
    created_at: String,
    created_by: Option<String>,
    sent_at: Option<String>,
}

impl MailRow {
    fn into_mail(self) -> anyhow::Result<OutboxMail> {
        let state: OutboxState = self
            .state
            .parse()
            .context("Unknown value in outbox.state")?;
        Ok(OutboxMail {
            id: self.id,
            kind: self.kind.parse().context("Unknown value in outbox.kind")?,
            customer_id: self.customer_id,
            customer_name: match (self.first_name, self.last_name) {
                (Some(first), Some(last)) => Some(format!("{first} {last}")),
                _ => None,
            },
            recipient: self.recipient,
            state,
            attempts: self.attempts,
            next_attempt_at: (state == OutboxState::Queued).then_some(self.next_attempt_at),
            last_error: self.last_error.map(said::from_stored),
            message_id: self.message_id,
            created_at: self.created_at,
            created_by: self.created_by,
            sent_at: self.sent_at,
        })
    }
}

const MAIL_COLUMNS: &str = "SELECT o.id, o.kind, o.customer_id, c.first_name, c.last_name,
        o.recipient, o.state, o.attempts, o.next_attempt_at, o.last_error, o.message_id,
        o.created_at, s.display_name AS created_by, o.sent_at
     FROM outbox o
     LEFT JOIN customers c ON c.id = o.customer_id
     LEFT JOIN staff s ON s.id = o.created_by";

pub async fn find(pool: &SqlitePool, id: OutboxId) -> anyhow::Result<Option<OutboxMail>> {
    let mut q = QueryBuilder::<Sqlite>::new(MAIL_COLUMNS);
    q.push(" WHERE o.id = ").push_bind(id);
    let row: Option<MailRow> = q
        .build_query_as()
        .fetch_optional(pool)
        .await
        .context("Failed to read a mail")?;
    row.map(MailRow::into_mail).transpose()
}

/// A page of the outbox, newest first, and how many match.
pub async fn page(
    pool: &SqlitePool,
    state: Option<OutboxState>,
    before_id: Option<i64>,
    limit: u32,
) -> anyhow::Result<(Vec<OutboxMail>, i64)> {
    let mut q = QueryBuilder::<Sqlite>::new(MAIL_COLUMNS);
    q.push(" WHERE o.id < ")
        .push_bind(before_id.unwrap_or(i64::MAX));
    if let Some(state) = state {
        q.push(" AND o.state = ").push_bind(state.as_str());
    }
    q.push(" ORDER BY o.id DESC LIMIT ")
        .push_bind(i64::from(limit));
    let rows: Vec<MailRow> = q
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to read the outbox")?;
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM outbox WHERE 1 = 1");
    if let Some(state) = state {
        count.push(" AND state = ").push_bind(state.as_str());
    }
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(pool)
        .await
        .context("Failed to count the outbox")?;
    let mails = rows
        .into_iter()
        .map(MailRow::into_mail)
        .collect::<anyhow::Result<_>>()?;
    Ok((mails, total))
}

/// A customer's mails, newest first.
pub async fn for_customer(
    pool: &SqlitePool,
    customer_id: CustomerId,
    limit: u32,
) -> anyhow::Result<Vec<OutboxMail>> {
    let mut q = QueryBuilder::<Sqlite>::new(MAIL_COLUMNS);
    q.push(" WHERE o.customer_id = ")
        .push_bind(customer_id)
        .push(" ORDER BY o.id DESC LIMIT ")
        .push_bind(i64::from(limit));
    let rows: Vec<MailRow> = q
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to read the customer's mails")?;
    rows.into_iter().map(MailRow::into_mail).collect()
}

/// What the status bar shows.
pub struct Counts {
    pub waiting: i64,
    pub failed: i64,
    pub next_attempt_at: Option<String>,
    /// How the most recent try ended: `None` when it succeeded (or none was made).
    pub last_error: Option<(Said, String)>,
}

pub async fn counts(pool: &SqlitePool) -> anyhow::Result<Counts> {
    let (waiting, failed, next): (i64, i64, Option<String>) = sqlx::query_as(
        "SELECT COALESCE(SUM(state IN ('queued', 'sending')), 0),
                COALESCE(SUM(state = 'failed'), 0),
                MIN(CASE WHEN state = 'queued' THEN next_attempt_at END)
         FROM outbox WHERE state IN ('queued', 'sending', 'failed')",
    )
    .fetch_one(pool)
    .await
    .context("Failed to count the outbox")?;
    let last: Option<(Option<String>, Option<String>, String)> = sqlx::query_as(
        "SELECT last_error, last_error_kind, state FROM outbox
         WHERE last_attempt_at IS NOT NULL ORDER BY last_attempt_at DESC, id DESC LIMIT 1",
    )
    .fetch_optional(pool)
    .await
    .context("Failed to read the last try")?;
    let last_error = match last {
        Some((Some(error), Some(kind), state)) if state != "sent" => {
            Some((said::from_stored(error), kind))
        }
        _ => None,
    };
    Ok(Counts {
        waiting,
        failed,
        next_attempt_at: next,
        last_error,
    })
}

/// When the newest mail of `kind` for a customer was queued.
pub async fn last_queued_at(
    tx: &mut Tx,
    customer_id: CustomerId,
    kind: MailKind,
) -> anyhow::Result<Option<DateTime<Utc>>> {
    let at: Option<String> =
        sqlx::query_scalar("SELECT MAX(created_at) FROM outbox WHERE customer_id = ? AND kind = ?")
            .bind(customer_id)
            .bind(kind.as_str())
            .fetch_one(&mut **tx)
            .await
            .context("Failed to read the last mail of a customer")?;
    Ok(at.and_then(|t| DateTime::parse_from_rfc3339(&t).ok().map(|t| t.to_utc())))
}

/// The live verification code of a customer.
pub struct CodeRow {
    pub code_hash: String,
    pub expires_at: DateTime<Utc>,
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
}

/// Every customer with a code waiting: the customer's uid, when the code was mailed and
/// when it expires.
pub async fn live_codes(
    tx: &mut Tx,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<(uuid::Uuid, DateTime<Utc>, DateTime<Utc>)>> {
    let rows: Vec<(uuid::Uuid, String, String)> = sqlx::query_as(
        "SELECT c.uid, v.created_at, v.expires_at FROM verification_codes v
         JOIN customers c ON c.id = v.customer_id
         WHERE v.expires_at > ?",
    )
    .bind(stamp(now))
    .fetch_all(&mut **tx)
    .await
    .context("Failed to list the waiting codes")?;
    let parse = |t: &str| -> anyhow::Result<DateTime<Utc>> {
        Ok(DateTime::parse_from_rfc3339(t)
            .context("A stored time is not valid")?
            .to_utc())
    };
    rows.into_iter()
        .map(|(uid, created, expires)| Ok((uid, parse(&created)?, parse(&expires)?)))
        .collect()
}

pub async fn find_code(tx: &mut Tx, customer_id: CustomerId) -> anyhow::Result<Option<CodeRow>> {
    let row: Option<(String, String, i64, String)> = sqlx::query_as(
        "SELECT code_hash, expires_at, attempts, created_at FROM verification_codes
         WHERE customer_id = ?",
    )
    .bind(customer_id)
    .fetch_optional(&mut **tx)
    .await
    .context("Failed to read a verification code")?;
    let parse = |t: &str| -> anyhow::Result<DateTime<Utc>> {
        Ok(DateTime::parse_from_rfc3339(t)
            .context("A stored time is not valid")?
            .to_utc())
    };
    row.map(|(code_hash, expires, attempts, created)| {
        Ok(CodeRow {
            code_hash,
            expires_at: parse(&expires)?,
            attempts,
            created_at: parse(&created)?,
        })
    })
    .transpose()
}

/// Stores a customer's new code hash, voiding the previous one.
pub async fn replace_code(
    tx: &mut Tx,
    customer_id: CustomerId,
    code_hash: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
    by: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO verification_codes (customer_id, code_hash, expires_at, attempts,
                                         created_at, created_by)
         VALUES (?, ?, ?, 0, ?, ?)
         ON CONFLICT (customer_id) DO UPDATE SET code_hash = excluded.code_hash,
             expires_at = excluded.expires_at, attempts = 0,
             created_at = excluded.created_at, created_by = excluded.created_by",
    )
    .bind(customer_id)
    .bind(code_hash)
    .bind(stamp(expires_at))
    .bind(stamp(now))
    .bind(by)
    .execute(&mut **tx)
    .await
    .context("Failed to store a verification code")?;
    Ok(())
}

/// Counts a wrong code entered.
pub async fn count_code_attempt(tx: &mut Tx, customer_id: CustomerId) -> anyhow::Result<()> {
    sqlx::query("UPDATE verification_codes SET attempts = attempts + 1 WHERE customer_id = ?")
        .bind(customer_id)
        .execute(&mut **tx)
        .await
        .context("Failed to count a verification attempt")?;
    Ok(())
}

pub async fn delete_code(tx: &mut Tx, customer_id: CustomerId) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM verification_codes WHERE customer_id = ?")
        .bind(customer_id)
        .execute(&mut **tx)
        .await
        .context("Failed to remove a verification code")?;
    Ok(())
}

/// Marks the customer's portal login (if there is one) as verified.
/// Marks the customer verified at `at` unless they already were; true when this did.
pub async fn mark_verified_once(
    tx: &mut Tx,
    customer_id: CustomerId,
    at: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE customer_accounts SET verified = 1, verified_at = ?
         WHERE customer_id = ? AND verified = 0",
    )
    .bind(at)
    .bind(customer_id)
    .execute(&mut **tx)
    .await
    .context("Failed to mark the customer verified")?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_verified(
    tx: &mut Tx,
    customer_id: CustomerId,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE customer_accounts SET verified = 1, verified_at = ? WHERE customer_id = ?",
    )
    .bind(now)
    .bind(customer_id)
    .execute(&mut **tx)
    .await
    .context("Failed to mark the customer verified")?;
    Ok(done.rows_affected() == 1)
}

/// Whether a mail carrying handoff `handoff_id` is still waiting to be sent.
pub async fn handoff_mail_waiting(tx: &mut Tx, handoff_id: HandoffId) -> anyhow::Result<bool> {
    let waiting: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE handoff_id = ? AND state IN ('queued', 'sending')",
    )
    .bind(handoff_id)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to look for a waiting credentials mail")?;
    Ok(waiting > 0)
}

/// Cancels the waiting (queued or failed) mails that carry handoff `handoff_id`, wiping
/// any secret on them. Returns `(mail id, customer id)` of each.
pub async fn cancel_for_handoff(
    tx: &mut Tx,
    handoff_id: HandoffId,
) -> anyhow::Result<Vec<(OutboxId, Option<CustomerId>)>> {
    sqlx::query_as(
        "UPDATE outbox SET state = 'cancelled', sealed_secret = NULL
         WHERE handoff_id = ? AND state IN ('queued', 'failed')
         RETURNING id, customer_id",
    )
    .bind(handoff_id)
    .fetch_all(&mut **tx)
    .await
    .context("Failed to cancel the mails of a handoff")
}

/// Whether a mail carrying handoff `handoff_id` is in the hands of the worker now.
pub async fn handoff_mail_sending(tx: &mut Tx, handoff_id: HandoffId) -> anyhow::Result<bool> {
    let sending: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE handoff_id = ? AND state = 'sending'",
    )
    .bind(handoff_id)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to look for a credentials mail being sent")?;
    Ok(sending > 0)
}

/// Takes a mail the worker holds (`sending`) off the queue without sending it: the
/// handoff it carries ended meanwhile. `reason` (no personal data) stays on the row.
pub async fn cancel_sending(tx: &mut Tx, id: OutboxId, reason: &Said) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE outbox SET state = 'cancelled', sealed_secret = NULL, last_error = ?,
                           last_error_kind = NULL
         WHERE id = ? AND state = 'sending'",
    )
    .bind(said::to_stored(reason))
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to cancel a mail")?;
    Ok(())
}

/// A pending handoff whose mail the server already accepted (the handoff was not closed
/// with it: Keydesk stopped in between, before both were written in one transaction).
#[derive(sqlx::FromRow)]
pub struct MailedHandoff {
    pub handoff_id: HandoffId,
    pub customer_id: CustomerId,
    pub mail_id: OutboxId,
    pub queued_by: Option<i64>,
    pub sent_at: String,
}

/// Every pending handoff a sent mail carried, oldest mail first.
pub async fn pending_handoffs_mailed(tx: &mut Tx) -> anyhow::Result<Vec<MailedHandoff>> {
    sqlx::query_as(
        "SELECT h.id AS handoff_id, h.customer_id, o.id AS mail_id, o.created_by AS queued_by,
                COALESCE(o.sent_at, o.last_attempt_at, o.created_at) AS sent_at
         FROM credential_handoffs h
         JOIN outbox o ON o.handoff_id = h.id AND o.state = 'sent'
         WHERE h.state = 'pending'
         ORDER BY o.id",
    )
    .fetch_all(&mut **tx)
    .await
    .context("Failed to look for handoffs already sent by mail")
}

/// A customer mail whose state the agency server has not heard yet.
#[derive(sqlx::FromRow)]
pub struct MailToReport {
    pub id: OutboxId,
    pub kind: String,
    pub customer_id: CustomerId,
    pub recipient: String,
    pub handoff_id: Option<HandoffId>,
    pub welcome_message: String,
    pub message_id: String,
    pub state: String,
}

/// Up to `limit` customer mails after mail `after` whose state the agency server has not
/// heard yet, oldest first.
pub async fn to_report(tx: &mut Tx, after: i64, limit: i64) -> anyhow::Result<Vec<MailToReport>> {
    sqlx::query_as(
        "SELECT id, kind, customer_id, recipient, handoff_id, welcome_message, message_id,
                state
         FROM outbox INDEXED BY outbox_to_report
         WHERE reported_state IS NOT state
           AND kind IN ('welcome', 'welcome_credentials', 'credentials_reset')
           AND customer_id IS NOT NULL AND id > ?
         ORDER BY id LIMIT ?",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await
    .context("Failed to read the mails to tell the agency server about")
}

/// The agency server heard of mail `id` in state `state`.
pub async fn mark_reported(tx: &mut Tx, id: OutboxId, state: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE outbox SET reported_state = ? WHERE id = ?")
        .bind(state)
        .bind(id)
        .execute(&mut **tx)
        .await
        .context("Failed to note what the agency server heard of a mail")?;
    Ok(())
}

/// Whether a mail with Message-ID `message_id` is in the outbox.
pub async fn has_message_id(tx: &mut Tx, message_id: &str) -> anyhow::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM outbox WHERE message_id = ?)")
        .bind(message_id)
        .fetch_one(&mut **tx)
        .await
        .context("Failed to look a mail up by Message-ID")
}

/// Cancels queued mail `id` (another desk sends it now), keeping `reason`.
pub async fn cancel_queued(tx: &mut Tx, id: OutboxId, reason: &Said) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'cancelled', sealed_secret = NULL, last_error = ?,
                           last_error_kind = NULL
         WHERE id = ? AND state = 'queued'",
    )
    .bind(said::to_stored(reason))
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to cancel a mail")?;
    Ok(done.rows_affected() == 1)
}
