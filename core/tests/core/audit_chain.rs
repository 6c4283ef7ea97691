//! The keyed audit chain and its signed head, attacked the way someone holding the
//! database file (but not the keyring) would: with raw SQL, after dropping the
//! append-only triggers, recomputing plain SHA-256 hashes where they need to.

use crate::helpers::{exec, forget_migration, TestApp};
use keydesk_api::ChainVerification;
use keydesk_core::audit::{head_account, ChainKey, Head};
use keydesk_core::auth::Actor;
use keydesk_core::vault::{KeyStore, OsKeyring};
use secrecy::SecretString;
use sha2::{Digest, Sha256};
use sqlx::sqlite::SqliteConnection;
use sqlx::Connection;

const KEYED_MIGRATION: i64 = 20261129050000;

/// An owner who signed out and in again: a log of a handful of keyed rows.
async fn used_log(app: &TestApp) -> Actor {
    let owner = app.create_owner().await;
    app.keydesk.sign_out(&owner).await.unwrap();
    let _ = app.sign_in("not the password at all").await;
    app.sign_in(crate::helpers::OWNER_PASSWORD).await.unwrap()
}

async fn last_id(conn: &mut SqliteConnection) -> i64 {
    sqlx::query_scalar("SELECT MAX(id) FROM audit_log")
        .fetch_one(&mut *conn)
        .await
        .unwrap()
}

fn installation_id(app: &TestApp) -> String {
    app.keydesk
        .keyring_account()
        .strip_prefix("vault-key:")
        .unwrap()
        .to_owned()
}

async fn cleanup(app: TestApp) {
    OsKeyring::delete(&head_account(&installation_id(&app))).unwrap();
    app.cleanup().await;
}

#[derive(sqlx::FromRow)]
struct RawRow {
    id: i64,
    at: String,
    actor_staff_id: Option<i64>,
    actor_label: String,
    action: String,
    detail: String,
    customer_id: Option<i64>,
}

/// The plain SHA-256 row hash the log used before it was keyed, written out again
/// here from its definition (a JSON array of the fields, `customer_id` only when set).
fn unkeyed_hash(row: &RawRow, prev_hash: &str) -> String {
    let mut fields = vec![
        serde_json::json!(row.id),
        serde_json::json!(row.at),
        serde_json::json!(row.actor_staff_id),
        serde_json::json!(row.actor_label),
        serde_json::json!(row.action),
        serde_json::json!(row.detail),
        serde_json::json!(prev_hash),
    ];
    if let Some(customer_id) = row.customer_id {
        fields.push(serde_json::json!(customer_id));
    }
    hex::encode(Sha256::digest(
        serde_json::Value::Array(fields).to_string().as_bytes(),
    ))
}

