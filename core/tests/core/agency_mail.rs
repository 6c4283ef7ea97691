//! The agency's mail settings across desks, with a real agency server, real keyrings and a
//! real SMTP server that requires sign-in: an owner saves them once, an agent's desk
//! sends its welcome mails with them, the server never holds the password in the clear
//! and cannot send desks elsewhere, and a revoked desk is left out of the next version.

use crate::agency_server::execute;
use crate::desk_sync::agency;
use crate::helpers::{customer_form, TestApp};
use crate::smtp::{local_form, SinkOptions, SmtpSink};
use keydesk_core::auth::Actor;
use keydesk_core::domain::CustomerId;
use keydesk_core::server::ServerUrl;
use std::time::Duration;

const SMTP_USER: &str = "agency-mailer";

async fn sync(app: &TestApp) {
    app.keydesk.sync_now().await.expect("the desk syncs");
}

/// A sink that takes mail only with `password`, saved as the mail server by `owner`.
async fn mail_server(app: &TestApp, owner: &Actor, password: &str) -> SmtpSink {
    let sink = SmtpSink::start(SinkOptions {
        auth: Some((SMTP_USER.to_owned(), password.to_owned())),
        ..Default::default()
    });
    let mut form = local_form(sink.port);
    form.username = SMTP_USER.to_owned();
    form.password = password.to_owned();
    app.keydesk
        .save_smtp_settings(owner, form)
        .await
        .expect("the owner saves the mail server");
    sink
}

/// Queues a welcome mail for a new customer on `app` and tries to send it.
async fn welcome(app: &TestApp, actor: &Actor, email: &str) -> usize {
    let customer = app
        .add_customer(actor, customer_form(email, "Lea", "Roux"))
        .await;
    app.keydesk
        .send_welcome_mail(actor, CustomerId(customer.id), "")
        .await
        .unwrap();
    app.keydesk.send_due_mail().await.unwrap().sent
}

async fn server_body(server: &ServerUrl) -> serde_json::Value {
    let mut admin = server.connect().await.unwrap();
    let body: String = sqlx::query_scalar("SELECT body FROM kd.mail_settings")
        .fetch_one(&mut admin)
        .await
        .expect("the server holds the mail settings");
    serde_json::from_str(&body).unwrap()
}

/// The signing keys the roster on `server` ever listed for desk `desk`.
async fn desk_keys(server: &ServerUrl, desk: uuid::Uuid) -> Vec<String> {
    let mut admin = server.connect().await.unwrap();
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM kd.roster ORDER BY seq")
        .fetch_all(&mut admin)
        .await
        .unwrap();
    bodies
        .iter()
        .map(|body| serde_json::from_str::<serde_json::Value>(body).unwrap())
        .filter(|entry| entry["change"]["desk"].as_str() == Some(&desk.to_string()))
        .map(|entry| entry["change"]["signing"].as_str().unwrap().to_owned())
        .collect()
}

