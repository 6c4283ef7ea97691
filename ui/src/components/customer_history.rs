use keydesk_api::AuditEntry;

use crate::prelude::*;
use crate::state::audit::{action_name, action_tone};
use crate::words::Words;

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
    let words = use_words();
    let show_all = use_state(|| false);
    let body = match &props.history {
        Remote::Loaded(entries) if entries.is_empty() => html! {
            <p class="muted">{ words.t("customer-detail-history-empty") }</p>
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
                        for entry in entries.iter().take(shown) { { item(&words, entry) } }
                    </ol>
                    if entries.len() > FIRST_ENTRIES {
                        <button type="button" id="customer-history-more" class="link-button history-more"
                            onclick={toggle}>
                            if *show_all {
                                { words.t("customer-detail-history-fewer") }
                            } else {
                                { words.count("customer-detail-history-all", entries.len() as i64) }
                            }
                        </button>
                    }
                </>
            }
        }
        remote => pending(
            &words,
            remote.failure(),
            &words.t("customer-detail-history-what"),
            "customer-history",
            props.onretry.clone(),
        ),
    };
    html! {
        <section class="card detail-card" aria-labelledby="customer-history-title">
            <div class="card-title-row">
                <h3 class="card-title" id="customer-history-title">{ words.t("customer-detail-history") }</h3>
                <span class="muted small">{ words.t("customer-detail-history-lead") }</span>
            </div>
            { body }
        </section>
    }
}

/// A card's list that is not there yet: a spinner while it loads, or why it failed
/// (`{id}-error`) with a link (`{id}-retry`) to try again. `what` is the list as the
/// sentence names it ("the history").
pub fn pending(
    words: &Words,
    failure: Option<&str>,
    what: &str,
    id: &str,
    onretry: Callback<MouseEvent>,
) -> Html {
    match failure {
        Some(message) => html! {
            <p id={format!("{id}-error")} class="text-danger small">
                { words.t_with("load-failed", &[("what", what), ("reason", message)]) }{ " " }
                <button type="button" id={format!("{id}-retry")} class="link-button" onclick={onretry}>
                    { words.t("try-again") }
                </button>
            </p>
        },
        None => html! {
            <p class="muted loading-line">
                <span class="spinner spinner-sm" aria-hidden="true"></span>{ words.t_with("loading-what", &[("what", what)]) }
            </p>
        },
    }
}

fn item(words: &Words, entry: &AuditEntry) -> Html {
    html! {
        <li class="history-item" key={entry.id} data-id={entry.id.to_string()}>
            <span class="history-dot" aria-hidden="true"><Icon name={IconName::Audit} size={14} /></span>
            <div class="history-body">
                <div class="history-line">
                    <Badge tone={action_tone(&entry.action)} text={action_name(words, &entry.action, &entry.action_label)} />
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
