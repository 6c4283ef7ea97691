//! Keydesk's desktop shell: the window, the session, and thin commands that call the core.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod cli;
mod command_error;
mod commands;
mod shell;

use clap::Parser;
use keydesk_core::paths::DataPaths;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    let paths = match DataPaths::resolve(cli.data_dir) {
        Ok(paths) => paths,
        Err(error) => {
            eprintln!("Keydesk cannot find where to keep its data: {error:#}");
            return std::process::ExitCode::FAILURE;
        }
    };
    // Logging is best effort: a read-only log folder must not stop the app.
    let _log_guard = keydesk_core::logging::init(&paths.log_dir)
        .map_err(|error| eprintln!("Keydesk logs to the terminal only: {error:#}"))
        .ok();
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(ToString::to_string).unwrap_or_default();
        tracing::error!(%location, "internal error (panic)");
    }));
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "Keydesk starting");

    let result = tauri::Builder::default()
        .manage(shell::Shell::new(paths))
        .invoke_handler(tauri::generate_handler![
            commands::app::app_state,
            commands::auth::password_strength,
            commands::auth::create_owner,
            commands::auth::sign_in,
            commands::auth::sign_out,
            commands::audit::audit_page,
            commands::audit::verify_audit_chain,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "the window could not start");
            eprintln!("Keydesk could not start its window: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
