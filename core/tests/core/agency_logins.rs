//! Pending logins across an agency's desks, with whole desks (their own database, the
//! real keyring) and a real agency server: a login made on an agent's desk offline opens
//! on every owner's desk and nowhere else, and nothing planted on the server (a login, a
//! key, a changed record) opens anywhere.

use crate::agency_server::new_database;
use crate::desk_sync::{as_superuser, joined_desk, JOIN_PASSWORD};
use crate::helpers::{
    assert_no_secret_in, customer_form, database_files, files_under, pw, TestApp,
};
use keydesk_api::Role;
use keydesk_core::auth::Actor;
use keydesk_core::domain::HandoffId;
use keydesk_core::server::{admin, ServerUrl};
use keydesk_core::services::{AccessError, NewLogin, ServiceError};
use std::collections::HashSet;

/// An agency: the front desk (its owner, published), and a desk of its own for each of
/// `members`.
pub(crate) struct Agency {
    pub server: ServerUrl,
    pub front: TestApp,
    pub owner: Actor,
    pub desks: Vec<(TestApp, Actor)>,
}

pub(crate) async fn agency(members: &[(&str, Role)]) -> Agency {
    let server = new_database().await;
    admin::init(&server).await.expect("server-init");
    let (front, owner) = TestApp::with_owner().await;
    front.on_real_time();
    let mut actors = Vec::new();
    for (email, role) in members {
        let first = if *role == Role::Owner {
            Role::Admin
        } else {
            *role
        };
        let member = front.member(&owner, email, first).await;
        if *role == Role::Owner {
            front
                .keydesk
                .set_staff_role(&owner, member.id(), Role::Owner)
                .await
                .expect("promoted to owner");
        }
        actors.push(member);
    }
    front
        .keydesk
        .publish_to_agency_server(&owner, &server, "Front desk")
        .await
        .expect("published");
    let mut desks = Vec::new();
    for ((email, _), member) in members.iter().zip(&actors) {
        let invitation = front
            .keydesk
            .invite_desk(&owner, member.id(), "Laptop")
            .await
            .expect("invited");
        desks.push(joined_desk(&invitation, email).await);
    }
    Agency {
        server,
        front,
        owner,
        desks,
    }
}

pub(crate) async fn sync(app: &TestApp) {
    app.keydesk.sync_now().await.expect("the desk syncs");
}

/// The pending login of the customer with `email` on `app`, as `actor`'s queue shows it.
pub(crate) async fn queued(app: &TestApp, actor: &Actor, email: &str) -> Option<HandoffId> {
    app.pending_handoffs(actor)
        .await
        .into_iter()
        .find(|p| p.username == email)
        .map(|p| {
            assert!(p.an_owner_can_open, "an owner can open {email}'s login");
            HandoffId(p.handoff_id)
        })
}

/// Whether `password` signs in the customer with `email` as `app`'s account for them has it.
async fn password_works(app: &TestApp, actor: &Actor, email: &str, password: &str) -> bool {
    let rows = app
        .keydesk
        .list_customers(actor, &Default::default())
        .await
        .unwrap()
        .rows;
    let customer = rows
        .iter()
        .find(|r| r.email == email)
        .expect("the customer is listed");
    app.password_works(keydesk_core::domain::CustomerId(customer.id), password)
        .await
}

async fn opens(app: &TestApp, actor: &Actor, id: HandoffId) -> Result<String, String> {
    match app.keydesk.reveal_handoff_password(actor, id).await {
        Ok(secret) => Ok(secret.password.expose().to_owned()),
        Err(error) => Err(error.to_string()),
    }
}

#[tokio::test]
async fn an_agents_offline_login_opens_on_every_owners_desk_and_on_no_agents_or_admins() {
    let Agency {
        front,
        owner,
        mut desks,
        ..
    } = agency(&[
        ("carla@agency.test", Role::Owner),
        ("ana@agency.test", Role::Agent),
        ("ada@agency.test", Role::Admin),
    ])
    .await;
    let (ada_app, ada) = desks.pop().unwrap();
    let (ana_app, ana) = desks.pop().unwrap();
    let (carla_app, carla) = desks.pop().unwrap();

    // Offline, Ana makes a customer with a login: sealed on her laptop for the owners.
    let login = ana_app
        .add_customer_with_login(&ana, customer_form("lea@example.com", "Léa", "Moreau"))
        .await;
    assert!(matches!(
        ana_app
            .keydesk
            .reveal_handoff_password(&ana, login.handoff_id)
            .await,
        Err(ServiceError::Access(AccessError::Forbidden))
    ));

    sync(&ana_app).await;
    for app in [&front, &carla_app, &ada_app] {
        sync(app).await;
    }

    // Both owners' desks hold it and open it; the password is the account's.
    let on_front = queued(&front, &owner, "lea@example.com").await.unwrap();
    let password = opens(&front, &owner, on_front).await.unwrap();
    let on_carlas = queued(&carla_app, &carla, "lea@example.com").await.unwrap();
    assert_eq!(
        opens(&carla_app, &carla, on_carlas).await.unwrap(),
        password
    );
    assert!(password_works(&front, &owner, "lea@example.com", &password).await);
    assert!(ana_app.password_works(login.customer_id, &password).await);
    front
        .assert_audited(&owner, &["credentials.issued", "handoff.revealed"])
        .await;

    // The admin's desk was never given it, and an admin may not open logins anyway.
    assert!(matches!(
        ada_app.keydesk.list_pending_handoffs(&ada).await,
        Err(ServiceError::Access(AccessError::Forbidden))
    ));
    let mut on_adas = ada_app.open_file().await;
    let held: i64 = sqlx::query_scalar("SELECT count(*) FROM credential_handoffs")
        .fetch_one(&mut on_adas)
        .await
        .unwrap();
    assert_eq!(held, 0, "no login reaches an admin's desk");
}

