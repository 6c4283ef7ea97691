//! Backups and restore against real files and the real keyring: a backup opens on a
//! machine that never saw the old keyring, bad files are refused with nothing replaced,
//! a restore cut short by a crash is finished or undone, and the daily backups rotate.

use crate::helpers::{
    customer_form, forget_installation, pw, TestApp, OWNER_EMAIL, OWNER_PASSWORD,
};
use crate::smtp::SmtpSink;
use chrono::Duration;
use keydesk_api::{BackupProgress, BackupStatus, Role};
use keydesk_core::auth::Actor;
use keydesk_core::backup::BackupError;
use keydesk_core::services::{AccessError, RestoreError, ServiceError};
use keydesk_core::vault::{OsKeyring, TimedKeyring, KEYRING_TIME_LIMIT};
use keydesk_core::Keydesk;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const PASSPHRASE: &str = "tidal ledger fox 93 orchard";

/// Sets the passphrase and makes one backup as `owner`; returns its path and the
/// progress the window would have seen.
async fn back_up(app: &TestApp, owner: &Actor) -> (PathBuf, Vec<BackupProgress>) {
    let status = app.keydesk.backup_status(owner).await.unwrap();
    if !status.passphrase_set {
        let set = app
            .keydesk
            .set_backup_passphrase(owner, &pw(PASSPHRASE))
            .await;
        assert!(set.unwrap().passphrase_set);
    }
    let seen = Arc::new(Mutex::new(Vec::new()));
    let progress = {
        let seen = seen.clone();
        move |p: BackupProgress| seen.lock().unwrap().push(p)
    };
    let status = app.keydesk.back_up_now(owner, &progress).await.unwrap();
    let newest = status.backups.first().expect("the new backup is listed");
    let seen = seen.lock().unwrap().clone();
    (PathBuf::from(&newest.path), seen)
}

/// An owner with one customer added before a backup and one after; the backup's path.
async fn backed_up_between_two_customers() -> (TestApp, Actor, PathBuf) {
    let (app, owner) = TestApp::with_owner().await;
    let before = customer_form("before@example.com", "Before", "Backup");
    app.add_customer(&owner, before).await;
    let (file, _) = back_up(&app, &owner).await;
    let after = customer_form("after@example.com", "After", "Backup");
    app.add_customer(&owner, after).await;
    (app, owner, file)
}

fn no_progress(_: BackupProgress) {}

