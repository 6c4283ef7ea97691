//! The dashboard's funnel at 100,000 customers: seeds customers created over the last
//! 90 days by (and linked to) an owner and an agent, most with a login, many handed over through the six
//! channels, some verified and signed in; then times the funnel as the dashboard asks for
//! it (every period, everyone's and the agent's), p50 and p95.
//!
//! Run with `cargo bench -p keydesk-core --bench funnel`.

mod support;

use keydesk_api::{FunnelPeriod, FunnelRequest, HandoffChannel, Role};
use std::time::{Duration, Instant};

const CUSTOMERS: usize = 100_000;
const RUNS: usize = 30;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (keydesk, owner) = support::open_with_owner(dir.path()).await?;
    let agent = keydesk
        .add_staff(&owner, "agent@bench.test", "Bench Agent", Some(Role::Agent))
        .await?
        .member
        .id;

    let seeding = Instant::now();
    let now = chrono::Utc::now();
    let mut tx = keydesk.store().begin().await?;
    for i in 0..CUSTOMERS {
        let created = now - chrono::Duration::minutes((i * 90 * 24 * 60 / CUSTOMERS) as i64);
        let by = if i % 3 == 0 { agent } else { owner.id().0 };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO customers (email, first_name, last_name, created_at, created_by,
                                    updated_at, updated_by)
             VALUES (?, 'Bench', ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(format!("customer{i}@example.com"))
        .bind(format!("Customer {i}"))
        .bind(created)
        .bind(by)
        .bind(created)
        .bind(by)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO customer_agents (customer_id, staff_id, created_it, linked_at, linked_by)
             VALUES (?, ?, 1, ?, ?)",
        )
        .bind(id)
        .bind(by)
        .bind(created)
        .bind(by)
        .execute(&mut *tx)
        .await?;
        if i % 10 == 9 {
            continue; // No login yet.
        }
        sqlx::query(
            "INSERT INTO customer_accounts (customer_id, username, password_hash, verified,
                                            last_login_at, login_count)
             VALUES (?, ?, '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g', ?, ?, ?)",
        )
        .bind(id)
        .bind(format!("customer{i}@example.com"))
        .bind(i % 2 == 0)
        .bind((i % 5 < 2).then_some(created + chrono::Duration::hours(30)))
        .bind(i64::from(i % 5 < 2))
        .execute(&mut *tx)
        .await?;
        let sent = i % 10 < 7;
        let channel = HandoffChannel::ALL[i % HandoffChannel::ALL.len()];
        sqlx::query(
            "INSERT INTO credential_handoffs (customer_id, reason, state, created_at, created_by,
                                              expires_at, closed_at, closed_by, channel)
             VALUES (?, 'new_customer', ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(if sent { "sent" } else { "pending" })
        .bind(created)
        .bind(by)
        .bind(created + chrono::Duration::days(7))
        .bind(sent.then_some(created + chrono::Duration::hours(2)))
        .bind(sent.then_some(owner.id().0))
        .bind(sent.then_some(channel.as_str()))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    println!(
        "seeded {CUSTOMERS} customers in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    let mut worst = Duration::ZERO;
    for period in FunnelPeriod::ALL {
        for (whose, staff_id) in [("everyone", None), ("one agent", Some(agent))] {
            let request = FunnelRequest { period, staff_id };
            let mut times = Vec::with_capacity(RUNS);
            let mut created = 0;
            for _ in 0..RUNS {
                let started = Instant::now();
                let funnel = keydesk.customer_funnel(&owner, request).await?;
                times.push(started.elapsed());
                created = funnel.counts.created;
            }
            times.sort();
            let p95 = percentile(&times, 0.95);
            worst = worst.max(p95);
            println!(
                "funnel, {:<8} {whose:<10} p50 {:>7.1} ms   p95 {:>7.1} ms   ({created} customers)",
                period.label(),
                percentile(&times, 0.5).as_secs_f64() * 1e3,
                p95.as_secs_f64() * 1e3,
            );
        }
    }
    support::result(
        "funnel p95, 100,000 customers, worst period",
        worst.as_secs_f64() * 1e3,
        "ms",
    );
    Ok(())
}
