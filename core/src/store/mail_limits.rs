//! What the mail limits count: the outbox rows themselves, so a restart (or a
//! cancelled mail) does not reset a count.

use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

fn parse_times(raw: Vec<String>) -> Vec<DateTime<Utc>> {
    raw.iter()
        .filter_map(|t| DateTime::parse_from_rfc3339(t).ok().map(|t| t.to_utc()))
        .collect()
}

/// When verification codes were queued for a customer since `since`, oldest first.
pub async fn verification_codes_since(
    conn: &mut SqliteConnection,
    customer_id: crate::domain::CustomerId,
    since: DateTime<Utc>,
) -> anyhow::Result<Vec<DateTime<Utc>>> {
    let raw: Vec<String> = sqlx::query_scalar(
        "SELECT created_at FROM outbox
         WHERE customer_id = ? AND kind = 'verification_code' AND created_at > ?
         ORDER BY created_at, id",
    )
    .bind(customer_id)
    .bind(since)
    .fetch_all(conn)
    .await
    .context("Failed to count a customer's verification codes")?;
    Ok(parse_times(raw))
}

/// When a staff member queued mails with a personal message since `since`, oldest
/// first.
pub async fn personal_mails_since(
    conn: &mut SqliteConnection,
    staff_id: i64,
    since: DateTime<Utc>,
) -> anyhow::Result<Vec<DateTime<Utc>>> {
    let raw: Vec<String> = sqlx::query_scalar(
        "SELECT created_at FROM outbox
         WHERE created_by = ? AND welcome_message <> '' AND created_at > ?
         ORDER BY created_at, id",
    )
    .bind(staff_id)
    .bind(since)
    .fetch_all(conn)
    .await
    .context("Failed to count the personal mails of a staff member")?;
    Ok(parse_times(raw))
}
