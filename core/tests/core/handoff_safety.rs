//! What a login handoff may and may not leave behind: a refused address in the audit log
//! or the log file, another customer's mail error in an agent's status bar, a mailed
//! login still pending after a crash, a withdrawn password that still works, a mail
//! sent to an address nobody chose or for a handoff that ended.

use crate::helpers::{
    assert_err, customer_form, example_binary, exec, field_error, files_under, trace_to_file,
    TestApp,
};
use crate::smtp::{message_id, SmtpSink};
use chrono::{Duration, Utc};
use keydesk_api::{CustomerInput, HandoffChannel, HandoffState, OutboxMail, OutboxState, Role};
use keydesk_core::auth::Actor;
use keydesk_core::domain::{CustomerId, HandoffId, OutboxId};
use keydesk_core::services::ServiceError;
use keydesk_core::Keydesk;
use std::process::{Command, Stdio};
use std::time::{Duration as StdDuration, Instant};

const WAIT: StdDuration = StdDuration::from_secs(30);

fn input(email: &str) -> CustomerInput {
    customer_form(email, "Bea", "Nguyen")
}

/// A customer with a generated login: `(customer id, handoff id)`.
async fn add_with_login(app: &TestApp, actor: &Actor, email: &str) -> (i64, i64) {
    let login = app.add_customer_with_login(actor, input(email)).await;
    (login.customer_id.0, login.handoff_id.0)
}

/// `(state, channel, sealed bytes left)` of a handoff as stored.
async fn stored_handoff(app: &TestApp, handoff_id: i64) -> (String, Option<String>, i64) {
    let mut conn = app.open_file().await;
    sqlx::query_as(
        "SELECT state, channel, COALESCE(length(nonce), 0) + COALESCE(length(ciphertext), 0)
         FROM credential_handoffs WHERE id = ?",
    )
    .bind(handoff_id)
    .fetch_one(&mut conn)
    .await
    .unwrap()
}

/// Queues the mail carrying handoff `handoff`, with no message of the sender's.
async fn mail_login(k: &Keydesk, owner: &Actor, handoff: i64) -> OutboxMail {
    k.send_handoff_by_mail(owner, HandoffId(handoff), "")
        .await
        .unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Item: a permanently failed mail's reply names the recipient; after the customer is
/// erased the address is in no audit row and no log file.
#[tokio::test]
async fn a_refused_address_reaches_neither_the_audit_log_nor_the_log_file() {
    let app = TestApp::spawn().await;
    // Everything this test's thread logs, at every level, into the data folder's logs.
    let log_file = app.paths.log_dir.join("handoff-safety.log");
    let _logging = trace_to_file(&log_file);

    let owner = app.create_owner().await;
    let k = &app.keydesk;
    let _sink = SmtpSink::serving(k, &owner).await;
    let address = "bounce.bea.nguyen@example.com";
    let customer = app.add_customer(&owner, input(address)).await.id;
    let mail = k
        .send_welcome_mail(&owner, CustomerId(customer), "")
        .await
        .unwrap()
        .id;
    let pass = k.send_due_mail().await.unwrap();
    assert_eq!(pass.failed, 1, "{pass:?}");
    // The server's words stay on the mail's row, where the owner reads them.
    let row = app.outbox_row(OutboxId(mail)).await;
    let reason = row
        .last_error
        .as_ref()
        .map(keydesk_core::catalogue::in_english)
        .unwrap();
    assert!(
        reason.contains(&format!("550 5.1.1 <{address}>")),
        "{reason}"
    );

    k.erase_customer(&owner, CustomerId(customer), address)
        .await
        .unwrap();
    assert!(k.outbox_mail(OutboxId(mail)).await.unwrap().is_none());

    let mut conn = app.open_file().await;
    let audit: Vec<(String, String, String)> =
        sqlx::query_as("SELECT actor_label, action, detail FROM audit_log ORDER BY id")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    let failed = audit
        .iter()
        .find(|(_, action, _)| action == "mail.failed")
        .expect("the failure is audited");
    assert!(
        failed.2.contains("permanent failure, SMTP 550"),
        "{failed:?}"
    );
    for row in &audit {
        let text = format!("{row:?}");
        assert!(
            !text.contains(address),
            "the address in an audit row: {text}"
        );
        assert!(
            !text.contains("bounce.bea"),
            "part of it in an audit row: {text}"
        );
    }
    drop(conn);
    drop(_logging);
    let log = std::fs::read(&log_file).unwrap();
    assert!(contains(&log, b"mail not sent"), "the failure was logged");
    assert!(contains(&log, b"SMTP 550"), "with its code");
    for file in files_under(&app.paths.log_dir) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !contains(&bytes, address.as_bytes()),
            "the address in {}",
            file.display()
        );
    }
    app.cleanup().await;
}

