//! `keydesk admin …`: one-shot administration of the agency's server, run by its database
//! administrator from a terminal. Nothing here opens a window or the local database.

use std::process::ExitCode;

use keydesk_core::server::admin::{self, ServerStatus};
use keydesk_core::server::{ServerError, ServerUrl};

use crate::cli::AdminCommand;

/// Runs `command`, says what happened on standard output (or what went wrong on standard
/// error), and returns the exit code.
pub fn run(command: AdminCommand) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("Keydesk could not start: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(act(command)) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

async fn act(command: AdminCommand) -> Result<String, ServerError> {
    match command {
        AdminCommand::Init(args) => {
            let url: ServerUrl = args.url.parse()?;
            let status = admin::init(&url).await?;
            Ok(format!(
                "The agency server {url} is set up.\n{}",
                describe(&status)
            ))
        }
        AdminCommand::Upgrade(args) => {
            let url: ServerUrl = args.url.parse()?;
            let status = admin::upgrade(&url).await?;
            let head = if status.applied.is_empty() {
                format!("The agency server {url} was already up to date.")
            } else {
                format!("The agency server {url} is up to date.")
            };
            Ok(format!("{head}\n{}", describe(&status)))
        }
        AdminCommand::Prune(args) => {
            let url: ServerUrl = args.server.url.parse()?;
            let pruned = admin::prune_tombstones(&url, args.keep_days).await?;
            Ok(format!(
                "The agency server {url} pruned {pruned} tombstones older than {} days. Desks \
                 away longer read everything again at their next sync.",
                args.keep_days
            ))
        }
    }
}

/// The server as the administrator wants to know it after a run.
fn describe(status: &ServerStatus) -> String {
    let mut lines = vec![
        format!("  PostgreSQL {}", status.postgres),
        format!("  sync protocol {}", status.protocol),
        format!("  agency {}", status.agency),
    ];
    if !status.applied.is_empty() {
        lines.push(format!("  changes applied ({}):", status.applied.len()));
        lines.extend(status.applied.iter().map(|change| format!("    {change}")));
    }
    lines.join("\n")
}
