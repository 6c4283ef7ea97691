//! Where Keydesk keeps its database and logs, and how it creates them: folders and
//! files readable by the user who runs Keydesk and no one else.

use anyhow::Context;
use std::path::{Path, PathBuf};

/// Environment variable that moves the data directory (tests, portable installs).
pub const DATA_DIR_ENV: &str = "KEYDESK_DATA_DIR";

const DATABASE_FILE: &str = "keydesk.sqlite3";
const LOCK_FILE: &str = "keydesk.lock";

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

    /// The file whose OS lock says which process has the data folder open.
    pub fn lock_file(&self) -> PathBuf {
        self.data_dir.join(LOCK_FILE)
    }

    /// Takes the exclusive OS lock on the data folder, or `None` when another Keydesk
    /// (another window, in this process or another) holds it. Two processes sharing a
    /// folder would each keep their own audit head, sessions and sign-in lockouts, so
    /// the second one is refused. The operating system drops the lock when its holder
    /// exits, even when killed, so a crash never leaves the folder locked.
    pub fn lock(&self) -> anyhow::Result<Option<DataDirLock>> {
        let path = self.lock_file();
        let file = open_private_file(&path, true)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(DataDirLock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(e).with_context(|| format!("Failed to lock {}", path.display()))
            }
        }
    }

    /// Creates the data and log folders, or tightens them if they exist, so that only
    /// the user who runs Keydesk can list or open what is inside.
    pub fn create_dirs(&self) -> anyhow::Result<()> {
        for dir in [&self.data_dir, &self.log_dir] {
            create_private_dir(dir)?;
        }
        Ok(())
    }
}

/// The data folder's lock, held while it is alive (see [`DataPaths::lock`]). The lock
/// file itself stays when it is released: removing it could let two processes each
/// lock a different file of that name, one the removed file and one a new one.
#[derive(Debug)]
pub struct DataDirLock {
    _file: std::fs::File,
}

/// Folders Keydesk writes: owner only (0700 on Unix).
#[cfg(unix)]
const PRIVATE_DIR_MODE: u32 = 0o700;
/// Files Keydesk writes (database, logs, exports): owner only (0600 on Unix).
#[cfg(unix)]
const PRIVATE_FILE_MODE: u32 = 0o600;

/// Creates `dir` (and missing parents) readable by its owner only, and tightens it if
/// it already exists: a folder made by an earlier version, or chosen by hand, may be
/// open to everyone. The mode is set explicitly, whatever the process umask. On
/// Windows the per-user profile folders already keep other users out.
pub fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, PRIVATE_DIR_MODE);
    builder
        .create(dir)
        .with_context(|| format!("Failed to create {}", dir.display()))?;
    #[cfg(unix)]
    set_mode(dir, PRIVATE_DIR_MODE)?;
    Ok(())
}

/// Opens `path` for writing, creating it readable by its owner only, and tightens an
/// existing file. `append` keeps what is there; otherwise the file is emptied.
pub fn open_private_file(path: &Path, append: bool) -> anyhow::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true);
    if append {
        options.append(true);
    } else {
        options.write(true).truncate(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, PRIVATE_FILE_MODE);
    let file = options
        .open(path)
        .with_context(|| format!("Failed to create {}", path.display()))?;
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(
        PRIVATE_FILE_MODE,
    ))
    .with_context(|| format!("Failed to restrict {}", path.display()))?;
    Ok(file)
}

/// Makes an existing file readable by its owner only; a missing file is not an error.
pub fn restrict_file(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    if path.exists() {
        set_mode(path, PRIVATE_FILE_MODE)?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .with_context(|| format!("Failed to restrict {}", path.display()))
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
