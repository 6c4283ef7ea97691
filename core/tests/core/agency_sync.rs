//! Desks pushing and pulling through a real agency server: the rules the server keeps
//! (one customer per email, first writer wins per field, erase wins, who sees what), and
//! that pushing again after a lost answer changes nothing.

use std::collections::BTreeSet;

use crate::agency_server::{admin_url, enrol, execute, new_database, sqlstate};
use crate::fault_proxy::{Fault, FaultProxy};
use keydesk_api::{CustomerField, Role};
use keydesk_core::server::admin;
use keydesk_core::server::audit::{self, AuditRow};
use keydesk_core::server::sync::{
    self, ConflictReason, FieldValue, Fields, Op, OpAnswer, OpChange, Outcome, Pulled, Refusal,
    ServerMember, SyncedField,
};
use keydesk_core::server::{ServerError, ServerUrl};
use sqlx::postgres::PgConnection;
use uuid::Uuid;

/// An agency server of the test's own, and its administrator's connection.
struct Agency {
    url: ServerUrl,
    admin: PgConnection,
}

/// A desk enrolled in the agency, connected.
struct Desk {
    url: ServerUrl,
    connection: PgConnection,
    uid: Uuid,
    member: Uuid,
    /// Where its next pull starts.
    cursor: i64,
}

impl Agency {
    async fn new() -> Agency {
        let url = new_database().await;
        admin::init(&url).await.expect("server-init");
        let admin = url.connect().await.unwrap();
        Agency { url, admin }
    }

    async fn desk(&mut self, member_role: &str) -> Desk {
        let (url, uid, member) = enrol(&mut self.admin, &self.url, member_role).await;
        let connection = url.connect().await.expect("an enrolled desk signs in");
        Desk {
            url,
            connection,
            uid,
            member,
            cursor: 0,
        }
    }

    /// A login of the cluster that is no desk of the agency, connected.
    async fn stranger(&mut self) -> PgConnection {
        let stranger = uuid::Uuid::now_v7().simple().to_string();
        execute(
            &mut self.admin,
            &format!("CREATE ROLE s_{stranger} LOGIN PASSWORD 'a-stranger-password'"),
        )
        .await
        .unwrap();
        self.url
            .as_login(&format!("s_{stranger}"), "a-stranger-password")
            .connect()
            .await
            .unwrap()
    }

    /// How many rows the server's table `table` holds.
    async fn count(&mut self, table: &str) -> i64 {
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM kd.{table}"
        )))
        .fetch_one(&mut self.admin)
        .await
        .unwrap()
    }
}

impl Desk {
    async fn push(&mut self, ops: &[Op]) -> Vec<OpAnswer> {
        sync::push(&mut self.connection, ops)
            .await
            .expect("the push is taken")
    }

    async fn push_one(&mut self, op: &Op) -> OpAnswer {
        self.push(std::slice::from_ref(op)).await.remove(0)
    }

    /// Everything that changed since the desk's last pull, page by page.
    async fn pull(&mut self) -> Vec<Pulled> {
        let mut all = Vec::new();
        loop {
            let page = sync::pull(&mut self.connection, self.cursor, 100)
                .await
                .expect("the pull is answered");
            assert!(page.cursor >= self.cursor, "a cursor never goes back");
            self.cursor = page.cursor;
            all.extend(page.changes);
            if !page.more {
                return all;
            }
        }
    }
}

fn text(value: &str) -> Option<FieldValue> {
    Some(FieldValue::Text(value.to_owned()))
}

fn field(field: CustomerField) -> SyncedField {
    SyncedField::Form(field)
}

fn op(change: OpChange) -> Op {
    Op {
        op: Uuid::now_v7(),
        change,
    }
}

fn create(email: &str, first_name: &str, phone: &str) -> Op {
    op(OpChange::CreateCustomer {
        customer: Uuid::now_v7(),
        email: email.to_owned(),
        fields: Fields::from([
            (field(CustomerField::FirstName), text(first_name)),
            (field(CustomerField::LastName), text("Moreau")),
            (field(CustomerField::Phone), text(phone)),
            (
                field(CustomerField::MarketingConsent),
                Some(FieldValue::Flag(false)),
            ),
        ]),
    })
}

fn created_uid(op: &Op) -> Uuid {
    match &op.change {
        OpChange::CreateCustomer { customer, .. } => *customer,
        other => panic!("not a creation: {other:?}"),
    }
}

fn update(customer: Uuid, base_version: i64, changes: Fields) -> Op {
    op(OpChange::UpdateCustomer {
        customer,
        base_version,
        changes,
    })
}

/// The customers among `changes` by uid, each as last pulled.
fn customers(changes: &[Pulled]) -> std::collections::BTreeMap<Uuid, sync::ServerCustomer> {
    changes
        .iter()
        .filter_map(|change| match change {
            Pulled::Customer { customer, .. } => Some((customer.uid, customer.clone())),
            _ => None,
        })
        .collect()
}

