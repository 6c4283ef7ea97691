//! The language the Keydesk window and the shell speak over IPC.
//!
//! Only plain serde types live here, so the wasm front end and the native shell share
//! one definition of every request, response and error. Nothing in this crate knows
//! about SQL, crypto or tokio.

#[macro_use]
mod vocabulary;

mod account;
mod audit;
mod auth;
mod credentials;
mod customer;
mod customer_import;
mod error;
mod mail;
mod permission;
mod settings;
mod staff;

pub use account::{ChangeDisplayNameRequest, ChangePasswordRequest, CopyRequest, UnlockRequest};
pub use audit::{
    AuditActionOption, AuditEntry, AuditExport, AuditFilter, AuditFilterOptions, AuditPage,
    AuditPageRequest, ChainVerification,
};
pub use auth::{
    AppState, CreateOwnerRequest, PasswordStrength, PasswordStrengthRequest, Role, SessionInfo,
    SignInRequest, StrengthBand,
};
pub use credentials::{
    ClipboardCopy, CreateCustomerRequest, CreateCustomerResponse, CredentialSettings,
    CredentialSettingsView, EntropyBand, GenerateLoginsOutcome, GenerateLoginsProgress,
    GenerateLoginsRequest, HandoffChannel, HandoffCount, HandoffHistoryPage, HandoffHistoryRequest,
    HandoffIdRequest, HandoffReason, HandoffRecord, HandoffState, IssuedLogin,
    MarkHandoffSentRequest, PasswordPolicySettings, PendingHandoff, PolicyEntropy,
    RevealedPassword, CLIPBOARD_CLEARED_EVENT, GENERATE_LOGINS_PROGRESS_EVENT,
    HANDOFFS_CHANGED_EVENT, REVEAL_HIDE_AFTER_SECONDS,
};
pub use customer::{
    ArchiveCustomerRequest, ContactMethod, CreateCustomerOutcome, CredentialsState, Customer,
    CustomerAccount, CustomerCursor, CustomerExport, CustomerIdRequest, CustomerInput,
    CustomerPage, CustomerQuery, CustomerSort, CustomerStatus, CustomerSummary,
    EraseCustomerRequest, FieldProblem, LinkedAgent, SetLinkNotesRequest, Tier,
    UpdateCustomerRequest,
};
pub use customer::{ExistingCustomer, LinkCustomerRequest, LinkToken};
pub use customer_import::{
    DuplicatePolicy, ImportCheckRequest, ImportField, ImportFileRequest, ImportOutcome,
    ImportPreview, ImportProblem, ImportProgress, ImportReport, ImportRunRequest,
    IMPORT_PROGRESS_EVENT,
};
pub use error::{Error, ErrorCode};
pub use mail::{
    Branding, CheckVerificationCodeRequest, MailKind, MailPreview, OutboxChanged, OutboxIdRequest,
    OutboxMail, OutboxPage, OutboxQuery, OutboxState, OutboxStatus, PreviewMailRequest,
    RetryMailRequest, SendHandoffMailRequest, SendWelcomeMailRequest, SmtpSecurity, SmtpSettings,
    SmtpSettingsForm, SmtpTestReport, DEFAULT_PERSONAL_MAILS_PER_HOUR, OUTBOX_CHANGED_EVENT,
};
pub use permission::Permission;
pub use settings::{GeneralSettings, SecuritySettings, Settings};
pub use staff::{
    AddStaffRequest, SetStaffRoleRequest, SetStaffStatusRequest, StaffIdRequest, StaffMember,
    StaffStatus, StaffWithTemporaryPassword,
};
pub use vocabulary::UnknownValue;

