//! The outbox's state for the top bar and the sidebar: asked on show, whenever a mail
//! changes state (`outbox-changed`) and every 30 seconds (so "offline" clears itself).

use std::rc::Rc;

use gloo_timers::callback::Interval;
use keydesk_api::{commands, OutboxChanged, OutboxStatus, OUTBOX_CHANGED_EVENT};
use yew::prelude::*;

use super::shell_event::use_shell_event;
use super::use_command::use_command;

const POLL_MS: u32 = 30_000;

/// A counter that timers and events can bump through a dispatcher that never goes stale.
#[derive(Default, PartialEq)]
struct Ticks(u64);

impl Reducible for Ticks {
    type Action = ();

    fn reduce(self: Rc<Self>, (): ()) -> Rc<Self> {
        Rc::new(Ticks(self.0.wrapping_add(1)))
    }
}

/// Calls `onchange` with each `outbox-changed` event while the component is on show.
#[hook]
pub fn use_outbox_changed(enabled: bool, onchange: Callback<OutboxChanged>) {
    use_shell_event(OUTBOX_CHANGED_EVENT, enabled, onchange);
}

/// The outbox status, when the person may see it (`None` otherwise or until known).
#[hook]
pub fn use_outbox_status(enabled: bool) -> Option<OutboxStatus> {
    let command = use_command();
    let status = use_state(|| None::<OutboxStatus>);
    let ticks = use_reducer(Ticks::default);
    {
        let status = status.clone();
        use_effect_with((enabled, ticks.0), move |&(enabled, _)| {
            if enabled {
                command.call0(commands::OUTBOX_STATUS, move |answer| {
                    if let Ok(answer) = answer {
                        status.set(Some(answer));
                    }
                });
            } else {
                status.set(None);
            }
        });
    }
    {
        let tick = ticks.dispatcher();
        use_effect_with(enabled, move |&enabled| {
            let timer = enabled.then(|| Interval::new(POLL_MS, move || tick.dispatch(())));
            move || drop(timer)
        });
    }
    let refresh = ticks
        .dispatcher()
        .to_callback()
        .reform(|_: OutboxChanged| ());
    use_outbox_changed(enabled, refresh);
    (*status).clone()
}
