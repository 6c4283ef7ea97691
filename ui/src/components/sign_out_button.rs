use crate::ipc;
use crate::prelude::*;
use crate::state::app::AppAction;

/// Signing out: whether it runs, why it failed (until dismissed or tried again), and the
/// callbacks of its button and of the failure's dismiss.
pub struct SignOut {
    pub busy: bool,
    pub error: Option<String>,
    pub onclick: Callback<MouseEvent>,
    pub dismiss: Callback<()>,
}

#[hook]
pub fn use_sign_out() -> SignOut {
    let command = use_command();
    let words = use_words();
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let onclick = {
        let (busy, error) = (busy.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            error.set(None);
            let (app, busy, error) = (command.app(), busy.clone(), error.clone());
            let words = words.clone();
            command.run(ipc::sign_out(), move |answer| match answer {
                Ok(()) => app.emit(AppAction::SignedOut),
                Err(e) => {
                    busy.set(false);
                    let reason = [("reason", e.message.as_str())];
                    error.set(Some(words.t_with("sign-out-failed", &reason)));
                }
            });
        })
    };
    let dismiss = error.setter().to_callback().reform(|()| None);
    SignOut {
        busy: *busy,
        error: (*error).clone(),
        onclick,
        dismiss,
    }
}

#[derive(Properties, PartialEq)]
pub struct SignOutButtonProps {
    pub id: AttrValue,
    pub busy: bool,
    pub onclick: Callback<MouseEvent>,
}

/// The "Sign out" link of a screen that holds the person back (locked, or a password to
/// choose), disabled while it runs.
#[component]
pub fn SignOutButton(props: &SignOutButtonProps) -> Html {
    let words = use_words();
    html! {
        <button type="button" id={props.id.clone()} class="link-button"
            disabled={props.busy} onclick={props.onclick.clone()}>
            { words.t(if props.busy { "signing-out" } else { "sign-out" }) }
        </button>
    }
}
