//! A hostile place to run: a second Keydesk on the same folder, a database file
//! replaced by garbage, a read-only data folder, the vault key gone from the keyring.
//! Each is refused with its own clear error, and nothing on disk or in the keyring is
//! overwritten; there is no fallback that would write a secret anywhere else.

use crate::helpers::{
    customer_form, example_binary, files_under, TestApp, TmpfsMount, OWNER_PASSWORD,
};
use keydesk_core::paths::DataPaths;
use keydesk_core::services::StorageError;
use keydesk_core::vault::{KeyStore, KeyringError, OsKeyring};
use keydesk_core::{Keydesk, OpenError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

/// Opens `paths` as the app would, with the real keyring, expecting a refusal.
async fn open_refused(paths: &DataPaths) -> OpenError {
    let clock = keydesk_core::clock::SystemClock;
    match Keydesk::open(paths, Arc::new(OsKeyring), Arc::new(clock)).await {
        Ok(_) => panic!("Keydesk opened {}", paths.data_dir.display()),
        Err(error) => error,
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let files = files_under(dir).into_iter();
    files
        .map(|f| (f.clone(), std::fs::read(&f).unwrap()))
        .collect()
}

/// Removes the keyring entries of a database whose Keydesk is already closed.
fn forget_keys(account: &str) {
    OsKeyring::delete(account).unwrap();
    OsKeyring::delete(&account.replacen("vault-key:", "smtp-password:", 1)).unwrap();
    OsKeyring::delete(&account.replacen("vault-key:", "database-key:", 1)).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_keydesk_on_one_folder_is_refused_until_the_first_closes() {
    let (app, _owner) = TestApp::with_owner().await;

    let second = open_refused(&app.paths).await;
    assert!(matches!(second, OpenError::InUse), "{second:?}");
    assert!(
        second
            .to_string()
            .contains("in use by another Keydesk window"),
        "{second}"
    );

    // Another process: the outbox worker opens the folder as the app does.
    let out = Command::new(example_binary("outbox_worker"))
        .arg(&app.paths.data_dir)
        .stdin(Stdio::null())
        .output()
        .expect("the worker runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a second process ran alongside");
    assert!(
        stderr.contains("in use by another Keydesk window"),
        "{stderr}"
    );

    let app = app.close_keeping_data().await;
    let app = app.reopen().await;
    app.sign_in(OWNER_PASSWORD).await.expect("open again");
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_file_replaced_by_garbage_is_refused_and_left_untouched() {
    let app = TestApp::spawn().await;
    app.create_owner().await;
    let app = app.close_keeping_data().await;
    let account = app.keydesk.keyring_account().to_owned();
    // Bytes that are no SQLite file (a fixed pseudo-random pattern).
    let garbage: Vec<u8> = (0u32..64 * 1024)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(app.paths.database_file(), &garbage).unwrap();
    let before = snapshot(&app.paths.data_dir);

    // To the database key, garbage looks like another key's file: the two cannot be told
    // apart, so the message names both.
    let error = open_refused(&app.paths).await;
    assert!(
        matches!(error, OpenError::Keyring(KeyringError::DatabaseKeyWrong)),
        "{error:?}"
    );
    assert!(error.to_string().contains("left both untouched"), "{error}");
    assert_eq!(std::fs::read(app.paths.database_file()).unwrap(), garbage);
    let after = snapshot(&app.paths.data_dir);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "no file was added or removed"
    );
    assert!(before == after, "a file in the data folder changed");
    forget_keys(&account);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_read_only_data_folder_is_refused_clearly_and_left_as_it_was() {
    let mount = match TmpfsMount::new("16m") {
        Ok(mount) => mount,
        Err(why) => {
            println!("skipped: cannot mount a tmpfs here ({why})");
            return;
        }
    };
    let app = TestApp::spawn_in(mount.folder()).await;
    let owner = app.create_owner().await;
    let customer = customer_form("ro@customer.test", "Rita", "Only");
    app.add_customer(&owner, customer).await;
    let app = app.close_keeping_data().await;
    let before = snapshot(mount.path());

    mount.set_read_only(true);
    let error = open_refused(&app.paths).await;
    assert!(
        matches!(error, OpenError::Storage(StorageError::ReadOnly)),
        "{error:?}"
    );
    assert!(error.to_string().contains("read-only"), "{error}");
    assert!(before == snapshot(mount.path()), "a file changed");

    mount.set_read_only(false);
    let app = app.reopen().await;
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    assert_eq!(app.search(&owner, "Rita").await, ["ro@customer.test"]);
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vault_key_deleted_while_closed_is_reported_missing_and_nothing_is_overwritten() {
    let (app, owner) = TestApp::with_owner().await;
    let form = customer_form("kept@customer.test", "Kim", "Kept");
    let login = app.add_customer_with_login(&owner, form).await;
    let password = app.reveal(&owner, login.handoff_id).await;
    let app = app.close_keeping_data().await;
    let account = app.keydesk.keyring_account().to_owned();
    let key = OsKeyring.load(&account).unwrap().expect("the vault key");
    OsKeyring::delete(&account).unwrap();
    let database = std::fs::read(app.paths.database_file()).unwrap();

    let error = open_refused(&app.paths).await;
    assert!(
        matches!(error, OpenError::Keyring(KeyringError::KeyMissing)),
        "{error:?}"
    );
    assert!(error.to_string().contains("missing"), "{error}");
    assert_eq!(
        OsKeyring.load(&account).unwrap(),
        None,
        "a new key was put in the place of the lost one"
    );
    assert!(
        std::fs::read(app.paths.database_file()).unwrap() == database,
        "the database file changed"
    );

    // The key restored (from a keyring backup): everything sealed opens again.
    OsKeyring.store(&account, &key).unwrap();
    let app = app.reopen().await;
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    let again = app.reveal(&owner, login.handoff_id).await;
    assert_eq!(again.expose(), password.expose());
    app.cleanup().await;
}
