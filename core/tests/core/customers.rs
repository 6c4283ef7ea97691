use crate::helpers::{
    assert_err, conflict_message, customer_form, exec, field_error, forget_migration, TestApp,
    OWNER_PASSWORD,
};

/// The migration that built the search index last (with special requirements).
const NEWEST_INDEX_MIGRATION: i64 = 20261207000000;
use keydesk_api::{
    CreateCustomerOutcome, CredentialsState, Customer, CustomerInput, CustomerPage, CustomerQuery,
    CustomerSort, CustomerStatus, CustomerSummary, ExistingCustomer, Gender, Role, Tier,
};
use keydesk_core::auth::Actor;
use keydesk_core::domain::CustomerId;
use keydesk_core::services::ServiceError;
use sqlx::Connection;

fn input(email: &str, first: &str, last: &str) -> CustomerInput {
    CustomerInput {
        phone: "020 7946 0958".to_owned(),
        company: "Acme Travel".to_owned(),
        country: "GB".to_owned(),
        ..customer_form(email, first, last)
    }
}

/// Creates a customer from [`input`].
async fn create(app: &TestApp, actor: &Actor, email: &str, first: &str, last: &str) -> Customer {
    app.add_customer(actor, input(email, first, last)).await
}

/// An exported CSV file: its header names and its rows.
fn read_csv(path: impl AsRef<std::path::Path>) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader.records().map(Result::unwrap).collect();
    (headers, rows)
}

async fn list(app: &TestApp, actor: &Actor, query: &CustomerQuery) -> CustomerPage {
    app.keydesk.list_customers(actor, query).await.unwrap()
}

/// The list read page by page through `next`; every page counts all the rows.
async fn every_page(
    app: &TestApp,
    actor: &Actor,
    mut query: CustomerQuery,
    read: fn(&CustomerSummary) -> String,
) -> Vec<String> {
    let (mut seen, mut totals) = (Vec::new(), Vec::new());
    loop {
        let page = app.keydesk.list_customers(actor, &query).await.unwrap();
        seen.extend(page.rows.iter().map(read));
        totals.push(page.total as usize);
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }
    assert!(totals.iter().all(|t| *t == seen.len()), "{totals:?}");
    seen
}

