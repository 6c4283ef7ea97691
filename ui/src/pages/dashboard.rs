use keydesk_api::{Permission, SessionInfo};
use yew::prelude::*;

use crate::components::badge::Badge;
use crate::components::handoff_queue::HandoffQueueCard;
use crate::components::icon::{Icon, IconName};
use crate::state::page::Page;
use crate::state::staff::role_tone;
use crate::state::tone::Tone;

#[derive(Properties, PartialEq)]
pub struct DashboardProps {
    pub session: SessionInfo,
    pub onnavigate: Callback<Page>,
}

struct Step {
    text: &'static str,
    done: bool,
    /// The page where the step is done, once that page exists.
    page: Option<Page>,
}

const STEPS: [Step; 4] = [
    Step {
        text: "Create the owner account",
        done: true,
        page: None,
    },
    Step {
        text: "Connect the agency's mail server",
        done: false,
        page: None,
    },
    Step {
        text: "Add your staff",
        done: false,
        page: Some(Page::Staff),
    },
    Step {
        text: "Add your first customer",
        done: false,
        page: Some(Page::Customers),
    },
];

/// What needs the person today; for now, an honest map of what is coming.
#[component]
pub fn DashboardPage(props: &DashboardProps) -> Html {
    let open = |page: Page| {
        let onnavigate = props.onnavigate.clone();
        Callback::from(move |_: MouseEvent| onnavigate.emit(page))
    };
    let permissions = &props.session.permissions;
    let sees_audit = permissions.contains(&Permission::ViewAudit);
    let hands_over = permissions.contains(&Permission::HandOverCredentials);
    // Setting the agency up is for those who manage staff.
    let sets_up = permissions.contains(&Permission::ViewStaff);
    let steps = STEPS.iter().enumerate().map(|(i, step)| {
        let page = step.page.filter(|p| p.can_open(permissions));
        html! {
            <li class={classes!("step", step.done.then_some("done"))}>
                <span class="step-number" aria-hidden="true">
                    if step.done { <Icon name={IconName::CheckCircle} size={18} /> } else { { i + 1 } }
                </span>
                <span class="step-text">{ step.text }</span>
                if step.done {
                    <Badge tone={Tone::Success} text="Done" />
                } else if let Some(page) = page {
                    <button type="button" id={format!("dashboard-open-{}", page.slug())}
                        class="btn btn-secondary btn-sm" onclick={open(page)}>
                        { format!("Open {}", page.label()) }
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
                <article class="card dash-card" id="dashboard-handoffs">
                    <header class="dash-card-head">
                        <span class="card-icon tone-accent"><Icon name={IconName::Key} size={20} /></span>
                        <h3>{ "Credentials to hand over" }</h3>
                    </header>
                    <p class="muted">
                        { "When you create a customer, the owner hands their new login over from here." }
                    </p>
                </article>
                }
                <article class="card dash-card" id="dashboard-customers">
                    <header class="dash-card-head">
                        <span class="card-icon tone-accent"><Icon name={IconName::Customers} size={20} /></span>
                        <h3>{ "Customers" }</h3>
                    </header>
                    <p class="muted">
                        { "Find a customer by name, email, phone or company, or add a new one (Ctrl+N)." }
                    </p>
                    if Page::Customers.can_open(permissions) {
                        <div class="card-actions">
                            <button type="button" id="dashboard-open-customers-card" class="btn btn-secondary"
                                onclick={open(Page::Customers)}>
                                { "Open customers" }
                            </button>
                        </div>
                    }
                </article>
                <article class="card dash-card" id="dashboard-outbox">
                    <header class="dash-card-head">
                        <span class="card-icon tone-accent"><Icon name={IconName::Outbox} size={20} /></span>
                        <h3>{ "Outbox" }</h3>
                        <Badge tone={Tone::Neutral} text="Empty" />
                    </header>
                    <p class="muted">
                        { "Welcome and credential mails will queue here and go out on their own, even after time offline." }
                    </p>
                </article>
                if sees_audit {
                <article class="card dash-card" id="dashboard-audit">
                    <header class="dash-card-head">
                        <span class="card-icon tone-accent"><Icon name={IconName::Audit} size={20} /></span>
                        <h3>{ "Audit log" }</h3>
                        <Badge tone={Tone::Success} text="Recording" />
                    </header>
                    <p class="muted">
                        { "Every sign-in and change is written to a tamper-evident log you can check at any time." }
                    </p>
                    <div class="card-actions">
                        <button type="button" id="dashboard-open-audit" class="btn btn-secondary" onclick={open(Page::Audit)}>
                            { "Open the audit log" }
                        </button>
                    </div>
                </article>
                } else {
                <article class="card dash-card" id="dashboard-account">
                    <header class="dash-card-head">
                        <span class="card-icon tone-accent"><Icon name={IconName::User} size={20} /></span>
                        <h3>{ "Your account" }</h3>
                        <Badge tone={role_tone(props.session.role)} text={props.session.role.label()} />
                    </header>
                    <p class="muted">
                        { format!("You sign in as {}. Change your display name or password whenever you like.", props.session.email) }
                    </p>
                    <div class="card-actions">
                        <button type="button" id="dashboard-open-account" class="btn btn-secondary" onclick={open(Page::Account)}>
                            { "Open My account" }
                        </button>
                    </div>
                </article>
                }
            </div>
            if sets_up {
                <article class="card steps-card" id="dashboard-setup">
                    <h3>{ "Setting up Keydesk" }</h3>
                    <ol class="steps">{ for steps }</ol>
                </article>
            }
        </section>
    }
}
