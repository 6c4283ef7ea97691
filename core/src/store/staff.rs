//! Rows of the `staff` table.

use super::Tx;
use crate::domain::PasswordHash;
use crate::domain::{DisplayName, Role, StaffEmail, StaffId};
use anyhow::{anyhow, Context};
use chrono::{DateTime, Utc};
use keydesk_api::{StaffMember, StaffStatus};
use sqlx::SqlitePool;

/// Everything sign-in and authorization need to know about a staff member.
#[derive(Debug, Clone)]
pub struct StaffRecord {
    pub id: StaffId,
    pub email: StaffEmail,
    pub display_name: String,
    pub role: Role,
    pub password_hash: PasswordHash,
    pub active: bool,
    pub must_change_password: bool,
    pub failed_sign_ins: u32,
    pub locked_until: Option<DateTime<Utc>>,
    pub session_version: i64,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl StaffRecord {
    pub fn to_member(&self) -> StaffMember {
        StaffMember {
            id: self.id.0,
            email: self.email.as_ref().to_owned(),
            display_name: self.display_name.clone(),
            role: self.role,
            status: if self.active {
                StaffStatus::Active
            } else {
                StaffStatus::Disabled
            },
            must_change_password: self.must_change_password,
            last_sign_in_at: self.last_sign_in_at.map(|t| t.to_rfc3339()),
            created_at: self.created_at.to_rfc3339(),
        }
    }
}

#[derive(sqlx::FromRow)]
struct StaffRow {
    id: i64,
    email: String,
    display_name: String,
    role: String,
    password_hash: String,
    status: String,
    must_change_password: bool,
    failed_sign_ins: i64,
    locked_until: Option<DateTime<Utc>>,
    session_version: i64,
    last_sign_in_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

/// `SELECT <every column> FROM staff <rest>`, as one literal (sqlx only runs literal SQL).
macro_rules! select_staff {
    ($rest:literal) => {
        concat!(
            "SELECT id, email, display_name, role, password_hash, status, must_change_password,
                    failed_sign_ins, locked_until, session_version, last_sign_in_at, created_at
             FROM staff ",
            $rest
        )
    };
}

impl TryFrom<StaffRow> for StaffRecord {
    type Error = anyhow::Error;

    fn try_from(row: StaffRow) -> anyhow::Result<Self> {
        Ok(Self {
            id: StaffId(row.id),
            email: StaffEmail::parse("email", &row.email)
                .map_err(|e| anyhow!("Stored staff email is invalid: {}", e.in_english()))?,
            display_name: row.display_name,
            role: row.role.parse().context("Unknown value in staff.role")?,
            password_hash: PasswordHash::from_phc(row.password_hash),
            active: row.status == "active",
            must_change_password: row.must_change_password,
            failed_sign_ins: u32::try_from(row.failed_sign_ins).unwrap_or(u32::MAX),
            locked_until: row.locked_until,
            session_version: row.session_version,
            last_sign_in_at: row.last_sign_in_at,
            created_at: row.created_at,
        })
    }
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

/// Active owners other than `except`: the last one must stay.
pub async fn count_other_active_owners(tx: &mut Tx, except: StaffId) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff WHERE role = 'owner' AND status = 'active' AND id <> ?",
    )
    .bind(except.0)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to count owners")
}

pub async fn insert(tx: &mut Tx, new: NewStaff<'_>, now: DateTime<Utc>) -> anyhow::Result<StaffId> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO staff (email, display_name, role, password_hash, must_change_password,
                            created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(new.email.as_ref())
    .bind(new.display_name.as_ref())
    .bind(new.role.as_str())
    .bind(new.password_hash.as_phc())
    .bind(new.must_change_password)
    .bind(now)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to insert a staff member")?;
    Ok(StaffId(id))
}

pub async fn email_exists(tx: &mut Tx, email: &StaffEmail) -> anyhow::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM staff WHERE email = ?")
        .bind(email.as_ref())
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to look up a staff email")?;
    Ok(found.is_some())
}

