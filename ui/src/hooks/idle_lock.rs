use std::cell::Cell;

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use gloo_timers::callback::Interval;
use yew::prelude::*;

use keydesk_api::commands;

use super::use_command::use_command;
use crate::dom::{document, now_ms};
use crate::state::app::AppAction;
use crate::state::idle::{IdleClock, ACTIVITY_EVENTS, CHECK_EVERY_MS};

/// Locks the window when nobody has pressed a key, moved or clicked the mouse, scrolled or
/// touched it for `idle_lock_seconds`: the window first (so nothing stays on screen), then
/// the session in the shell. Activity is also reported to the shell now and then
/// ([`IdleClock::report_due`]), as it enforces the same limit on its own and would otherwise
/// lock someone busy with a long form. One listener per event type on the document (in the
/// capture phase, so nothing can swallow them) records the time; one interval asks
/// [`IdleClock`] whether the limit has passed. A new limit applies at the next tick without
/// restarting the count.
#[hook]
pub fn use_idle_lock(idle_lock_seconds: u32) {
    let command = use_command();
    let clock = use_mut_ref(|| IdleClock::new(now_ms()));
    let limit = use_mut_ref(|| Cell::new(idle_lock_seconds));
    limit.borrow().set(idle_lock_seconds);

    use_effect_with((), move |_| {
        let mut listeners = Vec::new();
        if let Some(document) = document() {
            let options = EventListenerOptions {
                phase: EventListenerPhase::Capture,
                passive: true,
            };
            for event in ACTIVITY_EVENTS {
                let (clock, limit, command) = (clock.clone(), limit.clone(), command.clone());
                listeners.push(EventListener::new_with_options(
                    &document,
                    event,
                    options,
                    move |_| {
                        let now = now_ms();
                        let mut clock = clock.borrow_mut();
                        clock.activity(now);
                        if clock.report_due(now, limit.borrow().get()) {
                            command.call(commands::NOTE_ACTIVITY, (), |_: Result<(), _>| {});
                        }
                    },
                ));
            }
        }
        let interval = Interval::new(CHECK_EVERY_MS, move || {
            let seconds = limit.borrow().get();
            let due = clock.borrow_mut().tick(now_ms(), seconds);
            if due {
                command.app().emit(AppAction::Lock);
                command.call(commands::LOCK_SESSION, (), |_: Result<(), _>| {});
            }
        });
        move || {
            drop(interval);
            drop(listeners);
        }
    });
}