/// The (customer, member) links among `changes`.
fn links(changes: &[Pulled]) -> BTreeSet<(Uuid, Uuid)> {
    changes
        .iter()
        .filter_map(|change| match change {
            Pulled::Link {
                customer, member, ..
            } => Some((*customer, *member)),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_customer_an_agent_pushes_reaches_owners_and_not_other_agents() {
    let mut agency = Agency::new().await;
    let mut owner = agency.desk("owner").await;
    let mut ana = agency.desk("agent").await;
    let mut bob = agency.desk("agent").await;

    let new = create("lea.moreau@example.com", "Léa", "+33 1 23 45 67 89");
    let answer = ana.push_one(&new).await;
    assert_eq!(answer.outcome, Outcome::Applied);
    let state = answer.state.expect("the desk sees what it created");
    assert_eq!(state.uid, created_uid(&new));
    assert_eq!(state.version, 1);
    assert_eq!(state.created_by, Some(ana.member));
    assert_eq!(state.fields[&field(CustomerField::FirstName)], text("Léa"));

    let seen = owner.pull().await;
    assert_eq!(customers(&seen)[&state.uid].email, "lea.moreau@example.com");
    assert_eq!(links(&seen), BTreeSet::from([(state.uid, ana.member)]));
    assert!(owner.pull().await.is_empty(), "nothing new since");

    assert!(
        bob.pull().await.is_empty(),
        "another agent's customer stays unseen"
    );
    assert_eq!(customers(&ana.pull().await).len(), 1);
}

#[tokio::test]
async fn two_agents_offline_creating_one_email_end_with_one_customer_serving_both() {
    let mut agency = Agency::new().await;
    let mut owner = agency.desk("owner").await;
    let mut ana = agency.desk("agent").await;
    let mut bob = agency.desk("agent").await;

    // Both created the customer while offline; Ana's desk pushes first.
    let anas = create("lea.moreau@example.com", "Léa", "+33 1 23 45 67 89");
    let bobs = create("Lea.Moreau@Example.com", "Léa", "+33 6 00 00 00 00");
    assert_eq!(ana.push_one(&anas).await.outcome, Outcome::Applied);
    let answer = bob.push_one(&bobs).await;

    let Outcome::Merged {
        into, by, differs, ..
    } = &answer.outcome
    else {
        panic!("expected a merge, got {answer:?}");
    };
    assert_eq!(*into, created_uid(&anas));
    assert_eq!(
        *by,
        Some(ana.member),
        "the notice names whose customer it was"
    );
    assert_eq!(differs, &vec![field(CustomerField::Phone)]);
    let state = answer
        .state
        .expect("Bob now serves the customer, so he sees it");
    assert_eq!(state.uid, created_uid(&anas));
    assert_eq!(
        state.fields[&field(CustomerField::Phone)],
        text("+33 1 23 45 67 89"),
        "the first pushed keeps its fields; the later ones are a proposal"
    );

    assert_eq!(agency.count("customers").await, 1);
    let seen = owner.pull().await;
    assert_eq!(customers(&seen).len(), 1);
    assert_eq!(
        links(&seen),
        BTreeSet::from([(*into, ana.member), (*into, bob.member)])
    );
    assert_eq!(
        customers(&bob.pull().await).keys().collect::<Vec<_>>(),
        [into]
    );
}

#[tokio::test]
async fn stale_edits_of_other_fields_merge_and_the_same_field_goes_to_the_first_writer() {
    let mut agency = Agency::new().await;
    let mut owner = agency.desk("owner").await;
    let mut ana = agency.desk("agent").await;
    let new = create("lea.moreau@example.com", "Léa", "+33 1 23 45 67 89");
    let customer = created_uid(&new);
    ana.push_one(&new).await;

    // Both edit version 1; the owner's desk pushes first.
    let owners = update(
        customer,
        1,
        Fields::from([(field(CustomerField::Phone), text("+33 1 11 11 11 11"))]),
    );
    let anas = update(
        customer,
        1,
        Fields::from([
            (field(CustomerField::Phone), text("+33 6 22 22 22 22")),
            (field(CustomerField::City), text("Lyon")),
        ]),
    );
    assert_eq!(owner.push_one(&owners).await.outcome, Outcome::Applied);
    let answer = ana.push_one(&anas).await;
    let Outcome::Partly { applied, conflicts } = &answer.outcome else {
        panic!("expected part of the edit to go through, got {answer:?}");
    };
    assert_eq!(applied, &vec![field(CustomerField::City)]);
    assert_eq!(conflicts.len(), 1);
    let conflict = &conflicts[0];
    assert_eq!(conflict.field, field(CustomerField::Phone));
    assert_eq!(conflict.reason, ConflictReason::Changed);
    assert_eq!(conflict.by, Some(owner.member), "the loser is told who");
    assert_eq!(conflict.desk, Some(owner.uid));
    assert!(conflict.at.is_some(), "and when");

    let state = answer.state.unwrap();
    assert_eq!(state.version, 3);
    assert_eq!(
        state.fields[&field(CustomerField::Phone)],
        text("+33 1 11 11 11 11")
    );
    assert_eq!(state.fields[&field(CustomerField::City)], text("Lyon"));

    // A desk's own later edit from the same old version does not conflict with itself.
    let again = update(
        customer,
        1,
        Fields::from([(field(CustomerField::City), text("Lyon 3e"))]),
    );
    assert_eq!(ana.push_one(&again).await.outcome, Outcome::Applied);

    // An email another customer has is refused for that field alone.
    let other = create("noah.martin@example.com", "Noah", "+33 1 98 76 54 32");
    ana.push_one(&other).await;
    let taken = update(
        customer,
        4,
        Fields::from([
            (field(CustomerField::Email), text("NOAH.martin@example.com")),
            (field(CustomerField::Company), text("Moreau SARL")),
        ]),
    );
    let answer = ana.push_one(&taken).await;
    let Outcome::Partly { conflicts, .. } = &answer.outcome else {
        panic!("expected the email alone to be refused, got {answer:?}");
    };
    assert_eq!(conflicts[0].field, field(CustomerField::Email));
    assert_eq!(conflicts[0].reason, ConflictReason::Taken);
    assert_eq!(answer.state.unwrap().email, "lea.moreau@example.com");
}

#[tokio::test]
async fn a_push_whose_answer_is_lost_is_pushed_again_with_no_duplicate_and_no_loss() {
    let mut agency = Agency::new().await;
    let admin = admin_url();
    let proxy = FaultProxy::start(
        format!("{}:{}", admin.host_and_port().0, admin.host_and_port().1)
            .parse()
            .unwrap(),
    )
    .await;
    let ana = agency.desk("agent").await;
    let through = ana.url.with_port(proxy.port());
    let mut connection = through.connect().await.unwrap();
    // The statement is prepared on this connection before the cut, so that the cut falls
    // on the push's answer, after the server has committed it.
    sync::push(&mut connection, &[]).await.unwrap();

    let ops = [
        create("lea.moreau@example.com", "Léa", "+33 1 23 45 67 89"),
        create("noah.martin@example.com", "Noah", "+33 1 98 76 54 32"),
    ];
    proxy.set(Fault::CutReplies).await;
    let lost = sync::push(&mut connection, &ops).await;
    assert!(lost.is_err(), "the answer never arrived: {lost:?}");
    assert_eq!(
        agency.count("customers").await,
        2,
        "the server had committed"
    );

    proxy.set(Fault::Pass).await;
    let mut connection = through.connect().await.unwrap();
    let answers = sync::push(&mut connection, &ops).await.unwrap();
    assert!(
        answers.iter().all(|a| a.outcome == Outcome::Applied),
        "{answers:?}"
    );
    assert_eq!(agency.count("customers").await, 2, "no duplicate");
    assert_eq!(agency.count("ops").await, 2);

    // Another desk cannot claim those ops as its own.
    let mut bob = agency.desk("agent").await;
    let error = sync::push(&mut bob.connection, &ops[..1])
        .await
        .unwrap_err();
    assert!(!matches!(error, ServerError::NotADesk), "{error}");
    assert_eq!(agency.count("ops").await, 2);
}

#[tokio::test]
async fn links_decide_which_customers_an_agents_desk_receives() {
    let mut agency = Agency::new().await;
    let mut owner = agency.desk("owner").await;
    let mut admin = agency.desk("admin").await;
    let mut ana = agency.desk("agent").await;
    let new = create("lea.moreau@example.com", "Léa", "+33 1 23 45 67 89");
    let customer = created_uid(&new);
    owner.push_one(&new).await;
    assert!(ana.pull().await.is_empty());

    // An agent cannot link itself to a customer it does not serve.
    let grab = op(OpChange::Link {
        customer,
        member: ana.member,
    });
    assert_eq!(
        ana.push_one(&grab).await.outcome,
        Outcome::Refused {
            reason: Refusal::NotAllowed
        }
    );
    assert!(ana.pull().await.is_empty());

    let link = op(OpChange::Link {
        customer,
        member: ana.member,
    });
    assert_eq!(admin.push_one(&link).await.outcome, Outcome::Applied);
    let seen = ana.pull().await;
    assert_eq!(customers(&seen)[&customer].email, "lea.moreau@example.com");
    assert!(links(&seen).contains(&(customer, ana.member)));

    let edit = update(
        customer,
        1,
        Fields::from([(field(CustomerField::Notes), text("Prefers mornings"))]),
    );
    owner.push_one(&edit).await;
    assert_eq!(customers(&ana.pull().await)[&customer].version, 2);

    let unlink = op(OpChange::Unlink {
        customer,
        member: ana.member,
    });
    assert_eq!(owner.push_one(&unlink).await.outcome, Outcome::Applied);
    let seen = ana.pull().await;
    assert!(
        seen.iter().any(|change| matches!(change,
            Pulled::Gone { customer: c, member: Some(m), .. } if *c == customer && *m == ana.member)),
        "{seen:?}"
    );
    let late = update(
        customer,
        2,
        Fields::from([(field(CustomerField::Notes), text("Call after 10"))]),
    );
    assert_eq!(
        ana.push_one(&late).await.outcome,
        Outcome::Refused {
            reason: Refusal::NotFound
        },
        "an unlinked agent's edit is refused"
    );
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM kd.customers")
        .fetch_one(&mut ana.connection)
        .await
        .unwrap();
    assert_eq!(rows, 0, "and its own SQL reads nothing of it");
}

#[tokio::test]
async fn an_erased_customer_leaves_every_desk_and_nothing_of_it_stays_on_the_server() {
    let mut agency = Agency::new().await;
    let mut owner = agency.desk("owner").await;
    let mut admin = agency.desk("admin").await;
    let mut ana = agency.desk("agent").await;
    let new = create("lea.moreau@example.com", "Léa", "+33 1 23 45 67 89");
    let customer = created_uid(&new);
    ana.push_one(&new).await;
    let edit = update(
        customer,
        1,
        Fields::from([(field(CustomerField::Address), text("12 rue des Lilas"))]),
    );
    ana.push_one(&edit).await;
    owner.pull().await;

    let erase = op(OpChange::EraseCustomer { customer });
    assert_eq!(
        admin.push_one(&erase).await.outcome,
        Outcome::Refused {
            reason: Refusal::NotAllowed
        },
        "only owners erase"
    );
    let answer = owner.push_one(&op(erase.change.clone())).await;
    assert_eq!(answer.outcome, Outcome::Applied);
    assert!(answer.state.is_none());

    for desk in [&mut owner, &mut ana] {
        let seen = desk.pull().await;
        assert!(
            seen.iter().any(|change| matches!(change,
                Pulled::Gone { customer: c, member: None, .. } if *c == customer)),
            "{seen:?}"
        );
    }

    // An edit Ana made offline before she heard is refused, and so is creating it again.
    let offline = update(
        customer,
        2,
        Fields::from([(field(CustomerField::City), text("Lyon"))]),
    );
    let refused = Outcome::Refused {
        reason: Refusal::Erased,
    };
    assert_eq!(ana.push_one(&offline).await.outcome, refused);
    let again = op(new.change.clone());
    assert_eq!(ana.push_one(&again).await.outcome, refused);
    let replay = ana.push_one(&new).await;
    assert_eq!(
        (replay.outcome, replay.state),
        (Outcome::Applied, None),
        "an op pushed again gets its first answer, and no longer the customer"
    );

    // Nothing the customer was remains in any table of the server.
    let holding: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'kd' AND c.relkind = 'r'",
    )
    .fetch_all(&mut agency.admin)
    .await
    .unwrap();
    for table in holding {
        for needle in ["lea.moreau", "Lilas", "+33 1 23"] {
            let found: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT count(*) FROM kd.{table} t WHERE t::text LIKE '%' || $1 || '%'"
            )))
            .bind(needle)
            .fetch_one(&mut agency.admin)
            .await
            .unwrap();
            assert_eq!(found, 0, "kd.{table} still holds {needle:?}");
        }
    }
}

