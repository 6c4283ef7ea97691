//! The dashboard's funnel.

use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{Funnel, FunnelRequest};
use tauri::State;

/// Of the customers created in the period, how many got their login, verified their
/// email and signed in on the portal.
#[tauri::command]
pub async fn customer_funnel(
    req: FunnelRequest,
    shell: State<'_, Shell>,
) -> Result<Funnel, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .customer_funnel(&actor, req)
        .await)
}
