//! The database file encrypted at rest: what a copy of the data folder gives away, the
//! first start on a plain database from an earlier version, and a lost or wrong key.

use crate::helpers::{customer_form, file_options, TestApp, OWNER_PASSWORD};
use keydesk_api::{Customer, CustomerInput};
use keydesk_core::auth::Actor;
use keydesk_core::clock::SystemClock;
use keydesk_core::paths::DataPaths;
use keydesk_core::store::encryption::{EncryptionProgress, ID_FILE};
use keydesk_core::vault::{
    KeyStore, KeyringError, OsKeyring, TimedKeyring, VaultKey, KEYRING_TIME_LIMIT,
};
use keydesk_core::{Keydesk, OpenError};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const PLAIN_HEADER: &[u8] = b"SQLite format 3\0";

/// Customers with words found nowhere else, so a hit in the files can only be theirs.
fn customers() -> Vec<CustomerInput> {
    [
        (
            "quirinus.vandermolen@leakcheck.test",
            "Quirinus",
            "Vandermolen",
        ),
        ("ysolde.brightwater@leakcheck.test", "Ysolde", "Brightwater"),
        ("zebulon.harrowgate@leakcheck.test", "Zebulon", "Harrowgate"),
    ]
    .into_iter()
    .map(|(email, first, last)| CustomerInput {
        notes: format!("Prefers calls about the Marrakesh itinerary of {first}"),
        ..customer_form(email, first, last)
    })
    .collect()
}

/// The words of `customers` that must not be readable in the files.
fn sensitive_words(customers: &[CustomerInput]) -> Vec<String> {
    customers
        .iter()
        .flat_map(|c| [c.email.clone(), c.first_name.clone(), c.last_name.clone()])
        .chain(["Marrakesh itinerary".to_owned()])
        .collect()
}

async fn add_all(app: &TestApp, owner: &Actor, customers: &[CustomerInput]) -> Vec<Customer> {
    let mut added = Vec::new();
    for form in customers {
        added.push(app.add_customer(owner, form.clone()).await);
    }
    added
}

fn sidecar(file: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", file.display()))
}

/// The database file and its `-wal` and `-shm`, those that exist, with their bytes.
fn database_files(paths: &DataPaths) -> Vec<(PathBuf, Vec<u8>)> {
    let file = paths.database_file();
    ["", "-wal", "-shm"]
        .into_iter()
        .map(|suffix| sidecar(&file, suffix))
        .filter_map(|path| std::fs::read(&path).ok().map(|bytes| (path, bytes)))
        .collect()
}

/// Every word of `words` found in `bytes`, as `strings` would show it: the word's UTF-8
/// bytes anywhere in the file, any case.
fn found_in(bytes: &[u8], words: &[String]) -> Vec<String> {
    let lower = bytes.to_ascii_lowercase();
    words
        .iter()
        .filter(|word| {
            let word = word.to_ascii_lowercase();
            lower.windows(word.len()).any(|w| w == word.as_bytes())
        })
        .cloned()
        .collect()
}

