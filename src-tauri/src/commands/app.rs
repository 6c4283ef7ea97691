use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{AppState, CopyRequest, CLIPBOARD_CLEARED_EVENT};
use keydesk_core::services::AccessError;
use keydesk_core::{Keydesk, OpenError};
use tauri::{AppHandle, Emitter, State};

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
        return signed_out(&keydesk).await;
    };
    let actor = match keydesk.current_session(&session.actor).await {
        Ok(actor) => actor,
        Err(AccessError::SessionEnded) => {
            shell.sign_out();
            return signed_out(&keydesk).await;
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

/// Nobody signed in: the sign-in screen, in the language chosen last on this desk.
async fn signed_out(keydesk: &Keydesk) -> Result<AppState, CommandError> {
    Ok(AppState::SignedOut {
        window_language: keydesk.sign_in_language().await?,
    })
}

/// Puts text the person asked to copy (e.g. a temporary password) on the clipboard,
/// concealed from clipboard history and cleared after the credential settings' time.
#[tauri::command]
pub async fn copy_to_clipboard(
    req: CopyRequest,
    app: AppHandle,
    shell: State<'_, Shell>,
) -> Result<(), CommandError> {
    let actor = shell.actor()?;
    let keydesk = shell.keydesk().await?;
    keydesk.current_session(&actor).await?;
    let settings = keydesk.credential_settings_in_force().await?;
    let seconds = shell.clipboard_clear_seconds(settings.clipboard_clear_seconds);
    let text = zeroize::Zeroizing::new(req.text);
    shell.clipboard().copy_secret(&text, seconds, move || {
        if let Err(error) = app.emit(CLIPBOARD_CLEARED_EVENT, ()) {
            tracing::warn!(%error, "could not tell the window the clipboard was cleared");
        }
    })?;
    Ok(())
}
