//! Writing, checking and reading one backup file.
//!
//! A backup is a SQLCipher database keyed with the backup key and its salt: the live
//! database copied with `sqlcipher_export` in one read transaction, plus a
//! `backup_manifest` table (format, when, which installation, and the vault key that
//! seals what the database holds). It is written under a `.partial` name, checked page by
//! page, flushed, and only then renamed to its final name, so a file with the final
//! name is always a whole backup.

use super::BackupError;
use crate::paths;
use crate::said::Said;
use crate::store::encryption::{
    check_encrypted, export_database, flush_file, keyed_options, sync_folder, with_suffix,
};
use crate::vault::{BackupKey, DatabaseKey, VaultKey, BACKUP_SALT_BYTES};
use anyhow::{bail, Context};
use chrono::{DateTime, NaiveDateTime, Utc};
use keydesk_api::{BackupFile, BackupPreview};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};
use std::io::Read;
use std::path::{Path, PathBuf};

pub const BACKUP_EXTENSION: &str = "kdbackup";
const NAME_PREFIX: &str = "keydesk-backup-";
const NAME_TIME: &str = "%Y-%m-%d-%H%M%S";
const PARTIAL_SUFFIX: &str = ".partial";
/// The layout of `backup_manifest`; a backup of another format is refused, not guessed.
const FORMAT: &str = "1";
/// Every SQLite page size is a multiple of this: a file of another length was cut short.
const PAGE_MULTIPLE: u64 = 512;

/// What a backup says of itself.
pub struct BackupManifest {
    pub installation_id: String,
    pub vault_key: VaultKey,
    pub made_at: DateTime<Utc>,
}

impl std::fmt::Debug for BackupManifest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BackupManifest")
            .field("installation_id", &self.installation_id)
            .field("made_at", &self.made_at)
            .finish_non_exhaustive()
    }
}

/// A backup that opened with its passphrase and checked out whole.
#[derive(Debug)]
pub struct OpenedBackup {
    pub key: BackupKey,
    pub manifest: BackupManifest,
    pub preview: BackupPreview,
}

fn file_name(made_at: DateTime<Utc>, attempt: u32) -> String {
    let stamp = made_at.format(NAME_TIME);
    if attempt == 0 {
        format!("{NAME_PREFIX}{stamp}.{BACKUP_EXTENSION}")
    } else {
        format!("{NAME_PREFIX}{stamp}-{attempt}.{BACKUP_EXTENSION}")
    }
}

/// When the backup named `name` was made (UTC, from its name), if it is one of ours.
fn made_at_of(name: &str) -> Option<DateTime<Utc>> {
    let stem = name
        .strip_prefix(NAME_PREFIX)?
        .strip_suffix(BACKUP_EXTENSION)?
        .strip_suffix('.')?;
    let stamp = stem.get(..17)?;
    let rest = stem.get(17..)?;
    if !(rest.is_empty()
        || rest
            .strip_prefix('-')
            .is_some_and(|n| n.parse::<u32>().is_ok()))
    {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, NAME_TIME)
        .ok()
        .map(|t| t.and_utc())
}

/// The backups in `folder`, newest first; none if the folder does not exist yet.
pub fn list(folder: &Path) -> anyhow::Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("Failed to read {}", folder.display())),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("Failed to read {}", folder.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(made_at) = made_at_of(&name) else {
            continue;
        };
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        if !metadata.is_file() {
            continue;
        }
        files.push(BackupFile {
            path: entry.path().to_string_lossy().into_owned(),
            name,
            made_at: made_at.to_rfc3339(),
            bytes: metadata.len(),
        });
    }
    // RFC 3339 in UTC sorts as time does; the name breaks ties within a second.
    files.sort_by(|a, b| (&b.made_at, &b.name).cmp(&(&a.made_at, &a.name)));
    Ok(files)
}

