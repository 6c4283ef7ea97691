use crate::helpers::{assert_err, field_error, TestApp};
use keydesk_api::{Role, StaffStatus};
use keydesk_core::auth::Permission;
use keydesk_core::services::{AccessError, ServiceError, SignInError};

#[tokio::test]
async fn a_new_member_gets_a_temporary_password_and_must_replace_it() {
    let (app, owner) = TestApp::with_owner().await;
    let added = app
        .keydesk
        .add_staff(&owner, "Alex@Agency.test", "Alex Agent", Some(Role::Agent))
        .await
        .unwrap();
    let temporary = added.temporary_password.expose().to_owned();
    assert_eq!(temporary.chars().count(), 16);
    assert_eq!(added.member.email, "alex@agency.test");
    assert!(added.member.must_change_password);
    assert_eq!(format!("{:?}", added.temporary_password), "<redacted>");

    let agent = app
        .sign_in_with("alex@agency.test", &temporary)
        .await
        .unwrap();
    assert!(agent.must_change_password());
    // Until the password is replaced, nothing else is allowed.
    let info = app.keydesk.session_info(&agent).await.unwrap();
    assert_eq!(info.permissions, vec![Permission::ManageOwnAccount]);
    assert_err!(
        app.keydesk.authorize(&agent, Permission::ViewStaff).await,
        AccessError::PasswordChangeRequired
    );

    let (agent, chosen) = app
        .add_member(&owner, "second@agency.test", Role::Agent)
        .await;
    assert!(!agent.must_change_password());
    assert!(app
        .sign_in_with("second@agency.test", &chosen)
        .await
        .is_ok());
    // Agents may not see staff or the audit log.
    assert_err!(
        app.keydesk.list_staff(&agent).await,
        ServiceError::Access(AccessError::Forbidden)
    );
    app.cleanup().await;
}

#[tokio::test]
async fn adding_refuses_duplicates_and_new_owners_and_writes_nothing() {
    let (app, owner) = TestApp::with_owner().await;
    app.keydesk
        .add_staff(&owner, "a@agency.test", "A", Some(Role::Agent))
        .await
        .unwrap();
    let cases = [
        ("A@agency.test", "Again", Some(Role::Agent), "email"),
        ("b@agency.test", "B", Some(Role::Owner), "role"),
        ("b@agency.test", "B", None, "role"),
        ("not an email", "B", Some(Role::Agent), "email"),
        ("b@agency_test.com", "B", Some(Role::Agent), "email"),
        ("b@agency.test", "  ", Some(Role::Agent), "display_name"),
    ];
    for (email, name, role, field) in cases {
        let added = app.keydesk.add_staff(&owner, email, name, role).await;
        field_error(added.map(|added| added.member), field);
    }
    assert_eq!(app.keydesk.list_staff(&owner).await.unwrap().len(), 2);
    app.cleanup().await;
}

