//! Where this desk stands with its agency server, for the top bar and the Sync inbox:
//! asked on show, after each sync (`sync-changed`) and every 30 seconds (so "Synced" and
//! "Offline since" stay true while nothing happens).

use gloo_timers::callback::Interval;
use keydesk_api::{commands, SyncChanged, SyncStatus, SYNC_CHANGED_EVENT};
use yew::prelude::*;

use super::shell_event::use_shell_event;
use super::use_answer::use_answer;

const POLL_MS: u32 = 30_000;

/// Calls `onchange` after each sync while the component is on show (and `enabled`).
#[hook]
pub fn use_sync_changed(enabled: bool, onchange: Callback<SyncChanged>) {
    use_shell_event(SYNC_CHANGED_EVENT, enabled, onchange);
}

/// This desk's sync status (`None` until known), and a callback that asks again.
#[hook]
pub fn use_sync_status() -> (Option<SyncStatus>, Callback<()>) {
    let (status, refresh) = use_answer(commands::SYNC_STATUS, true);
    {
        let refresh = refresh.clone();
        use_effect_with((), move |()| {
            let timer = Interval::new(POLL_MS, move || refresh.emit(()));
            move || drop(timer)
        });
    }
    use_sync_changed(true, refresh.reform(|_: SyncChanged| ()));
    (status, refresh)
}
