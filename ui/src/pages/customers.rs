use keydesk_api::{
    commands, ArchiveCustomerRequest, Customer, CustomerIdRequest, CustomerPage, CustomerSort,
    CustomerSummary, Error,
};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::badge::Badge;
use crate::components::banner::Banner;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::customer_form::CustomerFormDialog;
use crate::components::icon::{Icon, IconName};
use crate::components::select::Select;
use crate::dom::{focus_id, local_time_short};
use crate::ipc;
use crate::state::app::{AppAction, AppDispatch};
use crate::state::customer_detail::{CustomerDetail, DetailAction, DetailStatus};
use crate::state::customers::{
    status_badge, status_from_value, status_value, tier_from_value, tier_label, tier_tone,
    tier_value, CustomerList, CustomerListAction, ListStatus, STATUSES, TIERS,
};
use crate::state::page::Page;

#[derive(Properties, PartialEq)]
pub struct CustomersProps {
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

    let content = match *view {
        View::List => {
            html! { <CustomerListView list={list.clone()} open={open.clone()} {open_new} /> }
        }
        View::Detail(id) => html! { <CustomerDetailView key={id} {id} {onback} /> },
    };
    html! {
        <>
            { content }
            if *creating {
                <CustomerFormDialog {onsaved} onopen={open} {oncancel} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ListViewProps {
    list: UseReducerHandle<CustomerList>,
    open: Callback<i64>,
    open_new: Callback<MouseEvent>,
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
    let on_status = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |v: String| {
            dispatcher.dispatch(CustomerListAction::FilterStatus(status_from_value(&v)))
        })
    };
    let on_tier = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |v: String| {
            dispatcher.dispatch(CustomerListAction::FilterTier(tier_from_value(&v)))
        })
    };
    let on_clear = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(CustomerListAction::Clear);
            focus_id("customer-search");
        })
    };
    let on_more = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(CustomerListAction::LoadMore))
    };
    let on_retry = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(CustomerListAction::Reload))
    };

    let on_sort = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |v: String| {
            let sort = if v == "newest" {
                CustomerSort::Newest
            } else {
                CustomerSort::Name
            };
            dispatcher.dispatch(CustomerListAction::Sort(sort))
        })
    };
    let sort_options = vec![
        (AttrValue::from("newest"), AttrValue::from("Newest first")),
        (AttrValue::from("name"), AttrValue::from("Name")),
    ];
    let sort_value = match list.sort {
        CustomerSort::Name => "name",
        CustomerSort::Newest => "newest",
    };

    let mut status_options = vec![(AttrValue::from(""), AttrValue::from("All"))];
    status_options.extend(
        STATUSES
            .iter()
            .map(|s| (status_value(*s).into(), status_badge(*s).1.into())),
    );
    let mut tier_options = vec![(AttrValue::from(""), AttrValue::from("All"))];
    tier_options.extend(
        TIERS
            .iter()
            .map(|t| (tier_value(*t).into(), tier_label(*t).into())),
    );

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
        html! {
            <div id="customer-empty" class="empty-state">
                <span class="card-icon tone-accent"><Icon name={IconName::Search} size={22} /></span>
                <h3>{ text }</h3>
                <p class="muted">{ "Try fewer or shorter words: the search finds the start of words in names, emails, phone numbers, companies and notes." }</p>
                <button type="button" id="customer-clear-search" class="btn btn-secondary" onclick={on_clear.clone()}>
                    { if search.is_empty() { "Clear filters" } else { "Clear search" } }
                </button>
            </div>
        }
    };
    let body = match &list.list {
        ListStatus::Loading if list.rows.is_empty() => html! {
            <tr class="table-note"><td colspan="5">
                <span class="spinner spinner-sm" aria-hidden="true"></span>{ "Loading customers…" }
            </td></tr>
        },
        ListStatus::Failed(_) if list.rows.is_empty() => html! {
            <tr class="table-note"><td colspan="5">
                { "The customers could not be loaded. " }
                <button type="button" id="customer-retry" class="link-button" onclick={on_retry}>{ "Try again" }</button>
            </td></tr>
        },
        _ => html! {
            for row in list.rows.iter() { { customer_row(row, &props.open) } }
        },
    };

    html! {
        <section id={Page::Customers.page_id()} class="page page-fill" aria-labelledby="page-title">
            <div class="filter-bar card" role="search" aria-label="Find customers">
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
                    <label class="field-label" for="customer-sort">{ "Order" }</label>
                    <Select id="customer-sort" value={sort_value}
                        options={sort_options} onchange={on_sort} />
                </div>
                <button type="button" id="customer-new" class="btn btn-primary filter-action"
                    title="New customer (Ctrl+N)" onclick={props.open_new.clone()}>
                    <Icon name={IconName::UserPlus} size={16} />
                    { "New customer" }
                </button>
            </div>
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
                                    <th scope="col" class="col-badge">{ "Tier" }</th>
                                    <th scope="col" class="col-badge">{ "Status" }</th>
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

fn customer_row(row: &CustomerSummary, open: &Callback<i64>) -> Html {
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
            <td class="col-badge"><Badge tone={tier_tone(row.tier)} text={tier_label(row.tier)} /></td>
            <td class="col-badge"><Badge tone={status_tone} text={status_text} /></td>
        </tr>
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
    // Esc goes back to the list (dialogs stop their own Esc first).
    let onkeydown = {
        let onback = props.onback.clone();
        let busy = *editing || state.confirm_archive;
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
    let confirm = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(DetailAction::SetArchived(true)))
    };
    let cancel_archive = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(DetailAction::CancelArchive))
    };
    let dismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(DetailAction::DismissError))
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
            html! {
                <>
                    <header class="detail-head card">
                        <span class="avatar detail-avatar" aria-hidden="true">{ initials(customer) }</span>
                        <div class="detail-who">
                            <h2 id="customer-name" class="detail-name">
                                { format!("{} {}", customer.first_name, customer.last_name) }
                            </h2>
                            <p id="customer-email" class="muted">{ customer.email.clone() }</p>
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
                        </div>
                    </header>
                    if let Some(message) = &state.error {
                        <Banner id="customer-error" message={message.clone()} ondismiss={dismiss} />
                    }
                    <div class="detail-grid">
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
                        <aside class="card detail-card" aria-labelledby="customer-agents-title">
                            <h3 class="card-title" id="customer-agents-title">{ "Linked staff" }</h3>
                            <ul id="customer-agents" class="agent-list">
                                for agent in customer.agents.iter() {
                                    <li class="customer-agent" key={agent.staff_id}>
                                        <span class="cell-strong">{ agent.display_name.clone() }</span>
                                        if agent.created_it {
                                            <Badge tone={crate::state::tone::Tone::Accent} text="created" />
                                        } else {
                                            <span class="muted small">{ format!("linked {}", local_time_short(&agent.linked_at)) }</span>
                                        }
                                    </li>
                                }
                            </ul>
                            <dl class="facts facts-times">
                                <div class="fact">
                                    <dt>{ "Created" }</dt>
                                    <dd><time datetime={customer.created_at.clone()}>{ local_time_short(&customer.created_at) }</time></dd>
                                </div>
                                <div class="fact">
                                    <dt>{ "Updated" }</dt>
                                    <dd><time datetime={customer.updated_at.clone()}>{ local_time_short(&customer.updated_at) }</time></dd>
                                </div>
                            </dl>
                        </aside>
                    </div>
                    if *editing {
                        <CustomerFormDialog customer={(**customer).clone()} {onsaved} onreloaded={Some(onreloaded)}
                            {onopen} {oncancel} />
                    }
                    if state.confirm_archive {
                        <ConfirmDialog
                            title={format!("Archive {} {}?", customer.first_name, customer.last_name)}
                            message="An archived customer leaves the everyday list (filter by Archived to find them) and can be restored at any time. Nothing is deleted."
                            confirm_label="Archive"
                            destructive=true
                            busy={state.archiving}
                            onconfirm={confirm}
                            oncancel={cancel_archive}
                        />
                    }
                </>
            }
        }
    };

    html! {
        <section id="page-customer" class="page" aria-labelledby="page-title" {onkeydown}>
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