#[tokio::test]
async fn a_customer_is_created_once_and_other_agents_can_link_it() {
    let (app, owner) = TestApp::with_owner().await;
    let alex = app.member(&owner, "alex@agency.test", Role::Agent).await;
    let bea = app.member(&owner, "bea@agency.test", Role::Agent).await;

    let ann = create(&app, &alex, "Ann@Example.com", "Ann", "Smith").await;
    assert_eq!(ann.email, "ann@example.com");
    assert_eq!(ann.phone.as_deref(), Some("+442079460958"));
    assert_eq!(ann.agents.len(), 1);
    assert!(ann.agents[0].created_it);

    // Same email, other case: no second row. Alex sees it; Bea may link it.
    let again = app
        .keydesk
        .create_customer(&alex, input("ANN@example.com", "A", "S"))
        .await
        .unwrap();
    assert_eq!(
        again,
        CreateCustomerOutcome::Duplicate {
            existing: ExistingCustomer::Visible {
                customer_id: ann.id
            }
        }
    );
    let by_bea = app
        .keydesk
        .create_customer(&bea, input("ann@example.com", "A", "S"))
        .await
        .unwrap();
    let CreateCustomerOutcome::Duplicate {
        existing: ExistingCustomer::Linkable { link_token },
    } = by_bea
    else {
        panic!("expected a link offer, got {by_bea:?}");
    };
    assert_err!(
        app.keydesk.customer(&bea, CustomerId(ann.id)).await,
        ServiceError::NotFound
    );

    let linked = app
        .keydesk
        .link_customer_to_me(&bea, &link_token)
        .await
        .unwrap();
    assert_eq!(linked.agents.len(), 2);
    assert!(app.keydesk.customer(&bea, CustomerId(ann.id)).await.is_ok());
    let all = list(
        &app,
        &owner,
        &CustomerQuery {
            limit: 50,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(all.total, 1);
    app.assert_audited(&owner, &["customer.created", "customer.linked"])
        .await;
    app.cleanup().await;
}

#[tokio::test]
async fn agents_see_only_their_customers_owners_see_all() {
    let (app, owner) = TestApp::with_owner().await;
    let alex = app.member(&owner, "alex@agency.test", Role::Agent).await;
    let bea = app.member(&owner, "bea@agency.test", Role::Agent).await;
    let mine = create(&app, &alex, "a1@example.com", "Ann", "Alpha").await;
    create(&app, &bea, "b1@example.com", "Ben", "Beta").await;

    assert_eq!(app.search(&alex, "").await, ["a1@example.com"]);
    assert_eq!(app.search(&bea, "").await, ["b1@example.com"]);
    assert_eq!(app.search(&owner, "").await.len(), 2);
    assert_err!(
        app.keydesk
            .update_customer(
                &bea,
                CustomerId(mine.id),
                mine.version,
                input("x@example.com", "X", "Y")
            )
            .await,
        ServiceError::NotFound
    );
    assert_err!(
        app.keydesk
            .set_customer_archived(&bea, CustomerId(mine.id), true)
            .await,
        ServiceError::NotFound
    );
    app.cleanup().await;
}

#[tokio::test]
async fn bad_input_is_refused_per_field_and_nothing_is_written() {
    let (app, owner) = TestApp::with_owner().await;
    let with = |f: fn(&mut CustomerInput)| {
        let mut form = input("ok@example.com", "Ok", "Fine");
        f(&mut form);
        form
    };
    let cases: Vec<(CustomerInput, &str)> = vec![
        (with(|f| f.email = "nope".into()), "email"),
        // RFC 5322 allows this domain; no mail server has such a name.
        (with(|f| f.email = "ann@smith_family.com".into()), "email"),
        (with(|f| f.first_name = " ".into()), "first_name"),
        (with(|f| f.last_name = "".into()), "last_name"),
        (with(|f| f.phone = "12".into()), "phone"),
        (with(|f| f.country = "ZZ".into()), "country"),
        (with(|f| f.birth_date = "2999-01-01".into()), "birth_date"),
        (
            with(|f| f.preferred_language = "english please".into()),
            "preferred_language",
        ),
        (with(|f| f.company = "x".repeat(201)), "company"),
    ];
    for (form, field) in cases {
        field_error(app.keydesk.create_customer(&owner, form).await, field);
    }
    assert_eq!(app.search(&owner, "").await.len(), 0);

    // Checking a form reports every bad field at once, with the same messages.
    let mut form = input("nope", " ", "Fine");
    form.phone = "12".into();
    form.birth_date = "tomorrow".into();
    let problems = app.keydesk.check_customer(&owner, &form).await.unwrap();
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    for field in ["email", "first_name", "phone", "birth_date"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    assert_eq!(problems.len(), 4);
    let ok = input("fine@example.com", "Fine", "Person");
    assert!(app
        .keydesk
        .check_customer(&owner, &ok)
        .await
        .unwrap()
        .is_empty());
    app.cleanup().await;
}

#[tokio::test]
async fn a_stale_edit_is_refused_naming_who_changed_it() {
    let (app, owner) = TestApp::with_owner().await;
    let ann = create(&app, &owner, "ann@example.com", "Ann", "Smith").await;

    let mut first = input("ann@example.com", "Ann", "Smith-Jones");
    first.tier = Some(Tier::Gold);
    let saved = app
        .keydesk
        .update_customer(&owner, CustomerId(ann.id), ann.version, first)
        .await
        .unwrap();
    assert_eq!(saved.version, ann.version + 1);
    assert_eq!(saved.tier, Tier::Gold);

    let stale = app
        .keydesk
        .update_customer(
            &owner,
            CustomerId(ann.id),
            ann.version,
            input("ann@example.com", "Anne", "Smith"),
        )
        .await;
    let message = conflict_message(stale);
    assert!(message.contains("Olivia Owner"), "{message}");
    assert!(message.contains("reload"), "{message}");
    let now = app.customer(&owner, ann.id).await;
    assert_eq!(
        (now.first_name.as_str(), now.last_name.as_str()),
        ("Ann", "Smith-Jones")
    );
    app.cleanup().await;
}

#[tokio::test]
async fn search_follows_edits_and_matches_word_prefixes_in_every_field() {
    let (app, owner) = TestApp::with_owner().await;
    let ann = create(&app, &owner, "ann.smith@example.com", "Ann", "Smith").await;
    let mut bob = input("bob@other.test", "Bob", "Müller");
    bob.company = "Globetrotters Ltd".into();
    bob.notes = "Prefers window seats".into();
    bob.phone = "+49 30 901820".into();
    app.add_customer(&owner, bob).await;

    assert_eq!(app.search(&owner, "a").await, ["ann.smith@example.com"]);
    assert_eq!(app.search(&owner, "smi").await, ["ann.smith@example.com"]);
    assert_eq!(
        app.search(&owner, "mull").await,
        ["bob@other.test"],
        "diacritics ignored"
    );
    assert_eq!(app.search(&owner, "globe").await, ["bob@other.test"]);
    assert_eq!(app.search(&owner, "window").await, ["bob@other.test"]);
    assert_eq!(app.search(&owner, "4930").await, ["bob@other.test"]);
    assert_eq!(
        app.search(&owner, "ann exam").await,
        ["ann.smith@example.com"]
    );
    assert!(app.search(&owner, "zzz").await.is_empty());
    assert!(app.search(&owner, "\"*(").await.is_empty());

    app.keydesk
        .update_customer(
            &owner,
            CustomerId(ann.id),
            ann.version,
            input("ann.smith@example.com", "Ann", "Taylor"),
        )
        .await
        .unwrap();
    assert!(
        app.search(&owner, "smith ann").await.len() == 1,
        "email still has smith"
    );
    assert!(app.search(&owner, "taylor").await.len() == 1);
    app.cleanup().await;
}

/// A database from before the newest search index (special requirements, and longer
/// prefix tables before that): its index is replaced on the upgrade and built again from
/// the customers, so every prefix as typed, short or long, still finds them, and deleted
/// words stay out of it.
#[tokio::test]
async fn the_search_index_is_built_again_on_upgrade_and_finds_every_prefix() {
    let (app, owner) = TestApp::with_owner().await;
    create(&app, &owner, "k.p@example.com", "Katharina", "Papadopoulos").await;
    create(&app, &owner, "m.s@example.com", "Marek", "Schwarzenegger").await;
    let app = app.close_keeping_data().await;

    // The index as it was, left empty, and the customers without the new columns: only
    // the upgrade's rebuild can fill it.
    let mut conn = app.open_file().await;
    exec(&mut conn, "DROP TABLE customers_fts").await;
    exec(
        &mut conn,
        "CREATE VIRTUAL TABLE customers_fts USING fts5(
            first_name, last_name, email, phone, company, notes,
            content = 'customers', content_rowid = 'id',
            prefix = '1 2 3', tokenize = 'unicode61 remove_diacritics 2')",
    )
    .await;
    exec(&mut conn, "DROP TRIGGER customers_fts_insert").await;
    exec(&mut conn, "DROP TRIGGER customers_fts_delete").await;
    exec(&mut conn, "DROP TRIGGER customers_fts_update").await;
    exec(
        &mut conn,
        "CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
            INSERT INTO customers_fts (rowid, first_name, last_name, email, phone, company, notes)
            VALUES (new.id, new.first_name, new.last_name, new.email, new.phone, new.company,
                    new.notes);
         END",
    )
    .await;
    exec(
        &mut conn,
        "CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
            INSERT INTO customers_fts (customers_fts, rowid, first_name, last_name, email,
                                       phone, company, notes)
            VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone,
                    old.company, old.notes);
         END",
    )
    .await;
    exec(
        &mut conn,
        "CREATE TRIGGER customers_fts_update
         AFTER UPDATE OF first_name, last_name, email, phone, company, notes ON customers BEGIN
            INSERT INTO customers_fts (customers_fts, rowid, first_name, last_name, email,
                                       phone, company, notes)
            VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone,
                    old.company, old.notes);
            INSERT INTO customers_fts (rowid, first_name, last_name, email, phone, company,
                                       notes)
            VALUES (new.id, new.first_name, new.last_name, new.email, new.phone, new.company,
                    new.notes);
         END",
    )
    .await;
    exec(&mut conn, "ALTER TABLE customers DROP COLUMN gender").await;
    exec(
        &mut conn,
        "ALTER TABLE customers DROP COLUMN special_requirements",
    )
    .await;
    forget_migration(&mut conn, NEWEST_INDEX_MIGRATION).await;
    conn.close().await.unwrap();

    let app = app.reopen().await;
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    let typed = "papadopoulos";
    for end in 1..=typed.len() {
        assert_eq!(
            app.search(&owner, &typed[..end]).await,
            ["k.p@example.com"],
            "{}",
            &typed[..end]
        );
    }
    assert_eq!(
        app.search(&owner, "schwarzen mar").await,
        ["m.s@example.com"]
    );
    let secure: i64 =
        sqlx::query_scalar("SELECT v FROM customers_fts_config WHERE k = 'secure-delete'")
            .fetch_one(app.keydesk.store().reader())
            .await
            .unwrap();
    assert_eq!(secure, 1, "secure-delete holds for the new index");
    app.cleanup().await;
}

