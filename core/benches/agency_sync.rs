//! Syncing through a real agency server: the PostgreSQL cluster in `KEYDESK_TEST_POSTGRES`
//! (`cargo xtask bench` starts one; alone: `cargo xtask with-postgres -- cargo bench -p
//! keydesk-core --bench agency_sync`). Four measurements, each on a database of its own:
//!
//! 1. **Push**: 50 desks push 100 new customers each, all at once, 10 to a push. Every op
//!    must be applied (no deadlock, no lost op); reports ops per second and the p95 time
//!    of one push.
//! 2. **First pull**: a new desk joins an agency of 100,000 customers and receives them
//!    all (staff, customers, links, written into its encrypted database).
//! 3. **Saving with sync on**: creating a customer on a desk of its own and on a desk that
//!    syncs (the op is queued in the same transaction; the sync worker is not running, so
//!    only the save is timed).
//! 4. **Logins across desks**: an agent's laptop makes 300 customers with logins (each
//!    sealed for the owners and signed), sends them, the owner's desk receives and checks
//!    them, then reveals each (signature, unwrap, open, argon2id check).

mod support;

use std::time::{Duration, Instant};

use keydesk_api::{CreateCustomerOutcome, CustomerInput};
use keydesk_core::auth::Actor;
use keydesk_core::domain::PlainPassword;
use keydesk_core::server::sync::{self, FieldValue, Fields, Op, OpChange, Outcome, SyncedField};
use keydesk_core::server::{admin, ServerUrl};
use keydesk_core::services::DeskInvitation;
use keydesk_core::Keydesk;
use secrecy::SecretString;
use uuid::Uuid;

const DESKS: usize = 50;
const OPS_PER_DESK: usize = 100;
const OPS_PER_PUSH: usize = 10;
const PULLED_CUSTOMERS: i64 = 100_000;
const SAVES: usize = 300;
const LOGINS: usize = 300;

fn cluster() -> ServerUrl {
    std::env::var("KEYDESK_TEST_POSTGRES")
        .expect("KEYDESK_TEST_POSTGRES names the cluster (cargo xtask with-postgres -- …)")
        .parse()
        .expect("a PostgreSQL URL")
}

/// A new, set-up agency server database; its URL as the administrator.
async fn new_server() -> ServerUrl {
    let cluster = cluster();
    let name = format!("bench_{}", Uuid::now_v7().simple());
    let mut admin = cluster.connect().await.expect("the cluster answers");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("CREATE DATABASE");
    let url = cluster.with_database(&name);
    admin::init(&url).await.expect("server-init");
    url
}

#[derive(serde::Deserialize)]
struct Invited {
    login: String,
    secret: String,
    expires_at: chrono::DateTime<chrono::Utc>,
}

