//! The recovery kit: a single owner whose keys are lost opens every pending login again
//! with the kit's 24 words, and nothing else opens with anything but those words.

use crate::helpers::{
    assert_err, assert_no_secret_in, conflict_message, customer_form, database_files, exec,
    field_error, files_under, trace_to_file, TestApp, OWNER_PASSWORD,
};
use keydesk_api::{RecoveryKit, Role};
use keydesk_core::auth::Actor;
use keydesk_core::domain::{PlainPassword, StaffId};
use keydesk_core::services::{AccessError, NewLogin, ServiceError};
use keydesk_core::vault::recovery::RecoveryKey;
use sqlx::SqliteConnection;
use std::collections::HashSet;

async fn count_of(conn: &mut SqliteConnection, sql: &'static str, id: Option<StaffId>) -> i64 {
    let query = sqlx::query_scalar(sql);
    let query = match id {
        Some(id) => query.bind(id.0),
        None => query,
    };
    query.fetch_one(&mut *conn).await.unwrap()
}

async fn recovery_wraps(conn: &mut SqliteConnection) -> i64 {
    count_of(conn, "SELECT COUNT(*) FROM handoff_recovery_wraps", None).await
}

async fn owner_wraps(conn: &mut SqliteConnection, id: StaffId) -> i64 {
    let sql = "SELECT COUNT(*) FROM handoff_key_wraps WHERE recipient = ?";
    count_of(conn, sql, Some(id)).await
}

fn phrase(kit: &RecoveryKit) -> PlainPassword {
    PlainPassword::new(kit.words.join(" "))
}

/// The words of `kit` with two different words swapped: all known words, a bad
/// checksum (or, rarely, another key).
fn swapped(kit: &RecoveryKit) -> PlainPassword {
    let mut words = kit.words.clone();
    let j = (1..words.len()).find(|&j| words[j] != words[0]).unwrap();
    words.swap(0, j);
    PlainPassword::new(words.join(" "))
}

/// The owner's keys are lost: what a reset does to them (the keys and every login key
/// wrapped to them gone), then they sign in again and get a new pair.
async fn lose_keys(app: &TestApp, owner: Actor) -> Actor {
    app.keydesk.sign_out(&owner).await.unwrap();
    let mut conn = app.open_file().await;
    exec(&mut conn, "DELETE FROM handoff_key_wraps").await;
    exec(&mut conn, "DELETE FROM staff_keys").await;
    drop(conn);
    app.sign_in(OWNER_PASSWORD).await.unwrap()
}

async fn make_logins(app: &TestApp, by: &Actor, prefix: &str, n: usize) -> Vec<NewLogin> {
    let mut logins = Vec::new();
    for i in 0..n {
        let form = customer_form(&format!("{prefix}{i}@example.com"), "Kit", "Login");
        logins.push(app.add_customer_with_login(by, form).await);
    }
    logins
}

