use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{
    CreateOwnerRequest, PasswordStrength, PasswordStrengthRequest, SessionInfo, SignInRequest,
    UnlockRequest,
};
use keydesk_core::domain::PlainPassword;
use keydesk_core::services::OwnerForm;
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
    if let Some(window) = req.window {
        keydesk.set_window_preferences(&actor, window).await?;
    }
    let info = shell.session_info(&keydesk, &actor).await?;
    shell.sign_in(actor);
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
    if let Some(window) = req.window {
        keydesk.set_window_preferences(&actor, window).await?;
    }
    let info = shell.session_info(&keydesk, &actor).await?;
    shell.sign_in(actor);
    Ok(info)
}

#[tauri::command]
pub async fn sign_out(shell: State<'_, Shell>) -> Result<(), CommandError> {
    if let Some(session) = shell.sign_out() {
        shell.keydesk().await?.sign_out(&session.actor).await?;
    }
    Ok(())
}

#[tauri::command]
pub async fn lock_session(shell: State<'_, Shell>) -> Result<(), CommandError> {
    let Some(session) = shell.session() else {
        return Err(CommandError::not_signed_in());
    };
    if !session.locked {
        shell.set_locked(true);
        shell.keydesk().await?.lock_session(&session.actor).await?;
    }
    Ok(())
}

/// The window saw the person at work (keys, mouse, touch): keeps the shell's idle lock
/// (see `Shell::before_command`, which does the noting) from locking someone who fills a
/// long form without sending a command. Refused as locked once the session was idle.
#[tauri::command]
pub async fn note_activity(shell: State<'_, Shell>) -> Result<(), CommandError> {
    shell.actor()?;
    Ok(())
}

#[tauri::command]
pub async fn unlock_session(
    req: UnlockRequest,
    shell: State<'_, Shell>,
) -> Result<SessionInfo, CommandError> {
    let Some(session) = shell.session() else {
        return Err(CommandError::not_signed_in());
    };
    let keydesk = shell.keydesk().await?;
    let actor = keydesk
        .unlock_session(&session.actor, PlainPassword::new(req.password))
        .await?;
    let info = shell.session_info(&keydesk, &actor).await?;
    shell.sign_in(actor);
    Ok(info)
}