/// Item: the status an agent sees carries no other customer's SMTP error text.
#[tokio::test]
async fn an_agent_reads_no_other_customers_mail_error() {
    let (app, owner) = TestApp::with_owner().await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    let k = &app.keydesk;
    let _sink = SmtpSink::serving(k, &owner).await;
    let address = "bounce.secret.client@example.com";
    let owners_customer = app.add_customer(&owner, input(address)).await.id;
    let agents_customer = app
        .add_customer(&agent, input("agents.own@example.com"))
        .await
        .id;
    k.send_welcome_mail(&agent, CustomerId(agents_customer), "")
        .await
        .unwrap();
    k.send_welcome_mail(&owner, CustomerId(owners_customer), "")
        .await
        .unwrap();
    let pass = k.send_due_mail().await.unwrap();
    assert_eq!((pass.sent, pass.failed), (1, 1), "{pass:?}");

    // The owner, who manages the outbox, reads the server's words.
    let status = k.outbox_status(&owner).await.unwrap();
    assert!(status
        .last_error
        .as_ref()
        .map(keydesk_core::catalogue::in_english)
        .unwrap()
        .contains(address));
    // The agent learns that a mail was refused, not whose or what the server said.
    let status = k.outbox_status(&agent).await.unwrap();
    assert_eq!(status.failed, 1);
    let seen = format!("{status:?}");
    assert!(!seen.contains(address), "{seen}");
    assert!(!seen.contains("5.1.1"), "{seen}");
    assert!(status
        .last_error
        .as_ref()
        .map(keydesk_core::catalogue::in_english)
        .unwrap()
        .contains("refused a mail"));
    // Nor through the other doors: the outbox list and the other customer's mails.
    assert_err!(
        k.outbox_page(&agent, &Default::default()).await,
        ServiceError::Access(_)
    );
    assert!(k
        .customer_mails(&agent, CustomerId(owners_customer))
        .await
        .is_err());
    let own = k
        .customer_mails(&agent, CustomerId(agents_customer))
        .await
        .unwrap();
    assert_eq!(own.len(), 1);
    assert!(!format!("{own:?}").contains(address));
    app.cleanup().await;
}

