//! The customer form (new and edit): what was typed, the problems the shell's live check
//! found, and what saving answered.
//!
//! The shell decides what is valid: its check answers while the person types, and saving
//! checks again before it creates or updates. So the form has no rules of its own, its
//! field errors are the last check's verdicts (kept while typing, until the next check
//! answers), and a submit is always sent.

use std::rc::Rc;

use keydesk_api::{ContactMethod, Customer, Error, ErrorCode, FieldProblem, Gender, Tier};
use yew::prelude::*;

use crate::form::{self, Field, FormAction, FormMeta, FormState};
use crate::words::Said;

form::fields! {
    /// The fields that can be refused, in form (and tab) order.
    pub enum CustomerField {
        Email = "email" => "customer-email",
        Phone = "phone" => "customer-phone",
        FirstName = "first_name" => "customer-first-name",
        LastName = "last_name" => "customer-last-name",
        Company = "company" => "customer-company",
        Language = "preferred_language" => "customer-language",
        Country = "country" => "customer-country",
        Address = "address" => "customer-address",
        City = "city" => "customer-city",
        BirthDate = "birth_date" => "customer-birth-date",
        SpecialRequirements = "special_requirements" => "customer-special-requirements",
        Notes = "notes" => "customer-notes",
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
    /// The shell's verdicts on the typed values, by field.
    problems: Vec<(CustomerField, Said)>,
    /// Saving was refused because someone else changed the customer first.
    pub conflict: Option<String>,
    pub duplicate: Option<Duplicate>,
    /// Bumped when the typed values should be checked (after a pause).
    pub check_seq: u64,
    pub meta: FormMeta<CustomerField>,
}

/// The form's own actions, besides typing in its text fields.
#[derive(Debug)]
pub enum CustomerOwn {
    ContactMethod(Option<ContactMethod>),
    Gender(Option<Gender>),
    Tier(Option<Tier>),
    Marketing(bool),
    /// The answer to check number `seq`.
    Checked {
        seq: u64,
        problems: Vec<FieldProblem>,
    },
    /// The check before saving found problems: nothing was saved.
    Refused(Vec<FieldProblem>),
    Duplicate(Duplicate),
    /// The customer as stored now (after a conflict): the form starts again from it.
    Reloaded(Box<Customer>),
}

pub type CustomerFormAction = FormAction<CustomerField, CustomerOwn>;

impl CustomerFormState {
    /// Changes to a stored customer, starting from its stored values.
    pub fn edit(customer: &Customer) -> Self {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let input = keydesk_api::CustomerInput {
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
            gender: customer.gender,
            special_requirements: customer.special_requirements.clone(),
        };
        Self {
            input,
            editing: Some((customer.id, customer.version)),
            ..Self::default()
        }
    }

    pub fn is_edit(&self) -> bool {
        self.editing.is_some()
    }

    fn set_problems(&mut self, problems: &[FieldProblem]) {
        self.problems.clear();
        for problem in problems {
            if let Some(field) = CustomerField::from_api_name(&problem.field) {
                if self.check(field).is_none() {
                    self.problems.push((field, problem.message.clone()));
                }
            }
        }
    }

    /// A failed save: on its field (kept like a check's verdict), a conflict when editing,
    /// or in the banner.
    fn failed(&mut self, error: Error) {
        self.meta.busy = false;
        match self.failed_field(&error) {
            Some(field) => {
                self.meta.touch(field);
                self.problems.retain(|(f, _)| *f != field);
                self.problems.push((field, error.said()));
                self.meta.attempts += 1;
            }
            None if error.code == ErrorCode::Conflict && self.is_edit() => {
                self.conflict = Some(error.message);
            }
            None => self.meta.banner = Some(error.said()),
        }
    }
}

impl FormState for CustomerFormState {
    type Field = CustomerField;
    type Own = CustomerOwn;

    form::meta_in_field!();

    form::text_values!(
        CustomerField::Email => input.email,
        CustomerField::Phone => input.phone,
        CustomerField::FirstName => input.first_name,
        CustomerField::LastName => input.last_name,
        CustomerField::Company => input.company,
        CustomerField::Language => input.preferred_language,
        CustomerField::Address => input.address,
        CustomerField::City => input.city,
        CustomerField::Country => input.country,
        CustomerField::BirthDate => input.birth_date,
        CustomerField::SpecialRequirements => input.special_requirements,
        CustomerField::Notes => input.notes,
    );

    /// Once the person has been in a field, every edit asks for a new check.
    fn edited(&mut self, _field: CustomerField) {
        if CustomerField::ALL.iter().any(|&f| self.meta.is_touched(f)) {
            self.check_seq += 1;
        }
    }

    /// The last check's verdict on the field.
    fn check(&self, field: CustomerField) -> Option<Said> {
        self.problems
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, message)| message.clone())
    }

    /// A new attempt replaces the conflict or duplicate the last one found.
    fn on_submit(&mut self) {
        self.conflict = None;
        self.duplicate = None;
    }

    /// Saving checks again in the shell, so a submit is always sent.
    fn is_valid(&self) -> bool {
        true
    }

    fn own(&mut self, action: CustomerOwn) -> bool {
        match action {
            CustomerOwn::ContactMethod(method) => self.input.contact_method = method,
            CustomerOwn::Gender(gender) => self.input.gender = gender,
            CustomerOwn::Tier(tier) => self.input.tier = tier,
            CustomerOwn::Marketing(on) => self.input.marketing_consent = on,
            CustomerOwn::Checked { seq, problems } => {
                if seq != self.check_seq || self.meta.busy {
                    return false;
                }
                self.set_problems(&problems);
            }
            CustomerOwn::Refused(problems) => {
                self.meta.busy = false;
                self.set_problems(&problems);
                self.meta.attempts += 1;
            }
            CustomerOwn::Duplicate(duplicate) => {
                self.meta.busy = false;
                self.duplicate = Some(duplicate);
            }
            CustomerOwn::Reloaded(customer) => {
                let mut fresh = CustomerFormState::edit(&customer);
                fresh.check_seq = self.check_seq + 1;
                fresh.meta.submit_seq = self.meta.submit_seq;
                fresh.meta.attempts = self.meta.attempts;
                *self = fresh;
            }
        }
        true
    }
}

