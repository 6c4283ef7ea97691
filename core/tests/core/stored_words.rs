//! A stored word the code does not know is an error naming its column, never read as
//! some default value.

use crate::helpers::{exec, TestApp};
use keydesk_api::{CustomerQuery, OutboxQuery, Role};
use keydesk_core::domain::CustomerId;
use keydesk_core::services::ServiceError;

/// Overwrites one column of one row behind the services' back (and past the schema's
/// CHECK, as a damaged or foreign-made file could hold it).
async fn corrupt(app: &TestApp, sql: &'static str, id: i64) {
    let mut tx = app.keydesk.store().begin().await.unwrap();
    exec(&mut tx, "PRAGMA ignore_check_constraints = ON").await;
    sqlx::query(sql).bind(id).execute(&mut *tx).await.unwrap();
    exec(&mut tx, "PRAGMA ignore_check_constraints = OFF").await;
    tx.commit().await.unwrap();
}

fn names(error: ServiceError, column: &str, word: &str) {
    let text = format!("{:#}", anyhow::Error::from(error));
    assert!(text.contains(column), "{text}");
    assert!(text.contains(word), "{text}");
}

#[tokio::test]
async fn an_unknown_tier_status_or_contact_method_is_an_error() {
    let (app, owner) = TestApp::with_owner().await;
    let (id, _) = crate::mail::add_customer(&app, &owner, 1).await;

    for (sql, column, word) in [
        (
            "UPDATE customers SET tier = 'diamond' WHERE id = ?",
            "customers.tier",
            "diamond",
        ),
        (
            "UPDATE customers SET tier = 'gold', status = 'gone' WHERE id = ?",
            "customers.status",
            "gone",
        ),
        (
            "UPDATE customers SET status = 'active', contact_method = 'pigeon' WHERE id = ?",
            "customers.contact_method",
            "pigeon",
        ),
    ] {
        corrupt(&app, sql, id).await;
        let read = app.keydesk.customer(&owner, CustomerId(id)).await;
        names(read.unwrap_err(), column, word);
        if column == "customers.tier" {
            let list = app
                .keydesk
                .list_customers(&owner, &CustomerQuery::default())
                .await;
            names(list.unwrap_err(), column, word);
        }
    }
    app.cleanup().await;
}

#[tokio::test]
async fn an_unknown_mail_kind_or_role_is_an_error() {
    let (app, owner) = TestApp::with_owner().await;
    let (customer, _) = crate::mail::add_customer(&app, &owner, 1).await;
    app.keydesk
        .send_welcome_mail(&owner, CustomerId(customer), "Hi")
        .await
        .unwrap();
    corrupt(
        &app,
        "UPDATE outbox SET kind = 'postcard' WHERE customer_id = ?",
        customer,
    )
    .await;
    let page = app
        .keydesk
        .outbox_page(
            &owner,
            &OutboxQuery {
                limit: 5,
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    names(page, "outbox.kind", "postcard");

    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    corrupt(
        &app,
        "UPDATE staff SET role = 'boss' WHERE id = ?",
        agent.id().0,
    )
    .await;
    let staff = app.keydesk.list_staff(&owner).await.unwrap_err();
    names(staff, "staff.role", "boss");
    app.cleanup().await;
}