#[tokio::test]
async fn the_list_pages_by_name_and_filters_by_status_and_tier() {
    let (app, owner) = TestApp::with_owner().await;
    for (i, last) in ["Zed", "Adams", "Moss", "Baker", "Young"]
        .iter()
        .enumerate()
    {
        let mut form = input(&format!("c{i}@example.com"), "Kim", last);
        form.tier = Some(if i % 2 == 0 { Tier::Gold } else { Tier::Silver });
        app.add_customer(&owner, form).await;
    }
    let query = CustomerQuery {
        sort: CustomerSort::Name,
        limit: 2,
        ..Default::default()
    };
    let names = every_page(&app, &owner, query, |r| r.last_name.clone()).await;
    assert_eq!(names, ["Adams", "Baker", "Moss", "Young", "Zed"]);

    // Newest first, with and without words, pages the same way.
    for search in ["", "kim"] {
        let query = CustomerQuery {
            search: search.to_owned(),
            sort: CustomerSort::Newest,
            limit: 2,
            ..Default::default()
        };
        let newest = every_page(&app, &owner, query, |r| r.last_name.clone()).await;
        assert_eq!(
            newest,
            ["Young", "Baker", "Moss", "Adams", "Zed"],
            "search {search:?}"
        );
    }

    let gold = CustomerQuery {
        tier: Some(Tier::Gold),
        limit: 50,
        ..Default::default()
    };
    assert_eq!(list(&app, &owner, &gold).await.total, 3);
    let first = list(&app, &owner, &gold).await.rows[0].id;
    let archived = app
        .keydesk
        .set_customer_archived(&owner, CustomerId(first), true)
        .await
        .unwrap();
    assert_eq!(archived.status, CustomerStatus::Archived);
    let only_archived = CustomerQuery {
        status: Some(CustomerStatus::Archived),
        limit: 50,
        ..Default::default()
    };
    assert_eq!(list(&app, &owner, &only_archived).await.total, 1);
    let restored = app
        .keydesk
        .set_customer_archived(&owner, CustomerId(first), false)
        .await
        .unwrap();
    assert_eq!(restored.status, CustomerStatus::Active);
    app.assert_audited(&owner, &["customer.archived", "customer.restored"])
        .await;

    // By name with words, and with words and a filter: only the matches, in name order,
    // page after page.
    for (i, last) in ["Able", "Nash"].iter().enumerate() {
        create(&app, &owner, &format!("lee{i}@example.com"), "Lee", last).await;
    }
    let kims = CustomerQuery {
        search: "kim".to_owned(),
        sort: CustomerSort::Name,
        limit: 2,
        ..Default::default()
    };
    let names = every_page(&app, &owner, kims.clone(), |r| r.last_name.clone()).await;
    assert_eq!(names, ["Adams", "Baker", "Moss", "Young", "Zed"]);
    let gold_kims = CustomerQuery {
        tier: Some(Tier::Gold),
        ..kims
    };
    let names = every_page(&app, &owner, gold_kims, |r| r.last_name.clone()).await;
    assert_eq!(names, ["Moss", "Young", "Zed"]);
    app.cleanup().await;
}

