use keydesk_api::{CredentialsState, CustomerSort, CustomerStatus, Tier};

use crate::components::customer_rows::CustomerRows;
use crate::components::table_note::{table_loading, table_note};
use crate::dom::focus_id;
use crate::prelude::*;
use crate::state::customers::{
    count_text, verified_badge, verified_from_value, verified_value, CustomerList,
    CustomerListAction,
};

#[derive(Properties, PartialEq)]
pub struct ListViewProps {
    pub list: UseReducerHandle<CustomerList>,
    pub open: Callback<i64>,
    pub open_new: Callback<MouseEvent>,
    /// Offer "Export CSV".
    pub can_export: bool,
    /// Offer "Import CSV".
    pub can_import: bool,
    pub open_import: Callback<MouseEvent>,
    /// Offer the Agent filter.
    pub sees_all: bool,
    /// Offer "Generate logins" for the customers on show.
    #[prop_or_default]
    pub can_generate: bool,
    pub open_generate: Callback<MouseEvent>,
}

/// A labelled drop-down of the filter bar.
fn filter(
    id: &'static str,
    label: String,
    value: impl Into<AttrValue>,
    options: Vec<(AttrValue, AttrValue)>,
    onchange: Callback<String>,
) -> Html {
    html! {
        <div class="filter-field filter-narrow">
            <label class="field-label" for={id}>{ label }</label>
            <Select {id} value={value.into()} {options} {onchange} />
        </div>
    }
}

