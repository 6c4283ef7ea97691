//! Customer logins: generated, sealed, handed over, expired, reset; settings; bulk.

use crate::helpers::{assert_err, conflict_message, customer_form, field_error, TestApp};
use keydesk_api::{
    CreateCustomerRequest, CredentialSettings, EntropyBand, GenerateLoginsProgress, HandoffChannel,
    HandoffReason, HandoffState, Role,
};
use keydesk_core::auth::Actor;
use keydesk_core::domain::{CustomerId, HandoffId};
use keydesk_core::services::{AccessError, NewLogin, ServiceError};
use sqlx::{Connection, SqliteConnection};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// A customer "Cara Customer" with a generated login.
pub async fn create_with_login(app: &TestApp, actor: &Actor, email: &str) -> NewLogin {
    let form = customer_form(email, "Cara", "Customer");
    app.add_customer_with_login(actor, form).await
}

/// `(state, nonce bytes, ciphertext bytes)` of a handoff as stored.
async fn stored(
    conn: &mut SqliteConnection,
    handoff_id: HandoffId,
) -> (String, Option<i64>, Option<i64>) {
    sqlx::query_as(
        "SELECT state, length(nonce), length(ciphertext) FROM credential_handoffs WHERE id = ?",
    )
    .bind(handoff_id)
    .fetch_one(conn)
    .await
    .unwrap()
}

/// The actions of a customer's audit rows, oldest first.
async fn customer_actions(app: &TestApp, owner: &Actor, customer_id: CustomerId) -> Vec<String> {
    let history = app.history(owner, customer_id).await;
    history.into_iter().rev().map(|e| e.action).collect()
}

#[tokio::test]
async fn a_new_customers_login_is_sealed_queued_and_matches_its_stored_hash() {
    let (app, owner) = TestApp::with_owner().await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    let first = create_with_login(&app, &agent, "first@example.com").await;
    app.clock.advance(chrono::Duration::minutes(5));
    let second = create_with_login(&app, &owner, "second@example.com").await;
    assert_eq!(first.username, "first@example.com");
    assert!(
        first.one_time_password.is_none(),
        "agents see nothing by default"
    );
    assert!(second.one_time_password.is_none(), "owners use the queue");

    let pending = app.pending_handoffs(&owner).await;
    let ids: Vec<i64> = pending.iter().map(|p| p.handoff_id).collect();
    assert_eq!(
        ids,
        [first.handoff_id.0, second.handoff_id.0],
        "oldest first"
    );
    assert_eq!(pending[0].customer_name, "Cara Customer");
    assert_eq!(pending[0].username, "first@example.com");
    assert_eq!(pending[0].created_by, "Member Agent");
    assert_eq!(pending[0].reason, HandoffReason::NewCustomer);
    assert_eq!(pending[0].created_at, "2026-11-02T09:00:00+00:00");
    assert_eq!(pending[0].expires_at, "2026-11-09T09:00:00+00:00");
    assert_eq!(
        app.keydesk
            .pending_handoff_count(&owner)
            .await
            .unwrap()
            .pending,
        2
    );

    let revealed = app.reveal(&owner, first.handoff_id).await;
    let password = revealed.expose().to_owned();
    assert_eq!(password.chars().count(), 16);
    assert!(app.password_works(first.customer_id, &password).await);
    assert!(
        !app.password_works(first.customer_id, "not the password")
            .await
    );
    let copied = app
        .keydesk
        .copy_handoff_password(&owner, first.handoff_id)
        .await
        .unwrap();
    assert_eq!(copied.text.expose(), password);
    assert_eq!(copied.clear_after_seconds, 30);
    let username = app
        .keydesk
        .copy_handoff_username(&owner, first.handoff_id)
        .await
        .unwrap();
    assert_eq!(username.text.expose(), "first@example.com");

    let mut conn = app.open_file().await;
    let (state, nonce, ciphertext) = stored(&mut conn, first.handoff_id).await;
    assert_eq!(
        (state.as_str(), nonce, ciphertext),
        ("pending", Some(24), Some(16 + 16))
    );
    let (username, must_change, hash): (String, bool, String) = sqlx::query_as(
        "SELECT username, must_change_password, password_hash FROM customer_accounts
         WHERE customer_id = ?",
    )
    .bind(first.customer_id)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(username, "first@example.com");
    assert!(must_change);
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "same parameters as staff: {hash}"
    );
    conn.close().await.unwrap();

    assert_eq!(
        customer_actions(&app, &owner, first.customer_id).await,
        [
            "customer.created",
            "credentials.issued",
            "handoff.revealed",
            "handoff.password_copied",
            "handoff.username_copied"
        ]
    );
    app.cleanup().await;
}

