//! A command's answer kept on show and asked for again on demand.

use std::rc::Rc;

use serde::de::DeserializeOwned;
use yew::prelude::*;

use super::use_command::use_command;

/// A counter that timers and events can bump through a dispatcher that never goes stale.
#[derive(Default, PartialEq)]
struct Ticks(u64);

impl Reducible for Ticks {
    type Action = ();

    fn reduce(self: Rc<Self>, (): ()) -> Rc<Self> {
        Rc::new(Ticks(self.0.wrapping_add(1)))
    }
}

/// The answer of `command` (which takes no request) while `enabled`: `None` otherwise
/// or until known; a failed call keeps the answer before it. The callback asks again.
#[hook]
pub fn use_answer<T>(command: &'static str, enabled: bool) -> (Option<T>, Callback<()>)
where
    T: DeserializeOwned + Clone + 'static,
{
    let call = use_command();
    let answer = use_state(|| None::<T>);
    let ticks = use_reducer(Ticks::default);
    {
        let answer = answer.clone();
        use_effect_with((enabled, ticks.0), move |&(enabled, _)| {
            if enabled {
                call.call(command, (), move |result: Result<T, _>| {
                    if let Ok(value) = result {
                        answer.set(Some(value));
                    }
                });
            } else {
                answer.set(None);
            }
        });
    }
    ((*answer).clone(), ticks.dispatcher().to_callback())
}
