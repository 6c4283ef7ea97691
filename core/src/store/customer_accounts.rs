//! Rows of `customer_accounts`: a customer's login to the agency's portal.

use super::Tx;
use crate::domain::{CustomerId, PasswordHash, StaffId};
use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// Whether the customer already has a login (an account with a password).
pub async fn has_login(tx: &mut Tx, customer_id: CustomerId) -> anyhow::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM customer_accounts WHERE customer_id = ? AND password_hash IS NOT NULL",
    )
    .bind(customer_id)
    .fetch_optional(&mut **tx)
    .await
    .context("Failed to check a customer's login")?;
    Ok(found.is_some())
}

/// Gives the customer a new password, which they must change at first sign-in. A new
/// account takes `username`; an existing one keeps its username. Returns the username.
pub async fn set_password(
    tx: &mut Tx,
    customer_id: CustomerId,
    username: &str,
    hash: &PasswordHash,
) -> anyhow::Result<String> {
    sqlx::query_scalar(
        "INSERT INTO customer_accounts (customer_id, username, password_hash, must_change_password)
         VALUES (?, ?, ?, 1)
         ON CONFLICT (customer_id) DO UPDATE SET
             password_hash = excluded.password_hash, must_change_password = 1,
             credentials_sent = 0, credentials_sent_at = NULL, credentials_sent_by = NULL
         RETURNING username",
    )
    .bind(customer_id)
    .bind(username)
    .bind(hash.as_phc())
    .fetch_one(&mut **tx)
    .await
    .context("Failed to store a customer's password")
}

/// Notes that the customer's credentials reached them.
pub async fn mark_credentials_sent(
    tx: &mut Tx,
    customer_id: CustomerId,
    by: Option<StaffId>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE customer_accounts
         SET credentials_sent = 1, credentials_sent_at = ?, credentials_sent_by = ?
         WHERE customer_id = ?",
    )
    .bind(now)
    .bind(by.map(|s| s.0))
    .bind(customer_id)
    .execute(&mut **tx)
    .await
    .context("Failed to note the credentials as sent")?;
    Ok(())
}

/// The stored password hash of a customer, if they have a login.
pub async fn password_hash(
    db: impl sqlx::SqliteExecutor<'_>,
    customer_id: CustomerId,
) -> anyhow::Result<Option<PasswordHash>> {
    let phc: Option<Option<String>> =
        sqlx::query_scalar("SELECT password_hash FROM customer_accounts WHERE customer_id = ?")
            .bind(customer_id)
            .fetch_optional(db)
            .await
            .context("Failed to read a customer's password hash")?;
    Ok(phc.flatten().map(PasswordHash::from_phc))
}

/// For each of `ids` that names a customer: its email and whether it already has a
/// login. Ids of customers that do not exist are left out.
pub async fn login_status(
    pool: &SqlitePool,
    ids: &[CustomerId],
) -> anyhow::Result<Vec<(CustomerId, String, bool)>> {
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT c.id, c.email, a.password_hash IS NOT NULL
             FROM customers c LEFT JOIN customer_accounts a ON a.customer_id = c.id
             WHERE c.id IN (",
        );
        let mut list = query.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        query.push(")");
        let rows: Vec<(CustomerId, String, Option<bool>)> = query
            .build_query_as()
            .fetch_all(pool)
            .await
            .context("Failed to read customers' logins")?;
        found.extend(
            rows.into_iter()
                .map(|(id, email, has)| (id, email, has.unwrap_or(false))),
        );
    }
    Ok(found)
}

/// Replaces the customer's password hash with `unusable` (a hash no known password
/// matches) after their login was withdrawn before it was handed over: whoever saw that
/// password cannot sign in with it. The account must get a new login (a reset).
pub async fn retire_password(
    tx: &mut Tx,
    customer_id: CustomerId,
    unusable: &PasswordHash,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE customer_accounts
         SET password_hash = ?, must_change_password = 1,
             credentials_sent = 0, credentials_sent_at = NULL, credentials_sent_by = NULL
         WHERE customer_id = ?",
    )
    .bind(unusable.as_phc())
    .bind(customer_id)
    .execute(&mut **tx)
    .await
    .context("Failed to retire a customer's password")?;
    Ok(())
}

/// The customer chose a password of their own on the portal: the account takes its hash
/// and no longer asks for a change. False when the customer has no account here, or it
/// holds that hash already.
pub async fn take_portal_password(
    tx: &mut Tx,
    customer_id: CustomerId,
    hash: &PasswordHash,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE customer_accounts SET password_hash = ?, must_change_password = 0
         WHERE customer_id = ? AND password_hash IS NOT ?",
    )
    .bind(hash.as_phc())
    .bind(customer_id)
    .bind(hash.as_phc())
    .execute(&mut **tx)
    .await
    .context("Failed to keep a customer's portal password")?;
    Ok(done.rows_affected() == 1)
}

/// The username of the customer's account, if they have one.
pub async fn username_of(tx: &mut Tx, customer_id: CustomerId) -> anyhow::Result<Option<String>> {
    sqlx::query_scalar("SELECT username FROM customer_accounts WHERE customer_id = ?")
        .bind(customer_id)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to read a customer's username")
}
