use crate::helpers::{pw, TestApp, OWNER_EMAIL, OWNER_PASSWORD};
use keydesk_api::Role;
use keydesk_core::services::{CreateOwnerError, OwnerForm};

#[tokio::test]
async fn creating_the_owner_signs_them_in_and_is_audited() {
    let (app, owner) = TestApp::with_owner().await;
    assert_eq!(owner.role(), Role::Owner);
    assert_eq!(owner.email().as_ref(), OWNER_EMAIL);
    assert_eq!(owner.display_name(), "Olivia Owner");
    assert!(!app.keydesk.needs_owner().await.unwrap());
    assert_eq!(
        app.audit_actions(&owner).await,
        [
            "database.created",
            "vault_key.created",
            "owner.created",
            "sign_in.ok"
        ]
    );
    app.cleanup().await;
}

#[tokio::test]
async fn a_second_owner_cannot_be_created() {
    let (app, _owner) = TestApp::with_owner().await;
    let mut form = TestApp::owner_form();
    form.email = "intruder@agency.test".to_owned();
    let err = app.keydesk.create_owner(form).await.unwrap_err();
    assert!(matches!(err, CreateOwnerError::OwnerExists), "{err:?}");
    app.cleanup().await;
}

#[tokio::test]
async fn bad_input_is_refused_per_field_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let cases = [
        (
            "not-an-email",
            "Olivia",
            OWNER_PASSWORD,
            OWNER_PASSWORD,
            "email",
        ),
        (
            OWNER_EMAIL,
            "   ",
            OWNER_PASSWORD,
            OWNER_PASSWORD,
            "display_name",
        ),
        (OWNER_EMAIL, "Olivia", "short", "short", "password"),
        (
            OWNER_EMAIL,
            "Olivia",
            "password1234",
            "password1234",
            "password",
        ),
        (
            OWNER_EMAIL,
            "Olivia",
            OWNER_PASSWORD,
            "something else entirely",
            "password_confirm",
        ),
    ];
    for (email, name, password, confirm, field) in cases {
        let form = OwnerForm {
            email: email.to_owned(),
            display_name: name.to_owned(),
            password: pw(password),
            password_confirm: pw(confirm),
        };
        match app.keydesk.create_owner(form).await {
            Err(CreateOwnerError::Field(e)) => assert_eq!(e.field, field, "{e:?}"),
            other => panic!("expected a {field} error, got {other:?}"),
        }
    }
    assert!(
        app.keydesk.needs_owner().await.unwrap(),
        "no staff row was written"
    );
    app.cleanup().await;
}

#[tokio::test]
async fn the_stored_password_is_an_argon2id_hash_not_the_password() {
    let (app, _owner) = TestApp::with_owner().await;
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM staff")
        .fetch_one(app.keydesk.store().reader())
        .await
        .unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    let path = app.paths.database_file();
    app.keydesk.close().await;
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{}{suffix}", path.display());
        if let Ok(bytes) = std::fs::read(&file) {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains(OWNER_PASSWORD), "password found in {file}");
        }
    }
    let app = app.restart().await;
    app.cleanup().await;
}
