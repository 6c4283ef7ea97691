//! The database file encrypted at rest with SQLCipher, and the one-time encryption of a
//! plain database left by an earlier version.
//!
//! The key lives in the keyring under an account named after the installation id. That
//! id is also kept inside the database, which cannot be read before the key is known, so
//! it is written a second time in a small file beside the database ([`ID_FILE`], owner
//! only, like the database). The file holds nothing secret: without the keyring entry it
//! names, it opens nothing. Losing it only means the key cannot be found, and Keydesk
//! then refuses to open the database rather than make a new key over it.

use crate::paths;
use crate::vault::{database_key_account, DatabaseKey, KeyStore};
use anyhow::{bail, Context};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The file beside the database that names its keyring entry (see the module comment).
pub const ID_FILE: &str = "keydesk.id";

/// The first 16 bytes of every plain SQLite file. An encrypted file starts with its
/// random salt instead.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How often the size of the new file is read for the progress of an encryption.
const PROGRESS_EVERY: Duration = Duration::from_millis(500);

/// What is at the database's place before it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// No file, or an empty one (created just before a crash): a new database.
    New,
    /// A plain SQLite database, from a version before encryption.
    Plain,
    /// Anything else: an encrypted database (or a file no key will open).
    Encrypted,
}

/// How far the encryption of a plain database has come (bytes of the new file).
pub use keydesk_api::EncryptionProgress;

pub fn file_state(database: &Path) -> anyhow::Result<FileState> {
    let mut file = match std::fs::File::open(database) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::New),
        Err(e) => return Err(e).with_context(|| format!("Failed to read {}", database.display())),
    };
    let mut header = Vec::with_capacity(PLAIN_HEADER.len());
    (&mut file)
        .take(PLAIN_HEADER.len() as u64)
        .read_to_end(&mut header)
        .with_context(|| format!("Failed to read {}", database.display()))?;
    Ok(if header.is_empty() {
        FileState::New
    } else if header == PLAIN_HEADER {
        FileState::Plain
    } else {
        FileState::Encrypted
    })
}

fn id_file(database: &Path) -> PathBuf {
    database.with_file_name(ID_FILE)
}

/// The installation id noted beside `database`, if there is one.
pub fn read_installation_id(database: &Path) -> anyhow::Result<Option<String>> {
    let path = id_file(database);
    // Tightened like the database, should an earlier copy have loosened it.
    paths::restrict_file(&path)?;
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text.trim().to_owned()).filter(|id| !id.is_empty())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("Failed to read {}", path.display())),
    }
}

/// Notes the installation id beside `database`: written to a temporary file, flushed to
/// the disk and renamed, so a crash leaves the old note or the new one.
pub fn write_installation_id(database: &Path, id: &str) -> anyhow::Result<()> {
    let path = id_file(database);
    let temporary = with_suffix(&path, ".new");
    let mut file = paths::open_private_file(&temporary, false)?;
    file.write_all(format!("{id}\n").as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("Failed to write {}", temporary.display()))?;
    drop(file);
    std::fs::rename(&temporary, &path)
        .with_context(|| format!("Failed to write {}", path.display()))?;
    sync_folder(&path)
}

/// The options every connection to the encrypted database starts from: the key first
/// (sqlx runs `PRAGMA key` before any other pragma), and no statement logging, since
/// sqlx would log that pragma, key included, with the statements.
pub fn connect_options(database: &Path, key: &DatabaseKey) -> SqliteConnectOptions {
    keyed_options(database, key.pragma_value().trim_matches('"'))
}

/// The options of a connection to the SQLCipher file `database` keyed with `raw_key`
/// (SQLCipher's raw-key text, `x'…'`; see [`connect_options`]).
pub(crate) fn keyed_options(database: &Path, raw_key: &str) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(database)
        // Kept by sqlx as a plain string for every new connection of the pool.
        .pragma("key", format!("\"{raw_key}\""))
        .log_statements(tracing::log::LevelFilter::Off)
        .log_slow_statements(tracing::log::LevelFilter::Off, Duration::MAX)
}

/// [`connect_options`] with the key the keyring holds for `database`: for whatever reads
/// the file beside Keydesk (its tests, a person's own tools).
pub fn connect_options_from_keyring(
    database: &Path,
    keys: &dyn KeyStore,
) -> anyhow::Result<SqliteConnectOptions> {
    let id = read_installation_id(database)?.context("The database has no key noted beside it")?;
    let key = keys
        .load(&database_key_account(&id))?
        .context("The keyring has no key for the database")?;
    Ok(connect_options(database, &DatabaseKey::from_stored(key)))
}

