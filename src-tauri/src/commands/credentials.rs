//! Customer logins: credential settings, the owner's handoff queue, resets and
//! "Generate logins". Passwords leave the core only here, on their way to the one
//! screen or the clipboard that asked for them.

use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{
    ClipboardCopy, CredentialSettings, CredentialSettingsView, CustomerIdRequest,
    GenerateLoginsOutcome, GenerateLoginsProgress, GenerateLoginsRequest, HandoffCount,
    HandoffHistoryPage, HandoffHistoryRequest, HandoffIdRequest, IssuedLogin,
    MarkHandoffSentRequest, PasswordPolicySettings, PendingHandoff, PolicyEntropy,
    RevealedPassword, CLIPBOARD_CLEARED_EVENT, GENERATE_LOGINS_PROGRESS_EVENT,
    REVEAL_HIDE_AFTER_SECONDS,
};
use keydesk_core::domain::{CustomerId, HandoffId};
use keydesk_core::services::{ClipboardSecret, NewLogin};
use std::sync::atomic::AtomicBool;
use tauri::{AppHandle, Emitter, State};

#[tauri::command]
pub async fn get_credential_settings(
    shell: State<'_, Shell>,
) -> Result<CredentialSettingsView, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .credential_settings(&actor)
        .await)
}

#[tauri::command]
pub async fn save_credential_settings(
    req: CredentialSettings,
    shell: State<'_, Shell>,
) -> Result<CredentialSettingsView, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .save_credential_settings(&actor, req)
        .await)
}

/// The entropy of a policy being edited, before it is saved.
#[tauri::command]
pub async fn password_policy_entropy(
    req: PasswordPolicySettings,
    shell: State<'_, Shell>,
) -> Result<PolicyEntropy, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .password_policy_entropy(&actor, &req)
        .await)
}

#[tauri::command]
pub async fn list_pending_handoffs(
    shell: State<'_, Shell>,
) -> Result<Vec<PendingHandoff>, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .list_pending_handoffs(&actor)
        .await)
}

#[tauri::command]
pub async fn pending_handoff_count(shell: State<'_, Shell>) -> Result<HandoffCount, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .pending_handoff_count(&actor)
        .await)
}

/// Shows a pending handoff's password; the window hides it again after
/// `hide_after_seconds`.
#[tauri::command]
pub async fn reveal_handoff_password(
    req: HandoffIdRequest,
    shell: State<'_, Shell>,
) -> Result<RevealedPassword, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .reveal_handoff_password(&actor, HandoffId(req.handoff_id))
        .await
        .map(|secret| RevealedPassword {
            handoff_id: secret.handoff_id.0,
            username: secret.username,
            password: secret.password.expose().to_owned(),
            hide_after_seconds: REVEAL_HIDE_AFTER_SECONDS,
        }))
}

#[tauri::command]
pub async fn copy_handoff_username(
    req: HandoffIdRequest,
    app: AppHandle,
    shell: State<'_, Shell>,
) -> Result<ClipboardCopy, CommandError> {
    let secret = with_actor!(shell, |keydesk, actor| keydesk
        .copy_handoff_username(&actor, HandoffId(req.handoff_id))
        .await)?;
    copy(&shell, app, secret)
}

#[tauri::command]
pub async fn copy_handoff_password(
    req: HandoffIdRequest,
    app: AppHandle,
    shell: State<'_, Shell>,
) -> Result<ClipboardCopy, CommandError> {
    let secret = with_actor!(shell, |keydesk, actor| keydesk
        .copy_handoff_password(&actor, HandoffId(req.handoff_id))
        .await)?;
    copy(&shell, app, secret)
}

/// Puts a secret on the clipboard, concealed, cleared when its time is up.
fn copy(
    shell: &Shell,
    app: AppHandle,
    secret: ClipboardSecret,
) -> Result<ClipboardCopy, CommandError> {
    let seconds = shell.clipboard_clear_seconds(secret.clear_after_seconds);
    let clear_after_seconds =
        shell
            .clipboard()
            .copy_secret(secret.text.expose(), seconds, move || {
                if let Err(error) = app.emit(CLIPBOARD_CLEARED_EVENT, ()) {
                    tracing::warn!(%error, "could not tell the window the clipboard was cleared");
                }
            })?;
    Ok(ClipboardCopy {
        clear_after_seconds,
    })
}

#[tauri::command]
pub async fn mark_handoff_sent(
    req: MarkHandoffSentRequest,
    shell: State<'_, Shell>,
) -> Result<(), CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .mark_handoff_sent(&actor, HandoffId(req.handoff_id), req.channel, &req.note)
        .await)
}

/// The agent who created a customer and was shown its password marks it handed over.
#[tauri::command]
pub async fn mark_new_login_sent(
    req: MarkHandoffSentRequest,
    shell: State<'_, Shell>,
) -> Result<(), CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .mark_new_login_sent(&actor, HandoffId(req.handoff_id), req.channel, &req.note)
        .await)
}

#[tauri::command]
pub async fn revoke_handoff(
    req: HandoffIdRequest,
    shell: State<'_, Shell>,
) -> Result<(), CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .revoke_handoff(&actor, HandoffId(req.handoff_id))
        .await)
}

#[tauri::command]
pub async fn handoff_history(
    req: HandoffHistoryRequest,
    shell: State<'_, Shell>,
) -> Result<HandoffHistoryPage, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .handoff_history(&actor, &req)
        .await)
}

#[tauri::command]
pub async fn reset_customer_password(
    req: CustomerIdRequest,
    shell: State<'_, Shell>,
) -> Result<IssuedLogin, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .reset_customer_password(&actor, CustomerId(req.customer_id))
        .await
        .map(issued))
}

/// Generates logins for the selected customers, reporting progress as the event
/// `GENERATE_LOGINS_PROGRESS_EVENT`. One run at a time.
#[tauri::command]
pub async fn generate_logins(
    req: GenerateLoginsRequest,
    app: AppHandle,
    shell: State<'_, Shell>,
) -> Result<GenerateLoginsOutcome, CommandError> {
    with_actor!(shell, |keydesk, actor| {
        let running = shell.start_generating_logins()?;
        let progress = |p: GenerateLoginsProgress| {
            if let Err(error) = app.emit(GENERATE_LOGINS_PROGRESS_EVENT, p) {
                tracing::warn!(%error, "could not report progress");
            }
        };
        let customer_ids: Vec<CustomerId> =
            req.customer_ids.iter().copied().map(CustomerId).collect();
        keydesk
            .generate_logins(&actor, &customer_ids, &progress, running.cancel())
            .await
    })
}

/// Stops a running "Generate logins"; the logins made so far are kept.
#[tauri::command]
pub async fn cancel_generate_logins(shell: State<'_, Shell>) -> Result<(), CommandError> {
    let cancel = shell
        .generating_logins()
        .unwrap_or_else(|| AtomicBool::new(false).into());
    with_actor!(shell, |keydesk, actor| keydesk
        .cancel_generate_logins(&actor, &cancel)
        .await)
}

/// A new login for the window; the password only when the core handed it out to show once.
pub fn issued(login: NewLogin) -> IssuedLogin {
    IssuedLogin {
        customer_id: login.customer_id.0,
        handoff_id: login.handoff_id.0,
        username: login.username,
        one_time_password: login.one_time_password.map(|p| p.expose().to_owned()),
    }
}