#[tokio::test]
async fn a_single_owner_whose_keys_are_lost_opens_every_pending_login_with_the_kit() {
    let (app, owner) = TestApp::with_owner().await;
    let log_file = app.paths.log_dir.join("recovery-kit-trace.log");
    let _log = trace_to_file(&log_file);
    let admin = app.member(&owner, "admin@agency.test", Role::Admin).await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    let mut logins = make_logins(&app, &agent, "before", 2).await;

    let status = app.keydesk.recovery_key_status(&owner).await.unwrap();
    assert_eq!(status.created_at, None);
    let kit = app.keydesk.create_recovery_key(&owner).await.unwrap();
    assert_eq!(kit.words.len(), 24);
    assert!(kit.qr_svg.contains("<svg"));
    assert!(kit.status.created_at.is_some());
    assert_eq!(kit.status.sealed_logins, 2, "the logins made before it");

    // Logins an agent makes with no owner signed in are sealed to the kit too.
    app.keydesk.sign_out(&owner).await.unwrap();
    logins.extend(make_logins(&app, &agent, "after", 3).await);
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    let status = app.keydesk.recovery_key_status(&owner).await.unwrap();
    assert_eq!(status.sealed_logins, 5);
    assert_eq!(status.created_at, kit.status.created_at);

    let owner = lose_keys(&app, owner).await;
    let queue = app.pending_handoffs(&owner).await;
    assert_eq!(queue.len(), 5);
    assert!(queue
        .iter()
        .all(|p| !p.you_can_open && !p.an_owner_can_open));
    let refused = app
        .keydesk
        .reveal_handoff_password(&owner, logins[0].handoff_id);
    let refused = conflict_message(refused.await);
    assert!(refused.contains("No owner can open"), "{refused}");
    assert!(refused.contains("the recovery kit can"), "{refused}");

    // Words that are not the kit change nothing.
    let mut conn = app.open_file().await;
    let other = RecoveryKey::generate().unwrap().words().unwrap().join(" ");
    let other = PlainPassword::new(other);
    let other = app.keydesk.use_recovery_key(&owner, &other);
    assert!(field_error(other.await, "words").contains("not the current recovery key"));
    let mistyped = swapped(&kit);
    let mistyped = app.keydesk.use_recovery_key(&owner, &mistyped);
    assert!(!field_error(mistyped.await, "words").is_empty());
    let mut unknown = kit.words.clone();
    unknown[3] = "keydesk".to_owned();
    let unknown = PlainPassword::new(unknown.join(" "));
    let unknown = app.keydesk.use_recovery_key(&owner, &unknown);
    assert!(field_error(unknown.await, "words").contains("Word 4"));
    let short = PlainPassword::new(kit.words[..12].join(" "));
    let short = app.keydesk.use_recovery_key(&owner, &short);
    assert!(field_error(short.await, "words").contains("24 words"));
    assert_eq!(owner_wraps(&mut conn, owner.id()).await, 0);
    assert_eq!(app.audit_count(&owner, "recovery_key.used").await, 0);

    // Admins and agents never get that far.
    for member in [&admin, &agent] {
        let member = app.sign_in_as(member.email().as_ref()).await;
        let words = phrase(&kit);
        assert_err!(
            app.keydesk.use_recovery_key(&member, &words).await,
            ServiceError::Access(AccessError::Forbidden)
        );
        assert_err!(
            app.keydesk.create_recovery_key(&member).await,
            ServiceError::Access(AccessError::Forbidden)
        );
        assert_err!(
            app.keydesk.remove_recovery_key(&member).await,
            ServiceError::Access(AccessError::Forbidden)
        );
        assert_err!(
            app.keydesk.recovery_key_status(&member).await,
            ServiceError::Access(AccessError::Forbidden)
        );
    }
    assert_eq!(owner_wraps(&mut conn, owner.id()).await, 0);
    assert_eq!(recovery_wraps(&mut conn).await, 5);

    // The words, typed loosely, open them all again for the owner.
    let typed = PlainPassword::new(format!("  {}\n", kit.words.join("  ").to_uppercase()));
    let used = app.keydesk.use_recovery_key(&owner, &typed).await.unwrap();
    assert_eq!((used.logins, used.owners), (5, 1));
    let queue = app.pending_handoffs(&owner).await;
    assert!(queue.iter().all(|p| p.you_can_open && p.an_owner_can_open));
    let passwords: HashSet<Vec<u8>> = (app.reveal_each(&owner, &logins).await.iter())
        .map(|p| p.expose().as_bytes().to_vec())
        .collect();
    app.assert_audited(&owner, &["recovery_key.created", "recovery_key.used"])
        .await;
    let used = app.audit_entries(&owner).await;
    let used = used
        .iter()
        .find(|e| e.action == "recovery_key.used")
        .unwrap();
    assert!(used.detail.contains("5 pending logins"), "{}", used.detail);
    drop(conn);

    // Neither the words nor a password rests in the database, its WAL or the logs.
    let mut scanned = database_files(&app.paths);
    scanned.extend(files_under(&app.paths.log_dir));
    let words = HashSet::from([phrase(&kit).expose().as_bytes().to_vec()]);
    let len = phrase(&kit).expose().len();
    assert_no_secret_in(&scanned, &words, len);
    let first_words = HashSet::from([kit.words[..3].join(" ").into_bytes()]);
    let len = kit.words[..3].join(" ").len();
    assert_no_secret_in(&scanned, &first_words, len);
    let len = passwords.iter().next().unwrap().len();
    assert!(passwords.iter().all(|p| p.len() == len));
    assert_no_secret_in(&scanned, &passwords, len);
    assert!(std::fs::metadata(&log_file).unwrap().len() > 0);
    app.cleanup().await;
}