#[tokio::test]
async fn a_revoked_desk_or_a_stranger_can_neither_push_nor_pull() {
    let mut agency = Agency::new().await;
    let ana = agency.desk("agent").await;
    sqlx::query("SELECT kd.revoke_desk($1)")
        .bind(ana.uid)
        .execute(&mut agency.admin)
        .await
        .unwrap();
    // Its connection was closed; a new one is refused at sign-in.
    let error = ana.url.connect().await.unwrap_err();
    assert!(
        matches!(error, ServerError::SignInDisabled { .. }),
        "{error}"
    );

    let mut connection = agency.stranger().await;
    let new = create("lea.moreau@example.com", "Léa", "+33 1 23 45 67 89");
    let error = sync::push(&mut connection, &[new]).await.unwrap_err();
    assert!(matches!(error, ServerError::NotADesk), "{error}");
    assert!(
        error.to_string().contains("stays on this machine"),
        "{error}"
    );
    let error = sync::pull(&mut connection, 0, 100).await.unwrap_err();
    assert!(matches!(error, ServerError::NotADesk), "{error}");
    assert_eq!(agency.count("customers").await, 0);
}

#[tokio::test]
async fn a_desk_cannot_write_the_servers_tables_or_call_its_inner_functions() {
    let mut agency = Agency::new().await;
    let mut ana = agency.desk("agent").await;
    let new = create("lea.moreau@example.com", "Léa", "+33 1 23 45 67 89");
    let customer = created_uid(&new);
    ana.push_one(&new).await;

    let attempts = [
        format!("UPDATE kd.customers SET email = 'x@example.com' WHERE uid = '{customer}'"),
        format!("DELETE FROM kd.customer_links WHERE customer_uid = '{customer}'"),
        "UPDATE kd.change_counter SET seq = 0".to_owned(),
        "DELETE FROM kd.ops".to_owned(),
        format!("INSERT INTO kd.gone (change_seq, customer_uid) VALUES (1, '{customer}')"),
        format!(
            "SELECT kd.push_customer_erase(d, '{{\"customer\": \"{customer}\"}}'::jsonb, 99)
             FROM kd.desks d"
        ),
        "SELECT kd.push_link(NULL, '{}'::jsonb, 1)".to_owned(),
        "SELECT kd.checked_fields('{}'::jsonb)".to_owned(),
    ];
    for sql in attempts {
        let state = sqlstate(execute(&mut ana.connection, &sql).await);
        assert_eq!(state, "42501", "{sql}");
    }
    assert_eq!(agency.count("customers").await, 1);
    assert_eq!(agency.count("customer_links").await, 1);
    assert_eq!(agency.count("ops").await, 1);
}