/// The customer list: search, filters, the list's actions and the table.
#[component]
pub fn CustomerListView(props: &ListViewProps) -> Html {
    let words = use_words();
    let list = &props.list;
    let dispatch = list.dispatcher().to_callback();
    let on_search = dispatch.reform(|e: InputEvent| CustomerListAction::Search(typed(e)));
    let on = |make: fn(&str) -> CustomerListAction| dispatch.reform(move |v: String| make(&v));
    let on_clear = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(CustomerListAction::Clear);
            focus_id("customer-search");
        })
    };
    let send = |make: fn() -> CustomerListAction| dispatch.reform(move |_: MouseEvent| make());
    let dismiss_export = dispatch.reform(|()| CustomerListAction::DismissExport);

    let status_options = words.choices_or("choice-all", &CustomerStatus::ALL);
    let tier_options = words.choices_or("choice-all", &Tier::ALL);
    let mut verified_options = vec![("".into(), words.t("choice-all").into())];
    verified_options.extend([true, false].map(|v| {
        let value = verified_value(Some(v));
        (value.into(), words.t(verified_badge(v).1).into())
    }));
    let credentials_options = words.choices_or("choice-all", &CredentialsState::ALL);
    let agent_options = known_choices(
        words.t("customer-list-all-staff"),
        list.agents
            .iter()
            .map(|a| (a.id.to_string(), a.label(&words))),
        list.filter.agent.map(|id| {
            let number = words.number(id);
            let label = words.t_with("customer-list-staff-number", &[("id", &number)]);
            (id.to_string(), label)
        }),
    );

    let loaded_empty = list.rows.is_empty() && list.load.remote.loaded().is_some();
    let search = list.filter.search.trim();
    let empty = if !list.is_filtered() {
        html! {
            <div id="customer-empty" class="empty-state">
                <span class="card-icon tone-accent"><Icon name={IconName::Customers} size={22} /></span>
                <h3>{ words.t("customer-list-empty-title") }</h3>
                <p class="muted">{ words.t("customer-list-empty-lead") }</p>
                <button type="button" id="customer-empty-new" class="btn btn-primary" onclick={props.open_new.clone()}>
                    <Icon name={IconName::UserPlus} size={16} />
                    { words.t("customer-list-empty-create") }
                </button>
            </div>
        }
    } else {
        let (text, hint, clear) = if search.is_empty() {
            (
                words.t("customer-list-no-match"),
                words.t("customer-list-no-match-hint"),
                words.t("customer-list-clear-filters"),
            )
        } else {
            (
                words.t_with("customer-list-no-match-search", &[("search", search)]),
                words.t("customer-list-no-match-search-hint"),
                words.t("customer-list-clear-search"),
            )
        };
        html! {
            <div id="customer-empty" class="empty-state">
                <span class="card-icon tone-accent"><Icon name={IconName::Search} size={22} /></span>
                <h3>{ text }</h3>
                <p class="muted">{ hint }</p>
                <button type="button" id="customer-clear-search" class="btn btn-secondary" onclick={on_clear.clone()}>
                    { clear }
                </button>
            </div>
        }
    };
    let body = match &list.load.remote {
        Remote::Loading if list.rows.is_empty() => {
            table_loading(COLUMNS, words.t("customer-list-loading"))
        }
        Remote::Failed(_) if list.rows.is_empty() => table_note(
            COLUMNS,
            html! { <>
                { words.t("customer-list-load-failed") }{ " " }
                <button type="button" id="customer-retry" class="link-button" onclick={send(|| CustomerListAction::Reload)}>{ words.t("try-again") }</button>
            </> },
        ),
        _ => html! { <CustomerRows rows={list.rows.clone()} open={props.open.clone()} /> },
    };
    let exporting = list.export.is_loading();
    let without_login = list.without_login().count();

    html! {
        <section id={Page::Customers.page_id()} class="page page-fill" aria-labelledby="page-title">
            <div class="filter-bar card customer-filters" role="search" aria-label={words.t("customer-list-find")}>
                <div class="filter-row">
                    <div class="filter-field filter-search">
                        <label class="field-label" for="customer-search">{ words.t("customer-list-search") }</label>
                        <div class="input-wrap search-wrap">
                            <Icon name={IconName::Search} size={16} />
                            <input type="search" id="customer-search" class="input"
                                placeholder={words.t("customer-list-search-placeholder")}
                                value={list.filter.search.clone()} spellcheck="false" autocomplete="off"
                                autofocus=true oninput={on_search} />
                        </div>
                    </div>
                    <button type="button" id="customer-clear-filters" class="btn btn-ghost filter-clear"
                        title={words.t("customer-list-clear-filters-title")}
                        disabled={!list.is_filtered()} onclick={on_clear.clone()}>
                        { words.t("customer-list-clear-filters") }
                    </button>
                    // The list's actions: Import, Export CSV, New customer.
                    <div class="filter-actions">
                        if props.can_import {
                            <button type="button" id="customer-import" class="btn btn-secondary filter-action"
                                title={words.t("customer-list-import-title")} onclick={props.open_import.clone()}>
                                <Icon name={IconName::Upload} size={16} />
                                { words.t("customer-list-import") }
                            </button>
                        }
                        if props.can_generate {
                            <button type="button" id="customer-generate-logins" class="btn btn-secondary filter-action"
                                title={words.t("customer-list-generate-title")}
                                disabled={without_login == 0} onclick={props.open_generate.clone()}>
                                <Icon name={IconName::Key} size={16} />
                                { words.t("customer-list-generate") }
                            </button>
                        }
                        if props.can_export {
                            <BusyButton id="customer-export" class="btn btn-secondary filter-action"
                                busy={exporting} busy_label={words.t("customer-list-exporting")}
                                title={words.t("customer-list-export-title")}
                                onclick={send(|| CustomerListAction::Export)}>
                                <Icon name={IconName::Download} size={16} />
                                { words.t("customer-list-export") }
                            </BusyButton>
                        }
                        <button type="button" id="customer-new" class="btn btn-primary filter-action"
                            title={words.t("customer-list-new-title")} onclick={props.open_new.clone()}>
                            <Icon name={IconName::UserPlus} size={16} />
                            { words.t("customer-list-new") }
                        </button>
                    </div>
                </div>
                <div class="filter-row">
                    { filter("customer-filter-status", words.t("customer-list-status"), list.filter.status.map_or("", CustomerStatus::as_str),
                        status_options, on(|v| CustomerListAction::FilterStatus(v.parse().ok()))) }
                    { filter("customer-filter-tier", words.t("customer-list-tier"), list.filter.tier.map_or("", Tier::as_str),
                        tier_options, on(|v| CustomerListAction::FilterTier(v.parse().ok()))) }
                    { filter("customer-filter-verified", words.t("customer-list-verified"), verified_value(list.filter.verified),
                        verified_options, on(|v| CustomerListAction::FilterVerified(verified_from_value(v)))) }
                    { filter("customer-filter-credentials", words.t("customer-list-credentials"), list.filter.credentials.map_or("", CredentialsState::as_str),
                        credentials_options, on(|v| CustomerListAction::FilterCredentials(v.parse().ok()))) }
                    if props.sees_all {
                        { filter("customer-filter-agent", words.t("customer-list-agent"), list.filter.agent.map(|a| a.to_string()).unwrap_or_default(),
                            agent_options, on(|v| CustomerListAction::FilterAgent(v.parse().ok()))) }
                    }
                    <div class="filter-field filter-narrow filter-sort">
                        <label class="field-label" for="customer-sort">{ words.t("customer-list-order") }</label>
                        <Select id="customer-sort" value={list.filter.sort.as_str()}
                            options={words.choices(&CustomerSort::ALL)}
                            onchange={on(|v| CustomerListAction::Sort(v.parse().unwrap_or_default()))} />
                    </div>
                </div>
            </div>
            if let Some(notice) = &list.notice {
                <Banner id="customer-notice" tone={Tone::Success} message={words.t(notice)} ondismiss={dispatch.reform(|()| CustomerListAction::DismissNotice)} />
            }
            if let Some(text) = list.export_text(&words) {
                <Banner id="customer-export-result" tone={Tone::Success} message={text} ondismiss={dismiss_export.clone()} />
            }
            if let Some(message) = list.export.remote.failure() {
                <Banner id="customer-export-error" message={words.t_with("customer-list-export-failed", &[("reason", message)])} ondismiss={dismiss_export} />
            }
            if let Some(message) = list.load.remote.failure() {
                if !list.rows.is_empty() {
                    <Banner id="customer-error" message={words.t_with("customer-list-load-more-failed", &[("reason", message)])} />
                }
            }
            if loaded_empty {
                <div class="card empty-card">{ empty }</div>
            } else {
                <div class="card table-card">
                    <div class="table-wrap" tabindex="-1">
                        <table id="customer-table" class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{ words.t("customer-list-col-name") }</th>
                                    <th scope="col">{ words.t("customer-list-col-phone") }</th>
                                    <th scope="col">{ words.t("customer-list-col-company") }</th>
                                    <th scope="col" class="col-badge">{ words.t("customer-list-col-status") }</th>
                                    <th scope="col" class="col-login">{ words.t("customer-list-col-login") }</th>
                                    <th scope="col" class="col-last-login">{ words.t("customer-list-col-last-login") }</th>
                                </tr>
                            </thead>
                            <tbody>{ body }</tbody>
                        </table>
                    </div>
                    <footer class="table-foot">
                        <span id="customer-count" class="muted" aria-live="polite">
                            if !list.load.is_loading() || !list.rows.is_empty() {
                                { count_text(&words, list.total) }
                            }
                        </span>
                        if list.next.is_some() {
                            <button type="button" id="customer-more" class="btn btn-secondary btn-sm"
                                disabled={list.load.is_loading()} onclick={send(|| CustomerListAction::LoadMore)}>
                                { words.t("customer-list-load-more") }
                            </button>
                        }
                    </footer>
                </div>
            }
        </section>
    }
}

/// Columns of the customer table (for notes that span it).
const COLUMNS: u32 = 6;