#[tokio::test]
async fn a_login_a_key_or_a_change_planted_on_the_server_opens_nowhere() {
    let Agency {
        server,
        front,
        owner,
        mut desks,
    } = agency(&[("ana@agency.test", Role::Agent)]).await;
    let (ana_app, ana) = desks.pop().unwrap();

    // The server's superuser adds an owner key of their own to the roster, unsigned by
    // any owner (signed by itself).
    let planted = keydesk_core::vault::owner_keys::OwnerKeyPair::generate().unwrap();
    let public = planted.public();
    let mut connection = server.connect().await.unwrap();
    let (seq, agency_uid): (i64, uuid::Uuid) = sqlx::query_as(
        "SELECT (SELECT max(seq) FROM kd.roster), (SELECT agency_uid FROM kd.server)",
    )
    .fetch_one(&mut connection)
    .await
    .unwrap();
    let prev: (String, Vec<u8>) =
        sqlx::query_as("SELECT body, signature FROM kd.roster WHERE seq = $1")
            .bind(seq)
            .fetch_one(&mut connection)
            .await
            .unwrap();
    let roster = keydesk_core::vault::roster::Roster::new(agency_uid, "unused");
    let mut entry = roster.next_entry(
        keydesk_core::vault::roster::RosterChange::Add {
            desk: uuid::Uuid::now_v7(),
            member: uuid::Uuid::now_v7(),
            role: keydesk_core::vault::roster::RosterRole::Owner,
            hpke: public.hpke,
            signing: public.signing,
        },
        chrono::Utc::now(),
    );
    entry.seq = seq + 1;
    entry.prev =
        keydesk_core::vault::roster::entry_hash(&keydesk_core::vault::roster::SignedEntry {
            seq,
            body: prev.0,
            signer: [0; 32],
            signature: prev.1,
        });
    let signed = keydesk_core::vault::roster::SignedEntry::sign(&entry, &planted);
    sqlx::query("INSERT INTO kd.roster (seq, body, signer, signature) VALUES ($1, $2, $3, $4)")
        .bind(signed.seq)
        .bind(&signed.body)
        .bind(signed.signer.as_slice())
        .bind(&signed.signature)
        .execute(&mut connection)
        .await
        .unwrap();

    // Ana's desk reads the roster, ignores the planted key, and seals to the owner only.
    sync(&ana_app).await;
    for (email, first) in [("lea@example.com", "Léa"), ("max@example.com", "Max")] {
        ana_app
            .add_customer_with_login(&ana, customer_form(email, first, "Moreau"))
            .await;
    }
    sync(&ana_app).await;
    let body: String =
        sqlx::query_scalar("SELECT body FROM kd.handoffs WHERE body LIKE '%lea@example.com%'")
            .fetch_one(&mut connection)
            .await
            .unwrap();
    assert!(
        !body.contains(&hex::encode(public.signing)),
        "no login is sealed to a key the owners did not sign"
    );
    assert_eq!(
        body.matches("\"recipient\"").count(),
        1,
        "sealed to the one owner"
    );

    // The superuser rewrites the login's username: the owner's desk refuses the record.
    as_superuser(
        &server,
        "UPDATE kd.handoffs SET body = replace(body, 'lea@example.com', 'eve@example.com')",
    )
    .await;
    sync(&front).await;
    let untouched = queued(&front, &owner, "max@example.com").await;
    assert!(opens(&front, &owner, untouched.unwrap()).await.is_ok());
    assert_eq!(queued(&front, &owner, "lea@example.com").await, None);
    assert_eq!(queued(&front, &owner, "eve@example.com").await, None);

    // A login the planted key signs and wraps to the owner is refused too.
    as_superuser(&server, "DELETE FROM kd.handoffs").await;
    let owner_public = {
        let mut file = front.open_file().await;
        let key: Vec<u8> = sqlx::query_scalar(
            "SELECT k.hpke_public FROM staff_keys k JOIN staff s ON s.id = k.staff_id
             WHERE s.role = 'owner'",
        )
        .fetch_one(&mut file)
        .await
        .unwrap();
        key
    };
    assert_eq!(owner_public.len(), 32);
    let customer: uuid::Uuid =
        sqlx::query_scalar("SELECT uid FROM kd.customers WHERE email = 'lea@example.com'")
            .fetch_one(&mut connection)
            .await
            .unwrap();
    let mut fake = Roster2::for_planting(agency_uid, &planted);
    let login = fake.planted_login(customer, &owner_public, b"chosen-by-the-server");
    sqlx::query(
        "INSERT INTO kd.handoffs (uid, customer_uid, desk_uid, body, signer, signature, received_seq)
         SELECT $1, $2, (SELECT uid FROM kd.desks LIMIT 1), $3, $4, $5, 1000",
    )
    .bind(login.0)
    .bind(customer)
    .bind(&login.1.body)
    .bind(login.1.signer.as_slice())
    .bind(&login.1.signature)
    .execute(&mut connection)
    .await
    .unwrap();
    sync(&front).await;
    let queue = front.pending_handoffs(&owner).await;
    assert_eq!(
        queue
            .iter()
            .map(|p| p.username.as_str())
            .collect::<Vec<_>>(),
        ["max@example.com"],
        "nothing the server planted reaches the owner's queue"
    );
}