#[tokio::test]
async fn a_malformed_push_is_refused_whole_and_changes_nothing() {
    let mut agency = Agency::new().await;
    let mut ana = agency.desk("agent").await;
    let good = serde_json::to_value(create("lea.moreau@example.com", "Léa", "+33")).unwrap();
    let mut unknown_field =
        serde_json::to_value(create("noah@example.com", "Noah", "+33")).unwrap();
    unknown_field["fields"]["shoe_size"] = "44".into();
    let mut nested = serde_json::to_value(create("noah@example.com", "Noah", "+33")).unwrap();
    nested["fields"]["city"] = serde_json::json!({"name": "Lyon"});
    let mut no_email = serde_json::to_value(create("noah@example.com", "Noah", "+33")).unwrap();
    no_email["email"] = "  ".into();
    let hostile = [
        serde_json::json!([good, {"op": Uuid::now_v7(), "kind": "customer.teleport"}]),
        serde_json::json!([good, unknown_field]),
        serde_json::json!([good, nested]),
        serde_json::json!([good, no_email]),
        serde_json::json!([good, {"op": "not-a-uid", "kind": "customer.erase"}]),
        serde_json::json!([good, 42]),
        serde_json::json!({"op": Uuid::now_v7()}),
        serde_json::Value::Array(vec![good.clone(); 1001]),
    ];
    for ops in hostile {
        let result: Result<serde_json::Value, _> = sqlx::query_scalar("SELECT kd.push($1)")
            .bind(sqlx::types::Json(&ops))
            .fetch_one(&mut ana.connection)
            .await
            .map(|json: sqlx::types::Json<serde_json::Value>| json.0);
        let error = result.expect_err("refused");
        let code = match &error {
            sqlx::Error::Database(db) => db.code().unwrap_or_default().into_owned(),
            other => panic!("{other:?}"),
        };
        assert!(
            ["22023", "22P02"].contains(&code.as_str()),
            "{code}: {error}"
        );
    }
    assert_eq!(agency.count("customers").await, 0);
    assert_eq!(agency.count("ops").await, 0);
    let seq: i64 = sqlx::query_scalar("SELECT seq FROM kd.change_counter")
        .fetch_one(&mut agency.admin)
        .await
        .unwrap();
    assert_eq!(seq, 0);
}

