//! Log to a daily file in the log directory through `tracing`.
//!
//! Nothing secret is ever passed to a log macro: secrets are wrapped in types whose
//! Debug output is `<redacted>`, and the tests scan the log files for passwords. The
//! logs still name staff and customers' record numbers, so the folder and the files
//! are readable by their owner only (see [`crate::paths`]); `tracing-appender`'s own
//! rolling file cannot be told a file mode, hence [`DailyLogFile`].

use crate::paths;
use anyhow::Context;
use chrono::{NaiveDate, Utc};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::{fmt, prelude::*, EnvFilter};

pub const LOG_FILE_PREFIX: &str = "keydesk.log";

/// Daily files kept; older ones are removed when a new day's file is opened.
const LOG_FILES_KEPT: usize = 14;

/// Starts logging; keep the guard alive for the life of the process so the last lines
/// are flushed on exit. `RUST_LOG` overrides the default `info` level.
pub fn init(log_dir: &Path) -> anyhow::Result<WorkerGuard> {
    let file = DailyLogFile::open(log_dir)?;
    let (writer, guard) = tracing_appender::non_blocking(file);
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::registry()
        .with(filter)
        .with(fmt::layer().with_writer(writer).with_ansi(false))
        .with(fmt::layer().with_writer(std::io::stderr))
        .try_init()
        .context("Failed to start logging")?;
    Ok(guard)
}

/// `keydesk.log.YYYY-MM-DD` (UTC) in the log folder, a new file each day, each created
/// owner-only. The names are those `tracing-appender` used, so older logs are pruned
/// with the new ones.
pub struct DailyLogFile {
    dir: PathBuf,
    day: NaiveDate,
    file: File,
}

impl DailyLogFile {
    /// Creates (or tightens) the log folder and opens today's file.
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        paths::create_private_dir(dir)
            .with_context(|| format!("Failed to create the log folder {}", dir.display()))?;
        let day = Utc::now().date_naive();
        let file = open_day(dir, day)?;
        prune(dir);
        Ok(Self {
            dir: dir.to_path_buf(),
            day,
            file,
        })
    }

    /// The path of the file for `day`.
    pub fn path_for(dir: &Path, day: NaiveDate) -> PathBuf {
        dir.join(format!("{LOG_FILE_PREFIX}.{}", day.format("%Y-%m-%d")))
    }
}

fn open_day(dir: &Path, day: NaiveDate) -> anyhow::Result<File> {
    paths::open_private_file(&DailyLogFile::path_for(dir, day), true)
        .context("Failed to open the log file")
}

/// Removes all but the newest [`LOG_FILES_KEPT`] log files; best effort.
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!("{LOG_FILE_PREFIX}.");
    let mut logs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix(&prefix))
                .is_some_and(|date| NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok())
        })
        .collect();
    // The dates sort as text.
    logs.sort();
    let excess = logs.len().saturating_sub(LOG_FILES_KEPT);
    for old in logs.into_iter().take(excess) {
        let _ = std::fs::remove_file(old);
    }
}

impl Write for DailyLogFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let today = Utc::now().date_naive();
        if today != self.day {
            self.file = open_day(&self.dir, today).map_err(std::io::Error::other)?;
            self.day = today;
            prune(&self.dir);
        }
        self.file.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}
