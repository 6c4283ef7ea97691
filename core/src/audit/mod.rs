//! The tamper-evident audit log.
//!
//! Each row stores a MAC of its own content (keyed by the vault key, see [`chain`])
//! together with the previous row's hash, so changing or removing any row breaks the
//! chain from there on, and a signed head in the keyring (see [`head`]) shows when
//! rows were cut off the end. Rows are appended inside the same transaction as the
//! change they describe: either both are written or neither is.

mod action;
mod chain;
mod head;

pub use action::AuditAction;
pub(crate) use chain::ChainedRow;
pub use chain::{verify_chain, ChainKey, HashScheme, GENESIS_HASH};
pub use head::{head_account, ChainSeal, Head, StoredHead, HEAD_WRITE_INTERVAL};

use crate::auth::Actor;
use crate::domain::{CustomerId, FieldError, StaffId};
use crate::said::Said;
use crate::store::{self, audit_log::EntryRow, Tx};
use anyhow::Context;
use chrono::NaiveDate;
use chrono::{DateTime, SecondsFormat, Utc};
use keydesk_api::{AuditActionOption, AuditEntry, AuditFilter, AuditFilterOptions, AuditPage};
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
    /// Other desks of the agency, whose changes this desk applied from the agency server.
    AgencyServer,
}

impl AuditActor<'_> {
    fn staff_id(&self) -> Option<i64> {
        match self {
            AuditActor::Staff(actor) => Some(actor.id().0),
            AuditActor::Attempt { staff_id, .. } => staff_id.map(|id| id.0),
            AuditActor::AgencyServer => None,
        }
    }

    fn label(&self) -> String {
        match self {
            AuditActor::Staff(actor) => actor.email().as_ref().to_owned(),
            AuditActor::Attempt { label, .. } => label.clone(),
            AuditActor::AgencyServer => "agency server".to_owned(),
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
    append_row(tx, at, actor, action, None, detail).await
}

/// Appends one row about a customer, so it shows in that customer's history. `detail`
/// must not hold personal data: the row outlives the customer's erasure.
pub async fn append_for_customer(
    tx: &mut Tx,
    at: DateTime<Utc>,
    actor: AuditActor<'_>,
    action: AuditAction,
    customer_id: CustomerId,
    detail: &str,
) -> anyhow::Result<()> {
    append_row(tx, at, actor, action, Some(customer_id.0), detail).await
}

async fn append_row(
    tx: &mut Tx,
    at: DateTime<Utc>,
    actor: AuditActor<'_>,
    action: AuditAction,
    customer_id: Option<i64>,
    detail: &str,
) -> anyhow::Result<()> {
    let prev = store::audit_log::last_row(tx).await?;
    let (id, prev_hash) = match prev {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS_HASH.to_owned()),
    };
    let mut row = chain::ChainedRow {
        id,
        at: at.to_rfc3339_opts(SecondsFormat::Micros, true),
        actor_staff_id: actor.staff_id(),
        actor_label: actor.label(),
        action: action.as_str().to_owned(),
        detail: detail.to_owned(),
        prev_hash,
        customer_id,
        hash_scheme: 0,
    };
    let row_hash = row.seal(tx.chain_seal().map(|seal| seal.key()))?;
    store::audit_log::insert(tx, &row, &row_hash).await?;
    tx.audit_appended(Head {
        count: row.id,
        hash: row_hash,
    });
    Ok(())
}

fn entry_of(row: EntryRow) -> AuditEntry {
    AuditEntry {
        id: row.id,
        at: row.at,
        actor: row.actor_label,
        action_label: AuditAction::label_of(&row.action),
        action: row.action,
        detail: row.detail,
    }
}

/// An audit filter whose dates have been checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub(crate) actor: Option<String>,
    pub(crate) action: Option<String>,
    pub(crate) from: Option<NaiveDate>,
    pub(crate) to: Option<NaiveDate>,
    pub(crate) search: Option<String>,
}

/// The refusal of a date typed in another form than the filter reads.
fn not_a_date(field: &'static str) -> FieldError {
    FieldError::new(field, Said::id("error-audit-filter-date"))
}