#[tokio::test]
async fn pulls_page_through_every_change_once_in_commit_order() {
    let mut agency = Agency::new().await;
    let mut owner = agency.desk("owner").await;
    let mut desks = Vec::new();
    for _ in 0..4 {
        desks.push(agency.desk("agent").await);
    }
    // Four desks push at once, 25 customers each, in batches of 5.
    let pushes = desks.into_iter().enumerate().map(|(d, mut desk)| {
        tokio::spawn(async move {
            let mut uids = Vec::new();
            for batch in 0..5 {
                let ops: Vec<Op> = (0..5)
                    .map(|i| create(&format!("c{d}-{batch}-{i}@example.com"), "C", "+33"))
                    .collect();
                uids.extend(ops.iter().map(created_uid));
                let answers = desk.push(&ops).await;
                assert!(answers.iter().all(|a| a.outcome == Outcome::Applied));
            }
            uids
        })
    });
    let mut pushed = BTreeSet::new();
    for push in pushes {
        pushed.extend(push.await.unwrap());
    }
    assert_eq!(pushed.len(), 100);

    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = sync::pull(&mut owner.connection, owner.cursor, 30)
            .await
            .unwrap();
        assert!(
            page.changes.windows(2).all(|w| w[0].seq() <= w[1].seq()),
            "oldest first"
        );
        assert!(page
            .changes
            .iter()
            .all(|c| c.seq() > owner.cursor && c.seq() <= page.cursor));
        owner.cursor = page.cursor;
        seen.extend(page.changes);
        pages += 1;
        if !page.more {
            break;
        }
    }
    assert_eq!(pages, 4, "100 changes, 30 at a time");
    let uids: Vec<Uuid> = customers(&seen).into_keys().collect();
    assert_eq!(uids.len(), 100);
    assert_eq!(uids.into_iter().collect::<BTreeSet<_>>(), pushed);
    assert_eq!(
        seen.iter()
            .filter(|c| matches!(c, Pulled::Customer { .. }))
            .count(),
        100,
        "each exactly once"
    );
}

#[tokio::test]
async fn the_server_and_keydesk_name_the_same_customer_fields() {
    let mut agency = Agency::new().await;
    let names: Vec<String> = sqlx::query_scalar("SELECT unnest(kd.customer_field_names())")
        .fetch_all(&mut agency.admin)
        .await
        .unwrap();
    let ours: Vec<String> = SyncedField::all()
        .filter(|f| *f != field(CustomerField::Email))
        .map(|f| f.as_str().to_owned())
        .collect();
    assert_eq!(
        names.into_iter().collect::<BTreeSet<_>>(),
        ours.into_iter().collect::<BTreeSet<_>>()
    );
}

fn member(uid: Uuid, email: &str, role: Role) -> Op {
    op(OpChange::PutMember(ServerMember {
        uid,
        email: email.to_owned(),
        display_name: "Ana Duval".to_owned(),
        role,
        active: true,
    }))
}

