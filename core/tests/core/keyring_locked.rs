//! The system keyring locked while Keydesk runs, against the real GNOME Keyring.
//!
//! What a locked collection does (found by trying): a call through the `keyring` crate
//! neither fails nor returns. GNOME Keyring asks its prompter (`gcr-prompter`) for the
//! keyring password and the call waits, with no limit, until someone answers that
//! prompt; unlocking the collection any other way (`gnome-keyring-daemon --unlock`,
//! restarting the daemon) leaves the waiting call waiting. Several calls waiting at
//! once share one prompt, and answering it lets them all go on. So this test answers
//! the prompt as a person would: it types the keyring password into the prompt window.
//!
//! Locking the keyring would stall every other test running beside this one, so the
//! test runs itself again in a session of its own: a private D-Bus with its own
//! keyring daemon, on its own virtual display, where the prompt appears.

use crate::helpers::{assert_integrity_ok, wait_until, TestApp};
use crate::mail::add_customer;
use crate::smtp::{local_form, message_id, SinkOptions, SmtpSink};
use keydesk_api::OutboxState;
use keydesk_core::domain::{CustomerId, OutboxId};
use keydesk_core::mail::{MailError, MAX_ATTEMPTS};
use keydesk_core::services::ServiceError;
use keydesk_core::vault::{KeyringError, KeyringUse};
use std::future::Future;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Set in the private session the test runs itself in.
const PRIVATE_SESSION: &str = "KEYDESK_TEST_PRIVATE_KEYRING";
const KEYRING_PASSWORD_VAR: &str = "KEYDESK_TEST_KEYRING_PASSWORD";
const KEYRING_DIR_VAR: &str = "KEYDESK_TEST_KEYRING_DIR";
const KEYRING_PASSWORD: &str = "locked-keyring-test";

/// The time limit of each keyring call in this test (the app's is a minute).
const LIMIT: Duration = Duration::from_secs(2);
/// A bound far above anything expected: a call not back by then is hanging.
const BOUND: Duration = Duration::from_secs(60);
const SMTP_USER: &str = "agency";
const SMTP_PASSWORD: &str = "Smtp-Passw0rd-in-the-keyring";

/// Starts a keyring daemon unlocked with the test's password, keeping its files in the
/// test's folder; waits (at most 10 s) until it owns the Secret Service name, then runs
/// the test binary.
const START_KEYRING_THEN_EXEC: &str = r#"printf '%s' "$KEYDESK_TEST_KEYRING_PASSWORD" | XDG_DATA_HOME="$KEYDESK_TEST_KEYRING_DIR" XDG_RUNTIME_DIR="$KEYDESK_TEST_KEYRING_DIR" gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 90
tries=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
  tries=$((tries + 1)); [ "$tries" -ge 200 ] && exit 91; sleep 0.05
done
exec "$@""#;

#[tokio::test(flavor = "multi_thread")]
async fn a_locked_keyring_is_reported_in_time_mail_waits_and_all_works_once_unlocked() {
    if std::env::var_os(PRIVATE_SESSION).is_none() {
        run_in_private_session(
            "keyring_locked::a_locked_keyring_is_reported_in_time_mail_waits_and_all_works_once_unlocked",
        );
        return;
    }
    let app = TestApp::spawn_with_keyring_limit(LIMIT).await;
    let owner = app.create_owner().await;
    let k = &app.keydesk;
    let sink = SmtpSink::start(SinkOptions {
        auth: Some((SMTP_USER.to_owned(), SMTP_PASSWORD.to_owned())),
        ..Default::default()
    });
    let mut form = local_form(sink.port);
    form.username = SMTP_USER.to_owned();
    form.password = SMTP_PASSWORD.to_owned();
    k.save_smtp_settings(&owner, form.clone()).await.unwrap();
    // From here on, tests and mails use the password saved in the keyring.
    form.password.clear();
    k.test_smtp_connection(&owner, &form).await.unwrap();
    let (customer, _) = add_customer(&app, &owner, 1).await;
    let mail = k
        .send_welcome_mail(&owner, CustomerId(customer), "Welcome aboard.")
        .await
        .unwrap();

    lock_login_collection();
    assert!(collection_locked(), "the login collection is locked");

    let tested = within(k.test_smtp_connection(&owner, &form)).await;
    let Err(ServiceError::Mail(error)) = tested else {
        panic!("expected the locked keyring, got {tested:?}");
    };
    assert_eq!(
        error,
        MailError::Keyring(KeyringError::Locked(KeyringUse::ReadSmtpPassword))
    );
    assert_eq!(
        error.to_string(),
        "The system keyring is locked, so Keydesk cannot read the SMTP password. Unlock it \
         (your desktop may be showing a prompt), then try again."
    );
    let test_mail = within(k.send_test_mail(&owner, &form)).await;
    assert!(
        matches!(
            test_mail,
            Err(ServiceError::Mail(MailError::Keyring(
                KeyringError::Locked(_)
            )))
        ),
        "{test_mail:?}"
    );

    // The queued mail waits through more tries than a mail with wrong settings gets,
    // tried again each minute (the person may unlock the keyring any time).
    for _ in 0..=MAX_ATTEMPTS {
        let pass = within(k.send_due_mail()).await.unwrap();
        assert_eq!((pass.sent, pass.failed), (0, 0), "{pass:?}");
        let row = app.outbox_row(OutboxId(mail.id)).await;
        assert_eq!(row.state, OutboxState::Queued, "{row:?}");
        app.clock.advance(chrono::Duration::minutes(1));
    }
    let status = k.outbox_status(&owner).await.unwrap();
    assert_eq!((status.waiting, status.failed), (1, 0), "{status:?}");
    let last_error = status
        .last_error
        .as_ref()
        .map(keydesk_core::catalogue::in_english)
        .unwrap_or_default();
    assert!(last_error.contains("keyring is locked"), "{last_error}");
    assert!(
        sink.messages().is_empty(),
        "nothing sent without the password"
    );
    // The audit log was written meanwhile; checking its end needs the keyring too.
    let verified = within(k.verify_audit_chain(&owner)).await;
    assert!(
        matches!(
            verified,
            Err(ServiceError::Keyring(KeyringError::Locked(
                KeyringUse::ReadAuditHead
            )))
        ),
        "{verified:?}"
    );
    assert_integrity_ok(&mut app.open_file().await).await;

    // The person types the keyring password into the prompt their desktop shows.
    answer_unlock_prompt();
    assert!(
        wait_until(BOUND, || !collection_locked()),
        "the prompt unlocked the collection"
    );
    let mut report = None;
    for _ in 0..100 {
        match within(k.test_smtp_connection(&owner, &form)).await {
            Ok(answer) => {
                report = Some(answer);
                break;
            }
            // A call from the locked time may still be on its way back.
            Err(ServiceError::Mail(MailError::Keyring(KeyringError::Locked(_)))) => {
                tokio::time::sleep(Duration::from_millis(100)).await
            }
            Err(other) => panic!("{other:?}"),
        }
    }
    let report = report.expect("the connection test works again once unlocked");
    assert!(
        keydesk_core::catalogue::in_english(&report.message).contains("signed in"),
        "{report:?}"
    );

    // The waiting mail goes, once, with the password saved before the lock.
    let pass = within(k.send_due_mail()).await.unwrap();
    assert_eq!(pass.sent, 1, "{pass:?}");
    let raw = sink.wait_for(1, BOUND);
    assert_eq!(raw.len(), 1);
    let row = app.outbox_row(OutboxId(mail.id)).await;
    assert_eq!(row.state, OutboxState::Sent);
    assert_eq!(format!("<{}>", message_id(&raw[0])), row.message_id);
    assert!(app
        .audit_entries(&owner)
        .await
        .iter()
        .any(|e| e.detail.contains("failed: keyring locked")));
    app.assert_chain_intact(&owner).await;
    assert_integrity_ok(&mut app.open_file().await).await;
    app.cleanup().await;
}

