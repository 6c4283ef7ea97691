//! Mail against a real SMTP server on 127.0.0.1: the messages as they arrive, the
//! outbox through an outage and a refusal, and the SMTP settings.

use crate::helpers::{assert_err, customer_form, field_error, TestApp};
use crate::smtp::{closed_port, local_form, message_id, SinkOptions, SinkTls, SmtpSink};
use chrono::Duration;
use keydesk_api::{
    Branding, Language, MailKind, OutboxQuery, OutboxState, PreviewMailRequest, SmtpSecurity,
};
use keydesk_core::auth::Actor;
use keydesk_core::domain::{CustomerId, HandoffId, OutboxId};
use keydesk_core::mail::{enqueue_in, MailError, NewMail};
use keydesk_core::services::ServiceError;
use keydesk_core::vault::{KeyStore, OsKeyring};
use mail_parser::MessageParser;
use std::time::Duration as StdDuration;

pub const WAIT: StdDuration = StdDuration::from_secs(10);

pub fn branding() -> Branding {
    Branding {
        agency_name: "Sunny Travel".to_owned(),
        logo_url: String::new(),
        accent_colour: "#ff8800".to_owned(),
        support_email: "help@sunny.example".to_owned(),
        portal_url: "https://portal.sunny.example/".to_owned(),
        footer_text: "Sunny Travel Ltd, 1 Beach Road".to_owned(),
    }
}

pub async fn add_customer(app: &TestApp, actor: &Actor, n: usize) -> (i64, String) {
    let email = format!("customer{n}@example.com");
    let form = customer_form(&email, &format!("Ann{n}"), "Lee");
    (app.add_customer(actor, form).await.id, email)
}

#[tokio::test]
async fn welcome_and_verification_mails_arrive_branded_with_their_message_ids() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let sink = SmtpSink::serving(k, &owner).await;
    k.save_branding(&owner, &branding()).await.unwrap();
    let (customer, email) = add_customer(&app, &owner, 1).await;

    let welcome = k
        .send_welcome_mail(
            &owner,
            CustomerId(customer),
            "Your trip to Lisbon is booked.\nSee you soon!",
        )
        .await
        .unwrap();
    let verify = k
        .send_verification_code(&owner, CustomerId(customer))
        .await
        .unwrap();
    assert_eq!(welcome.state, OutboxState::Queued);
    let pass = k.send_due_mail().await.unwrap();
    assert_eq!(pass.sent, 2, "{pass:?}");

    let raw = sink.wait_for(2, WAIT);
    assert_eq!(raw.len(), 2);
    let parser = MessageParser::default();
    let mails: Vec<_> = raw.iter().map(|r| parser.parse(r).unwrap()).collect();
    let find = |id: &str| {
        mails
            .iter()
            .find(|m| format!("<{}>", m.message_id().unwrap()) == id)
            .unwrap_or_else(|| panic!("no mail with Message-ID {id}"))
    };
    for (row, subject) in [
        (&welcome, "Welcome to Sunny Travel"),
        (&verify, "Your Sunny Travel verification code"),
    ] {
        let mail = find(&row.message_id);
        let from = mail.from().unwrap().first().unwrap();
        assert_eq!(from.name(), Some("Sunny Travel"));
        assert_eq!(from.address(), Some("hello@sunny.example"));
        let to = mail.to().unwrap().first().unwrap();
        assert_eq!(to.address(), Some(email.as_str()));
        assert_eq!(to.name(), Some("Ann1 Lee"));
        assert_eq!(
            mail.reply_to().unwrap().first().unwrap().address(),
            Some("desk@sunny.example")
        );
        assert_eq!(mail.subject(), Some(subject));
        assert!(
            row.message_id.ends_with("@sunny.example>"),
            "{}",
            row.message_id
        );
        let text = mail.body_text(0).unwrap();
        let html = mail.body_html(0).unwrap();
        assert!(text.contains("Hello Ann1"), "{text}");
        assert!(text.contains("Sunny Travel Ltd, 1 Beach Road"));
        assert!(html.contains("#ff8800"), "accent colour in the HTML");
        assert!(html.contains("Sunny Travel Ltd, 1 Beach Road"));
        assert!(html.contains("help@sunny.example"));
    }
    let welcome_mail = find(&welcome.message_id);
    let text = welcome_mail.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(text.contains("Your trip to Lisbon is booked.\nSee you soon!"));
    assert!(text.contains("https://portal.sunny.example/"));
    assert!(welcome_mail
        .body_html(0)
        .unwrap()
        .contains("href=\"https://portal.sunny.example/\""));
    assert!(!text.contains("Password"), "no login in the plain welcome");

    // The code in the mail is six digits and verifies the customer; it is not kept.
    let verify_mail = find(&verify.message_id);
    let verify_text = verify_mail.body_text(0).unwrap();
    let code: String = verify_text
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 6 && l.chars().all(|c| c.is_ascii_digit()))
        .expect("a 6-digit code line")
        .to_owned();
    assert!(verify_mail.body_html(0).unwrap().contains(&code));
    let wrong = if code == "000000" { "111111" } else { "000000" };
    field_error(
        k.check_verification_code(&owner, CustomerId(customer), wrong)
            .await,
        "code",
    );
    k.check_verification_code(&owner, CustomerId(customer), &code)
        .await
        .unwrap();
    assert!(
        k.check_verification_code(&owner, CustomerId(customer), &code)
            .await
            .is_err(),
        "spent"
    );
    let sealed: Vec<Option<Vec<u8>>> = sqlx::query_scalar("SELECT sealed_secret FROM outbox")
        .fetch_all(k.store().reader())
        .await
        .unwrap();
    assert!(
        sealed.iter().all(Option::is_none),
        "secrets wiped once sent"
    );

    let timeline = k
        .customer_mails(&owner, CustomerId(customer))
        .await
        .unwrap();
    assert_eq!(timeline.len(), 2);
    assert!(timeline
        .iter()
        .all(|m| m.state == OutboxState::Sent && m.sent_at.is_some()));
    app.assert_audited(
        &owner,
        &["mail.queued", "mail.sent", "customer.email_verified"],
    )
    .await;
    let history = app.history(&owner, CustomerId(customer)).await;
    assert!(history
        .iter()
        .all(|e| !e.detail.contains(&email) && !e.detail.contains(&code)));

    // A resend within the minute is refused; a minute later it replaces the code.
    assert_err!(
        k.send_verification_code(&owner, CustomerId(customer)).await,
        ServiceError::Conflict(_)
    );
    app.clock.advance(Duration::seconds(61));
    k.send_verification_code(&owner, CustomerId(customer))
        .await
        .unwrap();
    app.cleanup().await;
}

