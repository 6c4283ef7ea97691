//! Runs the outbox worker on a data folder, as the app does once Keydesk is open,
//! until its standard input closes (or it is killed). The crash test kills it in the
//! middle of a batch and starts it again. In debug builds,
//! `KEYDESK_FAILPOINT=exit-after-smtp-accept` makes it exit (code 86) right after the
//! server accepted a credentials mail, before anything about it is written.
//!
//! `cargo run -p keydesk-core --example outbox_worker -- DATA_DIR`

use anyhow::Context;
use keydesk_core::clock::SystemClock;
use keydesk_core::paths::DataPaths;
use keydesk_core::services::OutboxWorker;
use keydesk_core::vault::OsKeyring;
use keydesk_core::Keydesk;
use std::io::BufRead;
use std::sync::Arc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = std::env::args_os()
        .nth(1)
        .context("usage: outbox_worker DATA_DIR")?;
    let paths = DataPaths::portable(dir.into());
    let keydesk = Arc::new(
        Keydesk::open(&paths, Arc::new(OsKeyring), Arc::new(SystemClock))
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?,
    );
    let worker = OutboxWorker::start(Arc::clone(&keydesk));
    println!("running");
    tokio::task::spawn_blocking(|| {
        let stdin = std::io::stdin();
        for line in stdin.lock().lines() {
            if line.is_err() {
                break;
            }
        }
    })
    .await?;
    worker.stop().await;
    keydesk.close().await;
    Ok(())
}
