//! Where Keydesk keeps its database and logs.

use anyhow::Context;
use std::path::{Path, PathBuf};

/// Environment variable that moves the data directory (tests, portable installs).
pub const DATA_DIR_ENV: &str = "KEYDESK_DATA_DIR";

const DATABASE_FILE: &str = "keydesk.sqlite3";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPaths {
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
}

impl DataPaths {
    /// Resolves the directories: an explicit `--data-dir` wins, then `KEYDESK_DATA_DIR`,
    /// then the operating system's per-user data directory. When the data directory is
    /// chosen by hand the logs go beside it, so a portable or test install leaves
    /// nothing behind elsewhere.
    pub fn resolve(explicit: Option<PathBuf>) -> anyhow::Result<Self> {
        let chosen = explicit.or_else(|| {
            std::env::var_os(DATA_DIR_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        match chosen {
            Some(dir) => Ok(Self::portable(dir)),
            None => Self::per_user(),
        }
    }

    /// Everything under one directory: `<dir>` for data, `<dir>/logs` for logs.
    pub fn portable(data_dir: PathBuf) -> Self {
        let log_dir = data_dir.join("logs");
        Self { data_dir, log_dir }
    }

    fn per_user() -> anyhow::Result<Self> {
        let dirs = directories::ProjectDirs::from("com", "Keydesk", "Keydesk")
            .context("Failed to find the home directory for the data folder")?;
        let data_dir = dirs.data_dir().to_path_buf();
        let log_dir = os_log_dir(&dirs).unwrap_or_else(|| data_dir.join("logs"));
        Ok(Self { data_dir, log_dir })
    }

    pub fn database_file(&self) -> PathBuf {
        self.data_dir.join(DATABASE_FILE)
    }

    pub fn create_dirs(&self) -> anyhow::Result<()> {
        for dir in [&self.data_dir, &self.log_dir] {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("Failed to create {}", dir.display()))?;
        }
        Ok(())
    }
}

/// The conventional place for an application's logs on each OS.
fn os_log_dir(dirs: &directories::ProjectDirs) -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        let home = directories::BaseDirs::new()?.home_dir().to_path_buf();
        Some(home.join("Library/Logs/Keydesk"))
    } else if cfg!(windows) {
        Some(dirs.data_local_dir().join("logs"))
    } else {
        dirs.state_dir().map(|d| d.join("logs"))
    }
}

/// Whether a database already exists in `dir` (first run is decided by this).
pub fn database_exists(dir: &Path) -> bool {
    dir.join(DATABASE_FILE).is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_dir_wins_and_keeps_logs_beside_it() {
        let paths = DataPaths::resolve(Some(PathBuf::from("/x/keydesk"))).unwrap();
        assert_eq!(paths.data_dir, PathBuf::from("/x/keydesk"));
        assert_eq!(paths.log_dir, PathBuf::from("/x/keydesk/logs"));
        assert_eq!(
            paths.database_file(),
            PathBuf::from("/x/keydesk/keydesk.sqlite3")
        );
    }
}
