use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{
    AddStaffRequest, SetStaffRoleRequest, SetStaffStatusRequest, StaffIdRequest, StaffMember,
    StaffStatus, StaffWithTemporaryPassword,
};
use keydesk_core::domain::StaffId;
use keydesk_core::services::MemberWithPassword;
use tauri::State;

#[tauri::command]
pub async fn list_staff(shell: State<'_, Shell>) -> Result<Vec<StaffMember>, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk.list_staff(&actor).await)
}

#[tauri::command]
pub async fn add_staff(
    req: AddStaffRequest,
    shell: State<'_, Shell>,
) -> Result<StaffWithTemporaryPassword, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .add_staff(&actor, &req.email, &req.display_name, req.role)
        .await
        .map(with_password))
}

#[tauri::command]
pub async fn set_staff_role(
    req: SetStaffRoleRequest,
    shell: State<'_, Shell>,
) -> Result<StaffMember, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .set_staff_role(&actor, StaffId(req.staff_id), req.role)
        .await)
}

#[tauri::command]
pub async fn set_staff_status(
    req: SetStaffStatusRequest,
    shell: State<'_, Shell>,
) -> Result<StaffMember, CommandError> {
    let active = req.status == StaffStatus::Active;
    with_actor!(shell, |keydesk, actor| keydesk
        .set_staff_active(&actor, StaffId(req.staff_id), active)
        .await)
}

#[tauri::command]
pub async fn reset_staff_password(
    req: StaffIdRequest,
    shell: State<'_, Shell>,
) -> Result<StaffWithTemporaryPassword, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .reset_staff_password(&actor, StaffId(req.staff_id))
        .await
        .map(with_password))
}

/// The temporary password leaves the core only here, on its way to the one screen
/// that shows it.
fn with_password(added: MemberWithPassword) -> StaffWithTemporaryPassword {
    StaffWithTemporaryPassword {
        member: added.member,
        temporary_password: added.temporary_password.expose().to_owned(),
    }
}
