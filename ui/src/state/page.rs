//! The pages of the signed-in shell.

/// One entry of the sidebar. Only some are built yet; the rest show as "Soon".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Dashboard,
    Customers,
    Outbox,
    Staff,
    Audit,
    Settings,
}

impl Page {
    /// Sidebar order.
    pub const ALL: [Page; 6] = [
        Page::Dashboard,
        Page::Customers,
        Page::Outbox,
        Page::Staff,
        Page::Audit,
        Page::Settings,
    ];

    /// Stable name used in `data-page` and the element ids (`nav-<slug>`, `page-<slug>`).
    pub fn slug(self) -> &'static str {
        match self {
            Page::Dashboard => "dashboard",
            Page::Customers => "customers",
            Page::Outbox => "outbox",
            Page::Staff => "staff",
            Page::Audit => "audit",
            Page::Settings => "settings",
        }
    }

    /// The sidebar label.
    pub fn label(self) -> &'static str {
        match self {
            Page::Dashboard => "Dashboard",
            Page::Customers => "Customers",
            Page::Outbox => "Outbox",
            Page::Staff => "Staff",
            Page::Audit => "Audit",
            Page::Settings => "Settings",
        }
    }

    /// The heading in the top bar.
    pub fn title(self) -> &'static str {
        match self {
            Page::Audit => "Audit log",
            other => other.label(),
        }
    }

    /// Whether the page exists yet; the others are shown disabled.
    pub fn is_live(self) -> bool {
        matches!(self, Page::Dashboard | Page::Audit)
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
    fn ids_follow_the_slug() {
        assert_eq!(Page::Dashboard.nav_id(), "nav-dashboard");
        assert_eq!(Page::Audit.page_id(), "page-audit");
        let slugs: Vec<_> = Page::ALL.iter().map(|p| p.slug()).collect();
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
    fn only_dashboard_and_audit_are_live() {
        let live: Vec<_> = Page::ALL.into_iter().filter(|p| p.is_live()).collect();
        assert_eq!(live, [Page::Dashboard, Page::Audit]);
    }
}
