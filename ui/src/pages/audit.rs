use keydesk_api::{AuditEntry, AuditFilterOptions, ChainVerification, Permission};

use crate::components::agency_chain::AgencyChain;
use crate::components::table_note::{table_loading, table_note};
use crate::hooks::paging::use_paging;
use crate::hooks::use_answer::use_answer;
use crate::hooks::use_request::use_request;
use crate::hooks::use_settled::use_settled;
use crate::prelude::*;
use crate::state::audit::{
    action_name, action_tone, count_text, export_text, sorted_actions, verification_text,
    AuditAction, AuditState, SEARCH_DEBOUNCE_MS,
};
use crate::state::paging::Paging;
use crate::words::Words;

#[derive(Properties, PartialEq)]
pub struct AuditProps {
    /// Decides whether the chain check and the export are offered.
    pub permissions: Vec<Permission>,
}

/// The tamper-evident log, newest first, with filters, the chain check and the export.
#[component]
pub fn AuditPage(props: &AuditProps) -> Html {
    let words = use_words();
    let command = use_command();
    let state = use_reducer(AuditState::default);

    use_paging(&state, commands::AUDIT_PAGE);
    // What the drop-downs offer; without it they offer "All" only.
    let (options, reload_options) = use_answer(commands::AUDIT_FILTER_OPTIONS, true);
    // Search once typing pauses.
    {
        let (rev, dispatcher) = (state.search_rev, state.dispatcher());
        use_settled(rev, SEARCH_DEBOUNCE_MS, move || {
            dispatcher.dispatch(AuditAction::SearchSettled { rev })
        });
    }
    {
        let (command, dispatcher) = (command.clone(), state.dispatcher());
        use_request(&state.verify, move |seq| {
            command.load(
                commands::VERIFY_AUDIT_CHAIN,
                (),
                dispatcher,
                move |result| AuditAction::Verified { seq, result },
            );
        });
    }
    {
        let (filter, dispatcher) = (state.filter.clone(), state.dispatcher());
        use_request(&state.export, move |seq| {
            command.load(
                commands::EXPORT_AUDIT_CSV,
                filter,
                dispatcher,
                move |result| AuditAction::Exported { seq, result },
            );
        });
    }

    let actions = state.dispatcher().to_callback();
    let on_verify = actions.reform(|_: MouseEvent| AuditAction::Verify);
    let on_refresh = {
        let actions = actions.clone();
        Callback::from(move |_: MouseEvent| {
            actions.emit(AuditAction::Refresh);
            // New people and actions may have appeared since.
            reload_options.emit(());
        })
    };
    let on_more = actions.reform(|_: MouseEvent| AuditAction::Page(Paging::More));
    let on_export = actions.reform(|_: MouseEvent| AuditAction::Export);

    let can = |p: Permission| props.permissions.contains(&p);
    let (verify_mark, verify_text) = match &state.verify.remote {
        Remote::Idle => (None, String::new()),
        Remote::Loading => (None, words.t("audit-verifying")),
        Remote::Loaded(result @ ChainVerification::Intact { .. }) => (
            Some(("text-ok", IconName::CheckCircle)),
            verification_text(&words, result),
        ),
        Remote::Loaded(result) => (
            Some(("text-danger", IconName::XCircle)),
            verification_text(&words, result),
        ),
        Remote::Failed(message) => (
            Some(("text-danger", IconName::Alert)),
            words.t_with("audit-verify-failed", &[("reason", message)]),
        ),
    };
    let export_line = match &state.export.remote {
        Remote::Loaded(export) => {
            Some(("text-ok", IconName::Download, export_text(&words, export)))
        }
        Remote::Failed(message) => Some((
            "text-danger",
            IconName::Alert,
            words.t_with("audit-export-failed", &[("reason", message)]),
        )),
        Remote::Idle | Remote::Loading => None,
    };

    let applied_filter = state.filter != keydesk_api::AuditFilter::default();
    let refreshing = state.is_refreshing();
    let list = &state.list;
    let body = if !list.loaded && refreshing {
        table_loading(4, words.t("audit-loading"))
    } else if list.loaded && list.rows.is_empty() && applied_filter {
        table_note(4, words.t("audit-none-matching"))
    } else if list.loaded && list.rows.is_empty() {
        table_note(4, words.t("audit-none-yet"))
    } else {
        html! { for entry in list.rows.iter() { { row(&words, entry) } } }
    };

    html! {
        <section id={Page::Audit.page_id()} class="page page-fill" aria-labelledby="page-title">
            <div class="page-head">
                <div>
                    <p class="muted">{ words.t("audit-lead") }</p>
                </div>
                <div class="page-actions">
                    <button type="button" id="audit-refresh" class="btn btn-secondary"
                        disabled={refreshing} onclick={on_refresh}>
                        <Icon name={IconName::Refresh} size={16} />
                        { words.t("audit-refresh") }
                    </button>
                    if can(Permission::ExportAudit) {
                        <BusyButton id="audit-export" busy={state.export.is_loading()} busy_label={words.t("audit-export-busy")}
                            title={words.t("audit-export-title")}
                            onclick={on_export}>
                            <Icon name={IconName::Download} size={16} />
                            { words.t("audit-export") }
                        </BusyButton>
                    }
                    if can(Permission::VerifyAuditChain) {
                        <BusyButton id="audit-verify" class="btn btn-primary" busy={state.verify.is_loading()}
                            busy_label={words.t("audit-verify-busy")} onclick={on_verify}>
                            <Icon name={IconName::Audit} size={16} />
                            { words.t("audit-verify") }
                        </BusyButton>
                    }
                </div>
            </div>
            { filter_bar(&state, options.as_ref(), &words) }
            <p id="audit-verify-result" class={classes!("verify-result", verify_mark.map(|(tone, _)| tone))} role="status" aria-live="polite">
                if let Some((_, icon)) = verify_mark { <Icon name={icon} size={16} /> }
                { verify_text }
            </p>
            <AgencyChain run={state.verify.seq} />
            if let Some((tone, icon, text)) = export_line {
                <p id="audit-export-result" class={classes!("verify-result", tone, "export-result")} role="status">
                    <Icon name={icon} size={16} />
                    <span>{ text }</span>
                </p>
            }
            if let Some(message) = list.load.remote.failure().or(list.more.remote.failure()) {
                <Banner id="audit-error"
                    message={words.t_with("audit-load-failed", &[("reason", message)])} />
            }
            <div class="card table-card">
                <div class="table-wrap" tabindex="0" aria-label={words.t("audit-table")}>
                    <table id="audit-table" class="table">
                        <thead>
                            <tr>
                                <th scope="col" class="col-time">{ words.t("audit-col-time") }</th>
                                <th scope="col" class="col-actor">{ words.t("audit-col-actor") }</th>
                                <th scope="col" class="col-action">{ words.t("audit-col-action") }</th>
                                <th scope="col">{ words.t("audit-col-detail") }</th>
                            </tr>
                        </thead>
                        <tbody aria-busy={refreshing.then_some("true")}>{ body }</tbody>
                    </table>
                </div>
                <footer class="table-foot">
                    <span id="audit-total" class="muted" aria-live="polite">
                        if list.loaded {
                            { count_text(&words, list.rows.len(), list.total, applied_filter) }
                        }
                    </span>
                    if list.next_before_id.is_some() {
                        <BusyButton id="audit-more" busy={list.is_loading_more()}
                            disabled={!state.can_load_more()} busy_label={words.t("audit-loading-more")} onclick={on_more}>
                            { words.t("audit-load-more") }
                        </BusyButton>
                    }
                </footer>
            </div>
        </section>
    }
}

