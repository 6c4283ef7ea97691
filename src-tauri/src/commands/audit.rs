use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{
    AgencyChainReport, AuditExport, AuditFilter, AuditFilterOptions, AuditPage, AuditPageRequest,
    ChainVerification,
};
use tauri::State;

#[tauri::command]
pub async fn audit_page(
    req: AuditPageRequest,
    shell: State<'_, Shell>,
) -> Result<AuditPage, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .audit_page(&actor, &req.filter, req.before_id, req.limit)
        .await)
}

#[tauri::command]
pub async fn audit_filter_options(
    shell: State<'_, Shell>,
) -> Result<AuditFilterOptions, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .audit_filter_options(&actor)
        .await)
}

#[tauri::command]
pub async fn verify_audit_chain(
    shell: State<'_, Shell>,
) -> Result<ChainVerification, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .verify_audit_chain(&actor)
        .await)
}

/// Every desk's audit rows on the agency server; `None` on a desk of its own.
#[tauri::command]
pub async fn verify_agency_chain(
    shell: State<'_, Shell>,
) -> Result<Option<AgencyChainReport>, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .verify_agency_chain(&actor)
        .await)
}

#[tauri::command]
pub async fn export_audit_csv(
    req: AuditFilter,
    shell: State<'_, Shell>,
) -> Result<AuditExport, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .export_audit_csv(&actor, &req, &shell.export_dir())
        .await)
}
