//! The stored SMTP password goes only to the server and username it was saved for:
//! a form pointing elsewhere with an empty password field must not hand it to
//! whoever listens there. Two real SMTP servers on 127.0.0.1: the agency's, and one
//! that accepts any sign-in and records it.

use crate::helpers::{assert_err, TestApp};
use crate::smtp::{local_form, SinkOptions, SmtpSink};
use keydesk_api::{Role, SmtpSettingsForm};
use keydesk_core::auth::Actor;
use keydesk_core::services::{AccessError, ServiceError};
use keydesk_core::vault::{KeyStore, OsKeyring};
use keydesk_core::Keydesk;

const STORED: &str = "Stored-Smtp-Passw0rd-for-server-1";

/// The form for `port` signing in as `agency`, with `password` typed (or empty).
fn signing_in(port: u16, password: &str) -> SmtpSettingsForm {
    let mut form = local_form(port);
    form.username = "agency".to_owned();
    form.password = password.to_owned();
    form
}

/// The agency's server, taking only its own username and the stored password.
fn agency_server() -> SmtpSink {
    SmtpSink::start(SinkOptions {
        auth: Some(("agency".to_owned(), STORED.to_owned())),
        ..Default::default()
    })
}

/// The agency's server, saved as the mail server by `owner`, and a collector that takes
/// any sign-in.
async fn agency_and_collector(k: &Keydesk, owner: &Actor) -> (SmtpSink, SmtpSink) {
    let agency = agency_server();
    let collector = SmtpSink::start(SinkOptions {
        auth_any: true,
        ..Default::default()
    });
    k.save_smtp_settings(owner, signing_in(agency.port, STORED))
        .await
        .unwrap();
    (agency, collector)
}

fn asks_to_retype<T: std::fmt::Debug>(result: Result<T, ServiceError>) {
    match result {
        Err(ServiceError::Field(e)) => {
            assert_eq!(e.field, "password");
            assert!(e.in_english().contains("Type the password again"), "{e:?}");
        }
        other => panic!("expected a request to type the password again: {other:?}"),
    }
}

async fn audit_details(app: &TestApp, actor: &Actor) -> Vec<(String, String)> {
    let entries = app.audit_entries(actor).await;
    entries
        .into_iter()
        .rev()
        .map(|e| (e.action, e.detail))
        .collect()
}

/// The details of the audited connection tests and test mails, oldest first.
fn server_tests(audit: &[(String, String)]) -> Vec<&str> {
    let tested = audit
        .iter()
        .filter(|(action, _)| action == "mail.server_tested");
    tested.map(|(_, detail)| detail.as_str()).collect()
}

