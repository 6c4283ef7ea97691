//! Rows of the `staff` table.

use super::Tx;
use crate::auth::PasswordHash;
use crate::domain::{role_as_str, role_from_str, DisplayName, Role, StaffEmail, StaffId};
use anyhow::{anyhow, Context};
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// What sign-in needs to know about a staff member.
#[derive(Debug, Clone)]
pub struct StaffCredentials {
    pub id: StaffId,
    pub email: StaffEmail,
    pub display_name: String,
    pub role: Role,
    pub password_hash: PasswordHash,
    pub active: bool,
    pub failed_sign_ins: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct CredentialsRow {
    id: i64,
    email: String,
    display_name: String,
    role: String,
    password_hash: String,
    status: String,
    failed_sign_ins: i64,
    locked_until: Option<DateTime<Utc>>,
}

pub struct NewStaff<'a> {
    pub email: &'a StaffEmail,
    pub display_name: &'a DisplayName,
    pub role: Role,
    pub password_hash: &'a PasswordHash,
    pub must_change_password: bool,
}

pub async fn count(tx: &mut Tx) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM staff")
        .fetch_one(&mut **tx)
        .await
        .context("Failed to count staff")
}

pub async fn count_readonly(pool: &SqlitePool) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM staff")
        .fetch_one(pool)
        .await
        .context("Failed to count staff")
}

pub async fn insert(tx: &mut Tx, new: NewStaff<'_>, now: DateTime<Utc>) -> anyhow::Result<StaffId> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO staff (email, display_name, role, password_hash, must_change_password,
                            created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(new.email.as_ref())
    .bind(new.display_name.as_ref())
    .bind(role_as_str(new.role))
    .bind(new.password_hash.as_phc())
    .bind(new.must_change_password)
    .bind(now)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to insert a staff member")?;
    Ok(StaffId(id))
}

pub async fn find_credentials(
    pool: &SqlitePool,
    email: &StaffEmail,
) -> anyhow::Result<Option<StaffCredentials>> {
    let row: Option<CredentialsRow> = sqlx::query_as(
        "SELECT id, email, display_name, role, password_hash, status, failed_sign_ins,
                locked_until
         FROM staff WHERE email = ?",
    )
    .bind(email.as_ref())
    .fetch_optional(pool)
    .await
    .context("Failed to look up a staff member")?;
    row.map(TryInto::try_into).transpose()
}

impl TryFrom<CredentialsRow> for StaffCredentials {
    type Error = anyhow::Error;

    fn try_from(row: CredentialsRow) -> anyhow::Result<Self> {
        Ok(Self {
            id: StaffId(row.id),
            email: StaffEmail::parse("email", &row.email)
                .map_err(|e| anyhow!("Stored staff email is invalid: {}", e.message))?,
            display_name: row.display_name,
            role: role_from_str(&row.role).ok_or_else(|| anyhow!("Unknown role {}", row.role))?,
            password_hash: PasswordHash::from_phc(row.password_hash),
            active: row.status == "active",
            failed_sign_ins: u32::try_from(row.failed_sign_ins).unwrap_or(u32::MAX),
            locked_until: row.locked_until,
        })
    }
}

/// Counts one more consecutive failure and returns the new count. Incremented in SQL
/// so that two sign-ins racing cannot both count from the same number.
pub async fn count_failed_sign_in(
    tx: &mut Tx,
    id: StaffId,
    now: DateTime<Utc>,
) -> anyhow::Result<u32> {
    let failures: i64 = sqlx::query_scalar(
        "UPDATE staff SET failed_sign_ins = failed_sign_ins + 1, updated_at = ?
         WHERE id = ? RETURNING failed_sign_ins",
    )
    .bind(now)
    .bind(id.0)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to record a failed sign-in")?;
    Ok(u32::try_from(failures).unwrap_or(u32::MAX))
}

pub async fn lock_until(tx: &mut Tx, id: StaffId, until: DateTime<Utc>) -> anyhow::Result<()> {
    sqlx::query("UPDATE staff SET locked_until = ? WHERE id = ?")
        .bind(until)
        .bind(id.0)
        .execute(&mut **tx)
        .await
        .context("Failed to lock a staff account")?;
    Ok(())
}

pub async fn record_sign_in(tx: &mut Tx, id: StaffId, now: DateTime<Utc>) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE staff SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = ?,
                          updated_at = ?
         WHERE id = ?",
    )
    .bind(now)
    .bind(now)
    .bind(id.0)
    .execute(&mut **tx)
    .await
    .context("Failed to record a sign-in")?;
    Ok(())
}
