//! Pending logins open only for a signed-in owner: not with the vault key and the
//! database alone, not for an owner whose session holds no keys, and for each owner only
//! once another owner shared the login with them.

use crate::helpers::{
    assert_no_secret_in, conflict_message, customer_form, database_files, exec, files_under,
    forget_migration, password_change, pw, trace_to_file, TestApp, OWNER_EMAIL, OWNER_PASSWORD,
};
use keydesk_api::{PendingHandoff, Role};
use keydesk_core::auth::Actor;
use keydesk_core::domain::{CustomerId, HandoffId, OutboxId, StaffId};
use keydesk_core::store::handoffs::{associated_data, vault_associated_data};
use keydesk_core::vault::owner_keys::{KdfParams, LockedKeys, PublicKeys};
use keydesk_core::vault::{self, KeyStore, OsKeyring, Sealed, VaultKey};
use sqlx::SqliteConnection;
use std::collections::HashSet;

const MIGRATION: i64 = 20261130110000;

type HandoffBlob = (i64, i64, Option<Vec<u8>>, Option<Vec<u8>>);

/// The sealed passwords of the pending handoffs, as the database file holds them.
async fn pending_blobs(conn: &mut SqliteConnection) -> Vec<HandoffBlob> {
    sqlx::query_as(
        "SELECT id, customer_id, nonce, ciphertext FROM credential_handoffs
         WHERE state = 'pending' ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap()
}

/// How many login keys are wrapped to member `id`.
async fn wraps_to(conn: &mut SqliteConnection, id: StaffId) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM handoff_key_wraps WHERE recipient = ?")
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await
        .unwrap()
}

async fn has_keys(conn: &mut SqliteConnection, id: StaffId) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM staff_keys WHERE staff_id = ?")
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await
        .unwrap()
        == 1
}

/// The vault key as any program in the same session could read it from the keyring.
fn vault_key_from_keyring(app: &TestApp) -> VaultKey {
    OsKeyring
        .load(app.keydesk.keyring_account())
        .unwrap()
        .expect("the vault key is in the keyring")
}

/// Whether `actor` can open handoff `id` now; the refusal's words otherwise.
async fn opens(app: &TestApp, actor: &Actor, id: HandoffId) -> Result<String, String> {
    match app.keydesk.reveal_handoff_password(actor, id).await {
        Ok(secret) => Ok(secret.password.expose().to_owned()),
        Err(error) => Err(error.to_string()),
    }
}

fn queue_row(queue: &[PendingHandoff], id: HandoffId) -> &PendingHandoff {
    queue.iter().find(|p| p.handoff_id == id.0).unwrap()
}

#[tokio::test]
async fn the_vault_key_and_the_database_without_an_owner_password_open_no_pending_login() {
    let (app, owner) = TestApp::with_owner().await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    app.keydesk.sign_out(&owner).await.unwrap();
    let mut logins = Vec::new();
    for i in 0..20 {
        let form = customer_form(&format!("c{i}@example.com"), "Sealed", "Login");
        logins.push(app.add_customer_with_login(&agent, form).await);
    }

    let key = vault_key_from_keyring(&app);
    let mut conn = app.open_file().await;
    let rows = pending_blobs(&mut conn).await;
    assert_eq!(rows.len(), 20);
    let mut tried = 0;
    for (id, customer, nonce, ciphertext) in &rows {
        let sealed = Sealed {
            nonce: nonce.clone().expect("a pending login is sealed"),
            ciphertext: ciphertext.clone().unwrap(),
        };
        let (id, customer) = (HandoffId(*id), CustomerId(*customer));
        for aad in [
            vault_associated_data(id),
            associated_data(id, customer),
            Vec::new(),
        ] {
            assert!(vault::unseal(&key, &aad, &sealed).is_err(), "handoff {id}");
            tried += 1;
        }
    }
    // The members' private keys: not under the vault key, nor under the vault key
    // taken as a password, nor under no password.
    type KeyRow = (
        i64,
        Vec<u8>,
        Vec<u8>,
        Vec<u8>,
        i64,
        i64,
        i64,
        Vec<u8>,
        Vec<u8>,
    );
    let keys: Vec<KeyRow> = sqlx::query_as(
        "SELECT staff_id, hpke_public, signing_public, kdf_salt, kdf_m_cost, kdf_t_cost,
                kdf_p_cost, private_nonce, private_sealed FROM staff_keys",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert_eq!(keys.len(), 2, "the owner and the agent have keys");
    for (id, hpke, signing, salt, m, t, p, nonce, sealed) in keys {
        let sealed = Sealed {
            nonce,
            ciphertext: sealed,
        };
        let aad = format!("keydesk member keys {id}");
        assert!(vault::unseal(&key, aad.as_bytes(), &sealed).is_err());
        let locked = LockedKeys {
            public: PublicKeys::from_slices(&hpke, &signing).unwrap(),
            salt,
            kdf: KdfParams {
                m_cost: m as u32,
                t_cost: t as u32,
                p_cost: p as u32,
            },
            sealed,
        };
        for guess in [key.as_bytes().as_slice(), b"", OWNER_EMAIL.as_bytes()] {
            assert!(locked.open(id, guess).is_err());
            tried += 1;
        }
    }
    // No mail carries a copy.
    let copies: Vec<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT id, sealed_secret FROM outbox WHERE sealed_secret IS NOT NULL")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    for (id, copy) in &copies {
        assert!(keydesk_core::mail::seal::open(&key, OutboxId(*id), copy).is_err());
    }
    eprintln!("{tried} ways tried, none opened");

    // The owner's password is what was missing.
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    app.reveal_each(&owner, &logins).await;
    app.cleanup().await;
}

