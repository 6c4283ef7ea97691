//! The language each member's window speaks on this desk.

use super::Tx;
use crate::domain::StaffId;
use anyhow::Context;
use chrono::{DateTime, Utc};
use keydesk_api::Language;
use sqlx::SqlitePool;

/// The member's chosen language; `None` when they never chose one (or chose a language
/// this build no longer speaks).
pub async fn of(pool: &SqlitePool, staff: StaffId) -> anyhow::Result<Option<Language>> {
    let code: Option<String> =
        sqlx::query_scalar("SELECT language FROM window_languages WHERE staff_id = ?")
            .bind(staff.0)
            .fetch_optional(pool)
            .await
            .context("Failed to read a window language")?;
    Ok(code.and_then(|c| c.parse().ok()))
}

/// The language chosen last on this desk, by anyone.
pub async fn last_chosen(pool: &SqlitePool) -> anyhow::Result<Option<Language>> {
    let code: Option<String> = sqlx::query_scalar(
        "SELECT language FROM window_languages ORDER BY chosen_at DESC, staff_id DESC LIMIT 1",
    )
    .fetch_optional(pool)
    .await
    .context("Failed to read the last window language")?;
    Ok(code.and_then(|c| c.parse().ok()))
}

pub async fn choose(
    tx: &mut Tx,
    staff: StaffId,
    language: Language,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO window_languages (staff_id, language, chosen_at) VALUES (?, ?, ?)
         ON CONFLICT (staff_id) DO UPDATE SET language = excluded.language,
                                              chosen_at = excluded.chosen_at",
    )
    .bind(staff.0)
    .bind(language.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await
    .context("Failed to save a window language")?;
    Ok(())
}
