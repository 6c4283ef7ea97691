use keydesk_api::AuditEntry;

use crate::prelude::*;
use crate::state::audit::action_tone;

/// Entries shown before "Show all".
const FIRST_ENTRIES: usize = 8;

#[derive(Properties, PartialEq)]
pub struct CustomerHistoryProps {
    pub history: Remote<Vec<AuditEntry>>,
    pub onretry: Callback<MouseEvent>,
}

/// `#customer-history`: what happened to the customer, newest first (from the audit
/// log), as `.history-item`s.
#[component]
pub fn CustomerHistory(props: &CustomerHistoryProps) -> Html {
    let show_all = use_state(|| false);
    let body = match &props.history {
        Remote::Loaded(entries) if entries.is_empty() => html! {
            <p class="muted">{ "Nothing recorded yet." }</p>
        },
        Remote::Loaded(entries) => {
            let shown = if *show_all {
                entries.len()
            } else {
                FIRST_ENTRIES
            };
            let toggle = {
                let show_all = show_all.clone();
                Callback::from(move |_: MouseEvent| show_all.set(!*show_all))
            };
            html! {
                <>
                    <ol id="customer-history" class="history-list">
                        for entry in entries.iter().take(shown) { { item(entry) } }
                    </ol>
                    if entries.len() > FIRST_ENTRIES {
                        <button type="button" id="customer-history-more" class="link-button history-more"
                            onclick={toggle}>
                            if *show_all {
                                { "Show fewer" }
                            } else {
                                { format!("Show all {} entries", entries.len()) }
                            }
                        </button>
                    }
                </>
            }
        }
        remote => pending(
            remote.failure(),
            "the history",
            "customer-history",
            props.onretry.clone(),
        ),
    };
    html! {
        <section class="card detail-card" aria-labelledby="customer-history-title">
            <div class="card-title-row">
                <h3 class="card-title" id="customer-history-title">{ "History" }</h3>
                <span class="muted small">{ "From the audit log, newest first" }</span>
            </div>
            { body }
        </section>
    }
}

/// A card's list that is not there yet: a spinner while it loads, or why it failed
/// (`{id}-error`) with a link (`{id}-retry`) to try again.
pub fn pending(failure: Option<&str>, what: &str, id: &str, onretry: Callback<MouseEvent>) -> Html {
    match failure {
        Some(message) => html! {
            <p id={format!("{id}-error")} class="text-danger small">
                { format!("Could not load {what}: {message} ") }
                <button type="button" id={format!("{id}-retry")} class="link-button" onclick={onretry}>
                    { "Try again" }
                </button>
            </p>
        },
        None => html! {
            <p class="muted loading-line">
                <span class="spinner spinner-sm" aria-hidden="true"></span>{ format!("Loading {what}…") }
            </p>
        },
    }
}

fn item(entry: &AuditEntry) -> Html {
    html! {
        <li class="history-item" key={entry.id} data-id={entry.id.to_string()}>
            <span class="history-dot" aria-hidden="true"><Icon name={IconName::Audit} size={14} /></span>
            <div class="history-body">
                <div class="history-line">
                    <Badge tone={action_tone(&entry.action)} text={entry.action_label.clone()} />
                    <time class="history-time muted small" datetime={entry.at.clone()} title={local_time(&entry.at)}>
                        { local_time_short(&entry.at) }
                    </time>
                </div>
                <p class="history-detail small">
                    <span class="history-actor">{ entry.actor.clone() }</span>
                    if !entry.detail.is_empty() {
                        <span class="muted">{ format!(" · {}", entry.detail) }</span>
                    }
                </p>
            </div>
        </li>
    }
}
