//! The customer portal without an agency server: accounts exported for Auth0 and
//! Keycloak, checked by a reference portal with an independent argon2, and the portal's
//! sign-ins brought back into Keydesk.

use crate::helpers::{customer_form, files_under, hits, TestApp};
use crate::smtp::python;
use keydesk_api::{IdentityProduct, Role};
use keydesk_core::auth::Actor;
use keydesk_core::domain::PlainPassword;
use keydesk_core::services::{AccessError, NewLogin, ServiceError};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What the reference portal answered a sign-in with.
#[derive(Debug, serde::Deserialize)]
struct PortalAnswer {
    signed_in: bool,
    password_ok: bool,
    must_change_password: bool,
    email_verified: bool,
    blocked: bool,
}

/// Signs `username` in on the reference portal reading `exports`, which logs the
/// sign-in (at `at`, from `ip`) to `log` when the password is right.
fn portal_sign_in(
    product: IdentityProduct,
    exports: &[PathBuf],
    username: &str,
    password: &str,
    log: &Path,
    at: &str,
) -> PortalAnswer {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/reference_portal.py");
    let mut child = Command::new(python())
        .arg(script)
        .arg(product.as_str())
        .args(exports)
        .args(["--username", username, "--ip", "203.0.113.7", "--at", at])
        .arg("--log")
        .arg(log)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the reference portal starts (is argon2-cffi installed?)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(password.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the reference portal failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Three customers with logins (passwords revealed by the owner) and one without.
async fn agency() -> (TestApp, Actor, Vec<(NewLogin, PlainPassword, String)>) {
    let (app, owner) = TestApp::with_owner().await;
    let mut logins = Vec::new();
    for (email, first) in [
        ("ana@example.com", "Ana"),
        ("bo@example.com", "Bo"),
        ("cy@example.com", "Cy"),
    ] {
        let login = app
            .add_customer_with_login(&owner, customer_form(email, first, "Lima"))
            .await;
        let password = app.reveal(&owner, login.handoff_id).await;
        logins.push((login, password, email.to_owned()));
    }
    app.add_customer(&owner, customer_form("dee@example.com", "Dee", "Lima"))
        .await;
    (app, owner, logins)
}

#[tokio::test]
async fn an_auth0_export_signs_customers_in_on_the_portal_and_their_sign_ins_come_back() {
    let (app, owner, logins) = agency().await;
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("exports");
    let export = app
        .keydesk
        .export_portal_accounts(&owner, IdentityProduct::Auth0, &dir)
        .await
        .unwrap();
    assert_eq!((export.accounts, export.without_login), (3, 1));
    assert_eq!(export.files.len(), 1);
    let files: Vec<PathBuf> = export.files.iter().map(PathBuf::from).collect();
    assert_eq!(
        files_under(&dir),
        files,
        "nothing but the export is left in the folder"
    );
    let users: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    assert_eq!(users.len(), 3);
    assert!(
        users.iter().all(|u| u.get("username").is_none()),
        "Auth0 signs customers in by email"
    );

    // No password is in the file, only hashes.
    let secrets: HashSet<Vec<u8>> = logins
        .iter()
        .map(|(_, password, _)| password.expose().as_bytes().to_vec())
        .collect();
    let len = logins[0].1.expose().len();
    assert!(secrets.iter().all(|s| s.len() == len));
    assert_eq!(hits(&std::fs::read(&files[0]).unwrap(), &secrets, len), 0);

    // The website signs each customer in with the password they were handed, and with
    // nothing else; each must choose a new password first.
    let log = work.path().join("portal-sign-ins.csv");
    std::fs::write(&log, "email,time,ip\n").unwrap();
    let product = IdentityProduct::Auth0;
    for (n, (login, password, _)) in logins.iter().enumerate() {
        let at = format!("2026-10-2{}T09:15:00Z", n + 1);
        let wrong = portal_sign_in(product, &files, &login.username, "not it", &log, &at);
        assert!(!wrong.signed_in);
        let answer = portal_sign_in(
            product,
            &files,
            &login.username,
            password.expose(),
            &log,
            &at,
        );
        assert!(answer.signed_in, "{} signs in", login.username);
        assert!(answer.must_change_password && !answer.email_verified && !answer.blocked);
    }
    // Ana signs in once more, later.
    let (ana, ana_password, _) = &logins[0];
    let again = portal_sign_in(
        product,
        &files,
        &ana.username,
        ana_password.expose(),
        &log,
        "2026-10-29T18:00:00+01:00",
    );
    assert!(again.signed_in);

    let report = app
        .keydesk
        .import_portal_sign_ins(&owner, &log)
        .await
        .unwrap();
    assert_eq!(
        (report.rows, report.recorded, report.already_known),
        (4, 4, 0)
    );
    assert_eq!((report.customers, report.problem_count), (3, 0));
    let account = |customer: keydesk_api::Customer| customer.account.expect("a login");
    let ana_account = account(app.customer(&owner, ana.customer_id.0).await);
    assert_eq!(ana_account.login_count, 2);
    assert_eq!(
        ana_account.last_login_at.as_deref(),
        Some("2026-10-29T17:00:00+00:00")
    );
    let bo_account = account(app.customer(&owner, logins[1].0.customer_id.0).await);
    assert_eq!(bo_account.login_count, 1);

    // The same file again changes nothing, and so does the same sign-in written
    // another way (another offset, with milliseconds) in a later file.
    let later = work.path().join("later.csv");
    std::fs::write(
        &later,
        "ana@example.com;2026-10-29T17:00:00.000Z\nbo@example.com;2026-10-30 08:00:00\n",
    )
    .unwrap();
    let report = app
        .keydesk
        .import_portal_sign_ins(&owner, &later)
        .await
        .unwrap();
    assert_eq!((report.recorded, report.already_known), (1, 1));
    let before: Vec<_> = accounts_of(&app, &owner, &logins).await;
    let again = app
        .keydesk
        .import_portal_sign_ins(&owner, &log)
        .await
        .unwrap();
    assert_eq!(
        (again.recorded, again.already_known, again.customers),
        (0, 4, 0)
    );
    assert_eq!(accounts_of(&app, &owner, &logins).await, before);
    let bo_account = account(app.customer(&owner, logins[1].0.customer_id.0).await);
    assert_eq!(bo_account.login_count, 2);

    let actions = app.audit_actions(&owner).await;
    assert!(actions.contains(&"portal.accounts_exported".to_owned()));
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "portal.sign_ins_imported")
            .count(),
        3
    );
    app.assert_chain_intact(&owner).await;
}

