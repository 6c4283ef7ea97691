//! A customer form, parsed: every field valid, or every refused field named at once.

use super::{BirthDate, CustomerEmail, FieldError, FreeText, PersonName, PhoneE164, RegionCode};
use crate::said::Said;
use chrono::NaiveDate;
use keydesk_api::{ContactMethod, CustomerField, CustomerInput, Gender, Tier};

/// A customer as the form describes them, valid in every field.
#[derive(Debug, Clone)]
pub struct NewCustomer {
    pub email: CustomerEmail,
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub phone: Option<PhoneE164>,
    pub company: FreeText,
    pub address: FreeText,
    pub city: FreeText,
    pub country: Option<RegionCode>,
    pub birth_date: Option<BirthDate>,
    pub preferred_language: FreeText,
    pub contact_method: Option<ContactMethod>,
    pub tier: Option<Tier>,
    pub notes: FreeText,
    pub marketing_consent: bool,
    pub gender: Option<Gender>,
    pub special_requirements: FreeText,
}

impl NewCustomer {
    /// Parses the form, or names every refused field (in the form's checking order) with
    /// the message saving would give. `today` bounds the birth date; `region` is used for
    /// phone numbers without a country code when the customer has no valid country.
    pub fn parse(
        input: &CustomerInput,
        today: NaiveDate,
        region: RegionCode,
    ) -> Result<Self, Vec<FieldError>> {
        let mut problems = Vec::new();
        let country = keep(
            &mut problems,
            Some(input.country.trim())
                .filter(|c| !c.is_empty())
                .map(|c| RegionCode::parse(CustomerField::Country.as_str(), c))
                .transpose(),
        )
        .flatten();
        let phone = keep(
            &mut problems,
            Some(input.phone.trim())
                .filter(|p| !p.is_empty())
                .map(|p| {
                    PhoneE164::parse(CustomerField::Phone.as_str(), p, country.unwrap_or(region))
                })
                .transpose(),
        );
        let preferred_language = keep(&mut problems, parse_language(&input.preferred_language));
        let email = keep(
            &mut problems,
            CustomerEmail::parse(CustomerField::Email.as_str(), &input.email),
        );
        let first_name = keep(
            &mut problems,
            PersonName::parse(CustomerField::FirstName.as_str(), &input.first_name),
        );
        let last_name = keep(
            &mut problems,
            PersonName::parse(CustomerField::LastName.as_str(), &input.last_name),
        );
        let company = keep(
            &mut problems,
            FreeText::parse(CustomerField::Company.as_str(), &input.company, 200),
        );
        let address = keep(
            &mut problems,
            FreeText::parse(CustomerField::Address.as_str(), &input.address, 200),
        );
        let city = keep(
            &mut problems,
            FreeText::parse(CustomerField::City.as_str(), &input.city, 100),
        );
        let birth_date = keep(
            &mut problems,
            Some(input.birth_date.trim())
                .filter(|d| !d.is_empty())
                .map(|d| BirthDate::parse(CustomerField::BirthDate.as_str(), d, today))
                .transpose(),
        );
        let special_requirements = keep(
            &mut problems,
            FreeText::parse(
                CustomerField::SpecialRequirements.as_str(),
                &input.special_requirements,
                2000,
            ),
        );
        let notes = keep(
            &mut problems,
            FreeText::parse(CustomerField::Notes.as_str(), &input.notes, 5000),
        );
        match (
            email,
            first_name,
            last_name,
            phone,
            company,
            address,
            city,
            birth_date,
            preferred_language,
            special_requirements,
            notes,
        ) {
            (
                Some(email),
                Some(first_name),
                Some(last_name),
                Some(phone),
                Some(company),
                Some(address),
                Some(city),
                Some(birth_date),
                Some(preferred_language),
                Some(special_requirements),
                Some(notes),
            ) if problems.is_empty() => Ok(Self {
                email,
                first_name,
                last_name,
                phone,
                company,
                address,
                city,
                country,
                birth_date,
                preferred_language,
                contact_method: input.contact_method,
                tier: input.tier,
                notes,
                marketing_consent: input.marketing_consent,
                gender: input.gender,
                special_requirements,
            }),
            _ => Err(problems),
        }
    }
}

/// The value of a field that parsed; a refusal joins `problems` instead.
fn keep<T>(problems: &mut Vec<FieldError>, parsed: Result<T, FieldError>) -> Option<T> {
    parsed.map_err(|problem| problems.push(problem)).ok()
}

/// A language tag such as `en`, `de` or `pt-BR`, or nothing.
fn parse_language(raw: &str) -> Result<FreeText, FieldError> {
    let field = CustomerField::PreferredLanguage.as_str();
    let language = FreeText::parse(field, raw, 35)?;
    if !language.as_ref().is_empty()
        && !language.as_ref().split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
    {
        return Err(FieldError::new(field, Said::id("error-field-language")));
    }
    Ok(language)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CustomerInput {
        CustomerInput {
            email: "ann@example.com".to_owned(),
            first_name: "Ann".to_owned(),
            last_name: "Lee".to_owned(),
            phone: String::new(),
            company: String::new(),
            address: String::new(),
            city: String::new(),
            country: String::new(),
            birth_date: String::new(),
            preferred_language: String::new(),
            contact_method: None,
            tier: None,
            notes: String::new(),
            marketing_consent: false,
            gender: None,
            special_requirements: String::new(),
        }
    }

    #[test]
    fn every_refused_field_is_named_at_once_in_the_forms_order() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let region = RegionCode::parse("country", "GB").unwrap();
        assert!(NewCustomer::parse(&form(), today, region).is_ok());
        let input = CustomerInput {
            email: "not an email".to_owned(),
            last_name: String::new(),
            country: "XX".to_owned(),
            preferred_language: "not a language".to_owned(),
            ..form()
        };
        let problems = NewCustomer::parse(&input, today, region).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["country", "preferred_language", "email", "last_name"]
        );
    }
}
