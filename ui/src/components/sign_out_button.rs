use wasm_bindgen_futures::spawn_local;

use crate::ipc;
use crate::prelude::*;
use crate::state::app::{AppAction, AppDispatch};

/// Signing out from a screen that holds the person back (locked, or a password to
/// choose): whether it runs, why it failed, and the button's click.
pub struct SignOut {
    pub busy: bool,
    pub error: Option<String>,
    pub onclick: Callback<MouseEvent>,
}

#[hook]
pub fn use_sign_out() -> SignOut {
    let app = use_context::<AppDispatch>();
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let onclick = {
        let busy = busy.clone();
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let app = app.clone();
            let busy = busy.clone();
            let error = error.clone();
            spawn_local(async move {
                match ipc::sign_out().await {
                    Ok(()) => {
                        if let Some(app) = app {
                            app.dispatch(AppAction::SignedOut);
                        }
                    }
                    Err(e) => {
                        busy.set(false);
                        error.set(Some(format!("Could not sign out: {}", e.message)));
                    }
                }
            });
        })
    };
    SignOut {
        busy: *busy,
        error: (*error).clone(),
        onclick,
    }
}

#[derive(Properties, PartialEq)]
pub struct SignOutButtonProps {
    pub id: AttrValue,
    pub busy: bool,
    pub onclick: Callback<MouseEvent>,
}

/// The "Sign out" link of such a screen, disabled while it runs.
#[component]
pub fn SignOutButton(props: &SignOutButtonProps) -> Html {
    html! {
        <button type="button" id={props.id.clone()} class="link-button"
            disabled={props.busy} onclick={props.onclick.clone()}>
            { if props.busy { "Signing out…" } else { "Sign out" } }
        </button>
    }
}
