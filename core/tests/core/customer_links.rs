//! Linking a colleague's customer: only with the offer of one's own duplicate answer,
//! once, in time; owners and admins link anyone.

use crate::helpers::{assert_err, customer_form, TestApp};
use keydesk_api::{CreateCustomerOutcome, CustomerInput, ExistingCustomer, LinkToken, Role};
use keydesk_core::auth::Actor;
use keydesk_core::domain::{CustomerId, StaffId};
use keydesk_core::services::{AccessError, ServiceError, LINK_TOKEN_MINUTES};
use keydesk_core::Keydesk;

fn input(email: &str) -> CustomerInput {
    customer_form(email, "Ann", "Smith")
}

async fn create(app: &TestApp, actor: &Actor, email: &str) -> i64 {
    app.add_customer(actor, input(email)).await.id
}

/// Saves the form again with an email that exists: the answer as it comes.
async fn duplicate(keydesk: &Keydesk, actor: &Actor, email: &str) -> ExistingCustomer {
    match keydesk.create_customer(actor, input(email)).await.unwrap() {
        CreateCustomerOutcome::Duplicate { existing } => existing,
        other => panic!("expected a duplicate answer, got {other:?}"),
    }
}

async fn offer(keydesk: &Keydesk, actor: &Actor, email: &str) -> LinkToken {
    match duplicate(keydesk, actor, email).await {
        ExistingCustomer::Linkable { link_token } => link_token,
        other => panic!("expected a link offer, got {other:?}"),
    }
}

fn refused_offer<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> bool {
    matches!(result, Err(ServiceError::NotAllowed(_)))
}

async fn sees(keydesk: &Keydesk, actor: &Actor, customer_id: i64) -> bool {
    keydesk
        .customer(actor, CustomerId(customer_id))
        .await
        .is_ok()
}

#[tokio::test]
async fn an_agent_links_only_with_its_own_fresh_offer_and_only_once() {
    let (app, owner) = TestApp::with_owner().await;
    let alex = app.member(&owner, "alex@agency.test", Role::Agent).await;
    let bea = app.member(&owner, "bea@agency.test", Role::Agent).await;
    let cid = app.member(&owner, "cid@agency.test", Role::Agent).await;
    let ann = create(&app, &alex, "ann@example.com").await;
    let bob = create(&app, &alex, "bob@example.com").await;

    // The answer tells Bea that the email exists and offers a link; not the number.
    let answer = app
        .keydesk
        .create_customer(&bea, input("ANN@example.com"))
        .await
        .unwrap();
    let json = serde_json::to_string(&answer).unwrap();
    assert!(!json.contains("customer_id"), "{json}");
    let token = offer(&app.keydesk, &bea, "ann@example.com").await;
    assert!(!format!("{token:?}").contains(&token.0), "Debug hides it");

    // No way to name a customer by number: made-up tokens, numbers as tokens, and
    // the owners' way of linking are all refused.
    for guess in [
        ann.to_string(),
        bob.to_string(),
        "0".repeat(64),
        String::new(),
    ] {
        assert!(refused_offer(
            app.keydesk
                .link_customer_to_me(&bea, &LinkToken(guess))
                .await
        ));
    }
    assert_err!(
        app.keydesk
            .link_customer_to_member(&bea, CustomerId(bob), bea.id())
            .await,
        ServiceError::Access(AccessError::Forbidden)
    );
    assert!(!sees(&app.keydesk, &bea, ann).await);
    assert!(!sees(&app.keydesk, &bea, bob).await);

    // Another agent cannot use Bea's offer, and their try burns it.
    assert!(refused_offer(
        app.keydesk.link_customer_to_me(&cid, &token).await
    ));
    assert!(!sees(&app.keydesk, &cid, ann).await);
    assert!(refused_offer(
        app.keydesk.link_customer_to_me(&bea, &token).await
    ));

    // A fresh offer links Ann (not Bob) to Bea, once.
    let token = offer(&app.keydesk, &bea, "ann@example.com").await;
    let linked = app.keydesk.link_customer_to_me(&bea, &token).await.unwrap();
    assert_eq!(linked.id, ann);
    assert_eq!(linked.agents.len(), 2);
    assert!(sees(&app.keydesk, &bea, ann).await);
    assert!(!sees(&app.keydesk, &bea, bob).await);
    assert!(refused_offer(
        app.keydesk.link_customer_to_me(&bea, &token).await
    ));
    // Now linked, Bea's duplicate answer names Ann so she can open her.
    assert_eq!(
        duplicate(&app.keydesk, &bea, "ann@example.com").await,
        ExistingCustomer::Visible { customer_id: ann }
    );

    // An offer is good for its minutes only.
    let token = offer(&app.keydesk, &bea, "bob@example.com").await;
    app.clock
        .advance(chrono::Duration::minutes(LINK_TOKEN_MINUTES));
    assert!(refused_offer(
        app.keydesk.link_customer_to_me(&bea, &token).await
    ));
    assert!(!sees(&app.keydesk, &bea, bob).await);
    let token = offer(&app.keydesk, &bea, "bob@example.com").await;
    app.clock
        .advance(chrono::Duration::minutes(LINK_TOKEN_MINUTES - 1));
    app.keydesk.link_customer_to_me(&bea, &token).await.unwrap();
    assert!(sees(&app.keydesk, &bea, bob).await);

    // An offer for a customer erased meanwhile links nothing.
    let gone = create(&app, &alex, "gone@example.com").await;
    let token = offer(&app.keydesk, &cid, "gone@example.com").await;
    app.keydesk
        .erase_customer(&owner, CustomerId(gone), "gone@example.com")
        .await
        .unwrap();
    assert_err!(
        app.keydesk.link_customer_to_me(&cid, &token).await,
        ServiceError::NotFound
    );

    // A member whose session ended cannot redeem their offer.
    let token = offer(&app.keydesk, &cid, "ann@example.com").await;
    app.keydesk
        .set_staff_active(&owner, cid.id(), false)
        .await
        .unwrap();
    assert_err!(
        app.keydesk.link_customer_to_me(&cid, &token).await,
        ServiceError::Access(AccessError::SessionEnded)
    );

    assert_eq!(app.audit_count(&owner, "customer.linked").await, 2);
    app.cleanup().await;
}

