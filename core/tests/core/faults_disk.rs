//! A full disk under the data folder: creating a customer and importing a file fail
//! with a message a person can act on, nothing is half-written, and once space is
//! freed both work again in the same open Keydesk.

use crate::helpers::{
    assert_integrity_ok, count, customer_form, TestApp, TmpfsMount, OWNER_PASSWORD,
};
use keydesk_api::CustomerInput;
use keydesk_core::services::{ServiceError, StorageError};
use std::io::Write;
use std::path::Path;

const CUSTOMERS: &str = "SELECT count(*) FROM customers";
const AUDIT_ROWS: &str = "SELECT count(*) FROM audit_log";

/// Writes a file into `dir` until the disk refuses more; returns its path.
fn fill(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    let chunk = vec![0x5a_u8; 64 * 1024];
    let mut size = chunk.len();
    // Smaller and smaller writes, down to one byte, so not a byte is left.
    while size > 0 {
        match file.write(&chunk[..size]) {
            Ok(0) => size /= 2,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::StorageFull => size /= 2,
            Err(e) => panic!("filling the disk: {e}"),
        }
    }
    file.sync_all().ok();
    path
}

fn is_disk_full<T: std::fmt::Debug>(result: &Result<T, ServiceError>) -> String {
    match result {
        Err(error @ ServiceError::Storage(StorageError::Full)) => error.to_string(),
        other => panic!("expected a full disk, got {other:?}"),
    }
}

fn customer(n: usize) -> CustomerInput {
    customer_form(
        &format!("full{n}@customer.test"),
        "Fiona",
        &format!("Full{n}"),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_disk_refuses_a_new_customer_and_an_import_clearly_and_recovers_when_freed() {
    let mount = match TmpfsMount::new("24m") {
        Ok(mount) => mount,
        Err(why) => {
            println!("skipped: cannot mount a tmpfs here ({why})");
            return;
        }
    };
    let app = TestApp::spawn_in(mount.folder()).await;
    let owner = app.create_owner().await;
    app.add_customer(&owner, customer(0)).await;
    let csv_dir = tempfile::tempdir().unwrap();
    let csv = csv_dir.path().join("customers.csv");
    let mut rows = String::from("Email,First name,Last name\n");
    for n in 0..200 {
        rows.push_str(&format!("imported{n}@customer.test,Ivy,Imported{n}\n"));
    }
    std::fs::write(&csv, rows).unwrap();

    let mut file = app.open_file().await;
    // The write-ahead log keeps its size between checkpoints; empty it so that the
    // next change needs new space on the disk, as it would after a long session.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut file)
        .await
        .unwrap();
    let customers_before = count(&mut file, CUSTOMERS).await;
    let audit_before = count(&mut file, AUDIT_ROWS).await;
    let filler = fill(mount.path());

    let created = app.keydesk.create_customer(&owner, customer(1)).await;
    let message = is_disk_full(&created);
    assert!(message.contains("disk is full"), "{message}");
    let imported = app.import_as_guessed(&owner, &csv).await;
    is_disk_full(&imported);
    assert_integrity_ok(&mut file).await;
    assert_eq!(count(&mut file, CUSTOMERS).await, customers_before);
    assert_eq!(count(&mut file, AUDIT_ROWS).await, audit_before);

    std::fs::remove_file(filler).unwrap();
    app.add_customer(&owner, customer(1)).await;
    let outcome = app
        .import_as_guessed(&owner, &csv)
        .await
        .expect("import after freeing");
    assert_eq!(outcome.created, 200);
    assert_eq!(count(&mut file, CUSTOMERS).await, customers_before + 201);
    assert_integrity_ok(&mut file).await;
    drop(file);
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    app.assert_chain_intact(&owner).await;
    app.cleanup().await;
}