#[tokio::test]
async fn owners_and_admins_change_the_staff_every_desk_sees_and_roles_take_effect_at_once() {
    let mut agency = Agency::new().await;
    let mut owner = agency.desk("owner").await;
    let mut ana = agency.desk("agent").await;
    let mut bob = agency.desk("agent").await;
    let customer = create("lea.moreau@example.com", "Léa", "+33 1 23 45 67 89");
    bob.push_one(&customer).await;

    let promote_myself = member(ana.member, "ana@agency.example", Role::Admin);
    assert_eq!(
        ana.push_one(&promote_myself).await.outcome,
        Outcome::Refused {
            reason: Refusal::NotAllowed
        }
    );
    assert!(customers(&ana.pull().await).is_empty());

    let put = member(ana.member, "ana@agency.example", Role::Agent);
    assert_eq!(owner.push_one(&put).await.outcome, Outcome::Applied);
    let seen = bob.pull().await;
    assert!(
        seen.iter().any(|change| matches!(change,
            Pulled::Member { member, .. } if member.uid == ana.member
                && member.email == "ana@agency.example" && member.role == Role::Agent)),
        "{seen:?}"
    );
    let same_email = member(Uuid::now_v7(), "ANA@agency.example", Role::Agent);
    assert_eq!(
        owner.push_one(&same_email).await.outcome,
        Outcome::Refused {
            reason: Refusal::Exists
        }
    );

    let promote = member(ana.member, "ana@agency.example", Role::Admin);
    assert_eq!(owner.push_one(&promote).await.outcome, Outcome::Applied);
    let hello = keydesk_core::server::hello(&mut ana.connection)
        .await
        .unwrap();
    assert_eq!(hello.desk.unwrap().role, "admin");
    ana.cursor = 0;
    assert_eq!(
        customers(&ana.pull().await).keys().collect::<Vec<_>>(),
        [&created_uid(&customer)],
        "an admin's desk sees every customer"
    );
}

#[tokio::test]
async fn an_admins_desk_cannot_make_or_change_owners_nor_anyone_their_own_role() {
    let mut agency = Agency::new().await;
    let mut owner = agency.desk("owner").await;
    let mut admin = agency.desk("admin").await;
    let not_allowed = Outcome::Refused {
        reason: Refusal::NotAllowed,
    };
    let owners_self = member(owner.member, "owner@agency.example", Role::Owner);
    assert_eq!(owner.push_one(&owners_self).await.outcome, Outcome::Applied);
    let admins_self = member(admin.member, "admin@agency.example", Role::Admin);
    assert_eq!(owner.push_one(&admins_self).await.outcome, Outcome::Applied);

    let promote_myself = member(admin.member, "admin@agency.example", Role::Owner);
    assert_eq!(admin.push_one(&promote_myself).await.outcome, not_allowed);
    let new_owner = member(Uuid::now_v7(), "carla@agency.example", Role::Owner);
    assert_eq!(admin.push_one(&new_owner).await.outcome, not_allowed);
    let demote_owner = member(owner.member, "owner@agency.example", Role::Agent);
    assert_eq!(admin.push_one(&demote_owner).await.outcome, not_allowed);
    let hello = keydesk_core::server::hello(&mut admin.connection)
        .await
        .unwrap();
    assert_eq!(hello.desk.unwrap().role, "admin", "still an admin");

    // Nor does the last owner's own desk demote or disable them.
    let demote_myself = member(owner.member, "owner@agency.example", Role::Admin);
    assert_eq!(owner.push_one(&demote_myself).await.outcome, not_allowed);
    let mut disabled = member(owner.member, "owner@agency.example", Role::Owner);
    if let OpChange::PutMember(m) = &mut disabled.change {
        m.active = false;
    }
    assert_eq!(owner.push_one(&disabled).await.outcome, not_allowed);
    // An owner's desk may make another owner, and an admin's desk add an agent.
    let again = op(new_owner.change.clone());
    assert_eq!(owner.push_one(&again).await.outcome, Outcome::Applied);
    let agent = member(Uuid::now_v7(), "dan@agency.example", Role::Agent);
    assert_eq!(admin.push_one(&agent).await.outcome, Outcome::Applied);
}

#[tokio::test]
async fn a_disabled_members_desks_read_and_push_nothing() {
    let mut agency = Agency::new().await;
    let mut owner = agency.desk("owner").await;
    let mut ana = agency.desk("agent").await;
    let customer = create("lea.moreau@example.com", "Léa", "+33 1 23 45 67 89");
    ana.push_one(&customer).await;
    let mut off = member(ana.member, "ana@agency.example", Role::Agent);
    if let OpChange::PutMember(m) = &mut off.change {
        m.active = false;
    }
    assert_eq!(owner.push_one(&off).await.outcome, Outcome::Applied);
    let error = sync::pull(&mut ana.connection, 0, 100).await.unwrap_err();
    assert!(matches!(error, ServerError::NotADesk), "{error}");
    let later = create("noah.martin@example.com", "Noah", "+33 1 98 76 54 32");
    let error = sync::push(&mut ana.connection, &[later]).await.unwrap_err();
    assert!(matches!(error, ServerError::NotADesk), "{error}");
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM kd.customers")
        .fetch_one(&mut ana.connection)
        .await
        .unwrap();
    assert_eq!(rows, 0, "its own SQL reads nothing either");
}