#[tokio::test]
async fn owners_and_admins_see_the_duplicate_and_link_any_active_member() {
    let (app, owner) = TestApp::with_owner().await;
    let admin = app.member(&owner, "admin@agency.test", Role::Admin).await;
    let alex = app.member(&owner, "alex@agency.test", Role::Agent).await;
    let bea = app.member(&owner, "bea@agency.test", Role::Agent).await;
    let ann = create(&app, &alex, "ann@example.com").await;

    for who in [&owner, &admin] {
        assert_eq!(
            duplicate(&app.keydesk, who, "ann@example.com").await,
            ExistingCustomer::Visible { customer_id: ann }
        );
    }
    assert!(!sees(&app.keydesk, &bea, ann).await);
    let linked = app
        .keydesk
        .link_customer_to_member(&admin, CustomerId(ann), bea.id())
        .await
        .unwrap();
    assert_eq!(linked.agents.len(), 2);
    assert!(sees(&app.keydesk, &bea, ann).await);

    // No such customer, no such member, a disabled member: nothing is linked.
    assert_err!(
        app.keydesk
            .link_customer_to_member(&owner, CustomerId(i64::MAX), bea.id())
            .await,
        ServiceError::NotFound
    );
    assert_err!(
        app.keydesk
            .link_customer_to_member(&owner, CustomerId(ann), StaffId(i64::MAX))
            .await,
        ServiceError::NotFound
    );
    app.keydesk
        .set_staff_active(&owner, alex.id(), false)
        .await
        .unwrap();
    let other = create(&app, &owner, "other@example.com").await;
    assert_err!(
        app.keydesk
            .link_customer_to_member(&owner, CustomerId(other), alex.id())
            .await,
        ServiceError::NotFound
    );
    let history = app.history(&owner, CustomerId(ann)).await;
    assert!(
        history.iter().any(|e| e.action == "customer.linked"
            && e.detail.contains(&format!("staff #{}", bea.id().0))),
        "{history:?}"
    );
    app.cleanup().await;
}
