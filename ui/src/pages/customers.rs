use keydesk_api::{
    commands, ArchiveCustomerRequest, AuditEntry, CredentialsState, Customer, CustomerExport,
    CustomerIdRequest, CustomerPage, CustomerSummary, EraseCustomerRequest, Error, Permission,
    SessionInfo, SetLinkNotesRequest, StaffMember,
};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::badge::Badge;
use crate::components::banner::Banner;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::customer_form::CustomerFormDialog;
use crate::components::customer_handoffs::CustomerHandoffs;
use crate::components::customer_history::CustomerHistory;
use crate::components::customer_login::CustomerLogin;
use crate::components::customer_mails::CustomerMails;
use crate::components::erase_customer_dialog::EraseCustomerDialog;
use crate::components::generate_logins_dialog::GenerateLoginsDialog;
use crate::components::icon::{Icon, IconName};
use crate::components::linked_staff::LinkedStaff;
use crate::components::select::Select;
use crate::dom::{focus_id, local_time, local_time_short, now_ms};
use crate::ipc;
use crate::pages::customer_import::CustomerImportDialog;
use crate::state::app::{AppAction, AppDispatch};
use crate::state::customer_detail::{may_edit_notes, CustomerDetail, DetailAction, DetailStatus};
use crate::state::customers::{
    ago, credentials_badge, credentials_from_value, credentials_value, sort_from_value, sort_label,
    sort_value, status_badge, status_from_value, status_value, tier_from_value, tier_label,
    tier_tone, tier_value, verified_badge, verified_from_value, verified_value, CustomerList,
    CustomerListAction, ExportStatus, ListStatus, CREDENTIALS, SORTS, STATUSES, TIERS,
};
use crate::state::page::Page;
use crate::state::tone::Tone;

#[derive(Properties, PartialEq)]
pub struct CustomersProps {
    /// The signed-in person: what they may do decides the filters and buttons on offer.
    pub session: SessionInfo,
    /// Open the new-customer form now (Ctrl+N); `onnewopened` says it was done.
    #[prop_or_default]
    pub open_new: bool,
    pub onnewopened: Callback<()>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Detail(i64),
}

fn report(app: &Option<AppDispatch>, error: Error) {
    if let Some(app) = app {
        app.dispatch(AppAction::Failed(error));
    }
}

