//! The window in Persian: chosen in Settings → General, the whole window speaks it at
//! once and lays itself out right to left; it is the person's own, and the sign-in
//! screen speaks the language chosen last. Run with `cargo xtask test`.

use keydesk_e2e::smtp_sink::SmtpSink;
use keydesk_e2e::steps::{
    create_owner, open_page, open_settings, scroll_to, submit_sign_in, OWNER_EMAIL, OWNER_PASSWORD,
};
use keydesk_e2e::Harness;
use mail_parser::MessageParser;
use serde_json::json;

/// `n` in Persian digits.
fn persian_digits(n: impl ToString) -> String {
    n.to_string()
        .chars()
        .map(|d| match d.to_digit(10) {
            Some(d) => char::from_u32(0x06F0 + d).unwrap(),
            None => d,
        })
        .collect()
}

/// The left edge, in pixels, of the element matching `css`.
async fn left_of(app: &Harness, css: &str) -> f64 {
    app.wait_for(css).await;
    app.client()
        .execute(
            "return document.querySelector(arguments[0]).getBoundingClientRect().left;",
            vec![json!(css)],
        )
        .await
        .unwrap_or_else(|err| panic!("Failed to measure `{css}`: {err}"))
        .as_f64()
        .expect("a number")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_switches_the_window_to_persian_and_it_turns_right_to_left_at_once() {
    let app = Harness::start().await;
    create_owner(&app).await;
    assert_eq!(app.attr("html", "dir").await.as_deref(), Some("ltr"));
    assert!(left_of(&app, ".sidebar").await < left_of(&app, ".shell-main").await);

    open_settings(&app, "general").await;
    app.wait_for_enabled("#window-language").await;
    app.select_option("#window-language", "fa").await;
    // No restart, no reload: the page on show speaks Persian.
    app.wait_for_text("#page-title", "تنظیمات").await;
    app.wait_for_visible("#window-preferences-saved").await;
    assert_eq!(app.attr("html", "dir").await.as_deref(), Some("rtl"));
    assert_eq!(app.attr("html", "lang").await.as_deref(), Some("fa"));
    assert_eq!(app.text("#nav-customers .nav-label").await, "مشتریان");
    assert_eq!(app.text("#current-user-role").await, "مالک");
    assert_eq!(app.text("#settings-section-general").await, "عمومی");
    assert_eq!(
        app.text("#settings-general-save").await,
        "ذخیرهٔ تنظیمات عمومی"
    );
    // The sidebar moved to the right of the page.
    assert!(left_of(&app, ".sidebar").await > left_of(&app, ".shell-main").await);
    app.screenshot("70-settings-fa").await;

    open_page(&app, "dashboard").await;
    app.wait_for_text("#page-title", "پیشخوان").await;
    app.screenshot("71-dashboard-fa").await;

    // Dates in the Solar Hijri calendar, in Persian digits; then Gregorian again.
    open_settings(&app, "general").await;
    app.select_option("#window-calendar", "solar-hijri").await;
    app.wait_for("html[data-calendar='solar-hijri']").await;
    // Nothing on the page is lost: the same section, saying it is saved.
    app.wait_for_visible("#window-preferences-saved").await;
    app.wait_for_visible("#settings-panel-general").await;
    open_page(&app, "audit").await;
    let at = app
        .attr(".audit-row time", "datetime")
        .await
        .expect("a time");
    let year: i32 = at[..4].parse().expect("a year");
    let persian = |n: i32| persian_digits(n);
    // Nowruz (about 21 March) starts the Solar Hijri year.
    let solar = [persian(year - 621), persian(year - 622)];
    let shown = app
        .wait_for_text_where(".audit-row time", "a Solar Hijri date", |t| {
            solar.iter().any(|y| t.contains(y.as_str()))
        })
        .await;
    assert!(!shown.contains(&persian(year)), "{shown}");
    app.screenshot("73-audit-fa-solar-hijri").await;
    open_settings(&app, "general").await;
    app.select_option("#window-calendar", "gregorian").await;
    app.wait_for("html[data-calendar='gregorian']").await;
    open_page(&app, "audit").await;
    app.wait_for_text_where(".audit-row time", "a Gregorian date", |t| {
        t.contains(persian(year).as_str())
    })
    .await;

    // Signed out, the sign-in screen speaks the language chosen last.
    app.click("#sign-out").await;
    app.wait_for_text("#signin-title", "ورود به Keydesk").await;
    assert_eq!(app.attr("html", "dir").await.as_deref(), Some("rtl"));
    app.screenshot("72-sign-in-fa").await;
    // Nobody signed in: the window's preferences cannot be changed from outside.
    let refused = app
        .invoke(
            "set_window_preferences",
            json!({ "language": "en", "calendar": "gregorian" }),
        )
        .await
        .expect_err("a stranger is refused");
    assert_eq!(refused["code"], "not_signed_in", "{refused}");

    // Someone at the sign-in screen may switch it, at once, and signing in keeps it as
    // their own.
    app.select_option("#signin-language", "en").await;
    app.wait_for_text("#signin-title", "Sign in to Keydesk")
        .await;
    assert_eq!(app.attr("html", "dir").await.as_deref(), Some("ltr"));
    submit_sign_in(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
    app.wait_for_text("#page-title", "Dashboard").await;

    // Saved: after a restart the sign-in screen speaks it, the language chosen last.
    let app = app.restart().await;
    app.wait_for_text("#signin-title", "Sign in to Keydesk")
        .await;
    submit_sign_in(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
    app.wait_for_text("#nav-settings .nav-label", "Settings")
        .await;

    // Back to Persian from My account, which everyone has; the next sign-in, untouched,
    // brings it back.
    app.click("#open-account").await;
    app.wait_for_visible("#page-account").await;
    app.select_option("#window-language", "fa").await;
    app.wait_for_text("#page-title", "حساب من").await;
    assert_eq!(app.attr("html", "dir").await.as_deref(), Some("rtl"));
    app.click("#sign-out").await;
    app.wait_for_text("#signin-title", "ورود به Keydesk").await;

    // What the core refuses is said in the window's language, and follows a change of it.
    submit_sign_in(&app, OWNER_EMAIL, "not the owner's password").await;
    app.wait_for_text("#signin-error", "ایمیل یا گذرواژه نادرست است.")
        .await;
    app.select_option("#signin-language", "en").await;
    app.wait_for_text("#signin-error", "Email or password is incorrect.")
        .await;
    app.select_option("#signin-language", "fa").await;
    app.wait_for_text("#signin-error", "ایمیل یا گذرواژه نادرست است.")
        .await;

    submit_sign_in(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
    app.wait_for_text("#page-title", "پیشخوان").await;
}

/// The main flows, in Persian from the start: an owner sets up mail, creates a customer
/// who speaks Persian, hands the login over by phone and confirms the customer's email
/// with the code the customer reads back, in Persian digits. Every screen on the way is
/// photographed in Persian.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persian_speaking_owner_creates_a_customer_hands_over_the_login_and_checks_a_code() {
    let sink = SmtpSink::start();
    let app = Harness::start().await;
    // The first-run screen, switched to Persian before the owner exists.
    app.wait_for_visible("#create-owner-title").await;
    app.select_option("#create-owner-language", "fa").await;
    app.wait_for("html[dir='rtl']").await;
    app.screenshot("74-create-owner-fa").await;
    create_owner(&app).await;
    app.wait_for_text("#page-title", "پیشخوان").await;

    // Settings → Mail, in Persian: the local server, unencrypted.
    open_settings(&app, "mail").await;
    app.wait_for_enabled("#smtp-host").await;
    app.fill("#smtp-host", "127.0.0.1").await;
    app.select_option("#smtp-security", "none").await;
    app.fill("#smtp-port", &persian_digits(sink.port)).await;
    app.fill("#smtp-from-name", "سفرهای آفتاب").await;
    app.fill("#smtp-from-address", "hello@sunny.test").await;
    app.click("#smtp-save").await;
    app.wait_for("#smtp-result .banner-ok #smtp-result-text")
        .await;
    app.screenshot("75-settings-mail-fa").await;

    // A new customer, typed in Persian.
    open_page(&app, "customers").await;
    app.wait_for_text("#page-title", "مشتریان").await;
    app.click("#customer-new").await;
    app.wait_for_visible("#customer-form").await;
    app.fill("#customer-email", "maryam@example.com").await;
    app.fill("#customer-first-name", "مریم").await;
    app.fill("#customer-last-name", "رضایی").await;
    app.fill("#customer-phone", "۰۹۱۲ ۳۴۵ ۶۷۸۹").await;
    app.fill("#customer-country", "IR").await;
    app.fill("#customer-language", "fa").await;
    app.select_option("#customer-gender", "female").await;
    app.fill(
        "#customer-special-requirements",
        "غذای گیاهی، صندلی کنار راهرو",
    )
    .await;
    app.screenshot("76-customer-form-fa").await;
    app.click("#customer-save").await;
    app.wait_for_text("#customer-name", "مریم رضایی").await;
    app.wait_until_gone("#customer-form").await;
    assert_eq!(app.text("#customer-gender-value").await, "زن");
    assert_eq!(
        app.text("#customer-special-requirements-value").await,
        "غذای گیاهی، صندلی کنار راهرو"
    );
    assert_eq!(app.text("#customer-phone-value").await, "+989123456789");
    app.screenshot("77-customer-fa").await;

    // The login waits on the dashboard; handed over by phone.
    app.click("#nav-dashboard").await;
    let rows = app
        .wait_for_rows_containing("#handoff-list .handoff-row", &["مریم رضایی"])
        .await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    let handoff_id = app
        .attr("#handoff-list .handoff-row", "data-handoff-id")
        .await
        .expect("the row names its handoff");
    app.click(&format!("#handoff-reveal-{handoff_id}")).await;
    app.wait_for_text_where(
        &format!("#handoff-password-{handoff_id}"),
        "shows a password",
        |text| text.len() >= 12,
    )
    .await;
    app.screenshot("78-handoff-fa").await;
    app.click(&format!("#handoff-mark-sent-{handoff_id}")).await;
    app.wait_for_visible("#mark-sent-dialog").await;
    app.select_option("#mark-sent-channel", "phone").await;
    app.screenshot("79-mark-sent-fa").await;
    app.click("#mark-sent-confirm").await;
    app.wait_until_gone("#mark-sent-dialog").await;
    app.wait_for_visible("#handoff-empty").await;

    // The customer's page says how, and asks for a code by mail.
    open_page(&app, "customers").await;
    app.wait_for_rows_containing(".customer-row", &["مریم رضایی", "برنزی"])
        .await;
    app.screenshot("80-customers-fa").await;
    app.click(".customer-row .cell-strong").await;
    app.wait_for_rows_containing("#customer-handoffs .handoff-record", &["تلفن"])
        .await;
    app.wait_for_text("#customer-email-verified", "ایمیل تأییدنشده")
        .await;
    app.click("#customer-send-code").await;
    app.wait_for_text_where("#customer-mails-notice", "says the code went out", |t| {
        t.starts_with("کد تأیید") && t.contains("maryam@example.com")
    })
    .await;

    // The customer's mail is in Persian, and holds the code.
    let mail = sink.wait_for_message("the verification code", |m| {
        m.to().contains("maryam@example.com")
    });
    assert!(mail.0.contains("Content-Language: fa"), "a Persian mail");
    let parsed = MessageParser::default()
        .parse(mail.0.as_bytes())
        .expect("the mail parses");
    let text = parsed.body_text(0).expect("a plain-text part").into_owned();
    assert!(text.contains("کد تأیید شما"), "{text}");
    let digits: String = text
        .split(|c: char| !c.is_ascii_digit() && c != ' ')
        .map(|run| run.replace(' ', ""))
        .find(|run| run.len() == 6)
        .unwrap_or_else(|| panic!("a six-digit code in {text}"));

    // Read back over the phone and typed in Persian digits.
    app.fill("#customer-verification-code", &persian_digits(&digits))
        .await;
    app.press("#customer-verification-code", fantoccini::key::Key::Enter)
        .await;
    app.wait_for_text("#customer-email-verified", "ایمیل تأییدشده")
        .await;
    app.wait_for_rows_containing(
        "#customer-mails .mail-item[data-kind=\"verification_code\"]",
        &["کد تأیید"],
    )
    .await;
    scroll_to(&app, ".customer-mails", "start").await;
    app.screenshot("81-customer-mails-fa").await;

    // The other main screens, in Persian.
    open_page(&app, "outbox").await;
    app.wait_for_rows_containing(".outbox-row", &["کد تأیید", "مریم رضایی"])
        .await;
    app.screenshot("82-outbox-fa").await;
    open_page(&app, "staff").await;
    app.wait_for_rows_containing(".staff-row", &["مالک"]).await;
    app.screenshot("83-staff-fa").await;
    open_page(&app, "audit").await;
    app.wait_for(".audit-row").await;
    app.screenshot("84-audit-fa").await;
    for (section, shot) in [
        ("security", "85-settings-security-fa"),
        ("credentials", "86-settings-credentials-fa"),
        ("branding", "87-settings-branding-fa"),
        ("backups", "88-settings-backups-fa"),
        ("customer", "89-settings-portal-fa"),
        ("agency", "90-settings-agency-fa"),
    ] {
        open_settings(&app, section).await;
        app.screenshot(shot).await;
    }
    app.click("#open-account").await;
    app.wait_for_visible("#page-account").await;
    app.screenshot("91-account-fa").await;
}