#[tokio::test]
async fn an_agent_makes_a_hundred_logins_with_no_owner_signed_in_and_the_owner_opens_each() {
    let (app, owner) = TestApp::with_owner().await;
    let log_file = app.paths.log_dir.join("owner-keys-trace.log");
    let _log = trace_to_file(&log_file);
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    app.keydesk.sign_out(&owner).await.unwrap();
    let mut logins = Vec::new();
    let started = std::time::Instant::now();
    for i in 0..100 {
        let form = customer_form(&format!("c{i}@example.com"), "Hundred", "Logins");
        logins.push(app.add_customer_with_login(&agent, form).await);
    }
    let created = started.elapsed();
    let signed_out = app
        .keydesk
        .reveal_handoff_password(&owner, logins[0].handoff_id);
    assert!(
        conflict_message(signed_out.await).contains("sign in again"),
        "a signed-out session opens nothing"
    );

    let started = std::time::Instant::now();
    let agent_again = app.sign_in_with("agent@agency.test", "Agent chooses a sturdy passphrase 17");
    agent_again.await.unwrap();
    let agent_sign_in = started.elapsed();
    let started = std::time::Instant::now();
    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    let owner_sign_in = started.elapsed();
    let queue = app.pending_handoffs(&owner).await;
    assert_eq!(queue.len(), 100);
    assert!(queue.iter().all(|p| p.you_can_open && p.an_owner_can_open));
    let passwords: HashSet<Vec<u8>> = (app.reveal_each(&owner, &logins).await.iter())
        .map(|p| p.expose().as_bytes().to_vec())
        .collect();
    eprintln!(
        "100 logins made by an agent in {created:?}; sign-in: agent {agent_sign_in:?}, \
         owner (keys unsealed) {owner_sign_in:?}"
    );
    assert_eq!(passwords.len(), 100);
    let len = passwords.iter().next().unwrap().len();
    assert!(passwords.iter().all(|p| p.len() == len));

    // A backup of it all, scanned with the rest.
    let passphrase = pw("tidal ledger fox 93 orchard");
    let backups = app.keydesk.set_backup_passphrase(&owner, &passphrase).await;
    assert!(backups.unwrap().passphrase_set);
    let status = app.keydesk.back_up_now(&owner, &|_| {}).await.unwrap();
    let backup = std::path::PathBuf::from(&status.backups[0].path);

    let mut scanned = database_files(&app.paths);
    scanned.extend(files_under(&app.paths.log_dir));
    scanned.push(backup.clone());
    let bytes = assert_no_secret_in(&scanned, &passwords, len);
    // Neither the database nor the backup shows a customer's email or name.
    for file in [app.paths.database_file(), backup] {
        let content = std::fs::read(&file).unwrap();
        for needle in ["c7@example.com", "Hundred", "Logins"] {
            assert!(
                !content
                    .windows(needle.len())
                    .any(|w| w == needle.as_bytes()),
                "{needle} in {}",
                file.display()
            );
        }
    }
    assert!(
        std::fs::metadata(&log_file).unwrap().len() > 0,
        "the log caught the run"
    );
    eprintln!("scanned {} files, {bytes} bytes", scanned.len());
    app.cleanup().await;
}