/// No half-restored copy and no set-aside database is left in the data folder.
fn assert_no_restore_leftovers(app: &TestApp) {
    let leftovers: Vec<_> = std::fs::read_dir(&app.paths.data_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restoring") || n.contains("before-restore"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Whether a refusal is the one a case expects.
type ExpectedError = fn(&BackupError) -> bool;

fn backup_error(result: Result<impl std::fmt::Debug, ServiceError>) -> BackupError {
    match result {
        Err(ServiceError::Backup(error)) => error,
        other => panic!("expected a backup error, got {other:?}"),
    }
}

fn refused(result: Result<(), RestoreError>) -> BackupError {
    match result {
        Err(RestoreError::Refused(ServiceError::Backup(error))) => error,
        other => panic!("expected a refused backup, got {other:?}"),
    }
}

async fn customer_emails(app: &TestApp, owner: &Actor) -> Vec<String> {
    let mut emails = app.search(owner, "").await;
    emails.sort();
    emails
}

#[tokio::test]
async fn a_backup_restores_on_a_new_machine_and_the_owner_opens_every_pending_login() {
    let (app, owner) = TestApp::with_owner().await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    let sink = SmtpSink::serving(&app.keydesk, &owner).await;
    let mut logins = Vec::new();
    for i in 0..5 {
        let form = customer_form(&format!("kept{i}@example.com"), "Kept", "Customer");
        logins.push(app.add_customer_with_login(&agent, form).await);
    }
    app.keydesk
        .send_welcome_mail(&owner, logins[0].customer_id, "")
        .await
        .unwrap();
    let before = app.reveal_each(&owner, &logins).await;
    let emails = customer_emails(&app, &owner).await;

    let (file, progress) = back_up(&app, &owner).await;
    let last = progress.last().expect("progress was reported");
    assert!(
        last.written > 0 && last.written >= last.expected,
        "{last:?}"
    );
    assert!(file.extension().is_some_and(|e| e == "kdbackup"));
    // The backup holds no password, name or email in the clear.
    let bytes = std::fs::read(&file).unwrap();
    let mut needles: HashSet<Vec<u8>> = before
        .iter()
        .map(|p| p.expose().as_bytes().to_vec())
        .collect();
    let len = needles.iter().next().unwrap().len();
    assert_eq!(crate::helpers::hits(&bytes, &needles, len), 0);
    needles = ["kept0@example.com", "Customer", "agent@agency.test"]
        .iter()
        .map(|t| t.as_bytes().to_vec())
        .collect();
    for needle in &needles {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_slice()),
            "{} in the backup",
            String::from_utf8_lossy(needle)
        );
    }

    // The old machine is gone: its data folder and every keyring entry.
    let old_id = app.keydesk.installation_id().to_owned();
    let kept = tempfile::tempdir().unwrap();
    let carried = kept.path().join(file.file_name().unwrap());
    std::fs::copy(&file, &carried).unwrap();
    drop(sink);
    app.keydesk.close().await;
    forget_installation(&old_id);
    drop(app);

    // A new machine: the first-run screen, nobody signed in.
    let new = TestApp::spawn().await;
    let first_run_id = new.keydesk.installation_id().to_owned();
    assert!(new.keydesk.needs_owner().await.unwrap());
    new.keydesk.authorize_restore(None).await.unwrap();
    let wrong = Keydesk::preview_backup(&carried, &pw("tidal ledger fox 93 orchards")).await;
    assert!(matches!(backup_error(wrong), BackupError::WrongPassphrase));
    let preview = Keydesk::preview_backup(&carried, &pw(PASSPHRASE))
        .await
        .unwrap();
    assert_eq!(
        (
            preview.staff,
            preview.customers,
            preview.pending_logins,
            preview.mails
        ),
        (2, 5, 5, 1)
    );

    let restored_progress = Arc::new(Mutex::new(Vec::new()));
    let seen = restored_progress.clone();
    let (new, result) = new
        .restore(&carried, PASSPHRASE, None, &move |p| {
            seen.lock().unwrap().push(p)
        })
        .await;
    result.unwrap();
    assert!(!restored_progress.lock().unwrap().is_empty());
    assert_eq!(new.keydesk.installation_id(), old_id);
    // The first-run database it replaced is gone, and so are its keys.
    for account in [
        keydesk_core::vault::keyring_account(&first_run_id),
        keydesk_core::vault::database_key_account(&first_run_id),
    ] {
        let key = keydesk_core::vault::KeyStore::load(&OsKeyring, &account).unwrap();
        assert!(key.is_none(), "{account} is still in the keyring");
    }
    assert!(!new.keydesk.needs_owner().await.unwrap());

    // The owner signs in with the password they had; their keys open every login.
    let owner = new.sign_in(OWNER_PASSWORD).await.unwrap();
    let after = new.reveal_each(&owner, &logins).await;
    let expose = |all: &[keydesk_core::domain::PlainPassword]| {
        all.iter()
            .map(|p| p.expose().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(expose(&after), expose(&before));
    assert_eq!(customer_emails(&new, &owner).await, emails);
    new.assert_chain_intact(&owner).await;
    assert_eq!(new.audit_count(&owner, "backup.restored").await, 1);

    // Daily backups go on here with the same passphrase, the restored one counting as
    // the last.
    let status = new.keydesk.backup_status(&owner).await.unwrap();
    assert!(status.passphrase_set);
    assert_eq!(
        status.last_backup_at.as_deref(),
        Some(preview.made_at.as_str())
    );
    let (second, _) = back_up(&new, &owner).await;
    Keydesk::preview_backup(&second, &pw(PASSPHRASE))
        .await
        .unwrap();
    new.cleanup().await;
}

#[tokio::test]
async fn a_wrong_passphrase_or_a_damaged_file_is_refused_and_nothing_is_replaced() {
    let (app, owner, file) = backed_up_between_two_customers().await;
    let emails = customer_emails(&app, &owner).await;

    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(&file).unwrap();
    let variant = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let half = variant("half.kdbackup", &bytes[..bytes.len() / 2 + 100]);
    let page_short = variant("page-short.kdbackup", &bytes[..bytes.len() - 4096]);
    let mut flipped = bytes.clone();
    let middle = bytes.len() / 2 + 37;
    flipped[middle] ^= 0x40;
    let altered = variant("altered.kdbackup", &flipped);
    let csv = variant(
        "customers.csv",
        &b"email,first_name\na@example.com,A\n".repeat(40),
    );
    let plain_sqlite = app.paths.data_dir.join("plain.sqlite3");
    {
        use sqlx::{ConnectOptions, Connection};
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&plain_sqlite)
            .create_if_missing(true)
            .connect()
            .await
            .unwrap();
        sqlx::query("CREATE TABLE t (x)")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }

    let database = app.paths.database_file();
    let app = app.close_keeping_data().await;
    // The database as it was before any attempt: closed, so its log is in the file.
    let unchanged = std::fs::read(&database).unwrap();
    let cases: [(&Path, &str, ExpectedError); 6] = [
        (&file, "a wrong passphrase", |e| {
            matches!(e, BackupError::WrongPassphrase)
        }),
        (&half, PASSPHRASE, |e| matches!(e, BackupError::Damaged(_))),
        (&page_short, PASSPHRASE, |e| {
            matches!(e, BackupError::Damaged(_))
        }),
        (&altered, PASSPHRASE, |e| {
            matches!(e, BackupError::Damaged(_))
        }),
        (&csv, PASSPHRASE, |e| {
            matches!(e, BackupError::Damaged(_) | BackupError::NotABackup)
        }),
        (&plain_sqlite, PASSPHRASE, |e| {
            matches!(e, BackupError::NotABackup)
        }),
    ];
    for (path, passphrase, expected) in cases {
        let preview = Keydesk::preview_backup(path, &pw(passphrase)).await;
        let error = backup_error(preview);
        assert!(expected(&error), "{}: {error:?}", path.display());
        let message = error.to_string();
        assert!(
            ["passphrase", "damaged", "not a Keydesk backup"]
                .iter()
                .any(|words| message.contains(words)),
            "{message}"
        );
        let keyring = TimedKeyring::new(Arc::new(OsKeyring), KEYRING_TIME_LIMIT);
        let clock = Arc::new(app.clock.clone());
        let restored = Keydesk::restore_backup(
            &app.paths,
            keyring,
            clock,
            path,
            &pw(passphrase),
            Some(&owner),
            &no_progress,
        )
        .await;
        let error = refused(restored.map(|_| ()));
        assert!(expected(&error), "{}: {error:?}", path.display());
        // Nothing was replaced: the database is the one from before, byte for byte.
        let now = std::fs::read(&database).unwrap();
        assert!(now == unchanged, "{} changed the database", path.display());
    }
    let app = app.reopen().await;
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    assert_eq!(customer_emails(&app, &owner).await, emails);
    assert_no_restore_leftovers(&app);
    app.cleanup().await;
}

#[tokio::test]
async fn a_restore_over_newer_data_brings_the_backup_back_and_keeps_the_chain_verifiable() {
    let (app, owner, file) = backed_up_between_two_customers().await;
    // The audit log grows past the backup's, and its signed end with it.
    app.assert_chain_intact(&owner).await;

    app.keydesk.authorize_restore(Some(&owner)).await.unwrap();
    let (app, result) = app
        .restore(&file, PASSPHRASE, Some(&owner), &no_progress)
        .await;
    result.unwrap();
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    assert_eq!(
        customer_emails(&app, &owner).await,
        ["before@example.com".to_owned()]
    );
    app.assert_chain_intact(&owner).await;
    let restored = app.audit_entries(&owner).await;
    let entry = restored
        .iter()
        .find(|e| e.action == "backup.restored")
        .expect("the restore is audited");
    assert!(entry.actor.contains(OWNER_EMAIL), "{entry:?}");
    assert!(entry.detail.contains("1 customers"), "{entry:?}");
    assert_no_restore_leftovers(&app);
    app.cleanup().await;
}

#[tokio::test]
async fn a_restore_cut_short_before_its_last_step_is_undone_at_the_next_start() {
    let (app, owner) = TestApp::with_owner().await;
    app.add_customer(&owner, customer_form("mine@example.com", "Mine", "Here"))
        .await;
    let app = app.close_keeping_data().await;
    // What a crash leaves between moving the files aside and noting the restored
    // database's id: the database and its id file aside, a half-copied file in place.
    let database = app.paths.database_file();
    let id_file = database.with_file_name("keydesk.id");
    for file in [&database, &id_file] {
        let aside = PathBuf::from(format!("{}.before-restore", file.display()));
        std::fs::rename(file, aside).unwrap();
    }
    std::fs::write(&database, vec![7u8; 8192]).unwrap();

    let app = app.reopen().await;
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    assert_eq!(
        customer_emails(&app, &owner).await,
        ["mine@example.com".to_owned()]
    );
    assert!(!PathBuf::from(format!("{}.before-restore", database.display())).exists());
    app.cleanup().await;
}

#[tokio::test]
async fn daily_backups_run_when_due_rotate_and_warn_when_overdue() {
    let (app, owner) = TestApp::with_owner().await;
    let status: BackupStatus = app.keydesk.backup_status(&owner).await.unwrap();
    assert!(status.overdue && status.last_backup_at.is_none());
    assert!(status.default_folder);
    assert!(status.folder.ends_with("backups"), "{}", status.folder);
    // No passphrase: nothing to do, and Back up now says what is missing.
    assert!(!app.keydesk.back_up_if_due().await.unwrap());
    let refused = app.keydesk.back_up_now(&owner, &no_progress).await;
    assert!(matches!(backup_error(refused), BackupError::NoPassphrase));
    let weak = app
        .keydesk
        .set_backup_passphrase(&owner, &pw("backup"))
        .await;
    assert!(matches!(weak, Err(ServiceError::Field(f)) if f.field == "passphrase"));
    app.keydesk
        .set_backup_passphrase(&owner, &pw(PASSPHRASE))
        .await
        .unwrap();

    // A chosen folder, created if missing.
    let chosen = tempfile::tempdir().unwrap();
    let folder = chosen.path().join("agency backups");
    let relative = app.keydesk.set_backup_folder(&owner, "backups/here").await;
    assert!(matches!(relative, Err(ServiceError::Field(f)) if f.field == "folder"));
    let status = app
        .keydesk
        .set_backup_folder(&owner, folder.to_str().unwrap())
        .await
        .unwrap();
    assert!(!status.default_folder && folder.is_dir());

    assert!(app.keydesk.back_up_if_due().await.unwrap());
    assert!(
        !app.keydesk.back_up_if_due().await.unwrap(),
        "not due again"
    );
    app.clock.advance(Duration::hours(23));
    assert!(!app.keydesk.back_up_if_due().await.unwrap());
    // One a day for four and a half weeks.
    for _ in 0..31 {
        app.clock.advance(Duration::hours(24));
        assert!(app.keydesk.back_up_if_due().await.unwrap());
    }
    let status = app.keydesk.backup_status(&owner).await.unwrap();
    assert!(!status.overdue);
    let days: Vec<&str> = status.backups.iter().map(|b| &b.made_at[..10]).collect();
    // The last 7 days (Saturday 28 November to Friday 4 December), which cover two ISO
    // weeks, and the newest of the two weeks before.
    assert_eq!(
        days,
        [
            "2026-12-04",
            "2026-12-03",
            "2026-12-02",
            "2026-12-01",
            "2026-11-30",
            "2026-11-29",
            "2026-11-28",
            "2026-11-22",
            "2026-11-15",
        ]
    );
    assert_eq!(
        status.backups.len(),
        std::fs::read_dir(&folder).unwrap().count()
    );
    for backup in &status.backups {
        assert!(backup.bytes > 0 && Path::new(&backup.path).starts_with(&folder));
    }
    assert_eq!(app.audit_count(&owner, "backup.made").await, 32);

    app.clock.advance(Duration::days(3) + Duration::hours(1));
    let status = app.keydesk.backup_status(&owner).await.unwrap();
    assert!(status.overdue, "more than three days since the last backup");
    app.cleanup().await;
}

#[tokio::test]
async fn only_owners_back_up_and_restore_and_strangers_only_before_the_first_owner() {
    let (app, owner) = TestApp::with_owner().await;
    let admin = app.member(&owner, "admin@agency.test", Role::Admin).await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    for actor in [&admin, &agent] {
        let forbidden = |r: Result<(), ServiceError>| {
            matches!(r, Err(ServiceError::Access(AccessError::Forbidden)))
        };
        let k = &app.keydesk;
        assert!(forbidden(k.backup_status(actor).await.map(|_| ())));
        assert!(forbidden(
            k.set_backup_passphrase(actor, &pw(PASSPHRASE))
                .await
                .map(|_| ())
        ));
        assert!(forbidden(k.set_backup_folder(actor, "").await.map(|_| ())));
        assert!(forbidden(
            k.back_up_now(actor, &no_progress).await.map(|_| ())
        ));
        assert!(forbidden(k.authorize_restore(Some(actor)).await));
    }
    let stranger = app.keydesk.authorize_restore(None).await;
    assert!(matches!(
        stranger,
        Err(ServiceError::Access(AccessError::SessionEnded))
    ));
    app.cleanup().await;
}
