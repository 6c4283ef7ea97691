use crate::helpers::{assert_err, field_error, password_change, TestApp, OWNER_PASSWORD};
use keydesk_core::services::ServiceError;

#[tokio::test]
async fn changing_the_password_checks_the_current_one_and_the_policy() {
    let (app, owner) = TestApp::with_owner().await;
    let good = "a completely different passphrase 77";
    let cases = [
        (
            password_change("not my password at all", good, good),
            "current_password",
        ),
        (
            password_change(OWNER_PASSWORD, "short", "short"),
            "new_password",
        ),
        (
            password_change(OWNER_PASSWORD, "password123456", "password123456"),
            "new_password",
        ),
        (
            password_change(OWNER_PASSWORD, "qwertyuiop123", "qwertyuiop123"),
            "new_password",
        ),
        (
            password_change(OWNER_PASSWORD, OWNER_PASSWORD, OWNER_PASSWORD),
            "new_password",
        ),
        (
            password_change(OWNER_PASSWORD, good, "something else"),
            "new_password_confirm",
        ),
    ];
    for (attempt, field) in cases {
        field_error(
            app.keydesk.change_own_password(&owner, attempt).await,
            field,
        );
    }
    // Nothing changed: the old password still works.
    app.sign_in(OWNER_PASSWORD).await.unwrap();

    app.keydesk
        .change_own_password(&owner, password_change(OWNER_PASSWORD, good, good))
        .await
        .unwrap();
    assert!(app.sign_in(OWNER_PASSWORD).await.is_err());
    let owner = app.sign_in(good).await.unwrap();
    app.assert_audited(
        &owner,
        &["account.password_change_failed", "account.password_changed"],
    )
    .await;
    app.cleanup().await;
}

#[tokio::test]
async fn changing_the_display_name_is_validated() {
    let (app, owner) = TestApp::with_owner().await;
    assert_err!(
        app.keydesk.change_own_display_name(&owner, "   ").await,
        ServiceError::Field(_)
    );
    let renamed = app
        .keydesk
        .change_own_display_name(&owner, "  Olivia   Owens ")
        .await
        .unwrap();
    assert_eq!(renamed.display_name(), "Olivia Owens");
    app.cleanup().await;
}
