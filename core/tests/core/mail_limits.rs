//! How many mails staff may cause: verification codes per customer (5 an hour, 10 a
//! day) and mails with a personal message per staff member (a mail setting). Counted
//! from the outbox, so a restart does not reset them; timed by the test clock.

use crate::helpers::{conflict_message, customer_form, field_error, TestApp};
use crate::smtp::{closed_port, local_form};
use chrono::Duration;
use keydesk_api::Role;
use keydesk_core::auth::Actor;
use keydesk_core::domain::CustomerId;
use keydesk_core::services::ServiceError;

async fn send_code(app: &TestApp, actor: &Actor, customer: i64) -> Result<(), ServiceError> {
    app.keydesk
        .send_verification_code(actor, CustomerId(customer))
        .await
        .map(|_| ())
}

#[tokio::test]
async fn five_codes_an_hour_and_ten_a_day_per_customer_even_across_a_restart() {
    let (app, owner) = TestApp::with_owner().await;
    let (customer, _) = crate::mail::add_customer(&app, &owner, 1).await;
    let (other, _) = crate::mail::add_customer(&app, &owner, 2).await;

    // Minutes 0, 2, 4, 6, 8: five codes.
    for _ in 0..5 {
        send_code(&app, &owner, customer).await.unwrap();
        app.clock.advance(Duration::minutes(2));
    }
    // Minute 10: the sixth waits until the first is an hour old.
    assert_eq!(
        conflict_message(send_code(&app, &owner, customer).await),
        "Too many codes for this customer: try again in 50 minutes."
    );
    // Another customer is not affected.
    send_code(&app, &owner, other).await.unwrap();

    let app = app.restart().await;
    let owner = app.sign_in(crate::helpers::OWNER_PASSWORD).await.unwrap();
    assert_eq!(
        conflict_message(send_code(&app, &owner, customer).await),
        "Too many codes for this customer: try again in 50 minutes."
    );
    app.clock.advance(Duration::minutes(49));
    assert_eq!(
        conflict_message(send_code(&app, &owner, customer).await),
        "Too many codes for this customer: try again in 1 minute."
    );
    // Minute 60: the first code is an hour old.
    app.clock.advance(Duration::minutes(1));
    send_code(&app, &owner, customer).await.unwrap();

    // Minutes 120, 122, 124, 126: ten codes in the day.
    app.clock.advance(Duration::minutes(60));
    for _ in 0..4 {
        send_code(&app, &owner, customer).await.unwrap();
        app.clock.advance(Duration::minutes(2));
    }
    // Minute 128: the eleventh waits until the first is a day old.
    assert_eq!(
        conflict_message(send_code(&app, &owner, customer).await),
        "Too many codes for this customer today: try again in 21 hours 52 minutes."
    );
    app.clock
        .advance(Duration::hours(21) + Duration::minutes(52));
    send_code(&app, &owner, customer).await.unwrap();
    app.cleanup().await;
}

#[tokio::test]
async fn mails_with_a_personal_message_are_limited_per_staff_member_and_hour() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    // The limit is a mail setting, within bounds.
    let mut form = local_form(closed_port());
    form.personal_mails_per_hour = 0;
    field_error(
        k.save_smtp_settings(&owner, form.clone()).await,
        "personal_mails_per_hour",
    );
    form.personal_mails_per_hour = 3;
    let saved = k.save_smtp_settings(&owner, form).await.unwrap();
    assert_eq!(saved.personal_mails_per_hour, 3);

    let (customer, _) = crate::mail::add_customer(&app, &agent, 1).await;
    for n in 0..3 {
        k.send_welcome_mail(&agent, CustomerId(customer), &format!("Hello {n}"))
            .await
            .unwrap();
        app.clock.advance(Duration::minutes(1));
    }
    // Minute 3: the fourth waits until the first is an hour old.
    assert_eq!(
        conflict_message(
            k.send_welcome_mail(&agent, CustomerId(customer), "Hello again")
                .await
        ),
        "You have sent 3 mails with a personal message in the last hour, the most the mail \
         settings allow: try again in 57 minutes."
    );
    // A welcome mail without a personal message is not limited.
    k.send_welcome_mail(&agent, CustomerId(customer), "  ")
        .await
        .unwrap();
    // Another member has their own count, also for login mails.
    let (owned, _) = crate::mail::add_customer(&app, &owner, 2).await;
    for n in 0..3 {
        k.send_welcome_mail(&owner, CustomerId(owned), &format!("Hi {n}"))
            .await
            .unwrap();
    }
    let form = customer_form("login@example.com", "Lena", "Wolf");
    let handoff = app.add_customer_with_login(&owner, form).await.handoff_id;
    let refused = conflict_message(
        k.send_handoff_by_mail(&owner, handoff, "Your login, with a note")
            .await,
    );
    assert!(
        refused.starts_with("You have sent 3 mails with a personal message"),
        "{refused}"
    );

    // Minute 60: the agent's first mail is an hour old.
    app.clock.advance(Duration::minutes(57));
    k.send_welcome_mail(&agent, CustomerId(customer), "Hello again")
        .await
        .unwrap();
    app.cleanup().await;
}
