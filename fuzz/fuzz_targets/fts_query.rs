//! Any search text: never a panic; the FTS5 query it becomes is valid syntax for SQLite
//! (typed quotes, operators and brackets are never syntax), and a customer whose name
//! is exactly the text typed is found by it.

#![no_main]

use std::sync::{LazyLock, Mutex};

use keydesk_core::store::customers::fts_query;
use libfuzzer_sys::fuzz_target;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};

/// An in-memory copy of the customers' search index: the same columns, prefix indexes
/// and tokenizer as the migration that creates it.
struct Index {
    runtime: tokio::runtime::Runtime,
    connection: Mutex<SqliteConnection>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime");
    let connection = runtime.block_on(async {
        let mut connection = SqliteConnectOptions::new()
            .filename(":memory:")
            .connect()
            .await
            .expect("an in-memory database");
        sqlx::query(
            "CREATE VIRTUAL TABLE customers_fts USING fts5(
                first_name, last_name, email, phone, company, notes,
                prefix = '1 2 3', tokenize = 'unicode61 remove_diacritics 2'
            )",
        )
        .execute(&mut connection)
        .await
        .expect("the search index");
        connection
    });
    Index {
        runtime,
        connection: Mutex::new(connection),
    }
});

fuzz_target!(|text: &str| {
    let Some(query) = fts_query(text) else {
        return;
    };
    let index = &*INDEX;
    let mut connection = index.connection.lock().unwrap_or_else(|e| e.into_inner());
    index.runtime.block_on(async {
        let mut tx = connection.begin().await.expect("a transaction");
        sqlx::query(
            "INSERT INTO customers_fts (rowid, first_name, last_name, email, phone, company, notes)
             VALUES (1, ?, 'Smith', 'ann@example.com', '+442079460958', 'Acme', '')",
        )
        .bind(text)
        .execute(&mut *tx)
        .await
        .expect("a customer");
        let found: Vec<i64> =
            sqlx::query_scalar("SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?")
                .bind(&query)
                .fetch_all(&mut *tx)
                .await
                .unwrap_or_else(|e| panic!("{text:?} became {query:?}, which SQLite refuses: {e}"));
        assert_eq!(
            found,
            [1],
            "{text:?} became {query:?}, which does not find {text:?}"
        );
        tx.rollback().await.expect("rolled back");
    });
});
