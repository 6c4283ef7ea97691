//! Whole desks (their own database, the real keyring) syncing through a real agency
//! server: publishing a desk, inviting and joining desks, customers created offline on one
//! desk reaching another, and what a desk is told when the server did not do as it asked.

use crate::agency_server::{admin_url, new_database};
use crate::fault_proxy::{Fault, FaultProxy};
use crate::helpers::{customer_form, pw, TestApp};
use keydesk_api::{
    ChainVerification, CustomerField, CustomerInput, KeptField, NoticeField, NoticeOutcome, Role,
    Said,
};
use keydesk_core::auth::Actor;
use keydesk_core::domain::CustomerId;
use keydesk_core::server::sync::Outcome;
use keydesk_core::server::{admin, ServerUrl};
use keydesk_core::services::{
    DeskInvitation, JoinForm, ServiceError, SyncReport, SyncState, SyncWorker,
};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// An empty agency server of the test's own, as its administrator.
async fn agency_server() -> ServerUrl {
    let url = new_database().await;
    admin::init(&url).await.expect("server-init");
    url
}

pub(crate) const JOIN_PASSWORD: &str = "a passphrase chosen on the new laptop 7";

/// A new desk joining with `invitation`, and its member signed in there.
pub(crate) async fn joined_desk(invitation: &DeskInvitation, email: &str) -> (TestApp, Actor) {
    let app = TestApp::spawn().await;
    app.on_real_time();
    // As the person has it: the code the owner's desk showed, pasted.
    let invitation = DeskInvitation::from_code(&invitation.to_code()).expect("a valid code");
    app.keydesk
        .join_agency_server(&invitation, pw(JOIN_PASSWORD))
        .await
        .expect("the new desk joins");
    let member = app
        .sign_in_with(email, JOIN_PASSWORD)
        .await
        .expect("the member signs in at their new desk");
    (app, member)
}

/// The owner's desk, published to a new agency server, with agents `emails` invited and
/// joined on desks of their own.
pub(crate) async fn agency(emails: &[&str]) -> (ServerUrl, TestApp, Actor, Vec<(TestApp, Actor)>) {
    let server = agency_server().await;
    let (owner_app, owner, desks) = agency_at(&server, emails).await;
    (server, owner_app, owner, desks)
}

/// [`agency`] on the server at `server`.
async fn agency_at(server: &ServerUrl, emails: &[&str]) -> (TestApp, Actor, Vec<(TestApp, Actor)>) {
    let (owner_app, owner) = TestApp::with_owner().await;
    owner_app.on_real_time();
    let mut members = Vec::new();
    for email in emails {
        members.push(owner_app.member(&owner, email, Role::Agent).await);
    }
    owner_app
        .keydesk
        .publish_to_agency_server(&owner, server, "Front desk")
        .await
        .expect("the owner's desk is the agency's first");
    let mut desks = Vec::new();
    for (email, member) in emails.iter().zip(&members) {
        let invitation = owner_app
            .keydesk
            .invite_desk(&owner, member.id(), "Laptop")
            .await
            .expect("an owner invites a desk");
        desks.push(joined_desk(&invitation, email).await);
    }
    (owner_app, owner, desks)
}

pub(crate) async fn sync(app: &TestApp) -> SyncReport {
    app.keydesk.sync_now().await.expect("the desk syncs")
}

fn lea() -> CustomerInput {
    let mut form = customer_form("lea.moreau@example.com", "Léa", "Moreau");
    form.phone = "+33 1 23 45 67 89".into();
    form.gender = Some(keydesk_api::Gender::Female);
    form.special_requirements = "Vegan meals, window seat".into();
    form
}

#[tokio::test]
async fn a_desk_of_its_own_queues_nothing_for_any_server() {
    let (app, owner) = TestApp::with_owner().await;
    let customer = app.add_customer(&owner, lea()).await;
    let mut edit = lea();
    edit.city = "Lyon".into();
    app.keydesk
        .update_customer(&owner, CustomerId(customer.id), customer.version, edit)
        .await
        .unwrap();
    app.keydesk
        .erase_customer(&owner, CustomerId(customer.id), "lea.moreau@example.com")
        .await
        .unwrap();
    assert!(app.keydesk.agency_server().await.unwrap().is_none());
    assert_eq!(app.keydesk.changes_waiting().await.unwrap(), 0);
    assert_eq!(app.keydesk.sync_now().await.unwrap(), SyncReport::default());
}

#[tokio::test]
async fn a_customer_an_agent_creates_offline_reaches_the_owners_desk_and_no_other_agents() {
    let (_, owner_app, owner, mut desks) = agency(&["ana@agency.test", "bob@agency.test"]).await;
    let (bob_app, bob) = desks.pop().unwrap();
    let (ana_app, ana) = desks.pop().unwrap();

    // Offline: the customer is saved on Ana's desk, its op waits.
    let created = ana_app.add_customer(&ana, lea()).await;
    assert_eq!(ana_app.keydesk.changes_waiting().await.unwrap(), 1);
    assert!(owner_app.search(&owner, "Moreau").await.is_empty());

    let report = sync(&ana_app).await;
    assert_eq!(report.pushed, 1);
    assert_eq!(ana_app.keydesk.changes_waiting().await.unwrap(), 0);
    assert!(sync(&owner_app).await.pulled >= 1);
    assert_eq!(
        owner_app.search(&owner, "Moreau").await,
        ["lea.moreau@example.com"]
    );
    let on_owners = owner_app
        .keydesk
        .list_customers(&owner, &Default::default())
        .await
        .unwrap();
    let row = on_owners
        .rows
        .iter()
        .find(|r| r.email == "lea.moreau@example.com")
        .unwrap();
    let seen = owner_app.customer(&owner, row.id).await;
    assert_eq!(seen.first_name, created.first_name);
    assert_eq!(seen.phone, created.phone);
    assert_eq!(seen.gender, Some(keydesk_api::Gender::Female));
    assert_eq!(seen.special_requirements, "Vegan meals, window seat");
    // The agency's number, the same on both desks; none before the server had her.
    assert_eq!(created.number, None);
    let on_anas = ana_app.customer(&ana, created.id).await;
    assert!(on_anas.number.is_some());
    assert_eq!(seen.number, on_anas.number);

    sync(&bob_app).await;
    assert!(bob_app.search(&bob, "Moreau").await.is_empty());
    owner_app.assert_chain_intact(&owner).await;
}

