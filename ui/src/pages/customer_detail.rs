use keydesk_api::{
    ArchiveCustomerRequest, Customer, CustomerIdRequest, EraseCustomerRequest, SetLinkNotesRequest,
};

use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::customer_form::CustomerFormDialog;
use crate::components::customer_handoffs::CustomerHandoffs;
use crate::components::customer_history::CustomerHistory;
use crate::components::customer_login::CustomerLogin;
use crate::components::customer_mails::CustomerMails;
use crate::components::dash::dash;
use crate::components::linked_staff::LinkedStaff;
use crate::hooks::use_request::use_request;
use crate::prelude::*;
use crate::state::customer_detail::{CustomerDetail, DetailAction};
use crate::state::customers::{status_tone, tier_tone};

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub id: i64,
    pub onback: Callback<()>,
    /// The customer is gone for good: back to the list, saying so.
    pub onerased: Callback<()>,
    /// The signed-in person: their own link's notes are theirs to change.
    pub staff_id: i64,
    /// Sees (and may change the link notes of) every customer.
    pub sees_all: bool,
    pub can_erase: bool,
    /// Offer "Reset password".
    #[prop_or_default]
    pub can_reset: bool,
    /// Show the customer's handoff history.
    #[prop_or_default]
    pub sees_handoffs: bool,
}

