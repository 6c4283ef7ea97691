//! Backups at scale: seeds 100,000 customers, then times *Back up now* (the copy, its
//! manifest and the page-by-page check), opening the backup with its passphrase to see
//! what it holds (argon2id and the check of every page), and restoring it into a new data
//! folder, as a first-run screen on a new machine would. Medians of a few runs.
//!
//! Run with `cargo bench -p keydesk-core --bench backup`.

mod support;

use keydesk_core::clock::SystemClock;
use keydesk_core::domain::PlainPassword;
use keydesk_core::paths::DataPaths;
use keydesk_core::vault::{TimedKeyring, KEYRING_TIME_LIMIT};
use keydesk_core::Keydesk;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CUSTOMERS: usize = 100_000;
const RUNS: usize = 5;
const PASSPHRASE: &str = "tidal ledger fox 93 orchard";

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (keydesk, owner) = support::open_with_owner(&dir.path().join("data")).await?;
    let mut tx = keydesk.store().begin().await?;
    for i in 0..CUSTOMERS {
        sqlx::query(
            "INSERT INTO customers (email, first_name, last_name, phone, company, notes,
                                    created_at, created_by, updated_at, updated_by)
             VALUES (?, 'Anna', 'Müller', ?, 'Globetrotters', '', datetime('now'), ?,
                     datetime('now'), ?)",
        )
        .bind(format!("anna.mueller{i}@example.com"))
        .bind(format!("+4420{i:08}"))
        .bind(owner.id().0)
        .bind(owner.id().0)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let passphrase = PlainPassword::new(PASSPHRASE.to_owned());
    keydesk.set_backup_passphrase(&owner, &passphrase).await?;

    let mut backing_up = Vec::new();
    let mut backup = PathBuf::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let status = keydesk.back_up_now(&owner, &|_| {}).await?;
        backing_up.push(started.elapsed());
        backup = PathBuf::from(&status.backups[0].path);
    }
    let bytes = std::fs::metadata(&backup)?.len();

    let mut checking = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let preview = Keydesk::preview_backup(&backup, &passphrase).await?;
        checking.push(started.elapsed());
        assert_eq!(preview.customers, CUSTOMERS as u64);
    }

    let mut restoring = Vec::new();
    for run in 0..RUNS {
        let paths = DataPaths::portable(dir.path().join(format!("new-machine-{run}")));
        let keys = Arc::new(support::InMemoryKeys::default());
        let keyring = TimedKeyring::new(keys, KEYRING_TIME_LIMIT);
        let started = Instant::now();
        let restored = Keydesk::restore_backup(
            &paths,
            keyring,
            Arc::new(SystemClock),
            &backup,
            &passphrase,
            None,
            &|_| {},
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        restoring.push(started.elapsed());
        restored.close().await;
    }

    let seconds = |d: Duration| d.as_secs_f64();
    let (back_up, check, restore) = (median(backing_up), median(checking), median(restoring));
    println!(
        "{CUSTOMERS} customers, backup of {:.1} MB: back up {:.2} s, open and check {:.2} s, \
         restore on a new machine {:.2} s (medians of {RUNS})",
        bytes as f64 / 1e6,
        seconds(back_up),
        seconds(check),
        seconds(restore)
    );
    support::result("backup, 100000 customers", seconds(back_up), "s");
    support::result("backup check, 100000 customers", seconds(check), "s");
    support::result("restore, 100000 customers", seconds(restore), "s");
    support::result("backup size, 100000 customers", bytes as f64 / 1e6, "MB");
    keydesk.close().await;
    Ok(())
}
