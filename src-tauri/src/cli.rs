use std::path::PathBuf;

/// Keydesk: customer accounts and credential hand-over for agencies.
#[derive(Debug, clap::Parser)]
#[command(version, about)]
pub struct Cli {
    /// Keep the database and logs in this folder instead of the per-user data folder
    /// (for portable installs and tests).
    #[arg(long, value_name = "DIR", env = keydesk_core::paths::DATA_DIR_ENV)]
    pub data_dir: Option<PathBuf>,
}