#[tokio::test]
async fn two_agents_creating_one_email_offline_end_with_one_customer_and_a_notice() {
    let (_, owner_app, owner, mut desks) = agency(&["ana@agency.test", "bob@agency.test"]).await;
    let (bob_app, bob) = desks.pop().unwrap();
    let (ana_app, ana) = desks.pop().unwrap();

    ana_app.add_customer(&ana, lea()).await;
    let mut bobs = lea();
    bobs.phone = "+33 6 00 00 00 00".into();
    bob_app.add_customer(&bob, bobs).await;

    assert_eq!(sync(&ana_app).await.notices, 0);
    let report = sync(&bob_app).await;
    assert_eq!(report.notices, 1, "{report:?}");
    let notices = bob_app.keydesk.sync_notices(&bob).await.unwrap();
    let Outcome::Merged { by, differs, .. } = &notices[0].answer.outcome else {
        panic!("expected a merge notice, got {:?}", notices[0]);
    };
    assert_eq!(differs.len(), 1, "the phone differed: {differs:?}");
    assert!(by.is_some(), "the notice names whose customer it was");
    assert_eq!(notices[0].made_by, Some(bob.id()));
    // As the Sync inbox shows it: names, not uids.
    let inbox = bob_app.keydesk.sync_inbox(&bob).await.unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].made_by.as_deref(), Some(bob.display_name()));
    assert_eq!(inbox[0].customer.as_ref().unwrap().name, "Léa Moreau");
    let NoticeOutcome::Merged {
        created_by,
        differs,
        ..
    } = &inbox[0].outcome
    else {
        panic!("expected a merge, got {:?}", inbox[0]);
    };
    assert_eq!(created_by.as_deref(), Some(ana.display_name()));
    assert_eq!(differs, &[NoticeField::Form(CustomerField::Phone)]);
    let status = bob_app
        .keydesk
        .sync_status(&bob, &SyncState::Off)
        .await
        .unwrap();
    assert_eq!((status.notices, status.changes_waiting), (1, 0));

    // Bob's desk keeps one customer, now with the first desk's fields.
    assert_eq!(
        bob_app.search(&bob, "Moreau").await,
        ["lea.moreau@example.com"]
    );
    let list = bob_app
        .keydesk
        .list_customers(&bob, &Default::default())
        .await
        .unwrap();
    assert_eq!(list.total, 1);
    let kept = bob_app.customer(&bob, list.rows[0].id).await;
    assert_eq!(kept.phone.as_deref(), Some("+33123456789"));

    sync(&owner_app).await;
    assert_eq!(
        owner_app.search(&owner, "Moreau").await,
        ["lea.moreau@example.com"]
    );
    owner_app.assert_chain_intact(&owner).await;

    // A merge has nothing to apply again; it is set aside once read.
    assert!(bob_app
        .keydesk
        .apply_mine(&bob, notices[0].id)
        .await
        .is_err());
    bob_app
        .keydesk
        .dismiss_sync_notice(&bob, notices[0].id)
        .await
        .unwrap();
    assert!(bob_app.keydesk.sync_notices(&bob).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_edit_of_a_field_someone_changed_first_is_refused_with_a_notice_and_theirs_is_kept() {
    let (_, owner_app, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    let created = ana_app.add_customer(&ana, lea()).await;
    sync(&ana_app).await;
    sync(&owner_app).await;
    let on_owners = owner_app
        .keydesk
        .list_customers(&owner, &Default::default())
        .await
        .unwrap();
    let owners_copy = owner_app.customer(&owner, on_owners.rows[0].id).await;

    let mut owners_edit = lea();
    owners_edit.phone = "+33 1 11 11 11 11".into();
    owner_app
        .keydesk
        .update_customer(
            &owner,
            CustomerId(owners_copy.id),
            owners_copy.version,
            owners_edit,
        )
        .await
        .unwrap();
    let mut anas_edit = lea();
    anas_edit.phone = "+33 6 22 22 22 22".into();
    anas_edit.city = "Lyon".into();
    let current = ana_app.customer(&ana, created.id).await;
    ana_app
        .keydesk
        .update_customer(&ana, CustomerId(created.id), current.version, anas_edit)
        .await
        .unwrap();

    sync(&owner_app).await;
    let report = sync(&ana_app).await;
    assert_eq!(report.notices, 1);
    let notices = ana_app.keydesk.sync_notices(&ana).await.unwrap();
    assert!(
        matches!(&notices[0].answer.outcome, Outcome::Partly { conflicts, .. }
            if conflicts[0].by.is_some() && conflicts[0].at.is_some()),
        "{notices:?}"
    );
    let inbox = ana_app.keydesk.sync_inbox(&ana).await.unwrap();
    assert_eq!(
        inbox[0].outcome,
        NoticeOutcome::Kept {
            applied: vec![NoticeField::Form(CustomerField::City)],
            kept: vec![KeptField {
                field: NoticeField::Form(CustomerField::Phone),
                taken: false,
                by: Some(owner.display_name().to_owned()),
                at: match &notices[0].answer.outcome {
                    Outcome::Partly { conflicts, .. } => conflicts[0].at.map(|at| at.to_rfc3339()),
                    _ => None,
                },
            }],
            can_apply_mine: true,
        }
    );
    let now_on_anas = ana_app.customer(&ana, created.id).await;
    assert_eq!(
        now_on_anas.phone.as_deref(),
        Some("+33111111111"),
        "first writer wins"
    );
    assert_eq!(
        now_on_anas.city.as_deref(),
        Some("Lyon"),
        "her other field stays"
    );

    sync(&owner_app).await;
    let owners_now = owner_app.customer(&owner, owners_copy.id).await;
    assert_eq!(owners_now.city.as_deref(), Some("Lyon"));
    assert_eq!(owners_now.phone.as_deref(), Some("+33111111111"));

    // Ana reads the notice and applies hers after all: it goes out as a new edit.
    ana_app
        .keydesk
        .apply_mine(&ana, notices[0].id)
        .await
        .unwrap();
    assert!(ana_app.keydesk.sync_notices(&ana).await.unwrap().is_empty());
    let mine = ana_app.customer(&ana, created.id).await;
    assert_eq!(mine.phone.as_deref(), Some("+33622222222"));
    let report = sync(&ana_app).await;
    assert_eq!((report.pushed, report.notices), (1, 0), "{report:?}");
    sync(&owner_app).await;
    let owners_now = owner_app.customer(&owner, owners_copy.id).await;
    assert_eq!(
        owners_now.phone.as_deref(),
        Some("+33622222222"),
        "hers, now"
    );
    assert!(
        ana_app
            .keydesk
            .apply_mine(&ana, notices[0].id)
            .await
            .is_err(),
        "once"
    );
}

#[tokio::test]
async fn an_erased_customer_leaves_the_agents_desk_and_her_later_edit_is_refused() {
    let (_, owner_app, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    let created = ana_app.add_customer(&ana, lea()).await;
    sync(&ana_app).await;
    sync(&owner_app).await;
    let on_owners = owner_app
        .keydesk
        .list_customers(&owner, &Default::default())
        .await
        .unwrap();
    owner_app
        .keydesk
        .erase_customer(
            &owner,
            CustomerId(on_owners.rows[0].id),
            "lea.moreau@example.com",
        )
        .await
        .unwrap();

    // Ana edits while offline, before she hears of it.
    let mut edit = lea();
    edit.city = "Lyon".into();
    let current = ana_app.customer(&ana, created.id).await;
    ana_app
        .keydesk
        .update_customer(&ana, CustomerId(created.id), current.version, edit)
        .await
        .unwrap();
    sync(&owner_app).await;
    let report = sync(&ana_app).await;
    assert_eq!(report.notices, 1, "her edit is refused: {report:?}");
    assert!(
        ana_app.search(&ana, "Moreau").await.is_empty(),
        "and the customer is gone"
    );
    let notices = ana_app.keydesk.sync_notices(&ana).await.unwrap();
    assert_eq!(notices.len(), 1, "she is told");
    assert_eq!(
        notices[0].answer.outcome,
        Outcome::Refused {
            reason: keydesk_core::server::sync::Refusal::Erased
        }
    );
    assert!(
        notices[0].op.is_none() && notices[0].answer.state.is_none(),
        "the notice keeps nothing of the erased customer: {:?}",
        notices[0]
    );
    assert!(owner_app.search(&owner, "Moreau").await.is_empty());
}

#[tokio::test]
async fn a_desk_cannot_join_twice_nor_a_desk_with_staff_of_its_own() {
    let (_, owner_app, owner, _) = agency(&[]).await;
    let ana = owner_app
        .member(&owner, "ana@agency.test", Role::Agent)
        .await;
    let invitation = owner_app
        .keydesk
        .invite_desk(&owner, ana.id(), "Laptop")
        .await
        .unwrap();
    let (other_app, _) = TestApp::with_owner().await;
    let refused = other_app
        .keydesk
        .join_agency_server(&invitation, pw(JOIN_PASSWORD))
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("no staff yet"), "{refused}");

    let again = owner_app
        .keydesk
        .publish_to_agency_server(&owner, &admin_url(), "Front desk")
        .await
        .unwrap_err();
    assert!(again.to_string().contains("already"), "{again}");

    // The invitation was not spent by the refusal: the right desk still joins with it.
    let (ana_app, ana_there) = joined_desk(&invitation, "ana@agency.test").await;
    assert_eq!(ana_there.role(), Role::Agent);
    let used = TestApp::spawn().await;
    assert!(used
        .keydesk
        .join_agency_server(&invitation, pw(JOIN_PASSWORD))
        .await
        .is_err());
    drop(ana_app);
}

#[tokio::test]
async fn with_the_worker_running_a_new_customer_reaches_the_owner_without_anyone_syncing_by_hand() {
    let (_, owner_app, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    let created = ana_app.add_customer(&ana, lea()).await;
    let (ana_desk, _folder) = ana_app.into_shared();
    let worker = SyncWorker::start(Arc::clone(&ana_desk));

    // The worker pushes on its own; the owner's desk finds it at its next pull.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        sync(&owner_app).await;
        if owner_app.search(&owner, "Moreau").await == ["lea.moreau@example.com"] {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the customer never reached the owner's desk"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(ana_desk.changes_waiting().await.unwrap(), 0);
    assert!(
        matches!(
            worker.state(),
            SyncState::Synced { .. } | SyncState::Syncing
        ),
        "{:?}",
        worker.state()
    );
    assert_eq!(created.email, "lea.moreau@example.com");
    worker.stop().await;
}

#[tokio::test]
async fn a_push_whose_answer_is_lost_after_the_server_committed_it_is_sent_again_after_a_restart_with_no_duplicate(
) {
    let server = agency_server().await;
    let cluster = admin_url();
    let (host, port) = cluster.host_and_port();
    let proxy = FaultProxy::start(format!("{host}:{port}").parse().unwrap()).await;
    let (owner_app, owner, mut desks) =
        agency_at(&server.with_port(proxy.port()), &["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    ana_app.add_customer(&ana, lea()).await;

    // The administrator holds the server's change counter, so Ana's push waits there,
    // its statement sent; the proxy is then told to cut the answer.
    let mut admin = server.connect().await.unwrap();
    sqlx::query("BEGIN").execute(&mut admin).await.unwrap();
    sqlx::query("SELECT seq FROM kd.change_counter FOR UPDATE")
        .execute(&mut admin)
        .await
        .unwrap();
    let pushing = tokio::spawn(async move {
        let result = ana_app.keydesk.sync_now().await;
        (ana_app, result)
    });
    let mut watcher = server.connect().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let waiting: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity
             WHERE usename LIKE 'kd_desk_%' AND wait_event_type = 'Lock'",
        )
        .fetch_one(&mut watcher)
        .await
        .unwrap();
        if waiting == 1 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "Ana's push never reached the server"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    proxy.set(Fault::CutReplies).await;
    sqlx::query("COMMIT").execute(&mut admin).await.unwrap();
    let (ana_app, lost) = pushing.await.unwrap();
    assert!(
        lost.is_err(),
        "the answer never reached Ana's desk: {lost:?}"
    );
    let on_server: i64 = sqlx::query_scalar("SELECT count(*) FROM kd.customers")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert_eq!(on_server, 1, "the server had committed the push");
    assert_eq!(
        ana_app.keydesk.changes_waiting().await.unwrap(),
        1,
        "nothing is lost here"
    );
    // The desk stops and starts again before it is back online.
    let ana_app = ana_app.restart().await;
    assert_eq!(
        ana_app.keydesk.changes_waiting().await.unwrap(),
        1,
        "nor after a restart"
    );

    proxy.set(Fault::Pass).await;
    let report = sync(&ana_app).await;
    assert_eq!((report.pushed, report.notices), (1, 0), "{report:?}");
    assert_eq!(ana_app.keydesk.changes_waiting().await.unwrap(), 0);
    let on_server: i64 = sqlx::query_scalar("SELECT count(*) FROM kd.customers")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert_eq!(on_server, 1, "no duplicate");
    sync(&owner_app).await;
    assert_eq!(
        owner_app.search(&owner, "Moreau").await,
        ["lea.moreau@example.com"]
    );
    assert_eq!(
        ana_app.search(&ana, "Moreau").await,
        ["lea.moreau@example.com"]
    );
}

#[tokio::test]
async fn a_revoked_desk_is_told_why_and_keeps_its_changes_queued() {
    let (_, owner_app, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    let listed = owner_app.keydesk.agency_desks(&owner).await.unwrap();
    assert_eq!(listed.len(), 2, "{listed:?}");
    let anas_desk = ana_app.desk().await;
    let entry = listed.iter().find(|d| d.uid == anas_desk).unwrap();
    assert_eq!((entry.role, entry.label.as_str()), (Role::Agent, "Laptop"));
    assert!(entry.enrolled_at.is_some() && entry.revoked_at.is_none());

    let refused = ana_app.keydesk.agency_desks(&ana).await.unwrap_err();
    assert!(
        matches!(refused, keydesk_core::services::ServiceError::Access(_)),
        "{refused}"
    );
    let own = owner_app.desk().await;
    assert!(
        owner_app.keydesk.revoke_desk(&owner, own).await.is_err(),
        "not its own desk"
    );

    owner_app
        .keydesk
        .revoke_desk(&owner, anas_desk)
        .await
        .unwrap();
    ana_app.add_customer(&ana, lea()).await;
    let error = ana_app.keydesk.sync_now().await.unwrap_err();
    assert!(
        error.to_string().contains("this desk was revoked"),
        "{error}"
    );
    assert_eq!(
        ana_app.keydesk.changes_waiting().await.unwrap(),
        1,
        "kept here"
    );
    sync(&owner_app).await;
    assert!(owner_app.search(&owner, "Moreau").await.is_empty());
    let listed = owner_app.keydesk.agency_desks(&owner).await.unwrap();
    assert!(listed
        .iter()
        .find(|d| d.uid == anas_desk)
        .unwrap()
        .revoked_at
        .is_some());
    owner_app
        .assert_audited(&owner, &["agency.desk_revoked"])
        .await;
}

#[tokio::test]
async fn the_owners_desk_hears_of_an_agents_push_at_once_with_no_poll_due() {
    let (_, owner_app, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    let (owner_desk, _folder) = owner_app.into_shared();
    // A poll an hour apart: only the server's word can bring the change in time.
    let worker =
        SyncWorker::start_pulling_every(Arc::clone(&owner_desk), Duration::from_secs(3600));
    let deadline = Instant::now() + Duration::from_secs(60);
    while !matches!(worker.state(), SyncState::Synced { .. }) {
        assert!(
            Instant::now() < deadline,
            "the owner's desk never synced: {:?}",
            worker.state()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    ana_app.add_customer(&ana, lea()).await;
    sync(&ana_app).await;
    let query = keydesk_api::CustomerQuery {
        search: "Moreau".into(),
        limit: 10,
        ..Default::default()
    };
    loop {
        let page = owner_desk.list_customers(&owner, &query).await.unwrap();
        if page.total == 1 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the owner's desk never heard of Ana's push"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    worker.stop().await;
}

#[tokio::test]
async fn staff_changes_wait_for_the_agency_server_and_customers_do_not() {
    let server = agency_server().await;
    let cluster = admin_url();
    let (host, port) = cluster.host_and_port();
    let proxy = FaultProxy::start(format!("{host}:{port}").parse().unwrap()).await;
    let (owner_app, owner, _) = agency_at(&server.with_port(proxy.port()), &[]).await;

    proxy.set(Fault::Refuse).await;
    let Err(refused) = owner_app
        .keydesk
        .add_staff(&owner, "carla@agency.test", "Carla", Some(Role::Agent))
        .await
    else {
        panic!("a staff member was added with the agency server out of reach");
    };
    assert!(
        refused
            .to_string()
            .contains("Staff changes need the agency server"),
        "{refused}"
    );
    let staff = owner_app.keydesk.list_staff(&owner).await.unwrap();
    assert!(
        staff.iter().all(|m| m.email != "carla@agency.test"),
        "nothing was changed"
    );
    // A customer is saved offline, its change queued.
    owner_app.add_customer(&owner, lea()).await;
    assert_eq!(owner_app.keydesk.changes_waiting().await.unwrap(), 1);

    proxy.set(Fault::Pass).await;
    assert!(
        owner_app
            .keydesk
            .add_staff(&owner, "carla@agency.test", "Carla", Some(Role::Agent))
            .await
            .is_ok(),
        "online, the member is added"
    );
    let report = sync(&owner_app).await;
    assert_eq!(report.pushed, 2);
    let mut admin = server.connect().await.unwrap();
    let carla: i64 =
        sqlx::query_scalar("SELECT count(*) FROM kd.members WHERE email = 'carla@agency.test'")
            .fetch_one(&mut admin)
            .await
            .unwrap();
    assert_eq!(carla, 1);
}

#[tokio::test]
async fn a_customer_an_owner_links_to_an_agent_reaches_her_desk_at_its_next_pull() {
    let (_, owner_app, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    let customer = owner_app.add_customer(&owner, lea()).await;
    sync(&owner_app).await;
    sync(&ana_app).await;
    assert!(ana_app.search(&ana, "Moreau").await.is_empty());

    let staff = owner_app.keydesk.list_staff(&owner).await.unwrap();
    let ana_there = staff.iter().find(|m| m.email == "ana@agency.test").unwrap();
    owner_app
        .keydesk
        .link_customer_to_member(
            &owner,
            CustomerId(customer.id),
            keydesk_core::domain::StaffId(ana_there.id),
        )
        .await
        .unwrap();
    sync(&owner_app).await;
    sync(&ana_app).await;
    assert_eq!(
        ana_app.search(&ana, "Moreau").await,
        ["lea.moreau@example.com"]
    );
    let list = ana_app
        .keydesk
        .list_customers(&ana, &Default::default())
        .await
        .unwrap();
    let on_anas = ana_app.customer(&ana, list.rows[0].id).await;
    assert!(
        on_anas
            .agents
            .iter()
            .any(|a| a.display_name.contains("Agent")),
        "she is listed as serving the customer: {:?}",
        on_anas.agents
    );
}

#[tokio::test]
async fn desks_pin_the_servers_certificate_authority_and_need_no_file_of_it() {
    // The administrator's URL names a copy of the certificate authority that is gone once
    // the owner's desk has published: from then on every desk uses the one it keeps.
    let copy = tempfile::tempdir().unwrap();
    let cluster = std::env::var("KEYDESK_TEST_POSTGRES").unwrap();
    let original = cluster
        .split("sslrootcert=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let ca = copy.path().join("agency-ca.pem");
    std::fs::copy(original, &ca).unwrap();
    let name = format!("t_{}", uuid::Uuid::now_v7().simple());
    let mut admin = admin_url().connect().await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap();
    let server: ServerUrl = cluster
        .replace(original, ca.to_str().unwrap())
        .parse::<ServerUrl>()
        .unwrap()
        .with_database(&name);
    admin::init(&server).await.unwrap();
    let (owner_app, owner, _) = agency_at(&server, &[]).await;
    let ana = owner_app
        .member(&owner, "ana@agency.test", Role::Agent)
        .await;
    drop(copy);
    assert!(!ca.exists());

    let invitation = owner_app
        .keydesk
        .invite_desk(&owner, ana.id(), "Laptop")
        .await
        .expect("the owner's desk reaches the server with the authority it keeps");
    let code = invitation.to_code();
    let read = DeskInvitation::from_code(&code).unwrap();
    assert!(read
        .ca_pem
        .as_deref()
        .unwrap()
        .contains("BEGIN CERTIFICATE"));
    assert!(!read.url.contains("sslrootcert"), "{}", read.url);
    assert!(read.url.contains("sslmode=verify-full"), "{}", read.url);

    let (ana_app, ana) = joined_desk(&invitation, "ana@agency.test").await;
    ana_app.add_customer(&ana, lea()).await;
    sync(&ana_app).await;
    sync(&owner_app).await;
    assert_eq!(
        owner_app.search(&owner, "Moreau").await,
        ["lea.moreau@example.com"]
    );
}

#[tokio::test]
async fn an_expired_invitation_is_refused_before_the_server_is_asked() {
    let (_, owner_app, owner, _) = agency(&[]).await;
    let ana = owner_app
        .member(&owner, "ana@agency.test", Role::Agent)
        .await;
    let mut invitation = owner_app
        .keydesk
        .invite_desk(&owner, ana.id(), "Laptop")
        .await
        .unwrap();
    let app = TestApp::spawn().await;
    invitation.expires_at = app.clock_now() - chrono::Duration::minutes(1);
    let refused = app
        .keydesk
        .join_agency_server(&invitation, pw(JOIN_PASSWORD))
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("expired"), "{refused}");
    assert!(app.keydesk.agency_server().await.unwrap().is_none());
}

#[tokio::test]
async fn joining_a_large_agency_tells_how_far_the_first_pull_has_come() {
    let (server, owner_app, owner, _) = agency(&[]).await;
    let admin_member = owner_app
        .member(&owner, "admin@agency.test", Role::Admin)
        .await;
    sync(&owner_app).await;
    // 2,500 customers more than a page holds, put on the server by its administrator.
    let mut admin = server.connect().await.unwrap();
    sqlx::query(
        "WITH numbered AS (
             SELECT n, (SELECT seq FROM kd.change_counter) + n AS seq
             FROM generate_series(1, 2500) AS n)
         INSERT INTO kd.customers (uid, email, fields, change_seq)
         SELECT gen_random_uuid(), 'bulk' || n || '@example.com',
                jsonb_build_object('first_name', 'Bulk', 'last_name', 'Customer' || n), seq
         FROM numbered",
    )
    .execute(&mut admin)
    .await
    .unwrap();
    sqlx::query("UPDATE kd.change_counter SET seq = seq + 2500")
        .execute(&mut admin)
        .await
        .unwrap();

    let invitation = owner_app
        .keydesk
        .invite_desk(&owner, admin_member.id(), "Back office")
        .await
        .unwrap();
    let app = TestApp::spawn().await;
    let seen = std::sync::Mutex::new(Vec::new());
    app.keydesk
        .join_agency_server_showing(&invitation, pw(JOIN_PASSWORD), &|progress| {
            seen.lock().unwrap().push(progress)
        })
        .await
        .unwrap();
    let seen = seen.into_inner().unwrap();
    assert!(seen.len() >= 3, "a page at a time: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0].done < w[1].done), "{seen:?}");
    let last = seen.last().unwrap();
    assert_eq!(
        last.done, last.latest,
        "it ends at the server's latest change"
    );
    let admin_here = app
        .sign_in_with("admin@agency.test", JOIN_PASSWORD)
        .await
        .unwrap();
    let list = app
        .keydesk
        .list_customers(&admin_here, &Default::default())
        .await
        .unwrap();
    assert_eq!(list.total, 2500);
}

#[tokio::test]
async fn a_member_given_another_role_has_their_desk_see_what_the_role_sees() {
    let (_, owner_app, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    owner_app.add_customer(&owner, lea()).await;
    sync(&owner_app).await;
    sync(&ana_app).await;
    assert!(ana_app.search(&ana, "Moreau").await.is_empty());

    let staff = owner_app.keydesk.list_staff(&owner).await.unwrap();
    let ana_there = keydesk_core::domain::StaffId(
        staff
            .iter()
            .find(|m| m.email == "ana@agency.test")
            .unwrap()
            .id,
    );
    owner_app
        .keydesk
        .set_staff_role(&owner, ana_there, Role::Admin)
        .await
        .unwrap();
    sync(&owner_app).await;
    sync(&ana_app).await;
    assert_eq!(
        ana_app.search(&ana, "Moreau").await,
        ["lea.moreau@example.com"],
        "an admin's desk receives every customer, also those that changed long ago"
    );

    owner_app
        .keydesk
        .set_staff_role(&owner, ana_there, Role::Agent)
        .await
        .unwrap();
    sync(&owner_app).await;
    sync(&ana_app).await;
    assert!(
        ana_app.search(&ana, "Moreau").await.is_empty(),
        "an agent's desk lets go of the customers not hers"
    );
}

#[tokio::test]
async fn a_join_cut_short_after_enrolling_is_finished_with_the_same_invitation() {
    let (server, owner_app, owner, _) = agency(&[]).await;
    // The administrator invites a desk for a member the server does not list yet, so the
    // join stops after the desk enrolled and pulled.
    let member = uuid::Uuid::now_v7();
    let mut admin = server.connect().await.unwrap();
    let answer: sqlx::types::Json<serde_json::Value> =
        sqlx::query_scalar("SELECT kd.invite_desk($1, 'agent', 'Laptop')")
            .bind(member)
            .fetch_one(&mut admin)
            .await
            .unwrap();
    let invitation = DeskInvitation {
        url: server.portable(),
        ca_pem: server.root_certificate_pem().unwrap(),
        login: answer.0["login"].as_str().unwrap().to_owned(),
        secret: secrecy::SecretString::from(answer.0["secret"].as_str().unwrap().to_owned()),
        member,
        expires_at: serde_json::from_value(answer.0["expires_at"].clone()).unwrap(),
        founder: None,
        keys: None,
    };
    let app = TestApp::spawn().await;
    let stopped = app
        .keydesk
        .join_agency_server(&invitation, pw(JOIN_PASSWORD))
        .await
        .unwrap_err();
    assert!(stopped.to_string().contains("join again"), "{stopped}");
    assert!(app.keydesk.agency_server().await.unwrap().unwrap().joining);

    // The owner's desk adds the member; the new desk joins again with the same code, whose
    // one-time secret it has already replaced.
    sqlx::query(
        "INSERT INTO kd.members (uid, email, display_name, role, change_seq)
         VALUES ($1, 'dan@agency.test', 'Dan', 'agent', (SELECT seq + 1 FROM kd.change_counter))",
    )
    .bind(member)
    .execute(&mut admin)
    .await
    .unwrap();
    sqlx::query("UPDATE kd.change_counter SET seq = seq + 1")
        .execute(&mut admin)
        .await
        .unwrap();
    app.keydesk
        .join_agency_server(&invitation, pw(JOIN_PASSWORD))
        .await
        .expect("the join is finished");
    assert!(!app.keydesk.agency_server().await.unwrap().unwrap().joining);
    let dan = app
        .sign_in_with("dan@agency.test", JOIN_PASSWORD)
        .await
        .unwrap();
    assert_eq!(dan.role(), Role::Agent);
    assert!(
        app.keydesk
            .join_agency_server(&invitation, pw(JOIN_PASSWORD))
            .await
            .is_err(),
        "a finished join is not started again"
    );
    drop(owner_app);
    drop(owner);
}

#[tokio::test]
async fn joining_from_the_first_run_screen_checks_the_code_and_the_password_before_anything_changes(
) {
    let (_, owner_app, owner, _) = agency(&[]).await;
    let ana = owner_app
        .member(&owner, "ana@agency.test", Role::Agent)
        .await;
    let unnamed = owner_app
        .keydesk
        .invite_desk_code(&owner, ana.id(), "  ")
        .await;
    assert!(
        matches!(&unnamed, Err(ServiceError::Field(e)) if e.field == "label"),
        "{unnamed:?}"
    );
    let invitation = owner_app
        .keydesk
        .invite_desk_code(&owner, ana.id(), "Ana's laptop")
        .await
        .unwrap();
    assert_eq!(invitation.member, ana.display_name());
    assert!(invitation.code.starts_with("KD1."));

    let desks = owner_app.keydesk.agency_server_view(&owner).await.unwrap();
    assert!(desks.server.is_some() && desks.desks_error.is_none());
    let labels: Vec<_> = desks
        .desks
        .iter()
        .map(|d| (d.label.as_str(), d.this_desk, d.enrolled_at.is_some()))
        .collect();
    assert_eq!(
        labels,
        [("Front desk", true, true), ("Ana's laptop", false, false)]
    );

    let laptop = TestApp::spawn().await;
    let form = |code: &str, password: &str, confirm: &str| JoinForm {
        code: code.to_owned(),
        password: pw(password),
        password_confirm: pw(confirm),
    };
    // As the window sends them: each refused on its field, before the server is asked.
    for (code, password, confirm, field) in [
        ("", JOIN_PASSWORD, JOIN_PASSWORD, "code"),
        ("KD1.not-a-code", JOIN_PASSWORD, JOIN_PASSWORD, "code"),
        (invitation.code.as_str(), "short", "short", "password"),
        (
            invitation.code.as_str(),
            JOIN_PASSWORD,
            "another one",
            "password_confirm",
        ),
    ] {
        let refused = laptop
            .keydesk
            .join_agency(form(code, password, confirm), &|_| {})
            .await;
        assert!(
            matches!(&refused, Err(ServiceError::Field(e)) if e.field == field),
            "{field}: {refused:?}"
        );
    }
    assert!(laptop.keydesk.agency_server().await.unwrap().is_none());
    assert!(laptop.keydesk.needs_owner().await.unwrap());

    // Pasted with the line breaks a mail program adds.
    let pasted = invitation
        .code
        .as_bytes()
        .chunks(60)
        .map(|chunk| std::str::from_utf8(chunk).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let email = laptop
        .keydesk
        .join_agency(form(&pasted, JOIN_PASSWORD, JOIN_PASSWORD), &|_| {})
        .await
        .unwrap();
    assert_eq!(email.as_ref(), "ana@agency.test");
    let signed_in = laptop
        .sign_in_with("ana@agency.test", JOIN_PASSWORD)
        .await
        .unwrap();
    let status = laptop
        .keydesk
        .sync_status(&signed_in, &SyncState::Off)
        .await
        .unwrap();
    assert_eq!((status.notices, status.changes_waiting), (0, 0));

    let desks = owner_app.keydesk.agency_server_view(&owner).await.unwrap();
    let laptop_desk = desks
        .desks
        .iter()
        .find(|d| d.label == "Ana's laptop")
        .unwrap();
    assert!(laptop_desk.enrolled_at.is_some());
    assert_eq!(laptop_desk.member, Said::from(ana.display_name()));
    assert_eq!(laptop_desk.role, Role::Agent);
}

/// Runs `sql` on the agency server as its superuser, as someone with the server's keys
/// would.
pub(crate) async fn as_superuser(server: &ServerUrl, sql: &str) {
    let mut connection = server.connect().await.expect("the superuser connects");
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut connection)
        .await
        .unwrap_or_else(|error| panic!("{sql}: {error}"));
}

/// The owner's *Verify chain* across desks: each desk's verdict by its name, and the
/// agency's problem.
async fn verify_agency(
    app: &TestApp,
    owner: &Actor,
) -> (BTreeMap<String, ChainVerification>, Option<String>) {
    let report = app
        .keydesk
        .verify_agency_chain(owner)
        .await
        .expect("the owner's desk verifies")
        .expect("a desk that syncs has an agency report");
    let desks = report
        .desks
        .into_iter()
        .map(|d| (d.label, d.verification))
        .collect();
    (
        desks,
        report
            .agency_problem
            .as_ref()
            .map(keydesk_core::catalogue::in_english),
    )
}

#[tokio::test]
async fn an_owners_verify_finds_an_audit_row_changed_or_removed_on_the_server_and_a_rewritten_chain(
) {
    let (server, owner_app, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    ana_app.add_customer(&ana, lea()).await;
    sync(&ana_app).await;

    let (desks, problem) = verify_agency(&owner_app, &owner).await;
    assert_eq!(problem, None);
    assert_eq!(desks.len(), 2, "{desks:?}");
    for (label, verdict) in &desks {
        assert!(
            matches!(verdict, ChainVerification::Intact { rows } if *rows > 0),
            "{label}: {verdict:?}"
        );
    }
    // A desk of its own has no agency to verify; an agent verifies nothing at all.
    let (lone, lone_owner) = TestApp::with_owner().await;
    assert_eq!(
        lone.keydesk.verify_agency_chain(&lone_owner).await.unwrap(),
        None
    );
    assert!(ana_app.keydesk.verify_agency_chain(&ana).await.is_err());

    // Someone with the server's superuser changes a row of Ana's desk there.
    as_superuser(
        &server,
        "UPDATE kd.audit_rows SET detail = 'nothing happened'
         WHERE seq = 2 AND desk_uid = (SELECT uid FROM kd.desks WHERE label = 'Laptop')",
    )
    .await;
    let (desks, _) = verify_agency(&owner_app, &owner).await;
    assert!(
        matches!(&desks["Laptop"], ChainVerification::Broken { first_bad_id: 2, reason }
            if keydesk_core::catalogue::in_english(reason).contains("changed on the server")),
        "{desks:?}"
    );
    assert!(matches!(
        desks["Front desk"],
        ChainVerification::Intact { .. }
    ));

    // ... and removes a row of the owner's desk.
    as_superuser(
        &server,
        "DELETE FROM kd.audit_rows
         WHERE seq = 3 AND desk_uid = (SELECT uid FROM kd.desks WHERE label = 'Front desk')",
    )
    .await;
    let (desks, problem) = verify_agency(&owner_app, &owner).await;
    assert!(
        matches!(&desks["Front desk"], ChainVerification::Broken { first_bad_id: 4, reason }
            if keydesk_core::catalogue::in_english(reason).contains("#3 is missing")),
        "{desks:?}"
    );
    assert!(problem.unwrap().contains("missing"));
}

#[tokio::test]
async fn a_chain_rewritten_from_the_start_on_the_server_is_caught_by_what_the_owner_verified_before(
) {
    let (server, owner_app, owner, _) = agency(&["ana@agency.test"]).await;
    let (_, problem) = verify_agency(&owner_app, &owner).await;
    assert_eq!(problem, None);
    // Everything replaced by a chain that fits together, made from scratch.
    as_superuser(
        &server,
        "TRUNCATE kd.audit_rows;
         UPDATE kd.audit_head SET seq = 0, hash = repeat('0', 64);",
    )
    .await;
    let (desks, problem) = verify_agency(&owner_app, &owner).await;
    assert!(
        problem
            .as_deref()
            .is_some_and(|p| p.contains("verified there before") || p.contains("no longer reaches")),
        "{problem:?} {desks:?}"
    );
}

/// Sets the protocols the agency server takes, as a newer Keydesk's `server-upgrade` would.
async fn server_takes_protocols(server: &ServerUrl, oldest: i32, newest: i32) {
    let mut admin = server.connect().await.unwrap();
    crate::agency_server::execute(
        &mut admin,
        &format!("UPDATE kd.server SET protocol = {newest}, oldest_protocol = {oldest}"),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_desk_one_protocol_behind_keeps_syncing_and_one_left_behind_keeps_its_changes() {
    use keydesk_core::server::PROTOCOL;
    let (server, owner_app, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();

    // The server learnt the next protocol and still takes this one: the desk syncs, and
    // says an update is out.
    server_takes_protocols(&server, PROTOCOL, PROTOCOL + 1).await;
    ana_app.add_customer(&ana, lea()).await;
    sync(&ana_app).await;
    sync(&owner_app).await;
    assert_eq!(
        owner_app.search(&owner, "lea").await,
        ["lea.moreau@example.com"]
    );
    let view = owner_app.keydesk.agency_server_view(&owner).await.unwrap();
    let advice = keydesk_core::catalogue::in_english(
        &view.update_advised.expect("the owner is told to update"),
    );
    assert!(advice.contains("keeps working"), "{advice}");
    let status = ana_app
        .keydesk
        .sync_status(&ana, &keydesk_core::services::SyncState::Off)
        .await
        .unwrap();
    assert!(status.update_advised.is_some(), "the agent is told too");

    // Then it stops taking it: the desk is told to update, and what it made waits.
    server_takes_protocols(&server, PROTOCOL + 1, PROTOCOL + 1).await;
    ana_app
        .add_customer(&ana, customer_form("max@example.com", "Max", "Weber"))
        .await;
    let refused = ana_app.keydesk.sync_now().await.unwrap_err().to_string();
    assert!(
        refused.contains("update Keydesk on this machine"),
        "{refused}"
    );
    assert!(refused.contains("kept"), "{refused}");
    assert_eq!(ana_app.keydesk.changes_waiting().await.unwrap(), 1);

    // Updated (here: the server taking this protocol again), the change goes out.
    server_takes_protocols(&server, PROTOCOL, PROTOCOL).await;
    sync(&ana_app).await;
    assert_eq!(ana_app.keydesk.changes_waiting().await.unwrap(), 0);
    sync(&owner_app).await;
    assert_eq!(owner_app.search(&owner, "max").await, ["max@example.com"]);
    let view = owner_app.keydesk.agency_server_view(&owner).await.unwrap();
    assert_eq!(view.update_advised, None, "nothing to update any more");
}

#[tokio::test]
async fn a_desk_away_longer_than_the_tombstones_are_kept_reads_everything_again_and_keeps_its_changes(
) {
    let (server, owner_app, owner, mut desks) = agency(&["ana@agency.test"]).await;
    let (ana_app, ana) = desks.pop().unwrap();
    ana_app.add_customer(&ana, lea()).await;
    ana_app
        .add_customer(&ana, customer_form("max@example.com", "Max", "Weber"))
        .await;
    sync(&ana_app).await;
    sync(&owner_app).await;
    assert_eq!(
        owner_app.search(&owner, "example").await.len(),
        2,
        "both reached the owner"
    );

    // While Ana's laptop is away, Léa stops being hers (an owner's desk unlinked her
    // 200 days ago), and the administrator prunes tombstones older than 180 days.
    let mut admin = server.connect().await.unwrap();
    crate::agency_server::execute(
        &mut admin,
        "WITH s AS (UPDATE kd.change_counter SET seq = seq + 1 RETURNING seq), \
              d AS (DELETE FROM kd.customer_links l USING kd.customers c \
                    WHERE c.uid = l.customer_uid AND c.email = 'lea.moreau@example.com' \
                    RETURNING l.customer_uid, l.member_uid) \
         INSERT INTO kd.gone (change_seq, customer_uid, member_uid, gone_at) \
         SELECT s.seq, d.customer_uid, d.member_uid, now() - interval '200 days' FROM s, d",
    )
    .await
    .unwrap();
    assert_eq!(admin::prune_tombstones(&server, 180).await.unwrap(), 1);
    // Ana made a change meanwhile, still queued.
    ana_app
        .add_customer(&ana, customer_form("zoe@example.com", "Zoé", "Petit"))
        .await;

    // Her next sync reads everything again: Léa is no longer on her desk, Max is, and
    // her own new customer went out.
    sync(&ana_app).await;
    let mut left = ana_app.search(&ana, "example").await;
    left.sort();
    assert_eq!(left, ["max@example.com", "zoe@example.com"]);
    assert_eq!(ana_app.keydesk.changes_waiting().await.unwrap(), 0);
    sync(&owner_app).await;
    assert_eq!(owner_app.search(&owner, "zoe").await, ["zoe@example.com"]);
    // And the next sync is an ordinary one.
    sync(&ana_app).await;
    assert_eq!(ana_app.search(&ana, "example").await.len(), 2);
    // Pruning keeps at least a day.
    let too_soon = admin::prune_tombstones(&server, 0).await;
    assert!(too_soon.is_err(), "at least a day is kept");
}