#[tokio::test]
async fn test_mails_go_to_the_signed_in_person_directly_and_through_the_outbox() {
    let (app, owner) = TestApp::with_owner().await;
    let sink = SmtpSink::start(SinkOptions::default());
    let k = &app.keydesk;
    k.save_branding(&owner, &branding()).await.unwrap();
    // The form is tested before it is saved.
    let report = k
        .send_test_mail(&owner, &local_form(sink.port))
        .await
        .unwrap();
    assert!(
        keydesk_core::catalogue::in_english(&report.message).contains(crate::helpers::OWNER_EMAIL),
        "{report:?}"
    );
    let raw = sink.wait_for(1, WAIT);
    let mail = MessageParser::default().parse(&raw[0]).unwrap();
    assert_eq!(mail.subject(), Some("Test mail from Sunny Travel"));
    assert_eq!(
        mail.to().unwrap().first().unwrap().address(),
        Some(crate::helpers::OWNER_EMAIL)
    );
    assert!(mail.body_text(0).unwrap().contains("127.0.0.1"));
    assert!(mail.body_html(0).unwrap().contains("#ff8800"));

    k.save_smtp_settings(&owner, local_form(sink.port))
        .await
        .unwrap();
    let mut tx = k.store().begin().await.unwrap();
    let id = enqueue_in(
        &mut tx,
        app.clock_now(),
        &owner,
        &NewMail::test(crate::helpers::OWNER_EMAIL),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(k.send_due_mail().await.unwrap().sent, 1);
    let raw = sink.wait_for(2, WAIT);
    let row = app.outbox_row(id).await;
    assert_eq!(row.customer_id, None);
    assert_eq!(format!("<{}>", message_id(&raw[1])), row.message_id);
    app.cleanup().await;
}

#[tokio::test]
async fn mails_wait_while_the_server_is_down_and_go_exactly_once_when_it_is_up() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let port = closed_port();
    k.save_smtp_settings(&owner, local_form(port))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for n in 0..5 {
        let (customer, _) = add_customer(&app, &owner, n).await;
        ids.push(
            k.send_welcome_mail(&owner, CustomerId(customer), "")
                .await
                .unwrap()
                .id,
        );
    }

    let pass = k.send_due_mail().await.unwrap();
    assert_eq!((pass.sent, pass.retried), (0, 1), "{pass:?}");
    assert!(pass.stopped_early);
    let status = k.outbox_status(&owner).await.unwrap();
    assert_eq!(status.waiting, 5);
    assert!(status.offline, "{status:?}");
    assert!(status
        .last_error
        .as_ref()
        .map(keydesk_core::catalogue::in_english)
        .unwrap()
        .contains("refused the connection"));
    // Still offline a while later: the mails keep waiting, none is given up.
    for _ in 0..12 {
        app.clock.advance(Duration::hours(7));
        k.send_due_mail().await.unwrap();
    }
    let queued = k
        .outbox_page(
            &owner,
            &OutboxQuery {
                state: Some(OutboxState::Queued),
                limit: 50,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(queued.total, 5, "connection failures never fail a mail");

    // The server comes back on the same port.
    let sink = SmtpSink::start(SinkOptions {
        port,
        ..Default::default()
    });
    app.clock.advance(Duration::hours(7));
    let pass = k.send_due_mail().await.unwrap();
    assert_eq!(pass.sent, 5, "{pass:?}");
    assert_eq!(k.send_due_mail().await.unwrap().sent, 0);
    let raw = sink.wait_for(5, WAIT);
    assert_eq!(raw.len(), 5, "each mail exactly once");
    let mut received: Vec<String> = raw.iter().map(|r| format!("<{}>", message_id(r))).collect();
    let mut expected = Vec::new();
    for id in ids {
        expected.push(app.outbox_row(OutboxId(id)).await.message_id);
    }
    received.sort();
    expected.sort();
    assert_eq!(received, expected);
    let status = k.outbox_status(&owner).await.unwrap();
    assert_eq!((status.waiting, status.offline), (0, false), "{status:?}");
    app.cleanup().await;
}

#[tokio::test]
async fn a_refusing_server_fails_the_mail_with_its_reason() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let sink = SmtpSink::start(SinkOptions {
        refuse: true,
        ..Default::default()
    });
    k.save_smtp_settings(&owner, local_form(sink.port))
        .await
        .unwrap();
    let (customer, _) = add_customer(&app, &owner, 1).await;
    let id = k
        .send_welcome_mail(&owner, CustomerId(customer), "")
        .await
        .unwrap()
        .id;
    let pass = k.send_due_mail().await.unwrap();
    assert_eq!(pass.failed, 1, "{pass:?}");
    let row = app.outbox_row(OutboxId(id)).await;
    assert_eq!(row.state, OutboxState::Failed);
    let reason = row
        .last_error
        .as_ref()
        .map(keydesk_core::catalogue::in_english)
        .unwrap();
    assert!(reason.contains("550"), "{reason}");
    assert!(reason.contains("Relaying denied"), "{reason}");
    assert!(sink.messages().is_empty());
    let status = k.outbox_status(&owner).await.unwrap();
    assert_eq!((status.failed, status.offline), (1, false));
    app.assert_audited(&owner, &["mail.failed"]).await;

    // Retry gives it a new series of tries; cancel ends it.
    k.retry_mail(&owner, Some(OutboxId(id))).await.unwrap();
    assert_eq!(
        app.outbox_row(OutboxId(id)).await.state,
        OutboxState::Queued
    );
    let cancelled = k.cancel_mail(&owner, OutboxId(id)).await.unwrap();
    assert_eq!(cancelled.state, OutboxState::Cancelled);
    assert_err!(
        k.cancel_mail(&owner, OutboxId(id)).await,
        ServiceError::Conflict(_)
    );
    assert_eq!(k.send_due_mail().await.unwrap().sent, 0);
    app.cleanup().await;
}

/// Creates a customer with a generated login; returns the customer and handoff ids.
async fn add_customer_with_login(app: &TestApp, actor: &Actor, n: usize) -> (i64, i64) {
    let form = customer_form(
        &format!("login{n}@example.com"),
        &format!("Lena{n}"),
        "Wolf",
    );
    let login = app.add_customer_with_login(actor, form).await;
    (login.customer_id.0, login.handoff_id.0)
}

/// The password line of a credentials mail's text part.
pub fn password_in(text: &str) -> String {
    text.lines()
        .find_map(|line| line.trim().strip_prefix("Password: "))
        .unwrap_or_else(|| panic!("no password in {text}"))
        .trim()
        .to_owned()
}

#[tokio::test]
async fn a_login_sent_by_mail_carries_the_real_password_and_closes_the_handoff() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let sink = SmtpSink::serving(k, &owner).await;
    let (customer, handoff) = add_customer_with_login(&app, &owner, 1).await;
    let (other, _) = add_customer(&app, &owner, 2).await;

    let queued = k
        .send_handoff_by_mail(&owner, HandoffId(handoff), "Your trip is booked.")
        .await
        .unwrap();
    assert_eq!(queued.state, OutboxState::Queued);
    // One mail per login at a time.
    assert_err!(
        k.send_handoff_by_mail(&owner, HandoffId(handoff), "again")
            .await,
        ServiceError::Conflict(_)
    );
    // Until it is sent, the handoff waits in the queue as before.
    assert_eq!(app.pending_handoffs(&owner).await.len(), 1);
    k.send_welcome_mail(&owner, CustomerId(other), "Hello")
        .await
        .unwrap();
    assert_eq!(k.send_due_mail().await.unwrap().sent, 2);

    let raw = sink.wait_for(2, WAIT);
    let parser = MessageParser::default();
    let mails: Vec<_> = raw.iter().map(|r| parser.parse(r).unwrap()).collect();
    let credentials = mails
        .iter()
        .find(|m| format!("<{}>", m.message_id().unwrap()) == queued.message_id)
        .expect("the credentials mail arrived");
    assert_eq!(
        credentials.to().unwrap().first().unwrap().address(),
        Some("login1@example.com")
    );
    let text = credentials.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(text.contains("Your trip is booked."), "{text}");
    assert!(text.contains("Username: login1@example.com"), "{text}");
    let password = password_in(&text);
    assert!(
        app.password_works(CustomerId(customer), &password).await,
        "the mailed password is the one whose hash is stored"
    );
    // The HTML part escapes it like any text ("&" among the symbols becomes "&#38;").
    let escaped = password.replace('&', "&#38;");
    assert!(credentials.body_html(0).unwrap().contains(&escaped));
    // The other customer's welcome mail carries no password at all.
    let welcome = mails
        .iter()
        .find(|m| format!("<{}>", m.message_id().unwrap()) != queued.message_id)
        .unwrap();
    assert!(!welcome.body_text(0).unwrap().contains(&password));
    assert!(!welcome.body_text(0).unwrap().contains("Password:"));

    // The handoff is closed as sent by email, its sealed copy gone; nothing rests.
    assert!(app.pending_handoffs(&owner).await.is_empty());
    let history = app.handoffs(&owner, Some(customer), 10).await;
    let record = history.rows.first().expect("the handoff in its history");
    assert_eq!(record.state, keydesk_api::HandoffState::Sent);
    assert_eq!(record.channel, Some(keydesk_api::HandoffChannel::Email));
    let account = app.customer(&owner, customer).await.account.unwrap();
    assert!(account.credentials_sent());
    scan_database(&app, &password);
    assert_err!(
        k.send_handoff_by_mail(&owner, HandoffId(handoff), "again")
            .await,
        ServiceError::Conflict(_)
    );
    app.cleanup().await;
}