#[tokio::test]
async fn sent_revoked_and_expired_handoffs_lose_their_sealed_password_and_are_audited() {
    let (app, owner) = TestApp::with_owner().await;
    let sent = create_with_login(&app, &owner, "sent@example.com").await;
    let revoked = create_with_login(&app, &owner, "revoked@example.com").await;
    let expired = create_with_login(&app, &owner, "expired@example.com").await;

    app.keydesk
        .mark_handoff_sent(
            &owner,
            sent.handoff_id,
            HandoffChannel::Whatsapp,
            "  read out at the counter ",
        )
        .await
        .unwrap();
    app.keydesk
        .revoke_handoff(&owner, revoked.handoff_id)
        .await
        .unwrap();
    let mut conn = app.open_file().await;
    assert_eq!(
        stored(&mut conn, sent.handoff_id).await,
        ("sent".to_owned(), None, None)
    );
    assert_eq!(
        stored(&mut conn, revoked.handoff_id).await,
        ("revoked".to_owned(), None, None)
    );
    assert_eq!(stored(&mut conn, expired.handoff_id).await.0, "pending");
    let (sent_flag, sent_by): (bool, Option<i64>) = sqlx::query_as(
        "SELECT credentials_sent, credentials_sent_by FROM customer_accounts WHERE customer_id = ?",
    )
    .bind(sent.customer_id)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert!(sent_flag);
    assert_eq!(sent_by, Some(owner.id().0));

    // Closing a handoff without destroying its sealed password cannot be committed.
    let kept = sqlx::query(
        "UPDATE credential_handoffs SET state = 'sent', channel = 'sms', closed_at = 'now'
         WHERE id = ?",
    )
    .bind(expired.handoff_id)
    .execute(&mut conn)
    .await;
    assert!(
        kept.is_err(),
        "the schema refuses a closed handoff with a password"
    );

    // Six days and 23 hours: still pending. Seven days: expired at the next look.
    app.clock.advance(chrono::Duration::hours(7 * 24 - 1));
    assert_eq!(app.pending_handoffs(&owner).await.len(), 1);
    app.clock.advance(chrono::Duration::hours(1));
    assert!(app.pending_handoffs(&owner).await.is_empty());
    assert_eq!(
        stored(&mut conn, expired.handoff_id).await,
        ("expired".to_owned(), None, None)
    );
    conn.close().await.unwrap();

    let message = conflict_message(
        app.keydesk
            .reveal_handoff_password(&owner, expired.handoff_id)
            .await,
    );
    assert!(
        message.contains("expired — reset the password to issue a new one"),
        "{message}"
    );
    let message = conflict_message(
        app.keydesk
            .copy_handoff_password(&owner, sent.handoff_id)
            .await,
    );
    assert!(message.contains("sent"), "{message}");
    conflict_message(app.keydesk.revoke_handoff(&owner, sent.handoff_id).await);
    conflict_message(
        app.keydesk
            .mark_handoff_sent(&owner, revoked.handoff_id, HandoffChannel::Email, "")
            .await,
    );

    let history = app.handoffs(&owner, None, 10).await;
    let states: Vec<_> = history.rows.iter().map(|r| r.state).collect();
    assert_eq!(
        states,
        [
            HandoffState::Expired,
            HandoffState::Revoked,
            HandoffState::Sent
        ]
    );
    let expired_row = &history.rows[0];
    assert_eq!(
        expired_row.state_description,
        "expired — reset the password to issue a new one"
    );
    assert_eq!(expired_row.closed_by, None);
    let sent_row = &history.rows[2];
    assert_eq!(sent_row.channel, Some(HandoffChannel::Whatsapp));
    assert_eq!(sent_row.note.as_deref(), Some("read out at the counter"));
    assert_eq!(sent_row.closed_by.as_deref(), Some("Olivia Owner"));
    let one = app.handoffs(&owner, Some(sent.customer_id.0), 10).await;
    assert_eq!(one.rows.len(), 1);
    let paged = app.handoffs(&owner, None, 2).await;
    assert_eq!(paged.rows.len(), 2);
    assert_eq!(paged.next_before_id, Some(revoked.handoff_id.0));

    let tail = |actions: Vec<String>| actions.last().cloned().unwrap();
    assert_eq!(
        tail(customer_actions(&app, &owner, sent.customer_id).await),
        "handoff.sent"
    );
    assert_eq!(
        tail(customer_actions(&app, &owner, revoked.customer_id).await),
        "handoff.revoked"
    );
    assert_eq!(
        tail(customer_actions(&app, &owner, expired.customer_id).await),
        "handoff.expired"
    );
    let page = app.audit_entries(&owner).await;
    let sent_entry = page.iter().find(|e| e.action == "handoff.sent").unwrap();
    assert_eq!(
        sent_entry.detail,
        format!("handoff #{} by WhatsApp", sent.handoff_id)
    );
    let expiry = page.iter().find(|e| e.action == "handoff.expired").unwrap();
    assert_eq!(expiry.actor, "system");
    app.cleanup().await;
}

