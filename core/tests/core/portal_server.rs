//! The customer portal with an agency server: the website, played by the reference portal
//! (Python, psycopg, argon2-cffi), reads the `portal` schema as a login role of its own,
//! signs a customer in with the password an owner handed over, reports the sign-in and
//! redeems the welcome mail's verify-email link; every desk then shows both.

use crate::agency_server::{execute, unique};
use crate::desk_sync::agency;
use crate::helpers::{assert_no_secret_in, customer_form, files_under, TestApp};
use crate::smtp::{python, SmtpSink};
use keydesk_api::Customer;
use keydesk_core::auth::Actor;
use keydesk_core::domain::{CustomerId, HandoffId};
use keydesk_core::server::ServerUrl;
use mail_parser::MessageParser;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const WEBSITE_PASSWORD: &str = "the website has a database password of its own 4";

/// A login role for the agency's website, as its administrator makes one.
async fn website_login(server: &ServerUrl, in_portal_role: bool) -> ServerUrl {
    let name = unique("website");
    let mut admin = server.connect().await.expect("the server answers");
    let role: String = sqlx::query_scalar("SELECT kd.portal_role()")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    let member = if in_portal_role {
        format!(" IN ROLE {role}")
    } else {
        String::new()
    };
    execute(
        &mut admin,
        &format!("CREATE ROLE {name} LOGIN PASSWORD '{WEBSITE_PASSWORD}'{member}"),
    )
    .await
    .expect("CREATE ROLE");
    server.as_login(&name, WEBSITE_PASSWORD)
}

/// Runs the reference portal against `website`'s view of the server.
fn reference_portal(website: &ServerUrl, args: &[&str], stdin: &str) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/reference_portal.py");
    let mut child = Command::new(python())
        .arg(script)
        .args(&args[..1])
        .args(["--dsn", &website.without_password()])
        .args(&args[1..])
        .env("PGPASSWORD", WEBSITE_PASSWORD)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the reference portal starts (is psycopg installed?)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the reference portal failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the portal answers in JSON")
}

fn sign_in(website: &ServerUrl, username: &str, password: &str, at: &str) -> serde_json::Value {
    reference_portal(
        website,
        &[
            "server",
            "--username",
            username,
            "--ip",
            "203.0.113.7",
            "--at",
            at,
        ],
        password,
    )
}

/// Signs in with `current` and sets `new` as the customer's own password.
fn change_password(
    website: &ServerUrl,
    username: &str,
    current: &str,
    new: &str,
) -> serde_json::Value {
    reference_portal(
        website,
        &[
            "server",
            "--change",
            "--username",
            username,
            "--at",
            "2026-11-30T07:00:00Z",
        ],
        &format!("{current}\n{new}"),
    )
}

fn redeem(website: &ServerUrl, token: &str) -> Option<String> {
    let token = format!("--token={token}");
    reference_portal(website, &["redeem", &token], "")["verified_email"]
        .as_str()
        .map(str::to_owned)
}

async fn sync(app: &TestApp) {
    app.keydesk.sync_now().await.expect("the desk syncs");
}

async fn customer_named(app: &TestApp, actor: &Actor, email: &str) -> Customer {
    let rows = app
        .keydesk
        .list_customers(actor, &Default::default())
        .await
        .unwrap()
        .rows;
    let id = rows
        .iter()
        .find(|r| r.email == email)
        .unwrap_or_else(|| panic!("{email} is listed"))
        .id;
    app.customer(actor, id).await
}