pub async fn find_by_email(
    pool: &SqlitePool,
    email: &StaffEmail,
) -> anyhow::Result<Option<StaffRecord>> {
    let row: Option<StaffRow> = sqlx::query_as(select_staff!("WHERE email = ?"))
        .bind(email.as_ref())
        .fetch_optional(pool)
        .await
        .context("Failed to look up a staff member")?;
    row.map(TryInto::try_into).transpose()
}

pub async fn find_by_id(pool: &SqlitePool, id: StaffId) -> anyhow::Result<Option<StaffRecord>> {
    let row: Option<StaffRow> = sqlx::query_as(select_staff!("WHERE id = ?"))
        .bind(id.0)
        .fetch_optional(pool)
        .await
        .context("Failed to look up a staff member")?;
    row.map(TryInto::try_into).transpose()
}

pub async fn find_by_id_in(tx: &mut Tx, id: StaffId) -> anyhow::Result<Option<StaffRecord>> {
    let row: Option<StaffRow> = sqlx::query_as(select_staff!("WHERE id = ?"))
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to look up a staff member")?;
    row.map(TryInto::try_into).transpose()
}

pub async fn list(pool: &SqlitePool) -> anyhow::Result<Vec<StaffRecord>> {
    let sql = select_staff!(
        "ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, display_name"
    );
    let rows: Vec<StaffRow> = sqlx::query_as(sql)
        .fetch_all(pool)
        .await
        .context("Failed to list staff")?;
    rows.into_iter().map(TryInto::try_into).collect()
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

/// A successful check of the password that did not start a new session (unlock).
pub async fn clear_failed_sign_ins(
    tx: &mut Tx,
    id: StaffId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE staff SET failed_sign_ins = 0, locked_until = NULL, updated_at = ? WHERE id = ?",
    )
    .bind(now)
    .bind(id.0)
    .execute(&mut **tx)
    .await
    .context("Failed to reset the failed sign-in count")?;
    Ok(())
}

/// Sets a new password hash. A temporary password (`must_change`) also ends the
/// member's sessions and clears any lockout, as a reset should.
pub async fn set_password(
    tx: &mut Tx,
    id: StaffId,
    hash: &PasswordHash,
    must_change: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE staff SET password_hash = ?, must_change_password = ?, updated_at = ?,
                failed_sign_ins = CASE WHEN ? THEN 0 ELSE failed_sign_ins END,
                locked_until = CASE WHEN ? THEN NULL ELSE locked_until END,
                session_version = session_version + (CASE WHEN ? THEN 1 ELSE 0 END)
         WHERE id = ?",
    )
    .bind(hash.as_phc())
    .bind(must_change)
    .bind(now)
    .bind(must_change)
    .bind(must_change)
    .bind(must_change)
    .bind(id.0)
    .execute(&mut **tx)
    .await
    .context("Failed to set a password")?;
    Ok(())
}

pub async fn set_display_name(
    tx: &mut Tx,
    id: StaffId,
    name: &DisplayName,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE staff SET display_name = ?, updated_at = ? WHERE id = ?")
        .bind(name.as_ref())
        .bind(now)
        .bind(id.0)
        .execute(&mut **tx)
        .await
        .context("Failed to rename a staff member")?;
    Ok(())
}

/// Changes the role and ends the member's sessions (their permissions changed).
pub async fn set_role(
    tx: &mut Tx,
    id: StaffId,
    role: Role,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE staff SET role = ?, session_version = session_version + 1, updated_at = ?
         WHERE id = ?",
    )
    .bind(role.as_str())
    .bind(now)
    .bind(id.0)
    .execute(&mut **tx)
    .await
    .context("Failed to change a role")?;
    Ok(())
}

/// Disables (ending the member's sessions) or re-enables a member.
pub async fn set_active(
    tx: &mut Tx,
    id: StaffId,
    active: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE staff SET status = ?, updated_at = ?,
                session_version = session_version + (CASE WHEN ? THEN 0 ELSE 1 END)
         WHERE id = ?",
    )
    .bind(if active { "active" } else { "disabled" })
    .bind(now)
    .bind(active)
    .bind(id.0)
    .execute(&mut **tx)
    .await
    .context("Failed to change a member's status")?;
    Ok(())
}
