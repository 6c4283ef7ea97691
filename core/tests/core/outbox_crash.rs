//! A worker killed (SIGKILL) in the middle of a batch, then started again: every mail
//! arrives, none more than twice, and a mail sent twice carries one Message-ID. The
//! worker is a whole Keydesk on the folder, so while it runs the app stays closed.

use crate::helpers::{count, example_binary, wait_until, TestApp};
use crate::smtp::{arrivals, SmtpSink};
use keydesk_api::{OutboxQuery, OutboxState};
use keydesk_core::mail::{enqueue_in, NewMail};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const MAILS: usize = 200;

pub(crate) fn spawn_worker(data_dir: &std::path::Path) -> Child {
    let binary = example_binary("outbox_worker");
    Command::new(&binary)
        .arg(data_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", binary.display()))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_worker_killed_mid_batch_delivers_every_mail_at_most_twice_after_a_restart() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let sink = SmtpSink::serving(k, &owner).await;
    let mut tx = k.store().begin().await.unwrap();
    for n in 0..MAILS {
        let mail = NewMail::test(&format!("staff{n}@agency.test"));
        enqueue_in(&mut tx, app.clock_now(), &owner, &mail)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let app = app.close_keeping_data().await;

    let mut first = spawn_worker(&app.paths.data_dir);
    assert!(
        wait_until(Duration::from_secs(60), || sink.messages().len() >= 20),
        "the first worker sent nothing"
    );
    first.kill().expect("SIGKILL");
    first.wait().unwrap();
    let before_restart = sink.messages().len();
    assert!(before_restart < MAILS, "killed too late to test anything");

    let second = spawn_worker(&app.paths.data_dir);
    let all_sent = until_all_sent(&app, second, MAILS).await;
    let app = app.reopen().await;
    let owner = app.sign_in(crate::helpers::OWNER_PASSWORD).await.unwrap();
    if !all_sent {
        let query = OutboxQuery {
            limit: MAILS as u32,
            ..Default::default()
        };
        let page = app.keydesk.outbox_page(&owner, &query).await.unwrap();
        let unsent: Vec<_> = (page.rows.iter())
            .filter(|m| m.state != OutboxState::Sent)
            .map(|m| (m.state, m.attempts, m.last_error.clone()))
            .collect();
        panic!("not every mail was marked sent (state, tries, last error): {unsent:?}");
    }

    let per_id = arrivals(&sink.messages());
    assert_eq!(per_id.len(), MAILS, "every mail arrived");
    assert!(
        per_id.values().all(|&n| n <= 2),
        "a mail arrived more than twice: {:?}",
        per_id.values().max()
    );
    let duplicates = per_id.values().filter(|&&n| n == 2).count();
    println!("killed after {before_restart} mails; {duplicates} sent twice");
    app.cleanup().await;
}

/// Watches the data folder of `app` (closed: the running `worker` holds it, and a second
/// Keydesk there is refused) until `mails` mails are sent, then stops the worker.
/// Whether they all were.
pub(crate) async fn until_all_sent(app: &TestApp, mut worker: Child, mails: usize) -> bool {
    let mut file = app.open_file().await;
    let mut all_sent = false;
    // Only a bound for a hung worker: on a busy machine the batch takes a while.
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(300) {
        let sent = count(
            &mut file,
            "SELECT count(*) FROM outbox WHERE state = 'sent'",
        )
        .await;
        if sent == mails as i64 {
            all_sent = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(file);
    drop(worker.stdin.take());
    worker.wait().unwrap();
    all_sent
}