#[tokio::test]
async fn a_login_mail_is_not_sent_once_its_handoff_was_revoked_and_agents_cannot_queue_one() {
    let (app, owner) = TestApp::with_owner().await;
    let agent = app
        .member(&owner, "agent@agency.test", keydesk_api::Role::Agent)
        .await;
    let k = &app.keydesk;
    let sink = SmtpSink::serving(k, &owner).await;
    let (_, handoff) = add_customer_with_login(&app, &owner, 1).await;
    assert_err!(
        k.send_handoff_by_mail(&agent, HandoffId(handoff), "").await,
        ServiceError::Access(_)
    );
    let queued = k
        .send_handoff_by_mail(&owner, HandoffId(handoff), "")
        .await
        .unwrap();
    k.revoke_handoff(&owner, HandoffId(handoff)).await.unwrap();
    // The revoke cancelled the mail: nothing is tried.
    let row = app.outbox_row(OutboxId(queued.id)).await;
    assert_eq!(row.state, OutboxState::Cancelled);
    let pass = k.send_due_mail().await.unwrap();
    assert_eq!((pass.sent, pass.failed), (0, 0), "{pass:?}");
    assert!(sink.messages().is_empty());
    app.cleanup().await;
}

#[tokio::test]
async fn the_smtp_password_lives_in_the_keyring_and_nowhere_in_the_database() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let secret = "Smtp-Passw0rd-only-in-the-keyring";
    let mut form = local_form(2525);
    form.username = "agency".to_owned();
    form.password = secret.to_owned();
    let saved = k.save_smtp_settings(&owner, form.clone()).await.unwrap();
    assert!(saved.password_set && saved.unsafe_connection);
    assert!(!serde_json::to_string(&saved).unwrap().contains(secret));
    let account = app.smtp_account();
    let stored = OsKeyring
        .load_secret(&account)
        .unwrap()
        .expect("in the keyring");
    assert_eq!(secrecy::ExposeSecret::expose_secret(&stored), secret);

    // An empty password keeps the stored one; clearing removes it.
    form.password.clear();
    form.timeout_seconds = 20;
    assert!(
        k.save_smtp_settings(&owner, form.clone())
            .await
            .unwrap()
            .password_set
    );
    assert!(OsKeyring.load_secret(&account).unwrap().is_some());
    scan_database(&app, secret);
    let audit = app.audit_entries(&owner).await;
    assert!(audit.iter().all(|e| !e.detail.contains(secret)));
    assert!(audit.iter().any(|e| e.detail.contains("password set")));
    form.clear_password = true;
    assert!(
        !k.save_smtp_settings(&owner, form.clone())
            .await
            .unwrap()
            .password_set
    );
    assert!(OsKeyring.load_secret(&account).unwrap().is_none());

    // No encryption is for a server on this computer only.
    let mut remote = form.clone();
    remote.host = "smtp.sunny.example".to_owned();
    field_error(
        k.save_smtp_settings(&owner, remote.clone()).await,
        "security",
    );
    remote.security = SmtpSecurity::StartTls;
    remote.port = 587;
    let saved = k.save_smtp_settings(&owner, remote).await.unwrap();
    assert!(!saved.unsafe_connection);
    let app = app.restart().await;
    scan_database(&app, secret);
    app.cleanup().await;
}

