//! Several desks: the top bar's sync state, the Sync inbox, Settings → Agency server,
//! inviting a desk from Staff, and joining an agency from the first-run screen.

use crate::command_error::CommandError;
use crate::shell::{join_progress, Shell};
use keydesk_api::{
    AgencyServerView, DeskInvitationCode, DeskKeysRotated, DeskRevoked, ExposedLoginsReset,
    InviteDeskRequest, JoinAgencyRequest, MailTakenOver, PublishAgencyRequest, PublishReport,
    ResetExposedLoginsRequest, RevokeDeskRequest, RotateDeskKeysRequest, SessionInfo, SyncNotice,
    SyncNoticeRequest, SyncStatus, TakeOverMailRequest,
};
use keydesk_core::domain::{FieldError, PlainPassword, StaffId};
use keydesk_core::said::Explain;
use keydesk_core::server::ServerUrl;
use keydesk_core::services::{JoinForm, ServiceError};
use tauri::{AppHandle, State};
use uuid::Uuid;

#[tauri::command]
pub async fn sync_status(shell: State<'_, Shell>) -> Result<SyncStatus, CommandError> {
    let state = shell.sync_state();
    with_actor!(shell, |keydesk, actor| keydesk
        .sync_status(&actor, &state)
        .await)
}

/// Syncs now rather than at the worker's next turn; the top bar hears how it went.
#[tauri::command]
pub async fn sync_now(shell: State<'_, Shell>) -> Result<(), CommandError> {
    shell.actor()?;
    shell.sync_soon();
    Ok(())
}

#[tauri::command]
pub async fn sync_notices(shell: State<'_, Shell>) -> Result<Vec<SyncNotice>, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk.sync_inbox(&actor).await)
}

#[tauri::command]
pub async fn dismiss_sync_notice(
    req: SyncNoticeRequest,
    shell: State<'_, Shell>,
) -> Result<(), CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .dismiss_sync_notice(&actor, req.notice_id)
        .await)
}

/// Writes this desk's values again; the worker pushes them within seconds.
#[tauri::command]
pub async fn apply_mine(
    req: SyncNoticeRequest,
    shell: State<'_, Shell>,
) -> Result<(), CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .apply_mine(&actor, req.notice_id)
        .await)?;
    shell.sync_soon();
    Ok(())
}

#[tauri::command]
pub async fn agency_server(shell: State<'_, Shell>) -> Result<AgencyServerView, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .agency_server_view(&actor)
        .await)
}

/// Makes this desk the first of the agency on an empty server, pushing everything once.
#[tauri::command]
pub async fn publish_agency_server(
    req: PublishAgencyRequest,
    shell: State<'_, Shell>,
) -> Result<PublishReport, CommandError> {
    let admin_url = req
        .admin_url
        .trim()
        .parse::<ServerUrl>()
        .map_err(|error| ServiceError::from(FieldError::new("admin_url", error.explain())))?;
    let label = req.label.trim();
    if label.is_empty() {
        return Err(ServiceError::from(FieldError::new(
            "label",
            "Name this desk, such as \"Office desktop\".",
        ))
        .into());
    }
    let report = with_actor!(shell, |keydesk, actor| keydesk
        .publish_to_agency_server(&actor, &admin_url, label)
        .await)?;
    shell.sync_soon();
    Ok(PublishReport {
        pushed: report.pushed as u64,
    })
}

#[tauri::command]
pub async fn invite_desk(
    req: InviteDeskRequest,
    shell: State<'_, Shell>,
) -> Result<DeskInvitationCode, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .invite_desk_code(&actor, StaffId(req.staff_id), &req.label)
        .await)
}

#[tauri::command]
pub async fn revoke_desk(
    req: RevokeDeskRequest,
    shell: State<'_, Shell>,
) -> Result<DeskRevoked, CommandError> {
    let desk = Uuid::parse_str(&req.desk).map_err(|_| ServiceError::NotFound)?;
    with_actor!(shell, |keydesk, actor| keydesk
        .revoke_desk(&actor, desk)
        .await
        .map(|exposed| DeskRevoked {
            exposed_logins: u32::try_from(exposed).unwrap_or(u32::MAX),
        }))
}

#[tauri::command]
pub async fn reset_exposed_logins(
    req: ResetExposedLoginsRequest,
    shell: State<'_, Shell>,
) -> Result<ExposedLoginsReset, CommandError> {
    let desk = Uuid::parse_str(&req.desk).map_err(|_| ServiceError::NotFound)?;
    with_actor!(shell, |keydesk, actor| keydesk
        .reset_logins_open_to_desk(&actor, desk)
        .await
        .map(|reset| ExposedLoginsReset {
            reset: u32::try_from(reset).unwrap_or(u32::MAX),
        }))
}

#[tauri::command]
pub async fn take_over_mail(
    req: TakeOverMailRequest,
    shell: State<'_, Shell>,
) -> Result<MailTakenOver, CommandError> {
    let desk = Uuid::parse_str(&req.desk).map_err(|_| ServiceError::NotFound)?;
    with_actor!(shell, |keydesk, actor| keydesk
        .take_over_mail(&actor, desk)
        .await)
}

#[tauri::command]
pub async fn rotate_desk_keys(
    req: RotateDeskKeysRequest,
    shell: State<'_, Shell>,
) -> Result<DeskKeysRotated, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .rotate_desk_keys(&actor, PlainPassword::new(req.password))
        .await
        .map(|resealed| DeskKeysRotated {
            resealed: u32::try_from(resealed).unwrap_or(u32::MAX),
        }))
}

/// Joins an agency on this new desk and signs the member in; the first pull's progress
/// goes out as `JOIN_PROGRESS_EVENT`.
#[tauri::command]
pub async fn join_agency(
    req: JoinAgencyRequest,
    app: AppHandle,
    shell: State<'_, Shell>,
) -> Result<SessionInfo, CommandError> {
    let keydesk = shell.keydesk().await?;
    let password = PlainPassword::new(req.password);
    let form = JoinForm {
        code: req.code,
        password: password.clone(),
        password_confirm: PlainPassword::new(req.password_confirm),
    };
    let email = keydesk.join_agency(form, &join_progress(app)).await?;
    let actor = keydesk.sign_in(email.as_ref(), password).await?;
    let info = shell.session_info(&keydesk, &actor).await?;
    shell.sign_in(actor);
    shell.sync_soon();
    Ok(info)
}
