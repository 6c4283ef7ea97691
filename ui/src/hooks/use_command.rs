//! The one way a component calls the app.

use std::future::Future;

use keydesk_api::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::ipc;
use crate::state::app::{AppAction, AppDispatch};
use crate::words::{use_words, Words};

/// Calls commands for a component: spawns the call, hands the answer to the caller, and
/// reports every failure to the app as well, which decides what the whole window does
/// about it (back to sign-in when the session ended, the lock screen, the keyring page)
/// while the component shows its own message, in the window's language.
#[derive(Clone, PartialEq)]
pub struct Command {
    app: Option<AppDispatch>,
    words: Words,
}

#[hook]
pub fn use_command() -> Command {
    Command {
        app: use_context::<AppDispatch>(),
        words: use_words(),
    }
}

impl Command {
    /// Calls `name` with `req` (`()` for a command without input) and passes the answer
    /// to `done`.
    pub fn call<Req, Resp, F>(&self, name: &'static str, req: Req, done: F)
    where
        Req: Serialize + 'static,
        Resp: DeserializeOwned + 'static,
        F: FnOnce(Result<Resp, Error>) + 'static,
    {
        self.run(async move { ipc::call(name, &req).await }, done);
    }

    /// Awaits a call made another way (a wrapper such as [`ipc::sign_out`], or one that
    /// listens to events while it runs) and passes its answer to `done`, reporting a
    /// failure like any other call.
    pub fn run<Resp, Fut, F>(&self, answer: Fut, done: F)
    where
        Fut: Future<Output = Result<Resp, Error>> + 'static,
        F: FnOnce(Result<Resp, Error>) + 'static,
    {
        let app = self.app.clone();
        let words = self.words.clone();
        spawn_local(async move {
            // The core's refusals come as catalogue messages, said here in the window's
            // language.
            let answer = answer.await.map_err(|error| words.error(error));
            if let (Err(error), Some(app)) = (&answer, app) {
                app.dispatch(AppAction::Failed(error.clone()));
            }
            done(answer);
        });
    }

    /// Calls `name` with `req` and dispatches the action `to_action` makes of the answer.
    pub fn dispatch<Req, Resp, R, F>(
        &self,
        name: &'static str,
        req: Req,
        dispatcher: UseReducerDispatcher<R>,
        to_action: F,
    ) where
        Req: Serialize + 'static,
        Resp: DeserializeOwned + 'static,
        R: Reducible + 'static,
        F: FnOnce(Result<Resp, Error>) -> R::Action + 'static,
    {
        self.call(name, req, move |answer| {
            dispatcher.dispatch(to_action(answer))
        });
    }

    /// [`Command::dispatch`] with a failure already turned into the words a person is
    /// shown, for states that keep the answer as a [`crate::state::remote::Remote`].
    pub fn load<Req, Resp, R, F>(
        &self,
        name: &'static str,
        req: Req,
        dispatcher: UseReducerDispatcher<R>,
        to_action: F,
    ) where
        Req: Serialize + 'static,
        Resp: DeserializeOwned + 'static,
        R: Reducible + 'static,
        F: FnOnce(Result<Resp, String>) -> R::Action + 'static,
    {
        self.dispatch(name, req, dispatcher, move |answer| {
            to_action(answer.map_err(|error| error.message))
        });
    }

    /// The app's actions, for answers that change the whole window (signed in, locked);
    /// they go nowhere without an app (a component on its own, in tests).
    pub fn app(&self) -> Callback<AppAction> {
        self.app
            .as_ref()
            .map_or_else(Callback::noop, |app| app.to_callback())
    }
}
