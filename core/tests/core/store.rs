use crate::helpers::TestApp;
use sqlx::{ConnectOptions, Connection};

#[tokio::test]
async fn first_open_creates_the_database_in_wal_mode_with_the_schema() {
    let app = TestApp::spawn().await;
    let file = app.paths.database_file();
    assert!(
        file.is_file(),
        "database file created at {}",
        file.display()
    );
    assert!(app.keydesk.needs_owner().await.unwrap());

    let mut conn = app.file_options().connect().await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    for table in ["audit_log", "meta", "staff"] {
        assert!(tables.iter().any(|t| t == table), "{table} in {tables:?}");
    }
    conn.close().await.unwrap();
    app.cleanup().await;
}

#[tokio::test]
async fn the_write_connection_enforces_foreign_keys() {
    let app = TestApp::spawn().await;
    let mut tx = app.keydesk.store().begin().await.unwrap();
    let on: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert_eq!(on, 1);
    drop(tx);
    app.cleanup().await;
}

#[tokio::test]
async fn reopening_keeps_data_and_does_not_rerun_first_run() {
    let (app, owner) = TestApp::with_owner().await;
    let app = app.restart().await;
    assert!(!app.keydesk.needs_owner().await.unwrap());
    assert_eq!(app.audit_count(&owner, "database.created").await, 1);
    app.cleanup().await;
}
