//! The customer form (new and edit): what was typed, which fields the person has
//! touched, the problems the shell's check found, and what saving answered.

use std::rc::Rc;

use keydesk_api::{ContactMethod, Customer, Error, ErrorCode, FieldProblem, Tier};
use yew::prelude::*;

/// The fields that can be refused, in form (and tab) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerField {
    Email,
    Phone,
    FirstName,
    LastName,
    Company,
    Language,
    Country,
    Address,
    City,
    BirthDate,
    Notes,
}

const FIELDS: usize = 11;

impl CustomerField {
    pub const ALL: [CustomerField; FIELDS] = [
        CustomerField::Email,
        CustomerField::Phone,
        CustomerField::FirstName,
        CustomerField::LastName,
        CustomerField::Company,
        CustomerField::Language,
        CustomerField::Country,
        CustomerField::Address,
        CustomerField::City,
        CustomerField::BirthDate,
        CustomerField::Notes,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The input's element id (a contract with the end-to-end tests).
    pub fn input_id(self) -> &'static str {
        match self {
            CustomerField::Email => "customer-email",
            CustomerField::Phone => "customer-phone",
            CustomerField::FirstName => "customer-first-name",
            CustomerField::LastName => "customer-last-name",
            CustomerField::Company => "customer-company",
            CustomerField::Language => "customer-language",
            CustomerField::Address => "customer-address",
            CustomerField::City => "customer-city",
            CustomerField::Country => "customer-country",
            CustomerField::BirthDate => "customer-birth-date",
            CustomerField::Notes => "customer-notes",
        }
    }

    /// The name the shell uses in `Error::field` and `FieldProblem::field`.
    pub fn api_name(self) -> &'static str {
        match self {
            CustomerField::Email => "email",
            CustomerField::Phone => "phone",
            CustomerField::FirstName => "first_name",
            CustomerField::LastName => "last_name",
            CustomerField::Company => "company",
            CustomerField::Language => "preferred_language",
            CustomerField::Address => "address",
            CustomerField::City => "city",
            CustomerField::Country => "country",
            CustomerField::BirthDate => "birth_date",
            CustomerField::Notes => "notes",
        }
    }

    pub fn from_api_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.api_name() == name)
    }
}

/// An existing customer with the email just entered: one the person may open, or a
/// colleague's that they may link to themselves (with the answer's one-time offer).
pub use keydesk_api::ExistingCustomer as Duplicate;

/// What the form edits: the typed values, kept as text as the shell expects them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomerFormState {
    pub input: keydesk_api::CustomerInput,
    /// Editing this customer at this version; `None` for a new customer.
    pub editing: Option<(i64, i64)>,
    touched: [bool; FIELDS],
    problems: [Option<String>; FIELDS],
    /// An error that concerns no single field.
    pub banner: Option<String>,
    /// Saving was refused because someone else changed the customer first.
    pub conflict: Option<String>,
    pub duplicate: Option<Duplicate>,
    /// A save (check, then create or update) is running.
    pub busy: bool,
    /// Bumped when the typed values should be checked (after a pause).
    pub check_seq: u64,
    /// Bumped when a submit is accepted; the effect that saves keys on it.
    pub submit_seq: u64,
    /// Bumped on every refused save, so the view can focus the first error.
    pub attempts: u64,
}

pub enum CustomerFormAction {
    Text(CustomerField, String),
    ContactMethod(Option<ContactMethod>),
    Tier(Option<Tier>),
    Marketing(bool),
    Blur(CustomerField),
    /// The answer to check number `seq`.
    Checked {
        seq: u64,
        problems: Vec<FieldProblem>,
    },
    Submit,
    /// The check before saving found problems: nothing was saved.
    Refused(Vec<FieldProblem>),
    Failed(Error),
    Duplicate(Duplicate),
    /// The customer as stored now (after a conflict): the form starts again from it.
    Reloaded(Box<Customer>),
    DismissBanner,
}

impl CustomerFormState {
    pub fn new_customer() -> Self {
        Self::default()
    }

    pub fn edit(customer: &Customer) -> Self {
        Self {
            input: input_of(customer),
            editing: Some((customer.id, customer.version)),
            ..Self::default()
        }
    }

    pub fn is_edit(&self) -> bool {
        self.editing.is_some()
    }

    /// The error under a field: the check's verdict, once the person has been there.
    pub fn field_error(&self, field: CustomerField) -> Option<String> {
        if self.touched[field.index()] {
            self.problems[field.index()].clone()
        } else {
            None
        }
    }

    pub fn first_error_field(&self) -> Option<CustomerField> {
        CustomerField::ALL
            .into_iter()
            .find(|&f| self.field_error(f).is_some())
    }

    fn any_touched(&self) -> bool {
        self.touched.iter().any(|t| *t)
    }

    fn set_problems(&mut self, problems: &[FieldProblem]) {
        self.problems = Default::default();
        for problem in problems {
            if let Some(field) = CustomerField::from_api_name(&problem.field) {
                self.problems[field.index()].get_or_insert(problem.message.clone());
            }
        }
    }

