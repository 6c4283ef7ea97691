//! The recovery kit in Settings → Security. Its words leave the core once, to the window
//! that made it, and come back only to be used.

use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{RecoveryKeyStatus, RecoveryKit, RecoveryOutcome, UseRecoveryKeyRequest};
use keydesk_core::domain::PlainPassword;
use tauri::State;

#[tauri::command]
pub async fn recovery_key_status(
    shell: State<'_, Shell>,
) -> Result<RecoveryKeyStatus, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .recovery_key_status(&actor)
        .await)
}

#[tauri::command]
pub async fn create_recovery_key(shell: State<'_, Shell>) -> Result<RecoveryKit, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .create_recovery_key(&actor)
        .await)
}

#[tauri::command]
pub async fn use_recovery_key(
    req: UseRecoveryKeyRequest,
    shell: State<'_, Shell>,
) -> Result<RecoveryOutcome, CommandError> {
    let words = PlainPassword::new(req.words);
    with_actor!(shell, |keydesk, actor| keydesk
        .use_recovery_key(&actor, &words)
        .await)
}

#[tauri::command]
pub async fn remove_recovery_key(shell: State<'_, Shell>) -> Result<(), CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .remove_recovery_key(&actor)
        .await)
}
