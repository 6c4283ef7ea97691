//! The number of credentials waiting to be handed over, for the sidebar's badge.

use gloo_events::EventListener;
use keydesk_api::{commands, HandoffCount, HANDOFFS_CHANGED_EVENT};
use yew::prelude::*;

use super::shell_event::use_shell_event;
use super::use_answer::use_answer;

/// The window's own note that the queue changed (something was sent, revoked, reset or
/// generated here), so the badge follows without asking every page to pass it up.
const CHANGED_HERE: &str = "keydesk-handoffs-changed";

/// Tells the badge (and an open queue) that the pending handoffs changed.
pub fn announce_handoffs_changed() {
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(CHANGED_HERE)) {
        let _ = window.dispatch_event(&event);
    }
}

/// Calls `onchange` whenever the queue changed, here or by expiry in the shell.
#[hook]
pub fn use_handoffs_changed(enabled: bool, onchange: Callback<()>) {
    use_shell_event(
        HANDOFFS_CHANGED_EVENT,
        enabled,
        onchange.reform(|_: Option<i64>| ()),
    );
    let latest = use_mut_ref(|| onchange.clone());
    *latest.borrow_mut() = onchange;
    use_effect_with(enabled, move |&enabled| {
        let listener = enabled.then(web_sys::window).flatten().map(|window| {
            EventListener::new(&window, CHANGED_HERE, move |_| {
                let callback = latest.borrow().clone();
                callback.emit(());
            })
        });
        move || drop(listener)
    });
}

/// The pending handoffs' count, when the person works the queue (`None` otherwise or
/// until known).
#[hook]
pub fn use_pending_handoff_count(enabled: bool) -> Option<i64> {
    let (count, refresh) = use_answer::<HandoffCount>(commands::PENDING_HANDOFF_COUNT, enabled);
    use_handoffs_changed(enabled, refresh);
    count.map(|count| count.pending)
}
