//! The names of the customer form's fields, as the form and its field problems carry
//! them: one list, so the window, the shell and the core cannot spell a field apart.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A field of the customer form ([`crate::CustomerInput`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerField {
    Email,
    FirstName,
    LastName,
    Phone,
    Company,
    Address,
    City,
    Country,
    BirthDate,
    Gender,
    PreferredLanguage,
    ContactMethod,
    Tier,
    SpecialRequirements,
    Notes,
    MarketingConsent,
}

impl CustomerField {
    /// Every field, in the form's order.
    pub const ALL: [CustomerField; 16] = [
        CustomerField::Email,
        CustomerField::FirstName,
        CustomerField::LastName,
        CustomerField::Phone,
        CustomerField::Company,
        CustomerField::Address,
        CustomerField::City,
        CustomerField::Country,
        CustomerField::BirthDate,
        CustomerField::Gender,
        CustomerField::PreferredLanguage,
        CustomerField::ContactMethod,
        CustomerField::Tier,
        CustomerField::SpecialRequirements,
        CustomerField::Notes,
        CustomerField::MarketingConsent,
    ];

    /// The field's name on the wire (the same as its serde name).
    pub const fn as_str(self) -> &'static str {
        match self {
            CustomerField::Email => "email",
            CustomerField::FirstName => "first_name",
            CustomerField::LastName => "last_name",
            CustomerField::Phone => "phone",
            CustomerField::Company => "company",
            CustomerField::Address => "address",
            CustomerField::City => "city",
            CustomerField::Country => "country",
            CustomerField::BirthDate => "birth_date",
            CustomerField::Gender => "gender",
            CustomerField::PreferredLanguage => "preferred_language",
            CustomerField::ContactMethod => "contact_method",
            CustomerField::Tier => "tier",
            CustomerField::SpecialRequirements => "special_requirements",
            CustomerField::Notes => "notes",
            CustomerField::MarketingConsent => "marketing_consent",
        }
    }
}

impl fmt::Display for CustomerField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not one of the customer form's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCustomerField(pub String);

impl fmt::Display for UnknownCustomerField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown customer field {:?}", self.0)
    }
}

impl std::error::Error for UnknownCustomerField {}

impl FromStr for CustomerField {
    type Err = UnknownCustomerField;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CustomerField::ALL
            .into_iter()
            .find(|field| field.as_str() == s)
            .ok_or_else(|| UnknownCustomerField(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_and_match_the_wire() {
        for field in CustomerField::ALL {
            assert_eq!(field.as_str().parse::<CustomerField>(), Ok(field));
            let wire = serde_json::to_string(&field).unwrap();
            assert_eq!(wire, format!("\"{}\"", field.as_str()));
            assert_eq!(serde_json::from_str::<CustomerField>(&wire).unwrap(), field);
        }
        assert!("full_name".parse::<CustomerField>().is_err());
    }
}
