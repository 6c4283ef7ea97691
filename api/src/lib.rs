//! The language the Keydesk window and the shell speak over IPC.
//!
//! Only plain serde types live here, so the wasm front end and the native shell share
//! one definition of every request, response and error, and the way a [`Said`] message
//! is put into words. Nothing in this crate knows about SQL, crypto or tokio.

#[macro_use]
mod vocabulary;

mod account;
mod agency;
mod audit;
mod auth;
mod backup;
pub mod commands;
mod credentials;
mod customer;
mod customer_field;
mod customer_import;
mod database;
mod error;
mod funnel;
mod language;
mod mail;
mod permission;
mod portal;
mod recovery;
mod said;
mod settings;
mod staff;

pub use account::{ChangeDisplayNameRequest, ChangePasswordRequest, CopyRequest, UnlockRequest};
pub use agency::{
    AgencyDesk, AgencyServerInfo, AgencyServerView, DeskInvitationCode, DeskKeysRotated,
    DeskRevoked, ExposedLoginsReset, InviteDeskRequest, JoinAgencyRequest, JoinProgress, KeptField,
    MailTakenOver, NoticeCustomer, NoticeField, NoticeOutcome, PublishAgencyRequest, PublishReport,
    RefusalReason, ResetExposedLoginsRequest, RevokeDeskRequest, RotateDeskKeysRequest,
    SyncChanged, SyncNotice, SyncNoticeRequest, SyncState, SyncStatus, TakeOverMailRequest,
    JOIN_PROGRESS_EVENT, SYNC_CHANGED_EVENT,
};
pub use audit::{
    audit_action_message_id, AgencyChainReport, AuditActionOption, AuditEntry, AuditExport,
    AuditFilter, AuditFilterOptions, AuditPage, AuditPageRequest, ChainVerification, DeskChain,
};
pub use auth::{
    AppState, Calendar, CreateOwnerRequest, PasswordStrength, PasswordStrengthRequest, Role,
    SessionInfo, SignInRequest, StrengthBand, WindowPreferences,
};
pub use backup::{
    BackupFile, BackupFileRequest, BackupFolderRequest, BackupPassphraseRequest, BackupPreview,
    BackupProgress, BackupStatus, BACKUP_PROGRESS_EVENT,
};
pub use commands::CommandAccess;
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
    EraseCustomerRequest, FieldProblem, Gender, LinkedAgent, SetLinkNotesRequest, Tier,
    UpdateCustomerRequest,
};
pub use customer::{ExistingCustomer, LinkCustomerRequest, LinkToken};
pub use customer_field::{CustomerField, UnknownCustomerField};
pub use customer_import::{
    DuplicatePolicy, EncodingSource, ImportCheckRequest, ImportField, ImportFileRequest,
    ImportOutcome, ImportPreview, ImportProblem, ImportProgress, ImportReport, ImportRunRequest,
    TextEncoding, IMPORT_PROGRESS_EVENT,
};
pub use database::{EncryptionProgress, DATABASE_ENCRYPTION_PROGRESS_EVENT};
pub use error::{Error, ErrorCode};
pub use funnel::{
    ChannelCount, Funnel, FunnelCounts, FunnelPeriod, FunnelRequest, FunnelWeek, WaitingLogin,
    OLDEST_WAITING_SHOWN,
};
pub use language::{Catalogue, Language};
pub use mail::{
    Branding, CheckVerificationCodeRequest, MailKind, MailPreview, OutboxChanged, OutboxIdRequest,
    OutboxMail, OutboxPage, OutboxQuery, OutboxState, OutboxStatus, PreviewMailRequest,
    RetryMailRequest, SendHandoffMailRequest, SendWelcomeMailRequest, SmtpSecurity, SmtpSettings,
    SmtpSettingsForm, SmtpTestReport, DEFAULT_PERSONAL_MAILS_PER_HOUR, OUTBOX_CHANGED_EVENT,
};
pub use permission::Permission;
pub use portal::{
    ExportPortalAccountsRequest, IdentityProduct, ImportSignInsRequest, PortalAccountsExport,
    SignInImportReport, SignInProblem, SIGN_IN_PROBLEMS_SHOWN,
};
pub use recovery::{RecoveryKeyStatus, RecoveryKit, RecoveryOutcome, UseRecoveryKeyRequest};
pub use said::{Arg, Message, Said};
pub use settings::{GeneralSettings, SecuritySettings, Settings};
pub use staff::{
    AddStaffRequest, SetStaffRoleRequest, SetStaffStatusRequest, StaffIdRequest, StaffMember,
    StaffStatus, StaffWithTemporaryPassword,
};
pub use vocabulary::{UnknownValue, Vocabulary};
