//! End-to-end tests of mail: Settings → Mail and Branding against a real SMTP server on
//! this computer, the welcome mail from a customer's page, and the Outbox page. Run them
//! with `cargo xtask test`. The element ids are the contract with the UI.

use fantoccini::key::Key;
use keydesk_e2e::smtp_sink::SmtpSink;
use keydesk_e2e::steps::{
    create_customer, create_owner, open_page, open_settings, scroll_to, NewCustomer, OWNER_EMAIL,
};
use keydesk_e2e::Harness;

const FROM_ADDRESS: &str = "desk@sunny.test";
const CUSTOMER_EMAIL: &str = "maria.lopez@example.test";

/// Waits for the SMTP form's result line to be a success and returns its words.
async fn smtp_success(app: &Harness, what: &str, wanted: impl Fn(&str) -> bool) -> String {
    app.wait_for_text_where("#smtp-result .banner-ok #smtp-result-text", what, wanted)
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owner_sets_up_mail_and_a_welcome_mail_reaches_the_customer() {
    let sink = SmtpSink::start();
    let app = Harness::start().await;
    create_owner(&app).await;

    // Settings → Mail: nothing set up yet.
    open_settings(&app, "mail").await;
    app.wait_for_enabled("#smtp-host").await;
    app.wait_for_text("#smtp-configured", "Not set up").await;

    // The local server, unencrypted: the form warns that this is for localhost only.
    app.fill("#smtp-host", "127.0.0.1").await;
    app.select_option("#smtp-security", "none").await;
    app.wait_for_text_where("#smtp-security-warning", "warns", |t| {
        t.contains("Unsafe") && t.contains("localhost")
    })
    .await;
    app.fill("#smtp-port", &sink.port.to_string()).await;
    app.fill("#smtp-from-name", "Sunny Travel").await;
    app.fill("#smtp-from-address", FROM_ADDRESS).await;
    app.fill("#smtp-timeout-seconds", "10").await;

    // Testing uses the form as typed, before it is saved.
    app.click("#smtp-test").await;
    let tested = smtp_success(&app, "reports a working connection", |t| !t.is_empty()).await;
    assert!(!tested.contains("failed"), "{tested:?}");
    scroll_to(&app, "#smtp-send-test", "end").await;
    app.screenshot("60-settings-mail").await;

    app.click("#smtp-save").await;
    smtp_success(&app, "says saved", |t| t.starts_with("Saved")).await;
    app.wait_for_text("#smtp-configured", "Set up").await;

    // The test mail goes to the signed-in person through the sink.
    app.click("#smtp-send-test").await;
    smtp_success(&app, "reports the test mail", |t| !t.starts_with("Saved")).await;
    let test_mail = sink.wait_for_message("the test mail", |m| m.to().contains(OWNER_EMAIL));
    assert!(
        test_mail.subject().starts_with("Test mail from"),
        "{:?}",
        test_mail.subject()
    );

    // A wrong port is named next to the field it concerns.
    app.fill("#smtp-port", "1").await;
    app.click("#smtp-test").await;
    app.wait_for_text_where(
        "#smtp-result .banner-danger #smtp-result-text",
        "says the test failed",
        |t| t.contains("failed"),
    )
    .await;
    assert!(
        app.is_present("#smtp-host-error").await || app.is_present("#smtp-port-error").await,
        "the setting to fix is marked"
    );
    app.fill("#smtp-port", &sink.port.to_string()).await;

    // Branding, with the preview following the form.
    app.click("#settings-section-branding").await;
    app.wait_for_enabled("#branding-agency-name").await;
    app.fill("#branding-agency-name", "Sunny Travel").await;
    app.fill("#branding-accent-colour", "#d9480f").await;
    app.fill(
        "#branding-footer-text",
        "Sunny Travel Ltd · 1 Beach Road, Brighton",
    )
    .await;
    app.click("#preview-kind-welcome").await;
    app.wait_for_text_where("#mail-preview-subject", "names the agency", |t| {
        t == "Welcome to Sunny Travel"
    })
    .await;
    app.wait_for("#mail-preview-html").await;
    app.click("#branding-save").await;
    app.wait_for_text_where("#branding-result", "says saved", |t| t.starts_with("Saved"))
        .await;
    scroll_to(&app, "#mail-preview", "start").await;
    app.screenshot("61-mail-preview").await;

    // The same mail in Persian: right to left, the agency's name kept in its place.
    app.select_option("#mail-preview-language", "fa").await;
    app.wait_for_text_where("#mail-preview-subject", "is in Persian", |t| {
        t.contains("خوش آمدید") && t.contains("Sunny Travel")
    })
    .await;
    scroll_to(&app, "#mail-preview", "start").await;
    app.screenshot("61-mail-preview-fa").await;
    app.select_option("#mail-preview-language", "en").await;
    app.wait_for_text_where("#mail-preview-subject", "is in English again", |t| {
        t == "Welcome to Sunny Travel"
    })
    .await;

    // A customer, and the welcome mail from their page.
    open_page(&app, "customers").await;
    create_customer(&app, &NewCustomer::new(CUSTOMER_EMAIL, "Maria", "Lopez")).await;

    app.wait_for_text("#customer-email-verified", "Email not verified")
        .await;
    app.click("#customer-send-welcome").await;
    app.fill(
        "#customer-welcome-message",
        "Your trip to Lisbon is booked. See you soon!",
    )
    .await;
    app.click("#customer-welcome-send").await;
    app.wait_for_text_where("#customer-mails-notice", "says queued", |t| {
        t.contains("queued") && t.contains(CUSTOMER_EMAIL)
    })
    .await;
    let welcome = sink.wait_for_message("the welcome mail", |m| m.to().contains(CUSTOMER_EMAIL));
    assert_eq!(welcome.subject(), "Welcome to Sunny Travel");
    assert!(
        welcome.0.contains("Lisbon"),
        "the personal message is in the mail"
    );
    // The worker's event moves the timeline on to "Sent".
    app.wait_for_rows_containing(
        "#customer-mails .mail-item[data-kind=\"welcome\"][data-state=\"sent\"]",
        &["Welcome", "Sent", CUSTOMER_EMAIL],
    )
    .await;

    // A wrong verification code is refused next to the field.
    app.click("#customer-send-code").await;
    app.wait_for_text_where("#customer-mails-notice", "says the code went out", |t| {
        t.contains("Verification code sent")
    })
    .await;
    sink.wait_for_message("the verification code", |m| {
        m.to().contains(CUSTOMER_EMAIL) && !m.subject().starts_with("Welcome")
    });
    app.fill("#customer-verification-code", "000 000").await;
    // Enter in the field checks it.
    app.press("#customer-verification-code", Key::Enter).await;
    app.wait_for("#customer-verification-code-error").await;
    app.wait_for_rows_containing(
        "#customer-mails .mail-item[data-kind=\"verification_code\"]",
        &["Verification code"],
    )
    .await;
    scroll_to(&app, ".customer-mails", "start").await;
    app.screenshot("63-customer-mails").await;

    // The Outbox lists the customer's mails as sent (the test mail went straight to the
    // server); nothing waits, so nothing is retried.
    open_page(&app, "outbox").await;
    let rows = app
        .wait_for_rows_containing(
            ".outbox-row[data-state=\"sent\"]",
            &["Welcome", "Maria Lopez", CUSTOMER_EMAIL],
        )
        .await;
    assert!(rows.len() >= 2, "{rows:?}");
    app.wait_for_text_where("#outbox-total", "counts the mails", |t| {
        t.ends_with("mails")
    })
    .await;
    app.click("#outbox-retry-all").await;
    app.wait_for_text("#outbox-notice", "Nothing is waiting.")
        .await;
    app.select_option("#outbox-filter", "failed").await;
    app.wait_for_text_where(".table-note", "says none failed", |t| {
        t.starts_with("No mails in this state")
    })
    .await;
    app.select_option("#outbox-filter", "").await;
    app.wait_for_rows_containing(".outbox-row", &["Welcome"])
        .await;
    // Every mail is out: the top bar has nothing to say.
    app.wait_until_gone("#outbox-indicator").await;
    app.screenshot("62-outbox").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_waiting_without_a_server_shows_in_the_top_bar_and_can_be_cancelled() {
    let app = Harness::start().await;
    create_owner(&app).await;

    // No server is set up: the welcome mail waits in the outbox.
    open_page(&app, "customers").await;
    create_customer(&app, &NewCustomer::new(CUSTOMER_EMAIL, "Maria", "Lopez")).await;
    app.click("#customer-send-welcome").await;
    app.click("#customer-welcome-send").await;
    app.wait_for_rows_containing(
        "#customer-mails .mail-item[data-state=\"queued\"]",
        &["Welcome", "Queued"],
    )
    .await;

    // The top bar and the sidebar say so; the indicator opens the outbox.
    app.wait_for_text("#outbox-indicator", "1 mail waiting (no mail server set)")
        .await;
    app.wait_for_text("#nav-outbox-count", "1").await;
    app.click("#outbox-indicator").await;
    app.wait_for_visible("#page-outbox").await;
    app.wait_for_rows_containing(
        ".outbox-row[data-state=\"queued\"]",
        &["Welcome", CUSTOMER_EMAIL],
    )
    .await;

    // Cancelled, it no longer waits.
    app.click(".outbox-row[data-state=\"queued\"] .outbox-cancel")
        .await;
    app.wait_for_text_where("#outbox-notice", "says cancelled", |t| {
        t.contains("cancelled")
    })
    .await;
    app.wait_for_rows_containing(".outbox-row[data-state=\"cancelled\"]", &["Cancelled"])
        .await;
    app.wait_until_gone("#outbox-indicator").await;
    app.wait_until_gone("#nav-outbox-count").await;
}
