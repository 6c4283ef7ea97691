//! The customer portal without an agency server: its accounts for an identity product,
//! and its sign-ins read back from a file.

use super::customer_import::pick_csv_file;
use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{
    ExportPortalAccountsRequest, ImportSignInsRequest, Permission, PortalAccountsExport,
    SignInImportReport,
};
use std::path::Path;
use tauri::{AppHandle, State};

/// Writes every portal account to the downloads folder in the product's import shape.
#[tauri::command]
pub async fn export_portal_accounts(
    req: ExportPortalAccountsRequest,
    shell: State<'_, Shell>,
) -> Result<PortalAccountsExport, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .export_portal_accounts(&actor, req.product, &shell.export_dir())
        .await)
}

/// Opens the system's file picker for the portal's sign-in file.
#[tauri::command]
pub async fn choose_sign_in_file(
    app: AppHandle,
    shell: State<'_, Shell>,
) -> Result<Option<String>, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .authorize(&actor, Permission::ImportPortalSignIns)
        .await)?;
    Ok(pick_csv_file(&app, "Import the portal's sign-ins").await)
}

/// Records the sign-ins of the file the person chose.
#[tauri::command]
pub async fn import_portal_sign_ins(
    req: ImportSignInsRequest,
    shell: State<'_, Shell>,
) -> Result<SignInImportReport, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .import_portal_sign_ins(&actor, Path::new(&req.path))
        .await)
}
