//! The outbox against a server that misbehaves: the real sink puts a fault in the way
//! of each message's first attempt (the connection dropped before the answer, no
//! answer at all, "try again later"). Every mail is sent again until the server takes
//! it: none is lost, none arrives more than twice, and one that arrives twice carries
//! one Message-ID.

use crate::helpers::TestApp;
use crate::smtp::{arrivals, local_form, Fault, SinkOptions, SmtpSink};
use chrono::Duration;
use keydesk_api::OutboxState;
use keydesk_core::auth::Actor;
use keydesk_core::domain::OutboxId;
use keydesk_core::mail::{enqueue_in, NewMail, TIMEOUT_SECONDS};
use keydesk_core::services::OutboxPass;
use std::collections::HashSet;
use std::time::Duration as StdDuration;

const MAILS: usize = 6;

/// Only a bound for a pass that hangs: a stalled server must not hold the outbox.
const HUNG: StdDuration = StdDuration::from_secs(120);

/// A sink with `fault`, saved as the mail server with the shortest timeout allowed.
async fn faulty_server(app: &TestApp, owner: &Actor, fault: Fault) -> SmtpSink {
    let sink = SmtpSink::start(SinkOptions {
        fault: Some(fault),
        ..Default::default()
    });
    let mut form = local_form(sink.port);
    form.timeout_seconds = *TIMEOUT_SECONDS.start();
    app.keydesk
        .save_smtp_settings(owner, form)
        .await
        .expect("settings saved");
    sink
}

/// Queues `count` test mails, each to its own address.
async fn queue(app: &TestApp, owner: &Actor, count: usize) -> Vec<OutboxId> {
    let mut tx = app.keydesk.store().begin().await.unwrap();
    let mut ids = Vec::new();
    for n in 0..count {
        let mail = NewMail::test(&format!("staff{n}@agency.test"));
        ids.push(
            enqueue_in(&mut tx, app.clock_now(), owner, &mail)
                .await
                .unwrap(),
        );
    }
    tx.commit().await.unwrap();
    ids
}

async fn pass(app: &TestApp) -> OutboxPass {
    tokio::time::timeout(HUNG, app.keydesk.send_due_mail())
        .await
        .expect("the pass came back")
        .expect("the pass ran")
}

/// Moves the clock past the first retry delay (one minute).
fn wait_for_retry(app: &TestApp) {
    app.clock.advance(Duration::seconds(61));
}

/// The Message-IDs of `ids`, after checking that each was sent, on its second try.
async fn sent_on_second_try(app: &TestApp, ids: &[OutboxId]) -> HashSet<String> {
    let mut message_ids = HashSet::new();
    for id in ids {
        let row = app.outbox_row(*id).await;
        assert_eq!(row.state, OutboxState::Sent, "{row:?}");
        assert_eq!(row.attempts, 2, "{row:?}");
        assert_eq!(row.last_error, None, "{row:?}");
        message_ids.insert(row.message_id);
    }
    message_ids
}

#[tokio::test]
async fn mails_whose_connection_drops_before_the_answer_are_sent_again_and_none_thrice() {
    let (app, owner) = TestApp::with_owner().await;
    let sink = faulty_server(&app, &owner, Fault::Drop).await;
    let ids = queue(&app, &owner, MAILS).await;

    // Each mail's connection broke off: each waits for a retry, and one mail's broken
    // connection does not hold back the next (which gets a new one).
    let first = pass(&app).await;
    assert_eq!((first.sent, first.retried, first.failed), (0, MAILS, 0));
    assert!(!first.stopped_early, "{first:?}");
    let row = app.outbox_row(ids[0]).await;
    assert_eq!(row.state, OutboxState::Queued);
    let error = row
        .last_error
        .as_ref()
        .map(keydesk_core::catalogue::in_english)
        .unwrap_or_default();
    assert!(error.contains("broke off"), "{error}");
    assert_eq!(
        pass(&app).await.sent,
        0,
        "nothing is sent before its retry is due"
    );

    wait_for_retry(&app);
    let second = pass(&app).await;
    assert_eq!((second.sent, second.retried, second.failed), (MAILS, 0, 0));
    let expected = sent_on_second_try(&app, &ids).await;
    let arrived = arrivals(&sink.messages());
    assert_eq!(arrived.keys().cloned().collect::<HashSet<_>>(), expected);
    // The sink kept every second dropped mail: those arrived twice, the rest once.
    let twice = arrived.values().filter(|&&n| n == 2).count();
    assert!(arrived.values().all(|&n| n <= 2), "{arrived:?}");
    assert_eq!(twice, MAILS / 2, "{arrived:?}");
    app.cleanup().await;
}

