use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{
    CreateOwnerRequest, PasswordStrength, PasswordStrengthRequest, SessionInfo, SignInRequest,
};
use keydesk_core::domain::PlainPassword;
use keydesk_core::keydesk::OwnerForm;
use tauri::State;

#[tauri::command]
pub async fn password_strength(
    req: PasswordStrengthRequest,
    shell: State<'_, Shell>,
) -> Result<PasswordStrength, CommandError> {
    let keydesk = shell.keydesk().await?;
    let inputs: Vec<&str> = req.user_inputs.iter().map(String::as_str).collect();
    Ok(keydesk.password_strength(&PlainPassword::new(req.password), &inputs))
}

#[tauri::command]
pub async fn create_owner(
    req: CreateOwnerRequest,
    shell: State<'_, Shell>,
) -> Result<SessionInfo, CommandError> {
    let keydesk = shell.keydesk().await?;
    let form = OwnerForm {
        email: req.email,
        display_name: req.display_name,
        password: PlainPassword::new(req.password),
        password_confirm: PlainPassword::new(req.password_confirm),
    };
    let actor = keydesk.create_owner(form).await?;
    let info = actor.session_info();
    shell.set_actor(Some(actor));
    Ok(info)
}

#[tauri::command]
pub async fn sign_in(
    req: SignInRequest,
    shell: State<'_, Shell>,
) -> Result<SessionInfo, CommandError> {
    let keydesk = shell.keydesk().await?;
    let actor = keydesk
        .sign_in(&req.email, PlainPassword::new(req.password))
        .await?;
    let info = actor.session_info();
    shell.set_actor(Some(actor));
    Ok(info)
}

#[tauri::command]
pub async fn sign_out(shell: State<'_, Shell>) -> Result<(), CommandError> {
    let Some(actor) = shell.current_actor() else {
        return Ok(());
    };
    shell.set_actor(None);
    shell.keydesk().await?.sign_out(&actor).await?;
    Ok(())
}
