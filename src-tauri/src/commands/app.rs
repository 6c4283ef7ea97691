use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::AppState;
use keydesk_core::OpenError;
use tauri::State;

/// What the window should show now; opens the database on first call.
#[tauri::command]
pub async fn app_state(shell: State<'_, Shell>) -> Result<AppState, CommandError> {
    let keydesk = match shell.open().await {
        Ok(keydesk) => keydesk,
        Err(OpenError::Keyring(error)) => {
            tracing::warn!(%error, "keyring unavailable");
            return Ok(AppState::KeyringUnavailable {
                message: error.to_string(),
                how_to_fix: error.how_to_fix().to_owned(),
            });
        }
        Err(other) => return Err(other.into()),
    };
    if keydesk.needs_owner().await? {
        return Ok(AppState::NeedsOwner);
    }
    Ok(match shell.current_actor() {
        Some(actor) => AppState::SignedIn {
            session: actor.session_info(),
        },
        None => AppState::SignedOut,
    })
}
