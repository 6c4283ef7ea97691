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
}

impl AuditAction {
    pub const ALL: [AuditAction; 39] = [
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