/// The customers the person may see: the list with search and filters, one customer's
/// detail, and the form that creates or edits one.
#[component]
pub fn CustomersPage(props: &CustomersProps) -> Html {
    let app = use_context::<AppDispatch>();
    let list = use_reducer(CustomerList::default);
    let view = use_state(|| View::List);
    let creating = use_state(|| false);
    let importing = use_state(|| false);
    let generating = use_state(|| None::<Vec<i64>>);
    let permissions = &props.session.permissions;
    let sees_all = permissions.contains(&Permission::SeeAllCustomers);

    {
        let list = list.clone();
        let app = app.clone();
        use_effect_with(list.seq, move |&seq| {
            let query = list.query();
            let dispatcher = list.dispatcher();
            spawn_local(async move {
                let answer: Result<CustomerPage, _> =
                    ipc::call(commands::LIST_CUSTOMERS, &query).await;
                match answer {
                    Ok(page) => dispatcher.dispatch(CustomerListAction::Loaded { seq, page }),
                    Err(error) => {
                        dispatcher.dispatch(CustomerListAction::Failed {
                            seq,
                            message: error.message.clone(),
                        });
                        report(&app, error);
                    }
                }
            });
        });
    }
    // The Agent filter's options, for those who see every customer.
    {
        let dispatcher = list.dispatcher();
        let app = app.clone();
        use_effect_with(sees_all, move |&sees_all| {
            if sees_all {
                spawn_local(async move {
                    let answer: Result<Vec<StaffMember>, _> =
                        ipc::call0(commands::LIST_STAFF).await;
                    match answer {
                        Ok(members) => {
                            dispatcher.dispatch(CustomerListAction::AgentsLoaded(members))
                        }
                        // The filter then offers "All staff" only.
                        Err(error) => report(&app, error),
                    }
                });
            }
        });
    }
    {
        let list = list.clone();
        let app = app.clone();
        use_effect_with(list.export_seq, move |&seq| {
            if let Some(query) = list.export_query.clone().filter(|_| seq > 0) {
                let dispatcher = list.dispatcher();
                spawn_local(async move {
                    let answer: Result<CustomerExport, _> =
                        ipc::call(commands::EXPORT_CUSTOMERS_CSV, &query).await;
                    match answer {
                        Ok(export) => {
                            dispatcher.dispatch(CustomerListAction::Exported { seq, export })
                        }
                        Err(error) => {
                            dispatcher.dispatch(CustomerListAction::ExportFailed {
                                seq,
                                message: error.message.clone(),
                            });
                            report(&app, error);
                        }
                    }
                });
            }
        });
    }
    {
        let creating = creating.clone();
        let onnewopened = props.onnewopened.clone();
        use_effect_with(props.open_new, move |&open| {
            if open {
                creating.set(true);
                onnewopened.emit(());
            }
        });
    }

    let open_new = {
        let creating = creating.clone();
        Callback::from(move |_: MouseEvent| creating.set(true))
    };
    let open = {
        let view = view.clone();
        let creating = creating.clone();
        Callback::from(move |id: i64| {
            creating.set(false);
            view.set(View::Detail(id));
        })
    };
    let onsaved = {
        let open = open.clone();
        Callback::from(move |customer: Customer| open.emit(customer.id))
    };
    let oncancel = {
        let creating = creating.clone();
        Callback::from(move |()| creating.set(false))
    };
    let onback = {
        let view = view.clone();
        let dispatcher = list.dispatcher();
        Callback::from(move |()| {
            view.set(View::List);
            dispatcher.dispatch(CustomerListAction::Reload);
        })
    };
    let onerased = {
        let view = view.clone();
        let dispatcher = list.dispatcher();
        Callback::from(move |()| {
            view.set(View::List);
            dispatcher.dispatch(CustomerListAction::Notice("Customer erased".to_owned()));
            dispatcher.dispatch(CustomerListAction::Reload);
        })
    };

    let open_import = {
        let importing = importing.clone();
        Callback::from(move |_: MouseEvent| importing.set(true))
    };
    let onimportclose = {
        let importing = importing.clone();
        let dispatcher = list.dispatcher();
        Callback::from(move |wrote: bool| {
            importing.set(false);
            if wrote {
                dispatcher.dispatch(CustomerListAction::Reload);
            }
        })
    };

    let open_generate = {
        let generating = generating.clone();
        let list = list.clone();
        Callback::from(move |_: MouseEvent| {
            let ids = list
                .rows
                .iter()
                .filter(|r| r.credentials == CredentialsState::NoLogin)
                .map(|r| r.id)
                .collect();
            generating.set(Some(ids));
        })
    };
    let ongenerateclose = {
        let generating = generating.clone();
        let dispatcher = list.dispatcher();
        Callback::from(move |made: bool| {
            generating.set(None);
            if made {
                dispatcher.dispatch(CustomerListAction::Reload);
            }
        })
    };

    let content = match *view {
        View::List => html! {
            <CustomerListView list={list.clone()} open={open.clone()} {open_new}
                can_export={permissions.contains(&Permission::ExportCustomers)}
                can_import={permissions.contains(&Permission::ImportCustomers)}
                {open_import} {sees_all}
                can_generate={permissions.contains(&Permission::GenerateCustomerLogins)}
                {open_generate} />
        },
        View::Detail(id) => html! {
            <CustomerDetailView key={id} {id} {onback} {onerased}
                staff_id={props.session.staff_id} {sees_all}
                can_erase={permissions.contains(&Permission::EraseCustomer)}
                can_reset={permissions.contains(&Permission::ResetCustomerPassword)}
                sees_handoffs={permissions.contains(&Permission::HandOverCredentials)} />
        },
    };
    html! {
        <>
            { content }
            if *creating {
                <CustomerFormDialog {onsaved} onopen={open} {oncancel} />
            }
            if *importing {
                <CustomerImportDialog onclose={onimportclose} />
            }
            if let Some(ids) = &*generating {
                <GenerateLoginsDialog customer_ids={ids.clone()} onclose={ongenerateclose} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ListViewProps {
    list: UseReducerHandle<CustomerList>,
    open: Callback<i64>,
    open_new: Callback<MouseEvent>,
    /// Offer "Export CSV".
    can_export: bool,
    /// Offer "Import CSV".
    can_import: bool,
    open_import: Callback<MouseEvent>,
    /// Offer the Agent filter.
    sees_all: bool,
    /// Offer "Generate logins" for the customers on show.
    #[prop_or_default]
    can_generate: bool,
    open_generate: Callback<MouseEvent>,
}

/// `(value, label)` options led by "All" (the empty value).
fn options<T: Copy>(
    all: &'static str,
    items: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(AttrValue, AttrValue)> {
    std::iter::once((AttrValue::from(""), AttrValue::from(all)))
        .chain(
            items
                .iter()
                .map(|i| (AttrValue::from(value(*i)), AttrValue::from(label(*i)))),
        )
        .collect()
}

#[component]
fn CustomerListView(props: &ListViewProps) -> Html {
    let list = &props.list;
    let dispatcher = list.dispatcher();
    let on_search = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            dispatcher.dispatch(CustomerListAction::Search(value));
        })
    };
    let filter = |make: fn(&str) -> CustomerListAction| {
        let dispatcher = dispatcher.clone();
        Callback::from(move |v: String| dispatcher.dispatch(make(&v)))
    };
    let on_status = filter(|v| CustomerListAction::FilterStatus(status_from_value(v)));
    let on_tier = filter(|v| CustomerListAction::FilterTier(tier_from_value(v)));
    let on_verified = filter(|v| CustomerListAction::FilterVerified(verified_from_value(v)));
    let on_credentials =
        filter(|v| CustomerListAction::FilterCredentials(credentials_from_value(v)));
    let on_agent = filter(|v| CustomerListAction::FilterAgent(v.parse().ok()));
    let on_sort = filter(|v| CustomerListAction::Sort(sort_from_value(v)));
    let on_clear = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(CustomerListAction::Clear);
            focus_id("customer-search");
        })
    };
    let send = |action: fn() -> CustomerListAction| {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action()))
    };
    let on_more = send(|| CustomerListAction::LoadMore);
    let on_retry = send(|| CustomerListAction::Reload);
    let on_export = send(|| CustomerListAction::Export);
    let dismiss_export = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(CustomerListAction::DismissExport))
    };
    let dismiss_notice = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(CustomerListAction::DismissNotice))
    };

    let sort_options = SORTS
        .iter()
        .map(|s| {
            (
                AttrValue::from(sort_value(*s)),
                AttrValue::from(sort_label(*s)),
            )
        })
        .collect::<Vec<_>>();
    let status_options = options("All", &STATUSES, status_value, |s| status_badge(s).1);
    let tier_options = options("All", &TIERS, tier_value, tier_label);
    let verified_options = options("All", &[Some(true), Some(false)], verified_value, |v| {
        verified_badge(v == Some(true)).1
    });
    let credentials_options = options("All", &CREDENTIALS, credentials_value, |c| {
        credentials_badge(c).1
    });
    let mut agent_options = vec![(AttrValue::from(""), AttrValue::from("All staff"))];
    agent_options.extend(list.agents.iter().map(|a| {
        (
            AttrValue::from(a.id.to_string()),
            AttrValue::from(a.label.clone()),
        )
    }));
    // A chosen agent the options do not (yet) list still shows as chosen.
    if let Some(agent) = list
        .agent
        .filter(|id| !list.agents.iter().any(|a| a.id == *id))
    {
        agent_options.push((agent.to_string().into(), format!("Staff #{agent}").into()));
    }

    let loaded_empty = list.rows.is_empty() && list.list == ListStatus::Loaded;
    let search = list.search.trim();
    let empty = if !loaded_empty {
        html! {}
    } else if !list.is_filtered() {
        html! {
            <div id="customer-empty" class="empty-state">
                <span class="card-icon tone-accent"><Icon name={IconName::Customers} size={22} /></span>
                <h3>{ "No customers yet" }</h3>
                <p class="muted">{ "Create the first one: an email and a name are enough to start." }</p>
                <button type="button" id="customer-empty-new" class="btn btn-primary" onclick={props.open_new.clone()}>
                    <Icon name={IconName::UserPlus} size={16} />
                    { "Create a customer" }
                </button>
            </div>
        }
    } else {
        let text = if search.is_empty() {
            "No customer matches these filters".to_owned()
        } else {
            format!("No customer matches “{search}”")
        };
        let hint = if search.is_empty() {
            "Choose “All” in a filter, or clear them all, to see more customers."
        } else {
            "Try fewer or shorter words: the search finds the start of words in names, emails, phone numbers, companies and notes."
        };
        html! {
            <div id="customer-empty" class="empty-state">
                <span class="card-icon tone-accent"><Icon name={IconName::Search} size={22} /></span>
                <h3>{ text }</h3>
                <p class="muted">{ hint }</p>
                <button type="button" id="customer-clear-search" class="btn btn-secondary" onclick={on_clear.clone()}>
                    { if search.is_empty() { "Clear filters" } else { "Clear search" } }
                </button>
            </div>
        }
    };
    let now = now_ms();
    let body = match &list.list {
        ListStatus::Loading if list.rows.is_empty() => html! {
            <tr class="table-note"><td colspan={COLUMNS}>
                <span class="spinner spinner-sm" aria-hidden="true"></span>{ "Loading customers…" }
            </td></tr>
        },
        ListStatus::Failed(_) if list.rows.is_empty() => html! {
            <tr class="table-note"><td colspan={COLUMNS}>
                { "The customers could not be loaded. " }
                <button type="button" id="customer-retry" class="link-button" onclick={on_retry}>{ "Try again" }</button>
            </td></tr>
        },
        _ => html! {
            for row in list.rows.iter() { { customer_row(row, &props.open, now) } }
        },
    };
    let exporting = list.export == ExportStatus::Running;
    let without_login = list
        .rows
        .iter()
        .filter(|r| r.credentials == CredentialsState::NoLogin)
        .count();

    html! {
        <section id={Page::Customers.page_id()} class="page page-fill" aria-labelledby="page-title">
            <div class="filter-bar card customer-filters" role="search" aria-label="Find customers">
                <div class="filter-row">
                    <div class="filter-field filter-search">
                        <label class="field-label" for="customer-search">{ "Search" }</label>
                        <div class="input-wrap search-wrap">
                            <Icon name={IconName::Search} size={16} />
                            <input type="search" id="customer-search" class="input"
                                placeholder="Name, email, phone, company or notes"
                                value={list.search.clone()} spellcheck="false" autocomplete="off"
                                autofocus=true oninput={on_search} />
                        </div>
                    </div>
                    <button type="button" id="customer-clear-filters" class="btn btn-ghost filter-clear"
                        title="Empty the search and put every filter back on All"
                        disabled={!list.is_filtered()} onclick={on_clear.clone()}>
                        { "Clear filters" }
                    </button>
                    // The list's actions: Import, Export CSV, New customer.
                    <div class="filter-actions">
                        if props.can_import {
                            <button type="button" id="customer-import" class="btn btn-secondary filter-action"
                                title="Add customers from a CSV file" onclick={props.open_import.clone()}>
                                <Icon name={IconName::Upload} size={16} />
                                { "Import" }
                            </button>
                        }
                        if props.can_generate {
                            <button type="button" id="customer-generate-logins" class="btn btn-secondary filter-action"
                                title="Generate logins for the customers on show that have none"
                                disabled={without_login == 0} onclick={props.open_generate.clone()}>
                                <Icon name={IconName::Key} size={16} />
                                { "Generate logins" }
                            </button>
                        }
                        if props.can_export {
                            <button type="button" id="customer-export" class="btn btn-secondary filter-action"
                                disabled={exporting} aria-busy={exporting.then_some("true")}
                                title="Save the customers that match the search and filters as a CSV file in your Downloads folder"
                                onclick={on_export}>
                                if exporting {
                                    <span class="spinner spinner-sm" aria-hidden="true"></span>
                                    { "Exporting…" }
                                } else {
                                    <Icon name={IconName::Download} size={16} />
                                    { "Export CSV" }
                                }
                            </button>
                        }
                        <button type="button" id="customer-new" class="btn btn-primary filter-action"
                            title="New customer (Ctrl+N)" onclick={props.open_new.clone()}>
                            <Icon name={IconName::UserPlus} size={16} />
                            { "New customer" }
                        </button>
                    </div>
                </div>
                <div class="filter-row">
                    <div class="filter-field filter-narrow">
                        <label class="field-label" for="customer-filter-status">{ "Status" }</label>
                        <Select id="customer-filter-status" value={list.status.map_or("", status_value)}
                            options={status_options} onchange={on_status} />
                    </div>
                    <div class="filter-field filter-narrow">
                        <label class="field-label" for="customer-filter-tier">{ "Tier" }</label>
                        <Select id="customer-filter-tier" value={list.tier.map_or("", tier_value)}
                            options={tier_options} onchange={on_tier} />
                    </div>
                    <div class="filter-field filter-narrow">
                        <label class="field-label" for="customer-filter-verified">{ "Verified" }</label>
                        <Select id="customer-filter-verified" value={verified_value(list.verified)}
                            options={verified_options} onchange={on_verified} />
                    </div>
                    <div class="filter-field filter-narrow">
                        <label class="field-label" for="customer-filter-credentials">{ "Credentials" }</label>
                        <Select id="customer-filter-credentials" value={list.credentials.map_or("", credentials_value)}
                            options={credentials_options} onchange={on_credentials} />
                    </div>
                    if props.sees_all {
                        <div class="filter-field filter-narrow">
                            <label class="field-label" for="customer-filter-agent">{ "Agent" }</label>
                            <Select id="customer-filter-agent"
                                value={list.agent.map(|a| a.to_string()).unwrap_or_default()}
                                options={agent_options} onchange={on_agent} />
                        </div>
                    }
                    <div class="filter-field filter-narrow filter-sort">
                        <label class="field-label" for="customer-sort">{ "Order" }</label>
                        <Select id="customer-sort" value={sort_value(list.sort)}
                            options={sort_options} onchange={on_sort} />
                    </div>
                </div>
            </div>
            if let Some(notice) = &list.notice {
                <Banner id="customer-notice" tone={Tone::Success} message={notice.clone()} ondismiss={dismiss_notice} />
            }
            if let Some(text) = list.export_text() {
                <Banner id="customer-export-result" tone={Tone::Success} message={text} ondismiss={dismiss_export.clone()} />
            }
            if let ExportStatus::Failed(message) = &list.export {
                <Banner id="customer-export-error" message={format!("Could not export: {message}")} ondismiss={dismiss_export} />
            }
            if let ListStatus::Failed(message) = &list.list {
                if !list.rows.is_empty() {
                    <Banner id="customer-error" message={format!("Could not load more customers: {message}")} />
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
                                    <th scope="col">{ "Name" }</th>
                                    <th scope="col">{ "Phone" }</th>
                                    <th scope="col">{ "Company" }</th>
                                    <th scope="col" class="col-badge">{ "Status" }</th>
                                    <th scope="col" class="col-login">{ "Login" }</th>
                                    <th scope="col" class="col-last-login">{ "Last login" }</th>
                                </tr>
                            </thead>
                            <tbody>{ body }</tbody>
                        </table>
                    </div>
                    <footer class="table-foot">
                        <span id="customer-count" class="muted" aria-live="polite">
                            if list.list != ListStatus::Loading || !list.rows.is_empty() {
                                { list.count_text() }
                            }
                        </span>
                        if list.next.is_some() {
                            <button type="button" id="customer-more" class="btn btn-secondary btn-sm"
                                disabled={list.list == ListStatus::Loading} onclick={on_more}>
                                { "Load more" }
                            </button>
                        }
                    </footer>
                </div>
            }
        </section>
    }
}