#[tokio::test]
async fn the_website_signs_in_with_the_handed_over_password_and_every_desk_sees_the_sign_in() {
    let (server, front, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    let email = "lea@example.com";
    ana_app
        .add_customer_with_login(&ana, customer_form(email, "Lea", "Roux"))
        .await;
    sync(&ana_app).await;
    sync(&front).await;
    let pending = front
        .pending_handoffs(&owner)
        .await
        .into_iter()
        .find(|p| p.username == email)
        .expect("the agent's login waits on the owner's desk");
    let password = front.reveal(&owner, HandoffId(pending.handoff_id)).await;
    let website = website_login(&server, true).await;

    // A wrong password does not sign in, and nothing is recorded.
    let wrong = sign_in(&website, email, "not the password", "2026-11-28T09:00:00Z");
    assert_eq!(wrong["password_ok"], false);
    assert_eq!(wrong["signed_in"], false);
    // The handed-over one does, with an independent argon2, and must be changed.
    let right = sign_in(&website, email, password.expose(), "2026-11-28T09:15:00Z");
    assert_eq!(right["password_ok"], true, "{right}");
    assert_eq!(right["signed_in"], true, "{right}");
    assert_eq!(right["must_change_password"], true);
    assert_eq!(right["email_verified"], false);
    assert_eq!(right["blocked"], false);
    // The website reporting the same sign-in twice counts it once.
    sign_in(&website, email, password.expose(), "2026-11-28T09:15:00Z");
    sign_in(&website, email, password.expose(), "2026-11-29T18:40:05Z");

    for (app, actor) in [(&front, &owner), (&ana_app, &ana)] {
        sync(app).await;
        let account = customer_named(app, actor, email).await.account.unwrap();
        assert_eq!(account.login_count, 2, "sign-ins counted once each");
        assert!(
            account
                .last_login_at
                .as_deref()
                .is_some_and(|at| at.starts_with("2026-11-29T18:40:05")),
            "{:?}",
            account.last_login_at
        );
    }
    // Syncing again brings nothing twice.
    sync(&front).await;
    let account = customer_named(&front, &owner, email).await.account.unwrap();
    assert_eq!(account.login_count, 2);

    // Léa chooses a password of her own: the portal keeps its hash and asks no more, the
    // generated one stops working, and every desk's account takes it; her login no longer
    // waits in the owner's queue.
    let own = "Lea's own portal password 2026";
    let changed = change_password(&website, email, password.expose(), own);
    assert_eq!(changed["password_changed"], true, "{changed}");
    let again = sign_in(&website, email, own, "2026-11-30T07:30:00Z");
    assert_eq!(again["password_ok"], true, "{again}");
    assert_eq!(again["must_change_password"], false);
    let old = sign_in(&website, email, password.expose(), "2026-11-30T07:40:00Z");
    assert_eq!(old["password_ok"], false);
    for (app, actor) in [(&front, &owner), (&ana_app, &ana)] {
        sync(app).await;
        let id = CustomerId(customer_named(app, actor, email).await.id);
        assert!(
            app.password_works(id, own).await,
            "the account holds her own"
        );
        assert!(!app.password_works(id, password.expose()).await);
    }
    assert_eq!(
        front
            .audit_count(&owner, "customer.portal_password_changed")
            .await,
        1
    );
    assert!(
        !front
            .pending_handoffs(&owner)
            .await
            .iter()
            .any(|p| p.username == email),
        "her login reached her"
    );

    // The owner resets her password later. A desk reading the portal's events from the
    // start (as one that joins does) leaves her earlier change alone: the reset stays.
    let id = customer_named(&front, &owner, email).await.id;
    let reset = front
        .keydesk
        .reset_customer_password(&owner, CustomerId(id))
        .await
        .unwrap();
    let reset_password = front.reveal(&owner, reset.handoff_id).await;
    sync(&front).await;
    sqlx::query("UPDATE meta SET value = '0' WHERE key = 'portal_events_read_up_to'")
        .execute(&mut front.open_file().await)
        .await
        .unwrap();
    sync(&front).await;
    assert!(
        front
            .password_works(CustomerId(id), reset_password.expose())
            .await
    );
    assert!(!front.password_works(CustomerId(id), own).await);
    assert!(
        front
            .pending_handoffs(&owner)
            .await
            .iter()
            .any(|p| p.username == email),
        "the reset still waits to be handed over"
    );

    // An archived customer's account is disabled: the portal refuses the sign-in.
    front
        .keydesk
        .set_customer_archived(&owner, CustomerId(id), true)
        .await
        .expect("archived");
    sync(&front).await;
    let archived = sign_in(
        &website,
        email,
        reset_password.expose(),
        "2026-11-30T08:00:00Z",
    );
    assert_eq!(archived["password_ok"], true);
    assert_eq!(archived["blocked"], true);
    assert_eq!(archived["signed_in"], false);
}

#[tokio::test]
async fn the_portal_role_reads_its_schema_only_and_nobody_else_calls_its_functions() {
    let (server, front, owner, _) = agency(&[]).await;
    front
        .add_customer_with_login(&owner, customer_form("lea@example.com", "Lea", "Roux"))
        .await;
    sync(&front).await;
    let website = website_login(&server, true).await;
    let mut site = website.connect().await.expect("the website signs in");
    let accounts: Vec<(String, String, bool)> =
        sqlx::query_as("SELECT username, password_hash, must_change_password FROM portal.accounts")
            .fetch_all(&mut site)
            .await
            .expect("the website reads its view");
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].0, "lea@example.com");
    assert!(accounts[0].1.starts_with("$argon2id$v=19$"), "a PHC hash");
    assert!(accounts[0].2);
    // Nothing of kd: its tables answer no row or refuse, its functions know no desk.
    let customers: i64 = sqlx::query_scalar("SELECT count(*) FROM kd.customers")
        .fetch_one(&mut site)
        .await
        .unwrap();
    assert_eq!(customers, 0, "the website sees no customer table row");
    for refused in [
        "SELECT * FROM kd.portal_accounts",
        "SELECT * FROM kd.verification_tokens",
        "SELECT * FROM kd.handoffs",
        "INSERT INTO kd.portal_events (seq, customer_uid, kind, at) VALUES (1, gen_random_uuid(), 'verified', now())",
        "SELECT * FROM kd.portal_events_after(0, 10)",
    ] {
        let answer = execute(&mut site, refused).await;
        let empty = refused.contains("portal_events_after") && answer.is_ok();
        assert!(answer.is_err() || empty, "{refused} was allowed");
    }
    // With a sign-in on record, the website still reads no desk's events.
    let recorded: bool = sqlx::query_scalar("SELECT portal.record_sign_in('lea@example.com')")
        .fetch_one(&mut site)
        .await
        .unwrap();
    assert!(recorded);
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM kd.portal_events_after(0, 10)")
        .fetch_one(&mut site)
        .await
        .unwrap();
    assert_eq!(events, 0);
    assert!(
        execute(
            &mut site,
            "SELECT kd.issue_verification_token(gen_random_uuid(), sha256('x'))"
        )
        .await
        .is_err(),
        "the website may not hand out tokens"
    );
    // A login outside keydesk_portal reads nothing of the portal and calls neither function.
    let stranger = website_login(&server, false).await;
    let mut stranger = stranger.connect().await.expect("the stranger signs in");
    for refused in [
        "SELECT * FROM portal.accounts",
        "SELECT portal.record_sign_in('lea@example.com', now(), '203.0.113.7')",
        "SELECT portal.redeem_verification_token('whatever')",
    ] {
        assert!(
            execute(&mut stranger, refused).await.is_err(),
            "{refused} was allowed to a stranger"
        );
    }
    // Another agency on the same cluster: this website's login reads nothing of its portal.
    let other = crate::agency_server::new_database().await;
    keydesk_core::server::admin::init(&other).await.unwrap();
    let other_name: String = {
        let mut c = other.connect().await.unwrap();
        sqlx::query_scalar("SELECT current_database()::text")
            .fetch_one(&mut c)
            .await
            .unwrap()
    };
    let mut elsewhere = website.with_database(&other_name).connect().await.unwrap();
    assert!(
        execute(&mut elsewhere, "SELECT * FROM portal.accounts")
            .await
            .is_err(),
        "one agency's website reads another's portal"
    );
    // A sign-in in the future is refused; an unknown username records nothing.
    assert!(execute(
        &mut site,
        "SELECT portal.record_sign_in('lea@example.com', now() + interval '1 day')"
    )
    .await
    .is_err());
    let unknown: bool = sqlx::query_scalar("SELECT portal.record_sign_in('nobody@example.com')")
        .fetch_one(&mut site)
        .await
        .unwrap();
    assert!(!unknown);
}

