use crate::helpers::{assert_err, TestApp};
use keydesk_api::SecuritySettings;
use keydesk_core::services::{ServiceError, SignInError};

#[tokio::test]
async fn security_settings_have_defaults_limits_and_take_effect() {
    let app = TestApp::spawn().await;
    let owner = app.create_owner().await;
    let settings = app.keydesk.settings(&owner).await.unwrap();
    assert_eq!(settings.security.idle_lock_minutes, 10);
    assert!(settings.security.lockout_enabled);
    assert_eq!(
        app.keydesk
            .session_info(&owner)
            .await
            .unwrap()
            .idle_lock_seconds,
        600
    );

    for minutes in [0, 61] {
        let bad = SecuritySettings {
            idle_lock_minutes: minutes,
            lockout_enabled: true,
        };
        match app.keydesk.save_security_settings(&owner, bad).await {
            Err(ServiceError::Field(e)) => assert_eq!(e.field, "idle_lock_minutes"),
            other => panic!("{minutes} minutes: {other:?}"),
        }
    }
    let off = SecuritySettings {
        idle_lock_minutes: 5,
        lockout_enabled: false,
    };
    app.keydesk
        .save_security_settings(&owner, off.clone())
        .await
        .unwrap();
    assert_eq!(app.keydesk.settings(&owner).await.unwrap().security, off);
    assert_eq!(
        app.keydesk
            .session_info(&owner)
            .await
            .unwrap()
            .idle_lock_seconds,
        300
    );

    // With lockout off, failures never make the account wait.
    for _ in 0..7 {
        let err = app.sign_in("wrong wrong wrong").await.unwrap_err();
        assert!(matches!(err, SignInError::InvalidCredentials), "{err:?}");
    }
    let actions = app.audit_actions(&owner).await;
    assert!(actions.iter().any(|a| a == "settings.changed"));
    app.cleanup().await;
}

#[tokio::test]
async fn unlocking_needs_the_password_and_counts_failures() {
    let app = TestApp::spawn().await;
    let owner = app.create_owner().await;
    app.keydesk.lock_session(&owner).await.unwrap();
    let wrong = app
        .keydesk
        .unlock_session(
            &owner,
            keydesk_core::domain::PlainPassword::new("nope nope".to_owned()),
        )
        .await;
    assert_err!(wrong, SignInError::InvalidCredentials);
    let back = app
        .keydesk
        .unlock_session(
            &owner,
            keydesk_core::domain::PlainPassword::new(crate::helpers::OWNER_PASSWORD.to_owned()),
        )
        .await
        .unwrap();
    assert_eq!(back.id(), owner.id());
    let actions = app.audit_actions(&owner).await;
    let tail: Vec<_> = actions.iter().rev().take(3).rev().cloned().collect();
    assert_eq!(
        tail,
        ["session.locked", "sign_in.failed", "session.unlocked"]
    );
    app.cleanup().await;
}