#[tokio::test]
async fn a_reset_revokes_the_pending_handoff_and_only_the_new_password_works() {
    let (app, owner) = TestApp::with_owner().await;
    let admin = app.member(&owner, "admin@agency.test", Role::Admin).await;
    let login = create_with_login(&app, &owner, "reset@example.com").await;
    let old = app.reveal(&owner, login.handoff_id).await;

    // An admin may reset, but not see the new password: it waits for an owner.
    let reset = app
        .keydesk
        .reset_customer_password(&admin, login.customer_id)
        .await
        .unwrap();
    assert_ne!(reset.handoff_id, login.handoff_id);
    assert!(reset.one_time_password.is_none());
    assert_err!(
        app.keydesk
            .reveal_handoff_password(&admin, reset.handoff_id)
            .await,
        ServiceError::Access(AccessError::Forbidden)
    );
    let mut conn = app.open_file().await;
    assert_eq!(
        stored(&mut conn, login.handoff_id).await,
        ("revoked".to_owned(), None, None)
    );
    conn.close().await.unwrap();
    let pending = app.pending_handoffs(&owner).await;
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].handoff_id, reset.handoff_id.0);
    assert_eq!(pending[0].reason, HandoffReason::Reset);
    assert_eq!(pending[0].created_by, "Member Admin");

    let new = app.reveal(&owner, reset.handoff_id).await;
    assert_ne!(new.expose(), old.expose());
    assert!(!app.password_works(login.customer_id, old.expose()).await);
    assert!(app.password_works(login.customer_id, new.expose()).await);
    let actions = customer_actions(&app, &owner, login.customer_id).await;
    assert_eq!(
        actions[actions.len() - 3..],
        ["handoff.revoked", "credentials.reset", "handoff.revealed"]
    );
    assert_err!(
        app.keydesk
            .reset_customer_password(&owner, CustomerId(i64::MAX))
            .await,
        ServiceError::NotFound
    );
    app.cleanup().await;
}

#[tokio::test]
async fn a_flipped_byte_in_a_sealed_password_is_a_clear_cannot_decrypt_error() {
    let (app, owner) = TestApp::with_owner().await;
    let a = create_with_login(&app, &owner, "a@example.com").await;
    let b = create_with_login(&app, &owner, "b@example.com").await;
    let c = create_with_login(&app, &owner, "c@example.com").await;

    let mut conn = app.open_file().await;
    let (mut ciphertext,): (Vec<u8>,) =
        sqlx::query_as("SELECT ciphertext FROM credential_handoffs WHERE id = ?")
            .bind(a.handoff_id)
            .fetch_one(&mut conn)
            .await
            .unwrap();
    ciphertext[3] ^= 0x01;
    sqlx::query("UPDATE credential_handoffs SET ciphertext = ? WHERE id = ?")
        .bind(&ciphertext)
        .bind(a.handoff_id)
        .execute(&mut conn)
        .await
        .unwrap();
    // B's sealed password copied onto C's row does not open there: each is bound to its row.
    sqlx::query(
        "UPDATE credential_handoffs SET (nonce, ciphertext) =
             (SELECT nonce, ciphertext FROM credential_handoffs WHERE id = ?)
         WHERE id = ?",
    )
    .bind(b.handoff_id)
    .bind(c.handoff_id)
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();

    for result in [
        app.keydesk
            .reveal_handoff_password(&owner, a.handoff_id)
            .await
            .map(|_| ()),
        app.keydesk
            .copy_handoff_password(&owner, a.handoff_id)
            .await
            .map(|_| ()),
        app.keydesk
            .reveal_handoff_password(&owner, c.handoff_id)
            .await
            .map(|_| ()),
    ] {
        match result {
            Err(error @ ServiceError::CannotDecrypt) => {
                assert!(error.to_string().contains("cannot be decrypted"), "{error}");
            }
            other => panic!("expected a decryption failure, got {other:?}"),
        }
    }
    let actions = customer_actions(&app, &owner, a.customer_id).await;
    assert_eq!(
        actions[actions.len() - 2..],
        ["handoff.decrypt_failed", "handoff.decrypt_failed"]
    );
    // B still opens: only the damaged row is affected.
    app.reveal(&owner, b.handoff_id).await;
    // The way out is a reset.
    let reset = app
        .keydesk
        .reset_customer_password(&owner, a.customer_id)
        .await
        .unwrap();
    app.reveal(&owner, reset.handoff_id).await;
    app.cleanup().await;
}