#[tokio::test]
async fn changes_queued_under_a_uid_that_was_merged_act_on_the_customer_it_became() {
    let mut agency = Agency::new().await;
    let mut ana = agency.desk("agent").await;
    let mut bob = agency.desk("agent").await;
    let anas = create("lea.moreau@example.com", "Léa", "+33 1 23 45 67 89");
    ana.push_one(&anas).await;

    // Bob's desk created the customer offline and edited it before hearing of Ana's.
    let bobs = create("lea.moreau@example.com", "Léa", "+33 6 00 00 00 00");
    let edit = update(
        created_uid(&bobs),
        1,
        Fields::from([(field(CustomerField::City), text("Lyon"))]),
    );
    let answers = bob.push(&[bobs.clone(), edit]).await;
    assert!(
        matches!(answers[0].outcome, Outcome::Merged { .. }),
        "{answers:?}"
    );
    assert_eq!(answers[1].outcome, Outcome::Applied, "{answers:?}");
    let state = answers[1].state.as_ref().unwrap();
    assert_eq!(state.uid, created_uid(&anas));
    assert_eq!(state.fields[&field(CustomerField::City)], text("Lyon"));
    assert_eq!(agency.count("customers").await, 1);
}

/// An audit row of desk `desk`, numbered `seq`, after `prev`.
fn audit_row(desk: Uuid, seq: i64, prev: &str) -> AuditRow {
    AuditRow::new(
        desk,
        seq,
        "2026-12-01T10:00:00Z".into(),
        "ana@agency.test".into(),
        "customer.created".into(),
        (seq % 2 == 0).then(|| Uuid::from_u128(seq as u128)),
        // Characters of several bytes: the server counts characters as Keydesk does.
        format!("customer #{seq} — Léa «Moreau» 🚀"),
        prev.into(),
        format!("{seq:064x}"),
    )
}

#[tokio::test]
async fn audit_rows_go_in_order_once_under_the_desks_own_name_and_only_owners_read_them() {
    let mut agency = Agency::new().await;
    let mut ana = agency.desk("agent").await;
    let mut olivia = agency.desk("owner").await;
    let first = audit_row(ana.uid, 1, &"0".repeat(64));
    let second = audit_row(ana.uid, 2, &first.row_hash);
    assert_eq!(
        audit::push_audit(&mut ana.connection, &[first.clone(), second.clone()])
            .await
            .unwrap(),
        2
    );
    // Pushed again after a lost answer: taken once.
    assert_eq!(
        audit::push_audit(&mut ana.connection, std::slice::from_ref(&second))
            .await
            .unwrap(),
        2
    );
    assert_eq!(audit::audit_received(&mut ana.connection).await.unwrap(), 2);
    // A gap, a row that does not link, a changed copy of a row the server holds, and a
    // malformed content hash are refused, and nothing of the push is kept.
    let unlinked = audit_row(ana.uid, 3, "not the row before");
    let gap = audit_row(ana.uid, 5, &second.row_hash);
    let mut changed = second.clone();
    changed.row_hash = "f".repeat(64);
    let mut malformed = audit_row(ana.uid, 3, &second.row_hash);
    malformed.content_hash = "'; DROP TABLE kd.audit_rows; --".into();
    for rows in [vec![gap], vec![unlinked], vec![changed], vec![malformed]] {
        assert!(audit::push_audit(&mut ana.connection, &rows).await.is_err());
    }
    assert_eq!(agency.count("audit_rows").await, 2);

    // Rows are filed under the calling desk: one hashed as another desk's is refused.
    let forged = audit_row(ana.uid, 1, &"0".repeat(64));
    assert!(audit::push_audit(&mut olivia.connection, &[forged])
        .await
        .is_err());
    let own = audit_row(olivia.uid, 1, &"0".repeat(64));
    audit::push_audit(&mut olivia.connection, &[own])
        .await
        .unwrap();
    let (rows, head) = audit::all_rows(&mut olivia.connection).await.unwrap();
    assert_eq!(head.seq, 3);
    let verdict = audit::verify(&rows, &head, None);
    assert_eq!(verdict.global, None);
    assert_eq!(
        verdict.desks[&ana.uid],
        audit::DeskVerdict::Intact { rows: 2 }
    );
    assert_eq!(
        verdict.desks[&olivia.uid],
        audit::DeskVerdict::Intact { rows: 1 }
    );

    // An agent's desk reads no desk's audit rows, nor the list of desks; a stranger can
    // push none and learns no change number.
    let error = audit::all_rows(&mut ana.connection).await.unwrap_err();
    assert!(matches!(error, ServerError::NotAllowed { .. }), "{error}");
    let error = sync::list_desks(&mut ana.connection).await.unwrap_err();
    assert!(matches!(error, ServerError::NotAllowed { .. }), "{error}");
    for sql in [
        "SELECT * FROM kd.audit_rows",
        "UPDATE kd.audit_head SET seq = 0",
        "DELETE FROM kd.audit_rows",
    ] {
        assert_eq!(
            sqlstate(execute(&mut olivia.connection, sql).await),
            "42501",
            "{sql}"
        );
    }
    let mut connection = agency.stranger().await;
    let error = audit::push_audit(&mut connection, &[audit_row(ana.uid, 3, &second.row_hash)])
        .await
        .unwrap_err();
    assert!(matches!(error, ServerError::NotAllowed { .. }), "{error}");
    assert!(audit::all_rows(&mut connection).await.is_err());
    assert_eq!(audit::audit_received(&mut connection).await.unwrap(), 0);
    let latest: i64 = sqlx::query_scalar("SELECT kd.latest_change()")
        .fetch_one(&mut connection)
        .await
        .unwrap();
    assert_eq!(latest, 0);
    assert_eq!(agency.count("audit_rows").await, 3);
}

