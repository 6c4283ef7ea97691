//! "Generate logins" at scale: 2,000 customers get a login each (password generated,
//! argon2id-hashed, sealed into a handoff, audited, one transaction per customer).
//! Compares the throughput with what the cores could do if they only hashed:
//! cores / t_hash, where t_hash is one hash timed alone in the same run.
//!
//! Run with `cargo bench -p keydesk-core --bench credentials_bulk`.

mod support;

use keydesk_core::auth::hash_password;
use keydesk_core::domain::{CustomerId, PlainPassword};
use keydesk_core::passwords::{generate_password, PasswordPolicy};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

const CUSTOMERS: usize = 2_000;
const HASH_SAMPLES: usize = 30;

/// CPU time this process has used (user + system), where the OS tells (Linux). Unlike
/// wall time it is not inflated when other programs share the cores.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which ends with the last ')'): utime is the 12th,
    // stime the 13th, both in clock ticks (100 per second on Linux).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The median wall time of one hash (with its password generated), run one at a time
/// after a few to warm up (the allocator then reuses argon2's 19 MiB instead of mapping
/// fresh pages), and the mean CPU time of one.
async fn time_one_hash() -> anyhow::Result<(Duration, Option<Duration>)> {
    let policy = PasswordPolicy::default();
    for _ in 0..5 {
        hash_password(generate_password(&policy)?).await?;
    }
    let mut times = Vec::with_capacity(HASH_SAMPLES);
    let cpu_before = cpu_time();
    for _ in 0..HASH_SAMPLES {
        let started = Instant::now();
        let password: PlainPassword = generate_password(&policy)?;
        hash_password(password).await?;
        times.push(started.elapsed());
    }
    let cpu = cpu_time()
        .zip(cpu_before)
        .map(|(after, before)| (after - before) / HASH_SAMPLES as u32);
    times.sort();
    Ok((times[times.len() / 2], cpu))
}

/// Hashes per second with every core hashing and nothing else (no database): what
/// this machine's cores really give in parallel (they share caches and memory bandwidth,
/// and here other work too).
async fn parallel_hashes_per_second(cores: usize, count: usize) -> anyhow::Result<f64> {
    let started = Instant::now();
    let mut running = tokio::task::JoinSet::new();
    for worker in 0..cores {
        let share = count / cores + usize::from(worker < count % cores);
        running.spawn(async move {
            for _ in 0..share {
                let password = generate_password(&PasswordPolicy::default())?;
                hash_password(password).await?;
            }
            anyhow::Ok(())
        });
    }
    while let Some(done) = running.join_next().await {
        done??;
    }
    Ok(count as f64 / started.elapsed().as_secs_f64())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (keydesk, owner) = support::open_with_owner(dir.path()).await?;

    let mut tx = keydesk.store().begin().await?;
    let mut ids = Vec::with_capacity(CUSTOMERS);
    for i in 0..CUSTOMERS {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO customers (email, first_name, last_name, created_at, created_by,
                                    updated_at, updated_by)
             VALUES (?, 'Bulk', 'Customer', datetime('now'), ?, datetime('now'), ?) RETURNING id",
        )
        .bind(format!("bulk{i}@example.com"))
        .bind(owner.id().0)
        .bind(owner.id().0)
        .fetch_one(&mut *tx)
        .await?;
        ids.push(CustomerId(id));
    }
    tx.commit().await?;

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (t_hash_before, cpu_hash_before) = time_one_hash().await?;
    let started = Instant::now();
    let cpu_started = cpu_time();
    let outcome = keydesk
        .generate_logins(&owner, &ids, &|_| {}, &AtomicBool::new(false))
        .await?;
    let elapsed = started.elapsed();
    let cpu_per_login = cpu_time()
        .zip(cpu_started)
        .map(|(after, before)| (after - before) / CUSTOMERS as u32);
    let (t_hash_after, cpu_hash_after) = time_one_hash().await?;
    let hashing_only = parallel_hashes_per_second(cores, 200).await?;
    anyhow::ensure!(
        outcome.generated == CUSTOMERS as u64,
        "generated {}",
        outcome.generated
    );

    let t_hash = (t_hash_before + t_hash_after) / 2;
    let throughput = CUSTOMERS as f64 / elapsed.as_secs_f64();
    let ideal = cores as f64 / t_hash.as_secs_f64();
    println!("cores                      {cores}");
    println!(
        "t_hash (median of {HASH_SAMPLES}, alone) {:.1} ms before, {:.1} ms after, {:.1} ms mean",
        t_hash_before.as_secs_f64() * 1e3,
        t_hash_after.as_secs_f64() * 1e3,
        t_hash.as_secs_f64() * 1e3
    );
    println!(
        "bulk                       {CUSTOMERS} logins in {:.2} s = {throughput:.1} logins/s",
        elapsed.as_secs_f64()
    );
    println!("cores / t_hash             {ideal:.1} hashes/s");
    println!(
        "ratio                      {:.3} (goal ≥ 0.85)",
        throughput / ideal
    );
    println!(
        "hashing alone, all cores   {hashing_only:.1} hashes/s = {:.3} of cores / t_hash",
        hashing_only / ideal
    );
    println!(
        "bulk / hashing alone       {:.3} (what saving, sealing and auditing cost)",
        throughput / hashing_only
    );
    if let (Some(a), Some(b), Some(login)) = (cpu_hash_before, cpu_hash_after, cpu_per_login) {
        let hash = (a + b) / 2;
        println!(
            "CPU per hash / per login   {:.1} ms / {:.1} ms = {:.3} (1.0: a login costs only its hash)",
            hash.as_secs_f64() * 1e3,
            login.as_secs_f64() * 1e3,
            hash.as_secs_f64() / login.as_secs_f64()
        );
    }
    support::result("bulk login generation", throughput, "logins/s");
    support::result("cores / t_hash", ideal, "hashes/s");
    keydesk.close().await;
    Ok(())
}