impl Filter {
    pub fn parse(raw: &AuditFilter) -> Result<Self, FieldError> {
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let date = |field: &'static str, v: &Option<String>| {
            text(v)
                .map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| not_a_date(field)))
                .transpose()
        };
        let filter = Self {
            actor: text(&raw.actor),
            action: text(&raw.action),
            from: date("from_date", &raw.from_date)?,
            to: date("to_date", &raw.to_date)?,
            search: text(&raw.search),
        };
        if let (Some(from), Some(to)) = (filter.from, filter.to) {
            if from > to {
                return Err(FieldError::new(
                    "to_date",
                    Said::id("error-audit-filter-dates-reversed"),
                ));
            }
        }
        Ok(filter)
    }

    /// The stored actions whose labels contain `search`, so a search for "locked"
    /// finds "Account locked" rows whatever the stored name.
    pub(crate) fn actions_labelled_like(&self, search: &str) -> Vec<&'static str> {
        AuditAction::ALL
            .iter()
            .filter(|a| a.label().to_lowercase().contains(&search.to_lowercase()))
            .map(|a| a.as_str())
            .collect()
    }
}

/// One page of the log matching `filter`, newest first, continuing below `before_id`.
pub async fn page(
    pool: &SqlitePool,
    filter: &Filter,
    before_id: Option<i64>,
    limit: u32,
) -> anyhow::Result<AuditPage> {
    let limit = limit.clamp(1, 500);
    let (rows, total) =
        store::audit_log::page(pool, filter, before_id, i64::from(limit) + 1).await?;
    let has_more = rows.len() > limit as usize;
    let entries: Vec<AuditEntry> = rows
        .into_iter()
        .take(limit as usize)
        .map(entry_of)
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

/// The newest `limit` rows about one customer, newest first.
pub async fn customer_history(
    pool: &SqlitePool,
    customer_id: CustomerId,
    limit: u32,
) -> anyhow::Result<Vec<AuditEntry>> {
    let rows =
        store::audit_log::for_customer(pool, customer_id, i64::from(limit.clamp(1, 500))).await?;
    Ok(rows.into_iter().map(entry_of).collect())
}

/// The people and actions that occur in the log, for the filter drop-downs.
pub async fn filter_options(pool: &SqlitePool) -> anyhow::Result<AuditFilterOptions> {
    let actors = store::audit_log::actor_labels(pool).await?;
    let stored = store::audit_log::actions(pool).await?;
    let mut actions: Vec<AuditActionOption> = stored
        .into_iter()
        .map(|action| AuditActionOption {
            label: AuditAction::label_of(&action),
            action,
        })
        .collect();
    actions.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(AuditFilterOptions { actors, actions })
}

/// Writes every row matching `filter` (oldest first) as CSV, with each row's hash so
/// the export can be checked against the chain. Returns the number of rows.
pub async fn export_csv(
    pool: &SqlitePool,
    filter: &Filter,
    out: impl std::io::Write,
) -> anyhow::Result<i64> {
    let rows = store::audit_log::matching(pool, filter).await?;
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record([
            "id",
            "time_utc",
            "actor",
            "action",
            "action_label",
            "detail",
            "row_hash",
        ])
        .context("Failed to write the CSV header")?;
    let mut written = 0;
    for row in rows {
        let label = AuditAction::label_of(&row.action);
        writer
            .write_record([
                row.id.to_string().as_str(),
                &row.at,
                &neutralise_formula(&row.actor_label),
                &row.action,
                &label,
                &neutralise_formula(&row.detail),
                &row.row_hash,
            ])
            .context("Failed to write a CSV row")?;
        written += 1;
    }
    writer.flush().context("Failed to finish the CSV file")?;
    Ok(written)
}

/// Spreadsheets run cells starting with `=`, `+`, `-` or `@` as formulas; a typed email
/// such as `=HYPERLINK(...)` must stay text (OWASP "CSV injection").
pub(crate) fn neutralise_formula(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}
