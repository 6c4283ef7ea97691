//! Every command the window can call: its name, and what access it needs. One list, so
//! the window, the shell's handler list and the permission walk cannot disagree.

use crate::Permission;

/// What a command needs before it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandAccess {
    /// Before anyone signs in (start-up, first run, sign-in).
    Public,
    /// Any signed-in person, whatever their role.
    Session,
    /// A signed-in person whose role has this permission.
    Requires(Permission),
}

use CommandAccess::{Public, Requires, Session};

/// Declares each command's name constant, with [`ALL`] and [`ACCESS`] in the same order.
macro_rules! commands {
    (
        $(
            $(#[$meta:meta])*
            $name:ident = $text:literal => $access:expr
        ),+ $(,)?
    ) => {
        $(
            $(#[$meta])*
            pub const $name: &str = $text;
        )+

        /// Every command the window can call, for checks that walk them all.
        pub const ALL: &[&str] = &[$($name),+];

        /// Every command with the access it needs.
        pub const ACCESS: &[(&str, CommandAccess)] = &[$(($name, $access)),+];
    };
}

commands! {
    APP_STATE = "app_state" => Public,
    PASSWORD_STRENGTH = "password_strength" => Public,
    CREATE_OWNER = "create_owner" => Public,
    SIGN_IN = "sign_in" => Public,
    SIGN_OUT = "sign_out" => Session,
    AUDIT_PAGE = "audit_page" => Requires(Permission::ViewAudit),
    VERIFY_AUDIT_CHAIN = "verify_audit_chain" => Requires(Permission::VerifyAuditChain),
    /// Every desk's audit rows on the agency server, and the server's chain over them.
    VERIFY_AGENCY_CHAIN = "verify_agency_chain" => Requires(Permission::VerifyAuditChain),
    AUDIT_FILTER_OPTIONS = "audit_filter_options" => Requires(Permission::ViewAudit),
    EXPORT_AUDIT_CSV = "export_audit_csv" => Requires(Permission::ExportAudit),
    LOCK_SESSION = "lock_session" => Session,
    UNLOCK_SESSION = "unlock_session" => Session,
    /// The window saw the person at work; keeps the shell's idle lock in step with it.
    NOTE_ACTIVITY = "note_activity" => Session,
    CHANGE_OWN_PASSWORD = "change_own_password" => Requires(Permission::ManageOwnAccount),
    CHANGE_OWN_DISPLAY_NAME = "change_own_display_name" => Requires(Permission::ManageOwnAccount),
    SET_WINDOW_PREFERENCES = "set_window_preferences" => Session,
    LIST_STAFF = "list_staff" => Requires(Permission::ViewStaff),
    ADD_STAFF = "add_staff" => Requires(Permission::AddStaff),
    SET_STAFF_ROLE = "set_staff_role" => Requires(Permission::ChangeStaffRole),
    SET_STAFF_STATUS = "set_staff_status" => Requires(Permission::ChangeStaffStatus),
    RESET_STAFF_PASSWORD = "reset_staff_password" => Requires(Permission::ResetStaffPassword),
    GET_SETTINGS = "get_settings" => Requires(Permission::ViewSettings),
    SAVE_SECURITY_SETTINGS = "save_security_settings"
        => Requires(Permission::ChangeSecuritySettings),
    COPY_TO_CLIPBOARD = "copy_to_clipboard" => Session,
    // Customers: agents only ever reach the customers linked to them (checked per row).
    CREATE_CUSTOMER = "create_customer" => CUSTOMERS,
    LINK_CUSTOMER_TO_ME = "link_customer_to_me" => CUSTOMERS,
    GET_CUSTOMER = "get_customer" => CUSTOMERS,
    UPDATE_CUSTOMER = "update_customer" => CUSTOMERS,
    SET_CUSTOMER_ARCHIVED = "set_customer_archived" => CUSTOMERS,
    LIST_CUSTOMERS = "list_customers" => CUSTOMERS,
    /// The customer list read again because a sync brought other desks' changes: sent by
    /// the window on its own, so it does not count as the person's activity.
    REFRESH_CUSTOMERS = "refresh_customers" => CUSTOMERS,
    CHECK_CUSTOMER = "check_customer" => CUSTOMERS,
    ERASE_CUSTOMER = "erase_customer" => Requires(Permission::EraseCustomer),
    EXPORT_CUSTOMERS_CSV = "export_customers_csv" => Requires(Permission::ExportCustomers),
    // The customer portal without an agency server.
    EXPORT_PORTAL_ACCOUNTS = "export_portal_accounts"
        => Requires(Permission::ExportPortalAccounts),
    CHOOSE_SIGN_IN_FILE = "choose_sign_in_file" => Requires(Permission::ImportPortalSignIns),
    IMPORT_PORTAL_SIGN_INS = "import_portal_sign_ins" => Requires(Permission::ImportPortalSignIns),
    CUSTOMER_HISTORY = "customer_history" => CUSTOMERS,
    /// Agents get the funnel of their own customers; everyone's needs SeeAllCustomers.
    CUSTOMER_FUNNEL = "customer_funnel" => CUSTOMERS,
    CHOOSE_IMPORT_FILE = "choose_import_file" => IMPORT,
    PREVIEW_CUSTOMER_IMPORT = "preview_customer_import" => IMPORT,
    CHECK_CUSTOMER_IMPORT = "check_customer_import" => IMPORT,
    RUN_CUSTOMER_IMPORT = "run_customer_import" => IMPORT,
    CANCEL_CUSTOMER_IMPORT = "cancel_customer_import" => IMPORT,
    SET_CUSTOMER_LINK_NOTES = "set_customer_link_notes" => CUSTOMERS,
    SAVE_GENERAL_SETTINGS = "save_general_settings" => Requires(Permission::ChangeGeneralSettings),
    GET_SMTP_SETTINGS = "get_smtp_settings" => MAIL_SETTINGS,
    SAVE_SMTP_SETTINGS = "save_smtp_settings" => Requires(Permission::ChangeMailServer),
    TEST_SMTP_CONNECTION = "test_smtp_connection" => MAIL_SETTINGS,
    SEND_TEST_MAIL = "send_test_mail" => MAIL_SETTINGS,
    GET_BRANDING = "get_branding" => MAIL_SETTINGS,
    SAVE_BRANDING = "save_branding" => MAIL_SETTINGS,
    PREVIEW_MAIL = "preview_mail" => MAIL_SETTINGS,
    LIST_OUTBOX = "list_outbox" => OUTBOX,
    RETRY_MAIL = "retry_mail" => OUTBOX,
    CANCEL_MAIL = "cancel_mail" => OUTBOX,
    // Customer mails: agents reach only the customers linked to them (checked per row).
    OUTBOX_STATUS = "outbox_status" => CUSTOMER_MAIL,
    CUSTOMER_MAILS = "customer_mails" => CUSTOMER_MAIL,
    SEND_WELCOME_MAIL = "send_welcome_mail" => CUSTOMER_MAIL,
    SEND_HANDOFF_BY_MAIL = "send_handoff_by_mail" => HANDOVER,
    SEND_VERIFICATION_CODE = "send_verification_code" => CUSTOMER_MAIL,
    CHECK_VERIFICATION_CODE = "check_verification_code" => CUSTOMER_MAIL,
    GET_CREDENTIAL_SETTINGS = "get_credential_settings" => Requires(Permission::ViewSettings),
    SAVE_CREDENTIAL_SETTINGS = "save_credential_settings"
        => Requires(Permission::ChangeCredentialSettings),
    PASSWORD_POLICY_ENTROPY = "password_policy_entropy" => Requires(Permission::ViewSettings),
    // The handoff queue: owners only.
    LIST_PENDING_HANDOFFS = "list_pending_handoffs" => HANDOVER,
    PENDING_HANDOFF_COUNT = "pending_handoff_count" => HANDOVER,
    REVEAL_HANDOFF_PASSWORD = "reveal_handoff_password" => HANDOVER,
    COPY_HANDOFF_USERNAME = "copy_handoff_username" => HANDOVER,
    COPY_HANDOFF_PASSWORD = "copy_handoff_password" => HANDOVER,
    MARK_HANDOFF_SENT = "mark_handoff_sent" => HANDOVER,
    REVOKE_HANDOFF = "revoke_handoff" => HANDOVER,
    HANDOFF_HISTORY = "handoff_history" => HANDOVER,
    // The recovery kit opens every pending login: owners only, like the queue.
    RECOVERY_KEY_STATUS = "recovery_key_status" => HANDOVER,
    CREATE_RECOVERY_KEY = "create_recovery_key" => HANDOVER,
    USE_RECOVERY_KEY = "use_recovery_key" => HANDOVER,
    REMOVE_RECOVERY_KEY = "remove_recovery_key" => HANDOVER,
    RESET_CUSTOMER_PASSWORD = "reset_customer_password"
        => Requires(Permission::ResetCustomerPassword),
    GENERATE_LOGINS = "generate_logins" => BULK_LOGINS,
    CANCEL_GENERATE_LOGINS = "cancel_generate_logins" => BULK_LOGINS,
    // The creator of a customer who was shown its password once (checked per handoff).
    MARK_NEW_LOGIN_SENT = "mark_new_login_sent" => CUSTOMERS,
    // Backups hold everything: owners only.
    BACKUP_STATUS = "backup_status" => BACKUPS,
    SET_BACKUP_PASSPHRASE = "set_backup_passphrase" => BACKUPS,
    SET_BACKUP_FOLDER = "set_backup_folder" => BACKUPS,
    BACK_UP_NOW = "back_up_now" => BACKUPS,
    /// Also on the first-run screen, before anyone exists to sign in; the core allows
    /// it then, and otherwise only to a signed-in owner.
    PREVIEW_BACKUP = "preview_backup" => Public,
    /// Like [`PREVIEW_BACKUP`]: the first-run screen, or a signed-in owner.
    RESTORE_BACKUP = "restore_backup" => Public,
    // Several desks. Everyone sees where their desk stands and may ask it to sync now.
    SYNC_STATUS = "sync_status" => Session,
    SYNC_NOW = "sync_now" => Session,
    // The Sync inbox: notices about customers are shown only to who may see them.
    SYNC_NOTICES = "sync_notices" => CUSTOMERS,
    DISMISS_SYNC_NOTICE = "dismiss_sync_notice" => CUSTOMERS,
    APPLY_MINE = "apply_mine" => CUSTOMERS,
    AGENCY_SERVER = "agency_server" => AGENCY,
    PUBLISH_AGENCY_SERVER = "publish_agency_server" => AGENCY,
    INVITE_DESK = "invite_desk" => AGENCY,
    REVOKE_DESK = "revoke_desk" => AGENCY,
    RESET_EXPOSED_LOGINS = "reset_exposed_logins" => AGENCY,
    TAKE_OVER_MAIL = "take_over_mail" => AGENCY,
    ROTATE_DESK_KEYS = "rotate_desk_keys" => AGENCY,
    /// The first-run screen: the core allows it only on a desk with no staff yet.
    JOIN_AGENCY = "join_agency" => Public,
}

const CUSTOMERS: CommandAccess = Requires(Permission::CreateCustomer);
const IMPORT: CommandAccess = Requires(Permission::ImportCustomers);
const MAIL_SETTINGS: CommandAccess = Requires(Permission::ManageMailSettings);
const OUTBOX: CommandAccess = Requires(Permission::ManageOutbox);
const CUSTOMER_MAIL: CommandAccess = Requires(Permission::SendCustomerMail);
const HANDOVER: CommandAccess = Requires(Permission::HandOverCredentials);
const BULK_LOGINS: CommandAccess = Requires(Permission::GenerateCustomerLogins);
const BACKUPS: CommandAccess = Requires(Permission::ManageBackups);
const AGENCY: CommandAccess = Requires(Permission::ManageAgencyServer);

/// The access `command` needs; `None` for a name that is no command.
pub fn access_of(command: &str) -> Option<CommandAccess> {
    ACCESS
        .iter()
        .find(|(name, _)| *name == command)
        .map(|(_, access)| *access)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_one_name_and_one_access() {
        let mut names = ALL.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len(), "two commands share a name");
        assert_eq!(ACCESS.len(), ALL.len());
        for (command, (name, _)) in ALL.iter().zip(ACCESS) {
            assert_eq!(command, name);
        }
        assert_eq!(access_of(SIGN_IN), Some(Public));
        assert_eq!(access_of(NOTE_ACTIVITY), Some(Session));
        assert_eq!(
            access_of(ERASE_CUSTOMER),
            Some(Requires(Permission::EraseCustomer))
        );
        assert_eq!(access_of("no_such_command"), None);
    }
}
