//! Outbox throughput: 1,000 mails queued, then sent in one pass to a local SMTP sink
//! (`core/tests/support/smtp_sink.py`, aiosmtpd), once over one connection kept for
//! the whole batch and once with a new connection for every mail. Prints mails per
//! second and the ratio.
//!
//! Run with `cargo bench -p keydesk-core --bench mail_outbox` (Python with aiosmtpd:
//! `KEYDESK_TEST_PYTHON`, or the environment `cargo xtask setup` creates).
//!
//! Every connection has TCP_NODELAY on (`core/src/mail/connection.rs`). Without it,
//! with lettre 0.11.23's own transport, both figures were bound by about 40 ms a mail
//! (about 20 mails/s either way): lettre writes the message and its final `.` line
//! separately, and with Nagle's algorithm on the last write waits for the server's
//! delayed ACK. What remains is the outbox's own work per mail (two small SQLite
//! transactions with their audit rows) and the SMTP round trips: NOOP (is the kept
//! connection still there?), MAIL, RCPT, DATA and the message on the pooled one; on a
//! new one, the TCP handshake, greeting, EHLO and QUIT instead of the NOOP.
//!
//! Measured on 2 busy cores (load ≈ 10): before, 20.0 mails/s pooled and 17.3 one per
//! mail (1.16x); after, 208.5 and 84.8 (2.46x). On loopback a new connection costs
//! little, so pooling gains about 2.5x here; over a real network each saved round trip
//! and TLS handshake weighs far more.

mod support;

use keydesk_api::{SmtpSecurity, SmtpSettingsForm};
use keydesk_core::mail::{enqueue_in, Connections, NewMail};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

const MAILS: usize = 1_000;

fn python() -> PathBuf {
    if let Some(python) = std::env::var_os("KEYDESK_TEST_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(python);
    }
    directories::BaseDirs::new()
        .expect("a home directory")
        .cache_dir()
        .join("keydesk-dev/aiosmtpd-1.4.6/bin/python")
}

/// Sends `MAILS` queued mails in one outbox pass; returns seconds taken.
async fn run(connections: Connections, port: u16) -> f64 {
    let dir = tempfile::tempdir().expect("temp dir");
    let (keydesk, owner) = support::open_with_owner(&dir.path().join("data"))
        .await
        .expect("Keydesk opens with its owner");
    let form = SmtpSettingsForm {
        host: "127.0.0.1".to_owned(),
        port,
        security: SmtpSecurity::None,
        username: String::new(),
        password: String::new(),
        clear_password: false,
        from_name: "Sunny Travel".to_owned(),
        from_address: "hello@sunny.example".to_owned(),
        reply_to: String::new(),
        timeout_seconds: 30,
        personal_mails_per_hour: keydesk_api::DEFAULT_PERSONAL_MAILS_PER_HOUR,
    };
    keydesk
        .save_smtp_settings(&owner, form)
        .await
        .expect("settings");
    let mut tx = keydesk.store().begin().await.expect("tx");
    for n in 0..MAILS {
        let mail = NewMail::test(&format!("staff{n}@agency.test"));
        enqueue_in(&mut tx, chrono::Utc::now(), &owner, &mail)
            .await
            .expect("queued");
    }
    tx.commit().await.expect("commit");
    keydesk.set_mail_connections(connections).await;
    let start = Instant::now();
    let pass = keydesk.send_due_mail().await.expect("pass");
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(pass.sent, MAILS, "{pass:?}");
    keydesk.close().await;
    seconds
}

#[tokio::main]
async fn main() {
    let sink_dir = tempfile::tempdir().expect("temp dir");
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_sink.py");
    let mut sink = Command::new(python())
        .arg(&script)
        .arg("--dir")
        .arg(sink_dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("Python with aiosmtpd (run `cargo xtask setup`)");
    let mut line = String::new();
    BufReader::new(sink.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("port");
    let port: u16 = line
        .trim()
        .trim_start_matches("PORT ")
        .parse()
        .expect("a port");

    println!("mail_outbox: {MAILS} mails through the outbox to a local aiosmtpd sink");
    let pooled = run(Connections::Pooled, port).await;
    let single = run(Connections::OnePerMail, port).await;
    let rate = |s: f64| MAILS as f64 / s;
    println!(
        "  pooled connection:       {:7.2} s  {:8.1} mails/s",
        pooled,
        rate(pooled)
    );
    println!(
        "  one connection per mail: {:7.2} s  {:8.1} mails/s",
        single,
        rate(single)
    );
    println!(
        "  pooled / one per mail:   {:.2}x",
        rate(pooled) / rate(single)
    );
    let received = std::fs::read_dir(sink_dir.path())
        .map(|d| d.count())
        .unwrap_or(0);
    println!("  the sink received {received} mails");
    support::result("outbox, pooled", rate(pooled), "mails/s");
    support::result("outbox, one connection per mail", rate(single), "mails/s");
    let _ = sink.kill();
    let _ = sink.wait();
}