/// Names of the shell commands, so the window cannot misspell one.
pub mod commands {
    pub const APP_STATE: &str = "app_state";
    pub const PASSWORD_STRENGTH: &str = "password_strength";
    pub const CREATE_OWNER: &str = "create_owner";
    pub const SIGN_IN: &str = "sign_in";
    pub const SIGN_OUT: &str = "sign_out";
    pub const AUDIT_PAGE: &str = "audit_page";
    pub const VERIFY_AUDIT_CHAIN: &str = "verify_audit_chain";
    pub const AUDIT_FILTER_OPTIONS: &str = "audit_filter_options";
    pub const EXPORT_AUDIT_CSV: &str = "export_audit_csv";
    pub const LOCK_SESSION: &str = "lock_session";
    pub const UNLOCK_SESSION: &str = "unlock_session";
    /// The window saw the person at work; keeps the shell's idle lock in step with it.
    pub const NOTE_ACTIVITY: &str = "note_activity";
    pub const CHANGE_OWN_PASSWORD: &str = "change_own_password";
    pub const CHANGE_OWN_DISPLAY_NAME: &str = "change_own_display_name";
    pub const LIST_STAFF: &str = "list_staff";
    pub const ADD_STAFF: &str = "add_staff";
    pub const SET_STAFF_ROLE: &str = "set_staff_role";
    pub const SET_STAFF_STATUS: &str = "set_staff_status";
    pub const RESET_STAFF_PASSWORD: &str = "reset_staff_password";
    pub const GET_SETTINGS: &str = "get_settings";
    pub const SAVE_SECURITY_SETTINGS: &str = "save_security_settings";
    pub const COPY_TO_CLIPBOARD: &str = "copy_to_clipboard";
    pub const CREATE_CUSTOMER: &str = "create_customer";
    pub const LINK_CUSTOMER_TO_ME: &str = "link_customer_to_me";
    pub const GET_CUSTOMER: &str = "get_customer";
    pub const UPDATE_CUSTOMER: &str = "update_customer";
    pub const SET_CUSTOMER_ARCHIVED: &str = "set_customer_archived";
    pub const LIST_CUSTOMERS: &str = "list_customers";
    pub const CHECK_CUSTOMER: &str = "check_customer";
    pub const ERASE_CUSTOMER: &str = "erase_customer";
    pub const EXPORT_CUSTOMERS_CSV: &str = "export_customers_csv";
    pub const CUSTOMER_HISTORY: &str = "customer_history";
    pub const CHOOSE_IMPORT_FILE: &str = "choose_import_file";
    pub const PREVIEW_CUSTOMER_IMPORT: &str = "preview_customer_import";
    pub const CHECK_CUSTOMER_IMPORT: &str = "check_customer_import";
    pub const RUN_CUSTOMER_IMPORT: &str = "run_customer_import";
    pub const CANCEL_CUSTOMER_IMPORT: &str = "cancel_customer_import";
    pub const SET_CUSTOMER_LINK_NOTES: &str = "set_customer_link_notes";
    pub const SAVE_GENERAL_SETTINGS: &str = "save_general_settings";
    pub const GET_SMTP_SETTINGS: &str = "get_smtp_settings";
    pub const SAVE_SMTP_SETTINGS: &str = "save_smtp_settings";
    pub const TEST_SMTP_CONNECTION: &str = "test_smtp_connection";
    pub const SEND_TEST_MAIL: &str = "send_test_mail";
    pub const GET_BRANDING: &str = "get_branding";
    pub const SAVE_BRANDING: &str = "save_branding";
    pub const PREVIEW_MAIL: &str = "preview_mail";
    pub const LIST_OUTBOX: &str = "list_outbox";
    pub const RETRY_MAIL: &str = "retry_mail";
    pub const CANCEL_MAIL: &str = "cancel_mail";
    pub const OUTBOX_STATUS: &str = "outbox_status";
    pub const CUSTOMER_MAILS: &str = "customer_mails";
    pub const SEND_WELCOME_MAIL: &str = "send_welcome_mail";
    pub const SEND_HANDOFF_BY_MAIL: &str = "send_handoff_by_mail";
    pub const SEND_VERIFICATION_CODE: &str = "send_verification_code";
    pub const CHECK_VERIFICATION_CODE: &str = "check_verification_code";
    pub const GET_CREDENTIAL_SETTINGS: &str = "get_credential_settings";
    pub const SAVE_CREDENTIAL_SETTINGS: &str = "save_credential_settings";
    pub const PASSWORD_POLICY_ENTROPY: &str = "password_policy_entropy";
    pub const LIST_PENDING_HANDOFFS: &str = "list_pending_handoffs";
    pub const PENDING_HANDOFF_COUNT: &str = "pending_handoff_count";
    pub const REVEAL_HANDOFF_PASSWORD: &str = "reveal_handoff_password";
    pub const COPY_HANDOFF_USERNAME: &str = "copy_handoff_username";
    pub const COPY_HANDOFF_PASSWORD: &str = "copy_handoff_password";
    pub const MARK_HANDOFF_SENT: &str = "mark_handoff_sent";
    pub const REVOKE_HANDOFF: &str = "revoke_handoff";
    pub const HANDOFF_HISTORY: &str = "handoff_history";
    pub const RESET_CUSTOMER_PASSWORD: &str = "reset_customer_password";
    pub const GENERATE_LOGINS: &str = "generate_logins";
    pub const CANCEL_GENERATE_LOGINS: &str = "cancel_generate_logins";
    pub const MARK_NEW_LOGIN_SENT: &str = "mark_new_login_sent";

