//! `cargo xtask`: the developer commands of Keydesk.
//!
//! - `cargo xtask setup` installs what building and testing need (idempotent, quick when
//!   everything is there: every check is a cheap version probe).
//! - `cargo xtask run [-- app args]` builds the UI and starts the desktop app.
//! - `cargo xtask test` runs every check CI runs: fmt, clippy, unit and end-to-end tests.
//! - `cargo xtask bundle` builds the release app and its installers for this system.
//! - `cargo xtask measure-search` times search keystroke to paint at 100,000 customers.
//! - `cargo xtask bench` runs every measurement and prints one table of figures, baselines
//!   and goals (also written to `target/bench/bench.json`).
//! - `cargo xtask fuzz [--seconds N] [TARGET...]` fuzzes the parsers of untrusted input
//!   (needs the nightly toolchain; not part of `test`).
//! - `cargo xtask with-postgres -- CMD…` runs one command beside a throwaway PostgreSQL
//!   cluster (`KEYDESK_TEST_POSTGRES` tells it where), e.g. the agency-server tests alone.

mod bench;
mod bundle;
mod cmd;
mod fuzz;
mod postgres;
mod run;
mod sandbox;
mod setup;
mod steps;
mod system;
mod test;
mod tools;
mod ui;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use serde::Deserialize;

use crate::setup::Toolchain;

#[derive(Parser)]
#[command(
    name = "xtask",
    bin_name = "cargo xtask",
    about = "Keydesk developer commands",
    version
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install the system packages, Rust target and tools needed to build and test.
    Setup,
    /// Build the UI, then build and start the desktop app.
    Run {
        /// Arguments for the app, after `--` (e.g. `-- --data-dir /tmp/keydesk`).
        #[arg(last = true)]
        args: Vec<OsString>,
    },
    /// Run every check: fmt, clippy, unit tests and the end-to-end tests.
    Test,
    /// Build the release app and its installers for this system (.deb and .rpm on Linux).
    Bundle {
        /// Arguments for `cargo tauri build`, after `--` (e.g. `-- --config signing.json`).
        #[arg(last = true)]
        args: Vec<OsString>,
    },
    /// Import 100,000 customers through the window and time search keystroke to paint.
    MeasureSearch,
    /// Run every measurement, each next to its baseline, and print one table of the goals.
    Bench,
    /// Fuzz the parsers of untrusted input, each target for a while (needs nightly).
    Fuzz {
        /// Seconds to fuzz each target.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// The targets to run (all when none is named), e.g. `csv_import emails`.
        targets: Vec<String>,
    },
    /// Start a throwaway PostgreSQL cluster, run a command beside it, then remove it.
    WithPostgres {
        /// The command, after `--` (e.g. `-- cargo test -p keydesk-core --test core agency_server`).
        #[arg(last = true, required = true)]
        command: Vec<OsString>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Setup => setup::run_alone(),
        Command::Run { args } => run::run(&args),
        Command::Test => test::run(),
        Command::Bundle { args } => bundle::run(&args),
        Command::MeasureSearch => test::measure_search(),
        Command::Bench => bench::run(),
        Command::Fuzz { seconds, targets } => fuzz::run(seconds, &targets),
        Command::WithPostgres { command } => postgres::run_beside(&command),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("\nxtask: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: xtask lives one level below it.
fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
}

/// The `cargo` that started us (cargo sets `CARGO` for `cargo run`), or the one on PATH.
fn cargo_program() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from)
}

#[derive(Deserialize)]
struct Metadata {
    target_directory: PathBuf,
}

/// Cargo's target directory (honours `CARGO_TARGET_DIR` and cargo config).
pub fn target_dir(toolchain: &Toolchain) -> Result<PathBuf> {
    let json =
        cmd::read(
            toolchain
                .cargo()
                .args(["metadata", "--format-version", "1", "--no-deps"]),
        )?;
    let metadata: Metadata =
        serde_json::from_str(&json).context("Failed to parse `cargo metadata` output")?;
    Ok(metadata.target_directory)
}