/// Each customer's account as Keydesk shows it.
async fn accounts_of(
    app: &TestApp,
    owner: &Actor,
    logins: &[(NewLogin, PlainPassword, String)],
) -> Vec<Option<keydesk_api::CustomerAccount>> {
    let mut accounts = Vec::new();
    for (login, _, _) in logins {
        accounts.push(app.customer(owner, login.customer_id.0).await.account);
    }
    accounts
}

#[tokio::test]
async fn a_keycloak_export_holds_hashes_an_independent_argon2_verifies() {
    let (app, owner, logins) = agency().await;
    let work = tempfile::tempdir().unwrap();
    // An archived customer may not sign in.
    let (cy, cy_password, _) = &logins[2];
    app.keydesk
        .set_customer_archived(&owner, cy.customer_id, true)
        .await
        .unwrap();
    let dir = work.path().join("exports");
    let export = app
        .keydesk
        .export_portal_accounts(&owner, IdentityProduct::Keycloak, &dir)
        .await
        .unwrap();
    let files: Vec<PathBuf> = export.files.iter().map(PathBuf::from).collect();
    let log = work.path().join("sign-ins.csv");
    let product = IdentityProduct::Keycloak;
    let at = "2026-10-28T09:15:00Z";
    for (login, password, _) in &logins[..2] {
        let answer = portal_sign_in(
            product,
            &files,
            &login.username,
            password.expose(),
            &log,
            at,
        );
        assert!(answer.signed_in && answer.must_change_password);
        let swapped = if password.expose() == logins[0].1.expose() {
            logins[1].1.expose()
        } else {
            logins[0].1.expose()
        };
        assert!(!portal_sign_in(product, &files, &login.username, swapped, &log, at).signed_in);
    }
    let archived = portal_sign_in(
        product,
        &files,
        &cy.username,
        cy_password.expose(),
        &log,
        at,
    );
    assert!(archived.blocked && !archived.signed_in);
    assert!(
        archived.password_ok,
        "the archived customer's hash is exported whole"
    );
}

