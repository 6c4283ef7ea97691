use keydesk_api::{commands, ErrorCode, SessionInfo};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::audit::AuditPage;
use super::dashboard::DashboardPage;
use crate::components::banner::Banner;
use crate::components::sidebar::Sidebar;
use crate::components::top_bar::TopBar;
use crate::ipc;
use crate::state::app::{AppAction, AppDispatch};
use crate::state::page::Page;

#[derive(Properties, PartialEq)]
pub struct ShellProps {
    pub session: SessionInfo,
}

/// The signed-in window: sidebar, top bar and the current page. Everything in it is
/// dropped on sign-out, since the app swaps the whole shell for the sign-in screen.
#[component]
pub fn Shell(props: &ShellProps) -> Html {
    let app = use_context::<AppDispatch>();
    let page = use_state(|| Page::Dashboard);
    let signing_out = use_state(|| false);
    let sign_out_error = use_state(|| None::<String>);

    let onselect = {
        let page = page.clone();
        Callback::from(move |next: Page| {
            if next.is_live() {
                page.set(next);
            }
        })
    };
    let onsignout = {
        let signing_out = signing_out.clone();
        let sign_out_error = sign_out_error.clone();
        Callback::from(move |()| {
            if *signing_out {
                return;
            }
            signing_out.set(true);
            sign_out_error.set(None);
            let app = app.clone();
            let signing_out = signing_out.clone();
            let sign_out_error = sign_out_error.clone();
            spawn_local(async move {
                match ipc::call0::<()>(commands::SIGN_OUT).await {
                    Ok(()) => {
                        if let Some(app) = app {
                            app.dispatch(AppAction::SignedOut);
                        }
                    }
                    // Already signed out: the goal is reached all the same.
                    Err(e) if e.code == ErrorCode::NotSignedIn => {
                        if let Some(app) = app {
                            app.dispatch(AppAction::SignedOut);
                        }
                    }
                    Err(e) => {
                        signing_out.set(false);
                        sign_out_error.set(Some(format!("Could not sign out: {}", e.message)));
                        if let Some(app) = app {
                            app.dispatch(AppAction::Failed(e));
                        }
                    }
                }
            });
        })
    };
    let dismiss_error = {
        let sign_out_error = sign_out_error.clone();
        Callback::from(move |()| sign_out_error.set(None))
    };

    let current = *page;
    let content = match current {
        Page::Audit => html! { <AuditPage /> },
        _ => html! {
            <DashboardPage session={props.session.clone()} onnavigate={onselect.clone()} />
        },
    };

    html! {
        <div class="shell">
            <Sidebar active={current} {onselect} />
            <div class="shell-main">
                <TopBar
                    title={current.title()}
                    session={props.session.clone()}
                    {onsignout}
                    signing_out={*signing_out}
                />
                if let Some(message) = &*sign_out_error {
                    <div class="shell-banner">
                        <Banner id="sign-out-error" message={message.clone()} ondismiss={dismiss_error} />
                    </div>
                }
                <main class="content" id="content">{ content }</main>
            </div>
        </div>
    }
}