/// Writes a backup of the database `source` connects to into `folder` (created
/// owner-only if missing) and returns its path. `progress` hears the bytes written.
pub async fn write(
    source: SqliteConnectOptions,
    folder: &Path,
    key: &BackupKey,
    contents: &BackupManifest,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> anyhow::Result<PathBuf> {
    paths::create_private_dir(folder)?;
    remove_partials(folder)?;
    let mut attempt = 0;
    let path = loop {
        let path = folder.join(file_name(contents.made_at, attempt));
        if !path.exists() {
            break path;
        }
        attempt += 1;
    };
    let partial = with_suffix(&path, PARTIAL_SUFFIX);
    let result = write_partial(source, &partial, key, contents, progress).await;
    if let Err(error) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    std::fs::rename(&partial, &path)
        .with_context(|| format!("Failed to name the backup {}", path.display()))?;
    sync_folder(&path)?;
    Ok(path)
}

async fn write_partial(
    source: SqliteConnectOptions,
    partial: &Path,
    key: &BackupKey,
    contents: &BackupManifest,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> anyhow::Result<()> {
    // Created owner-only before SQLCipher writes into it (it keeps an existing file's mode).
    drop(paths::open_private_file(partial, false)?);
    let raw_key = key.raw_key();
    let mut live = source
        .connect()
        .await
        .context("Failed to open the database to back it up")?;
    let copied = export_database(&mut live, partial, &raw_key, progress).await;
    live.close().await.ok();
    copied?;

    let mut backup = keyed_options(partial, &raw_key)
        .connect()
        .await
        .context("Failed to open the new backup")?;
    write_manifest(&mut backup, contents).await?;
    check_pages(&mut backup).await?;
    backup.close().await.ok();
    flush_file(partial)?;
    Ok(())
}

async fn write_manifest(
    backup: &mut SqliteConnection,
    contents: &BackupManifest,
) -> anyhow::Result<()> {
    let mut tx = backup.begin().await?;
    sqlx::query("CREATE TABLE backup_manifest (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        .execute(&mut *tx)
        .await?;
    let rows: [(&str, Vec<u8>); 4] = [
        ("format", FORMAT.as_bytes().to_vec()),
        ("made_at", contents.made_at.to_rfc3339().into_bytes()),
        (
            "installation_id",
            contents.installation_id.as_bytes().to_vec(),
        ),
        ("vault_key", contents.vault_key.as_bytes().to_vec()),
    ];
    for (key, value) in rows {
        sqlx::query("INSERT INTO backup_manifest (key, value) VALUES (?, ?)")
            .bind(key)
            .bind(value)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit()
        .await
        .context("Failed to write the backup's manifest")
}

/// Every page's MAC (`cipher_integrity_check`), then SQLite's own structure check.
async fn check_pages(conn: &mut SqliteConnection) -> anyhow::Result<()> {
    let failures: Vec<String> = sqlx::query_scalar("PRAGMA cipher_integrity_check")
        .fetch_all(&mut *conn)
        .await
        .context("Failed to check the backup's pages")?;
    if let Some(first) = failures.first() {
        bail!(
            "{} pages fail their check, the first: {first}",
            failures.len()
        );
    }
    let result: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut *conn)
        .await
        .context("Failed to check the backup's structure")?;
    if result != "ok" {
        bail!("its structure does not check out: {result}");
    }
    Ok(())
}

/// Deletes what an interrupted backup left in `folder`.
fn remove_partials(folder: &Path) -> anyhow::Result<()> {
    let suffix = format!(".{BACKUP_EXTENSION}{PARTIAL_SUFFIX}");
    for entry in std::fs::read_dir(folder)
        .with_context(|| format!("Failed to read {}", folder.display()))?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(NAME_PREFIX) && name.ends_with(&suffix) {
            std::fs::remove_file(entry.path())
                .with_context(|| format!("Failed to remove {}", entry.path().display()))?;
            tracing::info!("removed an unfinished backup");
        }
    }
    Ok(())
}

/// Opens the backup at `path` with `passphrase`, checks every page, and reads what it
/// holds. Changes nothing.
pub async fn open(
    path: &Path,
    passphrase: &crate::domain::PlainPassword,
) -> Result<OpenedBackup, BackupError> {
    let (salt, bytes) = read_salt(path)?;
    let phrase = passphrase.clone();
    let key = tokio::task::spawn_blocking(move || BackupKey::derive(&phrase, salt))
        .await
        .map_err(|e| BackupError::Unreadable(Said::Text(e.to_string())))?
        .map_err(|e| BackupError::Unreadable(Said::Text(e.to_string())))?;
    let mut conn = keyed_options(path, &key.raw_key())
        .read_only(true)
        .connect()
        .await
        .map_err(first_read_error)?;
    let result = read_opened(&mut conn, path, bytes).await;
    conn.close().await.ok();
    let (manifest, preview) = result?;
    Ok(OpenedBackup {
        key,
        manifest,
        preview,
    })
}

/// The salt SQLCipher wrote as the file's first bytes, and the file's size.
fn read_salt(path: &Path) -> Result<([u8; BACKUP_SALT_BYTES], u64), BackupError> {
    let unreadable = |e: std::io::Error| {
        BackupError::Unreadable(if e.kind() == std::io::ErrorKind::NotFound {
            Said::id("error-backup-no-file")
        } else {
            Said::Text(e.to_string())
        })
    };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let metadata = file.metadata().map_err(unreadable)?;
    let bytes = metadata.len();
    if !metadata.is_file() {
        return Err(BackupError::NotABackup);
    }
    let mut salt = [0u8; BACKUP_SALT_BYTES];
    if bytes < PAGE_MULTIPLE {
        return Err(BackupError::NotABackup);
    }
    file.read_exact(&mut salt).map_err(unreadable)?;
    if &salt == b"SQLite format 3\0" {
        // A plain SQLite database: not encrypted, so not a backup of ours.
        return Err(BackupError::NotABackup);
    }
    if bytes % PAGE_MULTIPLE != 0 {
        return Err(BackupError::Damaged(Said::id("error-backup-cut-short")));
    }
    Ok((salt, bytes))
}

async fn read_opened(
    conn: &mut SqliteConnection,
    path: &Path,
    bytes: u64,
) -> Result<(BackupManifest, BackupPreview), BackupError> {
    // The first read decrypts page 1: a wrong key fails here.
    let _tables: i64 = sqlx::query_scalar("SELECT count(*) FROM sqlite_master")
        .fetch_one(&mut *conn)
        .await
        .map_err(first_read_error)?;
    check_pages(conn)
        .await
        .map_err(|e| BackupError::Damaged(Said::Text(format!("{e:#}"))))?;
    let has_manifest: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' \
         AND name = 'backup_manifest')",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(damaged)?;
    if !has_manifest {
        return Err(BackupError::NotABackup);
    }
    let rows: Vec<(String, Vec<u8>)> = sqlx::query_as("SELECT key, value FROM backup_manifest")
        .fetch_all(&mut *conn)
        .await
        .map_err(damaged)?;
    let value = |name: &str| {
        rows.iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_slice())
    };
    if value("format") != Some(FORMAT.as_bytes()) {
        let other_version = Said::id("error-backup-other-version");
        return Err(BackupError::Unreadable(other_version));
    }
    let text = |name: &str| {
        value(name)
            .and_then(|v| std::str::from_utf8(v).ok())
            .map(str::to_owned)
            .ok_or(BackupError::NotABackup)
    };
    let made_at = DateTime::parse_from_rfc3339(&text("made_at")?)
        .map_err(|_| BackupError::NotABackup)?
        .with_timezone(&Utc);
    let manifest = BackupManifest {
        installation_id: text("installation_id")?,
        vault_key: value("vault_key")
            .and_then(VaultKey::from_bytes)
            .ok_or(BackupError::NotABackup)?,
        made_at,
    };
    let staff = count(conn, "SELECT count(*) FROM staff").await?;
    let customers = count(conn, "SELECT count(*) FROM customers").await?;
    let pending_logins = count(
        conn,
        "SELECT count(*) FROM credential_handoffs WHERE state = 'pending'",
    )
    .await?;
    let mails = count(conn, "SELECT count(*) FROM outbox").await?;
    let preview = BackupPreview {
        path: path.to_string_lossy().into_owned(),
        made_at: made_at.to_rfc3339(),
        staff,
        customers,
        pending_logins,
        mails,
        bytes,
    };
    Ok((manifest, preview))
}

async fn count(conn: &mut SqliteConnection, sql: &'static str) -> Result<u64, BackupError> {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(conn)
        .await
        .map(|n| u64::try_from(n).unwrap_or_default())
        .map_err(|_| BackupError::NotABackup)
}

/// The first page does not decrypt ("not a database"): the key is wrong, or that very
/// page was damaged, which no key can tell apart. Anything else is damage further in.
fn first_read_error(error: sqlx::Error) -> BackupError {
    const SQLITE_NOTADB: i32 = 26;
    let code = error
        .as_database_error()
        .and_then(|e| e.code())
        .and_then(|code| code.parse::<i32>().ok());
    match code {
        Some(code) if code & 0xff == SQLITE_NOTADB => BackupError::WrongPassphrase,
        _ => damaged(error),
    }
}

fn damaged(error: sqlx::Error) -> BackupError {
    BackupError::Damaged(Said::Text(error.to_string()))
}

/// Copies the backup at `backup` (opened with `key`) into a new database file at
/// `target`, encrypted with `database_key`, without the manifest, and checks it.
pub async fn restore_into(
    backup: &Path,
    key: &BackupKey,
    target: &Path,
    database_key: &DatabaseKey,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> anyhow::Result<()> {
    drop(paths::open_private_file(target, false)?);
    let mut source = keyed_options(backup, &key.raw_key())
        .connect()
        .await
        .context("Failed to open the backup")?;
    let raw_key = database_key.pragma_value();
    let copied = export_database(&mut source, target, raw_key.trim_matches('"'), progress).await;
    source.close().await.ok();
    copied?;
    let mut restored = crate::store::encryption::connect_options(target, database_key)
        .connect()
        .await
        .context("Failed to open the restored database")?;
    sqlx::query("DROP TABLE backup_manifest")
        .execute(&mut restored)
        .await
        .context("Failed to tidy the restored database")?;
    restored.close().await.ok();
    check_encrypted(target, database_key).await?;
    flush_file(target)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_time_and_only_ours_are_read_back() {
        let made_at = DateTime::parse_from_rfc3339("2026-12-01T02:15:09Z")
            .unwrap()
            .with_timezone(&Utc);
        let name = file_name(made_at, 0);
        assert_eq!(name, "keydesk-backup-2026-12-01-021509.kdbackup");
        assert_eq!(made_at_of(&name), Some(made_at));
        assert_eq!(made_at_of(&file_name(made_at, 2)), Some(made_at));
        for other in [
            "keydesk-backup-2026-12-01-021509.kdbackup.partial",
            "holiday.jpg",
            "keydesk-backup-yesterday.kdbackup",
            "keydesk-backup-2026-13-01-021509.kdbackup",
        ] {
            assert_eq!(made_at_of(other), None, "{other}");
        }
    }
}
