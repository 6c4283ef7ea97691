//! What Keydesk writes to disk: owner-only folders and files, and exports that exist
//! only together with their audit row.

use crate::helpers::TestApp;
use keydesk_api::{AuditFilter, CustomerQuery};
use keydesk_core::logging::DailyLogFile;
use sqlx::Connection;
use std::path::{Path, PathBuf};

/// Every file and folder under `root`, `root` included.
fn walk(root: &Path) -> Vec<PathBuf> {
    let mut found = vec![root.to_path_buf()];
    let mut i = 0;
    while let Some(path) = found.get(i).cloned() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                found.push(entry.unwrap().path());
            }
        }
        i += 1;
    }
    found
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Folders 0700 and files 0600, for everything under the data folder and the export.
#[cfg(unix)]
fn assert_private(data_dir: &Path, export: &Path) {
    let mut checked = 0;
    for path in walk(data_dir) {
        let expected = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(
            mode(&path),
            expected,
            "{} is {:o}",
            path.display(),
            mode(&path)
        );
        checked += 1;
    }
    assert_eq!(mode(export), 0o600, "the export is {:o}", mode(export));
    // The folder, the log folder, the database with its -wal and -shm, a log file.
    assert!(
        checked >= 6,
        "only {checked} paths found under the data folder"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn everything_keydesk_writes_is_readable_by_its_user_only() {
    let (app, owner) = TestApp::with_owner().await;
    app.keydesk.sign_out(&owner).await.unwrap();
    let owner = app.sign_in(crate::helpers::OWNER_PASSWORD).await.unwrap();
    let out = tempfile::tempdir().unwrap();
    let export = app
        .keydesk
        .export_audit_csv(&owner, &AuditFilter::default(), out.path())
        .await
        .unwrap();
    // A line logged through the file writer the app logs with.
    let log_file = DailyLogFile::open(&app.paths.log_dir).unwrap();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(log_file))
        .with_ansi(false)
        .finish();
    tracing::subscriber::with_default(subscriber, || tracing::info!("a line for the test"));
    let logs = walk(&app.paths.log_dir);
    assert!(
        logs.iter()
            .any(|p| std::fs::read_to_string(p)
                .is_ok_and(|text| text.contains("a line for the test"))),
        "the log line was not written"
    );
    let mut wal = app.paths.database_file().into_os_string();
    wal.push("-wal");
    assert!(Path::new(&wal).exists(), "the database runs in WAL mode");
    assert_private(&app.paths.data_dir, Path::new(&export.path));

    // Left open by an earlier version: tightened when Keydesk opens them again.
    for path in walk(&app.paths.data_dir) {
        set_mode(&path, if path.is_dir() { 0o755 } else { 0o644 });
    }
    let app = app.restart().await;
    DailyLogFile::open(&app.paths.log_dir).unwrap();
    assert_private(&app.paths.data_dir, Path::new(&export.path));
    app.cleanup().await;
}

async fn refuse_export_audits(app: &TestApp, refuse: bool) {
    let mut conn = app.open_file().await;
    let sql = if refuse {
        // The audit row cannot be written, as with a full disk or a locked database.
        "CREATE TRIGGER refuse_export_audits BEFORE INSERT ON audit_log
         WHEN NEW.action IN ('audit.exported', 'customers.exported')
         BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"
    } else {
        "DROP TRIGGER refuse_export_audits"
    };
    sqlx::query(sql).execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn an_export_whose_audit_fails_leaves_no_file_and_one_that_exists_is_audited() {
    let (app, owner) = TestApp::with_owner().await;
    let out = tempfile::tempdir().unwrap();

    refuse_export_audits(&app, true).await;
    let audit = app
        .keydesk
        .export_audit_csv(&owner, &AuditFilter::default(), out.path())
        .await;
    assert!(audit.is_err(), "the export went ahead unaudited");
    let customers = app
        .keydesk
        .export_customers_csv(&owner, &CustomerQuery::default(), out.path())
        .await;
    assert!(customers.is_err(), "the export went ahead unaudited");
    assert_eq!(files_in(out.path()), Vec::<String>::new());

    refuse_export_audits(&app, false).await;
    let audit = app
        .keydesk
        .export_audit_csv(&owner, &AuditFilter::default(), out.path())
        .await
        .unwrap();
    let customers = app
        .keydesk
        .export_customers_csv(&owner, &CustomerQuery::default(), out.path())
        .await
        .unwrap();
    let mut expected = vec![file_name(&audit.path), file_name(&customers.path)];
    expected.sort();
    assert_eq!(files_in(out.path()), expected, "no partial file is left");
    let page = app
        .keydesk
        .audit_page(&owner, &AuditFilter::default(), None, 2)
        .await
        .unwrap();
    let newest: Vec<(String, String)> = page
        .entries
        .into_iter()
        .map(|e| (e.action, e.detail))
        .collect();
    assert_eq!(
        newest,
        [
            (
                "customers.exported".to_owned(),
                format!("0 customers to {}", customers.path)
            ),
            (
                "audit.exported".to_owned(),
                format!("{} rows to {}", audit.rows, audit.path)
            ),
        ]
    );
    app.cleanup().await;
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}
