//! The dashboard's funnel, one query per figure: the customers created since a moment
//! (everyone's, or one member's), and how far each got.

use crate::domain::StaffId;
use anyhow::Context;
use chrono::{DateTime, Utc};
use keydesk_api::{ChannelCount, FunnelCounts, FunnelWeek, HandoffChannel, WaitingLogin};
use sqlx::SqlitePool;

/// The customers of the funnel: created at or after `?1`, by `?2` unless it is NULL.
const COHORT: &str = "c.created_at >= ?1 AND (?2 IS NULL OR c.created_by = ?2)";

/// Each step's count, and the same per week in one query: `GROUP BY` the week's Monday.
/// Made of this file's constants only: no input reaches the text.
fn counts_sql(by_week: bool) -> String {
    let (week, group) = if by_week {
        (
            "date(c.created_at, '-6 days', 'weekday 1') AS week,",
            "GROUP BY week ORDER BY week",
        )
    } else {
        ("'' AS week,", "")
    };
    format!(
        "SELECT {week}
                count(*) AS created,
                count(*) FILTER (WHERE EXISTS (
                    SELECT 1 FROM credential_handoffs h
                    WHERE h.customer_id = c.id AND h.state = 'sent')) AS handed_over,
                count(*) FILTER (WHERE a.verified = 1) AS verified,
                count(*) FILTER (WHERE a.last_login_at IS NOT NULL) AS signed_in
         FROM customers c LEFT JOIN customer_accounts a ON a.customer_id = c.id
         WHERE {COHORT} {group}"
    )
}

#[derive(sqlx::FromRow)]
struct CountsRow {
    week: String,
    created: i64,
    handed_over: i64,
    verified: i64,
    signed_in: i64,
}

impl CountsRow {
    fn counts(&self) -> FunnelCounts {
        FunnelCounts {
            created: self.created,
            handed_over: self.handed_over,
            verified: self.verified,
            signed_in: self.signed_in,
        }
    }
}

pub async fn counts(
    pool: &SqlitePool,
    since: DateTime<Utc>,
    staff: Option<StaffId>,
) -> anyhow::Result<FunnelCounts> {
    let row: CountsRow = sqlx::query_as(sqlx::AssertSqlSafe(counts_sql(false)))
        .bind(since)
        .bind(staff.map(|s| s.0))
        .fetch_one(pool)
        .await
        .context("Failed to count the funnel")?;
    Ok(row.counts())
}

/// The weeks that have customers, oldest first.
pub async fn weeks(
    pool: &SqlitePool,
    since: DateTime<Utc>,
    staff: Option<StaffId>,
) -> anyhow::Result<Vec<FunnelWeek>> {
    let rows: Vec<CountsRow> = sqlx::query_as(sqlx::AssertSqlSafe(counts_sql(true)))
        .bind(since)
        .bind(staff.map(|s| s.0))
        .fetch_all(pool)
        .await
        .context("Failed to count the funnel by week")?;
    Ok(rows
        .iter()
        .map(|row| FunnelWeek {
            starts: row.week.clone(),
            counts: row.counts(),
        })
        .collect())
}

/// Customers handed their login, by the channel of their first hand-over.
pub async fn by_channel(
    pool: &SqlitePool,
    since: DateTime<Utc>,
    staff: Option<StaffId>,
) -> anyhow::Result<Vec<ChannelCount>> {
    // Only this file's constant is formatted in: no input reaches the text.
    let rows: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT h.channel, count(*) FROM customers c
         JOIN credential_handoffs h ON h.id = (
             SELECT min(f.id) FROM credential_handoffs f
             WHERE f.customer_id = c.id AND f.state = 'sent')
         WHERE {COHORT}
         GROUP BY h.channel ORDER BY count(*) DESC, h.channel"
    )))
    .bind(since)
    .bind(staff.map(|s| s.0))
    .fetch_all(pool)
    .await
    .context("Failed to count hand-overs by channel")?;
    rows.into_iter()
        .map(|(channel, customers)| {
            Ok(ChannelCount {
                channel: channel.parse::<HandoffChannel>()?,
                customers,
            })
        })
        .collect()
}

/// The logins waiting longest to be handed over (of `staff`'s customers unless `None`),
/// whenever their customer was created.
pub async fn oldest_waiting(
    pool: &SqlitePool,
    staff: Option<StaffId>,
    limit: i64,
) -> anyhow::Result<Vec<WaitingLogin>> {
    let rows: Vec<(i64, String, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT c.id, c.first_name, c.last_name, h.created_at
         FROM credential_handoffs h JOIN customers c ON c.id = h.customer_id
         WHERE h.state = 'pending' AND (?1 IS NULL OR c.created_by = ?1)
         ORDER BY h.id LIMIT ?2",
    )
    .bind(staff.map(|s| s.0))
    .bind(limit)
    .fetch_all(pool)
    .await
    .context("Failed to read the logins waiting longest")?;
    Ok(rows
        .into_iter()
        .map(|(customer_id, first, last, since)| WaitingLogin {
            customer_id,
            name: format!("{first} {last}").trim().to_owned(),
            since: since.to_rfc3339(),
        })
        .collect())
}