fn assert_no_plain_words(paths: &DataPaths, words: &[String]) {
    let files = database_files(paths);
    assert!(!files.is_empty());
    for (path, bytes) in files {
        let found = found_in(&bytes, words);
        assert!(found.is_empty(), "{found:?} readable in {}", path.display());
        assert!(
            !bytes.starts_with(PLAIN_HEADER),
            "{} is plain",
            path.display()
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn no_customer_name_email_or_note_is_readable_in_the_database_files() {
    let (app, owner) = TestApp::with_owner().await;
    let customers = customers();
    add_all(&app, &owner, &customers).await;
    let words = sensitive_words(&customers);
    // The scan finds the words where they are.
    let planted = format!("xx{}yy", customers[1].email.to_uppercase());
    assert!(found_in(planted.as_bytes(), &words).contains(&customers[1].email));

    // While open: the changes sit in the WAL.
    assert!(sidecar(&app.paths.database_file(), "-wal").exists());
    assert_no_plain_words(&app.paths, &words);
    // Closed: checkpointed into the file.
    let app = app.close_keeping_data().await;
    assert_no_plain_words(&app.paths, &words);

    let app = app.reopen().await;
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    assert_eq!(
        app.search(&owner, "Brightwater").await,
        [customers[1].email.clone()]
    );
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_database_file_is_no_database_to_plain_sqlite() {
    let (app, owner) = TestApp::with_owner().await;
    add_all(&app, &owner, &customers()).await;
    let app = app.close_keeping_data().await;

    let opened = SqliteConnectOptions::new()
        .filename(app.paths.database_file())
        .read_only(true)
        .connect()
        .await;
    let error = match opened {
        Ok(mut conn) => {
            let read = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sqlite_master")
                .fetch_one(&mut conn)
                .await;
            conn.close().await.ok();
            read.expect_err("plain SQLite read the encrypted file")
        }
        Err(error) => error,
    };
    let code = error
        .as_database_error()
        .and_then(|e| e.code())
        .map(|c| c.into_owned());
    assert_eq!(code.as_deref(), Some("26"), "not a database: {error}");

    // With the key from the keyring, it is the Keydesk database.
    let mut conn = app.open_file().await;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customers")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(count, 3);
    conn.close().await.unwrap();
    let app = app.reopen().await;
    app.cleanup().await;
}

/// Turns the closed database of `app` into what an earlier version left: the same
/// content in a plain SQLite file (WAL mode), no key noted beside it and no database key
/// in the keyring (the vault key stays: the earlier version had it).
async fn make_plain_like_an_earlier_version(app: &TestApp) {
    let file = app.paths.database_file();
    let plain = file.with_file_name("plain.sqlite3");
    // Made first: connections without `create_if_missing` cannot create attached files.
    std::fs::write(&plain, b"").unwrap();
    let mut conn = app.open_file().await;
    sqlx::query("ATTACH DATABASE ? AS plain KEY ''")
        .bind(plain.to_str().unwrap())
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("SELECT sqlcipher_export('plain')")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("PRAGMA plain.journal_mode = WAL")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("DETACH DATABASE plain")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    OsKeyring::delete(app.keydesk.database_key_account()).unwrap();
    std::fs::remove_file(app.paths.data_dir.join(ID_FILE)).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sidecar(&file, suffix));
    }
    std::fs::rename(&plain, &file).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(PLAIN_HEADER));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plain_database_is_encrypted_at_first_open_with_every_row_kept() {
    let (app, owner) = TestApp::with_owner().await;
    let customers = customers();
    let added = add_all(&app, &owner, &customers).await;
    let app = app.close_keeping_data().await;
    let counts_before = table_counts(&app).await;
    make_plain_like_an_earlier_version(&app).await;
    let words = sensitive_words(&customers);
    let file = app.paths.database_file();
    assert!(
        !found_in(&std::fs::read(&file).unwrap(), &words).is_empty(),
        "the plain file shows the customers"
    );
    // An attempt cut short earlier left its half-written copy behind.
    let leftover = sidecar(&file, ".encrypting");
    std::fs::write(&leftover, b"half of an encrypted copy").unwrap();

    let seen = Arc::new(Mutex::new(Vec::<EncryptionProgress>::new()));
    let keyring = TimedKeyring::new(Arc::new(OsKeyring), KEYRING_TIME_LIMIT);
    let keydesk = Keydesk::open_reporting(&app.paths, keyring, Arc::new(SystemClock), &{
        let seen = seen.clone();
        move |p| seen.lock().unwrap().push(p)
    })
    .await
    .expect("the plain database opens, encrypted");
    // The same installation: its vault key, and a database key named after it.
    assert_eq!(keydesk.keyring_account(), app.keydesk.keyring_account());
    assert_eq!(
        keydesk.database_key_account(),
        app.keydesk.database_key_account()
    );
    keydesk.close().await;

    let last = *seen.lock().unwrap().last().expect("progress was reported");
    // The encrypted copy keeps room for SQLCipher's nonce and MAC on every page.
    assert!(
        last.expected > 0 && last.written >= last.expected,
        "{last:?}"
    );
    assert!(!leftover.exists(), "the leftover copy was removed");
    let left: Vec<_> = std::fs::read_dir(&app.paths.data_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("sqlite3") && name != "keydesk.sqlite3")
        .collect();
    assert!(left.is_empty(), "no other database file is left: {left:?}");
    assert_no_plain_words(&app.paths, &words);

    // Every row is there, search finds the customers, and the next start just opens
    // (the file is not replaced again).
    assert_eq!(table_counts(&app).await, counts_before);
    let identity = file_identity(&file);
    let app = app.reopen().await;
    assert_eq!(file_identity(&file), identity);
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    for (form, customer) in customers.iter().zip(&added) {
        assert_eq!(
            app.search(&owner, &form.last_name).await,
            std::slice::from_ref(&customer.email)
        );
    }
    assert_no_plain_words(&app.paths, &words);
    app.cleanup().await;
}

/// The file's inode, which a rename over it changes (Unix).
fn file_identity(path: &Path) -> Option<u64> {
    #[cfg(unix)]
    return Some(std::os::unix::fs::MetadataExt::ino(
        &std::fs::metadata(path).unwrap(),
    ));
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Rows per table of the database, read with its key.
async fn table_counts(app: &TestApp) -> Vec<(String, i64)> {
    // The key read now: the encryption may have made a new one since the app opened.
    let mut conn = file_options(&app.paths).connect().await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
         ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut counts = Vec::new();
    for table in tables {
        let count: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM \"{table}\""
        )))
        .fetch_one(&mut conn)
        .await
        .unwrap();
        counts.push((table, count));
    }
    conn.close().await.unwrap();
    assert!(
        counts.iter().any(|(t, n)| t == "customers" && *n == 3),
        "{counts:?}"
    );
    counts
}