#[tokio::test]
async fn only_owners_export_accounts_and_agents_import_no_sign_ins() {
    let (app, owner, _) = agency().await;
    let work = tempfile::tempdir().unwrap();
    let admin = app.member(&owner, "admin@agency.test", Role::Admin).await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    let dir = work.path().join("exports");
    for actor in [&admin, &agent] {
        for product in IdentityProduct::ALL {
            let result = app
                .keydesk
                .export_portal_accounts(actor, product, &dir)
                .await;
            assert!(
                matches!(result, Err(ServiceError::Access(AccessError::Forbidden))),
                "{:?} exported",
                actor.role()
            );
        }
    }
    assert!(!dir.exists(), "a refused export writes nothing");
    let log = work.path().join("sign-ins.csv");
    std::fs::write(&log, "ana@example.com,2026-10-28T09:15:00Z\n").unwrap();
    let refused = app.keydesk.import_portal_sign_ins(&agent, &log).await;
    assert!(matches!(
        refused,
        Err(ServiceError::Access(AccessError::Forbidden))
    ));
    // An admin may bring the sign-ins in.
    let report = app
        .keydesk
        .import_portal_sign_ins(&admin, &log)
        .await
        .unwrap();
    assert_eq!(report.recorded, 1);
}

#[tokio::test]
async fn hostile_or_wrong_sign_in_files_are_refused_or_reported_line_by_line() {
    let (app, owner, logins) = agency().await;
    let work = tempfile::tempdir().unwrap();
    let before = accounts_of(&app, &owner, &logins).await;
    let audited = app.audit_count(&owner, "portal.sign_ins_imported").await;
    let dir = work.path();

    // Files that are no sign-in list at all change nothing.
    let binary = dir.join("photo.csv");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3].repeat(100)).unwrap();
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "\n\n").unwrap();
    for (path, says) in [
        (binary, "binary data"),
        (dir.join("missing.csv"), "was not found"),
        (dir.to_path_buf(), "is a folder"),
        (empty, "holds no sign-ins"),
    ] {
        let result = app.keydesk.import_portal_sign_ins(&owner, &path).await;
        let message = crate::helpers::field_error(result, "file");
        assert!(message.contains(says), "{message}");
    }
    assert_eq!(accounts_of(&app, &owner, &logins).await, before);
    assert_eq!(
        app.audit_count(&owner, "portal.sign_ins_imported").await,
        audited
    );

    // A file with some bad lines records the good ones and names the others.
    let mixed = dir.join("mixed.csv");
    std::fs::write(
        &mixed,
        "Email;Time;IP\n\
         ANA@example.com;2026-10-28 09:15:00;203.0.113.7\n\
         nobody@example.com;2026-10-28T09:15:00Z;\n\
         dee@example.com;2026-10-28T09:15:00Z;\n\
         bo@example.com;next week;\n\
         bo@example.com;2026-10-28T09:15:00Z;not-an-ip\n\
         =cmd|' /C calc'!A0;2026-10-28T09:15:00Z;\n",
    )
    .unwrap();
    let report = app
        .keydesk
        .import_portal_sign_ins(&owner, &mixed)
        .await
        .unwrap();
    assert_eq!((report.rows, report.recorded), (6, 1));
    let problems: Vec<(u64, String)> = report
        .problems
        .iter()
        .map(|p| (p.line, keydesk_core::catalogue::in_english(&p.message)))
        .collect();
    let problems: Vec<(u64, &str)> = problems.iter().map(|(l, m)| (*l, m.as_str())).collect();
    assert_eq!(
        problems,
        vec![
            (3, "No customer has this email."),
            (4, "This customer has no portal login yet."),
            (
                5,
                "“next week” is not a time; write it like 2026-11-28T09:15:00Z."
            ),
            (6, "“not-an-ip” is not an IP address."),
            (7, "“=cmd|' /C calc'!A0” is not an email address."),
        ]
    );
    let ana = app.customer(&owner, logins[0].0.customer_id.0).await;
    assert_eq!(ana.account.unwrap().login_count, 1);
}
