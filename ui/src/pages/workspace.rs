use gloo_events::{EventListener, EventListenerOptions};
use keydesk_api::{Permission, SessionInfo};
use wasm_bindgen::JsCast;

use super::account::AccountPage;
use super::audit::AuditPage;
use super::customers::CustomersPage;
use super::dashboard::DashboardPage;
use super::outbox::OutboxPage;
use super::settings::SettingsPage;
use super::staff::StaffPage;
use super::sync_inbox::SyncInboxPage;
use crate::components::outbox_indicator::OutboxIndicator;
use crate::components::sidebar::Sidebar;
use crate::components::sign_out_button::use_sign_out;
use crate::components::sync_indicator::SyncIndicator;
use crate::components::top_bar::TopBar;
use crate::dom::document;
use crate::hooks::handoff_count::use_pending_handoff_count;
use crate::hooks::idle_lock::use_idle_lock;
use crate::hooks::outbox_status::use_outbox_status;
use crate::hooks::sync_status::use_sync_status;
use crate::prelude::*;
use crate::state::app::AppAction;
use crate::state::outbox::attention_count;

#[derive(Properties, PartialEq)]
pub struct WorkspaceProps {
    pub session: SessionInfo,
    /// The page on show (kept by the app, so that unlocking comes back to it).
    pub page: Page,
}

/// The signed-in window: sidebar, top bar and the current page. Everything in it is
/// dropped on lock and sign-out, since the app swaps the whole workspace for another screen.
#[component]
pub fn Workspace(props: &WorkspaceProps) -> Html {
    let app = use_command().app();
    let sign_out = use_sign_out();
    let words = use_words();

    let open_new_customer = use_state(|| false);

    let may = |permission| props.session.permissions.contains(&permission);
    use_idle_lock(props.session.idle_lock_seconds);
    let outbox = use_outbox_status(may(Permission::SendCustomerMail));
    let pending_handoffs = use_pending_handoff_count(may(Permission::HandOverCredentials));
    let (sync, refresh_sync) = use_sync_status();

    let onselect = app.reform(AppAction::Navigate);
    // Ctrl+N anywhere in the workspace: a new customer (on the Customers page). Not while a
    // dialog is open: it keeps the keyboard to itself.
    {
        let (onselect, open_new_customer) = (onselect.clone(), open_new_customer.clone());
        use_effect_with(may(Permission::CreateCustomer), move |&allowed| {
            let listener = allowed.then(document).flatten().map(|document| {
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(e) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    let is_new = (e.ctrl_key() || e.meta_key())
                        && !e.alt_key()
                        && !e.shift_key()
                        && e.key().eq_ignore_ascii_case("n");
                    if !is_new || dialog_open() {
                        return;
                    }
                    e.prevent_default();
                    open_new_customer.set(true);
                    onselect.emit(Page::Customers);
                })
            });
            move || drop(listener)
        });
    }
    let on_new_opened = open_new_customer.setter().to_callback().reform(|()| false);
    let onaccount = onselect.reform(|_: MouseEvent| Page::Account);

    let session = &props.session;
    let current = props.page;
    let outbox_count = outbox.as_ref().map(|s| (attention_count(s), s.failed > 0));
    let open_outbox = Page::Outbox
        .can_open(&session.permissions)
        .then(|| onselect.reform(|()| Page::Outbox));
    let open_sync = Page::Sync
        .can_open(&session.permissions)
        .then(|| onselect.reform(|()| Page::Sync));
    let status = html! {
        <>
            <SyncIndicator status={sync.clone()} onopen={open_sync} />
            <OutboxIndicator status={outbox.clone()} onopen={open_outbox} />
        </>
    };
    let joined = sync
        .as_ref()
        .is_some_and(|s| s.state != keydesk_api::SyncState::Off);
    let content = match current {
        Page::Staff => html! { <StaffPage session={session.clone()} {joined} /> },
        Page::Audit => html! { <AuditPage permissions={session.permissions.clone()} /> },
        Page::Settings => html! { <SettingsPage session={session.clone()} /> },
        Page::Account => html! { <AccountPage session={session.clone()} /> },
        Page::Customers => html! {
            <CustomersPage session={session.clone()} open_new={*open_new_customer}
                onnewopened={on_new_opened} />
        },
        Page::Outbox => html! { <OutboxPage /> },
        Page::Sync => html! { <SyncInboxPage status={sync.clone()} onchanged={refresh_sync} /> },
        Page::Dashboard => html! {
            <DashboardPage session={session.clone()} onnavigate={onselect.clone()} />
        },
    };

    html! {
        <div class="shell">
            <Sidebar active={current} permissions={session.permissions.clone()} {onselect}
                {pending_handoffs} {outbox_count} />
            <div class="shell-main">
                <TopBar
                    title={current.title(&words)}
                    session={session.clone()}
                    onsignout={sign_out.onclick}
                    {onaccount}
                    account_open={current == Page::Account}
                    signing_out={sign_out.busy}
                    {status}
                />
                if let Some(message) = sign_out.error {
                    <div class="shell-banner">
                        <Banner id="sign-out-error" {message} ondismiss={sign_out.dismiss} />
                    </div>
                }
                <main class="content" id="content">{ content }</main>
            </div>
        </div>
    }
}

/// Whether a modal dialog is on show (shortcuts wait for it to close).
fn dialog_open() -> bool {
    document()
        .and_then(|d| d.query_selector(".modal-backdrop").ok().flatten())
        .is_some()
}
