use crate::helpers::{assert_err, TestApp, OWNER_PASSWORD};
use chrono::Duration;
use keydesk_core::services::SignInError;

#[tokio::test]
async fn right_password_signs_in_wrong_one_is_refused_generically() {
    let (app, owner) = TestApp::with_owner().await;
    app.keydesk.sign_out(&owner).await.unwrap();

    let wrong = app
        .sign_in("correct horse battery stapler")
        .await
        .unwrap_err();
    assert!(
        matches!(wrong, SignInError::InvalidCredentials),
        "{wrong:?}"
    );
    let unknown = app
        .sign_in_with("nobody@agency.test", OWNER_PASSWORD)
        .await
        .unwrap_err();
    assert!(
        matches!(unknown, SignInError::InvalidCredentials),
        "{unknown:?}"
    );
    assert_eq!(
        wrong.to_string(),
        unknown.to_string(),
        "same message for both"
    );

    let again = app.sign_in(OWNER_PASSWORD).await.unwrap();
    assert_eq!(again.id(), owner.id());
    // Email matching ignores case and surrounding spaces.
    let cased = app
        .sign_in_with("  Owner@Agency.TEST ", OWNER_PASSWORD)
        .await
        .unwrap();
    assert_eq!(cased.id(), owner.id());

    let actions = app.audit_actions(&owner).await;
    assert_eq!(
        &actions[4..],
        [
            "sign_out",
            "sign_in.failed",
            "sign_in.failed",
            "sign_in.ok",
            "sign_in.ok"
        ]
    );
    app.cleanup().await;
}

#[tokio::test]
async fn a_password_typed_into_the_email_field_is_not_logged() {
    let (app, owner) = TestApp::with_owner().await;
    let secret = "my secret passphrase typed in the wrong box";
    let _ = app.sign_in_with(secret, OWNER_PASSWORD).await;
    let page = app.audit_entries(&owner).await;
    assert!(page
        .iter()
        .all(|e| !e.actor.contains("secret") && !e.detail.contains("secret")));
    app.cleanup().await;
}

#[tokio::test]
async fn five_failures_lock_the_account_with_growing_waits() {
    let (app, owner) = TestApp::with_owner().await;
    let wrong = "not the right password";

    for attempt in 1..=4 {
        let err = app.sign_in(wrong).await.unwrap_err();
        assert!(
            matches!(err, SignInError::InvalidCredentials),
            "attempt {attempt}: {err:?}"
        );
    }
    let err = app.sign_in(wrong).await.unwrap_err();
    let SignInError::LockedOut { until, now } = err else {
        panic!("fifth failure locks: {err:?}")
    };
    assert_eq!(until - now, Duration::seconds(30));
    assert_eq!(
        err.to_string(),
        "Too many failed sign-ins. Try again in 30 seconds."
    );

    // While locked even the right password is refused, without being checked.
    app.clock.advance(Duration::seconds(29));
    assert_err!(
        app.sign_in(OWNER_PASSWORD).await,
        SignInError::LockedOut { .. }
    );

    // After the wait, another failure locks for twice as long.
    app.clock.advance(Duration::seconds(2));
    match app.sign_in(wrong).await {
        Err(SignInError::LockedOut { until, now }) => assert_eq!(until - now, Duration::minutes(1)),
        other => panic!("sixth failure locks for a minute: {other:?}"),
    }
    app.clock.advance(Duration::minutes(1));
    match app.sign_in(wrong).await {
        Err(SignInError::LockedOut { until, now }) => assert_eq!(until - now, Duration::minutes(2)),
        other => panic!("seventh failure locks for two minutes: {other:?}"),
    }

    // A success after the wait resets the count: the next failure does not lock.
    app.clock.advance(Duration::minutes(2));
    app.sign_in(OWNER_PASSWORD).await.unwrap();
    assert_err!(app.sign_in(wrong).await, SignInError::InvalidCredentials);

    let audited = ["account.locked", "sign_in.refused_locked", "sign_in.failed"];
    app.assert_audited(&owner, &audited).await;
    assert_eq!(app.audit_count(&owner, "account.locked").await, 3);
    app.cleanup().await;
}

#[tokio::test]
async fn lockout_caps_at_fifteen_minutes() {
    let (app, _owner) = TestApp::with_owner().await;
    let mut last = Duration::zero();
    for _ in 0..12 {
        if let Err(SignInError::LockedOut { until, now }) = app.sign_in("wrong wrong wrong").await {
            last = until - now;
            app.clock.advance(last);
        }
    }
    assert_eq!(last, Duration::minutes(15));
    app.cleanup().await;
}
