//! Customer import at 10,000 rows (or `KEYDESK_BENCH_IMPORT_ROWS`): writes a synthetic
//! CSV (names and phone numbers from several countries, about 1% bad rows) and times the
//! preview, the check of every row and the import in one transaction, each run on a
//! fresh database: encrypted as the app keeps it, and plain for comparison.
//!
//! Run with `cargo bench -p keydesk-core --bench customer_import`, and
//! `KEYDESK_BENCH_IMPORT_ROWS=100000 cargo bench …` for the large file.

mod support;

use keydesk_api::{DuplicatePolicy, ImportProgress};
use keydesk_core::services::ImportCancel;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use support::Database;

static ROWS: std::sync::LazyLock<usize> = std::sync::LazyLock::new(|| {
    std::env::var("KEYDESK_BENCH_IMPORT_ROWS").map_or(10_000, |rows| {
        rows.parse()
            .expect("KEYDESK_BENCH_IMPORT_ROWS is a number of rows")
    })
});
const RUNS: usize = 5;

const FIRST: &[&str] = &[
    "Anna", "Ben", "Chloé", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kemal",
    "Lena", "Mateo", "Nora", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor",
    "Wanda", "Yusuf",
];
const LAST: &[&str] = &[
    "Müller", "Schmidt", "Rossi", "García", "Dubois", "Novak", "Kowalski", "Jensen", "Smith",
    "Brown", "Okafor", "Tanaka", "Silva", "Nielsen", "Horvat", "Yilmaz",
];

/// A country and a phone number written the way people there write it.
fn phone(i: usize) -> (&'static str, String) {
    match i % 6 {
        0 => ("GB", format!("020 7946 {:04}", i % 10_000)),
        1 => ("DE", format!("030 9018{:03}", i % 1000)),
        2 => (
            "FR",
            format!(
                "06 12 {:02} {:02} {:02}",
                i % 100,
                (i / 7) % 100,
                (i / 3) % 100
            ),
        ),
        3 => ("US", format!("(201) 555-{:04}", i % 10_000)),
        4 => ("AU", format!("0412 {:03} {:03}", i % 1000, (i / 11) % 1000)),
        _ => (
            "JP",
            format!("+81 3-{:04}-{:04}", 1000 + i % 9000, i % 10_000),
        ),
    }
}

/// "Müller" → "mueller", as people write names in email addresses.
fn ascii(name: &str) -> String {
    name.to_lowercase()
        .replace('ü', "ue")
        .replace('é', "e")
        .replace('í', "i")
}

fn write_file(path: &Path) -> anyhow::Result<()> {
    let mut text = String::from(
        "Email,First name,Last name,Phone,Company,City,Country,Date of birth,Tier,Newsletter,Notes\n",
    );
    for i in 0..*ROWS {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len()) % LAST.len()];
        let (country, phone) = phone(i);
        let email = match i % 100 {
            // About 1% bad rows: a broken email, and a repeat of the first row.
            37 => format!("{}.{i}-at-example.com", ascii(first)),
            73 => format!("{}.{}0@example.com", ascii(FIRST[0]), ascii(LAST[0])),
            _ => format!("{}.{}{i}@example.com", ascii(first), ascii(last)),
        };
        let notes = if i % 9 == 0 {
            "\"Prefers window seats,\nasks for a quiet room\""
        } else {
            ""
        };
        writeln!(
            text,
            "{email},{first},{last},{phone},Globetrotters {},Springfield,{country},19{:02}-0{}-1{},{},{},{notes}",
            i % 50,
            50 + i % 50,
            1 + i % 9,
            i % 10,
            ["bronze", "Silver", "GOLD", ""][i % 4],
            ["yes", "no", "", "x"][i % 4],
        )?;
    }
    std::fs::write(path, text)?;
    Ok(())
}

fn summary(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{label:<28} min {:>8.1} ms   median {:>8.1} ms   max {:>8.1} ms   ({:.0} rows/s at the median)",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        *ROWS as f64 / times[times.len() / 2].as_secs_f64(),
    );
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let files = tempfile::tempdir()?;
    let path = files.path().join("customers.csv");
    write_file(&path)?;
    println!(
        "{} rows, {:.1} MB, {RUNS} runs, each on a fresh database",
        *ROWS,
        std::fs::metadata(&path)?.len() as f64 / 1e6
    );
    let encrypted = measure(&path, Database::Encrypted).await?;
    let plain = measure(&path, Database::Plain).await?;
    println!(
        "\nimport median, encrypted vs plain: {:.2} s vs {:.2} s   ×{:.2} (goal ≤ ×1.15)",
        encrypted,
        plain,
        encrypted / plain
    );
    support::result(&format!("CSV import, {} rows", *ROWS), encrypted, "s");
    support::result(&format!("CSV import, {} rows, plain", *ROWS), plain, "s");
    Ok(())
}

/// Runs the preview, check and import [`RUNS`] times on fresh `database`s and prints
/// them; returns the import's median in seconds.
async fn measure(path: &Path, database: Database) -> anyhow::Result<f64> {
    println!("\n{} database", database.name());
    let (mut previews, mut checks, mut imports) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let dir = tempfile::tempdir()?;
        let (keydesk, owner) = support::open_with_owner_on(dir.path(), database).await?;

        let started = Instant::now();
        let preview = keydesk.preview_customer_import(&owner, path).await?;
        previews.push(started.elapsed());

        let started = Instant::now();
        let report = keydesk
            .check_customer_import(&owner, path, &preview.mapping)
            .await?;
        checks.push(started.elapsed());

        let reports = AtomicU64::new(0);
        let progress = |_: ImportProgress| {
            reports.fetch_add(1, Ordering::Relaxed);
        };
        let started = Instant::now();
        let outcome = keydesk
            .import_customers(
                &owner,
                path,
                &preview.mapping,
                DuplicatePolicy::Link,
                &progress,
                &ImportCancel::default(),
            )
            .await?;
        imports.push(started.elapsed());
        if imports.len() == 1 {
            println!(
                "check: {} new, {} refused ({} problems); import: {} created, {} refused, \
                 {} progress reports",
                report.new_customers,
                report.refused_rows,
                report.problem_count,
                outcome.created,
                outcome.refused,
                reports.load(Ordering::Relaxed)
            );
        }
        keydesk.close().await;
    }
    summary("preview (read, guess)", previews);
    summary("check (read, every row)", checks);
    let mut sorted = imports.clone();
    sorted.sort();
    let median = sorted[sorted.len() / 2].as_secs_f64();
    summary("import (check again, write)", imports);
    Ok(median)
}