/// Columns of the customer table (for notes that span it).
const COLUMNS: &str = "6";

fn customer_row(row: &CustomerSummary, open: &Callback<i64>, now: f64) -> Html {
    let id = row.id;
    let onclick = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.emit(id))
    };
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                open.emit(id);
            }
        })
    };
    let (status_tone, status_text) = status_badge(row.status);
    let name = format!("{} {}", row.first_name, row.last_name);
    html! {
        <tr key={id} class="customer-row" data-id={id.to_string()} tabindex="0"
            aria-label={format!("Open {name}")} {onclick} {onkeydown}>
            <td class="col-person">
                <div class="person-name"><span class="cell-strong">{ name.clone() }</span></div>
                <div class="person-email" title={row.email.clone()}>{ row.email.clone() }</div>
            </td>
            <td class="col-phone">{ dash(row.phone.as_deref()) }</td>
            <td class="col-company">{ dash(row.company.as_deref()) }</td>
            <td class="col-badge col-status">
                <span class="badges">
                    <Badge tone={status_tone} text={status_text} />
                    <Badge tone={tier_tone(row.tier)} text={tier_label(row.tier)} />
                </span>
            </td>
            <td class="col-login">{ login_cell(row) }</td>
            <td class="col-last-login">{ last_login_cell(row.last_login_at.as_deref(), now) }</td>
        </tr>
    }
}

