//! Log to a daily file in the log directory through `tracing`.
//!
//! Nothing secret is ever passed to a log macro: secrets are wrapped in types whose
//! Debug output is `<redacted>`, and the tests scan the log files for passwords.

use anyhow::Context;
use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::{fmt, prelude::*, EnvFilter};

pub const LOG_FILE_PREFIX: &str = "keydesk.log";

/// Starts logging; keep the guard alive for the life of the process so the last lines
/// are flushed on exit. `RUST_LOG` overrides the default `info` level.
pub fn init(log_dir: &Path) -> anyhow::Result<WorkerGuard> {
    std::fs::create_dir_all(log_dir)
        .with_context(|| format!("Failed to create the log folder {}", log_dir.display()))?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix(LOG_FILE_PREFIX)
        .max_log_files(14)
        .build(log_dir)
        .context("Failed to open the log file")?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::registry()
        .with(filter)
        .with(fmt::layer().with_writer(writer).with_ansi(false))
        .with(fmt::layer().with_writer(std::io::stderr))
        .try_init()
        .context("Failed to start logging")?;
    Ok(guard)
}