/// A roster the planted key founded itself, to seal a login as a desk would.
struct Roster2 {
    roster: keydesk_core::vault::roster::Roster,
    keys: keydesk_core::vault::owner_keys::OwnerKeyPair,
    agency: uuid::Uuid,
}

impl Roster2 {
    fn for_planting(
        agency: uuid::Uuid,
        keys: &keydesk_core::vault::owner_keys::OwnerKeyPair,
    ) -> Self {
        use keydesk_core::vault::roster::*;
        let mut roster = Roster::new(agency, &fingerprint(&keys.public().signing));
        let first = roster.next_entry(
            RosterChange::Add {
                desk: uuid::Uuid::now_v7(),
                member: uuid::Uuid::now_v7(),
                role: RosterRole::Owner,
                hpke: keys.public().hpke,
                signing: keys.public().signing,
            },
            chrono::Utc::now(),
        );
        roster.extend(SignedEntry::sign(&first, keys)).unwrap();
        Roster2 {
            roster,
            keys: keys.clone(),
            agency,
        }
    }

    /// A login for `customer` whose key is wrapped to the owner's `hpke` key, signed by
    /// the planted key.
    fn planted_login(
        &mut self,
        customer: uuid::Uuid,
        hpke: &[u8],
        password: &[u8],
    ) -> (uuid::Uuid, keydesk_core::vault::signed_login::SignedLogin) {
        use keydesk_core::vault::roster::*;
        let owner = RosterChange::Add {
            desk: uuid::Uuid::now_v7(),
            member: uuid::Uuid::now_v7(),
            role: RosterRole::Owner,
            hpke: hpke.try_into().unwrap(),
            signing: keydesk_core::vault::owner_keys::OwnerKeyPair::generate()
                .unwrap()
                .public()
                .signing,
        };
        let entry = self.roster.next_entry(owner, chrono::Utc::now());
        self.roster
            .extend(SignedEntry::sign(&entry, &self.keys))
            .unwrap();
        let handoff = uuid::Uuid::now_v7();
        let facts = keydesk_core::vault::signed_login::LoginFacts {
            agency: self.agency,
            handoff,
            customer,
            desk: uuid::Uuid::now_v7(),
            created_by: uuid::Uuid::now_v7(),
            reason: "reset".into(),
            username: "lea@example.com".into(),
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"
                .into(),
            created_at: chrono::Utc::now(),
            expires_at: chrono::Utc::now() + chrono::Duration::days(7),
            replaces: None,
        };
        let login = keydesk_core::vault::signed_login::seal_login(
            &self.roster,
            &self.keys,
            facts,
            password,
        )
        .unwrap();
        (handoff, login)
    }
}

