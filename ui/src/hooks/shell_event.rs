//! Listening to an event the shell emits for as long as a component is on show.

use std::cell::Cell;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::ipc;

/// Calls `on_payload` with each payload of the shell event `event` while the component
/// is mounted (and `enabled`). Without a shell nothing is heard; the page still works.
#[hook]
pub fn use_shell_event<T>(event: &'static str, enabled: bool, on_payload: Callback<T>)
where
    T: DeserializeOwned + 'static,
{
    let listener = use_mut_ref(|| None::<ipc::Listener>);
    // The latest callback, so the listener set up once always reaches the current state.
    let latest = use_mut_ref(|| on_payload.clone());
    *latest.borrow_mut() = on_payload;
    use_effect_with(enabled, move |&enabled| {
        let alive = Rc::new(Cell::new(true));
        if enabled {
            let alive = alive.clone();
            let listener = listener.clone();
            spawn_local(async move {
                let heard = ipc::listen::<T, _>(event, move |payload| {
                    let callback = latest.borrow().clone();
                    callback.emit(payload);
                })
                .await;
                if alive.get() {
                    *listener.borrow_mut() = heard.ok();
                }
            });
        }
        move || {
            alive.set(false);
            listener.borrow_mut().take();
        }
    });
}