#[tokio::test]
async fn agents_see_a_new_password_once_only_when_an_owner_allows_it() {
    let (app, owner) = TestApp::with_owner().await;
    let alex = app.member(&owner, "alex@agency.test", Role::Agent).await;
    let bea = app.member(&owner, "bea@agency.test", Role::Agent).await;
    let admin = app.member(&owner, "admin@agency.test", Role::Admin).await;

    let view = app.keydesk.credential_settings(&owner).await.unwrap();
    let allow = CredentialSettings {
        agents_see_new_password_once: true,
        ..view.settings.clone()
    };
    assert_err!(
        app.keydesk
            .save_credential_settings(&admin, allow.clone())
            .await,
        ServiceError::NotAllowed(_)
    );
    app.keydesk
        .save_credential_settings(&owner, allow)
        .await
        .unwrap();

    let login = create_with_login(&app, &alex, "shown@example.com").await;
    let shown = login.one_time_password.expect("shown once to the agent");
    assert!(app.password_works(login.customer_id, shown.expose()).await);
    let by_owner = create_with_login(&app, &owner, "owner-made@example.com").await;
    assert!(by_owner.one_time_password.is_none());

    // Still queued for the owner until the agent says it was handed over.
    let pending = app.pending_handoffs(&owner).await;
    assert!(pending.iter().any(|p| p.handoff_id == login.handoff_id.0));
    assert_err!(
        app.keydesk
            .mark_new_login_sent(&bea, login.handoff_id, HandoffChannel::InPerson, "")
            .await,
        ServiceError::NotAllowed(_)
    );
    assert_err!(
        app.keydesk
            .mark_handoff_sent(&alex, login.handoff_id, HandoffChannel::InPerson, "")
            .await,
        ServiceError::Access(AccessError::Forbidden)
    );
    app.keydesk
        .mark_new_login_sent(&alex, login.handoff_id, HandoffChannel::InPerson, "")
        .await
        .unwrap();
    let pending = app.pending_handoffs(&owner).await;
    assert!(!pending.iter().any(|p| p.handoff_id == login.handoff_id.0));
    let actions = customer_actions(&app, &owner, login.customer_id).await;
    assert_eq!(
        actions,
        [
            "customer.created",
            "credentials.issued",
            "handoff.shown_to_creator",
            "handoff.sent"
        ]
    );

    // Without "generate login" nothing is issued.
    let plain = app
        .keydesk
        .create_customer_with_login(
            &alex,
            CreateCustomerRequest {
                input: customer_form("nologin@example.com", "No", "Login"),
                generate_login: false,
            },
        )
        .await
        .unwrap();
    assert!(plain.login.is_none());
    app.cleanup().await;
}

