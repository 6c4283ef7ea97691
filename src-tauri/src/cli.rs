use std::path::PathBuf;

/// Keydesk: customer accounts and credential hand-over for agencies.
#[derive(Debug, clap::Parser)]
#[command(version, about)]
pub struct Cli {
    /// Keep the database and logs in this folder instead of the per-user data folder
    /// (for portable installs and tests).
    #[arg(long, value_name = "DIR", env = keydesk_core::paths::DATA_DIR_ENV)]
    pub data_dir: Option<PathBuf>,

    /// Without a command, Keydesk opens its window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// One-shot administration, without the window.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Debug, clap::Subcommand)]
pub enum AdminCommand {
    /// Set up an empty PostgreSQL database (15 or newer) as the agency's server.
    #[command(name = "server-init")]
    Init(ServerArgs),
    /// Bring the agency's server up to date with this version of Keydesk.
    #[command(name = "server-upgrade")]
    Upgrade(ServerArgs),
    /// Prune the tombstones of removed links older than the retention; a desk away longer
    /// then reads everything again at its next sync.
    #[command(name = "server-prune")]
    Prune(PruneArgs),
}

#[derive(Debug, clap::Args)]
pub struct PruneArgs {
    #[command(flatten)]
    pub server: ServerArgs,
    /// Keep the tombstones of this many days (at least 1).
    #[arg(long, value_name = "DAYS", default_value_t = 180,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub keep_days: u32,
}

#[derive(Debug, clap::Args)]
pub struct ServerArgs {
    /// The database, as a PostgreSQL URL of a role that may create schemas in it, e.g.
    /// postgres://keydesk_admin@db.example.com/keydesk?sslmode=verify-full&sslrootcert=ca.pem
    /// (the password from PGPASSWORD or ~/.pgpass rather than the URL).
    #[arg(
        long,
        value_name = "URL",
        env = "KEYDESK_SERVER_URL",
        hide_env_values = true
    )]
    pub url: String,
}
