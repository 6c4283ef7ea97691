//! The window in Persian: chosen in Settings → General, the whole window speaks it at
//! once and lays itself out right to left; it is the person's own, and the sign-in
//! screen speaks the language chosen last. Run with `cargo xtask test`.

use keydesk_e2e::steps::{
    create_owner, open_page, open_settings, submit_sign_in, OWNER_EMAIL, OWNER_PASSWORD,
};
use keydesk_e2e::Harness;
use serde_json::json;

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
    let persian = |n: i32| -> String {
        n.to_string()
            .chars()
            .map(|d| char::from_u32(0x06F0 + d.to_digit(10).unwrap()).unwrap())
            .collect()
    };
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
    submit_sign_in(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
    app.wait_for_text("#page-title", "پیشخوان").await;
}