#[tokio::test]
async fn erasing_removes_the_customer_everywhere_but_a_numbered_audit_row() {
    let (app, owner) = TestApp::with_owner().await;
    let admin = app.member(&owner, "admin@agency.test", Role::Admin).await;
    let ann = create(&app, &owner, "ann@example.com", "Ann", "Smith").await;

    assert_err!(
        app.keydesk
            .erase_customer(&admin, CustomerId(ann.id), "ann@example.com")
            .await,
        ServiceError::Access(_)
    );
    field_error(
        app.keydesk
            .erase_customer(&owner, CustomerId(ann.id), "ann@example.org")
            .await,
        "confirmation",
    );
    assert!(
        app.keydesk
            .customer(&owner, CustomerId(ann.id))
            .await
            .is_ok(),
        "nothing erased yet"
    );

    app.keydesk
        .erase_customer(&owner, CustomerId(ann.id), " ANN@example.com ")
        .await
        .unwrap();
    assert_err!(
        app.keydesk.customer(&owner, CustomerId(ann.id)).await,
        ServiceError::NotFound
    );
    assert!(
        app.search(&owner, "ann").await.is_empty(),
        "search index follows"
    );
    let page = app.audit_entries(&owner).await;
    assert_eq!(page[0].action, "customer.erased");
    assert!(page
        .iter()
        .all(|e| !e.detail.contains("ann") && !e.detail.contains("Smith")));
    // The same email can be used again afterwards.
    create(&app, &owner, "ann@example.com", "Ann", "Smith").await;
    app.cleanup().await;
}

