/// Everything the audit log can record. The stored name is stable; the label is what
/// a person reads in the audit viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    DatabaseCreated,
    VaultKeyCreated,
    OwnerCreated,
    SignInSucceeded,
    SignInFailed,
    SignInRefusedLocked,
    AccountLocked,
    SignedOut,
    SessionLocked,
    SessionUnlocked,
    StaffAdded,
    StaffRoleChanged,
    StaffDisabled,
    StaffEnabled,
    StaffPasswordReset,
    PasswordChanged,
    PasswordChangeFailed,
    DisplayNameChanged,
    SettingsChanged,
    AuditChainVerified,
    AuditExported,
    CustomerCreated,
    CustomerLinked,
    CustomerEdited,
    CustomerArchived,
    CustomerRestored,
    CustomerErased,
    CustomersExported,
    PortalAccountsExported,
    PortalSignInsImported,
    CustomersImported,
    MailQueued,
    MailSent,
    MailFailed,
    MailCancelled,
    MailRetried,
    TestMailSent,
    EmailVerified,
    PortalPasswordChanged,
    VerificationCodeRefused,
    CredentialsIssued,
    CustomerPasswordReset,
    LoginsGenerated,
    HandoffShownToCreator,
    HandoffRevealed,
    HandoffUsernameCopied,
    HandoffPasswordCopied,
    HandoffSent,
    HandoffRevoked,
    HandoffExpired,
    HandoffDecryptFailed,
    MailServerTested,
    RecoveryKeyCreated,
    RecoveryKeyUsed,
    RecoveryKeyRemoved,
    PendingLoginsShared,
    DeskKeysRotated,
    PendingLoginsResealed,
    BackupPassphraseSet,
    BackupFolderChanged,
    BackupMade,
    BackupFailed,
    BackupRestored,
    AgencyServerJoined,
    AgencyDeskInvited,
    AgencyDeskRevoked,
    AgencyChangesApplied,
}

