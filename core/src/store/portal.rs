//! The customer portal's side of the accounts: what identity products are given, and
//! the sign-ins the portal reported.

use super::Tx;
use crate::domain::{CustomerId, PasswordHash};
use crate::portal::identity_export::PortalAccount;
use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

#[derive(sqlx::FromRow)]
struct AccountRow {
    user_id: String,
    email: String,
    username: String,
    first_name: String,
    last_name: String,
    password_hash: String,
    must_change_password: bool,
    verified: bool,
    disabled: bool,
}

/// Every customer with a login, oldest first.
pub async fn accounts(pool: &SqlitePool) -> anyhow::Result<Vec<PortalAccount>> {
    let rows: Vec<AccountRow> = sqlx::query_as(
        "SELECT lower(hex(c.uid)) AS user_id, c.email, a.username, c.first_name, c.last_name,
                a.password_hash, a.must_change_password, a.verified,
                c.status = 'archived' AS disabled
         FROM customer_accounts a JOIN customers c ON c.id = a.customer_id
         WHERE a.password_hash IS NOT NULL
         ORDER BY c.id",
    )
    .fetch_all(pool)
    .await
    .context("Failed to read the portal accounts")?;
    Ok(rows
        .into_iter()
        .map(|r| PortalAccount {
            user_id: r.user_id,
            email: r.email,
            username: r.username,
            first_name: r.first_name,
            last_name: r.last_name,
            password_hash: PasswordHash::from_phc(r.password_hash),
            must_change_password: r.must_change_password,
            verified: r.verified,
            disabled: r.disabled,
        })
        .collect())
}

/// Customers who have no login yet.
pub async fn count_without_login(pool: &SqlitePool) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM customers c
         LEFT JOIN customer_accounts a ON a.customer_id = c.id
         WHERE a.password_hash IS NULL",
    )
    .fetch_one(pool)
    .await
    .context("Failed to count customers without a login")
}

/// Records one sign-in; false when it was already known.
pub async fn record_sign_in(
    tx: &mut Tx,
    customer_id: CustomerId,
    at: DateTime<Utc>,
    ip: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO portal_sign_ins (customer_id, signed_in_at, ip, recorded_at)
         VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(customer_id)
    .bind(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    .bind(ip)
    .bind(now)
    .execute(&mut **tx)
    .await
    .context("Failed to record a portal sign-in")?;
    Ok(done.rows_affected() == 1)
}

/// Adds `added` sign-ins to the account's count, and moves its last sign-in to `latest`
/// unless it already was later.
pub async fn add_to_account(
    tx: &mut Tx,
    customer_id: CustomerId,
    added: u64,
    latest: DateTime<Utc>,
) -> anyhow::Result<()> {
    let known: Option<DateTime<Utc>> =
        sqlx::query_scalar("SELECT last_login_at FROM customer_accounts WHERE customer_id = ?")
            .bind(customer_id)
            .fetch_one(&mut **tx)
            .await
            .context("Failed to read a customer's last sign-in")?;
    let last = known.map_or(latest, |known| known.max(latest));
    sqlx::query(
        "UPDATE customer_accounts SET login_count = login_count + ?, last_login_at = ?
         WHERE customer_id = ?",
    )
    .bind(i64::try_from(added).unwrap_or(i64::MAX))
    .bind(last)
    .bind(customer_id)
    .execute(&mut **tx)
    .await
    .context("Failed to note a customer's sign-ins")?;
    Ok(())
}
