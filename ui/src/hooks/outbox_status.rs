//! The outbox's state for the top bar and the sidebar: asked on show, whenever a mail
//! changes state (`outbox-changed`) and every 30 seconds (so "offline" clears itself).

use gloo_timers::callback::Interval;
use keydesk_api::{commands, OutboxChanged, OutboxStatus, OUTBOX_CHANGED_EVENT};
use yew::prelude::*;

use super::shell_event::use_shell_event;
use super::use_answer::use_answer;

const POLL_MS: u32 = 30_000;

/// Calls `onchange` with each `outbox-changed` event while the component is on show.
#[hook]
pub fn use_outbox_changed(enabled: bool, onchange: Callback<OutboxChanged>) {
    use_shell_event(OUTBOX_CHANGED_EVENT, enabled, onchange);
}

/// The outbox status, when the person may see it (`None` otherwise or until known).
#[hook]
pub fn use_outbox_status(enabled: bool) -> Option<OutboxStatus> {
    let (status, refresh) = use_answer(commands::OUTBOX_STATUS, enabled);
    {
        let refresh = refresh.clone();
        use_effect_with(enabled, move |&enabled| {
            let timer = enabled.then(|| Interval::new(POLL_MS, move || refresh.emit(())));
            move || drop(timer)
        });
    }
    use_outbox_changed(enabled, refresh.reform(|_: OutboxChanged| ()));
    status
}