impl Reducible for CustomerFormState {
    type Action = CustomerFormAction;

    fn reduce(self: Rc<Self>, action: CustomerFormAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FormAction::Failed(error) => next.failed(error),
            // Leaving a field for the first time asks for a check.
            FormAction::Blur(field) if next.meta.touch(field) => next.check_seq += 1,
            action => return form::reduce(self, action),
        }
        next.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl From<CustomerOwn> for CustomerFormAction {
        fn from(own: CustomerOwn) -> Self {
            FormAction::Own(own)
        }
    }

    fn reduce(
        state: CustomerFormState,
        action: impl Into<CustomerFormAction>,
    ) -> CustomerFormState {
        (*Rc::new(state).reduce(action.into())).clone()
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
            gender: None,
            special_requirements: String::new(),
            version: 3,
            number: None,
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
        let state = CustomerFormState::default();
        let state = reduce(state, FormAction::Edit(CustomerField::Phone, "12".into()));
        assert_eq!(state.check_seq, 0, "nothing touched, nothing to check yet");
        let state = reduce(state, FormAction::Blur(CustomerField::Phone));
        let seq = state.check_seq;
        assert_eq!(seq, 1);
        let state = reduce(
            state,
            CustomerOwn::Checked {
                seq,
                problems: vec![
                    problem("email", "Enter an email."),
                    problem("phone", "Too short."),
                ],
            },
        );
        assert_eq!(
            crate::words::in_english(state.field_error(CustomerField::Phone)).as_deref(),
            Some("Too short.")
        );
        assert_eq!(state.field_error(CustomerField::Email), None, "not touched");
        assert_eq!(state.first_error_field(), Some(CustomerField::Phone));

        // Typing again asks for a new check; the answer to the old one is dropped.
        let state = reduce(
            state,
            FormAction::Edit(CustomerField::Phone, "020 7946 0958".into()),
        );
        assert_eq!(state.check_seq, 2);
        let stale = reduce(
            state.clone(),
            CustomerOwn::Checked {
                seq: 1,
                problems: vec![],
            },
        );
        assert_eq!(stale, state);
        let state = reduce(
            state,
            CustomerOwn::Checked {
                seq: 2,
                problems: vec![problem("email", "Enter an email.")],
            },
        );
        assert_eq!(state.field_error(CustomerField::Phone), None);
    }

