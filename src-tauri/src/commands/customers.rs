use crate::command_error::CommandError;
use crate::shell::Shell;
use keydesk_api::{
    ArchiveCustomerRequest, AuditEntry, CreateCustomerRequest, CreateCustomerResponse, Customer,
    CustomerExport, CustomerIdRequest, CustomerInput, CustomerPage, CustomerQuery,
    EraseCustomerRequest, FieldProblem, LinkCustomerRequest, SetLinkNotesRequest,
    UpdateCustomerRequest,
};
use keydesk_core::domain::CustomerId;
use tauri::State;

/// Creates a customer and, unless the form says otherwise, their login.
#[tauri::command]
pub async fn create_customer(
    req: CreateCustomerRequest,
    shell: State<'_, Shell>,
) -> Result<CreateCustomerResponse, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .create_customer_with_login(&actor, req)
        .await
        .map(|created| CreateCustomerResponse {
            outcome: created.outcome,
            login: created.login.map(super::credentials::issued),
        }))
}

/// Links the customer behind a duplicate answer to the signed-in person (the answer's
/// single-use token names the customer).
#[tauri::command]
pub async fn link_customer_to_me(
    req: LinkCustomerRequest,
    shell: State<'_, Shell>,
) -> Result<Customer, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .link_customer_to_me(&actor, &req.link_token)
        .await)
}

#[tauri::command]
pub async fn get_customer(
    req: CustomerIdRequest,
    shell: State<'_, Shell>,
) -> Result<Customer, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .customer(&actor, CustomerId(req.customer_id))
        .await)
}

#[tauri::command]
pub async fn update_customer(
    req: UpdateCustomerRequest,
    shell: State<'_, Shell>,
) -> Result<Customer, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .update_customer(&actor, CustomerId(req.customer_id), req.version, req.input)
        .await)
}

#[tauri::command]
pub async fn set_customer_archived(
    req: ArchiveCustomerRequest,
    shell: State<'_, Shell>,
) -> Result<Customer, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .set_customer_archived(&actor, CustomerId(req.customer_id), req.archived)
        .await)
}

#[tauri::command]
pub async fn list_customers(
    req: CustomerQuery,
    shell: State<'_, Shell>,
) -> Result<CustomerPage, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .list_customers(&actor, &req)
        .await)
}

/// [`list_customers`], sent by the window on its own after a sync brought changes.
#[tauri::command]
pub async fn refresh_customers(
    req: CustomerQuery,
    shell: State<'_, Shell>,
) -> Result<CustomerPage, CommandError> {
    list_customers(req, shell).await
}

/// Checks a customer form without saving it, for errors shown while typing.
#[tauri::command]
pub async fn check_customer(
    req: CustomerInput,
    shell: State<'_, Shell>,
) -> Result<Vec<FieldProblem>, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .check_customer(&actor, &req)
        .await)
}

/// Erases a customer for good (owner only, confirmed by typing their email).
#[tauri::command]
pub async fn erase_customer(
    req: EraseCustomerRequest,
    shell: State<'_, Shell>,
) -> Result<(), CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .erase_customer(&actor, CustomerId(req.customer_id), &req.confirmation)
        .await)
}

/// Saves the filtered customer list as CSV in the Downloads folder.
#[tauri::command]
pub async fn export_customers_csv(
    req: CustomerQuery,
    shell: State<'_, Shell>,
) -> Result<CustomerExport, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .export_customers_csv(&actor, &req, &shell.export_dir())
        .await)
}

/// What happened to a customer, newest first.
#[tauri::command]
pub async fn customer_history(
    req: CustomerIdRequest,
    shell: State<'_, Shell>,
) -> Result<Vec<AuditEntry>, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .customer_history(&actor, CustomerId(req.customer_id))
        .await)
}

#[tauri::command]
pub async fn set_customer_link_notes(
    req: SetLinkNotesRequest,
    shell: State<'_, Shell>,
) -> Result<Customer, CommandError> {
    with_actor!(shell, |keydesk, actor| keydesk
        .set_customer_link_notes(
            &actor,
            CustomerId(req.customer_id),
            req.staff_id,
            &req.notes
        )
        .await)
}
