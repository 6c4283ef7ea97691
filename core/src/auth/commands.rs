//! For every command the window can call, what access it needs. The shell's commands
//! and this table are walked together by the tests: a command without an entry here,
//! or with a check that does not match its entry, fails them.

use super::Permission;
use keydesk_api::commands::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandAccess {
    /// Before anyone signs in (start-up, first run, sign-in).
    Public,
    /// Any signed-in person, whatever their role.
    Session,
    /// A signed-in person whose role has this permission.
    Requires(Permission),
}

pub const COMMAND_ACCESS: &[(&str, CommandAccess)] = &[
    (APP_STATE, CommandAccess::Public),
    (PASSWORD_STRENGTH, CommandAccess::Public),
    (CREATE_OWNER, CommandAccess::Public),
    (SIGN_IN, CommandAccess::Public),
    (SIGN_OUT, CommandAccess::Session),
    (LOCK_SESSION, CommandAccess::Session),
    (UNLOCK_SESSION, CommandAccess::Session),
    (NOTE_ACTIVITY, CommandAccess::Session),
    (COPY_TO_CLIPBOARD, CommandAccess::Session),
    (
        CHANGE_OWN_PASSWORD,
        CommandAccess::Requires(Permission::ManageOwnAccount),
    ),
    (
        CHANGE_OWN_DISPLAY_NAME,
        CommandAccess::Requires(Permission::ManageOwnAccount),
    ),
    (AUDIT_PAGE, CommandAccess::Requires(Permission::ViewAudit)),
    (
        AUDIT_FILTER_OPTIONS,
        CommandAccess::Requires(Permission::ViewAudit),
    ),
    (
        VERIFY_AUDIT_CHAIN,
        CommandAccess::Requires(Permission::VerifyAuditChain),
    ),
    (
        EXPORT_AUDIT_CSV,
        CommandAccess::Requires(Permission::ExportAudit),
    ),
    (LIST_STAFF, CommandAccess::Requires(Permission::ViewStaff)),
    (ADD_STAFF, CommandAccess::Requires(Permission::AddStaff)),
    (
        SET_STAFF_ROLE,
        CommandAccess::Requires(Permission::ChangeStaffRole),
    ),
    (
        SET_STAFF_STATUS,
        CommandAccess::Requires(Permission::ChangeStaffStatus),
    ),
    (
        RESET_STAFF_PASSWORD,
        CommandAccess::Requires(Permission::ResetStaffPassword),
    ),
    (
        GET_SETTINGS,
        CommandAccess::Requires(Permission::ViewSettings),
    ),
    (
        SAVE_SECURITY_SETTINGS,
        CommandAccess::Requires(Permission::ChangeSecuritySettings),
    ),
    // Customers: agents only ever reach the customers linked to them (checked per row).
    (CREATE_CUSTOMER, CUSTOMERS),
    (LINK_CUSTOMER_TO_ME, CUSTOMERS),
    (GET_CUSTOMER, CUSTOMERS),
    (UPDATE_CUSTOMER, CUSTOMERS),
    (SET_CUSTOMER_ARCHIVED, CUSTOMERS),
    (LIST_CUSTOMERS, CUSTOMERS),
    (CHECK_CUSTOMER, CUSTOMERS),
    (
        ERASE_CUSTOMER,
        CommandAccess::Requires(Permission::EraseCustomer),
    ),
    (
        EXPORT_CUSTOMERS_CSV,
        CommandAccess::Requires(Permission::ExportCustomers),
    ),
    (CUSTOMER_HISTORY, CUSTOMERS),
    (SET_CUSTOMER_LINK_NOTES, CUSTOMERS),
    (
        SAVE_GENERAL_SETTINGS,
        CommandAccess::Requires(Permission::ChangeGeneralSettings),
    ),
    (CHOOSE_IMPORT_FILE, IMPORT),
    (PREVIEW_CUSTOMER_IMPORT, IMPORT),
    (CHECK_CUSTOMER_IMPORT, IMPORT),
    (RUN_CUSTOMER_IMPORT, IMPORT),
    (CANCEL_CUSTOMER_IMPORT, IMPORT),
    (GET_SMTP_SETTINGS, MAIL_SETTINGS),
    (
        SAVE_SMTP_SETTINGS,
        CommandAccess::Requires(Permission::ChangeMailServer),
    ),
    (TEST_SMTP_CONNECTION, MAIL_SETTINGS),
    (SEND_TEST_MAIL, MAIL_SETTINGS),
    (GET_BRANDING, MAIL_SETTINGS),
    (SAVE_BRANDING, MAIL_SETTINGS),
    (PREVIEW_MAIL, MAIL_SETTINGS),
    (LIST_OUTBOX, OUTBOX),
    (RETRY_MAIL, OUTBOX),
    (CANCEL_MAIL, OUTBOX),
    // Customer mails: agents reach only the customers linked to them (checked per row).
    (OUTBOX_STATUS, CUSTOMER_MAIL),
    (CUSTOMER_MAILS, CUSTOMER_MAIL),
    (SEND_WELCOME_MAIL, CUSTOMER_MAIL),
    (SEND_VERIFICATION_CODE, CUSTOMER_MAIL),
    (CHECK_VERIFICATION_CODE, CUSTOMER_MAIL),
    (
        GET_CREDENTIAL_SETTINGS,
        CommandAccess::Requires(Permission::ViewSettings),
    ),
    (
        SAVE_CREDENTIAL_SETTINGS,
        CommandAccess::Requires(Permission::ChangeCredentialSettings),
    ),
    (
        PASSWORD_POLICY_ENTROPY,
        CommandAccess::Requires(Permission::ViewSettings),
    ),
    // The handoff queue: owners only.
    (LIST_PENDING_HANDOFFS, HANDOVER),
    (PENDING_HANDOFF_COUNT, HANDOVER),
    (REVEAL_HANDOFF_PASSWORD, HANDOVER),
    (COPY_HANDOFF_USERNAME, HANDOVER),
    (COPY_HANDOFF_PASSWORD, HANDOVER),
    (MARK_HANDOFF_SENT, HANDOVER),
    (REVOKE_HANDOFF, HANDOVER),
    (HANDOFF_HISTORY, HANDOVER),
    (SEND_HANDOFF_BY_MAIL, HANDOVER),
    (
        RESET_CUSTOMER_PASSWORD,
        CommandAccess::Requires(Permission::ResetCustomerPassword),
    ),
    (GENERATE_LOGINS, BULK_LOGINS),
    (CANCEL_GENERATE_LOGINS, BULK_LOGINS),
    // The creator of a customer who was shown its password once (checked per handoff).
    (MARK_NEW_LOGIN_SENT, CUSTOMERS),
];

