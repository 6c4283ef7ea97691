use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{
    ChangeDisplayNameRequest, ChangePasswordRequest, SessionInfo, WindowPreferences,
};
use keydesk_core::domain::PlainPassword;
use keydesk_core::services::PasswordChange;
use tauri::State;

#[tauri::command]
pub async fn change_own_password(
    req: ChangePasswordRequest,
    shell: State<'_, Shell>,
) -> Result<SessionInfo, CommandError> {
    let actor = shell.actor()?;
    let keydesk = shell.keydesk().await?;
    let change = PasswordChange {
        current: PlainPassword::new(req.current_password),
        new: PlainPassword::new(req.new_password),
        confirm: PlainPassword::new(req.new_password_confirm),
    };
    let actor = keydesk.change_own_password(&actor, change).await?;
    let info = shell.session_info(&keydesk, &actor).await?;
    shell.sign_in(actor);
    Ok(info)
}

#[tauri::command]
pub async fn change_own_display_name(
    req: ChangeDisplayNameRequest,
    shell: State<'_, Shell>,
) -> Result<SessionInfo, CommandError> {
    let actor = shell.actor()?;
    let keydesk = shell.keydesk().await?;
    let actor = keydesk
        .change_own_display_name(&actor, &req.display_name)
        .await?;
    let info = shell.session_info(&keydesk, &actor).await?;
    shell.sign_in(actor);
    Ok(info)
}

/// How the signed-in person's window speaks on this desk; the window switches itself.
#[tauri::command]
pub async fn set_window_preferences(
    req: WindowPreferences,
    shell: State<'_, Shell>,
) -> Result<(), CommandError> {
    let actor = shell.actor()?;
    let keydesk = shell.keydesk().await?;
    keydesk.set_window_preferences(&actor, req).await?;
    Ok(())
}
