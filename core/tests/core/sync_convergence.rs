//! A bounded convergence check: an owner's desk and two agents' desks make random changes
//! (new customers from a small pool of emails, so that desks collide; edits of the same
//! few fields; links; an erase now and then), each syncing only now and then, as desks
//! that are offline most of the time. Once every desk has synced twice in turn, each
//! desk holds exactly what the server says it may see, with the server's values.

use std::collections::BTreeMap;

use crate::desk_sync::{agency, sync};
use crate::helpers::{customer_form, TestApp};
use keydesk_api::{CreateCustomerOutcome, Customer, CustomerInput, CustomerQuery};
use keydesk_core::auth::Actor;
use keydesk_core::domain::{CustomerId, StaffId};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::Row;

const EMAILS: [&str; 6] = [
    "ada@example.com",
    "bea@example.com",
    "cyd@example.com",
    "dan@example.com",
    "eve@example.com",
    "fay@example.com",
];
const CITIES: [&str; 4] = ["Lyon", "Nantes", "Lille", "Metz"];
const STEPS: usize = 40;

fn form_of(customer: &Customer) -> CustomerInput {
    CustomerInput {
        email: customer.email.clone(),
        first_name: customer.first_name.clone(),
        last_name: customer.last_name.clone(),
        phone: customer.phone.clone().unwrap_or_default(),
        company: customer.company.clone().unwrap_or_default(),
        address: customer.address.clone().unwrap_or_default(),
        city: customer.city.clone().unwrap_or_default(),
        country: customer.country.clone().unwrap_or_default(),
        birth_date: customer.birth_date.clone().unwrap_or_default(),
        preferred_language: customer.preferred_language.clone().unwrap_or_default(),
        contact_method: customer.contact_method,
        tier: Some(customer.tier),
        notes: customer.notes.clone(),
        marketing_consent: customer.marketing_consent,
        gender: customer.gender,
        special_requirements: customer.special_requirements.clone(),
    }
}

/// Every customer a desk's member sees there: email → (city, notes).
async fn on_desk(app: &TestApp, actor: &Actor) -> BTreeMap<String, (Option<String>, String)> {
    let query = CustomerQuery {
        limit: 100,
        ..CustomerQuery::default()
    };
    let page = app.keydesk.list_customers(actor, &query).await.unwrap();
    let mut seen = BTreeMap::new();
    for row in page.rows {
        let customer = app.customer(actor, row.id).await;
        seen.insert(
            customer.email.to_lowercase(),
            (customer.city, customer.notes),
        );
    }
    seen
}

/// What the server holds for `member` (every customer when `None`): email → (city, notes).
async fn on_server(
    server: &keydesk_core::server::ServerUrl,
    member: Option<uuid::Uuid>,
) -> BTreeMap<String, (Option<String>, String)> {
    let mut admin = server.connect().await.unwrap();
    let rows = sqlx::query(
        "SELECT lower(c.email) AS email, c.fields->>'city' AS city,
                COALESCE(c.fields->>'notes', '') AS notes
         FROM kd.customers c
         WHERE $1::uuid IS NULL OR EXISTS (SELECT 1 FROM kd.customer_links l
                                           WHERE l.customer_uid = c.uid AND l.member_uid = $1)",
    )
    .bind(member)
    .fetch_all(&mut admin)
    .await
    .unwrap();
    rows.iter()
        .map(|row| {
            (
                row.get::<String, _>("email"),
                (
                    row.get::<Option<String>, _>("city"),
                    row.get::<String, _>("notes"),
                ),
            )
        })
        .collect()
}

async fn random_customer(rng: &mut StdRng, app: &TestApp, actor: &Actor) -> Option<Customer> {
    let query = CustomerQuery {
        limit: 100,
        ..CustomerQuery::default()
    };
    let page = app.keydesk.list_customers(actor, &query).await.unwrap();
    if page.rows.is_empty() {
        return None;
    }
    let row = &page.rows[rng.random_range(0..page.rows.len())];
    Some(app.customer(actor, row.id).await)
}