#[tokio::test]
async fn credential_settings_have_defaults_limits_and_shape_new_passwords() {
    let (app, owner) = TestApp::with_owner().await;
    let view = app.keydesk.credential_settings(&owner).await.unwrap();
    assert_eq!(view.settings.policy.length, 16);
    assert!(view.settings.policy.exclude_lookalikes);
    assert_eq!(view.settings.handoff_expiry_days, 7);
    assert_eq!(view.settings.clipboard_clear_seconds, 30);
    assert!(!view.settings.agents_see_new_password_once);
    assert_eq!(view.entropy.band, EntropyBand::Strong);

    type Spoil = fn(&mut CredentialSettings);
    let refused: [(Spoil, &str); 5] = [
        (|s| s.policy.length = 11, "length"),
        (
            |s| {
                s.policy.lower = false;
                s.policy.upper = false;
                s.policy.digits = false;
                s.policy.symbols = false;
            },
            "character_classes",
        ),
        (|s| s.handoff_expiry_days = 0, "handoff_expiry_days"),
        (|s| s.handoff_expiry_days = 91, "handoff_expiry_days"),
        (
            |s| s.clipboard_clear_seconds = 601,
            "clipboard_clear_seconds",
        ),
    ];
    for (spoil, field) in refused {
        let mut bad = view.settings.clone();
        spoil(&mut bad);
        field_error(
            app.keydesk.save_credential_settings(&owner, bad).await,
            field,
        );
    }

    let mut digits = view.settings.clone();
    digits.policy.length = 12;
    digits.policy.lower = false;
    digits.policy.upper = false;
    digits.policy.symbols = false;
    let entropy = app
        .keydesk
        .password_policy_entropy(&owner, &digits.policy)
        .await
        .unwrap();
    assert_eq!(entropy.band, EntropyBand::Weak);
    digits.policy.length = 24;
    digits.handoff_expiry_days = 2;
    digits.clipboard_clear_seconds = 0;
    let saved = app
        .keydesk
        .save_credential_settings(&owner, digits.clone())
        .await
        .unwrap();
    assert_eq!(saved.entropy.band, EntropyBand::Good);
    assert_eq!(
        app.keydesk
            .credential_settings(&owner)
            .await
            .unwrap()
            .settings,
        digits
    );

    let login = create_with_login(&app, &owner, "digits@example.com").await;
    let password = app.reveal(&owner, login.handoff_id).await;
    assert_eq!(password.expose().len(), 24);
    assert!(password.expose().chars().all(|c| c.is_ascii_digit()));
    assert!(!password.expose().contains(['0', '1']));
    let copy = app
        .keydesk
        .copy_handoff_password(&owner, login.handoff_id)
        .await
        .unwrap();
    assert_eq!(copy.clear_after_seconds, 0);
    let pending = app.pending_handoffs(&owner).await;
    assert_eq!(pending[0].expires_at, "2026-11-04T09:00:00+00:00");

    let page = app.audit_entries(&owner).await;
    let change = page
        .iter()
        .find(|e| e.action == "settings.changed")
        .unwrap();
    assert!(
        change
            .detail
            .starts_with("credentials: password length 16 → 24"),
        "{}",
        change.detail
    );
    app.cleanup().await;
}

#[tokio::test]
async fn generating_logins_skips_customers_with_one_and_a_cancel_keeps_what_was_done() {
    let (app, owner) = TestApp::with_owner().await;
    let admin = app.member(&owner, "admin@agency.test", Role::Admin).await;
    let mut ids = Vec::new();
    for i in 0..24 {
        let form = customer_form(&format!("bulk{i}@example.com"), "Bulk", "Customer");
        ids.push(CustomerId(app.add_customer(&owner, form).await.id));
    }
    let had = create_with_login(&app, &owner, "had@example.com").await;
    ids.push(had.customer_id);
    ids.push(CustomerId(i64::MAX));

    let cancel = AtomicBool::new(false);
    let seen = Mutex::new(Vec::<GenerateLoginsProgress>::new());
    let progress = |p: GenerateLoginsProgress| {
        let mut seen = seen.lock().unwrap();
        seen.push(p);
        if p.done >= 8 {
            cancel.store(true, Ordering::Release);
        }
    };
    let first = app
        .keydesk
        .generate_logins(&admin, &ids, &progress, &cancel)
        .await
        .unwrap();
    assert!(first.cancelled);
    assert_eq!(first.skipped, 1);
    assert_eq!(first.not_found, 1);
    assert!(
        (6..24).contains(&first.generated),
        "generated {}",
        first.generated
    );
    let progress_seen = seen.lock().unwrap().clone();
    assert_eq!(progress_seen[0].done, 2, "the skipped and unknown first");
    assert!(progress_seen.iter().all(|p| p.total == 26));
    assert!(progress_seen.windows(2).all(|w| w[0].done < w[1].done));

    let mut conn = app.open_file().await;
    let accounts: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM customer_accounts WHERE password_hash IS NOT NULL",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(
        accounts as u64,
        first.generated + 1,
        "every login made was kept"
    );
    let sealed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM credential_handoffs WHERE state = 'pending' AND ciphertext IS NOT NULL",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(sealed, accounts);
    conn.close().await.unwrap();

    let again = AtomicBool::new(false);
    let rest = app
        .keydesk
        .generate_logins(&owner, &ids, &|_| {}, &again)
        .await
        .unwrap();
    assert!(!rest.cancelled);
    assert_eq!(rest.generated + first.generated, 24);
    assert_eq!(rest.skipped, first.generated + 1);
    let pending = app.pending_handoffs(&owner).await;
    assert_eq!(pending.len(), 25);
    let bulk = pending
        .iter()
        .find(|p| p.reason == HandoffReason::Bulk)
        .unwrap();
    let password = app.reveal(&owner, HandoffId(bulk.handoff_id)).await;
    assert!(
        app.password_works(CustomerId(bulk.customer_id), password.expose())
            .await
    );
    let bulk = app.audit_count(&owner, "credentials.bulk_generated").await;
    assert_eq!(bulk, 2);
    app.cleanup().await;
}
