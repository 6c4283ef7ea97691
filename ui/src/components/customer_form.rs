use keydesk_api::{
    ContactMethod, CreateCustomerOutcome, CreateCustomerRequest, CreateCustomerResponse, Customer,
    CustomerIdRequest, CustomerInput, Error, FieldProblem, Gender, IssuedLogin,
    LinkCustomerRequest, Tier, UpdateCustomerRequest,
};

use super::new_login_dialog::NewLoginDialog;
use crate::dom::focus_id;
use crate::hooks::busy_call::call_unless_busy;
use crate::hooks::handoff_count::announce_handoffs_changed;
use crate::hooks::use_settled::use_settled;
use crate::ipc;
use crate::prelude::*;
use crate::state::countries::countries_by_name;
use crate::state::customer_form::{CustomerField, CustomerFormState, CustomerOwn, Duplicate};

/// Pause after the last keystroke before the shell checks the typed values.
const CHECK_DEBOUNCE_MS: u32 = 250;

/// Countries offered in the list, by code and the message id of their name; any other
/// two-letter code can be typed.

#[derive(Properties, PartialEq)]
pub struct CustomerFormProps {
    /// The customer to edit; `None` for a new one.
    #[prop_or_default]
    pub customer: Option<Customer>,
    /// Saved (created or updated): the customer as stored.
    pub onsaved: Callback<Customer>,
    /// The customer was reloaded after a conflict (the form stays open).
    #[prop_or_default]
    pub onreloaded: Option<Callback<Customer>>,
    /// Open this existing customer (a duplicate email).
    pub onopen: Callback<i64>,
    pub oncancel: Callback<()>,
}

async fn save(
    input: CustomerInput,
    editing: Option<(i64, i64)>,
    generate_login: bool,
) -> Result<Saved, Error> {
    let problems: Vec<FieldProblem> = ipc::call(commands::CHECK_CUSTOMER, &input).await?;
    if !problems.is_empty() {
        return Ok(Saved::Unsaved(CustomerOwn::Refused(problems)));
    }
    match editing {
        Some((customer_id, version)) => {
            let request = UpdateCustomerRequest {
                customer_id,
                version,
                input,
            };
            let customer: Customer = ipc::call(commands::UPDATE_CUSTOMER, &request).await?;
            Ok(Saved::Stored(Box::new(customer)))
        }
        None => {
            let request = CreateCustomerRequest {
                input,
                generate_login,
            };
            let response: CreateCustomerResponse =
                ipc::call(commands::CREATE_CUSTOMER, &request).await?;
            if response.login.is_some() {
                announce_handoffs_changed();
            }
            Ok(match response.outcome {
                CreateCustomerOutcome::Created { customer } => match response.login {
                    Some(login) if login.one_time_password.is_some() => {
                        Saved::WithLogin(customer, login)
                    }
                    _ => Saved::Stored(customer),
                },
                CreateCustomerOutcome::Duplicate { existing } => {
                    Saved::Unsaved(CustomerOwn::Duplicate(existing))
                }
            })
        }
    }
}

enum Saved {
    Stored(Box<Customer>),
    /// Created, with a password to show once.
    WithLogin(Box<Customer>, IssuedLogin),
    /// Refused by the check, or the email is a customer's already.
    Unsaved(CustomerOwn),
}

