//! Who may do what, written down once as data.

use crate::domain::Role;
pub use keydesk_api::Permission;

const OWNER_ADMIN: &[Role] = &[Role::Owner, Role::Admin];
const OWNER_ONLY: &[Role] = &[Role::Owner];
const EVERYONE: &[Role] = &[Role::Owner, Role::Admin, Role::Agent];

/// The permission table: for each action, the roles allowed to perform it. A few rules
/// also depend on whom the action targets (an admin cannot act on an owner, nobody can
/// remove the last owner); those live in the staff service, next to the data they need.
pub const PERMISSIONS: &[(Permission, &[Role])] = &[
    (Permission::ViewStaff, OWNER_ADMIN),
    (Permission::AddStaff, OWNER_ADMIN),
    (Permission::ChangeStaffRole, OWNER_ADMIN),
    (Permission::ChangeStaffStatus, OWNER_ADMIN),
    (Permission::ResetStaffPassword, OWNER_ADMIN),
    (Permission::ViewAudit, OWNER_ADMIN),
    (Permission::VerifyAuditChain, OWNER_ADMIN),
    (Permission::ExportAudit, OWNER_ADMIN),
    (Permission::ViewSettings, OWNER_ADMIN),
    (Permission::ChangeSecuritySettings, OWNER_ADMIN),
    (Permission::ManageOwnAccount, EVERYONE),
    (Permission::CreateCustomer, EVERYONE),
    (Permission::SeeAllCustomers, OWNER_ADMIN),
    (Permission::ExportCustomers, OWNER_ADMIN),
    (Permission::ImportCustomers, OWNER_ADMIN),
    (Permission::ChangeGeneralSettings, OWNER_ADMIN),
    (Permission::EraseCustomer, OWNER_ONLY),
    (Permission::ManageMailSettings, OWNER_ADMIN),
    // The server decides where every mail and the stored SMTP password go: owners only.
    // Admins may still see it and test what they type.
    (Permission::ChangeMailServer, OWNER_ONLY),
    (Permission::ManageOutbox, OWNER_ADMIN),
    (Permission::SendCustomerMail, EVERYONE),
    // Only owners ever see a customer's password in the queue. Admins may issue new ones
    // (a reset, or logins for many customers): the passwords wait sealed for an owner.
    (Permission::HandOverCredentials, OWNER_ONLY),
    (Permission::ResetCustomerPassword, OWNER_ADMIN),
    (Permission::GenerateCustomerLogins, OWNER_ADMIN),
    (Permission::ChangeCredentialSettings, OWNER_ADMIN),
    // A backup holds every customer, and restoring one replaces them all: owners only.
    (Permission::ManageBackups, OWNER_ONLY),
    (Permission::ManageAgencyServer, OWNER_ONLY),
    // The hashes of every customer's password, in a file that leaves Keydesk: owners only.
    (Permission::ExportPortalAccounts, OWNER_ONLY),
    (Permission::ImportPortalSignIns, OWNER_ADMIN),
];

pub fn allows(role: Role, permission: Permission) -> bool {
    PERMISSIONS
        .iter()
        .any(|(p, roles)| *p == permission && roles.contains(&role))
}

/// Everything `role` may do, for the window to decide what to show.
pub fn permissions_of(role: Role) -> Vec<Permission> {
    PERMISSIONS
        .iter()
        .filter(|(_, roles)| roles.contains(&role))
        .map(|(p, _)| *p)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_permission_has_exactly_one_row() {
        for permission in Permission::ALL {
            let rows = PERMISSIONS.iter().filter(|(p, _)| *p == permission).count();
            assert_eq!(rows, 1, "{permission:?}");
        }
        assert_eq!(PERMISSIONS.len(), Permission::ALL.len());
    }

    #[test]
    fn agents_may_manage_their_own_account_and_customers_only() {
        assert_eq!(
            permissions_of(Role::Agent),
            vec![
                Permission::ManageOwnAccount,
                Permission::CreateCustomer,
                Permission::SendCustomerMail
            ]
        );
        assert_eq!(permissions_of(Role::Owner).len(), Permission::ALL.len());
        assert_eq!(permissions_of(Role::Admin).len(), Permission::ALL.len() - 6);
        assert!(!allows(Role::Admin, Permission::EraseCustomer));
        assert!(!allows(Role::Admin, Permission::ChangeMailServer));
        assert!(allows(Role::Admin, Permission::ManageMailSettings));
        assert!(!allows(Role::Admin, Permission::HandOverCredentials));
        assert!(!allows(Role::Admin, Permission::ManageBackups));
        assert!(!allows(Role::Admin, Permission::ManageAgencyServer));
        assert!(!allows(Role::Admin, Permission::ExportPortalAccounts));
        assert!(allows(Role::Admin, Permission::ImportPortalSignIns));
    }
}
