//! Customer search at scale: seeds 100,000 synthetic customers into a fresh database and
//! reports p50 / p95 of the list query the window runs (first page of 50 plus the total
//! count) for 1-, 3- and 6-character searches and one that matches nothing, next to the
//! same search done with `LIKE '%q%'`, newest first (the list's default) and by name.
//!
//! Run with `cargo bench -p keydesk-core --bench customer_search`.

use keydesk_api::{CustomerQuery, CustomerSort};
use keydesk_core::clock::SystemClock;
use keydesk_core::domain::PlainPassword;
use keydesk_core::paths::DataPaths;
use keydesk_core::services::OwnerForm;
use keydesk_core::vault::{KeyStore, KeyringError, VaultKey};
use keydesk_core::Keydesk;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CUSTOMERS: usize = 100_000;
const RUNS: usize = 200;

/// The bench measures search, not the keyring: keys stay in memory here.
#[derive(Default)]
struct InMemoryKeys(Mutex<HashMap<String, Vec<u8>>>);

impl KeyStore for InMemoryKeys {
    fn load(&self, account: &str) -> Result<Option<VaultKey>, KeyringError> {
        let keys = self.0.lock().map_err(|_| KeyringError::KeyCorrupt)?;
        Ok(keys.get(account).and_then(|k| VaultKey::from_bytes(k)))
    }

    fn store(&self, account: &str, key: &VaultKey) -> Result<(), KeyringError> {
        let mut keys = self.0.lock().map_err(|_| KeyringError::KeyCorrupt)?;
        keys.insert(account.to_owned(), key.as_bytes().to_vec());
        Ok(())
    }
}

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

fn report(label: &str, mut times: Vec<Duration>, matches: i64) {
    times.sort();
    println!(
        "{label:<34} p50 {:>8.3} ms   p95 {:>8.3} ms   ({matches} matches)",
        percentile(&times, 0.50).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
    );
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let paths = DataPaths::portable(dir.path().to_path_buf());
    let keydesk = Keydesk::open(
        &paths,
        Arc::new(InMemoryKeys::default()),
        Arc::new(SystemClock),
    )
    .await?;
    let password = "bench owner passphrase 2026".to_owned();
    let owner = keydesk
        .create_owner(OwnerForm {
            email: "owner@bench.test".into(),
            display_name: "Bench Owner".into(),
            password: PlainPassword::new(password.clone()),
            password_confirm: PlainPassword::new(password),
        })
        .await?;

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

    for search in ["m", "mül", "schmid", "zzzzzz"] {
        let query = CustomerQuery {
            search: search.to_owned(),
            sort: CustomerSort::Name,
            limit: 50,
            ..CustomerQuery::default()
        };
        let mut times = Vec::with_capacity(RUNS);
        let mut matches = 0;
        for _ in 0..RUNS {
            let started = Instant::now();
            let page = keydesk.list_customers(&owner, &query).await?;
            times.push(started.elapsed());
            matches = page.total;
        }
        report(
            &format!(
                "search {:?} ({} chars), by name",
                search,
                search.chars().count()
            ),
            times,
            matches,
        );

        let newest = CustomerQuery {
            sort: CustomerSort::Newest,
            ..query.clone()
        };
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let started = Instant::now();
            keydesk.list_customers(&owner, &newest).await?;
            times.push(started.elapsed());
        }
        report("  same, newest first (the default)", times, matches);

        let pattern = format!("%{search}%");
        let mut times = Vec::with_capacity(RUNS / 4);
        let mut matches = 0;
        for _ in 0..RUNS / 4 {
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
            matches = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM customers WHERE {where_clause}"
            )))
            .bind(&pattern)
            .fetch_one(keydesk.store().reader())
            .await?;
            times.push(started.elapsed());
        }
        report(&format!("  same with LIKE '%{search}%'"), times, matches);
    }
    keydesk.close().await;
    Ok(())
}