    fn text_mut(&mut self, field: CustomerField) -> &mut String {
        let input = &mut self.input;
        match field {
            CustomerField::Email => &mut input.email,
            CustomerField::Phone => &mut input.phone,
            CustomerField::FirstName => &mut input.first_name,
            CustomerField::LastName => &mut input.last_name,
            CustomerField::Company => &mut input.company,
            CustomerField::Language => &mut input.preferred_language,
            CustomerField::Address => &mut input.address,
            CustomerField::City => &mut input.city,
            CustomerField::Country => &mut input.country,
            CustomerField::BirthDate => &mut input.birth_date,
            CustomerField::Notes => &mut input.notes,
        }
    }

    fn changed(mut self) -> Self {
        if self.any_touched() {
            self.check_seq += 1;
        }
        self
    }
}

/// The form's values for a stored customer.
pub fn input_of(customer: &Customer) -> keydesk_api::CustomerInput {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    keydesk_api::CustomerInput {
        email: customer.email.clone(),
        first_name: customer.first_name.clone(),
        last_name: customer.last_name.clone(),
        phone: text(&customer.phone),
        company: text(&customer.company),
        address: text(&customer.address),
        city: text(&customer.city),
        country: text(&customer.country),
        birth_date: text(&customer.birth_date),
        preferred_language: text(&customer.preferred_language),
        contact_method: customer.contact_method,
        tier: Some(customer.tier),
        notes: customer.notes.clone(),
        marketing_consent: customer.marketing_consent,
    }
}

impl Reducible for CustomerFormState {
    type Action = CustomerFormAction;

