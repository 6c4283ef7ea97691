//! Keydesk killed (SIGKILL) in the middle of long work, then opened again: the file is
//! sound, everything committed before the kill is there, nothing is doubled, and
//! running the work again finishes it. The work runs in `examples/bulk_work.rs`, a
//! process of its own that prints its progress, so the test can kill it midway.

use crate::helpers::{
    assert_integrity_ok, count, customer_form, example_binary, TestApp, OWNER_EMAIL, OWNER_PASSWORD,
};
use keydesk_api::GenerateLoginsProgress;
use keydesk_core::domain::{CustomerId, HandoffId};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const CUSTOMERS: &str = "SELECT count(*) FROM customers";
const DISTINCT_EMAILS: &str = "SELECT count(DISTINCT lower(email)) FROM customers";
const LOGINS: &str = "SELECT count(*) FROM customer_accounts WHERE password_hash IS NOT NULL";
const PENDING: &str = "SELECT count(*) FROM credential_handoffs WHERE state = 'pending'";
/// Logins without their sealed password waiting: a login half-written.
const LOGINS_WITHOUT_HANDOFF: &str = "SELECT count(*) FROM customer_accounts a \
     WHERE a.password_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM credential_handoffs h \
     WHERE h.customer_id = a.customer_id AND h.state = 'pending')";

/// Runs `bulk_work DATA_DIR <work...>` signed in as the owner and kills it once its
/// progress reaches `midway`. Returns the last progress it printed before the kill.
fn kill_midway(data_dir: &Path, work: &[&str], midway: u64) -> u64 {
    let binary = example_binary("bulk_work");
    let mut child = Command::new(&binary)
        .arg(data_dir)
        .args(work)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", binary.display()));
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{OWNER_EMAIL}\n{OWNER_PASSWORD}").unwrap();
    let (lines, seen) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    // Only a bound for a hung process: on a busy machine the work takes a while.
    let deadline = Instant::now() + Duration::from_secs(600);
    let mut done = 0;
    while done < midway {
        let left = deadline.saturating_duration_since(Instant::now());
        match seen.recv_timeout(left) {
            Ok(line) => {
                assert!(!line.starts_with("finished"), "finished before midway");
                let mut words = line.split_whitespace().skip(1);
                done = words.next().and_then(|w| w.parse().ok()).unwrap_or(done);
            }
            Err(e) => {
                let _ = child.kill();
                panic!(
                    "no progress to {midway} ({e}); last {done}: {:?}",
                    child.wait()
                );
            }
        }
    }
    child.kill().expect("SIGKILL");
    let status = child.wait().unwrap();
    assert!(!status.success(), "the work ended by itself: {status}");
    done
}

