use keydesk_api::{commands, AuditEntry, AuditPage as Page, ChainVerification};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::badge::Badge;
use crate::components::banner::Banner;
use crate::components::icon::{Icon, IconName};
use crate::dom::local_time;
use crate::ipc;
use crate::state::app::{AppAction, AppDispatch};
use crate::state::audit::{
    action_tone, entry_count, verification_text, AuditAction, AuditState, LoadStatus, VerifyStatus,
};
use crate::state::page::Page as ShellPage;

/// The tamper-evident log, newest first, with the chain check.
#[component]
pub fn AuditPage() -> Html {
    let app = use_context::<AppDispatch>();
    let state = use_reducer(AuditState::default);

    // Send the page request the reducer has queued.
    {
        let state = state.clone();
        let app = app.clone();
        use_effect_with(state.load_seq, move |&seq| {
            if let Some(request) = state.pending.clone() {
                let dispatcher = state.dispatcher();
                spawn_local(async move {
                    let answer: Result<Page, _> = ipc::call(commands::AUDIT_PAGE, &request).await;
                    match answer {
                        Ok(page) => dispatcher.dispatch(AuditAction::PageLoaded { seq, page }),
                        Err(error) => {
                            dispatcher.dispatch(AuditAction::LoadFailed {
                                seq,
                                message: error.message.clone(),
                            });
                            if let Some(app) = app {
                                app.dispatch(AppAction::Failed(error));
                            }
                        }
                    }
                });
            }
        });
    }
    {
        let state = state.clone();
        use_effect_with(state.verify_seq, move |&seq| {
            if seq > 0 && state.verify == VerifyStatus::Running {
                let dispatcher = state.dispatcher();
                spawn_local(async move {
                    let answer: Result<ChainVerification, _> =
                        ipc::call0(commands::VERIFY_AUDIT_CHAIN).await;
                    match answer {
                        Ok(result) => dispatcher.dispatch(AuditAction::Verified { seq, result }),
                        Err(error) => {
                            dispatcher.dispatch(AuditAction::VerifyFailed {
                                seq,
                                message: error.message.clone(),
                            });
                            if let Some(app) = app {
                                app.dispatch(AppAction::Failed(error));
                            }
                        }
                    }
                });
            }
        });
    }

    let send = |action: fn() -> AuditAction| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action()))
    };
    let on_verify = send(|| AuditAction::Verify);
    let on_refresh = send(|| AuditAction::Refresh);
    let on_more = send(|| AuditAction::LoadMore);

    let verify_running = state.verify == VerifyStatus::Running;
    let (verify_class, verify_text, verify_icon) = match &state.verify {
        VerifyStatus::Idle => ("verify-result", String::new(), None),
        VerifyStatus::Running => (
            "verify-result",
            "Checking every row of the chain…".to_owned(),
            None,
        ),
        VerifyStatus::Done(result @ ChainVerification::Intact { .. }) => (
            "verify-result text-ok",
            verification_text(result),
            Some(IconName::CheckCircle),
        ),
        VerifyStatus::Done(result @ ChainVerification::Broken { .. }) => (
            "verify-result text-danger",
            verification_text(result),
            Some(IconName::XCircle),
        ),
        VerifyStatus::Failed(message) => (
            "verify-result text-danger",
            format!("Could not check the chain: {message}"),
            Some(IconName::Alert),
        ),
    };

    let refreshing = state.load == LoadStatus::Loading { more: false };
    let loading_more = state.load == LoadStatus::Loading { more: true };
    let body = if !state.loaded && refreshing {
        html! { <tr class="table-note"><td colspan="4">
            <span class="spinner spinner-sm" aria-hidden="true"></span>{ "Loading the audit log…" }
        </td></tr> }
    } else if state.loaded && state.entries.is_empty() {
        html! { <tr class="table-note"><td colspan="4">
            { "No entries yet. Sign-ins and changes will appear here as they happen." }
        </td></tr> }
    } else {
        html! { for entry in state.entries.iter() { { row(entry) } } }
    };

    html! {
        <section id={ShellPage::Audit.page_id()} class="page page-fill" aria-labelledby="page-title">
            <div class="page-head">
                <div>
                    <p class="muted">
                        { "Every security-relevant action, newest first. Each row carries the hash of the one before it, so a changed or removed row shows up when the chain is checked." }
                    </p>
                </div>
                <div class="page-actions">
                    <button type="button" id="audit-refresh" class="btn btn-secondary"
                        disabled={refreshing} onclick={on_refresh}>
                        <Icon name={IconName::Refresh} size={16} />
                        { "Refresh" }
                    </button>
                    <button type="button" id="audit-verify" class="btn btn-primary"
                        disabled={verify_running} aria-busy={verify_running.then_some("true")}
                        onclick={on_verify}>
                        if verify_running {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>
                            { "Verifying…" }
                        } else {
                            <Icon name={IconName::Audit} size={16} />
                            { "Verify chain" }
                        }
                    </button>
                </div>
            </div>
            <p id="audit-verify-result" class={verify_class} role="status" aria-live="polite">
                if let Some(icon) = verify_icon { <Icon name={icon} size={16} /> }
                { verify_text }
            </p>
            if let LoadStatus::Failed(message) = &state.load {
                <Banner id="audit-error"
                    message={format!("Could not load the audit log: {message} Refresh to try again.")} />
            }
            <div class="card table-card">
                <div class="table-wrap" tabindex="0" aria-label="Audit entries">
                    <table id="audit-table" class="table">
                        <thead>
                            <tr>
                                <th scope="col" class="col-time">{ "Time" }</th>
                                <th scope="col" class="col-actor">{ "Actor" }</th>
                                <th scope="col" class="col-action">{ "Action" }</th>
                                <th scope="col">{ "Detail" }</th>
                            </tr>
                        </thead>
                        <tbody>{ body }</tbody>
                    </table>
                </div>
                <footer class="table-foot">
                    <span id="audit-total" class="muted">
                        if state.loaded {
                            { format!("Showing {} of {}", state.entries.len(), entry_count(state.total)) }
                        }
                    </span>
                    if state.next_before_id.is_some() {
                        <button type="button" id="audit-more" class="btn btn-secondary"
                            disabled={!state.can_load_more()} aria-busy={loading_more.then_some("true")}
                            onclick={on_more}>
                            if loading_more {
                                <span class="spinner spinner-sm" aria-hidden="true"></span>
                                { "Loading…" }
                            } else {
                                { "Load more" }
                            }
                        </button>
                    }
                </footer>
            </div>
        </section>
    }
}

fn row(entry: &AuditEntry) -> Html {
    html! {
        <tr class="audit-row" key={entry.id} data-id={entry.id.to_string()}>
            <td class="col-time">
                <time datetime={entry.at.clone()} title={entry.at.clone()}>{ local_time(&entry.at) }</time>
            </td>
            <td class="col-actor">{ entry.actor.clone() }</td>
            <td class="col-action">
                <Badge tone={action_tone(&entry.action)} text={entry.action_label.clone()} />
            </td>
            <td class="col-detail">{ entry.detail.clone() }</td>
        </tr>
    }
}
