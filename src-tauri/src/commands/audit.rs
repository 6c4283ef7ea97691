use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{AuditPage, AuditPageRequest, ChainVerification};
use tauri::State;

#[tauri::command]
pub async fn audit_page(
    req: AuditPageRequest,
    shell: State<'_, Shell>,
) -> Result<AuditPage, CommandError> {
    let actor = shell.actor()?;
    Ok(shell
        .keydesk()
        .await?
        .audit_page(&actor, req.before_id, req.limit)
        .await?)
}

#[tauri::command]
pub async fn verify_audit_chain(
    shell: State<'_, Shell>,
) -> Result<ChainVerification, CommandError> {
    let actor = shell.actor()?;
    Ok(shell.keydesk().await?.verify_audit_chain(&actor).await?)
}