/// Runs one seed; returns how many notices (merges, conflicts, refusals) desks got.
async fn run(seed: u64) -> usize {
    let mut rng = StdRng::seed_from_u64(seed);
    let (server, owner_app, owner, agents) = agency(&["ana@agency.test", "bob@agency.test"]).await;
    let agent_ids: Vec<StaffId> = {
        let staff = owner_app.keydesk.list_staff(&owner).await.unwrap();
        ["ana@agency.test", "bob@agency.test"]
            .iter()
            .map(|email| StaffId(staff.iter().find(|m| m.email == *email).unwrap().id))
            .collect()
    };
    let mut desks: Vec<(TestApp, Actor)> = vec![(owner_app, owner)];
    desks.extend(agents);

    for step in 0..STEPS {
        let d = rng.random_range(0..desks.len());
        let (app, actor) = &desks[d];
        match rng.random_range(0..10) {
            0..=2 => {
                let email = EMAILS[rng.random_range(0..EMAILS.len())];
                let mut form = customer_form(email, "Desk", &format!("Number{d}"));
                form.city = CITIES[rng.random_range(0..CITIES.len())].to_owned();
                match app.keydesk.create_customer(actor, form).await.unwrap() {
                    CreateCustomerOutcome::Created { .. }
                    | CreateCustomerOutcome::Duplicate { .. } => {}
                }
            }
            3..=5 => {
                if let Some(customer) = random_customer(&mut rng, app, actor).await {
                    let mut form = form_of(&customer);
                    if rng.random_bool(0.5) {
                        form.city = CITIES[rng.random_range(0..CITIES.len())].to_owned();
                    } else {
                        form.notes = format!("step {step} on desk {d}");
                    }
                    app.keydesk
                        .update_customer(actor, CustomerId(customer.id), customer.version, form)
                        .await
                        .unwrap();
                }
            }
            6 if d == 0 => {
                if let Some(customer) = random_customer(&mut rng, app, actor).await {
                    let agent = agent_ids[rng.random_range(0..agent_ids.len())];
                    app.keydesk
                        .link_customer_to_member(actor, CustomerId(customer.id), agent)
                        .await
                        .unwrap();
                }
            }
            7 if d == 0 && rng.random_bool(0.3) => {
                if let Some(customer) = random_customer(&mut rng, app, actor).await {
                    app.keydesk
                        .erase_customer(actor, CustomerId(customer.id), &customer.email)
                        .await
                        .unwrap();
                }
            }
            _ => {
                sync(app).await;
            }
        }
    }

    // Everyone comes online: two rounds, so that each desk hears of the others' last pushes.
    for _ in 0..2 {
        for (app, _) in &desks {
            sync(app).await;
        }
    }
    let everything = on_server(&server, None).await;
    assert_eq!(
        on_desk(&desks[0].0, &desks[0].1).await,
        everything,
        "seed {seed}: the owner's desk holds everything the server has"
    );
    for (app, actor) in &desks[1..] {
        let member = app.keydesk.agency_server().await.unwrap().unwrap().member;
        assert_eq!(
            on_desk(app, actor).await,
            on_server(&server, Some(member)).await,
            "seed {seed}: {}'s desk holds what the server links to her",
            actor.email().as_ref()
        );
        assert_eq!(app.keydesk.changes_waiting().await.unwrap(), 0);
    }
    desks[0].0.assert_chain_intact(&desks[0].1).await;
    let mut notices = 0;
    for (app, actor) in desks {
        notices += app.keydesk.sync_notices(&actor).await.unwrap().len();
        app.cleanup().await;
    }
    notices
}

#[tokio::test]
async fn three_desks_making_random_changes_offline_converge_on_the_servers_state() {
    let mut notices = 0;
    for seed in [1, 2, 3] {
        notices += run(seed).await;
    }
    assert!(
        notices > 0,
        "the desks never collided: the check proved little"
    );
}
