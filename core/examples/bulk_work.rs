//! Runs one long piece of work on a data folder, as the window would, and prints its
//! progress: `progress DONE TOTAL` after each step, then `finished ...`. The crash
//! tests kill it (SIGKILL) once the progress shows it is midway, then check what the
//! folder holds. The owner's email and password are read from standard input, one a
//! line, so they never show in the process list.
//!
//! `cargo run -p keydesk-core --example bulk_work -- DATA_DIR import FILE.csv`
//! `cargo run -p keydesk-core --example bulk_work -- DATA_DIR generate-logins`

use anyhow::{bail, Context};
use keydesk_api::{DuplicatePolicy, GenerateLoginsProgress, ImportProgress};
use keydesk_core::clock::SystemClock;
use keydesk_core::domain::{CustomerId, PlainPassword};
use keydesk_core::paths::DataPaths;
use keydesk_core::services::ImportCancel;
use keydesk_core::vault::OsKeyring;
use keydesk_core::Keydesk;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

fn report(done: u64, total: u64) {
    let mut out = std::io::stdout().lock();
    // A closed pipe only means nobody is listening any more.
    let _ = writeln!(out, "progress {done} {total}").and_then(|()| out.flush());
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let usage = "usage: bulk_work DATA_DIR (import FILE | generate-logins)";
    let dir = PathBuf::from(args.next().context(usage)?);
    let work = args.next().context(usage)?;
    let mut lines = std::io::stdin().lock().lines();
    let email = lines.next().context("owner email on stdin")??;
    let password = PlainPassword::new(lines.next().context("owner password on stdin")??);

    let paths = DataPaths::portable(dir);
    let keydesk = Keydesk::open(&paths, Arc::new(OsKeyring), Arc::new(SystemClock))
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let owner = keydesk.sign_in(&email, password).await?;
    match work.to_str() {
        Some("import") => {
            let file = PathBuf::from(args.next().context(usage)?);
            let preview = keydesk.preview_customer_import(&owner, &file).await?;
            let progress = |p: ImportProgress| report(p.done, p.total);
            let outcome = keydesk
                .import_customers(
                    &owner,
                    &file,
                    &preview.mapping,
                    DuplicatePolicy::Skip,
                    &progress,
                    &ImportCancel::default(),
                )
                .await?;
            println!(
                "finished: {} created, {} skipped",
                outcome.created, outcome.skipped
            );
        }
        Some("generate-logins") => {
            let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM customers ORDER BY id")
                .fetch_all(keydesk.store().reader())
                .await?;
            let ids: Vec<CustomerId> = ids.into_iter().map(CustomerId).collect();
            let progress = |p: GenerateLoginsProgress| report(p.done, p.total);
            let outcome = keydesk
                .generate_logins(&owner, &ids, &progress, &AtomicBool::new(false))
                .await?;
            println!(
                "finished: {} generated, {} skipped",
                outcome.generated, outcome.skipped
            );
        }
        _ => bail!(usage),
    }
    keydesk.close().await;
    Ok(())
}
