use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{GeneralSettings, SecuritySettings, Settings};
use tauri::State;

#[tauri::command]
pub async fn get_settings(shell: State<'_, Shell>) -> Result<Settings, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk.settings(&actor).await)
}

#[tauri::command]
pub async fn save_security_settings(
    req: SecuritySettings,
    shell: State<'_, Shell>,
) -> Result<Settings, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .save_security_settings(&actor, req)
        .await)
}

#[tauri::command]
pub async fn save_general_settings(
    req: GeneralSettings,
    shell: State<'_, Shell>,
) -> Result<Settings, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .save_general_settings(&actor, req)
        .await)
}