#[tokio::test]
async fn the_export_is_the_filtered_list_without_secrets() {
    let (app, owner) = TestApp::with_owner().await;
    let mut gold = input("gold@example.com", "Gia", "Gold");
    gold.tier = Some(Tier::Gold);
    gold.notes = "=cmd|' /C calc'!A0".into();
    app.add_customer(&owner, gold).await;
    create(&app, &owner, "plain@example.com", "Pat", "Plain").await;
    let out = tempfile::tempdir().unwrap();
    let query = CustomerQuery {
        tier: Some(Tier::Gold),
        ..Default::default()
    };
    let export = app
        .keydesk
        .export_customers_csv(&owner, &query, out.path())
        .await
        .unwrap();
    assert_eq!(export.rows, 1);
    let (headers, rows) = read_csv(&export.path);
    assert!(
        headers
            .iter()
            .all(|h| !h.contains("password") && !h.contains("hash")),
        "{headers:?}"
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][1], "gold@example.com");
    let notes = headers.iter().position(|h| h == "notes").unwrap();
    assert!(
        rows[0][notes].starts_with('\''),
        "formula defused: {}",
        &rows[0][notes]
    );
    app.cleanup().await;
}

#[tokio::test]
async fn a_customers_history_lists_only_their_rows_and_the_chain_still_verifies() {
    let (app, owner) = TestApp::with_owner().await;
    let alex = app.member(&owner, "alex@agency.test", Role::Agent).await;
    let ann = create(&app, &alex, "ann@example.com", "Ann", "Smith").await;
    let bob = create(&app, &owner, "bob@example.com", "Bob", "Jones").await;
    app.keydesk
        .update_customer(
            &alex,
            CustomerId(ann.id),
            ann.version,
            CustomerInput {
                city: "Leeds".to_owned(),
                ..input("ann@example.com", "Ann", "Smith")
            },
        )
        .await
        .unwrap();
    app.keydesk
        .set_customer_archived(&owner, CustomerId(ann.id), true)
        .await
        .unwrap();

    let history = app.history(&alex, CustomerId(ann.id)).await;
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["customer.archived", "customer.edited", "customer.created"]
    );
    assert_eq!(history[0].actor, "owner@agency.test");
    assert_eq!(history[2].actor, "alex@agency.test");

    // Bob's history is his own; Alex may not read it at all.
    let bobs = app.history(&owner, CustomerId(bob.id)).await;
    assert_eq!(bobs.len(), 1);
    assert_err!(
        app.keydesk
            .customer_history(&alex, CustomerId(bob.id))
            .await,
        ServiceError::NotFound
    );

    app.assert_chain_intact(&owner).await;
    app.cleanup().await;
}