/// Item: a worker killed right after the server's 250 (before anything is written), then
/// started again: the handoff ends closed as sent by email, its sealed password gone,
/// and the mail arrived at most twice under one Message-ID.
#[tokio::test(flavor = "multi_thread")]
async fn a_worker_killed_after_the_servers_250_leaves_no_mailed_login_pending() {
    let app = TestApp::spawn().await;
    // The worker process runs on the system clock: bring the test clock to it, so the
    // handoff has not expired for the worker.
    let behind = Utc::now() - app.clock_now();
    if behind > Duration::zero() {
        app.clock.advance(behind);
    }
    let owner = app.create_owner().await;
    let k = &app.keydesk;
    let sink = SmtpSink::serving(k, &owner).await;
    let (customer, handoff) = add_with_login(&app, &owner, "crash.login@example.com").await;
    let queued = mail_login(k, &owner, handoff).await;
    let app = app.close_keeping_data().await;

    let mut crashing = Command::new(example_binary("outbox_worker"))
        .arg(&app.paths.data_dir)
        .env("KEYDESK_FAILPOINT", "exit-after-smtp-accept")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = crashing.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < WAIT, "the failpoint never fired");
        std::thread::sleep(StdDuration::from_millis(20));
    };
    assert_eq!(status.code(), Some(86), "stopped by the failpoint");
    assert_eq!(sink.messages().len(), 1, "the server had accepted the mail");

    let (state, _, sealed) = stored_handoff(&app, handoff).await;
    assert_eq!(
        (state.as_str(), sealed > 0),
        ("pending", true),
        "nothing was written"
    );

    // The restart. The worker holds the data folder, so the app opens after it.
    let mut worker = Command::new(example_binary("outbox_worker"))
        .arg(&app.paths.data_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let closed = loop {
        let stored = stored_handoff(&app, handoff).await;
        if stored.0 != "pending" || start.elapsed() > WAIT {
            break stored;
        }
        tokio::time::sleep(StdDuration::from_millis(20)).await;
    };
    drop(worker.stdin.take());
    worker.wait().unwrap();
    let app = app.reopen().await;
    assert_eq!(closed, ("sent".to_owned(), Some("email".to_owned()), 0));
    let mail = app.outbox_row(OutboxId(queued.id)).await;
    assert_eq!(mail.state, OutboxState::Sent);
    let owner = app.sign_in(crate::helpers::OWNER_PASSWORD).await.unwrap();
    let k = &app.keydesk;
    assert_err!(
        k.reveal_handoff_password(&owner, HandoffId(handoff)).await,
        ServiceError::Conflict(_)
    );
    assert_err!(
        k.send_handoff_by_mail(&owner, HandoffId(handoff), "").await,
        ServiceError::Conflict(_)
    );
    let account = app.customer(&owner, customer).await.account.unwrap();
    assert!(account.credentials_sent());
    let arrived = sink.messages();
    assert_eq!(arrived.len(), 2, "sent again after the crash, once");
    assert!(arrived
        .iter()
        .all(|raw| format!("<{}>", message_id(raw)) == queued.message_id));
    app.cleanup().await;
}

/// Item: a pending handoff whose mail is noted as sent (as a stop between two commits
/// left it before the two were one) is closed as sent by email when Keydesk starts.
#[tokio::test]
async fn a_handoff_whose_mail_is_noted_sent_is_closed_at_start_up() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let (customer, handoff) = add_with_login(&app, &owner, "half.done@example.com").await;
    let queued = mail_login(k, &owner, handoff).await;
    let mut conn = app.open_file().await;
    sqlx::query("UPDATE outbox SET state = 'sent', sent_at = created_at WHERE id = ?")
        .bind(queued.id)
        .execute(&mut conn)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(stored_handoff(&app, handoff).await.0, "pending");

    let app = app.restart().await;
    // What the outbox worker does first when it starts.
    app.keydesk.requeue_interrupted_mail().await.unwrap();
    assert_eq!(
        stored_handoff(&app, handoff).await,
        ("sent".to_owned(), Some("email".to_owned()), 0)
    );
    let owner = app.sign_in(crate::helpers::OWNER_PASSWORD).await.unwrap();
    let k = &app.keydesk;
    assert!(app.pending_handoffs(&owner).await.is_empty());
    assert_err!(
        k.send_handoff_by_mail(&owner, HandoffId(handoff), "").await,
        ServiceError::Conflict(_)
    );
    let account = app.customer(&owner, customer).await.account.unwrap();
    assert!(account.credentials_sent());
    let record = &app.handoffs(&owner, Some(customer), 1).await.rows[0];
    assert_eq!(record.channel, Some(HandoffChannel::Email));
    app.cleanup().await;
}