#[tokio::test]
async fn connection_tests_say_what_is_wrong() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let sink = SmtpSink::start(SinkOptions {
        auth: Some(("agency".to_owned(), "right-password".to_owned())),
        ..Default::default()
    });
    let mut form = local_form(sink.port);
    form.username = "agency".to_owned();
    form.password = "wrong-password".to_owned();
    match k.test_smtp_connection(&owner, &form).await {
        Err(ServiceError::Mail(e @ MailError::AuthRejected { .. })) => {
            assert_eq!(e.field(), Some("password"));
            assert!(e.to_string().contains("username or password"), "{e}");
            assert!(e.to_string().contains("535"), "the server's reply: {e}");
        }
        other => panic!("{other:?}"),
    }
    form.password = "right-password".to_owned();
    let ok = k.test_smtp_connection(&owner, &form).await.unwrap();
    assert!(
        keydesk_core::catalogue::in_english(&ok.message).contains("signed in"),
        "{ok:?}"
    );
    // Saved with the password, a test with an empty password field uses the stored one.
    k.save_smtp_settings(&owner, form.clone()).await.unwrap();
    form.password.clear();
    k.test_smtp_connection(&owner, &form).await.unwrap();

    match k
        .test_smtp_connection(&owner, &local_form(closed_port()))
        .await
    {
        Err(ServiceError::Mail(e @ MailError::ConnectionRefused { .. })) => {
            assert!(e.to_string().contains("refused the connection"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    let mut unknown = local_form(587);
    unknown.host = "no-such-host.invalid".to_owned();
    unknown.security = SmtpSecurity::StartTls;
    match k.test_smtp_connection(&owner, &unknown).await {
        Err(ServiceError::Mail(e @ MailError::HostNotFound { .. })) => {
            assert!(
                e.to_string().contains("no-such-host.invalid was not found"),
                "{e}"
            );
            assert_eq!(e.field(), Some("host"));
        }
        other => panic!("{other:?}"),
    }
    let _ = OsKeyring.delete_secret(&app.smtp_account());
    app.cleanup().await;
}

#[tokio::test]
async fn tls_is_never_skipped_and_the_server_certificate_is_checked() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    // A server that does not offer STARTTLS is refused, never spoken to in the clear.
    let plain = SmtpSink::start(SinkOptions::default());
    let mut form = local_form(plain.port);
    form.security = SmtpSecurity::StartTls;
    match k.test_smtp_connection(&owner, &form).await {
        Err(ServiceError::Mail(e @ MailError::Tls { .. })) => {
            assert!(e.to_string().contains("STARTTLS"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    // A certificate no authority vouches for is refused, with either kind of TLS, for
    // a test of the form and for the outbox alike.
    for (tls, security) in [
        (SinkTls::StartTls, SmtpSecurity::StartTls),
        (SinkTls::Implicit, SmtpSecurity::ImplicitTls),
    ] {
        let sink = SmtpSink::start(SinkOptions {
            tls: Some(tls),
            ..Default::default()
        });
        let mut form = local_form(sink.port);
        form.security = security;
        match k.test_smtp_connection(&owner, &form).await {
            Err(ServiceError::Mail(e @ MailError::Tls { .. })) => {
                assert!(e.to_string().contains("certificate"), "{e}")
            }
            other => panic!("{security:?}: {other:?}"),
        }
        k.save_smtp_settings(&owner, form).await.unwrap();
        let mut tx = k.store().begin().await.unwrap();
        let mail = NewMail::test(crate::helpers::OWNER_EMAIL);
        let id = enqueue_in(&mut tx, app.clock_now(), &owner, &mail)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let pass = k.send_due_mail().await.unwrap();
        assert_eq!((pass.sent, pass.retried), (0, 1), "{security:?}: {pass:?}");
        let error = app
            .outbox_row(id)
            .await
            .last_error
            .as_ref()
            .map(keydesk_core::catalogue::in_english)
            .unwrap_or_default();
        assert!(error.contains("certificate"), "{security:?}: {error}");
        assert!(sink.messages().is_empty(), "{security:?}");
    }
    app.cleanup().await;
}

#[tokio::test]
async fn previews_render_every_mail_for_a_sample_customer() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    for (kind, language) in MailKind::ALL
        .into_iter()
        .flat_map(|kind| Language::ALL.map(|language| (kind, language)))
    {
        let preview = k
            .preview_mail(
                &owner,
                &PreviewMailRequest {
                    kind,
                    branding: Some(branding()),
                    welcome_message: String::new(),
                    language: Some(language),
                },
            )
            .await
            .unwrap();
        assert_eq!(preview.language, language);
        assert!(
            preview.html.contains(&format!(
                r#"lang="{}" dir="{}""#,
                language.as_str(),
                language.dir()
            )),
            "{kind:?} in {language:?}"
        );
        assert!(preview.subject.contains("Sunny Travel"), "{kind:?}");
        assert!(preview.html.contains("#ff8800"), "{kind:?}");
        assert!(preview.text.contains("Sunny Travel Ltd, 1 Beach Road"));
        let shows_password = preview.text.contains("Sample-Pass-7kq");
        assert_eq!(
            shows_password,
            matches!(
                kind,
                MailKind::WelcomeCredentials | MailKind::CredentialsReset
            ),
            "{kind:?}"
        );
    }
    let mut bad = branding();
    bad.accent_colour = "orange".to_owned();
    let refused = k
        .preview_mail(
            &owner,
            &PreviewMailRequest {
                kind: MailKind::Welcome,
                branding: Some(bad.clone()),
                welcome_message: String::new(),
                language: None,
            },
        )
        .await;
    field_error(refused, "accent_colour");
    assert_err!(k.save_branding(&owner, &bad).await, ServiceError::Field(_));
    app.cleanup().await;
}

/// The secret is in none of the database's files.
fn scan_database(app: &TestApp, secret: &str) {
    let path = app.paths.database_file();
    for suffix in ["", "-wal", "-shm"] {
        if let Ok(bytes) = std::fs::read(format!("{}{suffix}", path.display())) {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "the SMTP password is in the database{suffix}"
            );
        }
    }
}