#[tokio::test]
async fn logins_made_on_two_desks_leave_no_password_in_the_servers_dump_or_either_desks_files() {
    const EACH: usize = 500;
    let Agency {
        server,
        front,
        owner,
        mut desks,
    } = agency(&[("ana@agency.test", Role::Agent)]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    // Both desks at once, as an agency works.
    let on_front = async {
        let mut logins: Vec<NewLogin> = Vec::new();
        for n in 0..EACH {
            let email = format!("front{n}@example.com");
            logins.push(
                front
                    .add_customer_with_login(&owner, customer_form(&email, "F", "One"))
                    .await,
            );
        }
        logins
    };
    let on_laptop = async {
        for n in 0..EACH {
            let email = format!("laptop{n}@example.com");
            ana_app
                .add_customer_with_login(&ana, customer_form(&email, "L", "Two"))
                .await;
        }
    };
    let (logins, ()) = tokio::join!(on_front, on_laptop);
    assert_eq!(logins.len(), EACH);
    sync(&front).await;
    sync(&ana_app).await;
    sync(&front).await;

    // Every password, opened on the owner's desk.
    let queue = front.pending_handoffs(&owner).await;
    assert_eq!(queue.len(), 2 * EACH);
    let mut passwords = HashSet::new();
    for pending in &queue {
        let opened = opens(&front, &owner, HandoffId(pending.handoff_id))
            .await
            .unwrap();
        passwords.insert(opened.into_bytes());
    }
    let len = passwords.iter().next().unwrap().len();
    assert!(passwords.iter().all(|p| p.len() == len));
    assert_eq!(passwords.len(), 2 * EACH);

    // The server's dump, as its operator would take it.
    let database: String = sqlx::query_scalar("SELECT current_database()")
        .fetch_one(&mut server.connect().await.unwrap())
        .await
        .unwrap();
    let cluster = std::env::var("KEYDESK_TEST_POSTGRES").unwrap();
    let mut url = url::Url::parse(&cluster).unwrap();
    url.set_path(&database);
    let dump = std::env::temp_dir().join(format!("keydesk-dump-{}.sql", uuid::Uuid::now_v7()));
    let status = std::process::Command::new("/usr/lib/postgresql/15/bin/pg_dump")
        .arg(format!("--dbname={url}"))
        .arg(format!("--file={}", dump.display()))
        .status()
        .expect("pg_dump runs");
    assert!(status.success());
    let dumped = std::fs::read_to_string(&dump).unwrap();
    assert!(
        dumped.contains("kd.handoffs"),
        "the dump holds the logins' table"
    );
    let mut files = vec![dump.clone()];
    for app in [&front, &ana_app] {
        files.extend(database_files(&app.paths));
        if app.paths.log_dir.exists() {
            files.extend(files_under(&app.paths.log_dir));
        }
    }
    files.retain(|f| f.exists());
    assert_no_secret_in(&files, &passwords, len);
    std::fs::remove_file(dump).ok();

    // The cluster's own files: this database's, after a checkpoint wrote them out, and
    // the write-ahead log every change went through.
    let mut admin = server.connect().await.unwrap();
    sqlx::query("CHECKPOINT").execute(&mut admin).await.unwrap();
    let data: String = sqlx::query_scalar("SHOW data_directory")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    let oid: i64 =
        sqlx::query_scalar("SELECT oid::int8 FROM pg_database WHERE datname = current_database()")
            .fetch_one(&mut admin)
            .await
            .unwrap();
    let data = std::path::Path::new(&data);
    let mut cluster = files_under(&data.join("base").join(oid.to_string()));
    cluster.extend(files_under(&data.join("pg_wal")));
    let scanned = crate::helpers::assert_no_secret_in_live(&cluster, &passwords, len);
    assert!(scanned > 0, "the cluster's files were read");
}

/// The state of the handoff of the customer with `email` on `app`, as its history says.
async fn state_of(app: &TestApp, actor: &Actor, email: &str) -> keydesk_api::HandoffState {
    app.handoffs(actor, None, 50)
        .await
        .rows
        .into_iter()
        .find(|h| h.username == email)
        .unwrap_or_else(|| panic!("no handoff of {email}"))
        .state
}

#[tokio::test]
async fn a_login_handed_over_on_one_owners_desk_leaves_every_owners_queue_and_sent_beats_revoked() {
    use keydesk_api::{HandoffChannel, HandoffState};
    let Agency {
        front,
        owner,
        mut desks,
        ..
    } = agency(&[
        ("carla@agency.test", Role::Owner),
        ("ana@agency.test", Role::Agent),
    ])
    .await;
    let (ana_app, ana) = desks.pop().unwrap();
    let (carla_app, carla) = desks.pop().unwrap();
    for email in ["lea@example.com", "max@example.com"] {
        ana_app
            .add_customer_with_login(&ana, customer_form(email, "A", "Customer"))
            .await;
    }
    sync(&ana_app).await;
    sync(&front).await;
    sync(&carla_app).await;

    // Léa's login: handed over on the front desk, gone from Carla's queue at her next sync.
    let lea = queued(&front, &owner, "lea@example.com").await.unwrap();
    front
        .keydesk
        .mark_handoff_sent(&owner, lea, HandoffChannel::Phone, "")
        .await
        .unwrap();
    assert!(queued(&carla_app, &carla, "lea@example.com")
        .await
        .is_some());
    sync(&front).await;
    sync(&carla_app).await;
    assert_eq!(queued(&carla_app, &carla, "lea@example.com").await, None);
    assert_eq!(
        state_of(&carla_app, &carla, "lea@example.com").await,
        HandoffState::Sent
    );
    carla_app.assert_audited(&carla, &["handoff.sent"]).await;

    // Max's login: Carla revokes it while the front desk, not synced, hands it over. Sent
    // wins on both desks, whichever syncs first.
    let on_carlas = queued(&carla_app, &carla, "max@example.com").await.unwrap();
    let on_front = queued(&front, &owner, "max@example.com").await.unwrap();
    carla_app
        .keydesk
        .revoke_handoff(&carla, on_carlas)
        .await
        .unwrap();
    front
        .keydesk
        .mark_handoff_sent(&owner, on_front, HandoffChannel::InPerson, "")
        .await
        .unwrap();
    sync(&carla_app).await;
    sync(&front).await;
    sync(&carla_app).await;
    for (app, actor) in [(&front, &owner), (&carla_app, &carla)] {
        assert_eq!(
            state_of(app, actor, "max@example.com").await,
            HandoffState::Sent
        );
    }
}

#[tokio::test]
async fn a_desk_that_publishes_seals_its_pending_logins_for_every_owner() {
    let server = new_database().await;
    admin::init(&server).await.expect("server-init");
    let (front, owner) = TestApp::with_owner().await;
    front.on_real_time();
    let before = front
        .add_customer_with_login(&owner, customer_form("lea@example.com", "Léa", "Moreau"))
        .await;
    let password = opens(&front, &owner, before.handoff_id).await.unwrap();
    let carla = front.member(&owner, "carla@agency.test", Role::Admin).await;
    front
        .keydesk
        .set_staff_role(&owner, carla.id(), Role::Owner)
        .await
        .unwrap();
    front
        .keydesk
        .publish_to_agency_server(&owner, &server, "Front desk")
        .await
        .unwrap();
    let invitation = front
        .keydesk
        .invite_desk(&owner, carla.id(), "Carla's desktop")
        .await
        .unwrap();
    let (carla_app, carla) = joined_desk(&invitation, "carla@agency.test").await;
    // Her desk's key came after the login was sealed: the front desk seals it anew.
    sync(&front).await;
    sync(&carla_app).await;

    let on_carlas = queued(&carla_app, &carla, "lea@example.com").await.unwrap();
    assert_eq!(
        opens(&carla_app, &carla, on_carlas).await.unwrap(),
        password
    );
    // Still the same login on the front desk, which opens it as before.
    assert_eq!(
        opens(&front, &owner, before.handoff_id).await.unwrap(),
        password
    );
    front
        .assert_audited(&owner, &["handoff.keys_resealed"])
        .await;
}

#[tokio::test]
async fn an_owner_added_later_opens_an_agents_login_once_another_owners_desk_seals_it_anew() {
    let Agency {
        front,
        owner,
        mut desks,
        ..
    } = agency(&[("ana@agency.test", Role::Agent)]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    ana_app
        .add_customer_with_login(&ana, customer_form("lea@example.com", "Léa", "Moreau"))
        .await;
    sync(&ana_app).await;
    sync(&front).await;

    // Carla becomes an owner after the login was sealed, on a desk of her own.
    let carla = front.member(&owner, "carla@agency.test", Role::Admin).await;
    front
        .keydesk
        .set_staff_role(&owner, carla.id(), Role::Owner)
        .await
        .unwrap();
    let invitation = front
        .keydesk
        .invite_desk(&owner, carla.id(), "Carla's desktop")
        .await
        .unwrap();
    let (carla_app, carla) = joined_desk(&invitation, "carla@agency.test").await;
    sync(&carla_app).await;
    let waiting = carla_app
        .pending_handoffs(&carla)
        .await
        .into_iter()
        .find(|p| p.username == "lea@example.com")
        .expect("the login reaches the new owner's desk");
    assert!(!waiting.you_can_open && waiting.an_owner_can_open);
    let refused = opens(&carla_app, &carla, HandoffId(waiting.handoff_id))
        .await
        .unwrap_err();
    assert!(
        refused.contains("Waiting for another owner's desk"),
        "{refused}"
    );

    // The front desk, at its next sync, seals it anew for her too.
    sync(&front).await;
    sync(&carla_app).await;
    let password = opens(&carla_app, &carla, HandoffId(waiting.handoff_id))
        .await
        .unwrap();
    let on_front = queued(&front, &owner, "lea@example.com").await.unwrap();
    assert_eq!(opens(&front, &owner, on_front).await.unwrap(), password);
    assert!(password_works(&ana_app, &ana, "lea@example.com", &password).await);
}

/// How many owner keys a login on the server is sealed to.
async fn recipients_of(server: &ServerUrl, email: &str) -> usize {
    recipient_keys_of(server, email).await.len()
}

#[tokio::test]
async fn a_member_made_owner_opens_earlier_logins_and_a_disabled_owner_gets_no_new_ones() {
    let Agency {
        server,
        front,
        owner,
        mut desks,
    } = agency(&[
        ("carla@agency.test", Role::Admin),
        ("ana@agency.test", Role::Agent),
    ])
    .await;
    let (ana_app, ana) = desks.pop().unwrap();
    let (carla_app, carla) = desks.pop().unwrap();
    ana_app
        .add_customer_with_login(&ana, customer_form("lea@example.com", "Léa", "Moreau"))
        .await;
    sync(&ana_app).await;
    assert_eq!(recipients_of(&server, "lea@example.com").await, 1);

    // Carla, an admin with a desk of her own, is made an owner on the front desk: her
    // desk's keys become an owner's, and the front desk seals Léa's login anew for her.
    let carla_id = {
        let staff = front.keydesk.list_staff(&owner).await.unwrap();
        staff
            .into_iter()
            .find(|m| m.email == "carla@agency.test")
            .unwrap()
            .id
    };
    front
        .keydesk
        .set_staff_role(&owner, keydesk_core::domain::StaffId(carla_id), Role::Owner)
        .await
        .unwrap();
    sync(&front).await;
    // The front desk's owner, and Carla on both desks she has keys on (hers, and the
    // front desk where she first signed in).
    assert_eq!(recipients_of(&server, "lea@example.com").await, 3);
    sync(&carla_app).await;
    let carla = carla_app
        .sign_in_with("carla@agency.test", JOIN_PASSWORD)
        .await
        .unwrap_or(carla);
    let on_carlas = queued(&carla_app, &carla, "lea@example.com").await.unwrap();
    let password = opens(&carla_app, &carla, on_carlas).await.unwrap();
    assert!(password_works(&ana_app, &ana, "lea@example.com", &password).await);

    // Disabled, Carla's keys (on both desks) leave the roster: Ana's next login is sealed
    // to the front desk's owner only.
    front
        .keydesk
        .set_staff_active(&owner, keydesk_core::domain::StaffId(carla_id), false)
        .await
        .unwrap();
    sync(&front).await;
    sync(&ana_app).await;
    ana_app
        .add_customer_with_login(&ana, customer_form("max@example.com", "Max", "Moreau"))
        .await;
    sync(&ana_app).await;
    assert_eq!(recipients_of(&server, "max@example.com").await, 1);
}

#[tokio::test]
async fn the_keys_of_an_invitation_that_ran_out_unused_leave_the_roster() {
    let Agency {
        server,
        front,
        owner,
        ..
    } = agency(&[]).await;
    let agent = front.member(&owner, "ana@agency.test", Role::Agent).await;
    front
        .keydesk
        .invite_desk(&owner, agent.id(), "Laptop never set up")
        .await
        .unwrap();
    let revocations = || async {
        let mut connection = server.connect().await.unwrap();
        let count: i64 =
            sqlx::query_scalar("SELECT count(*) FROM kd.roster WHERE body LIKE '%\"revoke\"%'")
                .fetch_one(&mut connection)
                .await
                .unwrap();
        count
    };
    sync(&front).await;
    assert_eq!(revocations().await, 0, "still good for a day");

    // A day on, by the server's clock, the owner's desk signs the keys out.
    let server_now: chrono::DateTime<chrono::Utc> = sqlx::query_scalar("SELECT now()")
        .fetch_one(&mut server.connect().await.unwrap())
        .await
        .unwrap();
    front
        .clock
        .advance(server_now - front.clock_now() + chrono::Duration::hours(25));
    sync(&front).await;
    assert_eq!(revocations().await, 1);
}

#[tokio::test]
async fn logins_a_revoked_owners_desk_could_open_are_reset_for_the_owners_of_now() {
    let Agency {
        server,
        front,
        owner,
        mut desks,
    } = agency(&[
        ("carla@agency.test", Role::Owner),
        ("ana@agency.test", Role::Agent),
    ])
    .await;
    let (ana_app, ana) = desks.pop().unwrap();
    let (carla_app, _) = desks.pop().unwrap();
    ana_app
        .add_customer_with_login(&ana, customer_form("lea@example.com", "Léa", "Moreau"))
        .await;
    sync(&ana_app).await;
    sync(&front).await;
    let before = queued(&front, &owner, "lea@example.com").await.unwrap();
    let old_password = opens(&front, &owner, before).await.unwrap();

    // Carla's desktop is lost: revoking it says what its keys could open.
    let carlas_desk = carla_app.desk().await;
    assert!(
        matches!(
            front
                .keydesk
                .reset_logins_open_to_desk(&owner, carlas_desk)
                .await,
            Err(ServiceError::Conflict(_))
        ),
        "nothing is reset while the desk's keys are still the agency's"
    );
    let exposed = front
        .keydesk
        .revoke_desk(&owner, carlas_desk)
        .await
        .unwrap();
    assert_eq!(exposed, 1);
    let reset = front
        .keydesk
        .reset_logins_open_to_desk(&owner, carlas_desk)
        .await
        .unwrap();
    assert_eq!(reset, 1);

    // A new login, sealed to the front desk's owner only; the old one is revoked
    // everywhere and its password no longer works.
    let after = queued(&front, &owner, "lea@example.com").await.unwrap();
    assert_ne!(after, before);
    let new_password = opens(&front, &owner, after).await.unwrap();
    assert_ne!(new_password, old_password);
    let mut connection = server.connect().await.unwrap();
    let states: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT state, body FROM kd.handoffs ORDER BY received_at")
            .fetch_all(&mut connection)
            .await
            .unwrap();
    assert_eq!(states.len(), 2);
    assert_eq!(states[0].0, "revoked");
    assert_eq!(states[1].0, "pending");
    // The old one went to three owner keys (the front desk's owner, Carla's there and on
    // her desktop); the new one to the two left.
    let body = states[1].1.as_deref().unwrap();
    assert_eq!(
        body.matches("\"recipient\"").count(),
        2,
        "not to the revoked desk"
    );
}

#[tokio::test]
async fn an_owner_rotates_her_desks_keys_and_every_pending_login_follows_the_new_ones() {
    let Agency {
        server,
        front,
        owner,
        mut desks,
    } = agency(&[("ana@agency.test", Role::Agent)]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    ana_app
        .add_customer_with_login(&ana, customer_form("lea@example.com", "Léa", "Moreau"))
        .await;
    sync(&ana_app).await;
    sync(&front).await;
    let lea = queued(&front, &owner, "lea@example.com").await.unwrap();
    let password = opens(&front, &owner, lea).await.unwrap();
    let body_before = {
        let mut connection = server.connect().await.unwrap();
        let body: String = sqlx::query_scalar("SELECT body FROM kd.handoffs")
            .fetch_one(&mut connection)
            .await
            .unwrap();
        body
    };

    let refused = front
        .keydesk
        .rotate_desk_keys(&owner, pw("not my password at all"))
        .await;
    assert!(
        matches!(refused, Err(ServiceError::Field(_))),
        "{refused:?}"
    );
    front
        .keydesk
        .rotate_desk_keys(&owner, pw(crate::helpers::OWNER_PASSWORD))
        .await
        .unwrap();

    // The login is sealed to the new key only, and still opens here, now and after the
    // owner signs in again.
    let mut connection = server.connect().await.unwrap();
    let body_after: String = sqlx::query_scalar("SELECT body FROM kd.handoffs")
        .fetch_one(&mut connection)
        .await
        .unwrap();
    assert_ne!(body_after, body_before);
    assert_eq!(body_after.matches("\"recipient\"").count(), 1);
    let old_recipient = body_before.split("\"recipient\":\"").nth(1).unwrap()[..64].to_owned();
    assert!(
        !body_after.contains(&old_recipient),
        "the old key is gone from the login"
    );
    assert_eq!(opens(&front, &owner, lea).await.unwrap(), password);
    let owner = front.sign_in(crate::helpers::OWNER_PASSWORD).await.unwrap();
    assert_eq!(opens(&front, &owner, lea).await.unwrap(), password);

    // Ana's desk seals her next login to the new key.
    sync(&ana_app).await;
    ana_app
        .add_customer_with_login(&ana, customer_form("max@example.com", "Max", "Moreau"))
        .await;
    sync(&ana_app).await;
    sync(&front).await;
    let max = queued(&front, &owner, "max@example.com").await.unwrap();
    assert!(opens(&front, &owner, max).await.is_ok());
    front.assert_audited(&owner, &["agency.keys_rotated"]).await;
}

#[tokio::test]
async fn a_login_expires_by_the_agency_servers_clock_not_a_wrong_desk_clock() {
    let Agency { front, owner, .. } = agency(&[]).await;
    // This computer's clock is a month behind the server's.
    front.clock.advance(chrono::Duration::days(-30));
    front
        .add_customer_with_login(&owner, customer_form("lea@example.com", "Léa", "Moreau"))
        .await;
    assert_eq!(
        front.keydesk.expire_handoffs().await.unwrap(),
        0,
        "by this desk's clock the login has days left"
    );
    assert!(queued(&front, &owner, "lea@example.com").await.is_some());
    // Once the desk has heard the server's time, the login's time is up.
    sync(&front).await;
    assert_eq!(front.keydesk.expire_handoffs().await.unwrap(), 1);
    assert!(queued(&front, &owner, "lea@example.com").await.is_none());

    // A login made now runs for its days by the server's clock, also after a restart
    // with no server in reach: eight days on, by this computer's clock still three weeks
    // before it was made, it has expired.
    front
        .add_customer_with_login(&owner, customer_form("max@example.com", "Max", "Roux"))
        .await;
    let front = front.restart().await;
    front.clock.advance(chrono::Duration::days(8));
    assert_eq!(front.keydesk.expire_handoffs().await.unwrap(), 1);
    assert!(queued(&front, &owner, "max@example.com").await.is_none());
}

/// The id `app` knows the customer with `email` by.
async fn customer_on(
    app: &TestApp,
    actor: &Actor,
    email: &str,
) -> keydesk_core::domain::CustomerId {
    let rows = app
        .keydesk
        .list_customers(actor, &Default::default())
        .await
        .unwrap()
        .rows;
    let row = rows.iter().find(|r| r.email == email).expect("listed");
    keydesk_core::domain::CustomerId(row.id)
}

#[tokio::test]
async fn two_owners_resetting_at_once_keep_the_first_reset_and_the_second_is_superseded() {
    use keydesk_api::{HandoffChannel, HandoffState};
    let Agency {
        server,
        front,
        owner,
        mut desks,
    } = agency(&[("carla@agency.test", Role::Owner)]).await;
    let (carla_app, carla) = desks.pop().unwrap();
    let lea = "lea@example.com";
    let made = front
        .add_customer_with_login(&owner, customer_form(lea, "Léa", "Moreau"))
        .await;
    front
        .keydesk
        .mark_handoff_sent(&owner, made.handoff_id, HandoffChannel::Phone, "")
        .await
        .unwrap();
    sync(&front).await;
    sync(&carla_app).await;

    // Léa calls twice: the front desk resets her password, then Carla does, neither
    // having heard of the other's reset.
    let first = front
        .keydesk
        .reset_customer_password(&owner, customer_on(&front, &owner, lea).await)
        .await
        .unwrap();
    let first_password = opens(&front, &owner, first.handoff_id).await.unwrap();
    let second = carla_app
        .keydesk
        .reset_customer_password(&carla, customer_on(&carla_app, &carla, lea).await)
        .await
        .unwrap();
    let second_password = opens(&carla_app, &carla, second.handoff_id).await.unwrap();

    // Carla's reaches the server first; the front desk's was made first, and stays.
    sync(&carla_app).await;
    sync(&front).await;
    sync(&carla_app).await;
    sync(&front).await;
    for (app, actor) in [(&front, &owner), (&carla_app, &carla)] {
        let held = queued(app, actor, lea).await.expect("one login waits");
        assert_eq!(opens(app, actor, held).await.unwrap(), first_password);
        assert!(password_works(app, actor, lea, &first_password).await);
        assert!(!password_works(app, actor, lea, &second_password).await);
    }
    let superseded = carla_app
        .handoffs(&carla, None, 50)
        .await
        .rows
        .into_iter()
        .find(|h| h.handoff_id == second.handoff_id.0)
        .expect("Carla's reset is listed");
    assert_eq!(superseded.state, HandoffState::Revoked, "superseded");
    carla_app.assert_audited(&carla, &["handoff.revoked"]).await;

    // The portal account is the first reset's too.
    let mut admin = server.connect().await.unwrap();
    let hash: String =
        sqlx::query_scalar("SELECT password_hash FROM kd.portal_accounts WHERE username = $1")
            .bind(lea)
            .fetch_one(&mut admin)
            .await
            .unwrap();
    let parsed = argon2::PasswordHash::new(&hash).unwrap();
    use argon2::PasswordVerifier;
    assert!(argon2::Argon2::default()
        .verify_password(first_password.as_bytes(), &parsed)
        .is_ok());

    // A reset made later, knowing the first, replaces it everywhere.
    let third = carla_app
        .keydesk
        .reset_customer_password(&carla, customer_on(&carla_app, &carla, lea).await)
        .await
        .unwrap();
    let third_password = opens(&carla_app, &carla, third.handoff_id).await.unwrap();
    sync(&carla_app).await;
    sync(&front).await;
    let held = queued(&front, &owner, lea).await.unwrap();
    assert_eq!(opens(&front, &owner, held).await.unwrap(), third_password);
}

/// The keys (hex) a login on the server is wrapped to.
async fn recipient_keys_of(server: &ServerUrl, email: &str) -> HashSet<String> {
    let mut connection = server.connect().await.unwrap();
    let body: String = sqlx::query_scalar("SELECT body FROM kd.handoffs WHERE body LIKE $1")
        .bind(format!("%{email}%"))
        .fetch_one(&mut connection)
        .await
        .unwrap();
    body.split("\"recipient\":\"")
        .skip(1)
        .map(|rest| rest[..64].to_owned())
        .collect()
}

#[tokio::test]
async fn an_owner_whose_password_is_reset_opens_logins_with_new_keys_and_her_old_keys_get_none() {
    let Agency {
        server,
        front,
        owner,
        mut desks,
    } = agency(&[
        ("carla@agency.test", Role::Owner),
        ("ana@agency.test", Role::Agent),
    ])
    .await;
    let (ana_app, ana) = desks.pop().unwrap();
    let (carla_app, carla_laptop) = desks.pop().unwrap();
    ana_app
        .add_customer_with_login(&ana, customer_form("lea@example.com", "Léa", "Moreau"))
        .await;
    sync(&ana_app).await;
    sync(&front).await;
    // Carla signs in on the front desk too, where she worked before her laptop.
    let carla_email = "carla@agency.test";
    let carla_password = format!("Admin chooses a sturdy passphrase {}", carla_email.len());
    let carla = front
        .sign_in_with(carla_email, &carla_password)
        .await
        .unwrap();
    let lea = queued(&front, &carla, "lea@example.com").await.unwrap();
    let password = opens(&front, &carla, lea).await.unwrap();
    let before = recipient_keys_of(&server, "lea@example.com").await;
    assert_eq!(
        before.len(),
        3,
        "the front desk's owner and Carla's two desks"
    );
    // A login Carla makes at the front desk, signed by her keys there.
    front
        .add_customer_with_login(&carla, customer_form("noor@example.com", "Noor", "Haddad"))
        .await;
    sync(&front).await;
    sync(&carla_app).await;

    // An admin of the front desk cannot reset a password there: the roster takes an
    // owner's signature.
    let dan = front
        .member(&owner, "admin.dan@agency.test", Role::Admin)
        .await;
    let ana_on_front = front
        .keydesk
        .list_staff(&owner)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.email == "ana@agency.test")
        .unwrap();
    assert_eq!(ana_on_front.role, Role::Agent);
    let refused = front
        .keydesk
        .reset_staff_password(&dan, keydesk_core::domain::StaffId(ana_on_front.id))
        .await
        .map(|_| ());
    assert!(
        matches!(refused, Err(ServiceError::NotAllowed(_))),
        "{refused:?}"
    );

    // Carla forgot her password: the owner resets it on the front desk.
    let reset = front
        .keydesk
        .reset_staff_password(&owner, carla.id())
        .await
        .unwrap();
    assert!(
        opens(&front, &carla, lea).await.is_err(),
        "her session ended"
    );
    assert!(front
        .sign_in_with(carla_email, &carla_password)
        .await
        .is_err());
    let temporary = reset.temporary_password.expose().to_owned();
    let first = front.sign_in_with(carla_email, &temporary).await.unwrap();
    assert!(first.must_change_password());
    let chosen = "Carla picks a brand new passphrase 7";
    let carla = front
        .keydesk
        .change_own_password(
            &first,
            crate::helpers::password_change(&temporary, chosen, chosen),
        )
        .await
        .unwrap();

    // The login is sealed to her new keys and no longer to her old ones on this desk.
    let after = recipient_keys_of(&server, "lea@example.com").await;
    assert_eq!(after.len(), 3);
    assert_eq!(before.difference(&after).count(), 1, "one key left");
    let old_key = before.difference(&after).next().unwrap().clone();
    assert_eq!(opens(&front, &carla, lea).await.unwrap(), password);
    let carla = front.sign_in_with(carla_email, chosen).await.unwrap();
    assert_eq!(opens(&front, &carla, lea).await.unwrap(), password);
    // Her laptop's keys are untouched.
    sync(&carla_app).await;
    let on_laptop = queued(&carla_app, &carla_laptop, "lea@example.com")
        .await
        .unwrap();
    assert_eq!(
        opens(&carla_app, &carla_laptop, on_laptop).await.unwrap(),
        password
    );
    // What her old keys signed at the front desk still checks everywhere: the owner
    // signed it anew before they left the roster.
    let noor = queued(&carla_app, &carla_laptop, "noor@example.com")
        .await
        .expect("the front desk's login still reaches her laptop");
    let noor_password = opens(&carla_app, &carla_laptop, noor).await.unwrap();
    let noor_on_front = queued(&front, &owner, "noor@example.com").await.unwrap();
    assert_eq!(
        opens(&front, &owner, noor_on_front).await.unwrap(),
        noor_password
    );

    // Ana's desk seals the next login to the new keys, never to the old ones.
    sync(&ana_app).await;
    ana_app
        .add_customer_with_login(&ana, customer_form("max@example.com", "Max", "Moreau"))
        .await;
    sync(&ana_app).await;
    sync(&front).await;
    let max_keys = recipient_keys_of(&server, "max@example.com").await;
    assert_eq!(max_keys.len(), 3);
    assert!(!max_keys.contains(&old_key));
    let max = queued(&front, &carla, "max@example.com").await.unwrap();
    let max_password = opens(&front, &carla, max).await.unwrap();
    assert!(password_works(&ana_app, &ana, "max@example.com", &max_password).await);
    front
        .assert_audited(&owner, &["staff.password_reset"])
        .await;
}