/// Item: revoking or expiring a handoff retires the password it carried.
#[tokio::test]
async fn a_revoked_or_expired_handoffs_password_stops_working() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let (revoked, revoked_handoff) = add_with_login(&app, &owner, "revoked@example.com").await;
    let (expired, expired_handoff) = add_with_login(&app, &owner, "expired@example.com").await;
    let mut seen = Vec::new();
    for (customer, handoff) in [(revoked, revoked_handoff), (expired, expired_handoff)] {
        let secret = app.reveal(&owner, HandoffId(handoff)).await;
        let password = secret.expose().to_owned();
        assert!(app.password_works(CustomerId(customer), &password).await);
        seen.push(password);
    }

    k.revoke_handoff(&owner, HandoffId(revoked_handoff))
        .await
        .unwrap();
    assert!(!app.password_works(CustomerId(revoked), &seen[0]).await);
    app.clock.advance(Duration::days(8));
    assert_eq!(k.expire_handoffs().await.unwrap(), 1);
    assert!(!app.password_works(CustomerId(expired), &seen[1]).await);

    for (customer, ended) in [
        (revoked, HandoffState::Revoked),
        (expired, HandoffState::Expired),
    ] {
        // Needs a new login: the last handoff ended unhanded, none waits, nothing sent.
        assert_eq!(
            app.handoffs(&owner, Some(customer), 1).await.rows[0].state,
            ended
        );
        let account = app.customer(&owner, customer).await.account.unwrap();
        assert!(!account.credentials_sent());
        assert!(account.must_change_password);
    }
    assert!(app.pending_handoffs(&owner).await.is_empty());
    // A reset gives a working password again.
    k.reset_customer_password(&owner, CustomerId(revoked))
        .await
        .unwrap();
    let pending = app.pending_handoffs(&owner).await;
    let fresh = app.reveal(&owner, HandoffId(pending[0].handoff_id)).await;
    assert!(
        app.password_works(CustomerId(revoked), fresh.expose())
            .await
    );
    app.cleanup().await;
}

/// Item: a credentials mail goes to the username; when the email changed, only the
/// owner's choice of the two is accepted.
#[tokio::test]
async fn a_login_is_mailed_to_its_username_or_the_chosen_current_email_only() {
    let (app, owner) = TestApp::with_owner().await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    let k = &app.keydesk;
    let sink = SmtpSink::serving(k, &owner).await;
    let (customer, handoff) = add_with_login(&app, &owner, "first.address@example.com").await;
    let pending = app.pending_handoffs(&owner).await;
    assert_eq!(pending[0].current_email, None, "unchanged: no question");

    let current = app.customer(&owner, customer).await;
    let moved = CustomerInput {
        email: "second.address@example.com".to_owned(),
        ..input("x@example.com")
    };
    k.update_customer(&owner, CustomerId(customer), current.version, moved)
        .await
        .unwrap();
    let pending = app.pending_handoffs(&owner).await;
    assert_eq!(pending[0].username, "first.address@example.com");
    assert_eq!(
        pending[0].current_email.as_deref(),
        Some("second.address@example.com")
    );

    // No choice made: the owner is asked. A third address: refused. An agent: refused.
    assert_err!(
        k.send_handoff_by_mail(&owner, HandoffId(handoff), "").await,
        ServiceError::Conflict(_)
    );
    field_error(
        k.send_handoff_by_mail_to(&owner, HandoffId(handoff), "", Some("attacker@evil.test"))
            .await,
        "recipient",
    );
    assert_err!(
        k.send_handoff_by_mail_to(
            &agent,
            HandoffId(handoff),
            "",
            Some("second.address@example.com")
        )
        .await,
        ServiceError::Access(_)
    );
    let queued = k
        .send_handoff_by_mail_to(
            &owner,
            HandoffId(handoff),
            "",
            Some("SECOND.address@example.com"),
        )
        .await
        .unwrap();
    assert_eq!(queued.recipient, "second.address@example.com");
    assert_eq!(k.send_due_mail().await.unwrap().sent, 1);
    let raw = sink.wait_for(1, WAIT);
    let mail = mail_parser::MessageParser::default()
        .parse(&raw[0])
        .unwrap();
    assert_eq!(
        mail.to().unwrap().first().unwrap().address(),
        Some("second.address@example.com")
    );

    // The username is the other accepted choice.
    k.reset_customer_password(&owner, CustomerId(customer))
        .await
        .unwrap();
    let next = app.pending_handoffs(&owner).await[0].handoff_id;
    let queued = k
        .send_handoff_by_mail_to(
            &owner,
            HandoffId(next),
            "",
            Some("first.address@example.com"),
        )
        .await
        .unwrap();
    assert_eq!(queued.recipient, "first.address@example.com");
    app.cleanup().await;
}

