//! Any customer form: never a panic; a refusal names each refused field once, with a
//! message; an accepted customer, written back into the form, is accepted as the same
//! customer (so a saved customer opens and saves again unchanged).

#![no_main]

use arbitrary::Arbitrary;
use chrono::NaiveDate;
use keydesk_api::{ContactMethod, CustomerField, CustomerInput, Gender, Tier};
use keydesk_core::domain::{NewCustomer, RegionCode};
use libfuzzer_sys::fuzz_target;

const REGIONS: [&str; 4] = ["GB", "DE", "US", "FR"];

#[derive(Debug, Arbitrary)]
struct Form {
    region: u8,
    email: String,
    first_name: String,
    last_name: String,
    phone: String,
    company: String,
    address: String,
    city: String,
    country: String,
    birth_date: String,
    preferred_language: String,
    contact_method: Option<u8>,
    tier: Option<u8>,
    notes: String,
    marketing_consent: bool,
    gender: Option<u8>,
    special_requirements: String,
}

fn pick<T: Copy>(all: &[T], index: Option<u8>) -> Option<T> {
    index.map(|i| all[usize::from(i) % all.len()])
}

/// The form as the window fills it when it opens a saved customer.
fn form_of(customer: &NewCustomer) -> CustomerInput {
    CustomerInput {
        email: customer.email.as_ref().to_owned(),
        first_name: customer.first_name.as_ref().to_owned(),
        last_name: customer.last_name.as_ref().to_owned(),
        phone: customer
            .phone
            .as_ref()
            .map_or_else(String::new, |p| p.as_ref().to_owned()),
        company: customer.company.as_ref().to_owned(),
        address: customer.address.as_ref().to_owned(),
        city: customer.city.as_ref().to_owned(),
        country: customer
            .country
            .map_or_else(String::new, |c| c.as_str().to_owned()),
        birth_date: customer
            .birth_date
            .map_or_else(String::new, |d| d.date().format("%Y-%m-%d").to_string()),
        preferred_language: customer.preferred_language.as_ref().to_owned(),
        contact_method: customer.contact_method,
        tier: customer.tier,
        notes: customer.notes.as_ref().to_owned(),
        marketing_consent: customer.marketing_consent,
        gender: customer.gender,
        special_requirements: customer.special_requirements.as_ref().to_owned(),
    }
}

fuzz_target!(|form: Form| {
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("a date");
    let region = RegionCode::parse("country", REGIONS[usize::from(form.region) % REGIONS.len()])
        .expect("a known region");
    let input = CustomerInput {
        email: form.email,
        first_name: form.first_name,
        last_name: form.last_name,
        phone: form.phone,
        company: form.company,
        address: form.address,
        city: form.city,
        country: form.country,
        birth_date: form.birth_date,
        preferred_language: form.preferred_language,
        contact_method: pick(&ContactMethod::ALL, form.contact_method),
        tier: pick(&Tier::ALL, form.tier),
        notes: form.notes,
        marketing_consent: form.marketing_consent,
        gender: pick(&Gender::ALL, form.gender),
        special_requirements: form.special_requirements,
    };
    match NewCustomer::parse(&input, today, region) {
        Ok(customer) => {
            let saved = form_of(&customer);
            let again = NewCustomer::parse(&saved, today, region).unwrap_or_else(|problems| {
                panic!("{saved:?} was accepted, then refused: {problems:?}")
            });
            assert_eq!(form_of(&again), saved);
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
            for (i, problem) in problems.iter().enumerate() {
                assert!(
                    CustomerField::ALL
                        .iter()
                        .any(|f| f.as_str() == problem.field),
                    "{} is not a form field",
                    problem.field
                );
                assert!(!fields[..i].contains(&problem.field), "{fields:?}");
                assert!(!problem.message.is_empty());
            }
        }
    }
});