    #[test]
    fn submit_touches_everything_and_maps_server_errors() {
        let state = reduce(CustomerFormState::default(), FormAction::Submit);
        assert!(state.meta.busy);
        assert_eq!(state.meta.submit_seq, 1);
        let again = reduce(state.clone(), FormAction::Submit);
        assert_eq!(again, state, "one save at a time");
        let state = reduce(
            state,
            CustomerOwn::Refused(vec![problem("first_name", "Enter a first name.")]),
        );
        assert!(!state.meta.busy);
        assert_eq!(state.first_error_field(), Some(CustomerField::FirstName));
        assert_eq!(state.meta.attempts, 2, "the submit, then the refusal");

        let state = reduce(state, FormAction::Submit);
        let state = reduce(
            state,
            FormAction::Failed(Error::for_field("birth_date", "Not a date.")),
        );
        assert_eq!(
            crate::words::in_english(state.field_error(CustomerField::BirthDate)).as_deref(),
            Some("Not a date.")
        );
        let state = reduce(
            state,
            FormAction::Edit(CustomerField::BirthDate, "2001-02-0".into()),
        );
        assert_eq!(
            crate::words::in_english(state.field_error(CustomerField::BirthDate)).as_deref(),
            Some("Not a date."),
            "kept while typing, until the next check answers"
        );
        let state = reduce(state, FormAction::Submit);
        let state = reduce(
            state,
            FormAction::Failed(Error::new(ErrorCode::Forbidden, "Not allowed.")),
        );
        assert_eq!(
            crate::words::in_english(state.meta.banner.clone()).as_deref(),
            Some("Not allowed.")
        );
    }

    #[test]
    fn a_duplicate_is_offered_instead_of_saved() {
        let state = reduce(CustomerFormState::default(), FormAction::Submit);
        let state = reduce(
            state,
            CustomerOwn::Duplicate(Duplicate::Linkable {
                link_token: keydesk_api::LinkToken("offer".to_owned()),
            }),
        );
        assert!(!state.meta.busy);
        assert!(matches!(state.duplicate, Some(Duplicate::Linkable { .. })));
        let state = reduce(state, FormAction::Submit);
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
            FormAction::Edit(CustomerField::Company, "Acme".into()),
        );
        let state = reduce(state, FormAction::Submit);
        let state = reduce(
            state,
            FormAction::Failed(Error::new(ErrorCode::Conflict, "Changed by Olivia.")),
        );
        assert_eq!(state.conflict.as_deref(), Some("Changed by Olivia."));
        assert_eq!(state.meta.banner, None);

        stored.version = 4;
        stored.company = Some("Their Co".into());
        let state = reduce(state, CustomerOwn::Reloaded(Box::new(stored)));
        assert_eq!(state.conflict, None);
        assert_eq!(state.editing, Some((7, 4)));
        assert_eq!(state.input.company, "Their Co");
    }

    #[test]
    fn gender_and_special_requirements_open_from_the_customer_and_are_sent_as_edited() {
        let mut stored = customer();
        stored.gender = Some(Gender::PreferNotToSay);
        stored.special_requirements = "Aisle seat".into();
        let state = CustomerFormState::edit(&stored);
        assert_eq!(state.input.gender, Some(Gender::PreferNotToSay));
        assert_eq!(state.input.special_requirements, "Aisle seat");
        let state = reduce(state, CustomerOwn::Gender(Some(Gender::Female)));
        let state = reduce(
            state,
            FormAction::Edit(CustomerField::SpecialRequirements, "Vegan".into()),
        );
        assert_eq!(state.input.gender, Some(Gender::Female));
        assert_eq!(state.input.special_requirements, "Vegan");
        let state = reduce(state, CustomerOwn::Gender(None));
        assert_eq!(state.input.gender, None, "back to not asked");
        assert_eq!(
            CustomerField::from_api_name("special_requirements"),
            Some(CustomerField::SpecialRequirements)
        );
    }
}