    /// Every command the window can call, for checks that walk them all.
    pub const ALL: &[&str] = &[
        APP_STATE,
        PASSWORD_STRENGTH,
        CREATE_OWNER,
        SIGN_IN,
        SIGN_OUT,
        AUDIT_PAGE,
        VERIFY_AUDIT_CHAIN,
        AUDIT_FILTER_OPTIONS,
        EXPORT_AUDIT_CSV,
        LOCK_SESSION,
        UNLOCK_SESSION,
        NOTE_ACTIVITY,
        CHANGE_OWN_PASSWORD,
        CHANGE_OWN_DISPLAY_NAME,
        LIST_STAFF,
        ADD_STAFF,
        SET_STAFF_ROLE,
        SET_STAFF_STATUS,
        RESET_STAFF_PASSWORD,
        GET_SETTINGS,
        SAVE_SECURITY_SETTINGS,
        COPY_TO_CLIPBOARD,
        CREATE_CUSTOMER,
        LINK_CUSTOMER_TO_ME,
        GET_CUSTOMER,
        UPDATE_CUSTOMER,
        SET_CUSTOMER_ARCHIVED,
        LIST_CUSTOMERS,
        CHECK_CUSTOMER,
        ERASE_CUSTOMER,
        EXPORT_CUSTOMERS_CSV,
        CUSTOMER_HISTORY,
        CHOOSE_IMPORT_FILE,
        PREVIEW_CUSTOMER_IMPORT,
        CHECK_CUSTOMER_IMPORT,
        RUN_CUSTOMER_IMPORT,
        CANCEL_CUSTOMER_IMPORT,
        SET_CUSTOMER_LINK_NOTES,
        SAVE_GENERAL_SETTINGS,
        GET_SMTP_SETTINGS,
        SAVE_SMTP_SETTINGS,
        TEST_SMTP_CONNECTION,
        SEND_TEST_MAIL,
        GET_BRANDING,
        SAVE_BRANDING,
        PREVIEW_MAIL,
        LIST_OUTBOX,
        RETRY_MAIL,
        CANCEL_MAIL,
        OUTBOX_STATUS,
        CUSTOMER_MAILS,
        SEND_WELCOME_MAIL,
        SEND_HANDOFF_BY_MAIL,
        SEND_VERIFICATION_CODE,
        CHECK_VERIFICATION_CODE,
        GET_CREDENTIAL_SETTINGS,
        SAVE_CREDENTIAL_SETTINGS,
        PASSWORD_POLICY_ENTROPY,
        LIST_PENDING_HANDOFFS,
        PENDING_HANDOFF_COUNT,
        REVEAL_HANDOFF_PASSWORD,
        COPY_HANDOFF_USERNAME,
        COPY_HANDOFF_PASSWORD,
        MARK_HANDOFF_SENT,
        REVOKE_HANDOFF,
        HANDOFF_HISTORY,
        RESET_CUSTOMER_PASSWORD,
        GENERATE_LOGINS,
        CANCEL_GENERATE_LOGINS,
        MARK_NEW_LOGIN_SENT,
    ];
}