async fn open_refused(paths: &DataPaths) -> OpenError {
    match Keydesk::open(paths, Arc::new(OsKeyring), Arc::new(SystemClock)).await {
        Ok(_) => panic!("Keydesk opened {}", paths.data_dir.display()),
        Err(error) => error,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_or_wrong_database_key_is_refused_and_nothing_is_written() {
    let (app, owner) = TestApp::with_owner().await;
    add_all(&app, &owner, &customers()).await;
    let app = app.close_keeping_data().await;
    let account = app.keydesk.database_key_account().to_owned();
    let key = OsKeyring.load(&account).unwrap().expect("the database key");
    let id_file = app.paths.data_dir.join(ID_FILE);
    let before = database_files(&app.paths);

    // The keyring entry removed.
    OsKeyring::delete(&account).unwrap();
    let error = open_refused(&app.paths).await;
    assert!(
        matches!(error, OpenError::Keyring(KeyringError::DatabaseKeyMissing)),
        "{error:?}"
    );
    assert!(error.to_string().contains("missing"), "{error}");
    assert_eq!(
        OsKeyring.load(&account).unwrap(),
        None,
        "a new key was stored"
    );
    assert!(database_files(&app.paths) == before, "the database changed");

    // Another key in its place.
    let other = VaultKey::generate().unwrap();
    OsKeyring.store(&account, &other).unwrap();
    let error = open_refused(&app.paths).await;
    assert!(
        matches!(error, OpenError::Keyring(KeyringError::DatabaseKeyWrong)),
        "{error:?}"
    );
    assert!(error.to_string().contains("does not open"), "{error}");
    assert_eq!(OsKeyring.load(&account).unwrap(), Some(other));
    assert!(database_files(&app.paths) == before, "the database changed");

    // The note of which key it is lost: the key cannot be found.
    OsKeyring.store(&account, &key).unwrap();
    let id = std::fs::read(&id_file).unwrap();
    std::fs::remove_file(&id_file).unwrap();
    let error = open_refused(&app.paths).await;
    assert!(
        matches!(error, OpenError::Keyring(KeyringError::DatabaseKeyMissing)),
        "{error:?}"
    );
    assert!(database_files(&app.paths) == before, "the database changed");
    assert_eq!(OsKeyring.load(&account).unwrap(), Some(key));

    // Both restored (from backups): it opens as before.
    std::fs::write(&id_file, id).unwrap();
    let app = app.reopen().await;
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    assert_eq!(app.search(&owner, "Harrowgate").await.len(), 1);
    app.cleanup().await;
}