#[tokio::test]
async fn a_server_that_stops_answering_is_given_up_after_the_timeout_and_the_mail_sent_again() {
    let (app, owner) = TestApp::with_owner().await;
    let sink = faulty_server(&app, &owner, Fault::Stall).await;
    let ids = queue(&app, &owner, 2).await;

    // The first mail's server stops answering: the pass gives it up after the timeout
    // and stops (the next mail would wait as long), and the outbox says why.
    let first = pass(&app).await;
    assert_eq!((first.sent, first.retried), (0, 1), "{first:?}");
    assert!(first.stopped_early);
    let status = app.keydesk.outbox_status(&owner).await.unwrap();
    assert_eq!(status.waiting, 2);
    let error = status
        .last_error
        .as_ref()
        .map(keydesk_core::catalogue::in_english)
        .unwrap_or_default();
    let seconds = TIMEOUT_SECONDS.start();
    assert!(
        error.contains(&format!("did not answer within {seconds} seconds")),
        "{error}"
    );

    wait_for_retry(&app);
    let second = pass(&app).await;
    assert_eq!((second.sent, second.retried), (1, 1), "{second:?}");
    wait_for_retry(&app);
    let third = pass(&app).await;
    assert_eq!((third.sent, third.retried), (1, 0), "{third:?}");

    let expected = sent_on_second_try(&app, &ids).await;
    let arrived = arrivals(&sink.messages());
    assert_eq!(arrived.keys().cloned().collect::<HashSet<_>>(), expected);
    // The stalled server had kept each mail: both arrived twice, as the same mail.
    assert!(arrived.values().all(|&n| n == 2), "{arrived:?}");
    app.cleanup().await;
}

#[tokio::test]
async fn mails_the_server_asks_to_try_later_are_sent_once_when_their_retry_is_due() {
    let (app, owner) = TestApp::with_owner().await;
    let sink = faulty_server(&app, &owner, Fault::Defer).await;
    let ids = queue(&app, &owner, MAILS).await;

    let first = pass(&app).await;
    assert_eq!((first.sent, first.retried, first.failed), (0, MAILS, 0));
    assert!(!first.stopped_early, "a deferral concerns one mail only");
    assert!(sink.messages().is_empty());
    let status = app.keydesk.outbox_status(&owner).await.unwrap();
    assert_eq!(status.waiting, MAILS as i64);
    assert!(!status.offline, "{status:?}");
    let error = status
        .last_error
        .as_ref()
        .map(keydesk_core::catalogue::in_english)
        .unwrap_or_default();
    assert!(error.contains("451"), "{error}");
    assert_eq!(
        pass(&app).await.sent,
        0,
        "nothing is sent before its retry is due"
    );

    wait_for_retry(&app);
    let second = pass(&app).await;
    assert_eq!((second.sent, second.retried, second.failed), (MAILS, 0, 0));
    let expected = sent_on_second_try(&app, &ids).await;
    let arrived = arrivals(&sink.messages());
    assert_eq!(arrived.keys().cloned().collect::<HashSet<_>>(), expected);
    assert!(arrived.values().all(|&n| n == 1), "{arrived:?}");
    app.cleanup().await;
}
