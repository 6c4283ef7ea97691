//! Keydesk's desktop shell: the window, the session, and thin commands that call the core.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod admin;
mod cli;
mod clipboard;
mod command_error;
mod commands;
mod graphics;
mod shell;
mod task_slot;

use clap::Parser;
use keydesk_core::paths::DataPaths;
use tauri::Manager;

fn main() -> std::process::ExitCode {
    // First, while the process has one thread: it sets a variable of the environment.
    let cpu_painting = graphics::prefer_cpu_painting_without_gpu();
    let cli = cli::Cli::parse();
    if let Some(cli::Command::Admin(command)) = cli.command {
        return admin::run(command);
    }
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
    if cpu_painting {
        tracing::info!("no GPU render node: the window paints on the CPU");
    }

    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(shell::Shell::new(paths))
        .setup(|app| {
            app.state::<shell::Shell>().attach(app.handle().clone());
            shell::open_early(app.handle().clone());
            shell::start_expiry_sweep(app.handle().clone());
            shell::start_backup_schedule(app.handle().clone());
            Ok(())
        })
        // Keep this list and `keydesk_api::commands::ALL` the same. Every command passes
        // the shell's idle lock first.
        .invoke_handler(shell::gate_commands(tauri::generate_handler![
            commands::app::app_state,
            commands::app::copy_to_clipboard,
            commands::auth::password_strength,
            commands::auth::create_owner,
            commands::auth::sign_in,
            commands::auth::sign_out,
            commands::auth::lock_session,
            commands::auth::unlock_session,
            commands::auth::note_activity,
            commands::account::change_own_password,
            commands::account::change_own_display_name,
            commands::account::set_window_preferences,
            commands::audit::audit_page,
            commands::audit::audit_filter_options,
            commands::audit::verify_audit_chain,
            commands::audit::verify_agency_chain,
            commands::audit::export_audit_csv,
            commands::staff::list_staff,
            commands::staff::add_staff,
            commands::staff::set_staff_role,
            commands::staff::set_staff_status,
            commands::staff::reset_staff_password,
            commands::settings::get_settings,
            commands::settings::save_security_settings,
            commands::customers::create_customer,
            commands::customers::link_customer_to_me,
            commands::customers::get_customer,
            commands::customers::update_customer,
            commands::customers::set_customer_archived,
            commands::customers::list_customers,
            commands::customers::refresh_customers,
            commands::customers::check_customer,
            commands::customers::erase_customer,
            commands::customers::export_customers_csv,
            commands::portal::export_portal_accounts,
            commands::portal::choose_sign_in_file,
            commands::portal::import_portal_sign_ins,
            commands::customers::customer_history,
            commands::funnel::customer_funnel,
            commands::customers::set_customer_link_notes,
            commands::settings::save_general_settings,
            commands::customer_import::choose_import_file,
            commands::customer_import::preview_customer_import,
            commands::customer_import::check_customer_import,
            commands::customer_import::run_customer_import,
            commands::customer_import::cancel_customer_import,
            commands::mail::get_smtp_settings,
            commands::mail::save_smtp_settings,
            commands::mail::test_smtp_connection,
            commands::mail::send_test_mail,
            commands::mail::get_branding,
            commands::mail::save_branding,
            commands::mail::preview_mail,
            commands::mail::list_outbox,
            commands::mail::retry_mail,
            commands::mail::cancel_mail,
            commands::mail::outbox_status,
            commands::mail::customer_mails,
            commands::mail::send_welcome_mail,
            commands::mail::send_handoff_by_mail,
            commands::mail::send_verification_code,
            commands::mail::check_verification_code,
            commands::credentials::get_credential_settings,
            commands::credentials::save_credential_settings,
            commands::credentials::password_policy_entropy,
            commands::credentials::list_pending_handoffs,
            commands::credentials::pending_handoff_count,
            commands::credentials::reveal_handoff_password,
            commands::credentials::copy_handoff_username,
            commands::credentials::copy_handoff_password,
            commands::credentials::mark_handoff_sent,
            commands::credentials::revoke_handoff,
            commands::credentials::handoff_history,
            commands::recovery::recovery_key_status,
            commands::recovery::create_recovery_key,
            commands::recovery::use_recovery_key,
            commands::recovery::remove_recovery_key,
            commands::credentials::reset_customer_password,
            commands::credentials::generate_logins,
            commands::credentials::cancel_generate_logins,
            commands::credentials::mark_new_login_sent,
            commands::backup::backup_status,
            commands::backup::set_backup_passphrase,
            commands::backup::set_backup_folder,
            commands::backup::back_up_now,
            commands::backup::preview_backup,
            commands::backup::restore_backup,
            commands::agency::sync_status,
            commands::agency::sync_now,
            commands::agency::sync_notices,
            commands::agency::dismiss_sync_notice,
            commands::agency::apply_mine,
            commands::agency::agency_server,
            commands::agency::publish_agency_server,
            commands::agency::invite_desk,
            commands::agency::revoke_desk,
            commands::agency::reset_exposed_logins,
            commands::agency::take_over_mail,
            commands::agency::rotate_desk_keys,
            commands::agency::join_agency,
        ]))
        .build(tauri::generate_context!());
    match app {
        Ok(app) => {
            app.run(|app, event| {
                if let tauri::RunEvent::Exit = event {
                    app.state::<shell::Shell>().at_exit();
                }
            });
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!(%error, "the window could not start");
            eprintln!("Keydesk could not start its window: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
