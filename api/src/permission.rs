use serde::{Deserialize, Serialize};

/// Everything a signed-in person may or may not do. The core's permission table maps
/// each one to the roles allowed; the window receives the signed-in person's list only
/// to decide what to show (the core still checks every call).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// See the staff list.
    ViewStaff,
    /// Add a staff member (agent or admin).
    AddStaff,
    /// Change a member's role.
    ChangeStaffRole,
    /// Disable or re-enable a member.
    ChangeStaffStatus,
    /// Give a member a new temporary password.
    ResetStaffPassword,
    /// Read the audit log.
    ViewAudit,
    /// Recompute the audit hash chain.
    VerifyAuditChain,
    /// Save the audit log (filtered) as CSV.
    ExportAudit,
    /// See the settings.
    ViewSettings,
    /// Change the security settings (idle lock, lockout).
    ChangeSecuritySettings,
    /// Change one's own password and display name.
    ManageOwnAccount,
    /// Create customers (they are linked to their creator).
    CreateCustomer,
    /// See and edit every customer, not only those linked to oneself.
    SeeAllCustomers,
    /// Save the (filtered) customer list as CSV.
    ExportCustomers,
    /// Erase a customer's personal data for good.
    EraseCustomer,
    /// Import customers from a CSV file.
    ImportCustomers,
    /// Change the general settings (default phone region).
    ChangeGeneralSettings,
    /// See the SMTP server, test it (connection, test mail), and see and change the
    /// branding of mails.
    ManageMailSettings,
    /// See every mail in the outbox; retry or cancel them.
    ManageOutbox,
    /// Send welcome mails and verification codes to the customers one may see, follow
    /// their mails, and see how many mails are waiting.
    SendCustomerMail,
    /// Work the "credentials to hand over" queue: reveal, copy, mark as sent, revoke,
    /// and read the handoff history.
    HandOverCredentials,
    /// Give a customer a new password (queued for handover; the old one stops working).
    ResetCustomerPassword,
    /// Generate logins for many customers at once.
    GenerateCustomerLogins,
    /// Change the credential settings (password policy, expiry, clipboard).
    ChangeCredentialSettings,
    /// Save the SMTP server: where every mail, and the stored SMTP password, goes.
    ChangeMailServer,
    /// Set the backup passphrase and folder, back up, and restore a backup over the
    /// database (a backup holds everything, staff and their keys included).
    ManageBackups,
    /// Connect this desk to the agency's server and enrol other desks there.
    ManageAgencyServer,
    /// Write every portal account (with its password hash) for an identity product.
    ExportPortalAccounts,
    /// Record the portal's sign-ins from a file the portal wrote.
    ImportPortalSignIns,
}

impl Permission {
    pub const ALL: [Permission; 29] = [
        Permission::ViewStaff,
        Permission::AddStaff,
        Permission::ChangeStaffRole,
        Permission::ChangeStaffStatus,
        Permission::ResetStaffPassword,
        Permission::ViewAudit,
        Permission::VerifyAuditChain,
        Permission::ExportAudit,
        Permission::ViewSettings,
        Permission::ChangeSecuritySettings,
        Permission::ManageOwnAccount,
        Permission::CreateCustomer,
        Permission::SeeAllCustomers,
        Permission::ExportCustomers,
        Permission::EraseCustomer,
        Permission::ImportCustomers,
        Permission::ChangeGeneralSettings,
        Permission::ManageMailSettings,
        Permission::ManageOutbox,
        Permission::SendCustomerMail,
        Permission::HandOverCredentials,
        Permission::ResetCustomerPassword,
        Permission::GenerateCustomerLogins,
        Permission::ChangeCredentialSettings,
        Permission::ChangeMailServer,
        Permission::ManageBackups,
        Permission::ManageAgencyServer,
        Permission::ExportPortalAccounts,
        Permission::ImportPortalSignIns,
    ];
}
