use std::future::Future;
use std::ops::Deref;
use std::rc::Rc;

use keydesk_api::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;
use yew::prelude::*;

use super::{Field, FormAction, FormState};
use crate::dom::{focus, focus_id};
use crate::hooks::use_command::{use_command, Command};
use crate::ipc;
use crate::state::app::AppAction;
use crate::words::{use_words, Said, Words};

/// A form wired to the window: its state, one node per field, the callbacks its inputs
/// take, and the words its messages are said in.
pub struct Form<S: Reducible> {
    pub state: UseReducerHandle<S>,
    nodes: Rc<Vec<NodeRef>>,
    words: Words,
}

impl<S: Reducible> Deref for Form<S> {
    type Target = S;

    fn deref(&self) -> &S {
        &self.state
    }
}

fn index<F: Field>(field: F) -> usize {
    F::ALL.iter().position(|&f| f == field).unwrap_or_default()
}

impl<S> Form<S>
where
    S: FormState + Reducible<Action = FormAction<<S as FormState>::Field, <S as FormState>::Own>>,
{
    pub fn dispatcher(&self) -> UseReducerDispatcher<S> {
        self.state.dispatcher()
    }

    /// The error under a field, in the language of the person at the window.
    pub fn field_error(&self, field: S::Field) -> Option<String> {
        self.state.field_error(field).map(|said| self.say(&said))
    }

    /// What the banner says, in the same language.
    pub fn banner(&self) -> Option<String> {
        self.meta().banner.as_ref().map(|said| self.say(said))
    }

    pub fn say(&self, said: &Said) -> String {
        self.words.say(said)
    }

    /// The input's node, where focus goes when the field needs attention.
    pub fn node(&self, field: S::Field) -> NodeRef {
        self.nodes[index(field)].clone()
    }

    pub fn edit(&self, field: S::Field) -> Callback<String> {
        let dispatcher = self.dispatcher();
        Callback::from(move |value| dispatcher.dispatch(FormAction::Edit(field, value)))
    }

    /// Leaving a field shows its check.
    pub fn blur(&self, field: S::Field) -> Option<Callback<()>> {
        let dispatcher = self.dispatcher();
        Some(Callback::from(move |()| {
            dispatcher.dispatch(FormAction::Blur(field))
        }))
    }

    /// A callback that turns what it gets into one of the form's own actions.
    pub fn own<T: 'static>(&self, to_action: impl Fn(T) -> S::Own + 'static) -> Callback<T> {
        let dispatcher = self.dispatcher();
        Callback::from(move |value| dispatcher.dispatch(FormAction::Own(to_action(value))))
    }

    pub fn onsubmit(&self) -> Callback<SubmitEvent> {
        let dispatcher = self.dispatcher();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatcher.dispatch(FormAction::Submit);
        })
    }

    /// Escape dismisses the banner.
    pub fn onkeydown(&self) -> Callback<KeyboardEvent> {
        let dispatcher = self.dispatcher();
        let has_banner = self.meta().banner.is_some();
        Callback::from(move |e: KeyboardEvent| {
            if has_banner && e.key() == "Escape" {
                dispatcher.dispatch(FormAction::DismissBanner);
            }
        })
    }

    pub fn dismiss(&self) -> Callback<()> {
        let dispatcher = self.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(FormAction::DismissBanner))
    }
}

/// Sends a form's request once its reducer accepted a submit; a failure goes back to the
/// form (and to the app, as every failed call does).
pub struct Submission<S: Reducible> {
    command: Command,
    dispatcher: UseReducerDispatcher<S>,
}

impl<S> Submission<S>
where
    S: FormState + Reducible<Action = FormAction<<S as FormState>::Field, <S as FormState>::Own>>,
{
    /// The app's actions, for answers that change the whole window.
    pub fn app(&self) -> Callback<AppAction> {
        self.command.app()
    }

    /// Calls `name` with `req`, which answers with a session: the window goes on signed in.
    pub fn sign_in<Req: Serialize + 'static>(self, name: &'static str, req: Req) {
        let app = self.app();
        self.call(name, req, move |session, _| {
            app.emit(AppAction::SignedIn(session))
        });
    }

    /// Calls `name` with `req`; `done` gets a successful answer and the form's dispatcher.
    pub fn call<Req, Resp>(
        self,
        name: &'static str,
        req: Req,
        done: impl FnOnce(Resp, UseReducerDispatcher<S>) + 'static,
    ) where
        Req: Serialize + 'static,
        Resp: DeserializeOwned + 'static,
    {
        self.run(async move { ipc::call(name, &req).await }, done);
    }

    /// Awaits a save made of several calls (e.g. a check, then the change); `done` gets
    /// its successful answer and the form's dispatcher.
    pub fn run<Resp: 'static>(
        self,
        answer: impl Future<Output = Result<Resp, Error>> + 'static,
        done: impl FnOnce(Resp, UseReducerDispatcher<S>) + 'static,
    ) {
        let dispatcher = self.dispatcher;
        self.command.run(answer, move |answer| match answer {
            Ok(answer) => done(answer, dispatcher),
            Err(error) => dispatcher.dispatch(FormAction::Failed(error)),
        });
    }
}

/// A form's state with the effects every form has: focus on the first field if
/// `autofocus`, `send` once a submit is accepted, and focus on the field that needs
/// attention after a refused submit or a failure.
#[hook]
pub fn use_form<S, I, T>(init: I, autofocus: bool, send: T) -> Form<S>
where
    S: FormState + Reducible<Action = FormAction<<S as FormState>::Field, <S as FormState>::Own>>,
    I: FnOnce() -> S,
    T: FnOnce(&S, Submission<S>) + 'static,
{
    let state = use_reducer(init);
    let command = use_command();
    let words = use_words();
    let nodes = use_memo((), |_| {
        S::Field::ALL
            .iter()
            .map(|_| NodeRef::default())
            .collect::<Vec<_>>()
    });

    {
        let first = nodes.first().cloned().unwrap_or_default();
        use_effect_with((), move |_| {
            if autofocus {
                focus(&first);
            }
        });
    }
    {
        let state = state.clone();
        use_effect_with(state.meta().submit_seq, move |&seq| {
            if seq > 0 && state.meta().busy {
                let dispatcher = state.dispatcher();
                send(
                    &state,
                    Submission {
                        command,
                        dispatcher,
                    },
                );
            }
        });
    }
    {
        let state = state.clone();
        let nodes = nodes.clone();
        use_effect_with(state.meta().attempts, move |&attempts| {
            if attempts == 0 || state.meta().busy {
                return;
            }
            if let Some(field) = state.focus_target() {
                let node = &nodes[index(field)];
                if node.get().is_some() {
                    focus(node);
                } else {
                    focus_id(field.input_id());
                }
            }
        });
    }

    Form {
        state,
        nodes,
        words,
    }
}