/// Invites a desk for `member` as the administrator.
async fn invite(server: &ServerUrl, member: Uuid, role: &str) -> Invited {
    let mut admin = server.connect().await.unwrap();
    let answer: sqlx::types::Json<serde_json::Value> =
        sqlx::query_scalar("SELECT kd.invite_desk($1, $2, 'Bench desk')")
            .bind(member)
            .bind(role)
            .fetch_one(&mut admin)
            .await
            .unwrap();
    serde_json::from_value(answer.0).unwrap()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn sorted_ms(times: &[Duration]) -> Vec<f64> {
    let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    ms
}

fn new_customer(email: String) -> Op {
    Op {
        op: Uuid::now_v7(),
        change: OpChange::CreateCustomer {
            customer: Uuid::now_v7(),
            email,
            fields: Fields::from([
                (
                    SyncedField::Form(keydesk_api::CustomerField::FirstName),
                    Some(FieldValue::Text("Bench".into())),
                ),
                (
                    SyncedField::Form(keydesk_api::CustomerField::LastName),
                    Some(FieldValue::Text("Customer".into())),
                ),
            ]),
        },
    }
}

async fn push_from_many_desks() {
    let server = new_server().await;
    let mut desks = Vec::new();
    for _ in 0..DESKS {
        let invited = invite(&server, Uuid::now_v7(), "agent").await;
        let url = server.as_login(&invited.login, &invited.secret);
        let mut connection = url.connect().await.expect("the invited desk signs in");
        let own = format!("bench-desk-secret-{}", Uuid::now_v7().simple());
        sqlx::query("SELECT kd.complete_enrolment($1)")
            .bind(&own)
            .execute(&mut connection)
            .await
            .unwrap();
        desks.push(server.as_login(&invited.login, &own));
    }
    let started = Instant::now();
    let tasks: Vec<_> = desks
        .into_iter()
        .enumerate()
        .map(|(d, url)| {
            tokio::spawn(async move {
                let mut connection = url.connect().await.unwrap();
                let mut times = Vec::new();
                for batch in 0..OPS_PER_DESK / OPS_PER_PUSH {
                    let ops: Vec<Op> = (0..OPS_PER_PUSH)
                        .map(|i| new_customer(format!("d{d}-b{batch}-{i}@bench.example")))
                        .collect();
                    let pushed = Instant::now();
                    let answers = sync::push(&mut connection, &ops).await.expect("pushed");
                    times.push(pushed.elapsed());
                    assert!(answers.iter().all(|a| a.outcome == Outcome::Applied));
                }
                times
            })
        })
        .collect();
    let mut times = Vec::new();
    for task in tasks {
        times.extend(task.await.expect("no desk failed"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut admin = server.connect().await.unwrap();
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM kd.customers")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert_eq!(
        stored as usize,
        DESKS * OPS_PER_DESK,
        "every op applied once"
    );
    let ops_per_s = (DESKS * OPS_PER_DESK) as f64 / elapsed;
    let ms = sorted_ms(&times);
    println!(
        "push: {DESKS} desks × {OPS_PER_DESK} ops, {OPS_PER_PUSH} a push: {elapsed:.2} s, \
         {ops_per_s:.0} ops/s; one push p50 {:.1} ms, p95 {:.1} ms",
        percentile(&ms, 0.5),
        percentile(&ms, 0.95)
    );
    support::result("sync push, 50 desks at once", ops_per_s, "ops/s");
    support::result(
        "sync push p95, 50 desks at once",
        percentile(&ms, 0.95),
        "ms",
    );
}

async fn first_pull() {
    let server = new_server().await;
    let member = Uuid::now_v7();
    let mut admin = server.connect().await.unwrap();
    sqlx::query(
        "INSERT INTO kd.members (uid, email, display_name, role, change_seq)
         VALUES ($1, 'owner@bench.example', 'Bench Owner', 'owner', 1)",
    )
    .bind(member)
    .execute(&mut admin)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO kd.customers (uid, email, fields, change_seq, created_by_member)
         SELECT gen_random_uuid(), 'customer' || n || '@bench.example',
                jsonb_build_object('first_name', 'First' || n, 'last_name', 'Last' || (n % 977),
                                   'city', 'City' || (n % 50), 'notes', ''),
                n + 1, $1
         FROM generate_series(1, $2) AS n",
    )
    .bind(member)
    .bind(PULLED_CUSTOMERS)
    .execute(&mut admin)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO kd.customer_links (customer_uid, member_uid, change_seq)
         SELECT uid, $1, change_seq FROM kd.customers",
    )
    .bind(member)
    .execute(&mut admin)
    .await
    .unwrap();
    sqlx::query("UPDATE kd.change_counter SET seq = $1")
        .bind(PULLED_CUSTOMERS + 1)
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::query("ANALYZE").execute(&mut admin).await.unwrap();

    // The server's part alone: another desk of the same member reads every page.
    let reader = invite(&server, member, "owner").await;
    let mut connection = server
        .as_login(&reader.login, &reader.secret)
        .connect()
        .await
        .unwrap();
    let own = format!("bench-desk-secret-{}", Uuid::now_v7().simple());
    sqlx::query("SELECT kd.complete_enrolment($1)")
        .bind(&own)
        .execute(&mut connection)
        .await
        .unwrap();
    let started = Instant::now();
    let (mut cursor, mut changes) = (0, 0);
    loop {
        let page = sync::pull(&mut connection, cursor, 1000).await.unwrap();
        changes += page.changes.len();
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    let server_seconds = started.elapsed().as_secs_f64();
    println!("first pull, the server's part: {changes} changes read in {server_seconds:.1} s");
    support::result(
        "sync first pull, server part, 100,000 customers",
        server_seconds,
        "s",
    );

    let invited = invite(&server, member, "owner").await;
    let invitation = DeskInvitation {
        url: server.portable(),
        ca_pem: server.root_certificate_pem().unwrap(),
        login: invited.login,
        secret: SecretString::from(invited.secret),
        member,
        expires_at: invited.expires_at,
        // An agency with no key roster: the join needs none to pull.
        founder: None,
        keys: None,
    };
    let dir = tempfile::tempdir().unwrap();
    let keydesk = support::open_empty(&dir.path().join("data")).await.unwrap();
    let started = Instant::now();
    let report = keydesk
        .join_agency_server(
            &invitation,
            PlainPassword::new("a bench passphrase 2026".into()),
        )
        .await
        .expect("the new desk joins");
    let seconds = started.elapsed().as_secs_f64();
    assert!(report.pulled as i64 >= PULLED_CUSTOMERS, "{report:?}");
    println!(
        "first pull: {PULLED_CUSTOMERS} customers in {seconds:.1} s ({:.0} customers/s)",
        PULLED_CUSTOMERS as f64 / seconds
    );
    support::result("sync first pull, 100,000 customers", seconds, "s");
    keydesk.close().await;
}

/// Times `SAVES` customer creations; returns each one's time.
async fn time_saves(keydesk: &Keydesk, owner: &Actor, tag: &str) -> Vec<Duration> {
    let mut times = Vec::with_capacity(SAVES);
    for n in 0..SAVES {
        let input = CustomerInput {
            email: format!("{tag}{n}@bench.example"),
            first_name: "Bench".into(),
            last_name: format!("Customer{n}"),
            city: "Lyon".into(),
            ..CustomerInput::default()
        };
        let started = Instant::now();
        let outcome = keydesk.create_customer(owner, input).await.unwrap();
        times.push(started.elapsed());
        assert!(matches!(outcome, CreateCustomerOutcome::Created { .. }));
    }
    times
}

async fn saving_with_sync_on_and_off() {
    let off_dir = tempfile::tempdir().unwrap();
    let (alone, alone_owner) = support::open_with_owner(&off_dir.path().join("data"))
        .await
        .unwrap();
    let on_dir = tempfile::tempdir().unwrap();
    let (syncing, syncing_owner) = support::open_with_owner(&on_dir.path().join("data"))
        .await
        .unwrap();
    syncing
        .publish_to_agency_server(&syncing_owner, &new_server().await, "Bench desk")
        .await
        .expect("published");
    // Alternate, so that the machine's ups and downs fall on both.
    let mut off = Vec::new();
    let mut on = Vec::new();
    for round in 0..3 {
        off.extend(time_saves(&alone, &alone_owner, &format!("off{round}-")).await);
        on.extend(time_saves(&syncing, &syncing_owner, &format!("on{round}-")).await);
    }
    assert_eq!(syncing.changes_waiting().await.unwrap() as usize, 3 * SAVES);
    let (off, on) = (sorted_ms(&off), sorted_ms(&on));
    let (off_p50, on_p50) = (percentile(&off, 0.5), percentile(&on, 0.5));
    println!(
        "saving a new customer: p50 {off_p50:.2} ms alone, {on_p50:.2} ms syncing \
         ({:.2}×); p95 {:.2} / {:.2} ms",
        on_p50 / off_p50,
        percentile(&off, 0.95),
        percentile(&on, 0.95)
    );
    support::result("save p50, desk of its own", off_p50, "ms");
    support::result("save p50, desk that syncs", on_p50, "ms");
    alone.close().await;
    syncing.close().await;
}

/// An agent's laptop makes `LOGINS` logins offline; they go to the server with its next
/// sync, and the owner's desk receives and checks them at its own; then the owner reveals
/// them one by one.
async fn logins_across_desks() {
    let owner_dir = tempfile::tempdir().unwrap();
    let (front, owner) = support::open_with_owner(&owner_dir.path().join("data"))
        .await
        .unwrap();
    let agent = front
        .add_staff(
            &owner,
            "agent@bench.test",
            "Bench Agent",
            Some(keydesk_api::Role::Agent),
        )
        .await
        .unwrap()
        .member;
    front
        .publish_to_agency_server(&owner, &new_server().await, "Front desk")
        .await
        .expect("published");
    let invitation = front
        .invite_desk(&owner, keydesk_core::domain::StaffId(agent.id), "Laptop")
        .await
        .expect("invited");
    let laptop_dir = tempfile::tempdir().unwrap();
    let laptop = support::open_empty(&laptop_dir.path().join("data"))
        .await
        .unwrap();
    let password = "a bench passphrase 2026";
    laptop
        .join_agency_server(&invitation, PlainPassword::new(password.into()))
        .await
        .expect("joined");
    let agent = laptop
        .sign_in("agent@bench.test", PlainPassword::new(password.into()))
        .await
        .expect("the agent signs in");

    let mut made = Vec::new();
    for n in 0..LOGINS {
        let request = keydesk_api::CreateCustomerRequest {
            input: CustomerInput {
                email: format!("login{n}@bench.test"),
                first_name: "Bench".into(),
                last_name: format!("Login {n}"),
                ..Default::default()
            },
            generate_login: true,
        };
        let started = Instant::now();
        laptop
            .create_customer_with_login(&agent, request)
            .await
            .expect("created with a login");
        made.push(started.elapsed());
    }
    let started = Instant::now();
    laptop.sync_now().await.expect("the laptop syncs");
    let sent = started.elapsed().as_secs_f64();
    let started = Instant::now();
    front.sync_now().await.expect("the owner's desk syncs");
    let received = started.elapsed().as_secs_f64();
    let queue = front.list_pending_handoffs(&owner).await.unwrap();
    assert_eq!(queue.len(), LOGINS, "every login reached the owner's desk");
    let mut revealed = Vec::new();
    for pending in &queue {
        let started = Instant::now();
        front
            .reveal_handoff_password(&owner, keydesk_core::domain::HandoffId(pending.handoff_id))
            .await
            .expect("the owner opens it");
        revealed.push(started.elapsed());
    }
    let (made, revealed) = (sorted_ms(&made), sorted_ms(&revealed));
    println!(
        "logins across desks: made on the laptop p50 {:.1} ms; {LOGINS} sent in {sent:.2} s \
         and received on the owner's desk in {received:.2} s; revealed p50 {:.1} ms",
        percentile(&made, 0.5),
        percentile(&revealed, 0.5)
    );
    support::result(
        "login made on an agent's desk, p50",
        percentile(&made, 0.5),
        "ms",
    );
    support::result("logins received by an owner's desk, 300", received, "s");
    support::result(
        "agency login revealed, p50",
        percentile(&revealed, 0.5),
        "ms",
    );
    front.close().await;
    laptop.close().await;
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        push_from_many_desks().await;
        saving_with_sync_on_and_off().await;
        logins_across_desks().await;
        first_pull().await;
    });
}