#[tokio::test]
async fn a_locked_session_opens_nothing_until_it_is_unlocked() {
    let (app, owner) = TestApp::with_owner().await;
    let form = customer_form("ann@example.com", "Ann", "Locked");
    let login = app.add_customer_with_login(&owner, form).await;
    app.keydesk.lock_session(&owner).await.unwrap();
    let locked = opens(&app, &owner, login.handoff_id).await;
    assert!(locked.unwrap_err().contains("sign in again"));
    let wrong = app.keydesk.unlock_session(&owner, pw("nope"));
    assert!(wrong.await.is_err());
    assert!(opens(&app, &owner, login.handoff_id).await.is_err());
    let owner = app
        .keydesk
        .unlock_session(&owner, pw(OWNER_PASSWORD))
        .await
        .unwrap();
    let password = opens(&app, &owner, login.handoff_id).await.unwrap();
    assert!(app.password_works(login.customer_id, &password).await);
    app.cleanup().await;
}

/// Owner A, then B added and promoted, demoted, promoted again, reset, changing their
/// password, disabled: who can open what after each step.
#[tokio::test]
async fn owner_keys_follow_an_owner_through_promotion_demotion_reset_and_disable() {
    let (app, a) = TestApp::with_owner().await;
    let agent = app.member(&a, "agent@agency.test", Role::Agent).await;
    let (b, b_password) = app.add_member(&a, "bea@agency.test", Role::Admin).await;
    let b_id = b.id();
    let first = app
        .add_customer_with_login(&agent, customer_form("first@example.com", "First", "Login"))
        .await;
    let mut conn = app.open_file().await;
    assert_eq!(
        wraps_to(&mut conn, b_id).await,
        0,
        "an admin is no recipient"
    );

    // Promoted: A wraps what A can open to B's key at once.
    app.keydesk
        .set_staff_role(&a, b_id, Role::Owner)
        .await
        .unwrap();
    assert_eq!(wraps_to(&mut conn, b_id).await, 1);
    let b = app
        .sign_in_with("bea@agency.test", &b_password)
        .await
        .unwrap();
    let opened = opens(&app, &b, first.handoff_id).await.unwrap();
    assert_eq!(opened, opens(&app, &a, first.handoff_id).await.unwrap());
    let second = app
        .add_customer_with_login(
            &agent,
            customer_form("second@example.com", "Second", "Login"),
        )
        .await;
    assert!(
        opens(&app, &b, second.handoff_id).await.is_ok(),
        "sealed to both"
    );

    // Demoted: B's keys and wraps are gone.
    app.keydesk
        .set_staff_role(&a, b_id, Role::Admin)
        .await
        .unwrap();
    assert_eq!(wraps_to(&mut conn, b_id).await, 0);
    assert!(!has_keys(&mut conn, b_id).await);
    let b = app
        .sign_in_with("bea@agency.test", &b_password)
        .await
        .unwrap();
    assert!(opens(&app, &b, first.handoff_id).await.is_err());
    assert!(opens(&app, &a, first.handoff_id).await.is_ok());

    // Signed in as an admin, B got a new key pair; promoted again, A shares at once.
    assert!(has_keys(&mut conn, b_id).await);
    app.keydesk
        .set_staff_role(&a, b_id, Role::Owner)
        .await
        .unwrap();
    assert_eq!(wraps_to(&mut conn, b_id).await, 2);
    let b = app
        .sign_in_with("bea@agency.test", &b_password)
        .await
        .unwrap();
    assert!(opens(&app, &b, first.handoff_id).await.is_ok());
    assert!(opens(&app, &b, second.handoff_id).await.is_ok());
    assert!(queue_row(&app.pending_handoffs(&b).await, first.handoff_id).you_can_open);

    // Reset by A: a new key pair under the temporary password, shared with at once.
    let reset = app.keydesk.reset_staff_password(&a, b_id).await.unwrap();
    assert!(
        opens(&app, &b, first.handoff_id).await.is_err(),
        "session ended"
    );
    let temporary = reset.temporary_password.expose().to_owned();
    let b = app
        .sign_in_with("bea@agency.test", &temporary)
        .await
        .unwrap();
    let chosen = "Bea picks a brand new passphrase 7";
    let b = app
        .keydesk
        .change_own_password(&b, password_change(&temporary, chosen, chosen))
        .await
        .unwrap();
    assert_eq!(
        opens(&app, &b, first.handoff_id).await.unwrap(),
        opened,
        "B opens with the new password"
    );

    // B changes password: same keys, sealed again; still opens after signing in anew.
    let again = "Bea changes her passphrase again 8";
    let b = app
        .keydesk
        .change_own_password(&b, password_change(chosen, again, again))
        .await
        .unwrap();
    assert!(opens(&app, &b, second.handoff_id).await.is_ok());
    app.keydesk.sign_out(&b).await.unwrap();
    assert!(
        opens(&app, &b, second.handoff_id).await.is_err(),
        "signed out"
    );
    assert!(app.sign_in_with("bea@agency.test", chosen).await.is_err());
    let b = app.sign_in_with("bea@agency.test", again).await.unwrap();
    assert!(opens(&app, &b, first.handoff_id).await.is_ok());
    assert!(opens(&app, &b, second.handoff_id).await.is_ok());

    // Disabled: keys and wraps gone; A still opens everything.
    app.keydesk.set_staff_active(&a, b_id, false).await.unwrap();
    assert_eq!(wraps_to(&mut conn, b_id).await, 0);
    assert!(!has_keys(&mut conn, b_id).await);
    assert!(opens(&app, &b, first.handoff_id).await.is_err());
    assert!(opens(&app, &a, first.handoff_id).await.is_ok());
    assert!(opens(&app, &a, second.handoff_id).await.is_ok());
    app.cleanup().await;
}

