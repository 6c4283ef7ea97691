//! End-to-end: Settings → Customer portal. An owner saves the accounts for Auth0 and
//! brings the website's sign-ins back; the customer's page shows them.

use keydesk_e2e::steps::{
    back_to_list, create_customer, create_owner, open_page, open_settings, NewCustomer,
};
use keydesk_e2e::Harness;

#[tokio::test]
async fn an_owner_saves_accounts_for_auth0_and_imports_the_websites_sign_ins() {
    let app = Harness::start_with_downloads_dir().await;
    create_owner(&app).await;
    open_page(&app, "customers").await;
    for person in [
        NewCustomer::new("ann.smith@example.com", "Ann", "Smith"),
        NewCustomer::new("bob.jones@example.com", "Bob", "Jones"),
        NewCustomer {
            generate_login: false,
            ..NewCustomer::new("cara.lee@example.com", "Cara", "Lee")
        },
    ] {
        create_customer(&app, &person).await;
        back_to_list(&app).await;
    }

    // The accounts, for Auth0: the two customers with a login.
    open_settings(&app, "customer").await;
    app.click("#portal-export-auth0").await;
    let saved = "Saved 2 accounts for Auth0 to ";
    let result = app
        .wait_for_text_where("#portal-export-result", "names the saved file", |text| {
            text.starts_with(saved)
        })
        .await;
    assert!(
        result.contains("1 customer without a login yet is not in it."),
        "{result}"
    );
    let path = result.trim_start_matches(saved);
    let path = std::path::PathBuf::from(&path[..path.find(". 1 customer").unwrap()]);
    assert!(path.starts_with(app.downloads_dir()), "{}", path.display());
    let users: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let mut emails: Vec<&str> = users.iter().map(|u| u["email"].as_str().unwrap()).collect();
    emails.sort_unstable();
    assert_eq!(emails, ["ann.smith@example.com", "bob.jones@example.com"]);
    assert!(users
        .iter()
        .all(|u| u["custom_password_hash"]["hash"]["value"]
            .as_str()
            .unwrap()
            .starts_with("$argon2id$v=19$")));

    // The website's sign-ins: Ann twice, and someone Keydesk does not know.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("portal-sign-ins.csv");
    std::fs::write(
        &file,
        "email,time,ip\n\
         ann.smith@example.com,2026-11-20T09:15:00Z,203.0.113.7\n\
         stranger@example.com,2026-11-20T10:00:00Z,\n\
         ann.smith@example.com,2026-11-21T08:30:00Z,203.0.113.7\n",
    )
    .unwrap();
    app.click("#sign-ins-submit").await;
    app.wait_for_text_where("#sign-ins-path-error", "asks for a file", |t| {
        t.contains("Choose the portal's sign-in file")
    })
    .await;
    app.fill("#sign-ins-path", &file.display().to_string())
        .await;
    app.click("#sign-ins-submit").await;
    app.wait_for_text_where("#sign-ins-report", "reports the import", |t| {
        t.contains("Recorded 2 sign-ins for 1 customer.")
            && t.contains("1 line of portal-sign-ins.csv skipped:")
            && t.contains("Line 3: No customer has this email.")
    })
    .await;
    app.screenshot("portal-settings").await;

    // The same file again changes nothing.
    app.click("#sign-ins-submit").await;
    app.wait_for_text_where("#sign-ins-report", "finds them known", |t| {
        t.contains("Recorded 0 sign-ins for 0 customers; 2 were already known.")
    })
    .await;

    // Ann's page shows her last sign-in and count.
    open_page(&app, "customers").await;
    app.click(".customer-row[aria-label='Open Ann Smith'] .cell-strong")
        .await;
    app.wait_for_text_where(".login-meta", "shows the sign-ins", |t| {
        t.contains("Last login") && t.contains("2 logins")
    })
    .await;
    app.screenshot("portal-customer-signed-in").await;

    // The dashboard's funnel: three customers created, none handed over or verified
    // yet, Ann signed in; the two logins wait, oldest first.
    open_page(&app, "dashboard").await;
    let step = |key: &'static str| format!("#funnel-step-{key}");
    for (key, count, percent) in [
        ("created", "3", "100%"),
        ("handed-over", "0", "0%"),
        ("verified", "0", "0%"),
        ("signed-in", "1", "33%"),
    ] {
        app.wait_for_text_where(
            &format!("{} .funnel-count", step(key)),
            "counts the step",
            |t| t == count,
        )
        .await;
        assert_eq!(
            app.text(&format!("{} .funnel-percent", step(key))).await,
            percent
        );
    }
    let waiting = app
        .wait_for_text_where("#funnel-waiting", "lists the waiting logins", |t| {
            t.contains("Ann Smith")
        })
        .await;
    assert!(
        waiting.find("Ann Smith") < waiting.find("Bob Jones") && waiting.contains("Bob Jones"),
        "{waiting}"
    );
    app.wait_for_visible("#funnel-chart").await;
    app.select_option("#funnel-period", "7d").await;
    app.wait_for_text_where(
        &format!("{} .funnel-count", step("created")),
        "still counts",
        |t| t == "3",
    )
    .await;
    app.screenshot("dashboard-funnel").await;
}
