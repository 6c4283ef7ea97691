//! Who may do what, written down once as data.

use crate::domain::Role;

/// Actions that need a role check. Each service names the one it performs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ViewAudit,
    VerifyAuditChain,
}

/// The permission table: for each action, the roles allowed to perform it.
pub const PERMISSIONS: &[(Permission, &[Role])] = &[
    (Permission::ViewAudit, &[Role::Owner, Role::Admin]),
    (Permission::VerifyAuditChain, &[Role::Owner, Role::Admin]),
];

pub fn allows(role: Role, permission: Permission) -> bool {
    PERMISSIONS
        .iter()
        .any(|(p, roles)| *p == permission && roles.contains(&role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_is_for_owners_and_admins_only() {
        for permission in [Permission::ViewAudit, Permission::VerifyAuditChain] {
            assert!(allows(Role::Owner, permission));
            assert!(allows(Role::Admin, permission));
            assert!(!allows(Role::Agent, permission));
        }
    }
}