/// Calls `sql` (a `SELECT` of one function, whatever it returns, as text) on `connection`.
async fn call(connection: &mut PgConnection, sql: &str) -> Result<Option<String>, String> {
    sqlx::query_scalar::<_, Option<String>>(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(connection)
        .await
        .map_err(|error| match error {
            sqlx::Error::Database(db) => db.code().unwrap_or_default().into_owned(),
            other => panic!("{sql}: {other}"),
        })
}

/// How many rows `sql` returns on `connection`.
async fn rows(connection: &mut PgConnection, sql: &str) -> Result<i64, String> {
    call(connection, &format!("SELECT count(*)::text FROM {sql}"))
        .await
        .map(|n| n.unwrap().parse().unwrap())
}

#[tokio::test]
async fn keys_and_logins_are_written_by_whom_they_belong_to_and_read_by_owners_only() {
    let mut agency = Agency::new().await;
    let mut owner = agency.desk("owner").await;
    let mut ana = agency.desk("agent").await;
    let mut bob = agency.desk("agent").await;
    let mut stranger = agency.stranger().await;
    let key = format!("'\\x{}'::bytea", "ab".repeat(32));
    let signature = format!("'\\x{}'::bytea", "cd".repeat(64));
    let entry =
        |seq: i64| format!("SELECT kd.add_roster_entry({seq}, '{{}}', {key}, {signature})::text");

    // The roster: owners' desks add, in order; no one else; every desk reads it.
    for connection in [&mut ana.connection, &mut stranger] {
        assert_eq!(call(connection, &entry(1)).await, Err("42501".into()));
    }
    call(&mut owner.connection, &entry(1)).await.unwrap();
    assert_eq!(
        call(&mut owner.connection, &entry(3)).await,
        Err("40001".into()),
        "an entry that is not the next one"
    );
    assert_eq!(rows(&mut ana.connection, "kd.roster_after(0)").await, Ok(1));
    assert_eq!(rows(&mut stranger, "kd.roster_after(0)").await, Ok(0));

    // A login: filed by the desk whose customer it is, read back by owners only.
    let new = create("lea.moreau@example.com", "Léa", "+33 1 23 45 67 89");
    ana.push_one(&new).await;
    let lea = created_uid(&new);
    let handoff = Uuid::now_v7();
    let push = |handoff: Uuid, customer: Uuid| {
        format!("SELECT kd.push_handoff('{handoff}', '{customer}', '{{}}', {key}, {signature})")
    };
    assert_eq!(
        call(&mut stranger, &push(handoff, lea)).await,
        Err("42501".into())
    );
    assert_eq!(
        call(&mut bob.connection, &push(handoff, lea)).await,
        Ok(Some("unknown customer".into())),
        "an agent who does not serve her files nothing for her"
    );
    assert_eq!(
        call(&mut ana.connection, &push(handoff, lea)).await,
        Ok(Some("kept".into()))
    );
    assert_eq!(
        call(&mut owner.connection, &push(handoff, lea)).await,
        Err("23505".into()),
        "another desk cannot file under that login's uid"
    );
    assert_eq!(
        rows(&mut owner.connection, "kd.handoffs_after(0, 100)").await,
        Ok(1)
    );
    for connection in [&mut ana.connection, &mut bob.connection, &mut stranger] {
        assert_eq!(rows(connection, "kd.handoffs_after(0, 100)").await, Ok(0));
    }

    // Sealing anew and ending: owners' desks; an agent only lets her own login expire.
    let reseal = format!("SELECT kd.reseal_handoff('{handoff}', '{{}}', {key}, {signature})::text");
    for connection in [&mut ana.connection, &mut stranger] {
        assert_eq!(call(connection, &reseal).await, Err("42501".into()));
    }
    let close = |state: &str| format!("SELECT kd.close_handoff('{handoff}', '{state}', NULL)");
    assert_eq!(
        call(&mut stranger, &close("sent")).await,
        Err("42501".into())
    );
    assert_eq!(
        call(&mut ana.connection, &close("sent")).await,
        Ok(Some("not yours".into()))
    );
    assert_eq!(
        call(&mut bob.connection, &close("expired")).await,
        Ok(Some("unknown".into())),
        "another agent does not even learn it exists"
    );
    assert_eq!(
        call(&mut ana.connection, &close("expired")).await,
        Ok(Some("expired".into()))
    );
    assert_eq!(
        call(&mut owner.connection, &close("sent")).await,
        Ok(Some("sent".into())),
        "sent beats expired"
    );
    assert_eq!(
        call(&mut owner.connection, &close("revoked")).await,
        Ok(Some("sent".into()))
    );

    // The tables and the numbering are no desk's to touch.
    for sql in [
        "SELECT kd.next_handoff_seq()::text",
        "SELECT body FROM kd.handoffs LIMIT 1",
        "SELECT body FROM kd.roster LIMIT 1",
    ] {
        for connection in [&mut owner.connection, &mut ana.connection, &mut stranger] {
            assert_eq!(call(connection, sql).await, Err("42501".into()), "{sql}");
        }
    }
}
