//! Importing customers from a CSV file: pick it, look at it, check it, import it with
//! progress events, cancel it.

use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{
    ImportCheckRequest, ImportFileRequest, ImportOutcome, ImportPreview, ImportProgress,
    ImportReport, ImportRunRequest, Permission, IMPORT_PROGRESS_EVENT,
};
use keydesk_core::services::ImportFile;
use std::path::Path;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;

/// Opens the system's file picker on CSV files; `None` when the person closed it.
#[tauri::command]
pub async fn choose_import_file(
    app: AppHandle,
    shell: State<'_, Shell>,
) -> Result<Option<String>, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .authorize(&actor, Permission::ImportCustomers)
        .await)?;
    Ok(pick_csv_file(&app, "Import customers from a CSV file").await)
}

/// The system's file picker on CSV files, titled `title`; `None` when the person
/// closed it.
pub(crate) async fn pick_csv_file(app: &AppHandle, title: &str) -> Option<String> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title(title)
        .add_filter("CSV files", &["csv", "txt", "tsv"])
        .pick_file(move |file| {
            let _ = tx.send(file);
        });
    let picked = rx.await.ok().flatten();
    picked
        .and_then(|file| file.into_path().ok())
        .map(|path| path.display().to_string())
}

#[tauri::command]
pub async fn preview_customer_import(
    req: ImportFileRequest,
    shell: State<'_, Shell>,
) -> Result<ImportPreview, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .preview_customer_import(&actor, ImportFile::new(Path::new(&req.path), req.encoding))
        .await)
}

#[tauri::command]
pub async fn check_customer_import(
    req: ImportCheckRequest,
    shell: State<'_, Shell>,
) -> Result<ImportReport, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .check_customer_import(
            &actor,
            ImportFile::new(Path::new(&req.path), req.encoding),
            &req.mapping
        )
        .await)
}

/// Runs the import; progress goes out as [`IMPORT_PROGRESS_EVENT`] while the window
/// keeps working. One import at a time.
#[tauri::command]
pub async fn run_customer_import(
    req: ImportRunRequest,
    app: AppHandle,
    shell: State<'_, Shell>,
) -> Result<ImportOutcome, CommandError> {
    with_actor!(shell, |keydesk, actor| {
        let running = shell.start_import()?;
        let progress = move |p: ImportProgress| {
            if let Err(error) = app.emit(IMPORT_PROGRESS_EVENT, p) {
                tracing::warn!(%error, "could not send import progress to the window");
            }
        };
        // The slot frees itself as `running` drops at the end of this block.
        keydesk
            .import_customers(
                &actor,
                ImportFile::new(Path::new(&req.path), req.encoding),
                &req.mapping,
                req.duplicates,
                &progress,
                running.cancel(),
            )
            .await
    })
}

/// Asks the running import (if any) to stop; it rolls back and reports "cancelled".
/// The core decides whether this person may; the shell only holds the switch.
#[tauri::command]
pub async fn cancel_customer_import(shell: State<'_, Shell>) -> Result<(), CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .cancel_customer_import(&actor, || shell.cancel_import())
        .await)
}