/// One customer: their details, login, mails, handoffs, linked staff and history, and
/// what may be done to them.
#[component]
pub fn CustomerDetailView(props: &DetailProps) -> Html {
    let words = use_words();
    let command = use_command();
    let customer_id = props.id;
    let state = use_reducer(move || CustomerDetail::new(customer_id));
    let editing = use_state(|| false);

    {
        let (command, dispatcher) = (command.clone(), state.dispatcher());
        use_request(&state.load, move |seq| {
            command.dispatch(
                commands::GET_CUSTOMER,
                CustomerIdRequest { customer_id },
                dispatcher,
                move |result| DetailAction::Loaded {
                    seq,
                    result: result.map(Box::new),
                },
            )
        });
    }
    // The history, on show and again after every change made here.
    {
        let (command, dispatcher) = (command.clone(), state.dispatcher());
        use_request(&state.history, move |seq| {
            command.load(
                commands::CUSTOMER_HISTORY,
                CustomerIdRequest { customer_id },
                dispatcher,
                move |result| DetailAction::HistoryLoaded { seq, result },
            )
        });
    }
    {
        let (command, dispatcher) = (command.clone(), state.dispatcher());
        let request = ArchiveCustomerRequest {
            customer_id,
            archived: state.archive_to,
        };
        use_request(&state.archive, move |seq| {
            command.load(
                commands::SET_CUSTOMER_ARCHIVED,
                request,
                dispatcher,
                move |result| DetailAction::ArchiveDone {
                    seq,
                    result: result.map(Box::new),
                },
            )
        });
    }
    {
        let (command, dispatcher) = (command.clone(), state.dispatcher());
        let request = state.notes.as_ref().map(|notes| SetLinkNotesRequest {
            customer_id,
            staff_id: notes.staff_id,
            notes: notes.text.clone(),
        });
        use_request(&state.save_notes, move |seq| {
            if let Some(request) = request {
                command.load(
                    commands::SET_CUSTOMER_LINK_NOTES,
                    request,
                    dispatcher,
                    move |result| DetailAction::NotesSaved {
                        seq,
                        result: result.map(Box::new),
                    },
                );
            }
        });
    }
    {
        let (dispatcher, onerased) = (state.dispatcher(), props.onerased.clone());
        let request = state.erase.as_ref().map(|erase| EraseCustomerRequest {
            customer_id,
            confirmation: erase.typed.clone(),
        });
        use_request(&state.erasing, move |seq| {
            if let Some(request) = request {
                command.call(
                    commands::ERASE_CUSTOMER,
                    request,
                    move |answer| match answer {
                        Ok(()) => onerased.emit(()),
                        Err(error) => dispatcher.dispatch(DetailAction::EraseFailed { seq, error }),
                    },
                );
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

    let dispatch = state.dispatcher().to_callback();
    let send = |make: fn() -> DetailAction| dispatch.reform(move |_: MouseEvent| make());
    let emit = |make: fn() -> DetailAction| dispatch.reform(move |()| make());
    let set_editing = editing.setter().to_callback();
    let onsaved = {
        let (set_editing, dispatch) = (set_editing.clone(), dispatch.clone());
        Callback::from(move |customer: Customer| {
            set_editing.emit(false);
            dispatch.emit(DetailAction::Changed(Box::new(customer)));
        })
    };
    let onreloaded =
        dispatch.reform(|customer: Customer| DetailAction::Changed(Box::new(customer)));

    let body = match &state.load.remote {
        Remote::Idle | Remote::Loading => html! {
            <div class="card empty-card"><p class="muted">
                <span class="spinner spinner-sm" aria-hidden="true"></span>{ " " }
                { words.t_with("loading-what", &[("what", &words.t("customer-detail-what"))]) }
            </p></div>
        },
        Remote::Loaded(None) => html! {
            <div class="card empty-card">
                <div id="customer-not-found" class="empty-state">
                    <h3>{ words.t("customer-detail-not-found") }</h3>
                    <p class="muted">{ words.t("customer-detail-not-found-text") }</p>
                </div>
            </div>
        },
        Remote::Failed(message) => html! {
            <>
                <Banner id="customer-load-error" message={words.t_with("load-failed", &[
                    ("what", &words.t("customer-detail-what")),
                    ("reason", message),
                ])} />
                <div>
                    <button type="button" id="customer-retry" class="btn btn-secondary"
                        onclick={send(|| DetailAction::Reload)}>
                        { words.t("try-again") }
                    </button>
                </div>
            </>
        },
        Remote::Loaded(Some(customer)) => {
            let status_tone = status_tone(customer.status);
            let erasing = state.erasing.is_loading();
            let name = format!("{} {}", customer.first_name, customer.last_name);
            let contact = customer.contact_method.map(|method| words.name(method));
            let gender = customer.gender.map(|gender| words.name(gender));
            let marketing = if customer.marketing_consent {
                words.t("customer-detail-marketing-agreed")
            } else {
                words.t("customer-detail-marketing-not-agreed")
            };
            html! {
                <>
                    <header class="detail-head card">
                        <span class="avatar detail-avatar" aria-hidden="true">{ initials(customer) }</span>
                        <div class="detail-who">
                            <h2 id="customer-name" class="detail-name">{ name.clone() }</h2>
                            <p id="customer-email-value" class="muted">
                                { customer.email.clone() }
                                if let Some(number) = customer.number {
                                    <span id="customer-number" class="customer-number"
                                        title={words.t("customer-detail-number-title")}>
                                        { " · " }{ words.t_with("customer-detail-number", &[("number", &words.number(number))]) }
                                    </span>
                                }
                            </p>
                        </div>
                        <span class="badges">
                            <Badge id="customer-status" tone={status_tone} text={words.name(customer.status)} />
                            <Badge id="customer-tier" tone={tier_tone(customer.tier)} text={words.name(customer.tier)} />
                        </span>
                        <div class="page-actions">
                            <button type="button" id="customer-edit" class="btn btn-primary" onclick={set_editing.reform(|_: MouseEvent| true)}>
                                { words.t("customer-detail-edit") }
                            </button>
                            if state.is_archived() {
                                <button type="button" id="customer-restore" class="btn btn-secondary"
                                    disabled={state.archive.is_loading()} onclick={send(|| DetailAction::SetArchived(false))}>
                                    { words.t("customer-detail-restore") }
                                </button>
                            } else {
                                <button type="button" id="customer-archive" class="btn btn-secondary"
                                    onclick={send(|| DetailAction::AskArchive)}>
                                    { words.t("customer-detail-archive") }
                                </button>
                            }
                            if props.can_erase {
                                <button type="button" id="customer-erase" class="btn btn-ghost btn-danger-text"
                                    title={words.t("customer-detail-erase-title")}
                                    onclick={send(|| DetailAction::AskErase)}>
                                    { words.t("customer-detail-erase") }
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
                                <h3 class="card-title" id="customer-details-title">{ words.t("customer-detail-details") }</h3>
                                <dl class="facts">
                                    { fact("customer-phone-value", words.t("customer-detail-phone"), customer.phone.as_deref()) }
                                    { fact("customer-company-value", words.t("customer-detail-company"), customer.company.as_deref()) }
                                    { fact("customer-address-value", words.t("customer-detail-address"), customer.address.as_deref()) }
                                    { fact("customer-city-value", words.t("customer-detail-city"), customer.city.as_deref()) }
                                    { fact("customer-country-value", words.t("customer-detail-country"), customer.country.as_deref()) }
                                    { fact("customer-birth-date-value", words.t("customer-detail-birth-date"), customer.birth_date.as_deref()) }
                                    { fact("customer-gender-value", words.t("customer-detail-gender"), gender.as_deref()) }
                                    { fact("customer-language-value", words.t("customer-detail-language"), customer.preferred_language.as_deref()) }
                                    { fact("customer-contact-value", words.t("customer-detail-contact"), contact.as_deref()) }
                                    { fact("customer-marketing-value", words.t("customer-detail-marketing"), Some(&marketing)) }
                                    { fact("customer-special-requirements-value", words.t("customer-detail-special-requirements"), Some(customer.special_requirements.as_str())) }
                                    { fact("customer-notes-value", words.t("customer-detail-notes"), Some(customer.notes.as_str())) }
                                </dl>
                            </section>
                            <CustomerHistory history={state.history.remote.clone()} onretry={send(|| DetailAction::Reload)} />
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
                            <LinkedStaff agents={customer.agents.clone()} staff_id={props.staff_id} sees_all={props.sees_all} notes={state.notes.clone()}
                                busy={state.save_notes.is_loading()}
                                onedit={dispatch.reform(DetailAction::EditNotes)} ontype={dispatch.reform(DetailAction::NotesTyped)}
                                onsave={emit(|| DetailAction::SaveNotes)} oncancel={emit(|| DetailAction::CancelNotes)}>
                                <dl class="facts facts-times">
                                    <div class="fact">
                                        <dt>{ words.t("customer-detail-created") }</dt>
                                        <dd><time datetime={customer.created_at.clone()}>{ local_time_short(&customer.created_at) }</time></dd>
                                    </div>
                                    <div class="fact">
                                        <dt>{ words.t("customer-detail-updated") }</dt>
                                        <dd id="customer-updated">
                                            <time datetime={customer.updated_at.clone()}>{ local_time_short(&customer.updated_at) }</time>
                                            if !customer.updated_by.is_empty() {
                                                <span class="muted">{ " " }{ words.t("customer-detail-updated-by") }{ " " }</span>
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
                            onopen={set_editing.reform(|_: i64| false)} oncancel={set_editing.reform(|()| false)} />
                    }
                    if state.confirm_archive {
                        <ConfirmDialog
                            title={words.t_with("customer-detail-archive-confirm-title", &[("name", &name)])}
                            message={words.t("customer-detail-archive-confirm")}
                            confirm_label={words.t("customer-detail-archive")}
                            destructive=true
                            busy={state.archive.is_loading()}
                            onconfirm={emit(|| DetailAction::SetArchived(true))}
                            oncancel={emit(|| DetailAction::CancelArchive)}
                        />
                    }
                    // Focus starts in the field; the button waits for the email typed there.
                    if let Some(erase) = &state.erase {
                        <ConfirmDialog id="erase" message_id="erase-message" confirm_id="erase-confirm"
                            icon={(IconName::Alert, Tone::Danger)} title={words.t_with("customer-detail-erase-confirm-title", &[("name", &name)])}
                            message={words.t("customer-detail-erase-confirm")}
                            confirm_label={words.t("customer-detail-erase-for-good")} busy_label={words.t("customer-detail-erasing")} destructive=true
                            autofocus=false busy={erasing} disabled={!state.may_erase()}
                            onconfirm={emit(|| DetailAction::Erase)} oncancel={emit(|| DetailAction::CancelErase)}>
                            <p class="modal-text small">
                                { words.t("customer-detail-erase-instead") }
                            </p>
                            if let Some(message) = &erase.banner {
                                <Banner id="erase-error" message={message.clone()} />
                            }
                            <TextField id="erase-confirmation" label={words.t("customer-detail-erase-type")}
                                value={erase.typed.clone()} oninput={dispatch.reform(DetailAction::EraseTyped)}
                                autocomplete="off" input_type="email"
                                hint={words.t_with("customer-detail-erase-type-hint", &[("email", &customer.email)])}
                                error={erase.error.clone()} disabled={erasing} />
                        </ConfirmDialog>
                    }
                </>
            }
        }
    };

    html! {
        <section id="page-customer" class="page" aria-labelledby="page-title"
            data-customer-id={props.id.to_string()} {onkeydown}>
            <div class="detail-nav">
                <button type="button" id="customer-back" class="btn btn-ghost btn-sm" onclick={props.onback.reform(|_: MouseEvent| ())} title={words.t("customer-detail-back-title")}>
                    <span class="back-arrow" aria-hidden="true">{ "←" }</span>
                    { words.t("customer-detail-back") }
                </button>
            </div>
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

fn fact(id: &'static str, label: String, value: Option<&str>) -> Html {
    let wide = matches!(
        id,
        "customer-notes-value" | "customer-address-value" | "customer-special-requirements-value"
    );
    html! {
        <div class={classes!("fact", wide.then_some("fact-wide"))}>
            <dt>{ label }</dt>
            <dd {id}>{ dash(value) }</dd>
        </div>
    }
}