/// Gives a customer a portal login as the credentials service will (fixture only:
/// this file tests how the list reads logins, not how they are issued).
async fn give_login(app: &TestApp, customer_id: i64, sent: bool, verified: bool, login: &str) {
    let mut tx = app.keydesk.store().begin().await.unwrap();
    sqlx::query(
        "INSERT INTO customer_accounts (customer_id, username, credentials_sent,
                                        credentials_sent_at, verified, verified_at, last_login_at)
         SELECT id, email, ?, CASE WHEN ? THEN '2026-11-02T09:00:00Z' END,
                ?, CASE WHEN ? THEN '2026-11-02T09:00:00Z' END, NULLIF(?, '')
         FROM customers WHERE id = ?",
    )
    .bind(sent)
    .bind(sent)
    .bind(verified)
    .bind(verified)
    .bind(login)
    .bind(customer_id)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn the_list_filters_by_agent_verification_and_credentials_and_orders_by_last_login() {
    let (app, owner) = TestApp::with_owner().await;
    let alex = app.member(&owner, "alex@agency.test", Role::Agent).await;
    let ann = create(&app, &alex, "ann@example.com", "Ann", "Smith").await;
    let bob = create(&app, &owner, "bob@example.com", "Bob", "Jones").await;
    let cat = create(&app, &owner, "cat@example.com", "Cat", "Brown").await;
    let dan = create(&app, &owner, "dan@example.com", "Dan", "Green").await;
    give_login(&app, ann.id, true, true, "2026-11-01T10:00:00Z").await;
    give_login(&app, bob.id, false, false, "").await;
    give_login(&app, cat.id, true, false, "2026-11-02T08:00:00Z").await;

    let names = |query: CustomerQuery| {
        let keydesk = &app.keydesk;
        let owner = &owner;
        async move {
            let page = keydesk
                .list_customers(owner, &CustomerQuery { limit: 50, ..query })
                .await
                .unwrap();
            assert_eq!(page.total as usize, page.rows.len());
            page.rows
                .into_iter()
                .map(|r| r.first_name)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        names(CustomerQuery {
            agent: Some(alex.id().0),
            ..CustomerQuery::default()
        })
        .await,
        ["Ann"]
    );
    type Filter = fn(&mut CustomerQuery);
    let filters: [(Filter, &[&str]); 6] = [
        (|q| q.verified = Some(true), &["Ann"]),
        (|q| q.verified = Some(false), &["Dan", "Cat", "Bob"]),
        (
            |q| q.credentials = Some(CredentialsState::NoLogin),
            &["Dan"],
        ),
        (
            |q| q.credentials = Some(CredentialsState::Pending),
            &["Bob"],
        ),
        (
            |q| q.credentials = Some(CredentialsState::Sent),
            &["Cat", "Ann"],
        ),
        // Words and filters together.
        (
            |q| {
                q.search = "acme".to_owned();
                q.credentials = Some(CredentialsState::Sent);
            },
            &["Cat", "Ann"],
        ),
    ];
    for (n, (filter, expected)) in filters.into_iter().enumerate() {
        let mut query = CustomerQuery::default();
        filter(&mut query);
        assert_eq!(names(query).await, expected, "filter {n}");
    }

    // Last login first, never-signed-in last, paged one by one without repeats.
    let query = CustomerQuery {
        sort: CustomerSort::LastLogin,
        limit: 1,
        ..CustomerQuery::default()
    };
    let seen = every_page(&app, &owner, query.clone(), |r| r.first_name.clone()).await;
    assert_eq!(seen, ["Cat", "Ann", "Dan", "Bob"]);
    // The same with words, and for an agent, who sees only their own customers.
    let with_words = CustomerQuery {
        search: "acme".to_owned(),
        ..query
    };
    let seen = every_page(&app, &owner, with_words.clone(), |r| r.first_name.clone()).await;
    assert_eq!(seen, ["Cat", "Ann", "Dan", "Bob"]);
    let seen = every_page(&app, &alex, with_words, |r| r.first_name.clone()).await;
    assert_eq!(seen, ["Ann"]);

    // The rows carry what the list shows as badges.
    let page = list(
        &app,
        &owner,
        &CustomerQuery {
            search: "ann".to_owned(),
            limit: 10,
            ..CustomerQuery::default()
        },
    )
    .await;
    assert!(page.rows[0].verified);
    assert_eq!(page.rows[0].credentials, CredentialsState::Sent);
    let detail = app.customer(&owner, ann.id).await;
    let account = detail.account.expect("Ann has a login");
    assert!(account.verified() && account.credentials_sent());
    assert!(app.customer(&owner, dan.id).await.account.is_none());
    app.cleanup().await;
}

#[tokio::test]
async fn link_notes_belong_to_the_agent_or_to_owners_and_are_audited() {
    let (app, owner) = TestApp::with_owner().await;
    let alex = app.member(&owner, "alex@agency.test", Role::Agent).await;
    let bea = app.member(&owner, "bea@agency.test", Role::Agent).await;
    let ann = create(&app, &alex, "ann@example.com", "Ann", "Smith").await;
    app.keydesk
        .link_customer_to_member(&owner, CustomerId(ann.id), bea.id())
        .await
        .unwrap();

    let after = app
        .keydesk
        .set_customer_link_notes(
            &alex,
            CustomerId(ann.id),
            alex.id().0,
            "Met at the spring fair",
        )
        .await
        .unwrap();
    let alex_link = after
        .agents
        .iter()
        .find(|a| a.staff_id == alex.id().0)
        .unwrap();
    assert_eq!(alex_link.notes, "Met at the spring fair");

    // Bea may not write on Alex's link; the owner may.
    assert_err!(
        app.keydesk
            .set_customer_link_notes(&bea, CustomerId(ann.id), alex.id().0, "mine now")
            .await,
        ServiceError::NotAllowed(_)
    );
    app.keydesk
        .set_customer_link_notes(&owner, CustomerId(ann.id), bea.id().0, "Covers for Alex")
        .await
        .unwrap();
    let ann_now = app.customer(&owner, ann.id).await;
    let notes: Vec<&str> = ann_now.agents.iter().map(|a| a.notes.as_str()).collect();
    assert_eq!(notes, ["Met at the spring fair", "Covers for Alex"]);
    let history = app.history(&owner, CustomerId(ann.id)).await;
    assert_eq!(
        history
            .iter()
            .filter(|e| e.detail.contains("notes of the link"))
            .count(),
        2
    );
    app.cleanup().await;
}

#[tokio::test]
async fn the_default_phone_region_reads_numbers_without_a_country_code() {
    let (app, owner) = TestApp::with_owner().await;
    let local = |email: &str| CustomerInput {
        email: email.to_owned(),
        first_name: "Lena".to_owned(),
        last_name: "Wolf".to_owned(),
        phone: "030 901820".to_owned(),
        ..CustomerInput::default()
    };
    // Out of the box: UK numbers.
    match app
        .keydesk
        .check_customer(&owner, &local("a@example.com"))
        .await
    {
        Ok(problems) => assert!(problems.iter().any(|p| p.field == "phone"), "{problems:?}"),
        Err(e) => panic!("{e}"),
    }

    field_error(
        app.keydesk
            .save_general_settings(
                &owner,
                keydesk_api::GeneralSettings {
                    default_phone_region: "Germany".to_owned(),
                    mail_language: keydesk_api::Language::En,
                },
            )
            .await,
        "default_phone_region",
    );
    let saved = app
        .keydesk
        .save_general_settings(
            &owner,
            keydesk_api::GeneralSettings {
                default_phone_region: "de".to_owned(),
                mail_language: keydesk_api::Language::En,
            },
        )
        .await
        .unwrap();
    assert_eq!(saved.general.default_phone_region, "DE");
    let lena = app.add_customer(&owner, local("lena@example.com")).await;
    assert_eq!(lena.phone.as_deref(), Some("+4930901820"));
    app.cleanup().await;
}

/// Enough matches that a search by name reads the name index in order instead of sorting
/// them all, with other rows between them: the pages hold exactly the matches, in order.
#[tokio::test]
async fn a_search_by_name_with_many_matches_pages_through_them_in_name_order() {
    let (app, owner) = TestApp::with_owner().await;
    const ROWS: i64 = 9_000;
    let mut tx = app.keydesk.store().begin().await.unwrap();
    for i in 0..ROWS {
        // Every other row is a Kim; last names repeat, so ties fall back to the id.
        let first = if i % 2 == 0 { "Kim" } else { "Lee" };
        let last = format!("Name{:02}", (i * 7919) % 97);
        sqlx::query(
            "INSERT INTO customers (email, first_name, last_name, created_at, created_by,
                                    updated_at, updated_by)
             VALUES (?, ?, ?, datetime('now'), ?, datetime('now'), ?)",
        )
        .bind(format!("c{i}@example.com"))
        .bind(first)
        .bind(&last)
        .bind(owner.id().0)
        .bind(owner.id().0)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    let query = CustomerQuery {
        search: "kim".to_owned(),
        sort: CustomerSort::Name,
        limit: 50,
        ..Default::default()
    };
    let seen = every_page(&app, &owner, query, |r| format!("{} {}", r.last_name, r.id)).await;
    let mut kims: Vec<(String, i64)> = sqlx::query_as(
        "SELECT last_name, id FROM customers WHERE first_name = 'Kim'
         ORDER BY last_name, id",
    )
    .fetch_all(app.keydesk.store().reader())
    .await
    .unwrap();
    kims.sort();
    let expected: Vec<String> = kims.iter().map(|(l, id)| format!("{l} {id}")).collect();
    assert_eq!(seen.len(), (ROWS / 2) as usize);
    assert_eq!(seen, expected);
    app.cleanup().await;
}

/// Most customers match, but all of them come late in name order: the first entries of
/// the name index hold none, and the list still pages through every match in order.
#[tokio::test]
async fn a_search_by_name_whose_matches_bunch_at_the_end_pages_through_them_in_order() {
    let (app, owner) = TestApp::with_owner().await;
    const ROWS: i64 = 3_000;
    let mut tx = app.keydesk.store().begin().await.unwrap();
    for i in 0..ROWS {
        // Two in three are Zimmers (last in name order) and match "zim"; the others are
        // Abbotts, first in name order, and do not.
        let last = if i % 3 == 0 { "Abbott" } else { "Zimmer" };
        sqlx::query(
            "INSERT INTO customers (email, first_name, last_name, created_at, created_by,
                                    updated_at, updated_by)
             VALUES (?, ?, ?, datetime('now'), ?, datetime('now'), ?)",
        )
        .bind(format!("c{i}@example.com"))
        .bind(format!("First{:03}", (i * 31) % 997))
        .bind(last)
        .bind(owner.id().0)
        .bind(owner.id().0)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    let query = CustomerQuery {
        search: "zim".to_owned(),
        sort: CustomerSort::Name,
        limit: 50,
        ..Default::default()
    };
    let seen = every_page(&app, &owner, query, |r| {
        format!("{} {}", r.first_name, r.id)
    })
    .await;
    let expected: Vec<String> = sqlx::query_as::<_, (String, i64)>(
        "SELECT first_name, id FROM customers WHERE last_name = 'Zimmer'
         ORDER BY first_name, id",
    )
    .fetch_all(app.keydesk.store().reader())
    .await
    .unwrap()
    .into_iter()
    .map(|(first, id)| format!("{first} {id}"))
    .collect();
    assert_eq!(seen.len(), 2_000);
    assert_eq!(seen, expected);
    app.cleanup().await;
}

/// Gender and special requirements: kept as given, changed by an edit, found by a
/// search (the requirements, like the notes), exported, and refused when too long.
#[tokio::test]
async fn gender_and_special_requirements_are_kept_searched_and_exported() {
    let (app, owner) = TestApp::with_owner().await;
    let mut form = input("leyla@example.com", "Leyla", "Karimi");
    form.gender = Some(Gender::Female);
    form.special_requirements = "Wheelchair access; vegetarian meals".into();
    let leyla = app.add_customer(&owner, form.clone()).await;
    assert_eq!(leyla.gender, Some(Gender::Female));
    assert_eq!(
        leyla.special_requirements,
        "Wheelchair access; vegetarian meals"
    );
    create(&app, &owner, "omid@example.com", "Omid", "Rahimi").await;
    assert_eq!(app.search(&owner, "wheel").await, ["leyla@example.com"]);
    assert_eq!(app.search(&owner, "vegetar").await, ["leyla@example.com"]);

    form.gender = Some(Gender::PreferNotToSay);
    form.special_requirements = "Aisle seat".into();
    let edited = app
        .keydesk
        .update_customer(&owner, CustomerId(leyla.id), leyla.version, form.clone())
        .await
        .unwrap();
    assert_eq!(edited.gender, Some(Gender::PreferNotToSay));
    assert!(
        app.search(&owner, "wheel").await.is_empty(),
        "old words leave the index"
    );
    assert_eq!(app.search(&owner, "aisle").await, ["leyla@example.com"]);

    let out = tempfile::tempdir().unwrap();
    let export = app
        .keydesk
        .export_customers_csv(&owner, &CustomerQuery::default(), out.path())
        .await
        .unwrap();
    let (headers, rows) = read_csv(&export.path);
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = rows.iter().find(|r| &r[1] == "leyla@example.com").unwrap();
    assert_eq!(&row[column("gender")], "prefer_not_to_say");
    assert_eq!(&row[column("special_requirements")], "Aisle seat");
    let omid = rows.iter().find(|r| &r[1] == "omid@example.com").unwrap();
    assert_eq!(&omid[column("gender")], "", "not asked is empty");

    form.special_requirements = "x".repeat(2001);
    let refused = app
        .keydesk
        .update_customer(&owner, CustomerId(leyla.id), edited.version, form)
        .await;
    assert!(!field_error(refused, "special_requirements").is_empty());
    app.cleanup().await;
}