/// A CSV file of `rows` customers, `person<n>@import.test` for n from 0.
fn write_csv(dir: &Path, rows: usize) -> std::path::PathBuf {
    let mut text = String::from("Email,First name,Last name\n");
    for n in 0..rows {
        text.push_str(&format!("person{n}@import.test,Pat,Person{n}\n"));
    }
    let path = dir.join("customers.csv");
    std::fs::write(&path, text).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_killed_midway_keeps_what_was_there_and_a_rerun_completes_it_once() {
    const ROWS: usize = 20_000;
    let (app, owner) = TestApp::with_owner().await;
    // Customers from before the import; two of them are also rows of the file.
    for n in [0, 7, 123_456] {
        let form = customer_form(&format!("person{n}@import.test"), "Sam", "Before");
        app.add_customer(&owner, form).await;
    }
    let dir = tempfile::tempdir().unwrap();
    let csv = write_csv(dir.path(), ROWS);
    let app = app.close_keeping_data().await;

    let file = csv.to_str().unwrap();
    let reached = kill_midway(&app.paths.data_dir, &["import", file], ROWS as u64 / 2);
    println!("killed at {reached} of {ROWS} rows");

    let mut db = app.open_file().await;
    assert_integrity_ok(&mut db).await;
    // The import is one transaction: killed before its commit, none of it is kept.
    assert_eq!(count(&mut db, CUSTOMERS).await, 3);
    drop(db);

    // The lock of the killed process went with it: the app opens the folder.
    let app = app.reopen().await;
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    assert_eq!(app.search(&owner, "Before").await.len(), 3);
    let outcome = app.import_as_guessed(&owner, &csv).await.expect("import");
    assert_eq!((outcome.created, outcome.skipped), (ROWS as u64 - 2, 2));
    let mut db = app.open_file().await;
    assert_integrity_ok(&mut db).await;
    assert_eq!(count(&mut db, CUSTOMERS).await, ROWS as i64 + 1);
    assert_eq!(count(&mut db, DISTINCT_EMAILS).await, ROWS as i64 + 1);
    drop(db);

    // Run once more, as a person unsure whether it went through would: nothing doubles.
    let again = app.import_as_guessed(&owner, &csv).await.expect("import");
    assert_eq!((again.created, again.skipped), (0, ROWS as u64));
    app.assert_chain_intact(&owner).await;
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn logins_generated_before_a_kill_are_kept_whole_and_a_rerun_makes_only_the_rest() {
    const CUSTOMERS_WITHOUT_LOGIN: usize = 2_000;
    let (app, owner) = TestApp::with_owner().await;
    let dir = tempfile::tempdir().unwrap();
    let csv = write_csv(dir.path(), CUSTOMERS_WITHOUT_LOGIN);
    app.import_as_guessed(&owner, &csv).await.expect("import");
    let app = app.close_keeping_data().await;

    let total = CUSTOMERS_WITHOUT_LOGIN as u64;
    let reached = kill_midway(&app.paths.data_dir, &["generate-logins"], total / 2);
    println!("killed after {reached} of {total} logins");

    let mut db = app.open_file().await;
    assert_integrity_ok(&mut db).await;
    let kept = count(&mut db, LOGINS).await;
    // Progress is told after each login's commit: all those told are there.
    assert!(
        kept as u64 >= reached,
        "{kept} logins kept, {reached} reported"
    );
    assert!((kept as u64) < total, "killed too late to test anything");
    assert_eq!(count(&mut db, PENDING).await, kept);
    assert_eq!(count(&mut db, LOGINS_WITHOUT_HANDOFF).await, 0);
    let (first_handoff, first_customer): (i64, i64) = sqlx::query_as(
        "SELECT id, customer_id FROM credential_handoffs WHERE state = 'pending' ORDER BY id",
    )
    .fetch_one(&mut db)
    .await
    .unwrap();
    drop(db);

    let app = app.reopen().await;
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    let all: Vec<i64> = sqlx::query_scalar("SELECT id FROM customers ORDER BY id")
        .fetch_all(app.keydesk.store().reader())
        .await
        .unwrap();
    let all: Vec<CustomerId> = all.into_iter().map(CustomerId).collect();
    let outcome = app
        .keydesk
        .generate_logins(
            &owner,
            &all,
            &|_: GenerateLoginsProgress| {},
            &AtomicBool::new(false),
        )
        .await
        .unwrap();
    assert_eq!(outcome.skipped, kept as u64);
    assert_eq!(outcome.generated, total - kept as u64);
    let mut db = app.open_file().await;
    assert_integrity_ok(&mut db).await;
    assert_eq!(count(&mut db, LOGINS).await, total as i64);
    assert_eq!(count(&mut db, PENDING).await, total as i64);
    drop(db);

    // A login made by the killed process: its sealed password opens and signs in.
    let password = app.reveal(&owner, HandoffId(first_handoff)).await;
    assert!(
        app.password_works(CustomerId(first_customer), password.expose())
            .await
    );
    app.assert_chain_intact(&owner).await;
    app.cleanup().await;
}
