//! End-to-end tests of customer logins: the owner's "Credentials to hand over" card
//! (reveal, copy with the clipboard cleared after its time, mark as sent) and the
//! credential settings. Run them with `cargo xtask test`. The element ids are the
//! contract with the UI.

use argon2::password_hash::phc::PasswordHash;
use argon2::{Argon2, PasswordVerifier};
use keydesk_core::store::encryption::connect_options_from_keyring;
use keydesk_core::vault::OsKeyring;
use keydesk_e2e::steps::{
    create_customer, create_owner, open_page, open_settings, NewCustomer, OWNER_NAME,
};
use keydesk_e2e::Harness;
use sqlx::{ConnectOptions, Connection};

/// Whether `password` verifies against the argon2id hash stored on the customer's
/// account, read from the running app's database with its key from the keyring (SQLite
/// in WAL mode lets it be read alongside the app).
async fn verifies(app: &Harness, customer_id: i64, password: &str) -> bool {
    let mut db = connect_options_from_keyring(&app.data_dir().join("keydesk.sqlite3"), &OsKeyring)
        .expect("the database key is in the keyring")
        .connect()
        .await
        .expect("the app's database opens alongside it");
    let phc: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM customer_accounts WHERE customer_id = ?")
            .bind(customer_id)
            .fetch_one(&mut db)
            .await
            .expect("the customer has an account");
    db.close().await.expect("the database closes");
    let phc = phc.expect("the account has a password hash");
    let hash = PasswordHash::new(&phc).expect("the hash is a PHC string");
    Argon2::default()
        .verify_password(password.as_bytes(), &hash)
        .is_ok()
}

