//! The SQLite store: one writer connection, several readers, WAL, foreign keys on.
//!
//! Services reach SQL only through the small named functions of this module's children,
//! which keeps the store narrow enough to gain a second engine later.

pub mod customer_accounts;
pub mod customers;
pub mod handoffs;
pub mod mail_limits;
pub mod meta;
pub mod outbox;
pub mod settings;
pub mod staff;

use anyhow::Context;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};
use std::path::Path;
use std::time::Duration;

pub type Tx = Transaction<'static, Sqlite>;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

#[derive(Debug, Clone)]
pub struct Store {
    /// Exactly one connection: every change goes through it, so transactions never
    /// race and the audit chain is appended in order.
    writer: SqlitePool,
    reader: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub async fn open(file: &Path) -> anyhow::Result<Self> {
        let base = SqliteConnectOptions::new()
            .filename(file)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Deleted and overwritten content (a destroyed sealed password, an erased
            // customer) is zeroed in the file instead of lingering in free pages.
            .pragma("secure_delete", "on");
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(base.clone().create_if_missing(true))
            .await
            .with_context(|| format!("Failed to open the database {}", file.display()))?;
        MIGRATOR
            .run(&writer)
            .await
            .context("Failed to bring the database schema up to date")?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(base.read_only(true))
            .await
            .context("Failed to open read connections to the database")?;
        Ok(Self { writer, reader })
    }

    /// Starts the one write transaction that may run at a time.
    pub async fn begin(&self) -> anyhow::Result<Tx> {
        self.writer
            .begin()
            .await
            .context("Failed to start a database transaction")
    }

    pub fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    /// Closes all connections and checkpoints the WAL into the main file.
    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}
