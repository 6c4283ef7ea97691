//! The audit log's rows: the chain's end, appending, and the reads behind the log
//! screen, a customer's history, the CSV export and *Verify chain*.

use super::Tx;
use crate::audit::{ChainedRow, Filter};
use anyhow::Context;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

/// A row as the log screen and the export read it.
#[derive(sqlx::FromRow)]
pub struct EntryRow {
    pub id: i64,
    pub at: String,
    pub actor_label: String,
    pub action: String,
    pub detail: String,
    pub row_hash: String,
}

/// A row with everything its hash covers, and the hash it stores.
#[derive(sqlx::FromRow)]
pub(crate) struct StoredRow {
    #[sqlx(flatten)]
    pub(crate) row: ChainedRow,
    pub row_hash: String,
}

/// The id and hash of the last row, which the next row continues from.
pub async fn last_row(tx: &mut Tx) -> anyhow::Result<Option<(i64, String)>> {
    sqlx::query_as("SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1")
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to read the audit chain head")
}

pub(crate) async fn insert(tx: &mut Tx, row: &ChainedRow, row_hash: &str) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_staff_id, actor_label, action, detail, prev_hash,
                                customer_id, hash_scheme, row_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(row.id)
    .bind(&row.at)
    .bind(row.actor_staff_id)
    .bind(&row.actor_label)
    .bind(&row.action)
    .bind(&row.detail)
    .bind(&row.prev_hash)
    .bind(row.customer_id)
    .bind(row.hash_scheme)
    .bind(row_hash)
    .execute(&mut **tx)
    .await
    .context("Failed to append to the audit log")?;
    Ok(())
}

/// The stored hash of row `id`, if the row is there.
pub async fn row_hash(pool: &SqlitePool, id: i64) -> anyhow::Result<Option<String>> {
    sqlx::query_scalar("SELECT row_hash FROM audit_log WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await
        .context("Failed to read the audit chain head row")
}

/// Every row, oldest first, as the chain check reads them.
pub(crate) async fn all_rows(pool: &SqlitePool) -> anyhow::Result<Vec<StoredRow>> {
    sqlx::query_as(
        "SELECT id, at, actor_staff_id, actor_label, action, detail, prev_hash, customer_id,
                hash_scheme, row_hash
         FROM audit_log ORDER BY id",
    )
    .fetch_all(pool)
    .await
    .context("Failed to read the audit log")
}

/// Up to `limit` rows after row `after`, oldest first, each with the uid of the customer
/// it is about (while the customer is still here): what the agency server receives.
pub(crate) async fn rows_after(
    pool: &SqlitePool,
    after: i64,
    limit: i64,
) -> anyhow::Result<Vec<(StoredRow, Option<uuid::Uuid>)>> {
    #[derive(sqlx::FromRow)]
    struct WithSubject {
        #[sqlx(flatten)]
        stored: StoredRow,
        subject: Option<uuid::Uuid>,
    }
    let rows: Vec<WithSubject> = sqlx::query_as(
        "SELECT a.id, a.at, a.actor_staff_id, a.actor_label, a.action, a.detail, a.prev_hash,
                a.customer_id, a.hash_scheme, a.row_hash, c.uid AS subject
         FROM audit_log a LEFT JOIN customers c ON c.id = a.customer_id
         WHERE a.id > ? ORDER BY a.id LIMIT ?",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await
    .context("Failed to read the audit log for the agency server")?;
    Ok(rows.into_iter().map(|r| (r.stored, r.subject)).collect())
}

/// Up to `limit` rows matching `filter` below `before_id`, newest first, and how many
/// rows match in all.
pub async fn page(
    pool: &SqlitePool,
    filter: &Filter,
    before_id: Option<i64>,
    limit: i64,
) -> anyhow::Result<(Vec<EntryRow>, i64)> {
    let mut query = QueryBuilder::new(
        "SELECT id, at, actor_label, action, detail, row_hash FROM audit_log WHERE id < ",
    );
    query.push_bind(before_id.unwrap_or(i64::MAX));
    push_conditions(filter, &mut query);
    query.push(" ORDER BY id DESC LIMIT ").push_bind(limit);
    let rows: Vec<EntryRow> = query
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to read the audit log")?;

    let mut count = QueryBuilder::new("SELECT COUNT(*) FROM audit_log WHERE 1 = 1");
    push_conditions(filter, &mut count);
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(pool)
        .await
        .context("Failed to count the audit log")?;
    Ok((rows, total))
}

/// Every row matching `filter`, oldest first.
pub async fn matching(pool: &SqlitePool, filter: &Filter) -> anyhow::Result<Vec<EntryRow>> {
    let mut query = QueryBuilder::new(
        "SELECT id, at, actor_label, action, detail, row_hash FROM audit_log WHERE 1 = 1",
    );
    push_conditions(filter, &mut query);
    query.push(" ORDER BY id");
    query
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to read the audit log")
}

/// The newest `limit` rows about one customer, newest first.
pub async fn for_customer(
    pool: &SqlitePool,
    customer_id: crate::domain::CustomerId,
    limit: i64,
) -> anyhow::Result<Vec<EntryRow>> {
    sqlx::query_as(
        "SELECT id, at, actor_label, action, detail, row_hash FROM audit_log
         WHERE customer_id = ? ORDER BY id DESC LIMIT ?",
    )
    .bind(customer_id)
    .bind(limit)
    .fetch_all(pool)
    .await
    .context("Failed to read the customer's history")
}

/// The actor labels that occur in the log, sorted.
pub async fn actor_labels(pool: &SqlitePool) -> anyhow::Result<Vec<String>> {
    sqlx::query_scalar("SELECT DISTINCT actor_label FROM audit_log ORDER BY actor_label")
        .fetch_all(pool)
        .await
        .context("Failed to list audit actors")
}

/// The stored action names that occur in the log.
pub async fn actions(pool: &SqlitePool) -> anyhow::Result<Vec<String>> {
    sqlx::query_scalar("SELECT DISTINCT action FROM audit_log")
        .fetch_all(pool)
        .await
        .context("Failed to list audit actions")
}

/// Appends ` AND ...` conditions for `filter`.
fn push_conditions(filter: &Filter, query: &mut QueryBuilder<Sqlite>) {
    if let Some(actor) = &filter.actor {
        query.push(" AND actor_label = ").push_bind(actor.clone());
    }
    if let Some(action) = &filter.action {
        query.push(" AND action = ").push_bind(action.clone());
    }
    if let Some(from) = filter.from {
        query
            .push(" AND at >= ")
            .push_bind(format!("{from}T00:00:00"));
    }
    if let Some(to) = filter.to.and_then(|d| d.succ_opt()) {
        query.push(" AND at < ").push_bind(format!("{to}T00:00:00"));
    }
    if let Some(search) = &filter.search {
        let pattern = format!("%{}%", escape_like(search));
        query
            .push(" AND (actor_label LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\'");
        query
            .push(" OR detail LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\'");
        query
            .push(" OR action LIKE ")
            .push_bind(pattern)
            .push(" ESCAPE '\\'");
        for action in filter.actions_labelled_like(search) {
            query.push(" OR action = ").push_bind(action);
        }
        query.push(")");
    }
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
