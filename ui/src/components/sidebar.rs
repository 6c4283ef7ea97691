use keydesk_api::Permission;

use super::icon::LogoMark;
use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SidebarProps {
    pub active: Page,
    /// The signed-in person's permissions: pages they may not see have no entry at all.
    pub permissions: Vec<Permission>,
    pub onselect: Callback<Page>,
    /// Mails waiting or failed, shown on the Outbox entry (`failed` turns it red).
    #[prop_or_default]
    pub outbox_count: Option<(i64, bool)>,
    /// Credentials waiting to be handed over, shown on the Dashboard entry.
    #[prop_or_default]
    pub pending_handoffs: Option<i64>,
}

/// The product mark and the page list; pages the person may not see are left out.
#[component]
pub fn Sidebar(props: &SidebarProps) -> Html {
    let words = use_words();
    let visible = Page::SIDEBAR
        .into_iter()
        .filter(|page| page.can_open(&props.permissions));
    let items = visible.map(|page| {
        let active = page == props.active;
        let onclick = props.onselect.reform(move |_: MouseEvent| page);
        html! {
            <li key={page.slug()}>
                <button
                    type="button"
                    id={page.nav_id()}
                    class={classes!("nav-item", active.then_some("active"))}
                    data-page={page.slug()}
                    aria-current={active.then_some("page")}
                    {onclick}
                >
                    <Icon name={page.icon()} />
                    <span class="nav-label">{ page.label(&words) }</span>
                    if let Some(n) = props.pending_handoffs.filter(|&n| n > 0 && page == Page::Dashboard) {
                        <span class="nav-count" id="nav-dashboard-count"
                            title={words.count("nav-handoffs-count", n)}>{ words.number(n) }</span>
                    }
                    if let Some((n, failed)) = props.outbox_count.filter(|&(n, _)| n > 0 && page == Page::Outbox) {
                        <span class={classes!("nav-count", failed.then_some("nav-count-danger"))} id="nav-outbox-count"
                            title={words.count(if failed { "nav-outbox-failed" } else { "nav-outbox-waiting" }, n)}>{ words.number(n) }</span>
                    }
                </button>
            </li>
        }
    });
    html! {
        <aside class="sidebar">
            <div class="brand">
                <LogoMark size={28} />
                <span class="brand-name">{ words.t("app-name") }</span>
            </div>
            <nav aria-label={words.t("nav-main")}>
                <ul class="nav-list">{ for items }</ul>
            </nav>
        </aside>
    }
}
