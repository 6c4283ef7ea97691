//! End-to-end tests: each drives the real Keydesk window, on its own fresh data directory and
//! its own tauri-driver. Run them with `cargo xtask test`. The element ids are the contract
//! with the UI.

use fantoccini::key::Key;
use keydesk_e2e::steps::{
    add_agent, create_owner, first_sign_in, open_page, open_settings, read_export,
    sign_in_new_agent, sign_out, start_customer, submit_sign_in, wait_for_strong_password,
    AGENT_EMAIL, AGENT_NAME, AGENT_PASSWORD, OWNER_EMAIL, OWNER_NAME, OWNER_PASSWORD,
};
use keydesk_e2e::Harness;

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
    wait_for_strong_password(&app).await;
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
    sign_out(&app).await;
    app.screenshot("05-sign-in").await;

    // A wrong password is refused without saying which part was wrong.
    submit_sign_in(&app, OWNER_EMAIL, "wrong password").await;
    app.wait_for_text("#signin-error", "Email or password is incorrect.")
        .await;
    app.screenshot("06-sign-in-error").await;

    // The right one signs the owner back in.
    submit_sign_in(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owner_adds_an_agent_who_must_choose_a_password_and_sees_no_staff_or_audit() {
    let app = Harness::start().await;
    create_owner(&app).await;

    // The owner opens Staff and adds an agent.
    open_page(&app, "staff").await;
    app.wait_for_rows_containing(".staff-row", &[OWNER_EMAIL])
        .await;
    app.click("#staff-add").await;
    app.wait_for_visible("#staff-add-dialog").await;
    app.fill("#staff-email", AGENT_EMAIL).await;
    app.fill("#staff-name", AGENT_NAME).await;
    assert_eq!(
        app.value("#staff-role").await,
        "agent",
        "Agent is the default"
    );
    app.click("#staff-add-submit").await;

    // The temporary password is shown once, and copies to the system clipboard.
    app.wait_for_visible("#temp-password-dialog").await;
    let password = app.text("#temp-password").await;
    assert_eq!(
        password.chars().count(),
        16,
        "a 16-character temporary password"
    );
    app.screenshot("10-staff-temp-password").await;
    app.click("#temp-password-copy").await;
    app.wait_for_text("#temp-password-copied", "Copied").await;
    let copied = app.clipboard_text().await;
    assert_eq!(
        copied, password,
        "the clipboard holds the temporary password"
    );
    app.click("#temp-password-done").await;
    app.wait_until_gone("#temp-password-dialog").await;
    assert!(
        !app.is_present("#temp-password").await,
        "the password is gone from the page"
    );

    // The new member is listed as an active agent still on a temporary password.
    let agent_row = format!(r#".staff-row[data-email="{AGENT_EMAIL}"]"#);
    app.wait_for_text_where(&agent_row, "names the new agent", |text| {
        text.contains(AGENT_NAME) && text.contains("Never")
    })
    .await;
    assert_eq!(app.text(&format!("{agent_row} .col-role")).await, "Agent");
    let status = app.text(&format!("{agent_row} .col-status")).await;
    assert!(
        status.contains("Active") && status.contains("Temporary password"),
        "status badges: {status:?}"
    );
    app.screenshot("11-staff").await;

    // The agent signs in with the temporary password and must choose their own first.
    sign_out(&app).await;
    submit_sign_in(&app, AGENT_EMAIL, &copied).await;
    app.wait_for_visible("#choose-password-title").await;
    assert_eq!(
        app.text("#choose-password-title").await,
        "Choose your own password"
    );
    assert!(!app.is_present("#current-user-name").await, "no shell yet");
    app.fill("#current-password", &copied).await;
    app.fill("#new-password", AGENT_PASSWORD).await;
    app.fill("#new-password-confirm", AGENT_PASSWORD).await;
    wait_for_strong_password(&app).await;
    app.screenshot("12-choose-password").await;
    app.click("#choose-password-submit").await;

    // In the shell as an agent: no Staff, Audit or Settings entry at all.
    app.wait_for_text("#current-user-name", AGENT_NAME).await;
    app.wait_for_text("#current-user-role", "Agent").await;
    app.wait_for_visible("#page-dashboard").await;
    for entry in ["#nav-staff", "#nav-audit", "#nav-settings"] {
        assert!(!app.is_present(entry).await, "an agent sees no {entry}");
    }
    assert!(app.is_present("#nav-dashboard").await);
    // The pending logins are sealed to the owners' keys: the card says so, and offers none.
    let handoffs = app.text("#dashboard-handoffs").await;
    assert!(
        handoffs.contains("Owners only") && handoffs.contains("Only owners can open logins"),
        "the agent's handoff card is locked: {handoffs}"
    );
    assert!(!app.is_present("#dashboard-handoffs-count").await);
    app.screenshot("13-agent-dashboard").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_lock_locks_and_unlocks_on_the_same_page() {
    // The shell honours this as a test override of the idle lock setting.
    let app = Harness::start_with_env(&[("KEYDESK_IDLE_LOCK_SECONDS", "3")]).await;
    create_owner(&app).await;
    open_page(&app, "audit").await;

    // Nobody touches the window: it locks itself.
    app.wait_for_visible("#lock-screen").await;
    assert_eq!(app.text("#lock-title").await, "Keydesk is locked");
    assert_eq!(app.text("#lock-name").await, OWNER_NAME);
    assert!(
        !app.is_present("#page-audit").await,
        "nothing of the page shows"
    );
    app.screenshot("14-lock").await;

    // A wrong password keeps it locked.
    app.fill("#unlock-password", "not the password at all")
        .await;
    app.click("#unlock-submit").await;
    app.wait_for_visible("#unlock-error").await;
    assert!(app.is_present("#lock-screen").await);

    // The right one opens the page it was on.
    app.fill("#unlock-password", OWNER_PASSWORD).await;
    app.click("#unlock-submit").await;
    app.wait_for_visible("#page-audit").await;
    assert!(!app.is_present("#lock-screen").await);
    app.wait_for_text("#current-user-name", OWNER_NAME).await;
}

/// Stops every timer of the page (ids are small increasing numbers), so the window's own
/// idle lock never fires: a throttled, hung or bypassed window.
const STOP_PAGE_TIMERS: &str =
    "for (let id = 1; id < 100000; id++) { clearInterval(id); clearTimeout(id); }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shell_refuses_an_idle_session_even_if_the_window_never_locks() {
    let app = Harness::start_with_env(&[("KEYDESK_IDLE_LOCK_SECONDS", "3")]).await;
    create_owner(&app).await;
    app.client()
        .execute(STOP_PAGE_TIMERS, Vec::new())
        .await
        .expect("the page's timers stop");
    let settings = app.invoke("get_settings", serde_json::Value::Null).await;
    assert!(settings.is_ok(), "within the limit: {settings:?}");

    // Past the limit with nobody at the window, whose timer never fired: the shell
    // refuses the next command as locked.
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    assert!(
        !app.is_present("#lock-screen").await,
        "the window did not lock"
    );
    let refused = app
        .invoke("get_settings", serde_json::Value::Null)
        .await
        .expect_err("an idle session is refused");
    assert_eq!(refused["code"], "session_locked", "{refused}");
    let again = app
        .invoke("list_staff", serde_json::Value::Null)
        .await
        .expect_err("and stays locked");
    assert_eq!(again["code"], "session_locked", "{again}");

    // Unlocking works as before.
    let wrong = app
        .invoke(
            "unlock_session",
            serde_json::json!({ "password": "not the password at all" }),
        )
        .await
        .expect_err("a wrong password does not unlock");
    assert_eq!(wrong["code"], "invalid_credentials", "{wrong}");
    app.invoke(
        "unlock_session",
        serde_json::json!({ "password": OWNER_PASSWORD }),
    )
    .await
    .expect("the right password unlocks");
    let settings = app.invoke("get_settings", serde_json::Value::Null).await;
    assert!(settings.is_ok(), "unlocked: {settings:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_typing_past_the_idle_limit_is_not_locked_by_the_shell() {
    let app = Harness::start_with_env(&[("KEYDESK_IDLE_LOCK_SECONDS", "3")]).await;
    create_owner(&app).await;
    app.click("#open-account").await;
    app.wait_for_visible("#page-account").await;

    // Typing for twice the limit without sending a command: the window tells the shell
    // the person is at work, so the save that follows goes through.
    let typing = std::time::Instant::now();
    let mut name = String::from("Olivia");
    while typing.elapsed() < std::time::Duration::from_secs(6) {
        name.push('o');
        app.fill("#account-name", &name).await;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    app.click("#account-name-save").await;
    app.wait_for_visible("#account-name-saved").await;
    app.wait_for_text("#current-user-name", &name).await;
    assert!(!app.is_present("#lock-screen").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_filters_by_action_and_exports_what_matches() {
    let app = Harness::start_with_downloads_dir().await;
    create_owner(&app).await;

    // Two failed sign-ins, then the right password.
    sign_out(&app).await;
    for _ in 0..2 {
        submit_sign_in(&app, OWNER_EMAIL, "wrong password").await;
        // A failure empties the password field (and shows the error).
        app.wait_for_value_where("#signin-password", "is emptied", str::is_empty)
            .await;
        app.wait_for_visible("#signin-error").await;
    }
    submit_sign_in(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
    app.wait_for_text("#current-user-name", OWNER_NAME).await;

    app.click("#nav-audit").await;
    app.wait_for_visible("#audit-filter-action").await;
    app.wait_for_rows_containing(".audit-row", &["Sign-in failed", "Signed in"])
        .await;

    // Only the failed sign-ins are left.
    app.select_option("#audit-filter-action", "sign_in.failed")
        .await;
    app.wait_for_texts_where(
        ".audit-row .col-action",
        "all read \"Sign-in failed\", twice",
        |texts| texts.len() == 2 && texts.iter().all(|t| t == "Sign-in failed"),
    )
    .await;
    app.wait_for_text("#audit-total", "2 matching entries")
        .await;

    // The export holds the same rows, in the Downloads folder.
    app.click("#audit-export").await;
    let (header, rows) = read_export(&app, "#audit-export-result", "Saved 2 rows to ").await;
    app.wait_for_visible("#audit-export-result").await;
    app.screenshot("15-audit-filtered").await;
    assert_eq!(header, CSV_HEADER, "the CSV header");
    assert_eq!(rows.len(), 2, "one line per matching entry: {rows:?}");
    assert!(
        rows.iter().all(|row| row.contains("sign_in.failed")),
        "only failed sign-ins: {rows:?}"
    );

    // Clearing the filter shows the whole log again.
    app.click("#audit-clear-filters").await;
    app.wait_for_rows_containing(".audit-row", &["Signed in", "Owner account created"])
        .await;
    assert_eq!(app.value("#audit-filter-action").await, "");
}

/// The first line of an audit export.
const CSV_HEADER: &str = "id,time_utc,actor,action,action_label,detail,row_hash";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owner_changes_the_idle_lock_in_settings() {
    let app = Harness::start().await;
    create_owner(&app).await;

    open_settings(&app, "security").await;
    app.wait_for_value_where("#setting-idle-lock-minutes", "is loaded", |v| !v.is_empty())
        .await;

    app.fill("#setting-idle-lock-minutes", "5").await;
    app.click("#settings-security-save").await;
    app.wait_for_visible("#settings-security-saved").await;

    // Saved for good: the page shows it again after leaving it.
    open_page(&app, "dashboard").await;
    app.click("#nav-settings").await;
    app.wait_for_value_where("#setting-idle-lock-minutes", "reads 5", |v| v == "5")
        .await;

    // Zero minutes is refused next to the field.
    app.fill("#setting-idle-lock-minutes", "0").await;
    app.click("#settings-security-save").await;
    app.wait_for_visible("#setting-idle-lock-minutes-error")
        .await;
    assert!(!app.is_present("#settings-security-saved").await);
    app.screenshot("16-settings").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn my_account_renames_and_changes_the_password() {
    const NEW_NAME: &str = "Olivia O. Owner";
    const NEW_PASSWORD: &str = "amber quarry lighthouse 77";
    let app = Harness::start().await;
    create_owner(&app).await;

    app.click("#open-account").await;
    app.wait_for_visible("#page-account").await;
    assert_eq!(app.value("#account-name").await, OWNER_NAME);
    app.fill("#account-name", NEW_NAME).await;
    app.click("#account-name-save").await;
    app.wait_for_visible("#account-name-saved").await;
    app.wait_for_text("#current-user-name", NEW_NAME).await;

    app.fill("#account-current-password", OWNER_PASSWORD).await;
    app.fill("#account-new-password", NEW_PASSWORD).await;
    app.fill("#account-new-password-confirm", NEW_PASSWORD)
        .await;
    app.click("#account-password-save").await;
    app.wait_for_visible("#account-password-saved").await;
    for field in [
        "#account-current-password",
        "#account-new-password",
        "#account-new-password-confirm",
    ] {
        assert_eq!(app.value(field).await, "", "{field} is emptied");
    }
    app.wait_until_gone("#password-strength .seg-ok").await;
    app.screenshot("17-account").await;

    // The new password is the one that signs in now.
    sign_out(&app).await;
    submit_sign_in(&app, OWNER_EMAIL, NEW_PASSWORD).await;
    app.wait_for_text("#current-user-name", NEW_NAME).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_changes_wait_for_a_confirmation() {
    let app = Harness::start().await;
    create_owner(&app).await;
    app.click("#nav-staff").await;
    app.click("#staff-add").await;
    app.fill("#staff-email", "not an email").await;
    app.fill("#staff-name", AGENT_NAME).await;
    app.click("#staff-add-submit").await;
    app.wait_for_visible("#staff-email-error").await;
    app.screenshot("18-staff-add-error").await;
    app.fill("#staff-email", AGENT_EMAIL).await;
    app.click("#staff-add-submit").await;
    app.click("#temp-password-done").await;
    app.wait_until_gone("#temp-password-dialog").await;
    let row = format!(r#".staff-row[data-email="{AGENT_EMAIL}"]"#);
    let select = format!("{row} .staff-role-select");

    // No actions on one's own row.
    let own_row = format!(r#".staff-row[data-email="{OWNER_EMAIL}"]"#);
    assert!(
        !app.is_present(&format!("{own_row} .staff-role-select"))
            .await
    );
    assert!(
        !app.is_present(&format!("{own_row} .staff-toggle-status"))
            .await
    );

    // Esc cancels a role change, and the drop-down shows the stored role again.
    app.select_option(&select, "admin").await;
    app.wait_for_visible("#confirm-dialog").await;
    app.press("#confirm-ok", Key::Escape).await;
    app.wait_until_gone("#confirm-dialog").await;
    app.wait_for_value_where(&select, "is back on agent", |v| v == "agent")
        .await;
    assert_eq!(app.text(&format!("{row} .col-role")).await, "Agent");

    // Confirmed, it takes effect.
    app.select_option(&select, "admin").await;
    app.wait_for_text("#confirm-title", "Make Alex Agent an Admin?")
        .await;
    app.screenshot("19-staff-confirm").await;
    app.click("#confirm-ok").await;
    app.wait_until_gone("#confirm-dialog").await;
    app.wait_for_text(&format!("{row} .col-role"), "Admin")
        .await;

    // Disabling, confirmed with Enter.
    app.click(&format!("{row} .staff-toggle-status")).await;
    app.wait_for_text("#confirm-title", "Disable Alex Agent?")
        .await;
    app.press("#confirm-ok", Key::Enter).await;
    app.wait_for_text_where(&format!("{row} .col-status"), "reads Disabled", |t| {
        t.contains("Disabled")
    })
    .await;
    app.wait_for_text(&format!("{row} .staff-toggle-status"), "Enable")
        .await;
    assert!(!app.is_present("#staff-error").await);
}

const AGENT2_EMAIL: &str = "sam@agency.test";
const AGENT2_NAME: &str = "Sam Sales";
const AGENT2_PASSWORD: &str = "amber lantern quarry 2046";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_creates_a_customer_and_finds_it() {
    let app = Harness::start().await;
    create_owner(&app).await;
    sign_in_new_agent(&app).await;

    // No customers yet: the page says how to start.
    open_page(&app, "customers").await;
    app.wait_for_visible("#customer-empty").await;
    let empty = app.text("#customer-empty").await;
    assert!(empty.contains("No customers yet"), "empty state: {empty:?}");

    // A phone number that cannot be one is refused under the field once left.
    start_customer(&app, "ann.smith@example.com", "Ann", "Smith").await;
    app.fill("#customer-phone", "12").await;
    app.press("#customer-phone", Key::Tab).await;
    app.wait_for_visible("#customer-phone-error").await;
    assert_eq!(
        app.client()
            .find(fantoccini::Locator::Css("#customer-phone"))
            .await
            .expect("phone input")
            .attr("aria-invalid")
            .await
            .expect("attribute"),
        Some("true".to_owned())
    );
    app.screenshot("21-customer-form-error").await;

    // Fixed, saved, and shown as stored (E.164, read as a UK number).
    app.fill("#customer-phone", "020 7946 0958").await;
    app.wait_until_gone("#customer-phone-error").await;
    app.click("#customer-save").await;
    app.wait_for_text("#customer-name", "Ann Smith").await;
    app.wait_until_gone("#customer-form").await;
    assert_eq!(app.text("#customer-phone-value").await, "+442079460958");
    assert_eq!(
        app.text("#customer-email-value").await,
        "ann.smith@example.com"
    );
    let agents = app.text("#customer-agents").await;
    assert!(
        agents.contains(AGENT_NAME) && agents.contains("created"),
        "agents: {agents:?}"
    );
    app.screenshot("22-customer-detail").await;

    // Back in the list, a word prefix finds her; nonsense finds nobody.
    app.click("#customer-back").await;
    app.wait_for_visible("#page-customers").await;
    app.fill("#customer-search", "smi").await;
    let rows = app
        .wait_for_rows_containing(".customer-row", &["Ann Smith"])
        .await;
    assert_eq!(rows.len(), 1, "one row: {rows:?}");
    assert!(rows[0].contains("+442079460958"), "row: {:?}", rows[0]);
    app.wait_for_text("#customer-count", "1 customer").await;
    app.screenshot("20-customers").await;
    app.fill("#customer-search", "zzz").await;
    app.wait_for_visible("#customer-empty").await;
    let empty = app.text("#customer-empty").await;
    assert!(empty.contains("No customer matches “zzz”"), "{empty:?}");
    assert!(!app.is_present(".customer-row").await);

    // Clearing the search brings her back; Enter on the row opens her.
    app.click("#customer-clear-search").await;
    app.wait_for_rows_containing(".customer-row", &["Ann Smith"])
        .await;
    app.press(".customer-row", Key::Enter).await;
    app.wait_for_text("#customer-name", "Ann Smith").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_agent_links_an_existing_customer() {
    let app = Harness::start().await;
    create_owner(&app).await;
    let first = add_agent(&app, AGENT_EMAIL, AGENT_NAME).await;
    let second = add_agent(&app, AGENT2_EMAIL, AGENT2_NAME).await;
    sign_out(&app).await;

    // The first agent creates Ann.
    first_sign_in(&app, AGENT_EMAIL, &first, AGENT_PASSWORD, AGENT_NAME).await;
    open_page(&app, "customers").await;
    app.wait_for_visible("#customer-empty").await;
    start_customer(&app, "ann.smith@example.com", "Ann", "Smith").await;
    app.click("#customer-save").await;
    app.wait_for_text("#customer-name", "Ann Smith").await;
    sign_out(&app).await;

    // The second agent does not see her, and creating her again offers a link instead.
    first_sign_in(&app, AGENT2_EMAIL, &second, AGENT2_PASSWORD, AGENT2_NAME).await;
    open_page(&app, "customers").await;
    app.wait_for_visible("#customer-empty").await;
    start_customer(&app, "Ann.Smith@Example.com", "Ann", "Smith").await;
    app.click("#customer-save").await;
    app.wait_for_visible("#customer-duplicate").await;
    assert!(app.is_present("#customer-duplicate-link").await);
    assert!(!app.is_present("#customer-duplicate-open").await);
    let panel = app.text("#customer-duplicate").await;
    assert!(
        panel.contains("A customer with this email already exists"),
        "{panel:?}"
    );
    app.screenshot("23-customer-duplicate").await;

    app.click("#customer-duplicate-link").await;
    app.wait_for_text("#customer-name", "Ann Smith").await;
    app.wait_until_gone("#customer-form").await;
    let agents = app
        .wait_for_text_where("#customer-agents", "lists both agents", |text| {
            text.contains(AGENT_NAME) && text.contains(AGENT2_NAME)
        })
        .await;
    assert!(agents.contains("created"), "{agents:?}");

    // Now in the second agent's list too.
    app.click("#customer-back").await;
    app.wait_for_rows_containing(".customer-row", &["Ann Smith"])
        .await;
}

/// Turns the quit app's encrypted database into what an earlier version of Keydesk left:
/// the same content in a plain SQLite file, with no key noted beside it and no database
/// key in the keyring (the vault key stays: the earlier version had it).
async fn make_plain_like_an_earlier_version(data_dir: &std::path::Path) {
    use keydesk_core::store::encryption::{
        connect_options_from_keyring, read_installation_id, ID_FILE,
    };
    use keydesk_core::vault::{database_key_account, OsKeyring};
    use sqlx::{ConnectOptions, Connection};

    let file = data_dir.join("keydesk.sqlite3");
    let plain = data_dir.join("plain.sqlite3");
    std::fs::write(&plain, b"").unwrap();
    let mut conn = connect_options_from_keyring(&file, &OsKeyring)
        .unwrap()
        .connect()
        .await
        .unwrap();
    sqlx::query("ATTACH DATABASE ? AS plain KEY ''")
        .bind(plain.to_str().unwrap())
        .execute(&mut conn)
        .await
        .unwrap();
    for sql in [
        "SELECT sqlcipher_export('plain')",
        "PRAGMA plain.journal_mode = WAL",
        "DETACH DATABASE plain",
    ] {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
    conn.close().await.unwrap();
    let id = read_installation_id(&file).unwrap().unwrap();
    OsKeyring::delete(&database_key_account(&id)).unwrap();
    std::fs::remove_file(data_dir.join(ID_FILE)).unwrap();
    for sidecar in ["keydesk.sqlite3-wal", "keydesk.sqlite3-shm"] {
        let _ = std::fs::remove_file(data_dir.join(sidecar));
    }
    std::fs::rename(&plain, &file).unwrap();
    assert!(std::fs::read(&file)
        .unwrap()
        .starts_with(b"SQLite format 3\0"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_earlier_versions_plain_database_opens_encrypted_with_everything_in_it() {
    let app = Harness::start().await;
    create_owner(&app).await;
    open_page(&app, "customers").await;
    let customer = keydesk_e2e::steps::NewCustomer::new("ann@example.test", "Ann", "Early");
    keydesk_e2e::steps::create_customer(&app, &customer).await;

    let quit = app.quit().await;
    let data_dir = quit.data_dir();
    make_plain_like_an_earlier_version(&data_dir).await;

    // The first start of this version encrypts it, then shows the sign-in screen.
    let app = quit.start().await;
    app.wait_for_visible("#signin-title").await;
    let file = std::fs::read(data_dir.join("keydesk.sqlite3")).unwrap();
    assert!(
        !file.starts_with(b"SQLite format 3\0"),
        "the database is encrypted now"
    );
    assert!(
        !file.windows(16).any(|w| w == b"ann@example.test"),
        "no customer's email in the clear"
    );
    assert!(data_dir.join("keydesk.id").exists());
    submit_sign_in(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
    app.wait_for_text("#current-user-name", OWNER_NAME).await;
    open_page(&app, "customers").await;
    app.wait_for_rows_containing(".customer-row", &["Ann Early"])
        .await;
}