#[tokio::test]
async fn the_only_owner_cannot_be_disabled_or_demoted_by_anyone() {
    let (app, owner) = TestApp::with_owner().await;
    let admin = app.member(&owner, "admin@agency.test", Role::Admin).await;

    assert_err!(
        app.keydesk
            .set_staff_active(&owner, owner.id(), false)
            .await,
        ServiceError::Conflict(_)
    );
    assert_err!(
        app.keydesk
            .set_staff_role(&owner, owner.id(), Role::Agent)
            .await,
        ServiceError::Conflict(_)
    );
    assert_err!(
        app.keydesk
            .set_staff_active(&admin, owner.id(), false)
            .await,
        ServiceError::NotAllowed(_)
    );
    assert_err!(
        app.keydesk
            .set_staff_role(&admin, owner.id(), Role::Agent)
            .await,
        ServiceError::NotAllowed(_)
    );
    let reset_by_admin = app.keydesk.reset_staff_password(&admin, owner.id()).await;
    assert!(matches!(reset_by_admin, Err(ServiceError::NotAllowed(_))));
    // Admins cannot promote anyone to owner either.
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    assert_err!(
        app.keydesk
            .set_staff_role(&admin, agent.id(), Role::Owner)
            .await,
        ServiceError::NotAllowed(_)
    );

    let staff = app.keydesk.list_staff(&owner).await.unwrap();
    let me = staff.iter().find(|m| m.id == owner.id().0).unwrap();
    assert_eq!((me.role, me.status), (Role::Owner, StaffStatus::Active));

    // With a second owner, one may demote the other.
    let member = app
        .keydesk
        .set_staff_role(&owner, agent.id(), Role::Owner)
        .await
        .unwrap();
    assert_eq!(member.role, Role::Owner);
    let second = app.sign_in_as("agent@agency.test").await;
    let demoted = app
        .keydesk
        .set_staff_role(&second, owner.id(), Role::Admin)
        .await
        .unwrap();
    assert_eq!(demoted.role, Role::Admin);
    app.cleanup().await;
}

#[tokio::test]
async fn disabling_ends_sessions_and_blocks_sign_in_until_enabled() {
    let (app, owner) = TestApp::with_owner().await;
    let (agent, password) = app
        .add_member(&owner, "agent@agency.test", Role::Agent)
        .await;

    let disabled = app
        .keydesk
        .set_staff_active(&owner, agent.id(), false)
        .await
        .unwrap();
    assert_eq!(disabled.status, StaffStatus::Disabled);
    assert_err!(
        app.keydesk
            .authorize(&agent, Permission::ManageOwnAccount)
            .await,
        AccessError::SessionEnded
    );
    assert_err!(
        app.sign_in_with("agent@agency.test", &password).await,
        SignInError::InvalidCredentials
    );

    app.keydesk
        .set_staff_active(&owner, agent.id(), true)
        .await
        .unwrap();
    assert!(app
        .sign_in_with("agent@agency.test", &password)
        .await
        .is_ok());
    app.cleanup().await;
}

#[tokio::test]
async fn a_reset_gives_a_new_temporary_password_and_ends_sessions() {
    let (app, owner) = TestApp::with_owner().await;
    let (agent, old) = app
        .add_member(&owner, "agent@agency.test", Role::Agent)
        .await;

    let reset = app
        .keydesk
        .reset_staff_password(&owner, agent.id())
        .await
        .unwrap();
    assert!(reset.member.must_change_password);
    assert_err!(
        app.keydesk
            .authorize(&agent, Permission::ManageOwnAccount)
            .await,
        AccessError::SessionEnded
    );
    let with_old = app.sign_in_with("agent@agency.test", &old).await;
    assert_err!(with_old, SignInError::InvalidCredentials);
    let with_new = app
        .keydesk
        .sign_in("agent@agency.test", reset.temporary_password.clone())
        .await
        .unwrap();
    assert!(with_new.must_change_password());
    app.cleanup().await;
}

#[tokio::test]
async fn every_staff_action_is_audited() {
    let (app, owner) = TestApp::with_owner().await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    app.keydesk
        .set_staff_role(&owner, agent.id(), Role::Admin)
        .await
        .unwrap();
    app.keydesk
        .set_staff_active(&owner, agent.id(), false)
        .await
        .unwrap();
    app.keydesk
        .set_staff_active(&owner, agent.id(), true)
        .await
        .unwrap();
    app.keydesk
        .reset_staff_password(&owner, agent.id())
        .await
        .unwrap();
    app.keydesk
        .change_own_display_name(&owner, "Olivia O.")
        .await
        .unwrap();
    let expected = [
        "staff.added",
        "account.password_changed",
        "staff.role_changed",
        "staff.disabled",
        "staff.enabled",
        "staff.password_reset",
        "account.name_changed",
    ];
    app.assert_audited(&owner, &expected).await;
    app.cleanup().await;
}
