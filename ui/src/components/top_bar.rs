use keydesk_api::{Role, SessionInfo};
use yew::prelude::*;

use super::badge::Badge;
use super::icon::{Icon, IconName};
use crate::state::tone::Tone;

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    pub title: AttrValue,
    pub session: SessionInfo,
    pub onsignout: Callback<()>,
    /// `sign_out` is running.
    pub signing_out: bool,
}

fn role_tone(role: Role) -> Tone {
    match role {
        Role::Owner => Tone::Accent,
        Role::Admin | Role::Agent => Tone::Neutral,
    }
}

/// Page title, the (not yet live) global search and the signed-in person.
#[component]
pub fn TopBar(props: &TopBarProps) -> Html {
    let onclick = {
        let onsignout = props.onsignout.clone();
        Callback::from(move |_: MouseEvent| onsignout.emit(()))
    };
    let session = &props.session;
    html! {
        <header class="top-bar">
            <h1 class="page-title" id="page-title">{ props.title.clone() }</h1>
            <div class="search" title="Search arrives together with customers">
                <Icon name={IconName::Search} size={16} />
                <input
                    id="global-search"
                    type="search"
                    class="search-input"
                    placeholder="Search… (Ctrl+K)"
                    aria-label="Search (available soon)"
                    disabled=true
                />
            </div>
            <div class="who">
                <div class="who-text">
                    <span class="who-name" id="current-user-name" title={session.email.clone()}>
                        { session.display_name.clone() }
                    </span>
                    <Badge id="current-user-role" tone={role_tone(session.role)} text={session.role.label()} />
                </div>
                <button
                    type="button"
                    id="sign-out"
                    class="btn btn-ghost"
                    disabled={props.signing_out}
                    aria-busy={props.signing_out.then_some("true")}
                    {onclick}
                >
                    <Icon name={IconName::SignOut} size={16} />
                    <span>{ if props.signing_out { "Signing out…" } else { "Sign out" } }</span>
                </button>
            </div>
        </header>
    }
}
