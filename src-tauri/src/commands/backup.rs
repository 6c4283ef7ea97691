//! Settings → Backups, and restoring a backup (also from the first-run screen, before
//! any owner exists; the core decides who may).

use crate::command_error::CommandError;
use crate::shell::{backup_progress, Shell};
use keydesk_api::{
    BackupFileRequest, BackupFolderRequest, BackupPassphraseRequest, BackupPreview, BackupStatus,
};
use keydesk_core::auth::Actor;
use keydesk_core::domain::PlainPassword;
use keydesk_core::Keydesk;
use std::path::Path;
use tauri::{AppHandle, State};

/// Who is restoring, once the core allowed them: nobody on the first-run screen, else
/// the signed-in member, who must not be behind the lock screen (a window whose lock
/// timer never fired included).
async fn authorized_restorer(shell: &Shell) -> Result<Option<Actor>, CommandError> {
    let actor = match shell.session() {
        None => None,
        Some(_) => Some(shell.actor()?),
    };
    shell
        .keydesk()
        .await?
        .authorize_restore(actor.as_ref())
        .await?;
    Ok(actor)
}

#[tauri::command]
pub async fn backup_status(shell: State<'_, Shell>) -> Result<BackupStatus, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk.backup_status(&actor).await)
}

#[tauri::command]
pub async fn set_backup_passphrase(
    req: BackupPassphraseRequest,
    shell: State<'_, Shell>,
) -> Result<BackupStatus, CommandError> {
    let passphrase = PlainPassword::new(req.passphrase);
    with_actor!(shell, |keydesk, actor| keydesk
        .set_backup_passphrase(&actor, &passphrase)
        .await)
}

#[tauri::command]
pub async fn set_backup_folder(
    req: BackupFolderRequest,
    shell: State<'_, Shell>,
) -> Result<BackupStatus, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .set_backup_folder(&actor, req.folder.trim())
        .await)
}

/// Makes a backup now; progress goes out as `BACKUP_PROGRESS_EVENT`.
#[tauri::command]
pub async fn back_up_now(
    app: AppHandle,
    shell: State<'_, Shell>,
) -> Result<BackupStatus, CommandError> {
    let progress = backup_progress(app);
    with_actor!(shell, |keydesk, actor| keydesk
        .back_up_now(&actor, &progress)
        .await)
}

/// What a backup holds, after checking it whole with the passphrase; changes nothing.
#[tauri::command]
pub async fn preview_backup(
    req: BackupFileRequest,
    shell: State<'_, Shell>,
) -> Result<BackupPreview, CommandError> {
    let passphrase = PlainPassword::new(req.passphrase);
    authorized_restorer(&shell).await?;
    Ok(Keydesk::preview_backup(Path::new(&req.path), &passphrase).await?)
}

/// Replaces every piece of data by the backup's; the window then signs in again (with
/// the passwords the backup holds).
#[tauri::command]
pub async fn restore_backup(
    req: BackupFileRequest,
    app: AppHandle,
    shell: State<'_, Shell>,
) -> Result<(), CommandError> {
    let passphrase = PlainPassword::new(req.passphrase);
    let actor = authorized_restorer(&shell).await?;
    shell.refuse_restore_while_busy()?;
    let progress = backup_progress(app);
    Ok(shell
        .restore_backup(Path::new(&req.path), &passphrase, actor.as_ref(), &progress)
        .await?)
}