#[tokio::test]
async fn the_stored_password_never_reaches_a_server_the_form_was_not_saved_for() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let (agency, collector) = agency_and_collector(k, &owner).await;
    // The saved server itself still gets the stored password from an empty field.
    k.test_smtp_connection(&owner, &signing_in(agency.port, ""))
        .await
        .unwrap();
    assert_eq!(
        agency.credentials(),
        vec![("agency".to_owned(), STORED.to_owned())]
    );

    // Another port, an empty password: test, test mail and save all ask for it again.
    let elsewhere = signing_in(collector.port, "");
    asks_to_retype(k.test_smtp_connection(&owner, &elsewhere).await);
    asks_to_retype(k.send_test_mail(&owner, &elsewhere).await);
    asks_to_retype(k.save_smtp_settings(&owner, elsewhere.clone()).await);
    // Another username on the saved server: the same.
    let mut renamed = signing_in(agency.port, "");
    renamed.username = "someone-else".to_owned();
    asks_to_retype(k.test_smtp_connection(&owner, &renamed).await);
    assert_eq!(agency.credentials().len(), 1, "{:?}", agency.credentials());

    assert!(
        collector.credentials().is_empty(),
        "the other server received {:?}",
        collector.credentials()
    );
    assert!(collector.messages().is_empty());
    // Nothing was saved: the agency's server and its password stay.
    let saved = k.smtp_settings(&owner).await.unwrap();
    assert_eq!(saved.port, agency.port);
    assert!(saved.password_set);

    // Typed again, the other server gets what was typed, and only that.
    let typed = signing_in(collector.port, "typed-for-the-other-server");
    k.test_smtp_connection(&owner, &typed).await.unwrap();
    k.send_test_mail(&owner, &typed).await.unwrap();
    assert!(collector
        .credentials()
        .iter()
        .all(|(user, password)| user == "agency" && password == "typed-for-the-other-server"));
    assert_eq!(collector.credentials().len(), 2);

    // Moving to a server without sign-in drops the password saved for the old one.
    let mut no_sign_in = local_form(collector.port);
    no_sign_in.username.clear();
    let saved = k.save_smtp_settings(&owner, no_sign_in).await.unwrap();
    assert!(!saved.password_set);
    assert!(OsKeyring
        .load_secret(&app.smtp_account())
        .unwrap()
        .is_none());

    // Every test is in the audit log, refused ones included; never a password.
    let audit = audit_details(&app, &owner).await;
    let tests = server_tests(&audit);
    let port = |p: u16| format!("127.0.0.1:{p} without encryption");
    assert_eq!(tests.len(), 5, "{tests:?}");
    assert!(tests[0].starts_with(&format!("connection test through {}", port(agency.port))));
    assert!(tests[0].ends_with("succeeded"), "{}", tests[0]);
    for refused in &tests[1..4] {
        assert!(refused.contains("refused"), "{refused}");
    }
    assert!(tests[2].starts_with(&format!("test mail through {}", port(collector.port))));
    assert!(tests[4].ends_with("succeeded"), "{}", tests[4]);
    assert!(audit.iter().any(
        |(action, detail)| action == "mail.test_sent" && detail.contains(&port(collector.port))
    ));
    assert!(audit
        .iter()
        .any(|(_, detail)| detail.contains("password removed")));
    assert!(audit
        .iter()
        .all(|(_, detail)| !detail.contains(STORED) && !detail.contains("typed-for")));
    app.cleanup().await;
}

#[tokio::test]
async fn a_failed_test_is_audited_with_what_went_wrong() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let agency = agency_server();
    assert!(k
        .test_smtp_connection(&owner, &signing_in(agency.port, "wrong"))
        .await
        .is_err());
    assert!(k
        .send_test_mail(&owner, &signing_in(agency.port, "wrong"))
        .await
        .is_err());
    let audit = audit_details(&app, &owner).await;
    let tests = server_tests(&audit);
    assert_eq!(tests.len(), 2, "{tests:?}");
    assert!(
        tests[0].starts_with("connection test") && tests[0].ends_with("failed: password refused")
    );
    assert!(tests[1].starts_with("test mail") && tests[1].ends_with("failed: password refused"));
    app.cleanup().await;
}

#[tokio::test]
async fn only_owners_change_the_mail_server_admins_see_and_test_it() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let admin = app.member(&owner, "admin@agency.test", Role::Admin).await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    let (agency, collector) = agency_and_collector(k, &owner).await;

    // The admin sees the settings and tests the saved server with the stored password…
    assert_eq!(k.smtp_settings(&admin).await.unwrap().port, agency.port);
    k.test_smtp_connection(&admin, &signing_in(agency.port, ""))
        .await
        .unwrap();
    // …but cannot point it elsewhere, nor save it as it is, nor carry the password off.
    for form in [
        signing_in(collector.port, "typed"),
        signing_in(agency.port, ""),
        signing_in(agency.port, STORED),
    ] {
        assert_err!(
            k.save_smtp_settings(&admin, form).await,
            ServiceError::Access(AccessError::Forbidden)
        );
    }
    asks_to_retype(
        k.test_smtp_connection(&admin, &signing_in(collector.port, ""))
            .await,
    );
    assert!(collector.credentials().is_empty());
    assert_eq!(k.smtp_settings(&owner).await.unwrap().port, agency.port);

    // Agents neither see nor test it.
    for refused in [
        k.smtp_settings(&agent).await.err(),
        k.test_smtp_connection(&agent, &signing_in(agency.port, ""))
            .await
            .err(),
        k.save_smtp_settings(&agent, signing_in(agency.port, ""))
            .await
            .err(),
    ] {
        assert!(
            matches!(refused, Some(ServiceError::Access(AccessError::Forbidden))),
            "{refused:?}"
        );
    }
    app.cleanup().await;
}
