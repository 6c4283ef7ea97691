//! A thousand customer passwords generated, revealed, copied, sent and reset, and not
//! one of them anywhere on disk: database, its WAL and shared-memory files, the log,
//! or an export.

use crate::credentials::create_with_login;
use crate::helpers::{
    assert_no_secret_in, customer_form, database_files, files_under, hits, TestApp,
};
use keydesk_api::{CredentialSettings, CustomerQuery, HandoffChannel, Role};
use keydesk_core::domain::{CustomerId, HandoffId};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

const CUSTOMERS: usize = 1000;

#[tokio::test]
async fn no_generated_password_rests_in_the_database_its_wal_the_log_or_an_export() {
    let app = TestApp::spawn().await;
    // Everything any part of the process logs from here on, at every level.
    let log_file = app.paths.log_dir.join("trace.log");
    let writer = Arc::new(std::fs::File::create(&log_file).unwrap());
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(writer)
        .try_init()
        .expect("only this test installs a log subscriber");

    let owner = app.create_owner().await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    let mut ids = Vec::with_capacity(CUSTOMERS);
    for i in 0..CUSTOMERS {
        let form = customer_form(&format!("c{i}@example.com"), "Many", "Customers");
        ids.push(CustomerId(app.add_customer(&owner, form).await.id));
    }
    let started = std::time::Instant::now();
    let outcome = app
        .keydesk
        .generate_logins(&owner, &ids, &|_| {}, &AtomicBool::new(false))
        .await
        .unwrap();
    assert_eq!(outcome.generated, CUSTOMERS as u64);
    eprintln!(
        "{CUSTOMERS} logins in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // Agents shown passwords once, and resets, are paths of their own.
    let view = app.keydesk.credential_settings(&owner).await.unwrap();
    let allow = CredentialSettings {
        agents_see_new_password_once: true,
        ..view.settings
    };
    app.keydesk
        .save_credential_settings(&owner, allow)
        .await
        .unwrap();
    let mut passwords: Vec<String> = Vec::new();
    for i in 0..10 {
        let created = create_with_login(&app, &agent, &format!("agent{i}@example.com")).await;
        let shown = created.one_time_password.unwrap();
        passwords.push(shown.expose().to_owned());
    }
    for id in &ids[..10] {
        let pending = app.pending_handoffs(&owner).await;
        let old = pending.iter().find(|p| p.customer_id == id.0).unwrap();
        let old = app.reveal(&owner, HandoffId(old.handoff_id)).await;
        passwords.push(old.expose().to_owned());
        app.keydesk
            .reset_customer_password(&owner, *id)
            .await
            .unwrap();
    }

    let pending = app.pending_handoffs(&owner).await;
    assert_eq!(pending.len(), CUSTOMERS + 10);
    for (n, handoff) in pending.iter().enumerate() {
        let revealed = app.reveal(&owner, HandoffId(handoff.handoff_id)).await;
        passwords.push(revealed.expose().to_owned());
        match n % 10 {
            0 => {
                let copied = app
                    .keydesk
                    .copy_handoff_password(&owner, HandoffId(handoff.handoff_id))
                    .await
                    .unwrap();
                assert_eq!(copied.text.expose(), revealed.expose());
                app.keydesk
                    .copy_handoff_username(&owner, HandoffId(handoff.handoff_id))
                    .await
                    .unwrap();
            }
            1..=3 => app
                .keydesk
                .mark_handoff_sent(
                    &owner,
                    HandoffId(handoff.handoff_id),
                    HandoffChannel::Sms,
                    "",
                )
                .await
                .unwrap(),
            4 => app
                .keydesk
                .revoke_handoff(&owner, HandoffId(handoff.handoff_id))
                .await
                .unwrap(),
            _ => {}
        }
    }
    for handoff in pending.iter().step_by(250) {
        let revealed = passwords[passwords.len() - pending.len()..]
            .iter()
            .zip(&pending)
            .find(|(_, p)| p.handoff_id == handoff.handoff_id)
            .map(|(pw, _)| pw.clone())
            .unwrap();
        assert!(
            app.password_works(CustomerId(handoff.customer_id), &revealed)
                .await,
            "the hash stored matches what the owner saw"
        );
    }
    let export_dir = app.paths.data_dir.join("exports");
    let export = app
        .keydesk
        .export_customers_csv(&owner, &CustomerQuery::default(), &export_dir)
        .await
        .unwrap();
    assert_eq!(export.rows as usize, CUSTOMERS + 10);

    let secrets: HashSet<Vec<u8>> = passwords.iter().map(|p| p.as_bytes().to_vec()).collect();
    assert_eq!(secrets.len(), CUSTOMERS + 20, "every password distinct");
    assert!(secrets.iter().all(|s| s.len() == 16));
    // The scan finds a password when there is one.
    let planted = format!("xx{}yy", passwords[0]);
    assert_eq!(hits(planted.as_bytes(), &secrets, 16), 1);

    let mut scanned = database_files(&app.paths);
    scanned.push(PathBuf::from(&export.path));
    scanned.extend(files_under(&app.paths.log_dir));
    let total_bytes = assert_no_secret_in(&scanned, &secrets, 16);
    let log_bytes = std::fs::metadata(&log_file).unwrap().len();
    assert!(log_bytes > 0, "the log caught the run");
    eprintln!(
        "scanned {} files, {total_bytes} bytes ({log_bytes} of log)",
        scanned.len()
    );
    app.cleanup().await;
}
