//! A call that a button starts, once at a time.

use keydesk_api::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;
use yew::prelude::*;

use crate::hooks::use_command::Command;

/// A button's call that runs once at a time: `busy` is on while it runs (the view shows
/// it) and a press meanwhile does nothing; `done` takes the answer once `busy` is off.
pub fn call_unless_busy<E, Req, Resp>(
    command: &Command,
    busy: &UseStateHandle<bool>,
    name: &'static str,
    request: Req,
    done: Callback<Result<Resp, Error>>,
) -> Callback<E>
where
    E: 'static,
    Req: Serialize + Clone + 'static,
    Resp: DeserializeOwned + 'static,
{
    let (command, busy) = (command.clone(), busy.clone());
    Callback::from(move |_: E| {
        if *busy {
            return;
        }
        busy.set(true);
        let (busy, done) = (busy.clone(), done.clone());
        command.call(name, request.clone(), move |answer| {
            busy.set(false);
            done.emit(answer);
        });
    })
}
