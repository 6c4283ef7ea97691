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

/// Setting Keydesk up: what each step says, whether it is done, and the page where it is
/// done once that page exists.
const STEPS: [(&str, bool, Option<Page>); 4] = [
    ("Create the owner account", true, None),
    ("Connect the agency's mail server", false, None),
    ("Add your staff", false, Some(Page::Staff)),
    ("Add your first customer", false, Some(Page::Customers)),
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
    let open_button = |id: &'static str, label: &'static str, page: Page| {
        html! {
            <div class="card-actions">
                <button type="button" {id} class="btn btn-secondary" onclick={open(page)}>{ label }</button>
            </div>
        }
    };
    let steps = STEPS.iter().enumerate().map(|(i, &(text, done, page))| {
        let page = page.filter(|p| p.can_open(permissions));
        html! {
            <li class={classes!("step", done.then_some("done"))}>
                <span class="step-number" aria-hidden="true">
                    if done { <Icon name={IconName::CheckCircle} size={18} /> } else { { i + 1 } }
                </span>
                <span class="step-text">{ text }</span>
                if done {
                    <Badge tone={Tone::Success} text="Done" />
                } else if let Some(page) = page {
                    <button type="button" id={format!("dashboard-open-{}", page.slug())}
                        class="btn btn-secondary btn-sm" onclick={open(page)}>
                        { format!("Open {}", page.label(&words)) }
                    </button>
                } else {
                    <Badge tone={Tone::Neutral} text="Soon" />
                }
            </li>
        }
    });
    html! {
        <section id={Page::Dashboard.page_id()} class="page" aria-labelledby="dashboard-welcome">
            <div class="page-head">
                <div>
                    <h2 class="welcome" id="dashboard-welcome">
                        { format!("Welcome, {}", props.session.display_name) }
                    </h2>
                    <p class="muted">{ "Here is what waits for you. Keydesk is new, so most of it is still empty." }</p>
                </div>
            </div>
            <div class="dash-grid">
                if hands_over {
                    <HandoffQueueCard />
                } else {
                    // Logins are sealed to the owners' own keys: nobody else could open one.
                    { card("dashboard-handoffs", IconName::Lock, "Credentials to hand over",
                        html! { <Badge tone={Tone::Neutral} text="Owners only" /> },
                        "Only owners can open logins: each one is sealed to the owners' own keys. When you create a customer, an owner hands their new login over from here.",
                        html! {}) }
                }
                if backs_up {
                    <BackupReminder onnavigate={props.onnavigate.clone()} />
                }
                { card("dashboard-customers", IconName::Customers, "Customers", html! {},
                    "Find a customer by name, email, phone or company, or add a new one (Ctrl+N).",
                    if Page::Customers.can_open(permissions) {
                        open_button("dashboard-open-customers-card", "Open customers", Page::Customers)
                    } else {
                        html! {}
                    }) }
                { card("dashboard-outbox", IconName::Outbox, "Outbox", html! { <Badge tone={Tone::Neutral} text="Empty" /> },
                    "Welcome and credential mails will queue here and go out on their own, even after time offline.",
                    html! {}) }
                if sees_audit {
                    { card("dashboard-audit", IconName::Audit, "Audit log",
                        html! { <Badge tone={Tone::Success} text="Recording" /> },
                        "Every sign-in and change is written to a tamper-evident log you can check at any time.",
                        open_button("dashboard-open-audit", "Open the audit log", Page::Audit)) }
                } else {
                    { card("dashboard-account", IconName::User, "Your account",
                        html! { <Badge tone={role_tone(props.session.role)} text={props.session.role.label()} /> },
                        &format!("You sign in as {}. Change your display name or password whenever you like.", props.session.email),
                        open_button("dashboard-open-account", "Open My account", Page::Account)) }
                }
            </div>
            <FunnelCard sees_all={permissions.contains(&Permission::SeeAllCustomers)} />
            if sets_up {
                <article class="card steps-card" id="dashboard-setup">
                    <h3>{ "Setting up Keydesk" }</h3>
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
    title: &'static str,
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