/// Awaits `answer`, failing the test if it is not back within [`BOUND`].
async fn within<T>(answer: impl Future<Output = T>) -> T {
    tokio::time::timeout(BOUND, answer)
        .await
        .expect("Keydesk answers while the keyring is locked")
}

/// Runs `test` of this binary again, alone, on a virtual display with a private D-Bus
/// and an unlocked keyring of its own, and fails if it fails.
fn run_in_private_session(test: &str) {
    let folder = tempfile::tempdir().expect("temp dir");
    let output = folder.path().join("output.txt");
    let log = std::fs::File::create(&output).unwrap();
    let mut child = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x900x24"])
        .args([
            "dbus-run-session",
            "--",
            "sh",
            "-c",
            START_KEYRING_THEN_EXEC,
            "sh",
        ])
        .arg(std::env::current_exe().expect("the test binary"))
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(PRIVATE_SESSION, "1")
        .env(KEYRING_PASSWORD_VAR, KEYRING_PASSWORD)
        .env(KEYRING_DIR_VAR, folder.path())
        .env_remove("GNOME_KEYRING_CONTROL")
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .process_group(0)
        .spawn()
        .expect(
            "xvfb-run, dbus-run-session, gnome-keyring-daemon and xdotool are needed: run \
             `cargo xtask setup`",
        );
    let mut status = None;
    let finished = wait_until(Duration::from_secs(300), || {
        status = child.try_wait().unwrap();
        status.is_some()
    });
    if !finished {
        // The whole group: the display, the bus and the keyring daemon too.
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", child.id())])
            .status();
        let _ = child.wait();
    }
    let shown = std::fs::read_to_string(&output).unwrap_or_default();
    assert!(
        status.is_some_and(|s| s.success()),
        "the test in its private keyring session failed ({status:?}):\n{shown}"
    );
    assert!(shown.contains("1 passed"), "the test did not run:\n{shown}");
}

fn secret_service(args: &[&str]) -> String {
    let out = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.secrets",
        ])
        .args(args)
        .output()
        .expect("dbus-send runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Locks the collection Keydesk's entries are in, as a screen locker would.
fn lock_login_collection() {
    secret_service(&[
        "/org/freedesktop/secrets",
        "org.freedesktop.Secret.Service.Lock",
        "array:objpath:/org/freedesktop/secrets/collection/login",
    ]);
}

fn collection_locked() -> bool {
    secret_service(&[
        "/org/freedesktop/secrets/collection/login",
        "org.freedesktop.DBus.Properties.Get",
        "string:org.freedesktop.Secret.Collection",
        "string:Locked",
    ])
    .contains("boolean true")
}

fn xdotool(args: &[&str]) -> Option<String> {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .expect("xdotool runs");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Waits for GNOME Keyring's unlock prompt and types the keyring password into it.
fn answer_unlock_prompt() {
    let mut window = None;
    let shown = wait_until(BOUND, || {
        window = xdotool(&["search", "--name", "^Unlock"])
            .and_then(|ids| ids.lines().last().map(str::to_owned));
        window.is_some()
    });
    assert!(shown, "the keyring's unlock prompt appeared");
    let window = window.unwrap_or_default();
    xdotool(&["windowfocus", "--sync", &window]).expect("the prompt takes the focus");
    xdotool(&["type", "--delay", "20", KEYRING_PASSWORD]).expect("the password typed");
    xdotool(&["key", "Return"]).expect("the prompt answered");
}
