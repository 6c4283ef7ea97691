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
    CustomersImported,
    MailQueued,
    MailSent,
    MailFailed,
    MailCancelled,
    MailRetried,
    TestMailSent,
    EmailVerified,
    VerificationCodeRefused,
}

impl AuditAction {
    pub const ALL: [AuditAction; 37] = [
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
        AuditAction::CustomersImported,
        AuditAction::MailQueued,
        AuditAction::MailSent,
        AuditAction::MailFailed,
        AuditAction::MailCancelled,
        AuditAction::MailRetried,
        AuditAction::TestMailSent,
        AuditAction::EmailVerified,
        AuditAction::VerificationCodeRefused,
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
            AuditAction::CustomersImported => "customers.imported",
            AuditAction::MailQueued => "mail.queued",
            AuditAction::MailSent => "mail.sent",
            AuditAction::MailFailed => "mail.failed",
            AuditAction::MailCancelled => "mail.cancelled",
            AuditAction::MailRetried => "mail.retried",
            AuditAction::TestMailSent => "mail.test_sent",
            AuditAction::EmailVerified => "customer.email_verified",
            AuditAction::VerificationCodeRefused => "customer.verification_refused",
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
            AuditAction::CustomersImported => "Customers imported",
            AuditAction::MailQueued => "Mail queued",
            AuditAction::MailSent => "Mail sent",
            AuditAction::MailFailed => "Mail failed",
            AuditAction::MailCancelled => "Mail cancelled",
            AuditAction::MailRetried => "Mail retried",
            AuditAction::TestMailSent => "Test mail sent",
            AuditAction::EmailVerified => "Email verified",
            AuditAction::VerificationCodeRefused => "Verification code refused",
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
}
