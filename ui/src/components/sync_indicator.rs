use keydesk_api::{SyncState, SyncStatus};

use crate::dom::{local_clock, local_time_short};
use crate::prelude::*;
use crate::state::agency::sync_summary;

#[derive(Properties, PartialEq)]
pub struct SyncIndicatorProps {
    pub status: Option<SyncStatus>,
    /// Opens the Sync inbox; `None` when the person may not see it.
    #[prop_or_default]
    pub onopen: Option<Callback<()>>,
}

/// `#sync-indicator` in the top bar: "Synced", "Offline since 10:42 · 3 changes waiting",
/// "1 sync notice needs attention". Nothing at all on a desk of its own.
#[component]
pub fn SyncIndicator(props: &SyncIndicatorProps) -> Html {
    let Some(status) = props.status.as_ref() else {
        return Html::default();
    };
    let words = use_words();
    let Some((tone, text)) = sync_summary(status, local_clock, &words) else {
        return Html::default();
    };
    let title = match &status.state {
        SyncState::Offline { reason, .. } | SyncState::Refused { reason, .. } => {
            Some(words.t_with("sync-server-says", &[("reason", &words.say(reason))]))
        }
        SyncState::Synced { at } => Some(match &status.update_advised {
            Some(advice) => words.t_with(
                "sync-last-synced-advice",
                &[
                    ("time", &local_time_short(at)),
                    ("advice", &words.say(advice)),
                ],
            ),
            None => words.t_with("sync-last-synced", &[("time", &local_time_short(at))]),
        }),
        _ => None,
    };
    let class = classes!("outbox-indicator", format!("indicator-{}", tone.class()));
    let state = match status.state {
        SyncState::Off => "off",
        SyncState::Syncing => "syncing",
        SyncState::Synced { .. } => "synced",
        SyncState::Offline { .. } => "offline",
        SyncState::Refused { .. } => "refused",
    };
    let content =
        html! { <><Icon name={IconName::Refresh} size={16} /><span>{ text.clone() }</span></> };
    match &props.onopen {
        Some(onopen) => html! {
            <button type="button" id="sync-indicator" {class} {title} data-state={state}
                onclick={onopen.reform(|_: MouseEvent| ())}
                aria-label={words.t_with("sync-open-inbox", &[("state", &text)])}>{ content }</button>
        },
        None => html! {
            <span id="sync-indicator" {class} {title} data-state={state} role="status">{ content }</span>
        },
    }
}