/// How many of `keys` the latest mail settings on `server` are wrapped to.
async fn wrapped_to(server: &ServerUrl, keys: &[String]) -> usize {
    server_body(server).await["wraps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| keys.iter().any(|k| w["recipient"].as_str() == Some(k)))
        .count()
}

#[tokio::test]
async fn an_owners_mail_settings_reach_an_agents_desk_sealed_and_its_welcome_mail_goes_out() {
    let (server, front, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    let password = "the agency's smtp password 81";
    let sink = mail_server(&front, &owner, password).await;

    // Before the settings travel, the agent's mail waits: no mail server here.
    assert_eq!(welcome(&ana_app, &ana, "lea@example.com").await, 0);
    sync(&front).await;
    sync(&ana_app).await;
    assert_eq!(ana_app.keydesk.send_due_mail().await.unwrap().sent, 1);
    sink.wait_for(1, Duration::from_secs(20));
    assert_eq!(
        sink.credentials(),
        [(SMTP_USER.to_owned(), password.to_owned())],
        "the agent's desk signed in with the owner's password"
    );

    // The server holds it sealed to Ana's laptop among the agency's keys, never in the clear.
    let anas_desk = ana_app.desk().await;
    assert_eq!(
        wrapped_to(&server, &desk_keys(&server, anas_desk).await).await,
        1
    );
    let mut admin = server.connect().await.unwrap();
    let found: i64 =
        sqlx::query_scalar("SELECT count(*) FROM kd.mail_settings WHERE strpos(body, $1) > 0")
            .bind(password)
            .fetch_one(&mut admin)
            .await
            .unwrap();
    assert_eq!(found, 0);

    // A superuser pointing the desks at another server gets nothing: the signature fails.
    execute(
        &mut admin,
        "UPDATE kd.mail_settings SET version = version + 1, \
         body = replace(body, '127.0.0.1', 'smtp.attacker.test')",
    )
    .await
    .unwrap();
    sync(&ana_app).await;
    assert_eq!(welcome(&ana_app, &ana, "max@example.com").await, 1);
    sink.wait_for(2, Duration::from_secs(20));
}

#[tokio::test]
async fn a_revoked_desk_is_left_out_and_the_owner_is_asked_to_change_the_password() {
    let (server, front, owner, mut desks) = agency(&["ana@agency.test", "bob@agency.test"]).await;
    let (bob_app, _) = desks.pop().unwrap();
    let (ana_app, ana) = desks.pop().unwrap();
    let _old = mail_server(&front, &owner, "the first smtp password 11").await;
    sync(&front).await;
    for app in [&ana_app, &bob_app] {
        sync(app).await;
    }
    let bobs_desk = bob_app.desk().await;
    let bobs_keys = desk_keys(&server, bobs_desk).await;
    assert_eq!(
        wrapped_to(&server, &bobs_keys).await,
        1,
        "Bob's laptop can open it"
    );
    let settings = front.keydesk.smtp_settings(&owner).await.unwrap();
    assert!(!settings.password_rotation_due);

    // Bob's laptop is lost: revoked, it gets no wrap in the next version, and the owner
    // is asked to change the password it held.
    front.keydesk.revoke_desk(&owner, bobs_desk).await.unwrap();
    sync(&front).await;
    sync(&front).await;
    assert_eq!(
        wrapped_to(&server, &bobs_keys).await,
        0,
        "nothing new for Bob's laptop"
    );
    let settings = front.keydesk.smtp_settings(&owner).await.unwrap();
    assert!(
        settings.password_rotation_due,
        "the owner is asked to change it"
    );

    // The new password, saved once, reaches Ana's desk, and the request is gone.
    let new = mail_server(&front, &owner, "the second smtp password 22").await;
    let settings = front.keydesk.smtp_settings(&owner).await.unwrap();
    assert!(!settings.password_rotation_due);
    sync(&front).await;
    sync(&ana_app).await;
    assert_eq!(welcome(&ana_app, &ana, "lea@example.com").await, 1);
    new.wait_for(1, Duration::from_secs(20));
    assert_eq!(
        new.credentials(),
        [(
            SMTP_USER.to_owned(),
            "the second smtp password 22".to_owned()
        )]
    );
}

/// Queues a welcome mail for each of `count` new customers on `app`; their Message-IDs.
/// The agency's mail server, down for now: the owner of `desks[0]` saves it there and every
/// desk syncs it. Its port, for the server to start on later.
async fn mail_server_down<const N: usize>(owner: &Actor, desks: [&TestApp; N]) -> u16 {
    let port = crate::smtp::closed_port();
    desks[0]
        .keydesk
        .save_smtp_settings(owner, local_form(port))
        .await
        .unwrap();
    for app in desks {
        sync(app).await;
    }
    port
}

async fn queue_welcomes(app: &TestApp, actor: &Actor, desk: &str, count: usize) -> Vec<String> {
    let mut ids = Vec::with_capacity(count);
    for n in 0..count {
        let email = format!("{desk}.customer{n}@example.com");
        let customer = app
            .add_customer(actor, customer_form(&email, "Lea", "Roux"))
            .await;
        let mail = app
            .keydesk
            .send_welcome_mail(actor, CustomerId(customer.id), "")
            .await
            .unwrap();
        ids.push(mail.message_id);
    }
    ids
}

/// Sends what is due on `app` until nothing waits, the clock moving past each retry.
async fn send_all(app: &TestApp) -> usize {
    let mut sent = 0;
    for _ in 0..50 {
        app.clock.advance(chrono::Duration::hours(1));
        let pass = app.keydesk.send_due_mail().await.unwrap();
        sent += pass.sent;
        if pass.sent == 0 && pass.retried == 0 && pass.failed == 0 {
            return sent;
        }
    }
    panic!("the outbox did not empty");
}

#[tokio::test]
async fn three_desks_queue_300_mails_offline_and_each_arrives_exactly_once() {
    let (_server, front, owner, mut desks) = agency(&["ana@agency.test", "bob@agency.test"]).await;
    let (bob_app, bob) = desks.pop().unwrap();
    let (ana_app, ana) = desks.pop().unwrap();
    // The agency's mail server, down for now: every desk gets its settings.
    let port = mail_server_down(&owner, [&front, &ana_app, &bob_app]).await;

    let mut queued = Vec::new();
    for (app, actor, desk) in [
        (&front, &owner, "front"),
        (&ana_app, &ana, "ana"),
        (&bob_app, &bob, "bob"),
    ] {
        queued.extend(queue_welcomes(app, actor, desk, 100).await);
        let pass = app.keydesk.send_due_mail().await.unwrap();
        assert_eq!(pass.sent, 0, "the mail server is down");
    }
    assert_eq!(queued.len(), 300);

    // It comes back: the three desks send at once.
    let sink = SmtpSink::start(SinkOptions {
        port,
        ..Default::default()
    });
    let (a, b, c) = tokio::join!(send_all(&front), send_all(&ana_app), send_all(&bob_app));
    assert_eq!(a + b + c, 300);
    let arrived = crate::smtp::arrivals(&sink.wait_for(300, Duration::from_secs(60)));
    assert_eq!(arrived.len(), 300, "every mail arrived");
    assert!(
        arrived.values().all(|&n| n == 1),
        "each Message-ID exactly once"
    );
    let mut expected = queued.clone();
    expected.sort();
    let mut got: Vec<String> = arrived.into_keys().collect();
    got.sort();
    assert_eq!(got, expected, "the Message-IDs the desks queued");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_desk_killed_mid_batch_sends_its_mail_at_most_twice_under_one_message_id() {
    const ANAS: usize = 150;
    let (_server, front, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    let port = mail_server_down(&owner, [&front, &ana_app]).await;
    let fronts = queue_welcomes(&front, &owner, "front", 50).await;
    let anas = queue_welcomes(&ana_app, &ana, "ana", ANAS).await;
    let ana_app = ana_app.close_keeping_data().await;

    // The mail server is back. Ana's laptop sends in a process of its own, killed in
    // the middle of its batch and started again, while the front desk sends its own.
    let sink = SmtpSink::start(SinkOptions {
        port,
        ..Default::default()
    });
    let mut first = crate::outbox_crash::spawn_worker(&ana_app.paths.data_dir);
    assert!(
        crate::helpers::wait_until(Duration::from_secs(60), || sink.messages().len() >= 20),
        "Ana's laptop sent nothing"
    );
    first.kill().expect("SIGKILL");
    first.wait().unwrap();
    let before_restart = sink.messages().len();
    assert!(before_restart < ANAS, "killed too late to test anything");
    let second = crate::outbox_crash::spawn_worker(&ana_app.paths.data_dir);
    let (front_sent, anas_all_sent) = tokio::join!(
        send_all(&front),
        crate::outbox_crash::until_all_sent(&ana_app, second, ANAS)
    );
    assert_eq!(front_sent, fronts.len());
    assert!(anas_all_sent, "every mail of Ana's laptop was marked sent");

    let arrived =
        crate::smtp::arrivals(&sink.wait_for(ANAS + fronts.len(), Duration::from_secs(60)));
    let mut expected: Vec<&String> = fronts.iter().chain(&anas).collect();
    expected.sort();
    let mut got: Vec<&String> = arrived.keys().collect();
    got.sort();
    assert_eq!(
        got, expected,
        "every mail arrived, under the Message-ID it was queued with"
    );
    assert!(
        fronts.iter().all(|id| arrived[id] == 1),
        "the front desk's mails arrived once each"
    );
    assert!(
        anas.iter().all(|id| arrived[id] <= 2),
        "none of the killed desk's mails arrived more than twice"
    );
    let twice = anas.iter().filter(|id| arrived[*id] == 2).count();
    println!("{twice} of the killed desk's mails arrived twice");
}

#[tokio::test]
async fn an_older_version_served_again_under_a_newer_number_is_refused() {
    let (server, front, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    let old = mail_server(&front, &owner, "the first smtp password 11").await;
    sync(&front).await;
    sync(&ana_app).await;
    let mut admin = server.connect().await.unwrap();
    let (body, signer, signature): (String, Vec<u8>, Vec<u8>) =
        sqlx::query_as("SELECT body, signer, signature FROM kd.mail_settings")
            .fetch_one(&mut admin)
            .await
            .unwrap();
    let new = mail_server(&front, &owner, "the second smtp password 22").await;
    sync(&front).await;
    sync(&ana_app).await;

    // The server (or its superuser) serves the first version again, numbered as newest.
    sqlx::query(
        "UPDATE kd.mail_settings SET version = version + 1, body = $1, signer = $2, \
         signature = $3",
    )
    .bind(&body)
    .bind(&signer)
    .bind(&signature)
    .execute(&mut admin)
    .await
    .unwrap();
    sync(&ana_app).await;
    assert_eq!(welcome(&ana_app, &ana, "lea@example.com").await, 1);
    new.wait_for(1, Duration::from_secs(20));
    assert!(old.messages().is_empty(), "nothing went to the old server");
}

/// The 6-digit code in the verification mail `raw`.
fn code_in(raw: &[u8]) -> String {
    let mail = mail_parser::MessageParser::default().parse(raw).unwrap();
    mail.body_text(0)
        .unwrap()
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 6 && l.chars().all(|c| c.is_ascii_digit()))
        .expect("a 6-digit code line")
        .to_owned()
}

/// `asker` checks `code` while `holder`'s desk syncs, as its worker would on the
/// server's notice, until the answer comes.
async fn check_while_holder_syncs(
    asker: &TestApp,
    actor: &Actor,
    customer: CustomerId,
    code: &str,
    holder: &TestApp,
) -> Result<(), keydesk_core::services::ServiceError> {
    let check = asker.keydesk.check_verification_code(actor, customer, code);
    tokio::pin!(check);
    loop {
        tokio::select! {
            result = &mut check => return result,
            _ = holder.keydesk.sync_now() => {}
        }
    }
}

#[tokio::test]
async fn a_code_mailed_from_one_desk_is_checked_there_when_read_at_another() {
    let (server, front, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    let sink = mail_server(&front, &owner, "the agency's smtp password 81").await;
    let lea = ana_app
        .add_customer(&ana, customer_form("lea@example.com", "Lea", "Roux"))
        .await;
    sync(&ana_app).await;
    sync(&front).await;
    let rows = front
        .keydesk
        .list_customers(&owner, &Default::default())
        .await
        .unwrap()
        .rows;
    let on_front = CustomerId(
        rows.iter()
            .find(|r| r.email == "lea@example.com")
            .unwrap()
            .id,
    );

    // The owner mails the code from the front desk; Léa reads it to Ana on the phone.
    front
        .keydesk
        .send_verification_code(&owner, on_front)
        .await
        .unwrap();
    assert_eq!(front.keydesk.send_due_mail().await.unwrap().sent, 1);
    let code = code_in(&sink.wait_for(1, Duration::from_secs(20))[0]);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let on_ana = CustomerId(lea.id);

    let refused = check_while_holder_syncs(&ana_app, &ana, on_ana, wrong, &front).await;
    let message = crate::helpers::field_error(refused, "code");
    assert!(message.contains("4 tries left"), "{message}");
    check_while_holder_syncs(&ana_app, &ana, on_ana, &code, &front)
        .await
        .expect("the right code, checked at the desk that sent it");
    // The code is spent where it was kept.
    let again = check_while_holder_syncs(&ana_app, &ana, on_ana, &code, &front).await;
    let message = crate::helpers::field_error(again, "code");
    assert!(message.contains("No code is waiting"), "{message}");
    assert_eq!(
        front.audit_count(&owner, "customer.email_verified").await,
        1
    );
    assert_eq!(
        front
            .audit_count(&owner, "customer.verification_refused")
            .await,
        1,
        "the wrong try counted where the code is kept"
    );

    // A server that answers "right" in the holding desk's name is not believed.
    front.clock.advance(chrono::Duration::minutes(2));
    front
        .keydesk
        .send_verification_code(&owner, on_front)
        .await
        .unwrap();
    assert_eq!(front.keydesk.send_due_mail().await.unwrap().sent, 1);
    let code = code_in(&sink.wait_for(2, Duration::from_secs(20))[1]);
    let mut admin = server.connect().await.unwrap();
    let check = ana_app.keydesk.check_verification_code(&ana, on_ana, &code);
    tokio::pin!(check);
    let forged = loop {
        tokio::select! {
            result = &mut check => break result,
            forged = execute(&mut admin, "UPDATE kd.code_checks SET answer = 'right', body = NULL \
                                          WHERE answer IS NULL") => forged.unwrap(),
        }
    };
    let message = crate::helpers::conflict_message(forged);
    assert!(message.contains("could not be trusted"), "{message}");
}

#[tokio::test]
async fn an_owner_takes_over_a_revoked_desks_mail_and_each_arrives_once() {
    let (server, front, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    let port = mail_server_down(&owner, [&front, &ana_app]).await;

    // Ana's laptop queues five welcome mails with a word of hers while the mail server
    // is down, and tells the agency server about them.
    let mut queued = Vec::new();
    for n in 0..5 {
        let email = format!("taken{n}@example.com");
        let customer = ana_app
            .add_customer(&ana, customer_form(&email, "Lea", "Roux"))
            .await;
        let mail = ana_app
            .keydesk
            .send_welcome_mail(&ana, CustomerId(customer.id), "Ana looks forward to it")
            .await
            .unwrap();
        queued.push(mail.message_id);
    }
    assert_eq!(ana_app.keydesk.send_due_mail().await.unwrap().sent, 0);
    sync(&ana_app).await;
    sync(&front).await;
    let anas_desk = ana_app.desk().await;

    // While her desk is enrolled, nobody takes its mail.
    let refused = front
        .keydesk
        .take_over_mail(&owner, anas_desk)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("Only the mail of a revoked desk"),
        "{refused}"
    );
    assert!(
        ana_app
            .keydesk
            .take_over_mail(&ana, anas_desk)
            .await
            .is_err(),
        "an agent takes over nothing"
    );

    // The laptop is lost: revoked, its five mails wait for an owner.
    front.keydesk.revoke_desk(&owner, anas_desk).await.unwrap();
    let waiting = front.keydesk.mail_of_revoked_desks(&owner).await.unwrap();
    assert_eq!(waiting.len(), 5);
    assert!(waiting
        .iter()
        .all(|m| m.desk == anas_desk && m.kind == "welcome"));
    let taken = front
        .keydesk
        .take_over_mail(&owner, anas_desk)
        .await
        .unwrap();
    assert_eq!(taken.queued, 5);
    let again = front
        .keydesk
        .take_over_mail(&owner, anas_desk)
        .await
        .unwrap();
    assert_eq!(again.queued, 0, "taking over twice queues nothing twice");
    assert!(front
        .keydesk
        .mail_of_revoked_desks(&owner)
        .await
        .unwrap()
        .is_empty());

    // The mail server is back. The laptop learns it was revoked and sends none of them;
    // the owner's desk sends each, under the Message-ID Ana's desk gave it.
    let sink = SmtpSink::start(SinkOptions {
        port,
        ..Default::default()
    });
    assert!(
        ana_app.keydesk.sync_now().await.is_err(),
        "the laptop is revoked"
    );
    assert_eq!(
        send_all(&ana_app).await,
        0,
        "the revoked laptop sends nothing"
    );
    assert_eq!(send_all(&front).await, 5);
    let raw = sink.wait_for(5, Duration::from_secs(30));
    let arrived = crate::smtp::arrivals(&raw);
    let mut got: Vec<String> = arrived.keys().cloned().collect();
    got.sort();
    queued.sort();
    assert_eq!(got, queued, "the Message-IDs Ana's desk queued");
    assert!(arrived.values().all(|&n| n == 1), "each exactly once");
    assert!(raw
        .iter()
        .all(|m| String::from_utf8_lossy(m).contains("Ana looks forward to it")));
    assert_eq!(sink.messages().len(), 5, "nothing more arrived");

    // The server learns they went, and keeps no personal text of theirs.
    sync(&front).await;
    let mut admin = server.connect().await.unwrap();
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT state, welcome_message FROM kd.mail_queue")
            .fetch_all(&mut admin)
            .await
            .unwrap();
    assert_eq!(rows.len(), 5);
    assert!(rows
        .iter()
        .all(|(state, text)| state == "sent" && text.is_empty()));
}

#[tokio::test]
async fn an_owner_takes_over_a_revoked_owners_login_mail_and_it_carries_the_real_password_once() {
    use crate::agency_logins::{agency, queued, Agency};
    let Agency {
        front,
        owner,
        mut desks,
        ..
    } = agency(&[
        ("carla@agency.test", keydesk_api::Role::Owner),
        ("ana@agency.test", keydesk_api::Role::Agent),
    ])
    .await;
    let (ana_app, ana) = desks.pop().unwrap();
    let (carla_app, carla) = desks.pop().unwrap();
    let port = mail_server_down(&owner, [&front, &carla_app, &ana_app]).await;
    let login = ana_app
        .add_customer_with_login(&ana, customer_form("lea@example.com", "Léa", "Moreau"))
        .await;
    sync(&ana_app).await;
    sync(&carla_app).await;

    // Carla mails Léa her login from her laptop while the mail server is down, then the
    // laptop is lost.
    let on_laptop = queued(&carla_app, &carla, "lea@example.com").await.unwrap();
    let mail = carla_app
        .keydesk
        .send_handoff_by_mail(&carla, on_laptop, "Carla here: your trip is booked.")
        .await
        .unwrap();
    assert_eq!(carla_app.keydesk.send_due_mail().await.unwrap().sent, 0);
    sync(&carla_app).await;
    sync(&front).await;
    let carlas_desk = carla_app.desk().await;
    front
        .keydesk
        .revoke_desk(&owner, carlas_desk)
        .await
        .unwrap();
    let waiting = front.keydesk.mail_of_revoked_desks(&owner).await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].kind, "welcome_credentials");

    // The front desk takes it over: the login is opened with the owner's own key.
    let taken = front
        .keydesk
        .take_over_mail(&owner, carlas_desk)
        .await
        .unwrap();
    assert_eq!((taken.queued, taken.dropped, taken.waiting), (1, 0, 0));
    let sink = SmtpSink::start(SinkOptions {
        port,
        ..Default::default()
    });
    assert_eq!(front.keydesk.send_due_mail().await.unwrap().sent, 1);
    assert!(
        carla_app.keydesk.sync_now().await.is_err(),
        "the laptop is revoked"
    );
    assert_eq!(carla_app.keydesk.send_due_mail().await.unwrap().sent, 0);
    // Both desks are done sending: what the mail server accepted is all there is.
    let raw = sink.messages();
    assert_eq!(raw.len(), 1, "the login's mail arrived once");
    let parsed = mail_parser::MessageParser::default()
        .parse(&raw[0])
        .unwrap();
    assert_eq!(
        format!("<{}>", parsed.message_id().unwrap()),
        mail.message_id,
        "under the Message-ID the laptop gave it"
    );
    let text = parsed.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(text.contains("Carla here: your trip is booked."), "{text}");
    let password = crate::mail::password_in(&text);
    assert!(
        ana_app.password_works(login.customer_id, &password).await,
        "the mailed password is the one the account's hash accepts"
    );
    // The login is handed over: it leaves the owner's queue.
    assert!(queued(&front, &owner, "lea@example.com").await.is_none());
}

/// Whether Settings → Mail asks `actor` on `app` to change the SMTP password.
async fn asks(app: &TestApp, actor: &Actor) -> bool {
    app.keydesk
        .smtp_settings(actor)
        .await
        .unwrap()
        .password_rotation_due
}

#[tokio::test]
async fn every_owners_desk_asks_for_a_new_password_after_a_revocation_until_one_is_saved() {
    use crate::desk_sync::joined_desk;
    use keydesk_api::Role;
    let server = crate::agency_server::new_database().await;
    keydesk_core::server::admin::init(&server).await.unwrap();
    let (front, owner) = TestApp::with_owner().await;
    front.on_real_time();
    let carla = front.member(&owner, "carla@agency.test", Role::Admin).await;
    front
        .keydesk
        .set_staff_role(&owner, carla.id(), Role::Owner)
        .await
        .unwrap();
    let bob = front.member(&owner, "bob@agency.test", Role::Agent).await;
    front
        .keydesk
        .publish_to_agency_server(&owner, &server, "Front desk")
        .await
        .unwrap();
    let mut desks = Vec::new();
    for (member, email) in [(&carla, "carla@agency.test"), (&bob, "bob@agency.test")] {
        let invitation = front
            .keydesk
            .invite_desk(&owner, member.id(), "Laptop")
            .await
            .unwrap();
        desks.push(joined_desk(&invitation, email).await);
    }
    let (bob_app, _) = desks.pop().unwrap();
    let (carla_app, carla) = desks.pop().unwrap();
    let _old = mail_server(&front, &owner, "the first smtp password 11").await;
    for app in [&front, &carla_app, &bob_app] {
        sync(app).await;
    }
    assert!(!asks(&carla_app, &carla).await);

    // Bob's laptop is revoked: the front desk seals the settings anew without it, and
    // Carla's desk, taking that version, asks her too.
    let bobs_desk = bob_app.desk().await;
    front.keydesk.revoke_desk(&owner, bobs_desk).await.unwrap();
    sync(&front).await;
    sync(&front).await;
    assert!(asks(&front, &owner).await);
    sync(&carla_app).await;
    assert!(asks(&carla_app, &carla).await, "every owner's desk asks");

    // Carla saves the new password: no desk asks any more.
    let _new = mail_server(&carla_app, &carla, "the second smtp password 22").await;
    assert!(!asks(&carla_app, &carla).await);
    sync(&carla_app).await;
    sync(&front).await;
    assert!(
        !asks(&front, &owner).await,
        "the front desk took the new one"
    );
}

/// The agency's mail language is the owner's choice for every desk: set on the owner's
/// desk, an agent's desk writes its mails to a customer with no language of theirs in it.
#[tokio::test]
async fn the_owners_mail_language_reaches_every_desk_with_the_mail_settings() {
    let (_server, front, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    let sink = mail_server(&front, &owner, "the agency's smtp password 82").await;
    sync(&front).await;
    sync(&ana_app).await;
    // Changed after the mail server was shared: the change alone travels.
    let general = front.keydesk.settings(&owner).await.unwrap().general;
    front
        .keydesk
        .save_general_settings(
            &owner,
            keydesk_api::GeneralSettings {
                mail_language: keydesk_api::Language::Fa,
                ..general
            },
        )
        .await
        .unwrap();
    sync(&front).await;
    sync(&ana_app).await;
    assert_eq!(
        ana_app
            .keydesk
            .general_settings()
            .await
            .unwrap()
            .mail_language,
        keydesk_api::Language::Fa
    );
    assert_eq!(welcome(&ana_app, &ana, "lea@example.com").await, 1);
    let mails = sink.wait_for(1, Duration::from_secs(20));
    let mail = String::from_utf8_lossy(&mails[0]).into_owned();
    assert!(mail.contains("Content-Language: fa"), "{mail}");
}
