use keydesk_api::{Permission, SessionInfo};

use crate::components::backup_reminder::BackupReminder;
use crate::components::funnel_card::FunnelCard;
use crate::components::handoff_queue::HandoffQueueCard;
use crate::prelude::*;
use crate::state::staff::role_tone;

#[derive(Properties, PartialEq)]
pub struct DashboardProps {
    pub session: SessionInfo,
    pub onnavigate: Callback<Page>,
}

/// Setting Keydesk up: each step's message, whether it is done, and the page where it is
/// done once that page exists.
const STEPS: [(&str, bool, Option<Page>); 4] = [
    ("step-owner", true, None),
    ("step-mail", false, None),
    ("step-staff", false, Some(Page::Staff)),
    ("step-customer", false, Some(Page::Customers)),
];

/// What needs the person today; for now, an honest map of what is coming.
#[component]
pub fn DashboardPage(props: &DashboardProps) -> Html {
    let words = use_words();
    let open = |page: Page| props.onnavigate.reform(move |_: MouseEvent| page);
    let permissions = &props.session.permissions;
    let sees_audit = permissions.contains(&Permission::ViewAudit);
    let hands_over = permissions.contains(&Permission::HandOverCredentials);
    let backs_up = permissions.contains(&Permission::ManageBackups);
    // Setting the agency up is for those who manage staff.
    let sets_up = permissions.contains(&Permission::ViewStaff);
    let open_button = |id: &'static str, label: String, page: Page| {
        html! {
            <div class="card-actions">
                <button type="button" {id} class="btn btn-secondary" onclick={open(page)}>{ label }</button>
            </div>
        }
    };
    let steps = STEPS.iter().enumerate().map(|(i, &(step, done, page))| {
        let page = page.filter(|p| p.can_open(permissions));
        html! {
            <li class={classes!("step", done.then_some("done"))}>
                <span class="step-number" aria-hidden="true">
                    if done { <Icon name={IconName::CheckCircle} size={18} /> } else { { words.number(i + 1) } }
                </span>
                <span class="step-text">{ words.t(step) }</span>
                if done {
                    <Badge tone={Tone::Success} text={words.t("done")} />
                } else if let Some(page) = page {
                    <button type="button" id={format!("dashboard-open-{}", page.slug())}
                        class="btn btn-secondary btn-sm" onclick={open(page)}>
                        { words.t_with("open-page", &[("page", &page.label(&words))]) }
                    </button>
                } else {
                    <Badge tone={Tone::Neutral} text={words.t("soon")} />
                }
            </li>
        }
    });
    html! {
        <section id={Page::Dashboard.page_id()} class="page" aria-labelledby="dashboard-welcome">
            <div class="page-head">
                <div>
                    <h2 class="welcome" id="dashboard-welcome">
                        { words.t_with("dash-welcome", &[("name", &props.session.display_name)]) }
                    </h2>
                    <p class="muted">{ words.t("dash-lead") }</p>
                </div>
            </div>
            <div class="dash-grid">
                if hands_over {
                    <HandoffQueueCard />
                } else {
                    // Logins are sealed to the owners' own keys: nobody else could open one.
                    { card("dashboard-handoffs", IconName::Lock, words.t("dash-handoffs-title"),
                        html! { <Badge tone={Tone::Neutral} text={words.t("dash-owners-only")} /> },
                        &words.t("dash-handoffs-text"),
                        html! {}) }
                }
                if backs_up {
                    <BackupReminder onnavigate={props.onnavigate.clone()} />
                }
                { card("dashboard-customers", IconName::Customers, Page::Customers.label(&words), html! {},
                    &words.t("dash-customers-text"),
                    if Page::Customers.can_open(permissions) {
                        open_button("dashboard-open-customers-card", words.t("dash-open-customers"), Page::Customers)
                    } else {
                        html! {}
                    }) }
                { card("dashboard-outbox", IconName::Outbox, Page::Outbox.label(&words),
                    html! { <Badge tone={Tone::Neutral} text={words.t("dash-empty")} /> },
                    &words.t("dash-outbox-text"),
                    html! {}) }
                if sees_audit {
                    { card("dashboard-audit", IconName::Audit, Page::Audit.title(&words),
                        html! { <Badge tone={Tone::Success} text={words.t("dash-recording")} /> },
                        &words.t("dash-audit-text"),
                        open_button("dashboard-open-audit", words.t("dash-open-audit"), Page::Audit)) }
                } else {
                    { card("dashboard-account", IconName::User, words.t("dash-account-title"),
                        html! { <Badge tone={role_tone(props.session.role)} text={words.role(props.session.role)} /> },
                        &words.t_with("dash-account-text", &[("email", &props.session.email)]),
                        open_button("dashboard-open-account", words.t("dash-open-account"), Page::Account)) }
                }
            </div>
            <FunnelCard sees_all={permissions.contains(&Permission::SeeAllCustomers)} />
            if sets_up {
                <article class="card steps-card" id="dashboard-setup">
                    <h3>{ words.t("dash-setup") }</h3>
                    <ol class="steps">{ for steps }</ol>
                </article>
            }
        </section>
    }
}

/// A card of the grid: a part of Keydesk, what it is for, and the way there if there is one.
fn card(
    id: &'static str,
    icon: IconName,
    title: String,
    badge: Html,
    text: &str,
    action: Html,
) -> Html {
    html! {
        <article class="card dash-card" {id}>
            <header class="dash-card-head">
                <span class="card-icon tone-accent"><Icon name={icon} size={20} /></span>
                <h3>{ title }</h3>
                { badge }
            </header>
            <p class="muted">{ text }</p>
            { action }
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::STEPS;
    use crate::words::{speaking, Words};
    use keydesk_api::Language;

    #[test]
    fn every_setup_step_is_said_in_every_language() {
        for language in Language::ALL {
            let words = Words::new(speaking(language));
            for (step, ..) in STEPS {
                assert!(!words.t(step).starts_with('['), "{step} in {language:?}");
            }
        }
    }
}
