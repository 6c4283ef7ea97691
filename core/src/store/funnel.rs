//! The dashboard's funnel: the customers created since a moment (everyone's, or those
//! linked to one member, as the customer list counts a member's), and how far each got. One pass over those customers gives every count,
//! per week and per channel of their first hand-over; the service adds them up.

use crate::domain::StaffId;
use anyhow::Context;
use chrono::{DateTime, Utc};
use keydesk_api::{FunnelCounts, HandoffChannel, WaitingLogin};
use sqlx::SqlitePool;

/// The customers of one week whose login was first handed over through `channel` (or
/// never handed over: `None`), and how far they got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunnelCell {
    /// The week's Monday, `YYYY-MM-DD`.
    pub week: String,
    pub channel: Option<HandoffChannel>,
    pub counts: FunnelCounts,
}

#[derive(sqlx::FromRow)]
struct CellRow {
    week: String,
    channel: Option<String>,
    created: i64,
    handed_over: i64,
    verified: i64,
    signed_in: i64,
}

/// Every week (UTC, Monday to Sunday) × channel cell of the customers created at or
/// after `since`, linked to `staff` unless it is `None`; weeks oldest first, those
/// without customers left out.
pub async fn cells(
    pool: &SqlitePool,
    since: DateTime<Utc>,
    staff: Option<StaffId>,
) -> anyhow::Result<Vec<FunnelCell>> {
    let rows: Vec<CellRow> = sqlx::query_as(
        "SELECT date(c.created_at, '-6 days', 'weekday 1') AS week,
                (SELECT f.channel FROM credential_handoffs f
                 WHERE f.customer_id = c.id AND f.state = 'sent'
                 ORDER BY f.id LIMIT 1) AS channel,
                count(*) AS created,
                count(*) FILTER (WHERE EXISTS (
                    SELECT 1 FROM credential_handoffs f
                    WHERE f.customer_id = c.id AND f.state = 'sent')) AS handed_over,
                count(*) FILTER (WHERE a.verified = 1) AS verified,
                count(*) FILTER (WHERE a.last_login_at IS NOT NULL) AS signed_in
         FROM customers c
         LEFT JOIN customer_accounts a ON a.customer_id = c.id
         WHERE c.created_at >= ?1
           AND (?2 IS NULL OR c.id IN (SELECT l.customer_id FROM customer_agents l
                                       WHERE l.staff_id = ?2))
         GROUP BY week, channel
         ORDER BY week, channel",
    )
    .bind(since)
    .bind(staff.map(|s| s.0))
    .fetch_all(pool)
    .await
    .context("Failed to count the funnel")?;
    rows.into_iter()
        .map(|row| {
            Ok(FunnelCell {
                week: row.week,
                channel: row.channel.map(|c| c.parse()).transpose()?,
                counts: FunnelCounts {
                    created: row.created,
                    handed_over: row.handed_over,
                    verified: row.verified,
                    signed_in: row.signed_in,
                },
            })
        })
        .collect()
}

/// The logins waiting longest to be handed over (of the customers linked to `staff`
/// unless `None`), whenever their customer was created.
pub async fn oldest_waiting(
    pool: &SqlitePool,
    staff: Option<StaffId>,
    limit: i64,
) -> anyhow::Result<Vec<WaitingLogin>> {
    let rows: Vec<(i64, String, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT c.id, c.first_name, c.last_name, h.created_at
         FROM credential_handoffs h JOIN customers c ON c.id = h.customer_id
         WHERE h.state = 'pending'
           AND (?1 IS NULL OR c.id IN (SELECT l.customer_id FROM customer_agents l
                                       WHERE l.staff_id = ?1))
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
