use keydesk_api::SessionInfo;

use crate::prelude::*;
use crate::state::staff::role_tone;

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    pub title: AttrValue,
    pub session: SessionInfo,
    pub onsignout: Callback<MouseEvent>,
    /// The name was clicked: open My account.
    pub onaccount: Callback<MouseEvent>,
    /// My account is the page on show.
    #[prop_or_default]
    pub account_open: bool,
    /// `sign_out` is running.
    pub signing_out: bool,
    /// Status shown before the signed-in person (the outbox indicator).
    #[prop_or_default]
    pub status: Html,
}

/// Page title, the (not yet live) global search and the signed-in person.
#[component]
pub fn TopBar(props: &TopBarProps) -> Html {
    let session = &props.session;
    let words = use_words();
    html! {
        <header class="top-bar">
            <h1 class="page-title" id="page-title">{ props.title.clone() }</h1>
            <div class="search" title={words.t("search-soon")}>
                <Icon name={IconName::Search} size={16} />
                <input
                    id="global-search"
                    type="search"
                    class="search-input"
                    placeholder={words.t("search-placeholder")}
                    aria-label={words.t("search-label")}
                    disabled=true
                />
            </div>
            { props.status.clone() }
            <div class="who">
                <button
                    type="button"
                    id="open-account"
                    class={classes!("who-button", props.account_open.then_some("active"))}
                    title={words.t_with("account-open", &[("email", &session.email)])}
                    aria-current={props.account_open.then_some("page")}
                    onclick={props.onaccount.clone()}
                >
                    <span class="visually-hidden">{ words.t("account-open-hidden") }{ " " }</span>
                    <span class="who-name" id="current-user-name">
                        { session.display_name.clone() }
                    </span>
                    <Badge id="current-user-role" tone={role_tone(session.role)} text={words.role(session.role)} />
                </button>
                <button
                    type="button"
                    id="sign-out"
                    class="btn btn-ghost"
                    title={words.t("sign-out")}
                    disabled={props.signing_out}
                    aria-busy={props.signing_out.then_some("true")}
                    onclick={props.onsignout.clone()}
                >
                    <Icon name={IconName::SignOut} size={16} />
                    <span>{ words.t(if props.signing_out { "signing-out" } else { "sign-out" }) }</span>
                </button>
            </div>
        </header>
    }
}