#[tokio::test]
async fn a_login_no_owner_can_open_any_more_says_to_reset_the_password() {
    let (app, a) = TestApp::with_owner().await;
    let (b, b_password) = app.add_member(&a, "bea@agency.test", Role::Admin).await;
    // Promoted, demoted (which drops B's keys) and promoted again: B has no keys until
    // their next sign-in, so the login is wrapped to A only...
    for role in [Role::Owner, Role::Admin, Role::Owner] {
        app.keydesk.set_staff_role(&a, b.id(), role).await.unwrap();
    }
    let login = app
        .add_customer_with_login(&a, customer_form("lost@example.com", "Lost", "Login"))
        .await;
    let b = app
        .sign_in_with("bea@agency.test", &b_password)
        .await
        .unwrap();
    let before = opens(&app, &b, login.handoff_id).await.unwrap_err();
    assert!(
        before.contains("another owner must sign in once"),
        "{before}"
    );
    let queue = app.pending_handoffs(&b).await;
    let row = queue_row(&queue, login.handoff_id);
    assert!(!row.you_can_open && row.an_owner_can_open);
    // ... and A is demoted by B before A acted again to share it.
    app.keydesk
        .set_staff_role(&b, a.id(), Role::Admin)
        .await
        .unwrap();
    let refused = opens(&app, &b, login.handoff_id).await.unwrap_err();
    assert!(
        refused.contains("No owner can open this login any more"),
        "{refused}"
    );
    let queue = app.pending_handoffs(&b).await;
    let row = queue_row(&queue, login.handoff_id);
    assert!(!row.you_can_open && !row.an_owner_can_open);

    // A reset makes a new one that B opens.
    app.keydesk
        .reset_customer_password(&b, login.customer_id)
        .await
        .unwrap();
    let queue = app.pending_handoffs(&b).await;
    let renewed = queue
        .iter()
        .find(|p| p.customer_id == login.customer_id.0)
        .unwrap();
    assert!(renewed.you_can_open && renewed.an_owner_can_open);
    let password = app.reveal(&b, HandoffId(renewed.handoff_id)).await;
    assert!(
        app.password_works(login.customer_id, password.expose())
            .await
    );
    app.cleanup().await;
}