/// Where the customer's login stands, in two short lines: the credentials, then whether
/// the email is verified.
fn login_cell(row: &CustomerSummary) -> Html {
    let (tone, text) = credentials_badge(row.credentials);
    let icon = match row.credentials {
        CredentialsState::NoLogin => None,
        CredentialsState::Pending => Some(IconName::Key),
        CredentialsState::Sent => Some(IconName::CheckCircle),
    };
    let (verified_tone, verified_text) = verified_badge(row.verified);
    html! {
        <div class="login-cell">
            <span class={classes!("login-state", format!("text-{}", tone.class()))}>
                if let Some(icon) = icon { <Icon name={icon} size={14} /> }
                { text }
            </span>
            if row.credentials != CredentialsState::NoLogin {
                <span class={classes!("login-verified", "small", format!("text-{}", verified_tone.class()))}>
                    { verified_text }
                </span>
            }
        </div>
    }
}

fn last_login_cell(at: Option<&str>, now: f64) -> Html {
    let Some(at) = at else {
        return html! { <span class="muted">{ "Never" }</span> };
    };
    let then = js_sys::Date::parse(at);
    if then.is_nan() {
        return html! { { at.to_owned() } };
    }
    html! {
        <time datetime={at.to_owned()} title={local_time(at)}>{ ago(now - then) }</time>
    }
}