/// The id of the handoff on the dashboard's only row.
async fn only_handoff_id(app: &Harness) -> i64 {
    app.attr("#handoff-list .handoff-row", "data-handoff-id")
        .await
        .and_then(|id| id.parse().ok())
        .expect("the row names its handoff")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_owner_hands_a_new_login_over_from_the_dashboard() {
    let app = Harness::start_with_env(&[("KEYDESK_CLIPBOARD_CLEAR_SECONDS", "3")]).await;
    create_owner(&app).await;
    app.wait_for_visible("#handoff-empty").await;

    open_page(&app, "customers").await;
    let customer_id = create_customer(
        &app,
        &NewCustomer::new("ann.baker@example.com", "Ann", "Baker"),
    )
    .await;
    app.wait_for_text("#nav-dashboard-count", "1").await;

    app.click("#nav-dashboard").await;
    let rows = app
        .wait_for_rows_containing("#handoff-list .handoff-row", &["Ann Baker"])
        .await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("ann.baker@example.com"), "{rows:?}");
    assert!(rows[0].contains(OWNER_NAME), "{rows:?}");
    assert!(rows[0].contains("Expires in"), "{rows:?}");
    let handoff_id: i64 = only_handoff_id(&app).await;
    app.screenshot("50-handoff-card").await;

    app.click(&format!("#handoff-reveal-{handoff_id}")).await;
    let shown = app
        .wait_for_text_where(
            &format!("#handoff-password-{handoff_id}"),
            "shows a password",
            |text| text.len() >= 12,
        )
        .await;
    app.screenshot("51-handoff-revealed").await;

    app.click(&format!("#handoff-copy-password-{handoff_id}"))
        .await;
    app.wait_for_text_where("#clipboard-toast-text", "counts down", |t| {
        t.contains("Clipboard clears in")
    })
    .await;
    let copied = app.clipboard_text().await;
    assert_eq!(copied, shown, "the copied password is the one shown");

    // The password handed over is the one the customer's account was stored with.
    assert!(
        verifies(&app, customer_id, &copied).await,
        "the copied password verifies against the stored hash"
    );
    assert!(!verifies(&app, customer_id, "not-the-password").await);

    // Cleared after its 3 seconds, and the window says so.
    app.wait_for_clipboard_empty().await;
    app.wait_for_text("#clipboard-toast-text", "Clipboard cleared")
        .await;

    app.click(&format!("#handoff-mark-sent-{handoff_id}")).await;
    app.wait_for_visible("#mark-sent-dialog").await;
    app.select_option("#mark-sent-channel", "phone").await;
    app.fill("#mark-sent-note", "Read out on the phone").await;
    app.screenshot("52-mark-sent").await;
    app.click("#mark-sent-confirm").await;
    app.wait_until_gone("#mark-sent-dialog").await;
    app.wait_for_visible("#handoff-empty").await;
    app.wait_until_gone("#nav-dashboard-count").await;

    // The customer's history says how it was handed over.
    app.click("#nav-customers").await;
    app.wait_for_rows_containing(".customer-row", &["Ann Baker"])
        .await;
    app.click(&format!(
        ".customer-row[data-id=\"{customer_id}\"] .cell-strong"
    ))
    .await;
    app.wait_for_rows_containing("#customer-handoffs .handoff-record", &["Sent", "Phone"])
        .await;

    // A reset issues a new password, queued for handover again.
    app.click("#customer-reset-password").await;
    app.wait_for_visible("#confirm-dialog").await;
    app.click("#confirm-ok").await;
    app.wait_for_visible("#customer-reset-done").await;
    app.wait_for_text("#nav-dashboard-count", "1").await;
    app.wait_for_rows_containing("#customer-handoffs .handoff-record", &["Pending", "Sent"])
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_owner_sets_the_password_policy_with_its_strength_shown() {
    let app = Harness::start().await;
    create_owner(&app).await;
    open_settings(&app, "credentials").await;
    app.wait_for_text_where("#credential-entropy", "is shown", |t| t.contains("bits"))
        .await;
    app.fill("#credential-length", "12").await;
    app.click("#credential-symbols").await;
    app.click("#credential-upper").await;
    app.wait_for_text_where("#credential-entropy", "drops to weak or good", |t| {
        t.contains("Weak") || t.contains("Good")
    })
    .await;
    app.fill("#credential-length", "24").await;
    app.wait_for_text_where("#credential-entropy", "is strong again", |t| {
        t.contains("Strong")
    })
    .await;
    app.fill("#credential-clipboard-seconds", "45").await;
    app.screenshot("53-settings-credentials").await;
    app.click("#credential-save").await;
    app.wait_for_visible("#credential-saved").await;
}

/// Reveals the pending password of the only row that names `customer` on the dashboard;
/// returns `(handoff id, password)`.
async fn reveal_row(app: &Harness, customer: &str) -> (i64, String) {
    app.click("#nav-dashboard").await;
    app.wait_for_rows_containing("#handoff-list .handoff-row", &[customer])
        .await;
    let handoff_id: i64 = only_handoff_id(app).await;
    app.click(&format!("#handoff-reveal-{handoff_id}")).await;
    let shown = app
        .wait_for_text_where(
            &format!("#handoff-password-{handoff_id}"),
            "shows a password",
            |text| text.len() >= 12,
        )
        .await;
    (handoff_id, shown)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revoked_login_stops_working_and_a_moved_customer_is_asked_where_to_mail() {
    let app = Harness::start().await;
    create_owner(&app).await;

    // Revoke: the dialog says the password stops working, and it does.
    open_page(&app, "customers").await;
    let customer_id = create_customer(
        &app,
        &NewCustomer::new("rex.revoked@example.com", "Rex", "Revoked"),
    )
    .await;
    let (handoff_id, password) = reveal_row(&app, "Rex Revoked").await;
    assert!(verifies(&app, customer_id, &password).await);
    app.click(&format!("#handoff-revoke-{handoff_id}")).await;
    app.wait_for_visible("#confirm-dialog").await;
    app.wait_for_text_where("#confirm-dialog", "says the password stops working", |t| {
        t.contains("stops working") && t.contains("needs a new login")
    })
    .await;
    app.screenshot("54-revoke-dialog").await;
    app.click("#confirm-ok").await;
    app.wait_for_visible("#handoff-empty").await;
    assert!(
        !verifies(&app, customer_id, &password).await,
        "the revoked password no longer verifies"
    );
    app.click("#nav-customers").await;
    app.wait_for_rows_containing(".customer-row", &["Rex Revoked"])
        .await;
    app.click(&format!(
        ".customer-row[data-id=\"{customer_id}\"] .cell-strong"
    ))
    .await;
    app.wait_for_text_where("#customer-needs-login", "needs a new login", |t| {
        t.contains("Needs a new login") && t.contains("revoked")
    })
    .await;
    app.screenshot("55-needs-new-login").await;
    app.click("#customer-back").await;

    // A customer whose email changed since the login was made: the owner picks.
    open_page(&app, "customers").await;
    create_customer(
        &app,
        &NewCustomer::new("mia.moved@example.com", "Mia", "Moved"),
    )
    .await;
    app.click("#customer-edit").await;
    app.wait_for_text("#customer-form-title", "Edit customer")
        .await;
    // As a person does it: select the address there and type over it.
    app.press_ctrl("#customer-email", 'a').await;
    app.wait_for("#customer-email")
        .await
        .send_keys("mia.new@example.com")
        .await
        .expect("the email field takes the new address");
    app.click("#customer-save").await;
    app.wait_until_gone("#customer-form").await;
    app.click("#nav-dashboard").await;
    app.wait_for_rows_containing("#handoff-list .handoff-row", &["Mia Moved"])
        .await;
    let moved: i64 = only_handoff_id(&app).await;
    // Behind the window's back: no choice, or a third address, is refused.
    for recipient in [
        serde_json::Value::Null,
        serde_json::json!("someone@else.test"),
    ] {
        let refused = app
            .invoke(
                "send_handoff_by_mail",
                serde_json::json!({ "handoff_id": moved, "recipient": recipient }),
            )
            .await;
        let message = refused.expect_err("refused")["message"].to_string();
        assert!(
            message.contains("username") && message.contains("current email"),
            "{message}"
        );
    }
    app.click(&format!("#handoff-send-mail-{moved}")).await;
    app.wait_for_visible("#send-mail-dialog").await;
    app.wait_for_text_where("#send-mail-recipient", "offers both addresses", |t| {
        t.contains("mia.moved@example.com") && t.contains("mia.new@example.com")
    })
    .await;
    app.click("#send-mail-to-current").await;
    app.screenshot("56-send-mail-choice").await;
    app.click("#send-mail-confirm").await;
    app.wait_until_gone("#send-mail-dialog").await;
    app.wait_for_text_where("#handoff-mailed", "names the chosen address", |t| {
        t.contains("mia.new@example.com")
    })
    .await;
}