/// A database as the version before owner keys left it: pending logins sealed under the
/// vault key, no key tables.
#[tokio::test]
async fn logins_sealed_under_the_vault_key_are_resealed_to_owner_keys_at_the_first_owner_sign_in() {
    let (app, owner) = TestApp::with_owner().await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    app.keydesk.sign_out(&owner).await.unwrap();
    // With no owner keys, logins are sealed as the previous version sealed them.
    let mut conn = app.open_file().await;
    exec(&mut conn, "DELETE FROM staff_keys").await;
    let mut logins = Vec::new();
    for i in 0..5 {
        let form = customer_form(&format!("old{i}@example.com"), "Old", "Login");
        logins.push(app.add_customer_with_login(&agent, form).await);
    }
    let app = app.close_keeping_data().await;
    let mut conn = app.open_file().await;
    exec(&mut conn, "DROP TRIGGER handoff_key_wraps_closed").await;
    exec(&mut conn, "DROP TABLE handoff_key_wraps").await;
    exec(&mut conn, "DROP TABLE staff_keys").await;
    exec(
        &mut conn,
        "ALTER TABLE credential_handoffs DROP COLUMN sealed_with",
    )
    .await;
    forget_migration(&mut conn, MIGRATION).await;

    // The rows open with the vault key, as the previous version sealed them.
    let key = vault_key_from_keyring(&app);
    let old = pending_blobs(&mut conn).await;
    assert_eq!(old.len(), 5);
    let mut old_ciphertexts = HashSet::new();
    for (id, _, nonce, ciphertext) in &old {
        let sealed = Sealed {
            nonce: nonce.clone().unwrap(),
            ciphertext: ciphertext.clone().unwrap(),
        };
        assert!(vault::unseal(&key, &vault_associated_data(HandoffId(*id)), &sealed).is_ok());
        old_ciphertexts.insert(sealed.ciphertext);
    }
    drop(conn);

    let app = app.reopen().await;
    let mut conn = app.open_file().await;
    let waiting: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM credential_handoffs WHERE sealed_with = 'vault_key' AND state = 'pending'",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(
        waiting, 5,
        "the upgrade leaves them until an owner signs in"
    );

    let owner = app.sign_in(OWNER_PASSWORD).await.unwrap();
    let resealed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM credential_handoffs WHERE sealed_with = 'owner_keys' AND state = 'pending'",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(resealed, 5);
    assert_eq!(wraps_to(&mut conn, owner.id()).await, 5);
    let entries = app.audit_entries(&owner).await;
    let audited = entries.iter().find(|e| e.action == "handoff.keys_resealed");
    assert!(audited.is_some_and(|e| e.detail.starts_with("5 pending logins")));
    for (id, customer, nonce, ciphertext) in pending_blobs(&mut conn).await {
        let sealed = Sealed {
            nonce: nonce.unwrap(),
            ciphertext: ciphertext.unwrap(),
        };
        let (id, customer) = (HandoffId(id), CustomerId(customer));
        assert!(vault::unseal(&key, &vault_associated_data(id), &sealed).is_err());
        assert!(vault::unseal(&key, &associated_data(id, customer), &sealed).is_err());
    }
    drop(conn);
    // The vault-sealed bytes are gone from the file and its WAL.
    let len = old_ciphertexts.iter().next().unwrap().len();
    assert!(old_ciphertexts.iter().all(|c| c.len() == len));
    assert_no_secret_in(&database_files(&app.paths)[..2], &old_ciphertexts, len);

    app.reveal_each(&owner, &logins).await;
    app.cleanup().await;
}

/// The mail keeps its own sealed copy: it leaves after the owner who queued it signed
/// out, and the copy is gone once it is sent.
#[tokio::test]
async fn a_login_mail_queued_by_an_owner_leaves_after_they_sign_out() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let sink = crate::smtp::SmtpSink::serving(k, &owner).await;
    let login = app
        .add_customer_with_login(&owner, customer_form("mail@example.com", "Mia", "Mail"))
        .await;

    k.lock_session(&owner).await.unwrap();
    let locked = k.send_handoff_by_mail(&owner, login.handoff_id, "Welcome");
    assert!(conflict_message(locked.await).contains("sign in again"));
    let owner = k.unlock_session(&owner, pw(OWNER_PASSWORD)).await.unwrap();
    let queued = k
        .send_handoff_by_mail(&owner, login.handoff_id, "Welcome")
        .await
        .unwrap();
    k.sign_out(&owner).await.unwrap();
    let mut conn = app.open_file().await;
    let copies: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE id = ? AND sealed_secret IS NOT NULL",
    )
    .bind(queued.id)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(copies, 1, "the mail holds its copy while it waits");

    assert_eq!(k.send_due_mail().await.unwrap().sent, 1);
    let raw = sink.wait_for(1, crate::mail::WAIT);
    let mail = mail_parser::MessageParser::default()
        .parse(&raw[0])
        .unwrap();
    let text = mail.body_text(0).unwrap().replace("\r\n", "\n");
    let password = crate::mail::password_in(&text);
    assert!(app.password_works(login.customer_id, &password).await);
    let copies: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sealed_secret IS NOT NULL")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!(copies, 0, "sent, the copy is gone");
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM credential_handoffs WHERE ciphertext IS NOT NULL")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!(left, 0);
    assert_eq!(
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM handoff_key_wraps")
            .fetch_one(&mut conn)
            .await
            .unwrap(),
        0,
        "the handoff closed as sent by mail keeps no wrapped key"
    );
    drop(conn);
    let mut secret = HashSet::new();
    secret.insert(password.as_bytes().to_vec());
    assert_no_secret_in(&database_files(&app.paths)[..1], &secret, password.len());
    app.cleanup().await;
}
