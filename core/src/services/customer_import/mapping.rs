//! Which column fills which customer field: guessed from the header, then checked
//! once the person has adjusted it.

use super::word;
use crate::domain::FieldError;
use crate::said::Said;
use keydesk_api::ImportField;

/// Header spellings per field, written as [`normalise_header`] leaves them.
const SYNONYMS: [(ImportField, &[&str]); 17] = [
    (
        ImportField::Email,
        &["email", "mail", "emailaddress", "mailaddress"],
    ),
    (
        ImportField::FirstName,
        &["firstname", "givenname", "forename", "first"],
    ),
    (
        ImportField::LastName,
        &["lastname", "surname", "familyname", "last"],
    ),
    (
        ImportField::FullName,
        &[
            "name",
            "fullname",
            "customer",
            "contact",
            "customername",
            "contactname",
        ],
    ),
    (
        ImportField::Phone,
        &[
            "phone",
            "mobile",
            "telephone",
            "tel",
            "phonenumber",
            "mobilenumber",
            "mobilephone",
            "telephonenumber",
        ],
    ),
    (
        ImportField::Company,
        &[
            "company",
            "organisation",
            "organization",
            "business",
            "companyname",
        ],
    ),
    (
        ImportField::Address,
        &["address", "street", "streetaddress"],
    ),
    (ImportField::City, &["city", "town"]),
    (ImportField::Country, &["country", "countrycode"]),
    (
        ImportField::BirthDate,
        &["birthdate", "dateofbirth", "dob", "birthday"],
    ),
    (
        ImportField::PreferredLanguage,
        &["language", "preferredlanguage"],
    ),
    (
        ImportField::ContactMethod,
        &[
            "contactmethod",
            "preferredcontact",
            "preferredcontactmethod",
        ],
    ),
    (ImportField::Gender, &["gender", "sex"]),
    (ImportField::Tier, &["tier", "level"]),
    (
        ImportField::SpecialRequirements,
        &[
            "specialrequirements",
            "requirements",
            "specialneeds",
            "needs",
            "accessibility",
            "dietary",
            "diet",
        ],
    ),
    (
        ImportField::Notes,
        &["notes", "note", "comments", "comment", "remarks"],
    ),
    (
        ImportField::MarketingConsent,
        &["marketing", "marketingconsent", "newsletter", "optin"],
    ),
];

/// "E-Mail Address" → "emailaddress": case, spaces and punctuation do not matter.
fn normalise_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One guess per column; each field is guessed for at most one column (the first
/// that matches). A full name column is left out when first and last names have
/// columns of their own.
pub(super) fn guess_mapping(columns: &[String]) -> Vec<Option<ImportField>> {
    let mut taken = Vec::new();
    let mut mapping: Vec<Option<ImportField>> = columns
        .iter()
        .map(|column| {
            let header = normalise_header(column);
            let field = SYNONYMS
                .iter()
                .find(|(field, names)| !taken.contains(field) && names.contains(&header.as_str()))
                .map(|(field, _)| *field)?;
            taken.push(field);
            Some(field)
        })
        .collect();
    if taken.contains(&ImportField::FirstName) && taken.contains(&ImportField::LastName) {
        for slot in &mut mapping {
            if *slot == Some(ImportField::FullName) {
                *slot = None;
            }
        }
    }
    mapping
}

/// A mapping that can fill a customer: one column per field at most, an email, and
/// the names (first and last, or a full name to split).
#[derive(Debug, Clone)]
pub(super) struct ColumnMap {
    by_field: [Option<usize>; ImportField::ALL.len()],
}

impl ColumnMap {
    pub(super) fn parse(
        mapping: &[Option<ImportField>],
        column_count: usize,
    ) -> Result<Self, FieldError> {
        let refuse = |message: Said| FieldError::new("mapping", message);
        if mapping.len() != column_count {
            return Err(refuse(
                Said::id("error-import-mapping-columns")
                    .arg("entries", mapping.len())
                    .arg("columns", column_count),
            ));
        }
        let mut by_field = [None; ImportField::ALL.len()];
        for (column, field) in mapping.iter().enumerate() {
            let Some(field) = *field else { continue };
            let slot = &mut by_field[field as usize];
            if slot.is_some() {
                return Err(refuse(
                    Said::id("error-import-mapping-twice").arg("field", word(field)),
                ));
            }
            *slot = Some(column);
        }
        let map = Self { by_field };
        if map.column(ImportField::Email).is_none() {
            return Err(refuse(Said::id("error-import-mapping-no-email")));
        }
        let names = map.column(ImportField::FirstName).is_some()
            && map.column(ImportField::LastName).is_some();
        if !names && map.column(ImportField::FullName).is_none() {
            return Err(refuse(Said::id("error-import-mapping-no-names")));
        }
        Ok(map)
    }

    /// The column that fills `field`, if any.
    pub(super) fn column(&self, field: ImportField) -> Option<usize> {
        self.by_field[field as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ImportField as F;

    fn guess(headers: &[&str]) -> Vec<Option<ImportField>> {
        let columns: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
        guess_mapping(&columns)
    }

    #[test]
    fn headers_are_matched_whatever_their_case_spacing_and_punctuation() {
        assert_eq!(
            guess(&[
                "E-Mail Address",
                "First_Name",
                "SURNAME",
                "Mobile",
                "Organisation",
                "Street",
                "Town",
                "Country Code",
                "Date of Birth",
                "Preferred language",
                "Preferred contact",
                "Level",
                "Remarks",
                "Newsletter",
                "Customer ID",
            ]),
            [
                Some(F::Email),
                Some(F::FirstName),
                Some(F::LastName),
                Some(F::Phone),
                Some(F::Company),
                Some(F::Address),
                Some(F::City),
                Some(F::Country),
                Some(F::BirthDate),
                Some(F::PreferredLanguage),
                Some(F::ContactMethod),
                Some(F::Tier),
                Some(F::Notes),
                Some(F::MarketingConsent),
                None,
            ]
        );
    }

    #[test]
    fn each_field_is_guessed_once_and_a_full_name_only_without_both_names() {
        assert_eq!(
            guess(&["Full name", "e-mail", "Mail", "Tel.", "Phone number"]),
            [
                Some(F::FullName),
                Some(F::Email),
                None,
                Some(F::Phone),
                None
            ]
        );
        assert_eq!(
            guess(&["Name", "Given name", "Family name", "Email"]),
            [None, Some(F::FirstName), Some(F::LastName), Some(F::Email)]
        );
        assert_eq!(
            guess(&["Customer", "Forename", "email"]),
            [Some(F::FullName), Some(F::FirstName), Some(F::Email)]
        );
    }

    #[test]
    fn a_mapping_needs_an_email_and_names_once_each_and_one_entry_per_column() {
        let ok = [Some(F::Email), Some(F::FullName), None];
        let map = ColumnMap::parse(&ok, 3).unwrap();
        assert_eq!(map.column(F::FullName), Some(1));
        assert_eq!(map.column(F::Phone), None);
        let refused = |mapping: &[Option<ImportField>], columns| {
            let err = ColumnMap::parse(mapping, columns).unwrap_err();
            assert_eq!(err.field, "mapping");
            err.in_english()
        };
        assert!(refused(&ok, 4).contains("4 columns"));
        assert!(refused(&[None, Some(F::FullName)], 2).contains("email"));
        assert!(refused(&[Some(F::Email), Some(F::FirstName)], 2).contains("full name"));
        assert!(
            refused(&[Some(F::Email), Some(F::FullName), Some(F::Email)], 3)
                .contains("Email is chosen for two columns")
        );
    }
}