impl AuditAction {
    pub const ALL: [AuditAction; 67] = [
        AuditAction::DatabaseCreated,
        AuditAction::VaultKeyCreated,
        AuditAction::OwnerCreated,
        AuditAction::SignInSucceeded,
        AuditAction::SignInFailed,
        AuditAction::SignInRefusedLocked,
        AuditAction::AccountLocked,
        AuditAction::SignedOut,
        AuditAction::SessionLocked,
        AuditAction::SessionUnlocked,
        AuditAction::StaffAdded,
        AuditAction::StaffRoleChanged,
        AuditAction::StaffDisabled,
        AuditAction::StaffEnabled,
        AuditAction::StaffPasswordReset,
        AuditAction::PasswordChanged,
        AuditAction::PasswordChangeFailed,
        AuditAction::DisplayNameChanged,
        AuditAction::SettingsChanged,
        AuditAction::AuditChainVerified,
        AuditAction::AuditExported,
        AuditAction::CustomerCreated,
        AuditAction::CustomerLinked,
        AuditAction::CustomerEdited,
        AuditAction::CustomerArchived,
        AuditAction::CustomerRestored,
        AuditAction::CustomerErased,
        AuditAction::CustomersExported,
        AuditAction::PortalAccountsExported,
        AuditAction::PortalSignInsImported,
        AuditAction::CustomersImported,
        AuditAction::MailQueued,
        AuditAction::MailSent,
        AuditAction::MailFailed,
        AuditAction::MailCancelled,
        AuditAction::MailRetried,
        AuditAction::TestMailSent,
        AuditAction::EmailVerified,
        AuditAction::PortalPasswordChanged,
        AuditAction::VerificationCodeRefused,
        AuditAction::CredentialsIssued,
        AuditAction::CustomerPasswordReset,
        AuditAction::LoginsGenerated,
        AuditAction::HandoffShownToCreator,
        AuditAction::HandoffRevealed,
        AuditAction::HandoffUsernameCopied,
        AuditAction::HandoffPasswordCopied,
        AuditAction::HandoffSent,
        AuditAction::HandoffRevoked,
        AuditAction::HandoffExpired,
        AuditAction::HandoffDecryptFailed,
        AuditAction::MailServerTested,
        AuditAction::RecoveryKeyCreated,
        AuditAction::RecoveryKeyUsed,
        AuditAction::RecoveryKeyRemoved,
        AuditAction::PendingLoginsShared,
        AuditAction::DeskKeysRotated,
        AuditAction::PendingLoginsResealed,
        AuditAction::BackupPassphraseSet,
        AuditAction::BackupFolderChanged,
        AuditAction::BackupMade,
        AuditAction::BackupFailed,
        AuditAction::BackupRestored,
        AuditAction::AgencyServerJoined,
        AuditAction::AgencyDeskInvited,
        AuditAction::AgencyDeskRevoked,
        AuditAction::AgencyChangesApplied,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::DatabaseCreated => "database.created",
            AuditAction::VaultKeyCreated => "vault_key.created",
            AuditAction::OwnerCreated => "owner.created",
            AuditAction::SignInSucceeded => "sign_in.ok",
            AuditAction::SignInFailed => "sign_in.failed",
            AuditAction::SignInRefusedLocked => "sign_in.refused_locked",
            AuditAction::AccountLocked => "account.locked",
            AuditAction::SignedOut => "sign_out",
            AuditAction::SessionLocked => "session.locked",
            AuditAction::SessionUnlocked => "session.unlocked",
            AuditAction::StaffAdded => "staff.added",
            AuditAction::StaffRoleChanged => "staff.role_changed",
            AuditAction::StaffDisabled => "staff.disabled",
            AuditAction::StaffEnabled => "staff.enabled",
            AuditAction::StaffPasswordReset => "staff.password_reset",
            AuditAction::PasswordChanged => "account.password_changed",
            AuditAction::PasswordChangeFailed => "account.password_change_failed",
            AuditAction::DisplayNameChanged => "account.name_changed",
            AuditAction::SettingsChanged => "settings.changed",
            AuditAction::AuditChainVerified => "audit.verified",
            AuditAction::AuditExported => "audit.exported",
            AuditAction::CustomerCreated => "customer.created",
            AuditAction::CustomerLinked => "customer.linked",
            AuditAction::CustomerEdited => "customer.edited",
            AuditAction::CustomerArchived => "customer.archived",
            AuditAction::CustomerRestored => "customer.restored",
            AuditAction::CustomerErased => "customer.erased",
            AuditAction::CustomersExported => "customers.exported",
            AuditAction::PortalAccountsExported => "portal.accounts_exported",
            AuditAction::PortalSignInsImported => "portal.sign_ins_imported",
            AuditAction::CustomersImported => "customers.imported",
            AuditAction::MailQueued => "mail.queued",
            AuditAction::MailSent => "mail.sent",
            AuditAction::MailFailed => "mail.failed",
            AuditAction::MailCancelled => "mail.cancelled",
            AuditAction::MailRetried => "mail.retried",
            AuditAction::TestMailSent => "mail.test_sent",
            AuditAction::EmailVerified => "customer.email_verified",
            AuditAction::PortalPasswordChanged => "customer.portal_password_changed",
            AuditAction::VerificationCodeRefused => "customer.verification_refused",
            AuditAction::CredentialsIssued => "credentials.issued",
            AuditAction::CustomerPasswordReset => "credentials.reset",
            AuditAction::LoginsGenerated => "credentials.bulk_generated",
            AuditAction::HandoffShownToCreator => "handoff.shown_to_creator",
            AuditAction::HandoffRevealed => "handoff.revealed",
            AuditAction::HandoffUsernameCopied => "handoff.username_copied",
            AuditAction::HandoffPasswordCopied => "handoff.password_copied",
            AuditAction::HandoffSent => "handoff.sent",
            AuditAction::HandoffRevoked => "handoff.revoked",
            AuditAction::HandoffExpired => "handoff.expired",
            AuditAction::HandoffDecryptFailed => "handoff.decrypt_failed",
            AuditAction::MailServerTested => "mail.server_tested",
            AuditAction::RecoveryKeyCreated => "recovery_key.created",
            AuditAction::RecoveryKeyUsed => "recovery_key.used",
            AuditAction::RecoveryKeyRemoved => "recovery_key.removed",
            AuditAction::PendingLoginsShared => "handoff.keys_shared",
            AuditAction::DeskKeysRotated => "agency.keys_rotated",
            AuditAction::PendingLoginsResealed => "handoff.keys_resealed",
            AuditAction::BackupPassphraseSet => "backup.passphrase_set",
            AuditAction::BackupFolderChanged => "backup.folder_changed",
            AuditAction::BackupMade => "backup.made",
            AuditAction::BackupFailed => "backup.failed",
            AuditAction::BackupRestored => "backup.restored",
            AuditAction::AgencyServerJoined => "agency.joined",
            AuditAction::AgencyDeskInvited => "agency.desk_invited",
            AuditAction::AgencyDeskRevoked => "agency.desk_revoked",
            AuditAction::AgencyChangesApplied => "agency.changes_applied",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AuditAction::DatabaseCreated => "Database created",
            AuditAction::VaultKeyCreated => "Vault key created",
            AuditAction::OwnerCreated => "Owner account created",
            AuditAction::SignInSucceeded => "Signed in",
            AuditAction::SignInFailed => "Sign-in failed",
            AuditAction::SignInRefusedLocked => "Sign-in refused (locked)",
            AuditAction::AccountLocked => "Account locked",
            AuditAction::SignedOut => "Signed out",
            AuditAction::SessionLocked => "Window locked",
            AuditAction::SessionUnlocked => "Window unlocked",
            AuditAction::StaffAdded => "Staff member added",
            AuditAction::StaffRoleChanged => "Role changed",
            AuditAction::StaffDisabled => "Staff member disabled",
            AuditAction::StaffEnabled => "Staff member enabled",
            AuditAction::StaffPasswordReset => "Password reset",
            AuditAction::PasswordChanged => "Password changed",
            AuditAction::PasswordChangeFailed => "Password change failed",
            AuditAction::DisplayNameChanged => "Name changed",
            AuditAction::SettingsChanged => "Settings changed",
            AuditAction::AuditChainVerified => "Audit chain verified",
            AuditAction::AuditExported => "Audit log exported",
            AuditAction::CustomerCreated => "Customer created",
            AuditAction::CustomerLinked => "Customer linked",
            AuditAction::CustomerEdited => "Customer edited",
            AuditAction::CustomerArchived => "Customer archived",
            AuditAction::CustomerRestored => "Customer restored",
            AuditAction::CustomerErased => "Customer erased",
            AuditAction::CustomersExported => "Customers exported",
            AuditAction::PortalAccountsExported => "Portal accounts exported",
            AuditAction::PortalSignInsImported => "Portal sign-ins imported",
            AuditAction::CustomersImported => "Customers imported",
            AuditAction::MailQueued => "Mail queued",
            AuditAction::MailSent => "Mail sent",
            AuditAction::MailFailed => "Mail failed",
            AuditAction::MailCancelled => "Mail cancelled",
            AuditAction::MailRetried => "Mail retried",
            AuditAction::TestMailSent => "Test mail sent",
            AuditAction::EmailVerified => "Email verified",
            AuditAction::PortalPasswordChanged => "Password changed on the portal",
            AuditAction::VerificationCodeRefused => "Verification code refused",
            AuditAction::CredentialsIssued => "Login generated",
            AuditAction::CustomerPasswordReset => "Customer password reset",
            AuditAction::LoginsGenerated => "Logins generated for several customers",
            AuditAction::HandoffShownToCreator => "Password shown once to its creator",
            AuditAction::HandoffRevealed => "Password revealed",
            AuditAction::HandoffUsernameCopied => "Username copied",
            AuditAction::HandoffPasswordCopied => "Password copied",
            AuditAction::HandoffSent => "Credentials handed over",
            AuditAction::HandoffRevoked => "Handoff revoked",
            AuditAction::HandoffExpired => "Handoff expired",
            AuditAction::HandoffDecryptFailed => "Sealed password could not be decrypted",
            AuditAction::MailServerTested => "Mail server tested",
            AuditAction::RecoveryKeyCreated => "Recovery key created",
            AuditAction::RecoveryKeyUsed => "Recovery key used",
            AuditAction::RecoveryKeyRemoved => "Recovery key removed",
            AuditAction::PendingLoginsShared => "Pending logins shared with owners",
            AuditAction::DeskKeysRotated => "This desk's keys rotated",
            AuditAction::PendingLoginsResealed => "Pending logins re-sealed to owner keys",
            AuditAction::BackupPassphraseSet => "Backup passphrase set",
            AuditAction::BackupFolderChanged => "Backup folder changed",
            AuditAction::BackupMade => "Backup made",
            AuditAction::BackupFailed => "Backup failed",
            AuditAction::BackupRestored => "Database restored from a backup",
            AuditAction::AgencyServerJoined => "Desk joined the agency server",
            AuditAction::AgencyDeskInvited => "Desk invited to the agency server",
            AuditAction::AgencyDeskRevoked => "Desk revoked from the agency server",
            AuditAction::AgencyChangesApplied => "Changes from other desks applied",
        }
    }

    /// The label for a stored name; unknown names (from a newer version) show as stored.
    pub fn label_of(stored: &str) -> String {
        Self::ALL
            .iter()
            .find(|a| a.as_str() == stored)
            .map_or_else(|| stored.to_owned(), |a| a.label().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn stored_names_are_unique_and_round_trip_to_labels() {
        let names: HashSet<_> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(names.len(), AuditAction::ALL.len());
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::label_of(action.as_str()), action.label());
        }
        assert_eq!(AuditAction::label_of("future.thing"), "future.thing");
    }

    /// The window names each action from its catalogue (`audit-action-<stored name>`):
    /// every action has a message in every language, and the English one is its label.
    #[test]
    fn every_action_is_named_in_the_windows_catalogue() {
        use fluent_bundle::{FluentBundle, FluentResource};
        use keydesk_api::{Catalogue, Language};
        for language in Language::ALL {
            let mut bundle = FluentBundle::new(vec![language.as_str().parse().unwrap()]);
            bundle.set_use_isolating(false);
            let source = language.catalogue(Catalogue::Window).to_owned();
            bundle
                .add_resource(FluentResource::try_new(source).unwrap())
                .unwrap();
            for action in AuditAction::ALL {
                let id = keydesk_api::audit_action_message_id(action.as_str());
                let message = bundle
                    .get_message(&id)
                    .and_then(|m| m.value())
                    .unwrap_or_else(|| panic!("{id} is not in the {language:?} window catalogue"));
                if language == Language::En {
                    let said = bundle.format_pattern(message, None, &mut Vec::new());
                    assert_eq!(said, action.label(), "{id}");
                }
            }
        }
    }
}