/// Person, action, days and words; every change reloads from the newest matching row.
fn filter_bar(
    state: &UseReducerHandle<AuditState>,
    options: Option<&AuditFilterOptions>,
    words: &Words,
) -> Html {
    let filter = &state.filter;
    let known_actors = options.map_or(&[][..], |options| &options.actors[..]);
    let known_actions = options
        .map(|options| sorted_actions(words, options))
        .unwrap_or_default();
    let actors = known_choices(
        words.t("audit-all-people"),
        known_actors.iter().map(|a| (a.clone(), a.clone())),
        filter.actor.clone().map(|a| (a.clone(), a)),
    );
    let actions = known_choices(
        words.t("audit-all-actions"),
        known_actions.into_iter(),
        filter.action.clone().map(|a| (a.clone(), a)),
    );

    let send = state.dispatcher().to_callback();
    let on_actor = send.reform(AuditAction::FilterActor);
    let on_action = send.reform(AuditAction::FilterAction);
    let date_change = |make: fn(String) -> AuditAction| send.reform(move |e: Event| make(typed(e)));
    let on_search = send.reform(|e: InputEvent| AuditAction::SearchTyped(typed(e)));
    let on_search_keys = {
        let (send, rev) = (send.clone(), state.search_rev);
        Callback::from(move |e: KeyboardEvent| {
            // Enter searches at once rather than after the pause.
            if e.key() == "Enter" {
                e.prevent_default();
                send.emit(AuditAction::SearchSettled { rev });
            }
        })
    };
    let on_clear = send.reform(|_: MouseEvent| AuditAction::ClearFilters);

    html! {
        <div class="filter-bar card" role="search" aria-label={words.t("audit-filters")}>
            <div class="filter-field">
                <label class="field-label" for="audit-filter-actor">{ words.t("audit-filter-person") }</label>
                <Select id="audit-filter-actor" value={filter.actor.clone().unwrap_or_default()}
                    options={actors} onchange={on_actor} />
            </div>
            <div class="filter-field">
                <label class="field-label" for="audit-filter-action">{ words.t("audit-filter-action") }</label>
                <Select id="audit-filter-action" value={filter.action.clone().unwrap_or_default()}
                    options={actions} onchange={on_action} />
            </div>
            <div class="filter-field filter-date">
                <label class="field-label" for="audit-filter-from">{ words.t("audit-filter-from") }</label>
                <input type="date" id="audit-filter-from" class="input"
                    value={filter.from_date.clone().unwrap_or_default()}
                    max={filter.to_date.clone()}
                    onchange={date_change(AuditAction::FilterFrom)} />
            </div>
            <div class="filter-field filter-date">
                <label class="field-label" for="audit-filter-to">{ words.t("audit-filter-to") }</label>
                <input type="date" id="audit-filter-to" class="input"
                    value={filter.to_date.clone().unwrap_or_default()}
                    min={filter.from_date.clone()}
                    onchange={date_change(AuditAction::FilterTo)} />
            </div>
            <div class="filter-field filter-search">
                <label class="field-label" for="audit-search">{ words.t("audit-filter-search") }</label>
                <div class="input-wrap search-wrap">
                    <Icon name={IconName::Search} size={16} />
                    <input type="search" id="audit-search" class="input" placeholder={words.t("audit-filter-search-placeholder")}
                        value={state.search_input.clone()} spellcheck="false" autocomplete="off"
                        oninput={on_search} onkeydown={on_search_keys} />
                </div>
            </div>
            <button type="button" id="audit-clear-filters" class="btn btn-ghost filter-clear"
                disabled={!state.is_filtered()} onclick={on_clear}>
                { words.t("audit-clear-filters") }
            </button>
        </div>
    }
}

fn row(words: &Words, entry: &AuditEntry) -> Html {
    html! {
        <tr class="audit-row" key={entry.id} data-id={entry.id.to_string()}>
            <td class="col-time">
                <time datetime={entry.at.clone()} title={entry.at.clone()}>{ local_time(&entry.at) }</time>
            </td>
            <td class="col-actor">{ entry.actor.clone() }</td>
            <td class="col-action">
                <Badge tone={action_tone(&entry.action)} text={action_name(words, &entry.action, &entry.action_label)} />
            </td>
            <td class="col-detail">{ entry.detail.clone() }</td>
        </tr>
    }
}