/// `#customer-form`: a new customer, or changes to one, in a wide dialog. Fields are
/// checked by the shell as the person types (once they have been in a field), with the
/// very messages saving would give.
#[component]
pub fn CustomerFormDialog(props: &CustomerFormProps) -> Html {
    let words = use_words();
    let command = use_command();
    let linking = use_state(|| false);
    let reloading = use_state(|| false);
    let generate_login = use_state(|| true);
    // A new customer's login whose password is shown once, before the form closes.
    let issued = use_state(|| None::<(Customer, IssuedLogin)>);
    let form = {
        let customer = props.customer.clone();
        let onsaved = props.onsaved.clone();
        let generate = *generate_login;
        let issued = issued.clone();
        use_form(
            move || match &customer {
                Some(customer) => CustomerFormState::edit(customer),
                None => CustomerFormState::default(),
            },
            false,
            move |form: &CustomerFormState, submission| {
                let answer = save(form.input.clone(), form.editing, generate);
                submission.run(answer, move |saved, dispatcher| match saved {
                    Saved::Stored(customer) => onsaved.emit(*customer),
                    Saved::WithLogin(customer, login) => issued.set(Some((*customer, login))),
                    Saved::Unsaved(own) => dispatcher.dispatch(FormAction::Own(own)),
                });
            },
        )
    };

    // Check what is typed once typing pauses; a newer keystroke drops the older timer. A
    // check that fails says nothing: saving checks again and reports its own failure.
    {
        let (seq, input, dispatcher) = (form.check_seq, form.input.clone(), form.dispatcher());
        let command = command.clone();
        use_settled(seq, CHECK_DEBOUNCE_MS, move || {
            command.call(commands::CHECK_CUSTOMER, input, move |answer| {
                if let Ok(problems) = answer {
                    dispatcher.dispatch(FormAction::Own(CustomerOwn::Checked { seq, problems }));
                }
            })
        });
    }
    use_effect_with(form.duplicate.clone(), |duplicate| match duplicate {
        Some(Duplicate::Visible { .. }) => focus_id("customer-duplicate-open"),
        Some(Duplicate::Linkable { .. }) => focus_id("customer-duplicate-link"),
        None => {}
    });

    let on_contact = form.own(|v: String| CustomerOwn::ContactMethod(v.parse().ok()));
    let on_tier = form.own(|v: String| CustomerOwn::Tier(v.parse().ok()));
    let on_gender = form.own(|v: String| CustomerOwn::Gender(v.parse().ok()));
    let on_marketing = form.own(|e: Event| CustomerOwn::Marketing(checked(e)));
    let on_generate = generate_login.setter().to_callback();
    // The inputs that are not a plain `TextField` take an event.
    let text_of =
        |field: CustomerField, read: fn(InputEvent) -> String| form.edit(field).reform(read);
    let blur_of =
        |field: CustomerField| form.blur(field).map(|blur| blur.reform(|_: FocusEvent| ()));
    let on_country = text_of(CustomerField::Country, |e| typed(e).to_uppercase());
    let on_birth_date = text_of(CustomerField::BirthDate, typed);
    let on_notes = text_of(CustomerField::Notes, typed);
    let on_requirements = text_of(CustomerField::SpecialRequirements, typed);
    // What the person can do about the customer that has this email already.
    let duplicate = form.duplicate.as_ref().map(|duplicate| match duplicate {
        Duplicate::Visible { customer_id } => {
            let open = props.onopen.reform({
                let customer_id = *customer_id;
                move |_: MouseEvent| customer_id
            });
            let button = html! {
                <button type="button" id="customer-duplicate-open" class="btn btn-primary btn-sm"
                    onclick={open}>
                    { words.t("customer-form-duplicate-open") }
                </button>
            };
            (words.t("customer-form-duplicate-open-lead"), button)
        }
        Duplicate::Linkable { link_token } => {
            let onsaved = props.onsaved.clone();
            let dispatcher = form.dispatcher();
            let done = Callback::from(move |answer: Result<Customer, Error>| match answer {
                Ok(customer) => onsaved.emit(customer),
                Err(error) => dispatcher.dispatch(FormAction::Failed(error)),
            });
            let request = LinkCustomerRequest {
                link_token: link_token.clone(),
            };
            let link = call_unless_busy(
                &command,
                &linking,
                commands::LINK_CUSTOMER_TO_ME,
                request,
                done,
            );
            // The same words while the link is made.
            let label = words.t("customer-form-link-existing");
            let button = html! {
                <BusyButton id="customer-duplicate-link" class="btn btn-primary btn-sm" busy={*linking}
                    busy_label={label.clone()} onclick={link}>
                    { label }
                </BusyButton>
            };
            (words.t("customer-form-linkable"), button)
        }
    });
    let reload = form.editing.map(|(customer_id, _)| {
        let dispatcher = form.dispatcher();
        let onreloaded = props.onreloaded.clone();
        let done = Callback::from(move |answer: Result<Customer, Error>| match answer {
            Ok(customer) => {
                if let Some(onreloaded) = &onreloaded {
                    onreloaded.emit(customer.clone());
                }
                dispatcher.dispatch(FormAction::Own(CustomerOwn::Reloaded(Box::new(customer))));
            }
            Err(error) => dispatcher.dispatch(FormAction::Failed(error)),
        });
        let request = CustomerIdRequest { customer_id };
        call_unless_busy(&command, &reloading, commands::GET_CUSTOMER, request, done)
    });

    let input = &form.input;
    let busy = form.meta.busy || *linking;
    let field = |f: CustomerField, label: &str, value: &str| {
        html! {
            <TextField id={f.input_id()} label={words.t(label)} value={value.to_owned()}
                autocomplete="off" error={form.field_error(f)}
                input_ref={form.node(f)} oninput={form.edit(f)} onblur={form.blur(f)}
                disabled={busy} />
        }
    };
    let (title, lead, save_label, saving_label) = if form.is_edit() {
        (
            "customer-form-edit-title",
            "customer-form-edit-lead",
            "customer-form-save",
            "saving",
        )
    } else {
        (
            "customer-form-new-title",
            "customer-form-new-lead",
            "customer-form-create",
            "customer-form-creating",
        )
    };
    let title = words.t(title);
    let notes_error = form.field_error(CustomerField::Notes);
    let requirements_error = form.field_error(CustomerField::SpecialRequirements);
    let country_error = form.field_error(CustomerField::Country);
    let birth_error = form.field_error(CustomerField::BirthDate);

    if let Some((customer, login)) = &*issued {
        let name = format!("{} {}", customer.first_name, customer.last_name);
        let customer = customer.clone();
        let ondone = props.onsaved.reform(move |()| customer.clone());
        return html! { <NewLoginDialog customer_name={name} login={login.clone()} {ondone} /> };
    }
    html! {
        <Modal id="customer-form-dialog" labelledby="customer-form-title" onclose={props.oncancel.clone()}
            busy={busy} class="modal-wide">
            <form id="customer-form" class="modal-form customer-form" novalidate=true onsubmit={form.onsubmit()}>
                <ModalHead icon={IconName::Customers} title_id="customer-form-title" {title}>
                    <p class="muted small">{ words.t(lead) }</p>
                </ModalHead>
                if let Some(message) = form.banner() {
                    <Banner id="customer-form-error" {message} ondismiss={form.dismiss()} />
                }
                if let Some(message) = &form.conflict {
                    <div class="banner banner-warn conflict-banner">
                        <Icon name={IconName::Alert} />
                        <p id="customer-conflict" class="banner-text" role="alert">{ message.clone() }</p>
                        <button type="button" id="customer-reload" class="btn btn-secondary btn-sm"
                            disabled={*reloading} onclick={reload.clone()}>
                            <Icon name={IconName::Refresh} size={14} />
                            { words.t("customer-form-reload") }
                        </button>
                    </div>
                }
                if let Some((lead, button)) = duplicate {
                    <div id="customer-duplicate" class="duplicate-panel" role="alert">
                        <Icon name={IconName::Info} />
                        <div class="duplicate-text">
                            <p class="cell-strong">{ words.t("customer-form-duplicate") }</p>
                            <p class="muted small">{ lead }</p>
                        </div>
                        { button }
                    </div>
                }
                <div class="form-columns">
                    { field(CustomerField::Email, "customer-form-email", &input.email) }
                    { field(CustomerField::Phone, "customer-form-phone", &input.phone) }
                    { field(CustomerField::FirstName, "customer-form-first-name", &input.first_name) }
                    { field(CustomerField::LastName, "customer-form-last-name", &input.last_name) }
                    { field(CustomerField::Company, "customer-form-company", &input.company) }
                    <div class="span-1">
                        { field(CustomerField::Language, "customer-form-language", &input.preferred_language) }
                    </div>
                    <FieldFrame id="customer-country" label={words.t("customer-form-country")} class="span-1" error={country_error.clone()}>
                        <input id="customer-country" class="input" list="customer-country-list"
                            value={input.country.clone()} maxlength="2" autocomplete="off"
                            spellcheck="false" placeholder={words.t("customer-form-country-placeholder")} disabled={busy}
                            aria-invalid={country_error.is_some().then_some("true")}
                            aria-describedby={country_error.is_some().then_some("customer-country-error")}
                            ref={form.node(CustomerField::Country)}
                            oninput={on_country} onblur={blur_of(CustomerField::Country)} />
                        <datalist id="customer-country-list">
                            for (code, name) in countries_by_name(&words) {
                                <option value={code}>{ name }</option>
                            }
                        </datalist>
                    </FieldFrame>
                    { field(CustomerField::Address, "customer-form-address", &input.address) }
                    { field(CustomerField::City, "customer-form-city", &input.city) }
                    <FieldFrame id="customer-birth-date" label={words.t("customer-form-birth-date")} class="span-1" error={birth_error.clone()}>
                        <input id="customer-birth-date" class="input" type="date"
                            value={input.birth_date.clone()} disabled={busy}
                            aria-invalid={birth_error.is_some().then_some("true")}
                            aria-describedby={birth_error.is_some().then_some("customer-birth-date-error")}
                            ref={form.node(CustomerField::BirthDate)}
                            oninput={on_birth_date} onblur={blur_of(CustomerField::BirthDate)} />
                    </FieldFrame>
                    <FieldFrame id="customer-gender" label={words.t("customer-form-gender")} class="span-1">
                        <Select id="customer-gender" value={input.gender.map_or("", Gender::as_str)}
                            options={words.choices_or("customer-form-gender-not-asked", &Gender::ALL)} disabled={busy} onchange={on_gender} />
                    </FieldFrame>
                    <FieldFrame id="customer-contact-method" label={words.t("customer-form-contact")} class="span-1">
                        <Select id="customer-contact-method" value={input.contact_method.map_or("", ContactMethod::as_str)}
                            options={words.choices_or("choice-no-preference", &ContactMethod::ALL)} disabled={busy} onchange={on_contact} />
                    </FieldFrame>
                    <FieldFrame id="customer-tier" label={words.t("customer-form-tier")} class="span-1">
                        <Select id="customer-tier" value={input.tier.unwrap_or(Tier::Bronze).as_str()}
                            options={words.choices(&Tier::ALL)} disabled={busy} onchange={on_tier} />
                    </FieldFrame>
                    <div class="check-field span-1 marketing-field">
                        <input type="checkbox" id="customer-marketing" class="checkbox"
                            checked={input.marketing_consent} disabled={busy} onchange={on_marketing} />
                        <label for="customer-marketing" class="check-label">
                            { words.t("customer-form-marketing") }
                        </label>
                    </div>
                    if !form.is_edit() {
                        <CheckField id="customer-generate-login" label={words.t("customer-form-generate-login")} class="span-all generate-login-field"
                            checked={*generate_login} disabled={busy} onchange={on_generate}>
                            { words.t("customer-form-generate-login-hint") }
                        </CheckField>
                    }
                    <FieldFrame id="customer-special-requirements" label={words.t("customer-form-special-requirements")}
                        hint={words.t("customer-form-special-requirements-hint")} class="span-all" error={requirements_error.clone()}>
                        <textarea id="customer-special-requirements" class="input textarea" rows="2"
                            value={input.special_requirements.clone()} disabled={busy}
                            aria-invalid={requirements_error.is_some().then_some("true")}
                            aria-describedby={if requirements_error.is_some() { "customer-special-requirements-error" } else { "customer-special-requirements-hint" }}
                            ref={form.node(CustomerField::SpecialRequirements)}
                            oninput={on_requirements} onblur={blur_of(CustomerField::SpecialRequirements)} />
                    </FieldFrame>
                    <FieldFrame id="customer-notes" label={words.t("customer-form-notes")} class="span-all" error={notes_error.clone()}>
                        <textarea id="customer-notes" class="input textarea" rows="2"
                            value={input.notes.clone()} disabled={busy}
                            aria-invalid={notes_error.is_some().then_some("true")}
                            aria-describedby={notes_error.is_some().then_some("customer-notes-error")}
                            ref={form.node(CustomerField::Notes)}
                            oninput={on_notes} onblur={blur_of(CustomerField::Notes)} />
                    </FieldFrame>
                </div>
                <div class="modal-actions">
                    <button type="button" id="customer-cancel" class="btn btn-secondary"
                        disabled={busy} onclick={props.oncancel.reform(|_: MouseEvent| ())} title={words.t("customer-form-cancel-title")}>
                        { words.t("cancel") }
                    </button>
                    <SubmitButton id="customer-save" label={words.t(save_label)} busy_label={words.t(saving_label)}
                        busy={form.meta.busy} disabled={*linking} />
                </div>
            </form>
        </Modal>
    }
}
