//! End-to-end test of the recovery kit in Settings → Security. Run it with
//! `cargo xtask test`. The element ids are the contract with the UI.

use keydesk_e2e::steps::{create_owner, open_settings};
use keydesk_e2e::Harness;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_creates_a_recovery_kit_and_the_card_then_says_it_exists() {
    let app = Harness::start().await;
    create_owner(&app).await;
    open_settings(&app, "security").await;

    app.wait_for_visible("#recovery-kit-card").await;
    app.wait_for_text_where("#recovery-kit-status", "says there is no kit", |text| {
        text.starts_with("No recovery kit yet")
    })
    .await;
    app.click("#recovery-kit-create").await;

    // The 24 words and their QR code, with the warning, shown once.
    let words = app
        .wait_for_texts_where("#recovery-kit-words li", "lists 24 words", |words| {
            words.len() == 24
        })
        .await;
    assert!(
        words
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase())),
        "{} words, each a lowercase English word",
        words.len()
    );
    app.wait_for_visible("#recovery-kit-qr svg").await;
    let warning = app.text("#recovery-kit-warning").await;
    assert!(warning.contains("Store it on paper"), "{warning}");
    assert!(warning.contains("Anyone holding it"), "{warning}");
    app.wait_for_visible("#recovery-kit-print").await;
    app.screenshot("64-recovery-kit").await;

    // Done with it: the words are gone and the card says a kit exists.
    app.click("#recovery-kit-done").await;
    app.wait_until_gone("#recovery-kit-words").await;
    app.wait_for_text_where("#recovery-kit-status", "says a kit exists", |text| {
        text.starts_with("A recovery kit exists, made")
    })
    .await;
    assert_eq!(
        app.attr("#recovery-kit-status", "data-exists")
            .await
            .as_deref(),
        Some("true")
    );
    app.wait_for_visible("#recovery-kit-remove").await;
    app.wait_for_visible("#recovery-words").await;
    app.screenshot("65-recovery-kit-exists").await;
}
