//! Customer search at scale: seeds 100,000 synthetic customers into a fresh database and
//! reports p50 / p95 of the list query the window runs (first page of 50 plus the total
//! count) for every prefix of two surnames as they are typed, a two-word search, one that
//! matches nothing, none, and two single letters that match many, in every order the list
//! offers, next to the same search done with `LIKE '%q%'`; then the worst p95 of each order. All of it twice: on the database
//! as the app keeps it (encrypted with SQLCipher) and on a plain one, with the ratio.
//!
//! Run with `cargo bench -p keydesk-core --bench customer_search`.

mod support;

use keydesk_api::{CustomerQuery, CustomerSort};
use std::time::{Duration, Instant};
use support::Database;

const CUSTOMERS: usize = 100_000;
const RUNS: usize = 200;

const FIRST: &[&str] = &[
    "Anna", "Ben", "Chloé", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kemal",
    "Lena", "Mateo", "Nora", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor",
    "Wanda", "Yusuf",
];
const LAST: &[&str] = &[
    "Müller",
    "Schmidt",
    "Rossi",
    "García",
    "Dubois",
    "Novak",
    "Kowalski",
    "Jensen",
    "Smith",
    "Brown",
    "Okafor",
    "Tanaka",
    "Silva",
    "Nielsen",
    "Horvat",
    "Yilmaz",
    "Papadopoulos",
    "Andersson",
    "Costa",
];
const COMPANIES: &[&str] = &[
    "Globetrotters",
    "Blue Lagoon Tours",
    "Alpine Escapes",
    "Harbour Consulting",
    "",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

/// One line per query; `times` sorted.
fn report(label: &str, times: Vec<Duration>, matches: i64) {
    println!(
        "{label:<34} p50 {:>8.3} ms   p95 {:>8.3} ms   ({matches} matches)",
        percentile(&times, 0.50).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
    );
}

/// The worst p95 of each order, and of the `LIKE` scan, on one database.
struct Worst {
    sorts: Vec<(CustomerSort, Duration)>,
    like: Duration,
}

impl Worst {
    fn of_every_sort(&self) -> Duration {
        self.sorts
            .iter()
            .map(|(_, p95)| *p95)
            .max()
            .unwrap_or_default()
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let encrypted = measure(Database::Encrypted).await?;
    let plain = measure(Database::Plain).await?;

    println!();
    for (sort, p95) in &encrypted.sorts {
        println!("worst p95, {:<10} {:>8.3} ms", sort.as_str(), ms(*p95));
        support::result(
            &format!("list query p95, worst, {}", sort.as_str()),
            ms(*p95),
            "ms",
        );
    }
    println!("worst p95, LIKE scan  {:>8.3} ms", ms(encrypted.like));
    support::result("list query p95, worst, LIKE scan", ms(encrypted.like), "ms");

    println!("\nencrypted vs plain, worst p95:");
    for ((sort, with), (_, without)) in encrypted.sorts.iter().zip(&plain.sorts) {
        println!(
            "  {:<10} {:>8.3} ms vs {:>8.3} ms   ×{:.2}",
            sort.as_str(),
            ms(*with),
            ms(*without),
            with.as_secs_f64() / without.as_secs_f64()
        );
    }
    let (with, without) = (encrypted.of_every_sort(), plain.of_every_sort());
    println!(
        "  every sort {:>8.3} ms vs {:>8.3} ms   ×{:.2} (goal ≤ ×1.15)",
        ms(with),
        ms(without),
        with.as_secs_f64() / without.as_secs_f64()
    );
    support::result(
        "encrypted list query p95, worst query of every sort",
        ms(with),
        "ms",
    );
    support::result(
        "plain list query p95, worst query of every sort",
        ms(without),
        "ms",
    );
    Ok(())
}

async fn measure(database: Database) -> anyhow::Result<Worst> {
    println!("\n{} database", database.name());
    let dir = tempfile::tempdir()?;
    let (keydesk, owner) = support::open_with_owner_on(dir.path(), database).await?;

    let mut like_p95 = Duration::ZERO;
    let seeding = Instant::now();
    let mut tx = keydesk.store().begin().await?;
    for i in 0..CUSTOMERS {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len()) % LAST.len()];
        sqlx::query(
            "INSERT INTO customers (email, first_name, last_name, phone, company, notes,
                                    created_at, created_by, updated_at, updated_by)
             VALUES (?, ?, ?, ?, ?, ?, datetime('now'), ?, datetime('now'), ?)",
        )
        .bind(format!(
            "{}.{}{i}@example.com",
            first.to_lowercase(),
            last.to_lowercase()
        ))
        .bind(first)
        .bind(last)
        .bind(format!("+4420{:08}", i))
        .bind(COMPANIES[i % COMPANIES.len()])
        .bind(if i % 7 == 0 {
            "prefers window seats"
        } else {
            ""
        })
        .bind(owner.id().0)
        .bind(owner.id().0)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    println!(
        "seeded {CUSTOMERS} customers in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    // Every prefix of two surnames as it is typed, a two-word search, one that matches
    // nothing, none at all, and the broadest single letters (every email holds a word
    // starting with "e", and three customers in ten one starting with "s"): each in every
    // order the list offers.
    let mut searches = vec![String::new()];
    for word in ["müller", "kowalski"] {
        let chars: Vec<char> = word.chars().collect();
        searches.extend((1..=chars.len()).map(|n| chars[..n].iter().collect::<String>()));
    }
    searches.extend(["anna sch", "zzzzzz", "e", "s"].map(str::to_owned));

    let mut worst: Vec<(CustomerSort, Duration)> = CustomerSort::ALL
        .iter()
        .map(|&s| (s, Duration::ZERO))
        .collect();
    for search in &searches {
        let mut matches = 0;
        for (sort, worst_p95) in &mut worst {
            let query = CustomerQuery {
                search: search.clone(),
                sort: *sort,
                limit: 50,
                ..CustomerQuery::default()
            };
            let mut times = Vec::with_capacity(RUNS);
            for _ in 0..RUNS {
                let started = Instant::now();
                let page = keydesk.list_customers(&owner, &query).await?;
                times.push(started.elapsed());
                matches = page.total;
            }
            times.sort();
            *worst_p95 = (*worst_p95).max(percentile(&times, 0.95));
            report(
                &format!(
                    "{search:?} ({} chars), {}",
                    search.chars().count(),
                    sort.as_str()
                ),
                times,
                matches,
            );
        }
        if search.is_empty() {
            continue;
        }

        let pattern = format!("%{search}%");
        let mut times = Vec::with_capacity(RUNS / 10);
        for _ in 0..RUNS / 10 {
            let started = Instant::now();
            let where_clause =
                "first_name LIKE ?1 OR last_name LIKE ?1 OR email LIKE ?1 OR phone LIKE ?1
                                OR company LIKE ?1 OR notes LIKE ?1";
            let _rows: Vec<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT id FROM customers WHERE {where_clause}
                 ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT 50"
            )))
            .bind(&pattern)
            .fetch_all(keydesk.store().reader())
            .await?;
            let _count: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM customers WHERE {where_clause}"
            )))
            .bind(&pattern)
            .fetch_one(keydesk.store().reader())
            .await?;
            times.push(started.elapsed());
        }
        times.sort();
        like_p95 = like_p95.max(percentile(&times, 0.95));
        report("  same with LIKE, by name", times, matches);
    }
    keydesk.close().await;
    Ok(Worst {
        sorts: worst,
        like: like_p95,
    })
}