/// The verify-email link in each welcome mail `sink` received, oldest first.
fn verify_links(sink: &SmtpSink, count: usize) -> Vec<String> {
    let parser = MessageParser::default();
    sink.wait_for(count, Duration::from_secs(20))
        .iter()
        .map(|raw| {
            let text = parser
                .parse(raw)
                .unwrap()
                .body_text(0)
                .unwrap()
                .into_owned();
            text.split_whitespace()
                .find(|w| w.starts_with("https://portal.agency.test/verify-email?token="))
                .unwrap_or_else(|| panic!("no verify-email link in {text}"))
                .to_owned()
        })
        .collect()
}

fn token_of(link: &str) -> &str {
    link.split_once("token=").unwrap().1
}

#[tokio::test]
async fn the_welcome_mails_link_verifies_once_within_a_day_and_only_the_newest_works() {
    let (server, front, owner, _) = agency(&[]).await;
    let k = &front.keydesk;
    let sink = SmtpSink::serving(k, &owner).await;
    let mut branding = k.branding(&owner).await.unwrap();
    branding.portal_url = "https://portal.agency.test/".to_owned();
    k.save_branding(&owner, &branding).await.unwrap();
    let email = "lea@example.com";
    let created = front
        .add_customer_with_login(&owner, customer_form(email, "Lea", "Roux"))
        .await;
    sync(&front).await;
    let website = website_login(&server, true).await;

    for _ in 0..2 {
        k.send_welcome_mail(&owner, created.customer_id, "")
            .await
            .unwrap();
        assert_eq!(k.send_due_mail().await.unwrap().sent, 1);
    }
    let links = verify_links(&sink, 2);
    let (older, newer) = (token_of(&links[0]), token_of(&links[1]));
    assert_eq!(older.len(), 43, "32 bytes, base64url");
    assert_ne!(older, newer);
    assert_eq!(
        redeem(&website, older),
        None,
        "a newer mail voids the older link"
    );
    assert_eq!(redeem(&website, "not a token"), None);
    assert_eq!(redeem(&website, newer).as_deref(), Some(email));
    assert_eq!(redeem(&website, newer), None, "a link works once");

    sync(&front).await;
    let customer = front.customer(&owner, created.customer_id.0).await;
    assert!(
        customer.account.unwrap().verified(),
        "the desk learnt the email is verified"
    );
    assert_eq!(
        front.audit_count(&owner, "customer.email_verified").await,
        1
    );
    let password = front.reveal(&owner, created.handoff_id).await;
    let signed = sign_in(&website, email, password.expose(), "2026-11-28T09:15:00Z");
    assert_eq!(signed["email_verified"], true);

    // A day later by the server's clock, a link no longer works.
    k.send_welcome_mail(&owner, created.customer_id, "")
        .await
        .unwrap();
    assert_eq!(k.send_due_mail().await.unwrap().sent, 1);
    let late = token_of(&verify_links(&sink, 3)[2]).to_owned();
    let mut admin = server.connect().await.unwrap();
    // The server keeps the token's SHA-256, not the token.
    let (hashed, plain): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE token_hash = sha256(convert_to($1, 'UTF8'))),                 count(*) FILTER (WHERE strpos(encode(token_hash, 'escape'), $1) > 0)          FROM kd.verification_tokens",
    )
    .bind(&late)
    .fetch_one(&mut admin)
    .await
    .unwrap();
    assert_eq!((hashed, plain), (1, 0));
    execute(
        &mut admin,
        "UPDATE kd.verification_tokens SET issued_at = issued_at - interval '24 hours', \
         expires_at = expires_at - interval '24 hours'",
    )
    .await
    .unwrap();
    assert_eq!(redeem(&website, &late), None, "expired after 24 hours");
    // A spent or expired token leaves nothing behind.
    let kept: Vec<Vec<u8>> = sqlx::query_scalar("SELECT token_hash FROM kd.verification_tokens")
        .fetch_all(&mut admin)
        .await
        .unwrap();
    assert!(kept.is_empty(), "a spent or expired token is gone");
    // The tokens were only ever in the mails: not in the desk's database, WAL or logs.
    let tokens: HashSet<Vec<u8>> = [older, newer, late.as_str()]
        .iter()
        .map(|t| t.as_bytes().to_vec())
        .collect();
    let mut files = files_under(&front.paths.data_dir);
    files.extend(files_under(&front.paths.log_dir));
    assert!(assert_no_secret_in(&files, &tokens, 43) > 0);
}

#[tokio::test]
async fn a_welcome_mail_waits_for_the_agency_server_rather_than_carry_a_dead_link() {
    let (_server, front, owner, _) = agency(&[]).await;
    let k = &front.keydesk;
    let _sink = SmtpSink::serving(k, &owner).await;
    let mut branding = k.branding(&owner).await.unwrap();
    branding.portal_url = "https://portal.agency.test".to_owned();
    k.save_branding(&owner, &branding).await.unwrap();
    // Created here and not yet synced: the server does not know the customer.
    let created = front
        .add_customer(&owner, customer_form("lea@example.com", "Lea", "Roux"))
        .await;
    k.send_welcome_mail(&owner, CustomerId(created.id), "")
        .await
        .unwrap();
    let pass = k.send_due_mail().await.unwrap();
    assert_eq!(pass.sent, 0);
    assert_eq!(pass.retried, 1);
    let waiting = k
        .customer_mails(&owner, CustomerId(created.id))
        .await
        .unwrap();
    assert!(
        waiting[0]
            .last_error
            .as_ref()
            .map(keydesk_core::catalogue::in_english)
            .is_some_and(|e| e.contains("agency server")),
        "{:?}",
        waiting[0].last_error
    );
}