/// Recomputes a plain SHA-256 chain over rows `from..=to`, as an attacker without the
/// key can; `demote` also marks those rows as unkeyed.
async fn rechain_unkeyed(conn: &mut SqliteConnection, from: i64, to: i64, demote: bool) {
    let rows: Vec<RawRow> = sqlx::query_as(
        "SELECT id, at, actor_staff_id, actor_label, action, detail, customer_id
         FROM audit_log WHERE id BETWEEN ? AND ? ORDER BY id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let mut prev: String = if from == 1 {
        keydesk_core::audit::GENESIS_HASH.to_owned()
    } else {
        sqlx::query_scalar("SELECT row_hash FROM audit_log WHERE id = ?")
            .bind(from - 1)
            .fetch_one(&mut *conn)
            .await
            .unwrap()
    };
    for row in rows {
        let hash = unkeyed_hash(&row, &prev);
        sqlx::query("UPDATE audit_log SET prev_hash = ?, row_hash = ? WHERE id = ?")
            .bind(&prev)
            .bind(&hash)
            .bind(row.id)
            .execute(&mut *conn)
            .await
            .unwrap();
        if demote {
            sqlx::query("UPDATE audit_log SET hash_scheme = 0 WHERE id = ?")
                .bind(row.id)
                .execute(&mut *conn)
                .await
                .unwrap();
        }
        prev = hash;
    }
}

#[tokio::test]
async fn rows_cut_off_the_end_are_reported() {
    let app = TestApp::spawn().await;
    let owner = used_log(&app).await;
    let app = app.close_keeping_data().await;

    let mut conn = app.open_file().await;
    let rows = last_id(&mut conn).await;
    exec(&mut conn, "DROP TRIGGER audit_log_no_delete").await;
    sqlx::query("DELETE FROM audit_log WHERE id > ?")
        .bind(rows - 2)
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();

    let app = app.reopen().await;
    assert_eq!(
        app.keydesk.verify_audit_chain(&owner).await.unwrap(),
        ChainVerification::TailRemoved {
            rows: rows - 2,
            expected_rows: rows,
        }
    );
    // New rows written over the gap do not make it go away: the head is not moved on
    // from a row the log no longer holds.
    let _ = app.keydesk.verify_audit_chain(&owner).await.unwrap();
    app.assert_chain_broken(&owner, rows, "removed").await;
    cleanup(app).await;
}

/// The three ways to rewrite a row without the key, each on its own log.
#[tokio::test]
async fn a_rewritten_row_with_a_recomputed_sha256_chain_is_reported() {
    for (demote_from, expected_reason) in [
        // Rewrite row 4 and recompute the plain chain from there, leaving the rest as is.
        (None, "changed"),
        // The same, marking the rewritten rows as written before keying.
        (Some(4), "unkeyed"),
        // Mark the whole log as written before keying and recompute all of it.
        (Some(1), "removed"),
    ] {
        let app = TestApp::spawn().await;
        let owner = used_log(&app).await;
        let app = app.close_keeping_data().await;

        let mut conn = app.open_file().await;
        let rows = last_id(&mut conn).await;
        exec(&mut conn, "DROP TRIGGER audit_log_no_update").await;
        exec(
            &mut conn,
            "UPDATE audit_log SET actor_label = 'someone@else.test' WHERE id = 4",
        )
        .await;
        let from = demote_from.unwrap_or(4);
        rechain_unkeyed(&mut conn, from, rows, demote_from.is_some()).await;
        conn.close().await.unwrap();

        let app = app.reopen().await;
        let expected_id = if demote_from == Some(1) { rows } else { 4 };
        app.assert_chain_broken(&owner, expected_id, expected_reason)
            .await;
        cleanup(app).await;
    }
}

#[tokio::test]
async fn an_unchanged_log_verifies_also_when_its_head_lags_behind() {
    let app = TestApp::spawn().await;
    let owner = used_log(&app).await;
    let first = app.keydesk.verify_audit_chain(&owner).await.unwrap();
    let ChainVerification::Intact { rows } = first else {
        panic!("a fresh log does not verify: {first:?}");
    };
    let app = app.restart().await;
    assert_eq!(
        app.keydesk.verify_audit_chain(&owner).await.unwrap(),
        ChainVerification::Intact { rows: rows + 1 }
    );

    // A crash between a commit and the keyring write leaves the head behind the log.
    let key = ChainKey::derive(app.keydesk.vault_key()).unwrap();
    let app = app.close_keeping_data().await;
    let mut conn = app.open_file().await;
    let hash: String = sqlx::query_scalar("SELECT row_hash FROM audit_log WHERE id = 3")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let lagging = Head { count: 3, hash }.encode(&key).unwrap();
    OsKeyring
        .store_secret(
            &head_account(&installation_id(&app)),
            &SecretString::from(lagging),
        )
        .unwrap();
    let app = app.reopen().await;
    assert_eq!(
        app.keydesk.verify_audit_chain(&owner).await.unwrap(),
        ChainVerification::Intact { rows: rows + 2 }
    );
    cleanup(app).await;
}

/// A database from before the chain was keyed: no `hash_scheme` column, plain SHA-256
/// hashes (one row about a customer, whose id the old hash covers), no head in the
/// keyring. It verifies after the upgrade, new rows are keyed, and the old rows are
/// still pinned by the first keyed row.
#[tokio::test]
async fn a_log_from_before_keying_still_verifies_and_stays_pinned() {
    let app = TestApp::spawn().await;
    let owner = used_log(&app).await;
    let app = app.close_keeping_data().await;

    let mut conn = app.open_file().await;
    let old_rows = last_id(&mut conn).await;
    exec(&mut conn, "DROP TRIGGER audit_log_no_update").await;
    exec(
        &mut conn,
        "UPDATE audit_log SET customer_id = 7 WHERE id = 3",
    )
    .await;
    rechain_unkeyed(&mut conn, 1, old_rows, false).await;
    exec(&mut conn, "ALTER TABLE audit_log DROP COLUMN hash_scheme").await;
    exec(
        &mut conn,
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
         BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    )
    .await;
    forget_migration(&mut conn, KEYED_MIGRATION).await;
    conn.close().await.unwrap();
    OsKeyring::delete(&head_account(&installation_id(&app))).unwrap();

    let app = app.reopen().await;
    assert_eq!(
        app.keydesk.verify_audit_chain(&owner).await.unwrap(),
        ChainVerification::Intact { rows: old_rows }
    );
    app.keydesk.sign_out(&owner).await.unwrap();
    let owner = app.sign_in(crate::helpers::OWNER_PASSWORD).await.unwrap();
    assert_eq!(
        app.keydesk.verify_audit_chain(&owner).await.unwrap(),
        ChainVerification::Intact { rows: old_rows + 3 }
    );
    let schemes: Vec<i64> = sqlx::query_scalar("SELECT hash_scheme FROM audit_log ORDER BY id")
        .fetch_all(app.keydesk.store().reader())
        .await
        .unwrap();
    let expected: Vec<i64> = (1..=old_rows + 4)
        .map(|id| i64::from(id > old_rows))
        .collect();
    assert_eq!(schemes, expected);

    // The old rows are as strong as the first keyed row: recomputing their plain
    // chain after a rewrite breaks the link into it.
    let app = app.close_keeping_data().await;
    let mut conn = app.open_file().await;
    exec(&mut conn, "DROP TRIGGER audit_log_no_update").await;
    exec(
        &mut conn,
        "UPDATE audit_log SET detail = 'nothing' WHERE id = 2",
    )
    .await;
    rechain_unkeyed(&mut conn, 2, old_rows, false).await;
    conn.close().await.unwrap();
    let app = app.reopen().await;
    app.assert_chain_broken(&owner, old_rows + 1, "does not follow")
        .await;
    cleanup(app).await;
}

/// How long the keyring calls of one head write take (printed; run with --nocapture).
#[tokio::test]
#[ignore = "a measurement, not a check"]
async fn keyring_head_write_cost() {
    let account = "audit-head:measurement";
    let text = SecretString::from(format!("v1:1234:{}:{}", "a".repeat(64), "b".repeat(64)));
    let (mut reads, mut writes) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    for _ in 0..20 {
        let started = std::time::Instant::now();
        OsKeyring.load_secret(account).unwrap();
        reads += started.elapsed();
        let started = std::time::Instant::now();
        OsKeyring.store_secret(account, &text).unwrap();
        writes += started.elapsed();
    }
    println!("keyring read {:?}, write {:?}", reads / 20, writes / 20);
    OsKeyring::delete(account).unwrap();
}
