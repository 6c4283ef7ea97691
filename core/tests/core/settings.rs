use crate::helpers::{assert_err, field_error, pw, TestApp};
use keydesk_api::SecuritySettings;
use keydesk_core::services::SignInError;

#[tokio::test]
async fn security_settings_have_defaults_limits_and_take_effect() {
    let (app, owner) = TestApp::with_owner().await;
    let settings = app.keydesk.settings(&owner).await.unwrap();
    assert_eq!(settings.security.idle_lock_minutes, 10);
    assert!(settings.security.lockout_enabled);
    let idle_lock_seconds = || async {
        let info = app.keydesk.session_info(&owner).await.unwrap();
        info.idle_lock_seconds
    };
    assert_eq!(idle_lock_seconds().await, 600);

    for minutes in [0, 61] {
        let bad = SecuritySettings {
            idle_lock_minutes: minutes,
            lockout_enabled: true,
        };
        let refused = app.keydesk.save_security_settings(&owner, bad).await;
        field_error(refused, "idle_lock_minutes");
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
    assert_eq!(idle_lock_seconds().await, 300);

    // With lockout off, failures never make the account wait.
    for _ in 0..7 {
        let err = app.sign_in("wrong wrong wrong").await.unwrap_err();
        assert!(matches!(err, SignInError::InvalidCredentials), "{err:?}");
    }
    app.assert_audited(&owner, &["settings.changed"]).await;
    app.cleanup().await;
}

#[tokio::test]
async fn unlocking_needs_the_password_and_counts_failures() {
    let (app, owner) = TestApp::with_owner().await;
    app.keydesk.lock_session(&owner).await.unwrap();
    let wrong = app.keydesk.unlock_session(&owner, pw("nope nope")).await;
    assert_err!(wrong, SignInError::InvalidCredentials);
    let back = app
        .keydesk
        .unlock_session(&owner, pw(crate::helpers::OWNER_PASSWORD))
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
