//! Every row that desks will share has a uid of its own: a UUIDv7 made when the row is
//! inserted, whatever inserts it, and given to rows that were already there by the
//! migration that brought uids, from the time each row was made.

use crate::helpers::{customer_form, exec, forget_migration, TestApp, OWNER_PASSWORD};
use crate::smtp::SmtpSink;
use keydesk_api::Role;
use keydesk_core::auth::Actor;
use sqlx::{Connection, SqliteConnection};
use std::collections::HashSet;
use uuid::Uuid;

/// The migration that gave rows their uids.
const UIDS_MIGRATION: i64 = 20261201000000;
/// The migrations after it: the tables of syncing with an agency server, and the
/// agency's customer numbers.
const SYNC_MIGRATIONS: [i64; 3] = [20261201050000, 20261201070000, 20261202000000];

/// The tables whose rows desks will share.
const SHARED: [&str; 6] = [
    "staff",
    "customers",
    "customer_accounts",
    "customer_agents",
    "credential_handoffs",
    "outbox",
];

/// Staff, customers with logins made by an agent (so linked to them), and a queued mail.
async fn agency(app: &TestApp, owner: &Actor) {
    let agent = app.member(owner, "agent@agency.test", Role::Agent).await;
    let _sink = SmtpSink::serving(&app.keydesk, owner).await;
    let mut first = None;
    for i in 0..3 {
        let form = customer_form(&format!("c{i}@example.com"), "Uid", "Customer");
        let login = app.add_customer_with_login(&agent, form).await;
        first.get_or_insert(login.customer_id);
    }
    app.keydesk
        .send_welcome_mail(owner, first.unwrap(), "")
        .await
        .unwrap();
}

/// Every uid of `table`, and how many rows it has.
async fn uids(conn: &mut SqliteConnection, table: &str) -> (Vec<Option<Vec<u8>>>, i64) {
    let uids: Vec<Option<Vec<u8>>> =
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT uid FROM {table}")))
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    let rows = uids.len() as i64;
    (uids, rows)
}

/// The uid's time, in milliseconds since 1970 (its first 48 bits).
fn millis(uid: &Uuid) -> u64 {
    let (seconds, nanos) = uid
        .get_timestamp()
        .expect("a UUIDv7 carries its time")
        .to_unix();
    seconds * 1000 + u64::from(nanos) / 1_000_000
}

/// Checks that every row of every shared table has a distinct UUIDv7; returns them all.
async fn every_row_has_a_uuid7(conn: &mut SqliteConnection) -> Vec<(String, Uuid)> {
    let mut all = Vec::new();
    for table in SHARED {
        let (found, rows) = uids(conn, table).await;
        assert!(rows > 0, "the test made rows in {table}");
        for uid in found {
            let bytes = uid.unwrap_or_else(|| panic!("a row of {table} has no uid"));
            let uid = Uuid::from_slice(&bytes).expect("16 bytes");
            assert_eq!(uid.get_version_num(), 7, "{table}: {uid}");
            assert_eq!(uid.get_variant(), uuid::Variant::RFC4122, "{table}: {uid}");
            all.push((table.to_owned(), uid));
        }
    }
    let distinct: HashSet<Uuid> = all.iter().map(|(_, uid)| *uid).collect();
    assert_eq!(distinct.len(), all.len(), "every uid is different");
    all
}

#[tokio::test]
async fn every_row_desks_will_share_gets_a_uuid7_of_its_own_when_it_is_made() {
    let started = chrono::Utc::now().timestamp_millis() as u64;
    let (app, owner) = TestApp::with_owner().await;
    agency(&app, &owner).await;
    let ended = chrono::Utc::now().timestamp_millis() as u64;

    let mut conn = app.open_file().await;
    for (table, uid) in every_row_has_a_uuid7(&mut conn).await {
        let at = millis(&uid);
        assert!(
            (started..=ended).contains(&at),
            "{table}: {uid} was made at {at}, not between {started} and {ended}"
        );
    }
    // Closed, not dropped: SQLCipher finishing on a thread of its own while the test
    // process exits can crash it.
    conn.close().await.unwrap();
    app.cleanup().await;
}

#[tokio::test]
async fn rows_made_before_uids_existed_get_one_from_the_time_they_were_made() {
    let (app, owner) = TestApp::with_owner().await;
    agency(&app, &owner).await;
    // Put the schema back as it was before the migration, as an earlier version left it.
    let app = app.close_keeping_data().await;
    let mut conn = app.open_file().await;
    // What later versions added on top of the uids goes first, to be made again after them.
    for sql in [
        "DROP TRIGGER agency_logins_end",
        "DROP TABLE agency_login_closes",
        "DROP TABLE agency_logins",
        "DROP TABLE roster_entries",
        "ALTER TABLE customers DROP COLUMN agency_number",
        "DROP TRIGGER customers_sync_notices_gone",
        "DROP TABLE sync_notices",
        "DROP TABLE sync_ops",
        "DROP TABLE sync_server",
        "DROP TABLE customer_aliases",
        "ALTER TABLE customers DROP COLUMN server_version",
    ] {
        exec(&mut conn, sql).await;
    }
    for migration in SYNC_MIGRATIONS {
        forget_migration(&mut conn, migration).await;
    }
    for table in SHARED {
        for sql in [
            format!("DROP TRIGGER {table}_uid"),
            format!("DROP INDEX {table}_uid"),
            format!("ALTER TABLE {table} DROP COLUMN uid"),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut conn)
                .await
                .unwrap();
        }
    }
    exec(&mut conn, "DROP TRIGGER customers_fts_update").await;
    exec(
        &mut conn,
        "CREATE TRIGGER customers_fts_update AFTER UPDATE ON customers BEGIN
            INSERT INTO customers_fts (customers_fts, rowid, first_name, last_name, email, phone, company, notes)
            VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone, old.company, old.notes);
            INSERT INTO customers_fts (rowid, first_name, last_name, email, phone, company, notes)
            VALUES (new.id, new.first_name, new.last_name, new.email, new.phone, new.company, new.notes);
        END",
    )
    .await;
    forget_migration(&mut conn, UIDS_MIGRATION).await;
    conn.close().await.unwrap();

    let app = app.reopen().await;
    let mut conn = app.open_file().await;
    every_row_has_a_uuid7(&mut conn).await;
    // Each customer's uid carries the moment the customer was made.
    let customers: Vec<(Vec<u8>, chrono::DateTime<chrono::Utc>)> =
        sqlx::query_as("SELECT uid, created_at FROM customers")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert_eq!(customers.len(), 3);
    for (uid, created_at) in customers {
        let uid = Uuid::from_slice(&uid).unwrap();
        assert_eq!(millis(&uid), created_at.timestamp_millis() as u64, "{uid}");
    }
    // And the search still finds them all.
    let owner = app
        .sign_in(OWNER_PASSWORD)
        .await
        .expect("the owner signs in");
    assert_eq!(app.search(&owner, "uid").await.len(), 3);
    conn.close().await.unwrap();
    app.cleanup().await;
}