/// The installation id inside a plain database, if it has one yet.
pub async fn plain_installation_id(database: &Path) -> anyhow::Result<Option<String>> {
    let mut conn = plain_connection(database, true).await?;
    let has_meta: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta')",
    )
    .fetch_one(&mut conn)
    .await
    .context("Failed to read the plain database")?;
    let id = if has_meta {
        sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
            .bind(super::meta::INSTALLATION_ID)
            .fetch_optional(&mut conn)
            .await
            .context("Failed to read the plain database's installation id")?
    } else {
        None
    };
    conn.close().await.ok();
    Ok(id)
}

async fn plain_connection(database: &Path, read_only: bool) -> anyhow::Result<SqliteConnection> {
    SqliteConnectOptions::new()
        .filename(database)
        .read_only(read_only)
        .busy_timeout(Duration::from_secs(5))
        .connect()
        .await
        .with_context(|| format!("Failed to open the plain database {}", database.display()))
}

/// Replaces the plain database `database` by an encrypted copy made with `key`.
///
/// Steps: the WAL is checkpointed into the file; SQLCipher exports everything into a
/// new file beside it; the new file is checked (`integrity_check`) and flushed to the
/// disk; it is renamed over the old name in one step; then the old plain file's bytes
/// are overwritten through a handle kept open across the rename, and it is gone. Until
/// the rename the plain database is whole at its name (a leftover new file is deleted
/// by the next attempt); after it, the encrypted one is. `progress` hears how many bytes
/// of the new file are written, every [`PROGRESS_EVERY`].
pub async fn encrypt_in_place(
    database: &Path,
    key: &DatabaseKey,
    progress: &(dyn Fn(EncryptionProgress) + Send + Sync),
) -> anyhow::Result<()> {
    let encrypted = with_suffix(database, ".encrypting");
    remove_leftover(&encrypted)?;
    let result = encrypt_into(database, &encrypted, key, progress).await;
    if result.is_err() {
        // The plain database is whole; a half-made copy would only take disk space.
        let _ = remove_leftover(&encrypted);
    }
    result
}

async fn encrypt_into(
    database: &Path,
    encrypted: &Path,
    key: &DatabaseKey,
    progress: &(dyn Fn(EncryptionProgress) + Send + Sync),
) -> anyhow::Result<()> {
    // Created owner-only before SQLCipher writes into it (it keeps an existing file's mode).
    drop(paths::open_private_file(encrypted, false)?);

    let mut plain = plain_connection(database, false).await?;
    let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
        .fetch_one(&mut plain)
        .await
        .context("Failed to checkpoint the plain database")?;
    if busy != 0 {
        bail!("The plain database is in use; its log could not be checkpointed");
    }
    let raw_key = key.pragma_value();
    // The bound key is SQLCipher's raw-key text, `x'…'`, without the pragma's quotes.
    export_database(
        &mut plain,
        encrypted,
        raw_key.trim_matches('"'),
        &|written, expected| progress(EncryptionProgress { written, expected }),
    )
    .await?;
    plain
        .close()
        .await
        .context("Failed to close the plain database")?;

    check_encrypted(encrypted, key).await?;
    let written = flush_file(encrypted)?;
    // Done: the copy leaves free pages behind, so it may end smaller than the estimate.
    progress(EncryptionProgress {
        written,
        expected: written,
    });

    // The plain file's log and shared memory hold nothing after the checkpoint; beside
    // the encrypted file they would be taken for its own.
    for suffix in ["-wal", "-shm"] {
        shred(&with_suffix(database, suffix))?;
    }
    let old = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(database)
        .with_context(|| format!("Failed to open {}", database.display()))?;
    std::fs::rename(encrypted, database).with_context(|| {
        format!(
            "Failed to put the encrypted database at {}",
            database.display()
        )
    })?;
    sync_folder(database)?;
    overwrite(old).context("Failed to overwrite the plain database")?;
    tracing::info!(bytes = written, "database encrypted");
    Ok(())
}

/// The size of the database open on `conn` (pages × page size): what a copy of it writes.
pub(crate) async fn database_bytes(conn: &mut SqliteConnection) -> anyhow::Result<u64> {
    // Through the pragma functions: on a keyed connection the `PRAGMA` statements
    // answer in text.
    let bytes: i64 = sqlx::query_scalar(
        "SELECT CAST(s.page_size AS INTEGER) * CAST(c.page_count AS INTEGER) \
         FROM pragma_page_size() AS s, pragma_page_count() AS c",
    )
    .fetch_one(&mut *conn)
    .await
    .context("Failed to read the database's size")?;
    Ok(u64::try_from(bytes).unwrap_or_default())
}