    fn reduce(self: Rc<Self>, action: CustomerFormAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CustomerFormAction::Text(field, value) => {
                *next.text_mut(field) = value;
                next.changed().into()
            }
            CustomerFormAction::ContactMethod(method) => {
                next.input.contact_method = method;
                next.into()
            }
            CustomerFormAction::Tier(tier) => {
                next.input.tier = tier;
                next.into()
            }
            CustomerFormAction::Marketing(on) => {
                next.input.marketing_consent = on;
                next.into()
            }
            CustomerFormAction::Blur(field) => {
                if next.touched[field.index()] {
                    return self;
                }
                next.touched[field.index()] = true;
                next.check_seq += 1;
                next.into()
            }
            CustomerFormAction::Checked { seq, problems } => {
                if seq != next.check_seq || next.busy {
                    return self;
                }
                next.set_problems(&problems);
                next.into()
            }
            CustomerFormAction::Submit => {
                if next.busy {
                    return self;
                }
                next.touched = [true; FIELDS];
                next.busy = true;
                next.banner = None;
                next.conflict = None;
                next.duplicate = None;
                next.submit_seq += 1;
                next.into()
            }
            CustomerFormAction::Refused(problems) => {
                next.busy = false;
                next.set_problems(&problems);
                next.attempts += 1;
                next.into()
            }
            CustomerFormAction::Failed(error) => {
                next.busy = false;
                match error
                    .field
                    .as_deref()
                    .and_then(CustomerField::from_api_name)
                {
                    Some(field) => {
                        next.touched[field.index()] = true;
                        next.problems[field.index()] = Some(error.message);
                        next.attempts += 1;
                    }
                    None if error.code == ErrorCode::Conflict && next.is_edit() => {
                        next.conflict = Some(error.message);
                    }
                    None => next.banner = Some(error.message),
                }
                next.into()
            }
            CustomerFormAction::Duplicate(duplicate) => {
                next.busy = false;
                next.duplicate = Some(duplicate);
                next.into()
            }
            CustomerFormAction::Reloaded(customer) => {
                let mut fresh = CustomerFormState::edit(&customer);
                fresh.check_seq = next.check_seq + 1;
                fresh.submit_seq = next.submit_seq;
                fresh.attempts = next.attempts;
                fresh.into()
            }
            CustomerFormAction::DismissBanner => {
                next.banner = None;
                next.into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: CustomerFormState, action: CustomerFormAction) -> CustomerFormState {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn problem(field: &str, message: &str) -> FieldProblem {
        FieldProblem {
            field: field.into(),
            message: message.into(),
        }
    }

    fn customer() -> Customer {
        Customer {
            id: 7,
            email: "ann@example.com".into(),
            first_name: "Ann".into(),
            last_name: "Smith".into(),
            phone: Some("+442079460958".into()),
            company: None,
            address: None,
            city: None,
            country: Some("GB".into()),
            birth_date: None,
            preferred_language: None,
            contact_method: Some(ContactMethod::Email),
            status: keydesk_api::CustomerStatus::Active,
            tier: Tier::Gold,
            notes: String::new(),
            marketing_consent: true,
            version: 3,
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
            updated_by: "Olivia Owner".into(),
            agents: Vec::new(),
            account: None,
        }
    }

    #[test]
    fn api_names_map_to_input_ids() {
        for (api, id) in [
            ("email", "customer-email"),
            ("first_name", "customer-first-name"),
            ("last_name", "customer-last-name"),
            ("phone", "customer-phone"),
            ("company", "customer-company"),
            ("address", "customer-address"),
            ("city", "customer-city"),
            ("country", "customer-country"),
            ("birth_date", "customer-birth-date"),
            ("preferred_language", "customer-language"),
            ("notes", "customer-notes"),
        ] {
            let field = CustomerField::from_api_name(api).expect(api);
            assert_eq!(field.input_id(), id);
        }
        assert_eq!(CustomerField::from_api_name("tier"), None);
    }

    #[test]
    fn problems_show_only_under_touched_fields() {
        let state = CustomerFormState::new_customer();
        let state = reduce(
            state,
            CustomerFormAction::Text(CustomerField::Phone, "12".into()),
        );
        assert_eq!(state.check_seq, 0, "nothing touched, nothing to check yet");
        let state = reduce(state, CustomerFormAction::Blur(CustomerField::Phone));
        let seq = state.check_seq;
        assert_eq!(seq, 1);
        let state = reduce(
            state,
            CustomerFormAction::Checked {
                seq,
                problems: vec![
                    problem("email", "Enter an email."),
                    problem("phone", "Too short."),
                ],
            },
        );
        assert_eq!(
            state.field_error(CustomerField::Phone).as_deref(),
            Some("Too short.")
        );
        assert_eq!(state.field_error(CustomerField::Email), None, "not touched");
        assert_eq!(state.first_error_field(), Some(CustomerField::Phone));

        // Typing again asks for a new check; the answer to the old one is dropped.
        let state = reduce(
            state,
            CustomerFormAction::Text(CustomerField::Phone, "020 7946 0958".into()),
        );
        assert_eq!(state.check_seq, 2);
        let stale = reduce(
            state.clone(),
            CustomerFormAction::Checked {
                seq: 1,
                problems: vec![],
            },
        );
        assert_eq!(stale, state);
        let state = reduce(
            state,
            CustomerFormAction::Checked {
                seq: 2,
                problems: vec![problem("email", "Enter an email.")],
            },
        );
        assert_eq!(state.field_error(CustomerField::Phone), None);
    }

    #[test]
    fn submit_touches_everything_and_maps_server_errors() {
        let state = reduce(
            CustomerFormState::new_customer(),
            CustomerFormAction::Submit,
        );
        assert!(state.busy);
        assert_eq!(state.submit_seq, 1);
        let again = reduce(state.clone(), CustomerFormAction::Submit);
        assert_eq!(again, state, "one save at a time");
        let state = reduce(
            state,
            CustomerFormAction::Refused(vec![problem("first_name", "Enter a first name.")]),
        );
        assert!(!state.busy);
        assert_eq!(state.first_error_field(), Some(CustomerField::FirstName));
        assert_eq!(state.attempts, 1);

        let state = reduce(state, CustomerFormAction::Submit);
        let state = reduce(
            state,
            CustomerFormAction::Failed(Error::for_field("birth_date", "Not a date.")),
        );
        assert_eq!(
            state.field_error(CustomerField::BirthDate).as_deref(),
            Some("Not a date.")
        );
        let state = reduce(state, CustomerFormAction::Submit);
        let state = reduce(
            state,
            CustomerFormAction::Failed(Error::new(ErrorCode::Forbidden, "Not allowed.")),
        );
        assert_eq!(state.banner.as_deref(), Some("Not allowed."));
    }

    #[test]
    fn a_duplicate_is_offered_instead_of_saved() {
        let state = reduce(
            CustomerFormState::new_customer(),
            CustomerFormAction::Submit,
        );
        let state = reduce(
            state,
            CustomerFormAction::Duplicate(Duplicate::Linkable {
                link_token: keydesk_api::LinkToken("offer".to_owned()),
            }),
        );
        assert!(!state.busy);
        assert!(matches!(state.duplicate, Some(Duplicate::Linkable { .. })));
        let state = reduce(state, CustomerFormAction::Submit);
        assert_eq!(state.duplicate, None, "a new attempt clears it");
    }

    #[test]
    fn a_stale_edit_shows_the_conflict_until_reloaded() {
        let mut stored = customer();
        let state = CustomerFormState::edit(&stored);
        assert_eq!(state.editing, Some((7, 3)));
        assert_eq!(state.input.phone, "+442079460958");
        assert_eq!(state.input.tier, Some(Tier::Gold));
        let state = reduce(
            state,
            CustomerFormAction::Text(CustomerField::Company, "Acme".into()),
        );
        let state = reduce(state, CustomerFormAction::Submit);
        let state = reduce(
            state,
            CustomerFormAction::Failed(Error::new(ErrorCode::Conflict, "Changed by Olivia.")),
        );
        assert_eq!(state.conflict.as_deref(), Some("Changed by Olivia."));
        assert_eq!(state.banner, None);

        stored.version = 4;
        stored.company = Some("Their Co".into());
        let state = reduce(state, CustomerFormAction::Reloaded(Box::new(stored)));
        assert_eq!(state.conflict, None);
        assert_eq!(state.editing, Some((7, 4)));
        assert_eq!(state.input.company, "Their Co");
    }
}
