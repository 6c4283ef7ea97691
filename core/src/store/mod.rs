//! The SQLite store: one writer connection, several readers, WAL, foreign keys on, the
//! file encrypted at rest by SQLCipher (see [`encryption`]).
//!
//! Services reach SQL only through the small named functions of this module's children,
//! which keeps the store narrow enough to gain a second engine later.

pub mod agency_logins;
pub mod audit_log;
pub mod customer_accounts;
pub mod customer_list;
pub mod customers;
pub mod encryption;
pub mod funnel;
pub mod handoff_wraps;
pub mod handoffs;
pub mod mail_limits;
pub mod meta;
pub mod outbox;
pub mod portal;
pub mod recovery_key;
pub mod settings;
pub mod staff;
pub mod staff_keys;
pub mod sync;
pub mod window_preferences;

use crate::audit::{ChainSeal, Head};
use crate::paths;
use crate::vault::{DatabaseKey, TimedKeyring, VaultKey};
use anyhow::Context;
use sqlx::sqlite::{
    SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, Sqlite, Transaction};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Tightens SQLite's `-wal` and `-shm` files beside `file`, where they exist.
fn restrict_sidecars(file: &Path) -> anyhow::Result<()> {
    for suffix in ["-wal", "-shm"] {
        let mut name = file.as_os_str().to_owned();
        name.push(suffix);
        paths::restrict_file(Path::new(&name))?;
    }
    Ok(())
}

/// A write transaction. It derefs to the connection like sqlx's own transaction
/// (`&mut **tx` is an executor); it also carries the audit chain's key, so every audit
/// row appended in it is MACed, and on commit it hands the new end of the chain to the
/// keeper of the signed head. Dropped without commit, it rolls back.
pub struct Tx {
    inner: Transaction<'static, Sqlite>,
    chain: Option<Arc<ChainSeal>>,
    /// The last audit row appended in this transaction.
    appended: Option<Head>,
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.inner.commit().await?;
        if let (Some(chain), Some(head)) = (self.chain, self.appended) {
            chain.committed(head);
        }
        Ok(())
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.inner.rollback().await
    }

    /// The audit chain's key and head keeper; `None` only while the database is being
    /// opened, before the vault key is unlocked.
    pub(crate) fn chain_seal(&self) -> Option<&ChainSeal> {
        self.chain.as_deref()
    }

    pub(crate) fn audit_appended(&mut self, head: Head) {
        self.appended = Some(head);
    }
}

impl std::ops::Deref for Tx {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        &self.inner
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.inner
    }
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

#[derive(Debug, Clone)]
pub struct Store {
    /// Exactly one connection: every change goes through it, so transactions never
    /// race and the audit chain is appended in order.
    writer: SqlitePool,
    reader: SqlitePool,
    /// Set once the vault key is unlocked ([`Store::seal_audit_chain`]).
    chain: Arc<OnceLock<Arc<ChainSeal>>>,
}

impl Store {
    /// Opens (creating if needed) the database file, encrypted with `key`, and brings its
    /// schema up to date. A key that does not open an existing file fails with SQLite's
    /// "not a database", before anything is written.
    ///
    /// The file is created (or tightened) owner-only before SQLite opens it: SQLite
    /// gives the `-wal` and `-shm` files it creates the database file's permissions, so
    /// they follow; ones left by an earlier version are tightened here too.
    pub async fn open(file: &Path, key: &DatabaseKey) -> anyhow::Result<Self> {
        Self::open_from(file, encryption::connect_options(file, key)).await
    }

    /// [`Store::open`] without encryption, for the benches' side-by-side figures only: the
    /// feature is enabled for the crate's own benches and tests, never in the app.
    #[cfg(feature = "bench-plain-store")]
    pub async fn open_plain(file: &Path) -> anyhow::Result<Self> {
        Self::open_from(
            file,
            sqlx::sqlite::SqliteConnectOptions::new().filename(file),
        )
        .await
    }

    async fn open_from(
        file: &Path,
        options: sqlx::sqlite::SqliteConnectOptions,
    ) -> anyhow::Result<Self> {
        // An existing file is only chmod-ed, never opened here: closing another
        // descriptor of an open database would drop this process's SQLite locks on it.
        if file.exists() {
            paths::restrict_file(file)?;
        } else {
            drop(paths::open_private_file(file, true)?);
        }
        restrict_sidecars(file)?;
        let base = options
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Deleted and overwritten content (a destroyed sealed password, an erased
            // customer) is zeroed in the file instead of lingering in free pages.
            .pragma("secure_delete", "on")
            // With SQLCipher every page read from the file is decrypted and its MAC checked:
            // a larger page cache keeps the search index's hot pages decrypted (SQLite's
            // default is 2 MiB; the cache grows only as pages are read).
            .pragma("cache_size", "-32768");
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            // A change cut short by the disk (full, read-only, failing) is rolled back by
            // SQLite itself; sqlx's own rollback then fails and the connection would stay
            // "in a transaction" for good, refusing every later change until a restart.
            // Such a connection is closed instead and the next change opens a fresh one.
            .after_release(|conn, _| {
                Box::pin(async move {
                    // Waits for the rollback a dropped transaction queued.
                    conn.ping().await?;
                    Ok(!conn.is_in_transaction())
                })
            })
            .connect_with(base.clone().create_if_missing(true))
            .await
            .with_context(|| format!("Failed to open the database {}", file.display()))?;
        restrict_sidecars(file)?;
        MIGRATOR
            .run(&writer)
            .await
            .context("Failed to bring the database schema up to date")?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(base.read_only(true))
            .await
            .context("Failed to open read connections to the database")?;
        Ok(Self {
            writer,
            reader,
            chain: Arc::default(),
        })
    }

    /// Keys the audit chain with the vault key from now on and starts keeping its
    /// signed head in `keyring`. Audit rows appended before this (the first rows of a new
    /// database) use the unkeyed hash; see `audit::chain`.
    pub fn seal_audit_chain(
        &self,
        vault_key: &VaultKey,
        keyring: TimedKeyring,
        installation_id: &str,
    ) -> anyhow::Result<()> {
        if self.chain.get().is_some() {
            return Ok(());
        }
        let seal = ChainSeal::start(vault_key, keyring, installation_id, self.reader.clone())?;
        // Only one caller can win; a loser's seal is dropped and its task ends.
        let _ = self.chain.set(seal);
        Ok(())
    }

    /// The audit chain's key and head keeper, once the vault key is unlocked.
    pub fn audit_chain(&self) -> Option<&ChainSeal> {
        self.chain.get().map(|seal| &**seal)
    }

    /// Starts the one write transaction that may run at a time.
    ///
    /// It takes the file's write lock at once (`IMMEDIATE`): a transaction that read first
    /// and only then wrote would fail outright, without waiting, if another process (an
    /// outbox worker on the same file) wrote in between.
    pub async fn begin(&self) -> anyhow::Result<Tx> {
        let inner = self
            .writer
            .begin_with("BEGIN IMMEDIATE")
            .await
            .context("Failed to start a database transaction")?;
        Ok(Tx {
            inner,
            chain: self.chain.get().cloned(),
            appended: None,
        })
    }

    pub fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    /// Writes the audit chain's pending head, closes all connections and checkpoints
    /// the WAL into the main file.
    pub async fn close(&self) {
        if let Some(chain) = self.chain.get() {
            chain.close().await;
        }
        self.reader.close().await;
        self.writer.close().await;
    }
}
