//! End-to-end tests: each drives the real Keydesk window, on its own fresh data directory and
//! its own tauri-driver. Run them with `cargo xtask test`. The element ids are the contract
//! with the UI.

use keydesk_e2e::Harness;

const OWNER_EMAIL: &str = "owner@agency.test";
const OWNER_NAME: &str = "Olivia Owner";
const OWNER_PASSWORD: &str = "correct horse battery staple 42";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_run_creates_the_owner_who_can_sign_out_and_back_in() {
    let app = Harness::start().await;

    // A fresh data directory starts with creating the owner account.
    app.wait_for_visible("#create-owner-title").await;
    assert_eq!(
        app.text("#create-owner-title").await,
        "Create the owner account"
    );
    app.screenshot("01-create-owner").await;

    app.fill("#owner-email", OWNER_EMAIL).await;
    app.fill("#owner-name", OWNER_NAME).await;
    app.fill("#owner-password", OWNER_PASSWORD).await;
    app.fill("#owner-password-confirm", OWNER_PASSWORD).await;
    app.wait_for_text_where("#password-strength", "names a strong band", |text| {
        text.contains("Strong") || text.contains("Very strong")
    })
    .await;
    app.screenshot("02-create-owner-filled").await;
    app.click("#create-owner-submit").await;

    // The owner is signed in and lands on the dashboard.
    app.wait_for_text("#current-user-name", OWNER_NAME).await;
    app.wait_for_text("#current-user-role", "Owner").await;
    app.wait_for_visible("#page-dashboard").await;
    app.screenshot("03-dashboard").await;

    // Both events are in the audit log, and the hash chain verifies.
    app.click("#nav-audit").await;
    app.wait_for_visible("#audit-table").await;
    app.wait_for_rows_containing(".audit-row", &["Owner account created", "Signed in"])
        .await;
    app.click("#audit-verify").await;
    app.wait_for_text_where("#audit-verify-result", "says the log is intact", |text| {
        text.contains("intact")
    })
    .await;
    app.screenshot("04-audit").await;

    // Signing out leads to the sign-in screen.
    app.click("#sign-out").await;
    app.wait_for_visible("#signin-title").await;
    app.screenshot("05-sign-in").await;

    // A wrong password is refused without saying which part was wrong.
    app.fill("#signin-email", OWNER_EMAIL).await;
    app.fill("#signin-password", "wrong password").await;
    app.click("#signin-submit").await;
    app.wait_for_text("#signin-error", "Email or password is incorrect.")
        .await;
    app.screenshot("06-sign-in-error").await;

    // The right one signs the owner back in.
    app.fill("#signin-email", OWNER_EMAIL).await;
    app.fill("#signin-password", OWNER_PASSWORD).await;
    app.click("#signin-submit").await;
    app.wait_for_text("#current-user-name", OWNER_NAME).await;

    // The password rests nowhere in the clear: not in the database, its WAL, or the logs,
    // which do record the sign-ins.
    // (The log is written by a background thread: wait until the sign-ins are in it.)
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let files = loop {
        let files = app.data_files();
        let logged = files.iter().any(|(path, bytes)| {
            path.to_string_lossy().contains("keydesk.log")
                && String::from_utf8_lossy(bytes).contains("signed in")
        });
        if logged {
            break files;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the log file records sign-ins: {:?}",
            files.iter().map(|(path, _)| path).collect::<Vec<_>>()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(files
        .iter()
        .any(|(path, _)| path.ends_with("keydesk.sqlite3")));
    for (path, bytes) in &files {
        assert!(
            !bytes
                .windows(OWNER_PASSWORD.len())
                .any(|w| w == OWNER_PASSWORD.as_bytes()),
            "the owner's password is in {}",
            path.display()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mismatched_confirmation_creates_no_owner() {
    let app = Harness::start().await;

    app.wait_for_visible("#create-owner-title").await;
    app.fill("#owner-email", OWNER_EMAIL).await;
    app.fill("#owner-name", OWNER_NAME).await;
    app.fill("#owner-password", OWNER_PASSWORD).await;
    app.fill("#owner-password-confirm", "correct horse battery staple 43")
        .await;
    app.click("#create-owner-submit").await;

    app.wait_for_visible("#owner-password-confirm-error").await;
    assert!(
        !app.text("#owner-password-confirm-error").await.is_empty(),
        "#owner-password-confirm-error is shown but empty"
    );
    app.screenshot("07-create-owner-mismatch").await;

    // Still on the create screen, nobody signed in.
    assert!(app.is_present("#create-owner-title").await);
    assert!(!app.is_present("#current-user-name").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_keyring_the_app_explains_instead_of_starting() {
    let app = Harness::start_without_keyring().await;

    app.wait_for_visible("#keyring-unavailable").await;
    assert_eq!(
        app.text("#keyring-unavailable").await,
        "Keydesk cannot reach your system keyring"
    );
    let help = app.text("#keyring-how-to-fix").await;
    assert!(
        help.contains("keyring"),
        "how to fix it is explained: {help}"
    );
    app.screenshot("08-keyring-unavailable").await;

    // Trying again without fixing anything keeps the explanation; nothing else opens.
    app.click("#retry-keyring").await;
    app.wait_for_visible("#keyring-unavailable").await;
    assert!(!app.is_present("#create-owner-title").await);
}