/// Item: revoking cancels the queued mail; the worker re-checks the handoff before
/// sending and cancels the mail of a handoff that ended meanwhile.
#[tokio::test]
async fn a_mail_whose_handoff_ended_is_cancelled_not_sent() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let sink = SmtpSink::serving(k, &owner).await;

    // Revoked: the mail is cancelled in the same step.
    let (_, revoked) = add_with_login(&app, &owner, "revoked.mail@example.com").await;
    let first = mail_login(k, &owner, revoked).await;
    k.revoke_handoff(&owner, HandoffId(revoked)).await.unwrap();
    let row = app.outbox_row(OutboxId(first.id)).await;
    assert_eq!(row.state, OutboxState::Cancelled);

    // Ended behind the queue's back (another desk, a direct change): the worker looks
    // right before sending.
    let (_, closed) = add_with_login(&app, &owner, "closed.mail@example.com").await;
    let second = mail_login(k, &owner, closed).await;
    let mut conn = app.open_file().await;
    sqlx::query(
        "UPDATE credential_handoffs SET state = 'revoked', nonce = NULL, ciphertext = NULL,
                closed_at = '2026-11-02T09:00:00Z' WHERE id = ?",
    )
    .bind(closed)
    .execute(&mut conn)
    .await
    .unwrap();
    drop(conn);

    // Expired while queued: the worker's look finds it expired.
    let (_, expiring) = add_with_login(&app, &owner, "expiring.mail@example.com").await;
    let third = mail_login(k, &owner, expiring).await;
    app.clock.advance(Duration::days(8));

    let pass = k.send_due_mail().await.unwrap();
    assert_eq!((pass.sent, pass.failed), (0, 0), "{pass:?}");
    for id in [second.id, third.id] {
        let row = app.outbox_row(OutboxId(id)).await;
        assert_eq!(row.state, OutboxState::Cancelled, "{row:?}");
    }
    assert!(sink.messages().is_empty(), "no login was mailed");
    assert_eq!(app.audit_count(&owner, "mail.cancelled").await, 3);
    app.cleanup().await;
}

/// Item: the mail is noted as sent and its handoff closed in one transaction. When
/// closing the handoff fails (a busy or broken database, made here with a trigger), the
/// mail is not noted as sent either; the next start sends it again and closes both.
#[tokio::test]
async fn a_mail_is_never_noted_sent_while_its_handoff_stays_pending() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let sink = SmtpSink::serving(k, &owner).await;
    let (_, handoff) = add_with_login(&app, &owner, "one.step@example.com").await;
    let queued = mail_login(k, &owner, handoff).await;
    let mut conn = app.open_file().await;
    sqlx::query(
        "CREATE TRIGGER refuse_closing BEFORE UPDATE ON credential_handoffs
         WHEN new.state = 'sent' BEGIN SELECT RAISE(ABORT, 'closing refused'); END",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    assert!(
        k.send_due_mail().await.is_err(),
        "closing the handoff failed"
    );
    assert_eq!(sink.wait_for(1, WAIT).len(), 1, "the server took the mail");
    let row = app.outbox_row(OutboxId(queued.id)).await;
    assert_ne!(
        row.state,
        OutboxState::Sent,
        "not noted sent without its handoff"
    );
    assert_eq!(stored_handoff(&app, handoff).await.0, "pending");

    exec(&mut conn, "DROP TRIGGER refuse_closing").await;
    drop(conn);
    let app = app.restart().await;
    app.keydesk.requeue_interrupted_mail().await.unwrap();
    assert_eq!(app.keydesk.send_due_mail().await.unwrap().sent, 1);
    assert_eq!(
        stored_handoff(&app, handoff).await,
        ("sent".to_owned(), Some("email".to_owned()), 0)
    );
    let arrived = sink.wait_for(2, WAIT);
    assert!(arrived
        .iter()
        .all(|raw| format!("<{}>", message_id(raw)) == queued.message_id));
    app.cleanup().await;
}
