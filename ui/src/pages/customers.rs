use keydesk_api::{Customer, Permission, SessionInfo, StaffMember};

use super::customer_detail::CustomerDetailView;
use super::customer_import::CustomerImportDialog;
use super::customer_list::CustomerListView;
use crate::components::customer_form::CustomerFormDialog;
use crate::components::generate_logins_dialog::GenerateLoginsDialog;
use crate::hooks::sync_status::use_sync_changed;
use crate::hooks::use_request::use_request;
use crate::prelude::*;
use crate::state::customers::{CustomerList, CustomerListAction};

#[derive(Properties, PartialEq)]
pub struct CustomersProps {
    /// The signed-in person: what they may do decides the filters and buttons on offer.
    pub session: SessionInfo,
    /// Open the new-customer form now (Ctrl+N); `onnewopened` says it was done.
    #[prop_or_default]
    pub open_new: bool,
    pub onnewopened: Callback<()>,
}

/// The customers the person may see: the list with search and filters, one customer's
/// detail, and the form that creates or edits one.
#[component]
pub fn CustomersPage(props: &CustomersProps) -> Html {
    let command = use_command();
    let list = use_reducer(CustomerList::default);
    // The customer whose detail is on show instead of the list.
    let detail = use_state(|| None::<i64>);
    let creating = use_state(|| false);
    let importing = use_state(|| false);
    let generating = use_state(|| None::<Vec<i64>>);
    let permissions = &props.session.permissions;
    let sees_all = permissions.contains(&Permission::SeeAllCustomers);

    {
        let (query, dispatcher, command) = (list.query(), list.dispatcher(), command.clone());
        let name = if list.background {
            commands::REFRESH_CUSTOMERS
        } else {
            commands::LIST_CUSTOMERS
        };
        use_request(&list.load, move |seq| {
            command.load(name, query, dispatcher, move |result| {
                CustomerListAction::Loaded { seq, result }
            });
        });
    }
    // The Agent filter's options, for those who see every customer.
    {
        let (dispatcher, command) = (list.dispatcher(), command.clone());
        use_effect_with(sees_all, move |&sees_all| {
            if sees_all {
                // On failure the filter offers "All staff" only.
                command.call(
                    commands::LIST_STAFF,
                    (),
                    move |answer: Result<Vec<StaffMember>, _>| {
                        if let Ok(members) = answer {
                            dispatcher.dispatch(CustomerListAction::AgentsLoaded(members));
                        }
                    },
                );
            }
        });
    }
    {
        let (query, dispatcher) = (list.export_query.clone(), list.dispatcher());
        use_request(&list.export, move |seq| {
            if let Some(query) = query {
                command.load(
                    commands::EXPORT_CUSTOMERS_CSV,
                    query,
                    dispatcher,
                    move |result| CustomerListAction::Exported { seq, result },
                );
            }
        });
    }
    // Other desks' customers appear without a restart: the list reads them again when a
    // sync brought changes.
    {
        let dispatcher = list.dispatcher();
        use_sync_changed(
            true,
            Callback::from(move |changed: keydesk_api::SyncChanged| {
                if changed.pulled > 0 {
                    dispatcher.dispatch(CustomerListAction::Refresh);
                }
            }),
        );
    }
    {
        let (creating, onnewopened) = (creating.clone(), props.onnewopened.clone());
        use_effect_with(props.open_new, move |&open| {
            if open {
                creating.set(true);
                onnewopened.emit(());
            }
        });
    }

    let open_new = creating.setter().to_callback().reform(|_: MouseEvent| true);
    // The same callback on every render, so the rows it is handed to are not drawn again
    // for a keystroke.
    let open = {
        let (detail, creating) = (detail.setter(), creating.setter());
        use_callback((), move |id: i64, _| {
            creating.set(false);
            detail.set(Some(id));
        })
    };
    let onsaved = open.reform(|customer: Customer| customer.id);
    let oncancel = creating.setter().to_callback().reform(|()| false);
    // Back to the list, which reloads and may say what happened to the customer.
    let back = |notice: Option<&'static str>| {
        let (detail, dispatcher) = (detail.clone(), list.dispatcher());
        Callback::from(move |()| {
            detail.set(None);
            if let Some(notice) = notice {
                dispatcher.dispatch(CustomerListAction::Notice(notice));
            }
            dispatcher.dispatch(CustomerListAction::Reload);
        })
    };
    let (onback, onerased) = (back(None), back(Some("customer-list-erased")));

    let open_import = importing
        .setter()
        .to_callback()
        .reform(|_: MouseEvent| true);
    // A dialog closes, saying whether it changed customers: the list then shows them.
    let closed = |close: Callback<()>| {
        let dispatcher = list.dispatcher();
        Callback::from(move |changed: bool| {
            close.emit(());
            if changed {
                dispatcher.dispatch(CustomerListAction::Reload);
            }
        })
    };
    let onimportclose = closed(importing.setter().to_callback().reform(|()| false));

    let open_generate = {
        let (generating, list) = (generating.clone(), list.clone());
        Callback::from(move |_: MouseEvent| {
            generating.set(Some(list.without_login().collect()));
        })
    };
    let ongenerateclose = closed(generating.setter().to_callback().reform(|()| None));

    let content = match *detail {
        None => html! {
            <CustomerListView list={list.clone()} open={open.clone()} {open_new}
                can_export={permissions.contains(&Permission::ExportCustomers)}
                can_import={permissions.contains(&Permission::ImportCustomers)}
                {open_import} {sees_all}
                can_generate={permissions.contains(&Permission::GenerateCustomerLogins)}
                {open_generate} />
        },
        Some(id) => html! {
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
