//! End-to-end test of Settings → Backups and restoring a backup, from Settings and from
//! the first-run screen of a new data folder. Run it with `cargo xtask test`. The
//! element ids are the contract with the UI.

use fantoccini::key::Key;
use keydesk_e2e::steps::{
    create_customer, create_owner, open_page, open_settings, submit_sign_in, NewCustomer,
    OWNER_NAME, OWNER_PASSWORD,
};
use keydesk_e2e::Harness;

const PASSPHRASE: &str = "amber lighthouse quietly 2026";

/// Signs in after a restore (with the password the backup holds) and waits for the
/// dashboard.
async fn sign_in_after_restore(app: &Harness) {
    app.wait_for_visible("#signin-title").await;
    app.wait_for_text_where("#signin-notice", "says the backup is restored", |text| {
        text.starts_with("The backup is restored")
    })
    .await;
    submit_sign_in(app, keydesk_e2e::steps::OWNER_EMAIL, OWNER_PASSWORD).await;
    app.wait_for_text("#current-user-name", OWNER_NAME).await;
    app.wait_for_visible("#page-dashboard").await;
}

/// On the customer list: the names on show once `expected` is among them.
async fn customer_names(app: &Harness, expected: &str) -> Vec<String> {
    open_page(app, "customers").await;
    app.wait_for_rows_containing(".customer-row", &[expected])
        .await
}

/// In the open restore dialog: types the passphrase and asks for the preview.
async fn check_backup(app: &Harness, passphrase: &str) {
    app.fill("#restore-passphrase", passphrase).await;
    app.click("#restore-check").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_backs_up_restores_the_backup_and_a_new_computer_restores_it_too() {
    let app = Harness::start().await;
    create_owner(&app).await;
    open_page(&app, "customers").await;
    create_customer(&app, &NewCustomer::new("ann@example.test", "Ann", "Early")).await;

    // A passphrase first: backups wait for one.
    open_settings(&app, "backups").await;
    app.wait_for_visible("#backup-passphrase-form").await;
    app.wait_for_text_where("#backups-last", "says there is no backup", |text| {
        text == "No backup yet"
    })
    .await;
    app.fill("#backup-passphrase", PASSPHRASE).await;
    app.fill("#backup-passphrase-confirm", PASSPHRASE).await;
    app.click("#backup-passphrase-save").await;
    app.wait_for_visible("#backup-passphrase-change").await;

    // Back up now: the progress bar or, for a small database, straight the result.
    app.click("#backup-now").await;
    app.wait_for_text_where("#backups-last", "names the last backup", |text| {
        text.starts_with("Last backup: ")
    })
    .await;
    app.wait_for_visible("#backup-done").await;
    let rows = app
        .wait_for_texts_where("#backup-list .backup-row", "lists one backup", |rows| {
            rows.len() == 1
        })
        .await;
    assert!(rows[0].contains("Restore"), "{rows:?}");
    let backup = app
        .attr("#backup-list .backup-row", "data-path")
        .await
        .expect("the row names its file");
    assert_eq!(
        app.attr("#backups-last", "data-overdue").await.as_deref(),
        Some("false")
    );
    app.screenshot("66-backups").await;

    // The dashboard reminds of the last backup.
    open_page(&app, "dashboard").await;
    app.wait_for_text_where("#dashboard-backups-text", "names the last backup", |text| {
        text.starts_with("Last backup: ")
    })
    .await;
    assert_eq!(
        app.attr("#dashboard-backups", "data-overdue")
            .await
            .as_deref(),
        Some("false")
    );
    app.screenshot("68-dashboard-backups").await;
    // Its link leads to Settings → Backups.
    app.click("#dashboard-open-backups").await;
    app.wait_for_visible("#settings-panel-backups").await;

    // Added after the backup: the restore takes it away.
    create_customer_after(&app).await;

    // A wrong passphrase: said at the field, and nothing changes.
    open_settings(&app, "backups").await;
    app.click("#backup-list .backup-restore").await;
    app.wait_for_visible("#restore-dialog").await;
    check_backup(&app, "not the passphrase at all").await;
    app.wait_for_visible("#restore-passphrase-error").await;
    assert!(!app.is_present("#restore-preview").await);
    app.press("#restore-passphrase", Key::Escape).await;
    app.wait_until_gone("#restore-dialog").await;
    let names = customer_names(&app, "Bob Later").await;
    assert!(names.iter().any(|n| n.contains("Ann Early")), "{names:?}");

    // The right one: what the backup holds, then the replacement.
    open_settings(&app, "backups").await;
    app.click("#backup-list .backup-restore").await;
    app.wait_for_visible("#restore-dialog").await;
    check_backup(&app, PASSPHRASE).await;
    app.wait_for_visible("#restore-preview").await;
    assert_eq!(app.text("#restore-staff").await, "1 member");
    assert_eq!(app.text("#restore-customers").await, "1 customer");
    assert_eq!(app.text("#restore-pending-logins").await, "1 login");
    assert!(!app.text("#restore-made-at").await.is_empty());
    assert_eq!(
        app.text("#restore-confirm").await,
        "Replace all data with this backup"
    );
    app.screenshot("67-restore-preview").await;
    app.click("#restore-confirm").await;
    sign_in_after_restore(&app).await;

    // The dashboard shows the restored data's own backup status.
    app.wait_for_visible("#dashboard-backups").await;

    let names = customer_names(&app, "Ann Early").await;
    assert!(
        !names.iter().any(|n| n.contains("Bob Later")),
        "the customer added after the backup is gone: {names:?}"
    );

    // A new computer: the backup file restored from the first-run screen.
    let elsewhere = tempfile::tempdir().expect("a folder for the copied backup");
    let copy = elsewhere.path().join("keydesk-backup.kdbackup");
    std::fs::copy(&backup, &copy).expect("the backup file can be copied");
    drop(app);

    let app = Harness::start().await;
    app.wait_for_visible("#create-owner-title").await;
    app.click("#create-owner-restore").await;
    app.wait_for_visible("#restore-dialog").await;
    app.fill("#restore-path", &copy.display().to_string()).await;
    check_backup(&app, PASSPHRASE).await;
    app.wait_for_visible("#restore-preview").await;
    assert_eq!(app.text("#restore-customers").await, "1 customer");
    app.screenshot("69-restore-first-run").await;
    app.click("#restore-confirm").await;
    sign_in_after_restore(&app).await;
    let names = customer_names(&app, "Ann Early").await;
    assert!(!names.iter().any(|n| n.contains("Bob Later")), "{names:?}");
}

/// From anywhere in the shell: adds the customer the restore must take away.
async fn create_customer_after(app: &Harness) {
    open_page(app, "customers").await;
    create_customer(app, &NewCustomer::new("bob@example.test", "Bob", "Later")).await;
}