/// A value, or a muted dash for none.
fn dash(value: Option<&str>) -> Html {
    match value.filter(|v| !v.trim().is_empty()) {
        Some(value) => html! { { value.to_owned() } },
        None => html! { <span class="muted">{ "—" }</span> },
    }
}

#[derive(Properties, PartialEq)]
struct DetailProps {
    id: i64,
    onback: Callback<()>,
    /// The customer is gone for good: back to the list, saying so.
    onerased: Callback<()>,
    /// The signed-in person: their own link's notes are theirs to change.
    staff_id: i64,
    /// Sees (and may change the link notes of) every customer.
    sees_all: bool,
    can_erase: bool,
    /// Offer "Reset password".
    #[prop_or_default]
    can_reset: bool,
    /// Show the customer's handoff history.
    #[prop_or_default]
    sees_handoffs: bool,
}

#[component]
fn CustomerDetailView(props: &DetailProps) -> Html {
    let app = use_context::<AppDispatch>();
    let state = {
        let id = props.id;
        use_reducer(move || CustomerDetail::new(id))
    };
    let editing = use_state(|| false);

    {
        let state = state.clone();
        let app = app.clone();
        use_effect_with(state.load_seq, move |&seq| {
            let request = CustomerIdRequest {
                customer_id: state.id,
            };
            let dispatcher = state.dispatcher();
            spawn_local(async move {
                let answer: Result<Customer, _> = ipc::call(commands::GET_CUSTOMER, &request).await;
                match answer {
                    Ok(customer) => dispatcher.dispatch(DetailAction::Loaded {
                        seq,
                        customer: Box::new(customer),
                    }),
                    Err(error) => {
                        dispatcher.dispatch(DetailAction::LoadFailed {
                            seq,
                            error: error.clone(),
                        });
                        report(&app, error);
                    }
                }
            });
        });
    }
    // The history, on show and again after every change made here.
    {
        let state = state.clone();
        let app = app.clone();
        use_effect_with(state.history_seq, move |&seq| {
            let request = CustomerIdRequest {
                customer_id: state.id,
            };
            let dispatcher = state.dispatcher();
            spawn_local(async move {
                let answer: Result<Vec<AuditEntry>, _> =
                    ipc::call(commands::CUSTOMER_HISTORY, &request).await;
                match answer {
                    Ok(entries) => {
                        dispatcher.dispatch(DetailAction::HistoryLoaded { seq, entries })
                    }
                    Err(error) => {
                        dispatcher.dispatch(DetailAction::HistoryFailed {
                            seq,
                            message: error.message.clone(),
                        });
                        report(&app, error);
                    }
                }
            });
        });
    }
    {
        let state = state.clone();
        let app = app.clone();
        use_effect_with(state.archive_seq, move |&seq| {
            if seq > 0 && state.archiving {
                let request = ArchiveCustomerRequest {
                    customer_id: state.id,
                    archived: state.archive_to,
                };
                let dispatcher = state.dispatcher();
                spawn_local(async move {
                    let answer: Result<Customer, _> =
                        ipc::call(commands::SET_CUSTOMER_ARCHIVED, &request).await;
                    match answer {
                        Ok(customer) => dispatcher.dispatch(DetailAction::ArchiveDone {
                            seq,
                            customer: Box::new(customer),
                        }),
                        Err(error) => {
                            dispatcher.dispatch(DetailAction::ArchiveFailed {
                                seq,
                                message: error.message.clone(),
                            });
                            report(&app, error);
                        }
                    }
                });
            }
        });
    }
    {
        let state = state.clone();
        let app = app.clone();
        use_effect_with(state.notes_seq, move |&seq| {
            if let Some(notes) = state.notes.clone().filter(|n| seq > 0 && n.busy) {
                let request = SetLinkNotesRequest {
                    customer_id: state.id,
                    staff_id: notes.staff_id,
                    notes: notes.text,
                };
                let dispatcher = state.dispatcher();
                spawn_local(async move {
                    let answer: Result<Customer, _> =
                        ipc::call(commands::SET_CUSTOMER_LINK_NOTES, &request).await;
                    match answer {
                        Ok(customer) => dispatcher.dispatch(DetailAction::NotesSaved {
                            seq,
                            customer: Box::new(customer),
                        }),
                        Err(error) => {
                            dispatcher.dispatch(DetailAction::NotesFailed {
                                seq,
                                error: error.clone(),
                            });
                            report(&app, error);
                        }
                    }
                });
            }
        });
    }
    {
        let state = state.clone();
        let app = app.clone();
        let onerased = props.onerased.clone();
        use_effect_with(state.erase_seq, move |&seq| {
            let running = state.erase.as_ref().is_some_and(|e| e.busy);
            if let Some(erase) = state.erase.clone().filter(|_| seq > 0 && running) {
                let request = EraseCustomerRequest {
                    customer_id: state.id,
                    confirmation: erase.typed,
                };
                let dispatcher = state.dispatcher();
                spawn_local(async move {
                    let answer: Result<(), _> = ipc::call(commands::ERASE_CUSTOMER, &request).await;
                    match answer {
                        Ok(()) => onerased.emit(()),
                        Err(error) => {
                            dispatcher.dispatch(DetailAction::EraseFailed {
                                seq,
                                error: error.clone(),
                            });
                            report(&app, error);
                        }
                    }
                });
            }
        });
    }
    // Esc goes back to the list (dialogs and the notes editor stop their own Esc first).
    let onkeydown = {
        let onback = props.onback.clone();
        let busy = *editing || state.confirm_archive || state.erase.is_some();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && !busy {
                e.prevent_default();
                onback.emit(());
            }
        })
    };

    let send = |make: fn() -> DetailAction| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(make()))
    };
    let emit = |make: fn() -> DetailAction| {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(make()))
    };
    let back = {
        let onback = props.onback.clone();
        Callback::from(move |_: MouseEvent| onback.emit(()))
    };
    let edit = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(true))
    };
    let onsaved = {
        let editing = editing.clone();
        let dispatcher = state.dispatcher();
        Callback::from(move |customer: Customer| {
            editing.set(false);
            dispatcher.dispatch(DetailAction::Changed(Box::new(customer)));
        })
    };
    let onreloaded = {
        let dispatcher = state.dispatcher();
        Callback::from(move |customer: Customer| {
            dispatcher.dispatch(DetailAction::Changed(Box::new(customer)))
        })
    };
    let oncancel = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(false))
    };
    let onopen = {
        let editing = editing.clone();
        Callback::from(move |_: i64| editing.set(false))
    };
    let on_notes_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |staff_id: i64| dispatcher.dispatch(DetailAction::EditNotes(staff_id)))
    };
    let on_notes_type = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| dispatcher.dispatch(DetailAction::NotesTyped(text)))
    };
    let on_erase_type = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| dispatcher.dispatch(DetailAction::EraseTyped(text)))
    };

    let back_button = html! {
        <button type="button" id="customer-back" class="btn btn-ghost btn-sm" onclick={back} title="Back to the list (Esc)">
            <span class="back-arrow" aria-hidden="true">{ "←" }</span>
            { "All customers" }
        </button>
    };

    let body = match &state.status {
        DetailStatus::Loading => html! {
            <div class="card empty-card"><p class="muted">
                <span class="spinner spinner-sm" aria-hidden="true"></span>{ " Loading the customer…" }
            </p></div>
        },
        DetailStatus::NotFound => html! {
            <div class="card empty-card">
                <div id="customer-not-found" class="empty-state">
                    <h3>{ "Customer not found" }</h3>
                    <p class="muted">{ "It does not exist, or it is not linked to you. Go back to the list to find another." }</p>
                </div>
            </div>
        },
        DetailStatus::Failed(message) => html! {
            <>
                <Banner id="customer-load-error" message={format!("Could not load the customer: {message}")} />
                <div>
                    <button type="button" id="customer-retry" class="btn btn-secondary"
                        onclick={send(|| DetailAction::Reload)}>
                        { "Try again" }
                    </button>
                </div>
            </>
        },
        DetailStatus::Loaded(customer) => {
            let (status_tone, status_text) = status_badge(customer.status);
            let archived = state.is_archived();
            let name = format!("{} {}", customer.first_name, customer.last_name);
            let editable: Vec<i64> = customer
                .agents
                .iter()
                .filter(|a| may_edit_notes(a, props.staff_id, props.sees_all))
                .map(|a| a.staff_id)
                .collect();
            html! {
                <>
                    <header class="detail-head card">
                        <span class="avatar detail-avatar" aria-hidden="true">{ initials(customer) }</span>
                        <div class="detail-who">
                            <h2 id="customer-name" class="detail-name">{ name.clone() }</h2>
                            <p id="customer-email-value" class="muted">{ customer.email.clone() }</p>
                        </div>
                        <span class="badges">
                            <Badge id="customer-status" tone={status_tone} text={status_text} />
                            <Badge id="customer-tier" tone={tier_tone(customer.tier)} text={tier_label(customer.tier)} />
                        </span>
                        <div class="page-actions">
                            <button type="button" id="customer-edit" class="btn btn-primary" onclick={edit}>
                                { "Edit" }
                            </button>
                            if archived {
                                <button type="button" id="customer-restore" class="btn btn-secondary"
                                    disabled={state.archiving} onclick={send(|| DetailAction::SetArchived(false))}>
                                    { "Restore" }
                                </button>
                            } else {
                                <button type="button" id="customer-archive" class="btn btn-secondary"
                                    onclick={send(|| DetailAction::AskArchive)}>
                                    { "Archive" }
                                </button>
                            }
                            if props.can_erase {
                                <button type="button" id="customer-erase" class="btn btn-ghost btn-danger-text"
                                    title="Delete this customer's personal data for good"
                                    onclick={send(|| DetailAction::AskErase)}>
                                    { "Erase…" }
                                </button>
                            }
                        </div>
                    </header>
                    if let Some(message) = &state.error {
                        <Banner id="customer-error" message={message.clone()} ondismiss={emit(|| DetailAction::DismissError)} />
                    }
                    <div class="detail-grid">
                        <div class="detail-column">
                            <section class="card detail-card" aria-labelledby="customer-details-title">
                                <h3 class="card-title" id="customer-details-title">{ "Details" }</h3>
                                <dl class="facts">
                                    { fact("customer-phone-value", "Phone", customer.phone.as_deref()) }
                                    { fact("customer-company-value", "Company", customer.company.as_deref()) }
                                    { fact("customer-address-value", "Address", customer.address.as_deref()) }
                                    { fact("customer-city-value", "City", customer.city.as_deref()) }
                                    { fact("customer-country-value", "Country", customer.country.as_deref()) }
                                    { fact("customer-birth-date-value", "Date of birth", customer.birth_date.as_deref()) }
                                    { fact("customer-language-value", "Preferred language", customer.preferred_language.as_deref()) }
                                    { fact("customer-contact-value", "Preferred contact", customer.contact_method.map(contact_label)) }
                                    { fact("customer-marketing-value", "Marketing", Some(if customer.marketing_consent { "Agreed" } else { "Not agreed" })) }
                                    { fact("customer-notes-value", "Notes", Some(customer.notes.as_str())) }
                                </dl>
                            </section>
                            <CustomerHistory history={state.history.clone()} onretry={emit(|| DetailAction::Reload)} />
                        </div>
                        <div class="detail-column">
                            <CustomerLogin account={customer.account.clone()} />
                            <CustomerMails customer_id={customer.id} email={customer.email.clone()}
                                verified={customer.account.as_ref().is_some_and(|a| a.verified())}
                                onverified={emit(|| DetailAction::Reload)} />
                            <CustomerHandoffs customer_id={customer.id} customer_name={name.clone()}
                                can_reset={props.can_reset} sees_history={props.sees_handoffs}
                                has_login={customer.account.is_some()}
                                onreset={emit(|| DetailAction::Reload)} />
                            <LinkedStaff agents={customer.agents.clone()} {editable} notes={state.notes.clone()}
                                onedit={on_notes_edit} ontype={on_notes_type}
                                onsave={emit(|| DetailAction::SaveNotes)} oncancel={emit(|| DetailAction::CancelNotes)}>
                                <dl class="facts facts-times">
                                    <div class="fact">
                                        <dt>{ "Created" }</dt>
                                        <dd><time datetime={customer.created_at.clone()}>{ local_time_short(&customer.created_at) }</time></dd>
                                    </div>
                                    <div class="fact">
                                        <dt>{ "Updated" }</dt>
                                        <dd id="customer-updated">
                                            <time datetime={customer.updated_at.clone()}>{ local_time_short(&customer.updated_at) }</time>
                                            if !customer.updated_by.is_empty() {
                                                <span class="muted">{ " by " }</span>
                                                <span id="customer-updated-by">{ customer.updated_by.clone() }</span>
                                            }
                                        </dd>
                                    </div>
                                </dl>
                            </LinkedStaff>
                        </div>
                    </div>
                    if *editing {
                        <CustomerFormDialog customer={(**customer).clone()} {onsaved} onreloaded={Some(onreloaded)}
                            {onopen} {oncancel} />
                    }
                    if state.confirm_archive {
                        <ConfirmDialog
                            title={format!("Archive {name}?")}
                            message="An archived customer leaves the everyday list (filter by Archived to find them) and can be restored at any time. Nothing is deleted."
                            confirm_label="Archive"
                            destructive=true
                            busy={state.archiving}
                            onconfirm={emit(|| DetailAction::SetArchived(true))}
                            oncancel={emit(|| DetailAction::CancelArchive)}
                        />
                    }
                    if let Some(erase) = &state.erase {
                        <EraseCustomerDialog name={name.clone()} email={customer.email.clone()}
                            typed={erase.typed.clone()} confirmed={state.may_erase()} busy={erase.busy}
                            error={erase.error.clone()} banner={erase.banner.clone()}
                            ontype={on_erase_type} onconfirm={emit(|| DetailAction::Erase)}
                            oncancel={emit(|| DetailAction::CancelErase)} />
                    }
                </>
            }
        }
    };

    html! {
        <section id="page-customer" class="page" aria-labelledby="page-title"
            data-customer-id={props.id.to_string()} {onkeydown}>
            <div class="detail-nav">{ back_button }</div>
            { body }
        </section>
    }
}

fn initials(customer: &Customer) -> String {
    customer
        .first_name
        .chars()
        .take(1)
        .chain(customer.last_name.chars().take(1))
        .flat_map(char::to_uppercase)
        .collect()
}

fn contact_label(method: keydesk_api::ContactMethod) -> &'static str {
    use keydesk_api::ContactMethod;
    match method {
        ContactMethod::Email => "Email",
        ContactMethod::Phone => "Phone call",
        ContactMethod::Sms => "SMS",
        ContactMethod::Whatsapp => "WhatsApp",
    }
}

fn fact(id: &'static str, label: &'static str, value: Option<&str>) -> Html {
    let wide = id == "customer-notes-value" || id == "customer-address-value";
    html! {
        <div class={classes!("fact", wide.then_some("fact-wide"))}>
            <dt>{ label }</dt>
            <dd {id}>{ dash(value) }</dd>
        </div>
    }
}
