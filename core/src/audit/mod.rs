//! The tamper-evident audit log.
//!
//! Each row stores the SHA-256 of its own content together with the previous row's
//! hash, so changing or removing any row breaks the chain from there on. Rows are
//! appended inside the same transaction as the change they describe: either both
//! are written or neither is.

mod action;
mod chain;

pub use action::AuditAction;
pub use chain::{verify_chain, GENESIS_HASH};

use crate::auth::Actor;
use crate::domain::StaffId;
use crate::store::Tx;
use anyhow::Context;
use chrono::{DateTime, SecondsFormat, Utc};
use keydesk_api::{AuditEntry, AuditPage};
use sqlx::SqlitePool;

/// Who an audit row is attributed to.
#[derive(Debug, Clone)]
pub enum AuditActor<'a> {
    Staff(&'a Actor),
    /// A sign-in attempt: the account is known or not, the label is what was typed
    /// (only when it was a valid email, so a password typed into the email field
    /// never lands in the log).
    Attempt {
        staff_id: Option<StaffId>,
        label: String,
    },
}

impl AuditActor<'_> {
    fn staff_id(&self) -> Option<i64> {
        match self {
            AuditActor::Staff(actor) => Some(actor.id().0),
            AuditActor::Attempt { staff_id, .. } => staff_id.map(|id| id.0),
        }
    }

    fn label(&self) -> String {
        match self {
            AuditActor::Staff(actor) => actor.email().as_ref().to_owned(),
            AuditActor::Attempt { label, .. } => label.clone(),
        }
    }
}

/// Appends one row to the chain within `tx`.
pub async fn append(
    tx: &mut Tx,
    at: DateTime<Utc>,
    actor: AuditActor<'_>,
    action: AuditAction,
    detail: &str,
) -> anyhow::Result<()> {
    let prev: Option<(i64, String)> =
        sqlx::query_as("SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut **tx)
            .await
            .context("Failed to read the audit chain head")?;
    let (id, prev_hash) = match prev {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS_HASH.to_owned()),
    };
    let row = chain::ChainedRow {
        id,
        at: at.to_rfc3339_opts(SecondsFormat::Micros, true),
        actor_staff_id: actor.staff_id(),
        actor_label: actor.label(),
        action: action.as_str().to_owned(),
        detail: detail.to_owned(),
        prev_hash,
    };
    let row_hash = row.hash();
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_staff_id, actor_label, action, detail, prev_hash,
                                row_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(row.id)
    .bind(&row.at)
    .bind(row.actor_staff_id)
    .bind(&row.actor_label)
    .bind(&row.action)
    .bind(&row.detail)
    .bind(&row.prev_hash)
    .bind(&row_hash)
    .execute(&mut **tx)
    .await
    .context("Failed to append to the audit log")?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    at: String,
    actor_label: String,
    action: String,
    detail: String,
}

/// One page of the log, newest first, continuing below `before_id`.
pub async fn page(
    pool: &SqlitePool,
    before_id: Option<i64>,
    limit: u32,
) -> anyhow::Result<AuditPage> {
    let limit = limit.clamp(1, 500);
    let rows: Vec<EntryRow> = sqlx::query_as(
        "SELECT id, at, actor_label, action, detail FROM audit_log
         WHERE id < ? ORDER BY id DESC LIMIT ?",
    )
    .bind(before_id.unwrap_or(i64::MAX))
    .bind(i64::from(limit) + 1)
    .fetch_all(pool)
    .await
    .context("Failed to read the audit log")?;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(pool)
        .await
        .context("Failed to count the audit log")?;
    let has_more = rows.len() > limit as usize;
    let entries: Vec<AuditEntry> = rows
        .into_iter()
        .take(limit as usize)
        .map(|row| AuditEntry {
            id: row.id,
            at: row.at,
            actor: row.actor_label,
            action_label: AuditAction::label_of(&row.action),
            action: row.action,
            detail: row.detail,
        })
        .collect();
    let next_before_id = if has_more {
        entries.last().map(|e| e.id)
    } else {
        None
    };
    Ok(AuditPage {
        entries,
        total,
        next_before_id,
    })
}
