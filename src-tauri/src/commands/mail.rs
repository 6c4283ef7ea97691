//! Mail: SMTP settings and tests, branding and previews, the outbox, customer mails.

use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{
    Branding, CheckVerificationCodeRequest, CustomerIdRequest, MailPreview, OutboxIdRequest,
    OutboxMail, OutboxPage, OutboxQuery, OutboxStatus, PreviewMailRequest, RetryMailRequest,
    SendHandoffMailRequest, SendWelcomeMailRequest, SmtpSettings, SmtpSettingsForm, SmtpTestReport,
};
use keydesk_core::domain::{CustomerId, HandoffId, OutboxId};
use tauri::State;

#[tauri::command]
pub async fn get_smtp_settings(shell: State<'_, Shell>) -> Result<SmtpSettings, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk.smtp_settings(&actor).await)
}

#[tauri::command]
pub async fn save_smtp_settings(
    req: SmtpSettingsForm,
    shell: State<'_, Shell>,
) -> Result<SmtpSettings, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .save_smtp_settings(&actor, req)
        .await)
}

/// Tests the form as it is on screen (saved or not).
#[tauri::command]
pub async fn test_smtp_connection(
    req: SmtpSettingsForm,
    shell: State<'_, Shell>,
) -> Result<SmtpTestReport, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .test_smtp_connection(&actor, &req)
        .await)
}

/// Sends a test mail to the signed-in person with the form as it is on screen.
#[tauri::command]
pub async fn send_test_mail(
    req: SmtpSettingsForm,
    shell: State<'_, Shell>,
) -> Result<SmtpTestReport, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .send_test_mail(&actor, &req)
        .await)
}

#[tauri::command]
pub async fn get_branding(shell: State<'_, Shell>) -> Result<Branding, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk.branding(&actor).await)
}

#[tauri::command]
pub async fn save_branding(
    req: Branding,
    shell: State<'_, Shell>,
) -> Result<Branding, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .save_branding(&actor, &req)
        .await)
}

#[tauri::command]
pub async fn preview_mail(
    req: PreviewMailRequest,
    shell: State<'_, Shell>,
) -> Result<MailPreview, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .preview_mail(&actor, &req)
        .await)
}

#[tauri::command]
pub async fn list_outbox(
    req: OutboxQuery,
    shell: State<'_, Shell>,
) -> Result<OutboxPage, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .outbox_page(&actor, &req)
        .await)
}

#[tauri::command]
pub async fn retry_mail(
    req: RetryMailRequest,
    shell: State<'_, Shell>,
) -> Result<OutboxStatus, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .retry_mail(&actor, req.id.map(OutboxId))
        .await)
}

#[tauri::command]
pub async fn cancel_mail(
    req: OutboxIdRequest,
    shell: State<'_, Shell>,
) -> Result<OutboxMail, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .cancel_mail(&actor, OutboxId(req.id))
        .await)
}

#[tauri::command]
pub async fn outbox_status(shell: State<'_, Shell>) -> Result<OutboxStatus, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk.outbox_status(&actor).await)
}

#[tauri::command]
pub async fn customer_mails(
    req: CustomerIdRequest,
    shell: State<'_, Shell>,
) -> Result<Vec<OutboxMail>, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .customer_mails(&actor, CustomerId(req.customer_id))
        .await)
}

#[tauri::command]
pub async fn send_welcome_mail(
    req: SendWelcomeMailRequest,
    shell: State<'_, Shell>,
) -> Result<OutboxMail, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .send_welcome_mail(&actor, CustomerId(req.customer_id), &req.welcome_message)
        .await)
}

/// Hands a pending login over by mail (owners).
#[tauri::command]
pub async fn send_handoff_by_mail(
    req: SendHandoffMailRequest,
    shell: State<'_, Shell>,
) -> Result<OutboxMail, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .send_handoff_by_mail_to(
            &actor,
            HandoffId(req.handoff_id),
            &req.welcome_message,
            req.recipient.as_deref()
        )
        .await)
}

#[tauri::command]
pub async fn send_verification_code(
    req: CustomerIdRequest,
    shell: State<'_, Shell>,
) -> Result<OutboxMail, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .send_verification_code(&actor, CustomerId(req.customer_id))
        .await)
}

/// Checks the code the customer read back; a wrong one is a field error on `code`.
#[tauri::command]
pub async fn check_verification_code(
    req: CheckVerificationCodeRequest,
    shell: State<'_, Shell>,
) -> Result<(), CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .check_verification_code(&actor, CustomerId(req.customer_id), &req.code)
        .await)
}
