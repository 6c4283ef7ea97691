//! The dashboard's funnel, counted from what happened to real customers: created by an
//! agent and an owner, one linked to both, handed over through two channels, verified,
//! signed in on the portal; everyone's and one member's, over 7, 30 and 90 days.

use crate::helpers::{customer_form, TestApp};
use chrono::Duration;
use keydesk_api::{
    ChannelCount, Funnel, FunnelCounts, FunnelPeriod, FunnelRequest, HandoffChannel, Role,
};
use keydesk_core::auth::Actor;
use keydesk_core::services::{AccessError, ServiceError};

async fn funnel(
    app: &TestApp,
    actor: &Actor,
    period: FunnelPeriod,
    staff_id: Option<i64>,
) -> Funnel {
    app.keydesk
        .customer_funnel(actor, FunnelRequest { period, staff_id })
        .await
        .unwrap()
}

fn counts(created: i64, handed_over: i64, verified: i64, signed_in: i64) -> FunnelCounts {
    FunnelCounts {
        created,
        handed_over,
        verified,
        signed_in,
    }
}

#[tokio::test]
async fn the_funnel_counts_each_step_for_everyone_and_for_one_member() {
    let (app, owner) = TestApp::with_owner().await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    // A customer from 40 days ago: in the quarter, not in the month.
    app.add_customer(&owner, customer_form("old@example.com", "Olga", "Old"))
        .await;
    app.clock.advance(Duration::days(40));

    let mut logins = Vec::new();
    for (email, first) in [
        ("ana@example.com", "Ana"),
        ("bo@example.com", "Bo"),
        ("cy@example.com", "Cy"),
    ] {
        let form = customer_form(email, first, "Lima");
        logins.push(app.add_customer_with_login(&agent, form).await);
    }
    let dee = app
        .add_customer_with_login(&owner, customer_form("dee@example.com", "Dee", "Lima"))
        .await;
    // Fay is the owner's customer, served by the agent too: she counts for both.
    let fay = app
        .add_customer(&owner, customer_form("fay@example.com", "Fay", "Lima"))
        .await;
    app.keydesk
        .link_customer_to_member(&owner, keydesk_core::domain::CustomerId(fay.id), agent.id())
        .await
        .unwrap();
    app.clock.advance(Duration::hours(1));

    // Ana's login goes by phone, Bo's by email; Ana verifies her email and signs in.
    let (ana, bo, cy) = (&logins[0], &logins[1], &logins[2]);
    for (login, channel) in [(ana, HandoffChannel::Phone), (bo, HandoffChannel::Email)] {
        app.keydesk
            .mark_handoff_sent(&owner, login.handoff_id, channel, "")
            .await
            .unwrap();
    }
    // As a verification code checked on this desk marks it.
    let mut db = app.open_file().await;
    sqlx::query("UPDATE customer_accounts SET verified = 1, verified_at = ? WHERE customer_id = ?")
        .bind(app.clock_now())
        .bind(ana.customer_id.0)
        .execute(&mut db)
        .await
        .unwrap();
    drop(db);
    let work = tempfile::tempdir().unwrap();
    let sign_ins = work.path().join("sign-ins.csv");
    let at = (app.clock_now() - Duration::minutes(10)).to_rfc3339();
    std::fs::write(&sign_ins, format!("ana@example.com,{at}\n")).unwrap();
    app.keydesk
        .import_portal_sign_ins(&owner, &sign_ins)
        .await
        .unwrap();

    // Everyone's month: Olga is too old.
    let month = funnel(&app, &owner, FunnelPeriod::Month, None).await;
    assert_eq!(month.staff_id, None);
    assert_eq!(month.counts, counts(5, 2, 1, 1));
    assert_eq!(
        month.by_channel,
        vec![
            ChannelCount {
                channel: HandoffChannel::Email,
                customers: 1
            },
            ChannelCount {
                channel: HandoffChannel::Phone,
                customers: 1
            },
        ]
    );
    // Every week of the month is there, Monday to Sunday; only one has customers.
    assert!(month.weeks.len() >= 5, "{:?}", month.weeks);
    let busy: Vec<_> = month
        .weeks
        .iter()
        .filter(|w| w.counts.created > 0)
        .collect();
    assert_eq!(busy.len(), 1);
    assert_eq!(
        busy[0].starts, "2026-12-07",
        "the Monday before Saturday 12 December"
    );
    assert_eq!(busy[0].counts, month.counts);
    let waiting: Vec<i64> = month.oldest_waiting.iter().map(|w| w.customer_id).collect();
    assert_eq!(waiting, vec![cy.customer_id.0, dee.customer_id.0]);
    assert_eq!(month.oldest_waiting[0].name, "Cy Lima");

    // The quarter holds Olga too, in a week of her own.
    let quarter = funnel(&app, &owner, FunnelPeriod::Quarter, None).await;
    assert_eq!(quarter.counts, counts(6, 2, 1, 1));
    let busy: Vec<(&str, i64)> = quarter
        .weeks
        .iter()
        .filter(|w| w.counts.created > 0)
        .map(|w| (w.starts.as_str(), w.counts.created))
        .collect();
    assert_eq!(busy, [("2026-11-02", 1), ("2026-12-07", 5)]);

    // One member's funnel, as an owner sees it.
    let agents = funnel(&app, &owner, FunnelPeriod::Month, Some(agent.id().0)).await;
    assert_eq!(agents.counts, counts(4, 2, 1, 1));
    let owners = funnel(&app, &owner, FunnelPeriod::Month, Some(owner.id().0)).await;
    assert_eq!(owners.counts, counts(2, 0, 0, 0));
    assert_eq!(owners.by_channel, vec![]);

    // An agent sees their own, whatever they ask for, and never someone else's.
    let own = funnel(&app, &agent, FunnelPeriod::Month, None).await;
    assert_eq!(own.staff_id, Some(agent.id().0));
    assert_eq!(own.counts, agents.counts);
    let own_waiting: Vec<i64> = own.oldest_waiting.iter().map(|w| w.customer_id).collect();
    assert_eq!(own_waiting, vec![cy.customer_id.0]);
    let refused = app
        .keydesk
        .customer_funnel(
            &agent,
            FunnelRequest {
                period: FunnelPeriod::Month,
                staff_id: Some(owner.id().0),
            },
        )
        .await;
    assert!(matches!(
        refused,
        Err(ServiceError::Access(AccessError::Forbidden))
    ));

    // The week: a customer created eight days ago is out.
    app.clock.advance(Duration::days(8));
    app.add_customer(&owner, customer_form("eve@example.com", "Eve", "Lima"))
        .await;
    let week = funnel(&app, &owner, FunnelPeriod::Week, None).await;
    assert_eq!(week.counts, counts(1, 0, 0, 0));
}
