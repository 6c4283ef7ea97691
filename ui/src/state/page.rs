//! The pages of the signed-in shell, and who may see them.

use keydesk_api::Permission;

use crate::components::icon::IconName;
use crate::words::Words;

/// A page of the shell: one entry of the sidebar, or My account and the Sync inbox (opened
/// from the top bar).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Dashboard,
    Customers,
    Outbox,
    Staff,
    Audit,
    Settings,
    Account,
    /// The Sync inbox, opened from the top bar's sync indicator.
    Sync,
}

impl Page {
    /// Sidebar order (My account and the Sync inbox are not in the sidebar).
    pub const SIDEBAR: [Page; 6] = [
        Page::Dashboard,
        Page::Customers,
        Page::Outbox,
        Page::Staff,
        Page::Audit,
        Page::Settings,
    ];

    /// The slug (used in `data-page`, the element ids `nav-<slug>`, `page-<slug>` and
    /// the label's message `page-<slug>`) and the sidebar icon, kept together so a new
    /// page is one row.
    fn parts(self) -> (&'static str, IconName) {
        match self {
            Page::Dashboard => ("dashboard", IconName::Dashboard),
            Page::Customers => ("customers", IconName::Customers),
            Page::Outbox => ("outbox", IconName::Outbox),
            Page::Staff => ("staff", IconName::Staff),
            Page::Audit => ("audit", IconName::Audit),
            Page::Settings => ("settings", IconName::Settings),
            Page::Account => ("account", IconName::User),
            Page::Sync => ("sync", IconName::Refresh),
        }
    }

    pub fn slug(self) -> &'static str {
        self.parts().0
    }

    /// The sidebar's label.
    pub fn label(self, words: &Words) -> String {
        words.t(&format!("page-{}", self.slug()))
    }

    pub fn icon(self) -> IconName {
        self.parts().1
    }

    /// The heading in the top bar.
    pub fn title(self, words: &Words) -> String {
        match self {
            Page::Audit => words.t("page-audit-title"),
            other => other.label(words),
        }
    }

    /// Whether someone with `permissions` sees this page (in the sidebar) and can open it;
    /// without the page's permission the sidebar has no entry at all.
    pub fn can_open(self, permissions: &[Permission]) -> bool {
        let needed = match self {
            Page::Staff => Permission::ViewStaff,
            Page::Audit => Permission::ViewAudit,
            Page::Settings => Permission::ViewSettings,
            Page::Customers | Page::Sync => Permission::CreateCustomer,
            Page::Outbox => Permission::ManageOutbox,
            Page::Dashboard | Page::Account => return true,
        };
        permissions.contains(&needed)
    }

    pub fn nav_id(self) -> String {
        format!("nav-{}", self.slug())
    }

    pub fn page_id(self) -> String {
        format!("page-{}", self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_is_named_in_every_language() {
        for language in keydesk_api::Language::ALL {
            let words = Words::new(crate::words::speaking(language));
            for page in Page::SIDEBAR.into_iter().chain([Page::Account, Page::Sync]) {
                assert!(
                    !page.title(&words).starts_with('['),
                    "{page:?} in {language:?}"
                );
            }
        }
        assert_eq!(
            Page::Audit.title(&Words::new(crate::words::speaking(
                keydesk_api::Language::En
            ))),
            "Audit log"
        );
    }

    #[test]
    fn ids_follow_the_slug() {
        assert_eq!(Page::Dashboard.nav_id(), "nav-dashboard");
        assert_eq!(Page::Audit.page_id(), "page-audit");
        assert_eq!(Page::Account.page_id(), "page-account");
        let slugs: Vec<_> = Page::SIDEBAR.iter().map(|p| p.slug()).collect();
        assert_eq!(
            slugs,
            [
                "dashboard",
                "customers",
                "outbox",
                "staff",
                "audit",
                "settings"
            ]
        );
    }

    #[test]
    fn an_agent_sees_neither_staff_nor_audit_nor_settings() {
        let agent = [Permission::ManageOwnAccount, Permission::CreateCustomer];
        let seen: Vec<_> = Page::SIDEBAR
            .into_iter()
            .filter(|p| p.can_open(&agent))
            .collect();
        assert_eq!(seen, [Page::Dashboard, Page::Customers]);
        assert!(Page::Account.can_open(&agent));
        assert!(!Page::Staff.can_open(&agent));
    }

    #[test]
    fn each_permission_opens_its_page() {
        for (page, permission) in [
            (Page::Staff, Permission::ViewStaff),
            (Page::Audit, Permission::ViewAudit),
            (Page::Settings, Permission::ViewSettings),
            (Page::Customers, Permission::CreateCustomer),
            (Page::Outbox, Permission::ManageOutbox),
        ] {
            assert!(page.can_open(&[permission]), "{page:?}");
            assert!(!page.can_open(&[]), "{page:?}");
        }
    }
}
