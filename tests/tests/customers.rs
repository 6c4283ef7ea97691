//! End-to-end tests of the Customers page and the general settings: each drives the real
//! Keydesk window on its own fresh data directory. Run them with `cargo xtask test`. The
//! element ids are the contract with the UI.

use fantoccini::key::Key;
use keydesk_e2e::steps::{
    back_to_list, create_customer, create_owner, customer_id, open_page, open_settings,
    read_export, sign_in_new_agent, start_customer, NewCustomer, AGENT_NAME, OWNER_NAME,
};
use keydesk_e2e::Harness;
use serde_json::json;

/// A customer without a portal login: these tests are about customers; logins have their
/// own (credentials.rs).
fn customer<'a>(email: &'a str, first: &'a str, last: &'a str) -> NewCustomer<'a> {
    NewCustomer {
        generate_login: false,
        ..NewCustomer::new(email, first, last)
    }
}

/// Types `text` into a form field until it holds it: a check answering between clearing
/// and typing puts the form's value back, as it should for a person's typing.
async fn retype(app: &Harness, css: &str, text: &str) {
    for _ in 0..3 {
        app.fill(css, text).await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        if app.value(css).await == text {
            return;
        }
    }
    panic!("`{css}` does not keep {text:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owner_creates_edits_archives_and_restores_and_a_stale_edit_is_refused() {
    let app = Harness::start().await;
    create_owner(&app).await;

    // Ctrl+N from anywhere opens the new-customer form on the Customers page.
    app.press_ctrl("#nav-dashboard", 'n').await;
    app.wait_for_visible("#customer-form").await;
    assert!(app.is_present("#page-customers").await);
    assert_eq!(app.text("#customer-form-title").await, "New customer");
    app.fill("#customer-email", "ann.smith@example.com").await;
    app.fill("#customer-first-name", "Ann").await;
    app.fill("#customer-last-name", "Smith").await;
    app.click("#customer-generate-login").await;
    app.click("#customer-save").await;
    app.wait_for_text("#customer-name", "Ann Smith").await;
    let id = customer_id(&app).await;
    assert_eq!(app.text("#customer-status").await, "Active");
    app.wait_for_rows_containing(".history-item", &["Customer created"])
        .await;
    assert_eq!(app.text("#customer-login-state").await, "No login");

    // Edited in place: the detail shows the new value, who changed it, and the history
    // says so.
    app.click("#customer-edit").await;
    app.wait_for_text("#customer-form-title", "Edit customer")
        .await;
    app.fill("#customer-city", "Bristol").await;
    app.click("#customer-save").await;
    app.wait_until_gone("#customer-form").await;
    app.wait_for_text("#customer-city-value", "Bristol").await;
    assert_eq!(app.text("#customer-updated-by").await, OWNER_NAME);
    app.wait_for_rows_containing(".history-item", &["Customer edited", "Customer created"])
        .await;

    // An edit started before someone else's change is refused, naming who changed it.
    app.click("#customer-edit").await;
    app.wait_for_visible("#customer-form").await;
    app.invoke(
        "set_customer_archived",
        json!({ "customer_id": id, "archived": true }),
    )
    .await
    .expect("the change behind the form's back is made");
    retype(&app, "#customer-city", "Bath").await;
    app.click("#customer-save").await;
    let conflict = app
        .wait_for_text_where("#customer-conflict", "names who changed it", |t| {
            t.contains(OWNER_NAME)
        })
        .await;
    assert!(conflict.contains("reload"), "{conflict:?}");
    app.screenshot("35-customer-conflict").await;
    assert_eq!(
        app.text("#customer-city-value").await,
        "Bristol",
        "nothing was written"
    );

    // Reloaded, the form shows the customer as stored now; the change goes through.
    app.click("#customer-reload").await;
    app.wait_until_gone("#customer-conflict").await;
    app.wait_for_text("#customer-status", "Archived").await;
    app.wait_for_value_where("#customer-city", "is the stored city", |v| v == "Bristol")
        .await;
    retype(&app, "#customer-city", "Bath").await;
    app.click("#customer-save").await;
    app.wait_until_gone("#customer-form").await;
    app.wait_for_text("#customer-city-value", "Bath").await;

    // Restore, then archive again after the confirmation.
    app.click("#customer-restore").await;
    app.wait_for_text("#customer-status", "Active").await;
    app.click("#customer-archive").await;
    app.wait_for_text("#confirm-title", "Archive Ann Smith?")
        .await;
    app.click("#confirm-ok").await;
    app.wait_until_gone("#confirm-dialog").await;
    app.wait_for_text("#customer-status", "Archived").await;
    app.wait_for_rows_containing(
        ".history-item",
        &["Customer archived", "Customer restored", "Customer edited"],
    )
    .await;
    app.click("#customer-restore").await;
    app.wait_for_text("#customer-status", "Active").await;

    // Ctrl+N on the list opens an empty form again; Esc closes it.
    back_to_list(&app).await;
    app.press_ctrl("#customer-search", 'n').await;
    app.wait_for_text("#customer-form-title", "New customer")
        .await;
    assert_eq!(app.value("#customer-email").await, "");
    app.press("#customer-email", Key::Escape).await;
    app.wait_until_gone("#customer-form").await;
    app.wait_for_rows_containing(".customer-row", &["Ann Smith"])
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_narrow_the_list_and_the_export_holds_what_matches() {
    let app = Harness::start_with_downloads_dir().await;
    create_owner(&app).await;
    open_page(&app, "customers").await;
    app.wait_for_visible("#customer-empty").await;
    for person in [
        NewCustomer {
            tier: Some("gold"),
            phone: "+44 20 7946 0958",
            ..customer("ann.smith@example.com", "Ann", "Smith")
        },
        customer("bob.jones@example.com", "Bob", "Jones"),
        NewCustomer {
            tier: Some("gold"),
            ..customer("cara.lee@example.com", "Cara", "Lee")
        },
    ] {
        create_customer(&app, &person).await;
        back_to_list(&app).await;
    }
    // Bob is archived.
    app.wait_for_rows_containing(".customer-row", &["Bob Jones"])
        .await;
    app.click(".customer-row[aria-label='Open Bob Jones'] .cell-strong")
        .await;
    app.click("#customer-archive").await;
    app.click("#confirm-ok").await;
    app.wait_for_text("#customer-status", "Archived").await;
    back_to_list(&app).await;
    app.wait_for_text("#customer-count", "3 customers").await;
    // Nobody has a portal login yet.
    let logins = app
        .wait_for_texts_where(".customer-row .col-login", "one per row", |t| t.len() == 3)
        .await;
    assert!(logins.iter().all(|t| t == "No login"), "{logins:?}");

    // Tier: the two gold customers.
    app.select_option("#customer-filter-tier", "gold").await;
    app.wait_for_text("#customer-count", "2 customers").await;
    let rows = app
        .wait_for_rows_containing(".customer-row", &["Ann Smith", "Cara Lee"])
        .await;
    assert_eq!(rows.len(), 2, "{rows:?}");

    // Status with it: no gold customer is archived.
    app.select_option("#customer-filter-status", "archived")
        .await;
    app.wait_for_text_where("#customer-empty", "says the filters match nobody", |t| {
        t.contains("No customer matches these filters")
    })
    .await;
    app.select_option("#customer-filter-tier", "").await;
    app.wait_for_text("#customer-count", "1 customer").await;
    app.wait_for_rows_containing(".customer-row", &["Bob Jones"])
        .await;

    // Credentials: none has a login, so "No login" keeps Bob and "Sent" leaves nobody.
    app.select_option("#customer-filter-credentials", "no_login")
        .await;
    app.wait_for_text("#customer-count", "1 customer").await;
    app.select_option("#customer-filter-credentials", "sent")
        .await;
    app.wait_for_visible("#customer-empty").await;
    app.select_option("#customer-filter-credentials", "").await;
    app.select_option("#customer-filter-status", "").await;
    app.wait_for_text("#customer-count", "3 customers").await;

    // Verified: nobody yet.
    app.select_option("#customer-filter-verified", "yes").await;
    app.wait_for_visible("#customer-empty").await;
    app.select_option("#customer-filter-verified", "no").await;
    app.wait_for_text("#customer-count", "3 customers").await;

    // The owner sees everyone's customers and can narrow them to one member's.
    let owner_option = app
        .wait_for_value_where(
            "#customer-filter-agent option:nth-child(2)",
            "is a staff member",
            |v| !v.is_empty(),
        )
        .await;
    app.select_option("#customer-filter-agent", &owner_option)
        .await;
    app.select_option("#customer-filter-tier", "gold").await;
    app.select_option("#customer-sort", "last_login").await;
    app.wait_for_text("#customer-count", "2 customers").await;
    app.wait_for_rows_containing(".customer-row", &["Ann Smith", "Cara Lee"])
        .await;
    app.set_window_size(1280, 800).await;
    app.screenshot("30-customers-filtered").await;
    app.set_window_size(1024, 768).await;
    app.screenshot("31-customers-filtered-1024").await;
    app.set_window_size(1200, 780).await;

    // The export holds the same customers, in the Downloads folder.
    app.click("#customer-export").await;
    let (header, rows) =
        read_export(&app, "#customer-export-result", "Saved 2 customers to ").await;
    app.screenshot("32-customers-exported").await;
    assert!(
        header.starts_with("id,email,first_name,last_name"),
        "{header}"
    );
    assert_eq!(rows.len(), 2, "one line per matching customer: {rows:?}");
    assert!(rows.iter().any(|r| r.contains("ann.smith@example.com")));
    assert!(rows.iter().any(|r| r.contains("cara.lee@example.com")));

    // Clear filters puts every filter back on "All".
    app.click("#customer-clear-filters").await;
    app.wait_for_text("#customer-count", "3 customers").await;
    for select in [
        "#customer-filter-status",
        "#customer-filter-tier",
        "#customer-filter-verified",
        "#customer-filter-credentials",
        "#customer-filter-agent",
    ] {
        assert_eq!(app.value(select).await, "", "{select} is back on All");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_notes_are_edited_in_place_and_the_history_shows_it() {
    const NOTES: &str = "Met at the spring travel fair; prefers mornings.";
    let app = Harness::start().await;
    create_owner(&app).await;
    open_page(&app, "customers").await;
    create_customer(
        &app,
        &NewCustomer {
            tier: Some("platinum"),
            phone: "020 7946 0958",
            ..customer("ann.smith@example.com", "Ann", "Smith")
        },
    )
    .await;
    let agent = ".customer-agent:first-child";
    app.wait_for_text(&format!("{agent} .agent-notes"), "No notes")
        .await;

    // Esc puts the notes back (and stays on the customer).
    app.click(&format!("{agent} .agent-notes-edit")).await;
    app.fill("#agent-notes-input", "not this").await;
    app.press("#agent-notes-input", Key::Escape).await;
    app.wait_until_gone("#agent-notes-input").await;
    assert!(
        app.is_present("#page-customer").await,
        "still on the customer"
    );
    assert_eq!(app.text(&format!("{agent} .agent-notes")).await, "No notes");

    // Saved, the notes show under the name and the history records the change.
    app.click(&format!("{agent} .agent-notes-edit")).await;
    app.fill("#agent-notes-input", NOTES).await;
    app.screenshot("34-customer-notes-edit").await;
    app.click("#agent-notes-save").await;
    app.wait_until_gone("#agent-notes-input").await;
    app.wait_for_text(&format!("{agent} .agent-notes"), NOTES)
        .await;
    let history = app
        .wait_for_texts_where(".history-item", "starts with the notes change", |t| {
            t.len() == 2 && t[0].contains("Customer edited")
        })
        .await;
    assert!(
        history[0].contains(&format!("notes of the link with {OWNER_NAME}")),
        "{history:?}"
    );
    assert!(history[1].contains("Customer created"), "{history:?}");

    // Ctrl+Enter saves too.
    app.click(&format!("{agent} .agent-notes-edit")).await;
    app.fill("#agent-notes-input", "Prefers calls in the morning.")
        .await;
    app.press_ctrl("#agent-notes-input", char::from(Key::Enter))
        .await;
    app.wait_for_text(
        &format!("{agent} .agent-notes"),
        "Prefers calls in the morning.",
    )
    .await;
    app.wait_for_texts_where(".history-item", "has both notes changes", |t| t.len() == 3)
        .await;
    app.screenshot("33-customer-detail").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasing_needs_the_email_typed_and_removes_the_customer() {
    let app = Harness::start().await;
    create_owner(&app).await;
    open_page(&app, "customers").await;
    create_customer(&app, &customer("bob.jones@example.com", "Bob", "Jones")).await;
    back_to_list(&app).await;
    create_customer(&app, &customer("ann.smith@example.com", "Ann", "Smith")).await;

    // Esc closes the dialog and stays on the customer.
    app.click("#customer-erase").await;
    app.wait_for_text("#erase-title", "Erase Ann Smith?").await;
    app.press("#erase-confirmation", Key::Escape).await;
    app.wait_until_gone("#erase-dialog").await;
    assert_eq!(app.text("#customer-name").await, "Ann Smith");

    // The button waits for the exact email.
    app.click("#customer-erase").await;
    app.wait_for_visible("#erase-dialog").await;
    let erase = app.wait_for("#erase-confirm").await;
    assert!(!erase.is_enabled().await.expect("state"), "nothing typed");
    app.fill("#erase-confirmation", "bob.jones@example.com")
        .await;
    assert!(
        !erase.is_enabled().await.expect("state"),
        "another customer's email"
    );
    app.screenshot("36-customer-erase").await;
    app.fill("#erase-confirmation", "Ann.Smith@Example.com")
        .await;
    app.wait_for_enabled("#erase-confirm").await;

    // Enter erases; the list says so and no longer has her.
    app.press("#erase-confirmation", Key::Enter).await;
    app.wait_for_text("#customer-notice", "Customer erased")
        .await;
    app.wait_for_text("#customer-count", "1 customer").await;
    let rows = app
        .wait_for_rows_containing(".customer-row", &["Bob Jones"])
        .await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    app.screenshot("37-customers-erased").await;
    app.fill("#customer-search", "ann").await;
    app.wait_for_visible("#customer-empty").await;

    // The audit log keeps only her number.
    app.click("#nav-audit").await;
    let rows = app
        .wait_for_rows_containing(".audit-row", &["Customer erased"])
        .await;
    let erased = rows
        .iter()
        .find(|r| r.contains("Customer erased"))
        .expect("the erase row");
    assert!(!erased.contains("ann.smith"), "{erased:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_default_phone_region_reads_numbers_without_a_country_code() {
    let app = Harness::start().await;
    create_owner(&app).await;

    open_settings(&app, "general").await;
    app.wait_for_value_where("#setting-default-phone-region", "is loaded", |v| v == "GB")
        .await;
    assert_eq!(
        app.text("#setting-default-phone-region-name").await,
        "United Kingdom"
    );

    // A code no country has is refused next to the field.
    app.fill("#setting-default-phone-region", "QQ").await;
    app.click("#settings-general-save").await;
    app.wait_for_visible("#setting-default-phone-region-error")
        .await;
    assert!(!app.is_present("#settings-general-saved").await);

    // France, typed in lower case, is saved as FR.
    app.fill("#setting-default-phone-region", "fr").await;
    app.wait_until_gone("#setting-default-phone-region-error")
        .await;
    app.wait_for_text("#setting-default-phone-region-name", "France")
        .await;
    app.click("#settings-general-save").await;
    app.wait_for_visible("#settings-general-saved").await;
    app.wait_for_value_where("#setting-default-phone-region", "reads FR", |v| v == "FR")
        .await;
    app.screenshot("38-settings-general").await;

    // Still FR after leaving the page.
    app.click("#nav-dashboard").await;
    app.click("#nav-settings").await;
    app.click("#settings-section-general").await;
    app.wait_for_value_where("#setting-default-phone-region", "reads FR", |v| v == "FR")
        .await;

    // A French number typed without +33 is stored as one.
    open_page(&app, "customers").await;
    create_customer(
        &app,
        &NewCustomer {
            phone: "01 23 45 67 89",
            ..customer("luc.martin@example.com", "Luc", "Martin")
        },
    )
    .await;
    assert_eq!(app.text("#customer-phone-value").await, "+33123456789");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_links_a_colleagues_customer_only_through_their_own_duplicate_answer() {
    let app = Harness::start().await;
    create_owner(&app).await;
    open_page(&app, "customers").await;
    let ann = create_customer(&app, &customer("ann.smith@example.com", "Ann", "Smith")).await;
    back_to_list(&app).await;
    let bob = create_customer(&app, &customer("bob.jones@example.com", "Bob", "Jones")).await;
    sign_in_new_agent(&app).await;

    // Calling the shell behind the window's back: no customer can be named by number,
    // nor by a made-up offer.
    for req in [
        json!({ "customer_id": ann }),
        json!({ "link_token": ann.to_string() }),
        json!({ "link_token": "0".repeat(64) }),
    ] {
        let answer = app.invoke("link_customer_to_me", req.clone()).await;
        assert!(answer.is_err(), "{req}: {answer:?}");
    }
    let denied = app
        .invoke("get_customer", json!({ "customer_id": ann }))
        .await;
    assert!(denied.is_err(), "{denied:?}");

    // The form: Ann's email gives the duplicate panel, whose button links her.
    open_page(&app, "customers").await;
    app.wait_for_visible("#customer-empty").await;
    start_customer(&app, "Ann.Smith@Example.com", "Ann", "Smith").await;
    app.click("#customer-save").await;
    app.wait_for_visible("#customer-duplicate").await;
    assert!(!app.is_present("#customer-duplicate-open").await);
    let panel = app.text("#customer-duplicate").await;
    assert!(panel.contains("This offer lasts 10 minutes"), "{panel:?}");
    app.click("#customer-duplicate-link").await;
    app.wait_for_text("#customer-name", "Ann Smith").await;
    app.wait_until_gone("#customer-form").await;
    assert_eq!(customer_id(&app).await, ann);
    app.wait_for_text_where("#customer-agents", "lists both", |text| {
        text.contains(OWNER_NAME) && text.contains(AGENT_NAME)
    })
    .await;

    // The answer the shell gives for Bob tells only that he exists, with an offer
    // that works once.
    let create = json!({
        "email": "bob.jones@example.com",
        "first_name": "Bob",
        "last_name": "Jones",
        "generate_login": false,
    });
    let answer = app
        .invoke("create_customer", create)
        .await
        .expect("a duplicate answer");
    assert_eq!(answer["outcome"], "duplicate", "{answer}");
    assert_eq!(answer["existing"]["access"], "linkable", "{answer}");
    assert!(!answer.to_string().contains("customer_id"), "{answer}");
    let token = answer["existing"]["link_token"].clone();
    let linked = app
        .invoke("link_customer_to_me", json!({ "link_token": token }))
        .await
        .expect("the offer links Bob");
    assert_eq!(linked["id"], bob);
    let again = app
        .invoke("link_customer_to_me", json!({ "link_token": token }))
        .await
        .expect_err("an offer works once");
    assert!(again.to_string().contains("already used"), "{again}");
}
