use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use gloo_timers::callback::Interval;
use yew::prelude::*;

use keydesk_api::commands;
use wasm_bindgen_futures::spawn_local;

use crate::dom::now_ms;
use crate::ipc;
use crate::state::app::{AppAction, AppDispatch};
use crate::state::idle::{IdleClock, ACTIVITY_EVENTS, CHECK_EVERY_MS};

/// Locks the window when nobody has pressed a key, moved or clicked the mouse, scrolled or
/// touched it for `idle_lock_seconds`: the window first (so nothing stays on screen), then
/// the session in the shell.
#[hook]
pub fn use_idle_lock(idle_lock_seconds: u32) {
    let app = use_context::<AppDispatch>();
    let onidle = Callback::from(move |()| {
        let Some(app) = app.clone() else {
            return;
        };
        app.dispatch(AppAction::Lock);
        spawn_local(async move {
            if let Err(error) = ipc::call0::<()>(commands::LOCK_SESSION).await {
                app.dispatch(AppAction::Failed(error));
            }
        });
    });
    use_idle_callback(idle_lock_seconds, onidle);
}

/// Calls `onidle` once after `idle_lock_seconds` without activity. One listener per event
/// type on the document (in the capture phase, so nothing can swallow them) records the
/// time; one interval asks [`IdleClock`] whether the limit has passed. A new limit applies
/// at the next tick without restarting the count.
#[hook]
fn use_idle_callback(idle_lock_seconds: u32, onidle: Callback<()>) {
    let clock = use_mut_ref(|| IdleClock::new(now_ms()));
    let limit = use_mut_ref(|| Cell::new(idle_lock_seconds));
    let callback = use_mut_ref(|| onidle.clone());
    limit.borrow().set(idle_lock_seconds);
    *callback.borrow_mut() = onidle;

    use_effect_with((), move |_| {
        let mut listeners = Vec::new();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let options = EventListenerOptions {
                phase: EventListenerPhase::Capture,
                passive: true,
            };
            for event in ACTIVITY_EVENTS {
                let clock: Rc<RefCell<IdleClock>> = clock.clone();
                listeners.push(EventListener::new_with_options(
                    &document,
                    event,
                    options,
                    move |_| clock.borrow_mut().activity(now_ms()),
                ));
            }
        }
        let interval = Interval::new(CHECK_EVERY_MS, move || {
            let seconds = limit.borrow().get();
            let due = clock.borrow_mut().tick(now_ms(), seconds);
            if due {
                let onidle = callback.borrow().clone();
                onidle.emit(());
            }
        });
        move || {
            drop(interval);
            drop(listeners);
        }
    });
}
