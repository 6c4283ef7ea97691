use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{AppState, CopyRequest};
use keydesk_core::keydesk::AccessError;
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
    let Some(session) = shell.session() else {
        return Ok(AppState::SignedOut);
    };
    let actor = match keydesk.current_session(&session.actor).await {
        Ok(actor) => actor,
        Err(AccessError::SessionEnded) => {
            shell.sign_out();
            return Ok(AppState::SignedOut);
        }
        Err(other) => return Err(other.into()),
    };
    let info = shell.session_info(&keydesk, &actor).await?;
    Ok(if session.locked {
        AppState::Locked { session: info }
    } else {
        AppState::SignedIn { session: info }
    })
}

/// Puts text the person asked to copy (e.g. a temporary password) on the clipboard.
#[tauri::command]
pub async fn copy_to_clipboard(
    req: CopyRequest,
    shell: State<'_, Shell>,
) -> Result<(), CommandError> {
    let actor = shell.actor()?;
    shell.keydesk().await?.current_session(&actor).await?;
    shell.copy_to_clipboard(req.text)?;
    Ok(())
}