#[tokio::test]
async fn a_replaced_kit_opens_nothing_and_a_removed_kit_leaves_no_wraps() {
    let (app, owner) = TestApp::with_owner().await;
    let old = app.keydesk.create_recovery_key(&owner).await.unwrap();
    let logins = make_logins(&app, &owner, "one", 2).await;
    let mut conn = app.open_file().await;
    assert_eq!(recovery_wraps(&mut conn).await, 2);
    let new = app.keydesk.create_recovery_key(&owner).await.unwrap();
    assert_ne!(old.words, new.words);
    assert_eq!(recovery_wraps(&mut conn).await, 2, "the old wraps replaced");
    assert_eq!(app.audit_count(&owner, "recovery_key.created").await, 2);

    let owner = lose_keys(&app, owner).await;
    let old_words = phrase(&old);
    let replaced = app.keydesk.use_recovery_key(&owner, &old_words);
    assert!(field_error(replaced.await, "words").contains("not the current recovery key"));
    assert_eq!(owner_wraps(&mut conn, owner.id()).await, 0);

    let refused = app
        .keydesk
        .reveal_handoff_password(&owner, logins[0].handoff_id);
    assert!(conflict_message(refused.await).contains("the recovery kit can"));
    app.keydesk.remove_recovery_key(&owner).await.unwrap();
    let refused = app
        .keydesk
        .reveal_handoff_password(&owner, logins[0].handoff_id);
    let refused = conflict_message(refused.await);
    assert!(
        refused.contains("No owner can open this login any more"),
        "{refused}"
    );
    assert_eq!(recovery_wraps(&mut conn).await, 0);
    let rows = count_of(&mut conn, "SELECT COUNT(*) FROM recovery_key", None).await;
    assert_eq!(rows, 0);
    let status = app.keydesk.recovery_key_status(&owner).await.unwrap();
    assert_eq!((status.created_at, status.sealed_logins), (None, 0));
    let new_words = phrase(&new);
    let gone = app.keydesk.use_recovery_key(&owner, &new_words);
    assert!(conflict_message(gone.await).contains("no recovery key"));
    assert_err!(
        app.keydesk.remove_recovery_key(&owner).await,
        ServiceError::Conflict(_)
    );
    make_logins(&app, &owner, "two", 1).await;
    assert_eq!(recovery_wraps(&mut conn).await, 0, "no kit, no wrap");
    app.assert_audited(&owner, &["recovery_key.removed"]).await;
    app.cleanup().await;
}

/// A login the kit's maker could not open is sealed to the kit by the next owner who
/// can, with the catch-up that shares it with the maker.
#[tokio::test]
async fn the_catch_up_seals_to_the_kit_what_its_maker_could_not_open() {
    let (app, a) = TestApp::with_owner().await;
    let (b, b_password) = app.add_member(&a, "bea@agency.test", Role::Admin).await;
    let b_id = b.id();
    app.keydesk
        .set_staff_role(&a, b_id, Role::Owner)
        .await
        .unwrap();
    let b = app
        .sign_in_with("bea@agency.test", &b_password)
        .await
        .unwrap();
    let login = make_logins(&app, &b, "shared", 1).await.remove(0);
    // A's keys are lost: the login is wrapped to B only.
    app.keydesk.sign_out(&a).await.unwrap();
    let mut conn = app.open_file().await;
    let a_id = a.id();
    sqlx::query("DELETE FROM handoff_key_wraps WHERE recipient = ?")
        .bind(a_id.0)
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("DELETE FROM staff_keys WHERE staff_id = ?")
        .bind(a_id.0)
        .execute(&mut conn)
        .await
        .unwrap();
    app.keydesk.sign_out(&b).await.unwrap();
    let a = app.sign_in(OWNER_PASSWORD).await.unwrap();
    let kit = app.keydesk.create_recovery_key(&a).await.unwrap();
    assert_eq!(kit.status.sealed_logins, 0, "A could open nothing");

    let b = app
        .sign_in_with("bea@agency.test", &b_password)
        .await
        .unwrap();
    assert_eq!(recovery_wraps(&mut conn).await, 1);
    assert_eq!(owner_wraps(&mut conn, a_id).await, 1);
    let password = app.reveal(&a, login.handoff_id).await;
    assert!(
        app.password_works(login.customer_id, password.expose())
            .await
    );
    let entries = app.audit_entries(&b).await;
    let shared = entries
        .iter()
        .find(|e| e.action == "handoff.keys_shared")
        .expect("the catch-up is audited");
    assert!(
        shared
            .detail
            .contains("1 pending logins shared with 1 owners"),
        "{}",
        shared.detail
    );
    app.cleanup().await;
}
