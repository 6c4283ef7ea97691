//! How each member's window speaks on this desk: language and calendar.

use super::Tx;
use crate::domain::StaffId;
use anyhow::Context;
use chrono::{DateTime, Utc};
use keydesk_api::{Language, WindowPreferences};
use sqlx::SqlitePool;

/// The member's choice; `None` when they never chose. A language or calendar this build
/// no longer knows reads as the default.
pub async fn of(pool: &SqlitePool, staff: StaffId) -> anyhow::Result<Option<WindowPreferences>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT language, calendar FROM window_preferences WHERE staff_id = ?")
            .bind(staff.0)
            .fetch_optional(pool)
            .await
            .context("Failed to read a member's window preferences")?;
    Ok(row.map(|(language, calendar)| WindowPreferences {
        language: language.parse().unwrap_or_default(),
        calendar: calendar.parse().unwrap_or_default(),
    }))
}

/// The preferences chosen last on this desk, by anyone.
pub async fn last_chosen(pool: &SqlitePool) -> anyhow::Result<Option<WindowPreferences>> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT language, calendar FROM window_preferences
         ORDER BY chosen_at DESC, staff_id DESC LIMIT 1",
    )
    .fetch_optional(pool)
    .await
    .context("Failed to read the last window preferences")?;
    Ok(row.map(|(language, calendar)| WindowPreferences {
        language: language.parse::<Language>().unwrap_or_default(),
        calendar: calendar.parse().unwrap_or_default(),
    }))
}

pub async fn choose(
    tx: &mut Tx,
    staff: StaffId,
    preferences: WindowPreferences,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO window_preferences (staff_id, language, calendar, chosen_at)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (staff_id) DO UPDATE SET language = excluded.language,
                                              calendar = excluded.calendar,
                                              chosen_at = excluded.chosen_at",
    )
    .bind(staff.0)
    .bind(preferences.language.as_str())
    .bind(preferences.calendar.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await
    .context("Failed to save a member's window preferences")?;
    Ok(())
}