const CUSTOMERS: CommandAccess = CommandAccess::Requires(Permission::CreateCustomer);
const IMPORT: CommandAccess = CommandAccess::Requires(Permission::ImportCustomers);
const MAIL_SETTINGS: CommandAccess = CommandAccess::Requires(Permission::ManageMailSettings);
const OUTBOX: CommandAccess = CommandAccess::Requires(Permission::ManageOutbox);
const CUSTOMER_MAIL: CommandAccess = CommandAccess::Requires(Permission::SendCustomerMail);
const HANDOVER: CommandAccess = CommandAccess::Requires(Permission::HandOverCredentials);
const BULK_LOGINS: CommandAccess = CommandAccess::Requires(Permission::GenerateCustomerLogins);

pub fn access_of(command: &str) -> Option<CommandAccess> {
    COMMAND_ACCESS
        .iter()
        .find(|(name, _)| *name == command)
        .map(|(_, access)| *access)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_exactly_one_entry() {
        for command in ALL {
            let entries = COMMAND_ACCESS
                .iter()
                .filter(|(name, _)| name == command)
                .count();
            assert_eq!(entries, 1, "{command} needs one entry in COMMAND_ACCESS");
        }
        assert_eq!(COMMAND_ACCESS.len(), ALL.len(), "an entry names no command");
    }
}