/// Copies the whole database open on `source` into a new file at `target`, encrypted
/// with `raw_key` (SQLCipher's raw-key text, `x'…'`), with `sqlcipher_export`. The copy
/// runs in one read transaction: it is the database as it was at one moment, while other
/// connections go on writing. `progress` hears the bytes written so far, and the bytes
/// expected, every [`PROGRESS_EVERY`], and at the end the copy's size as both.
pub(crate) async fn export_database(
    source: &mut SqliteConnection,
    target: &Path,
    raw_key: &str,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> anyhow::Result<()> {
    let expected = database_bytes(source).await?;
    tracing::info!(bytes = expected, "copying the database");
    let name = target
        .to_str()
        .context("The folder's path is not valid UTF-8")?;
    sqlx::query("ATTACH DATABASE ? AS copy KEY ?")
        .bind(name)
        .bind(raw_key)
        .execute(&mut *source)
        .await
        .context("Failed to create the copy of the database")?;
    let result = {
        let copied = async {
            let mut tx = source.begin().await?;
            sqlx::query("SELECT sqlcipher_export('copy')")
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        };
        tokio::pin!(copied);
        let mut tick = tokio::time::interval(PROGRESS_EVERY);
        loop {
            tokio::select! {
                result = &mut copied => break result,
                _ = tick.tick() => {
                    let written = std::fs::metadata(target).map(|m| m.len()).unwrap_or(0);
                    progress(written, expected);
                }
            }
        }
    };
    // Detached whatever happened, so the connection is as it was.
    let detached = sqlx::query("DETACH DATABASE copy")
        .execute(&mut *source)
        .await;
    result.context("Failed to copy the database")?;
    detached.context("Failed to close the copy of the database")?;
    // Done, whatever the estimate was: the copy leaves the source's free pages behind.
    let written = std::fs::metadata(target).map(|m| m.len()).unwrap_or(0);
    progress(written, written);
    Ok(())
}

pub(crate) async fn check_encrypted(encrypted: &Path, key: &DatabaseKey) -> anyhow::Result<()> {
    let mut conn = connect_options(encrypted, key)
        .connect()
        .await
        .context("Failed to open the new encrypted database")?;
    let result: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .context("Failed to check the new encrypted database")?;
    conn.close().await.ok();
    if result != "ok" {
        bail!("The new encrypted database failed its integrity check: {result}");
    }
    Ok(())
}

/// Flushes `path` to the disk, and gives its size.
pub(crate) fn flush_file(path: &Path) -> anyhow::Result<u64> {
    // Opened for writing: Windows flushes only a handle that may write.
    Ok(std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|file| {
            file.sync_all()?;
            file.metadata()
        })
        .with_context(|| format!("Failed to flush {}", path.display()))?
        .len())
}

/// Deletes what an interrupted encryption left: the plain database is still whole.
pub(crate) fn remove_leftover(encrypted: &Path) -> anyhow::Result<()> {
    for path in [encrypted.to_path_buf(), with_suffix(encrypted, "-journal")] {
        match std::fs::remove_file(&path) {
            Ok(()) => tracing::info!("removed an unfinished encrypted copy"),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(e).with_context(|| format!("Failed to remove {}", path.display()))
            }
        }
    }
    Ok(())
}

/// Overwrites `path` with zeros and removes it; a missing file is not an error.
pub(crate) fn shred(path: &Path) -> anyhow::Result<()> {
    let file = match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("Failed to open {}", path.display())),
    };
    overwrite(file).with_context(|| format!("Failed to overwrite {}", path.display()))?;
    std::fs::remove_file(path).with_context(|| format!("Failed to remove {}", path.display()))
}

/// Writes zeros over the whole of `file` and flushes them to the disk. On a filesystem
/// that writes changes elsewhere (copy-on-write, SSD wear levelling) the old blocks may
/// survive until reused; the README says so.
pub(crate) fn overwrite(mut file: std::fs::File) -> std::io::Result<()> {
    let zeros = vec![0u8; 1 << 20];
    let mut left = file.metadata()?.len();
    while left > 0 {
        let chunk = usize::try_from(left).unwrap_or(usize::MAX).min(zeros.len());
        file.write_all(zeros.get(..chunk).unwrap_or_default())?;
        left -= chunk as u64;
    }
    file.sync_all()
}

pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Makes a rename in `path`'s folder survive a power cut (Unix; Windows has no handle
/// for folders and commits renames itself).
pub(crate) fn sync_folder(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    if let Some(folder) = path.parent() {
        std::fs::File::open(folder)
            .and_then(|dir| dir.sync_all())
            .with_context(|| format!("Failed to flush {}", folder.display()))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
