//! Checking every row of a file as the customer form would, before anything is
//! written: the same parsing and messages, every refused field of a row at once.

use super::file::{CsvRow, CsvTable};
use super::mapping::ColumnMap;
use super::number;
use crate::domain::{CustomerEmail, FieldError, NewCustomer, RegionCode};
use crate::said::Said;
use chrono::NaiveDate;
use keydesk_api::{
    ContactMethod, CustomerField, CustomerInput, Gender, ImportField, ImportProblem, TextEncoding,
    Tier, Vocabulary,
};
use std::collections::HashMap;

/// Problems listed in a report; the count goes on beyond.
pub(super) const MAX_LISTED_PROBLEMS: usize = 1000;

/// A file's rows, each a customer ready to write or refused.
pub(super) struct CheckedFile {
    pub(super) file_name: String,
    pub(super) encoding: TextEncoding,
    pub(super) rows: Vec<CheckedRow>,
    /// The first [`MAX_LISTED_PROBLEMS`], in file order.
    pub(super) problems: Vec<ImportProblem>,
    pub(super) problem_count: u64,
}

pub(super) struct CheckedRow {
    /// `None` when the row is refused.
    pub(super) customer: Option<NewCustomer>,
}

impl CheckedFile {
    pub(super) fn refused_rows(&self) -> u64 {
        self.rows.iter().filter(|r| r.customer.is_none()).count() as u64
    }
}

/// The name problems of each field carry, as in the customer form.
fn field_name(field: ImportField) -> &'static str {
    match field {
        ImportField::Email => CustomerField::Email.as_str(),
        ImportField::FirstName => CustomerField::FirstName.as_str(),
        ImportField::LastName => CustomerField::LastName.as_str(),
        ImportField::FullName => "full_name",
        ImportField::Phone => CustomerField::Phone.as_str(),
        ImportField::Company => CustomerField::Company.as_str(),
        ImportField::Address => CustomerField::Address.as_str(),
        ImportField::City => CustomerField::City.as_str(),
        ImportField::Country => CustomerField::Country.as_str(),
        ImportField::BirthDate => CustomerField::BirthDate.as_str(),
        ImportField::Gender => CustomerField::Gender.as_str(),
        ImportField::PreferredLanguage => CustomerField::PreferredLanguage.as_str(),
        ImportField::ContactMethod => CustomerField::ContactMethod.as_str(),
        ImportField::Tier => CustomerField::Tier.as_str(),
        ImportField::SpecialRequirements => CustomerField::SpecialRequirements.as_str(),
        ImportField::Notes => CustomerField::Notes.as_str(),
        ImportField::MarketingConsent => CustomerField::MarketingConsent.as_str(),
    }
}

/// Checks every row; a row repeating the email of an earlier row is refused.
pub(super) fn check_rows(
    table: &CsvTable,
    map: &ColumnMap,
    today: NaiveDate,
    region: RegionCode,
) -> CheckedFile {
    let mut first_line_of: HashMap<String, u64> = HashMap::with_capacity(table.rows.len());
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut problems = Vec::new();
    let mut problem_count = 0_u64;
    for row in &table.rows {
        let (customer, mut refusals) = check_row(row, table.columns.len(), map, today, region);
        let whole_row_refused = refusals.iter().any(|r| r.field.is_empty());
        let email = match &customer {
            Some(customer) => Some(customer.email.clone()),
            // A row refused for its fields still claims a valid email, so a later row
            // with the same email is shown as a repeat.
            None if !whole_row_refused => map
                .column(ImportField::Email)
                .and_then(|i| row.cells.get(i))
                .and_then(|raw| CustomerEmail::parse(CustomerField::Email.as_str(), raw).ok()),
            None => None,
        };
        if let Some(email) = email {
            let key = email.as_ref().to_owned();
            match first_line_of.get(&key) {
                Some(&first) => refusals.push(FieldError::new(
                    CustomerField::Email.as_str(),
                    Said::id("error-import-repeated-email").arg("line", number(first)),
                )),
                None => {
                    first_line_of.insert(key, row.line);
                }
            }
        }
        let customer = if refusals.is_empty() { customer } else { None };
        problem_count += refusals.len() as u64;
        for refusal in refusals {
            if problems.len() < MAX_LISTED_PROBLEMS {
                problems.push(ImportProblem {
                    line: row.line,
                    field: refusal.field.to_owned(),
                    message: refusal.message,
                });
            }
        }
        rows.push(CheckedRow { customer });
    }
    CheckedFile {
        file_name: table.file_name.clone(),
        encoding: table.encoding,
        rows,
        problems,
        problem_count,
    }
}

/// One row as a customer, or every reason it is refused, in column order. A wrong
/// number of cells refuses the row as a whole (its cells may be shifted).
fn check_row(
    row: &CsvRow,
    column_count: usize,
    map: &ColumnMap,
    today: NaiveDate,
    region: RegionCode,
) -> (Option<NewCustomer>, Vec<FieldError>) {
    let cells = &row.cells;
    let extra_cells_blank = cells.iter().skip(column_count).all(|c| c.trim().is_empty());
    if cells.len() < column_count || !extra_cells_blank {
        let message = Said::id("error-import-row-columns")
            .arg("count", cells.len())
            .arg("header", column_count);
        return (None, vec![FieldError::new("", message)]);
    }
    let cell = |field| {
        map.column(field)
            .and_then(|i| cells.get(i))
            .map_or("", strip_formula_guard)
    };
    let mut refusals = Vec::new();
    // Names without a column of their own come from the full name.
    let first_from_full = map.column(ImportField::FirstName).is_none();
    let last_from_full = map.column(ImportField::LastName).is_none();
    let mut first_name = cell(ImportField::FirstName).to_owned();
    let mut last_name = cell(ImportField::LastName).to_owned();
    if first_from_full || last_from_full {
        let (first, last) =
            split_full_name(cell(ImportField::FullName)).unwrap_or_else(|refusal| {
                refusals.push(refusal);
                // Placeholders that parse, so the row's other fields are still checked.
                ("placeholder".to_owned(), "placeholder".to_owned())
            });
        if first_from_full {
            first_name = first;
        }
        if last_from_full {
            last_name = last;
        }
    }
    let tier = read_tier(cell(ImportField::Tier)).unwrap_or_else(|refusal| {
        refusals.push(refusal);
        None
    });
    let contact_method =
        read_contact_method(cell(ImportField::ContactMethod)).unwrap_or_else(|refusal| {
            refusals.push(refusal);
            None
        });
    let gender = read_gender(cell(ImportField::Gender)).unwrap_or_else(|refusal| {
        refusals.push(refusal);
        None
    });
    let marketing_consent =
        parse_consent(cell(ImportField::MarketingConsent)).unwrap_or_else(|refusal| {
            refusals.push(refusal);
            false
        });
    let input = CustomerInput {
        email: cell(ImportField::Email).to_owned(),
        first_name,
        last_name,
        phone: cell(ImportField::Phone).to_owned(),
        company: cell(ImportField::Company).to_owned(),
        address: cell(ImportField::Address).to_owned(),
        city: cell(ImportField::City).to_owned(),
        country: country_code(cell(ImportField::Country)),
        birth_date: iso_date(cell(ImportField::BirthDate)),
        preferred_language: cell(ImportField::PreferredLanguage).to_owned(),
        contact_method,
        tier,
        notes: cell(ImportField::Notes).to_owned(),
        marketing_consent,
        gender,
        special_requirements: cell(ImportField::SpecialRequirements).to_owned(),
    };
    let customer = match NewCustomer::parse(&input, today, region) {
        Ok(customer) => Some(customer),
        Err(form_refusals) => {
            for mut refusal in form_refusals {
                // A name split from the full name is that column's problem.
                let from_full = match refusal.field.parse() {
                    Ok(CustomerField::FirstName) => first_from_full,
                    Ok(CustomerField::LastName) => last_from_full,
                    _ => false,
                };
                if from_full {
                    refusal.field = "full_name";
                    if refusals.iter().any(|r: &FieldError| r.field == "full_name") {
                        continue;
                    }
                }
                refusals.push(refusal);
            }
            None
        }
    };
    let column_of = |field: &str| {
        ImportField::ALL
            .into_iter()
            .find(|f| field_name(*f) == field)
            .and_then(|f| map.column(f))
            .unwrap_or(usize::MAX)
    };
    refusals.sort_by_key(|r| column_of(r.field));
    (customer.filter(|_| refusals.is_empty()), refusals)
}

/// A cell as it was before Keydesk's own export guarded it: the export puts an
/// apostrophe before a value that starts like a spreadsheet formula (`=`, `+`, `-`, `@`,
/// tab, carriage return; see `crate::audit::neutralise_formula`), so that a spreadsheet
/// shows it as text instead of running it. Taking that apostrophe off again is what
/// lets an exported file be imported back unchanged (a phone number `+44…` would
/// otherwise come back as `'+44…` and be refused).
pub(super) fn strip_formula_guard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// "Ann Marie Smith" → ("Ann Marie", "Smith"): split at the last space. "Smith, Ann"
/// (last name first, with a comma) → ("Ann", "Smith").
pub(super) fn split_full_name(raw: &str) -> Result<(String, String), FieldError> {
    let cleaned = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.is_empty() {
        return Err(FieldError::new(
            "full_name",
            Said::id("error-field-name-missing"),
        ));
    }
    let parts = match cleaned.split_once(',') {
        Some((last, first)) => Some((first.trim(), last.trim())),
        None => cleaned.rsplit_once(' '),
    };
    match parts {
        Some((first, last)) if !first.is_empty() && !last.is_empty() => {
            Ok((first.to_owned(), last.to_owned()))
        }
        _ => Err(FieldError::new(
            "full_name",
            Said::id("error-import-full-name"),
        )),
    }
}

/// Yes or no as spreadsheets write it; an empty cell is no.
pub(super) fn parse_consent(raw: &str) -> Result<bool, FieldError> {
    match raw.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" => Ok(false),
        "yes" | "y" | "true" | "1" | "x" => Ok(true),
        _ => Err(FieldError::new(
            "marketing_consent",
            Said::id("error-import-consent"),
        )),
    }
}

/// A tier cell in any case; an empty cell is none.
fn read_tier(raw: &str) -> Result<Option<Tier>, FieldError> {
    match raw.trim().to_lowercase().as_str() {
        "" => Ok(None),
        word => word
            .parse()
            .map(Some)
            .map_err(|_| FieldError::new("tier", Said::id("error-import-tier"))),
    }
}

/// A contact method cell, as stored or as people write it; an empty cell is none.
fn read_contact_method(raw: &str) -> Result<Option<ContactMethod>, FieldError> {
    let words: String = raw
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    // Besides the stored words, what people write in spreadsheets.
    match words.as_str() {
        "" => Ok(None),
        "mail" => Ok(Some(ContactMethod::Email)),
        "call" | "telephone" | "tel" => Ok(Some(ContactMethod::Phone)),
        "text" | "textmessage" => Ok(Some(ContactMethod::Sms)),
        word => word.parse().map(Some).map_err(|_| {
            FieldError::new("contact_method", Said::id("error-import-contact-method"))
        }),
    }
}

/// A gender as spreadsheets write it: the stored words, the names the window gives them
/// in every language it speaks, and the usual letters; empty is not asked.
fn read_gender(raw: &str) -> Result<Option<Gender>, FieldError> {
    let words = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let typed = words(raw);
    if typed.is_empty() {
        return Ok(None);
    }
    let letters = match typed.as_str() {
        "f" | "w" | "woman" => Some(Gender::Female),
        "m" | "man" => Some(Gender::Male),
        "x" | "nb" | "diverse" => Some(Gender::NonBinary),
        "prefernottosay" | "undisclosed" => Some(Gender::PreferNotToSay),
        _ => None,
    };
    let named = || {
        Gender::ALL.into_iter().find(|&gender| {
            words(gender.as_str()) == typed
                || crate::catalogue::window_names(&gender.message_id())
                    .iter()
                    .any(|name| words(name) == typed)
        })
    };
    letters.or_else(named).map(Some).ok_or_else(|| {
        FieldError::new(
            CustomerField::Gender.as_str(),
            Said::id("error-import-gender"),
        )
    })
}

/// Country names and three-letter codes people write, as two-letter codes.
const COUNTRY_NAMES: &[(&str, &str)] = &[
    ("unitedkingdom", "GB"),
    ("uk", "GB"),
    ("greatbritain", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("wales", "GB"),
    ("northernireland", "GB"),
    ("gbr", "GB"),
    ("unitedstates", "US"),
    ("unitedstatesofamerica", "US"),
    ("usa", "US"),
    ("ireland", "IE"),
    ("irl", "IE"),
    ("germany", "DE"),
    ("deutschland", "DE"),
    ("deu", "DE"),
    ("france", "FR"),
    ("fra", "FR"),
    ("spain", "ES"),
    ("españa", "ES"),
    ("espana", "ES"),
    ("esp", "ES"),
    ("portugal", "PT"),
    ("prt", "PT"),
    ("italy", "IT"),
    ("italia", "IT"),
    ("ita", "IT"),
    ("netherlands", "NL"),
    ("thenetherlands", "NL"),
    ("holland", "NL"),
    ("nederland", "NL"),
    ("nld", "NL"),
    ("belgium", "BE"),
    ("belgique", "BE"),
    ("belgië", "BE"),
    ("bel", "BE"),
    ("luxembourg", "LU"),
    ("switzerland", "CH"),
    ("schweiz", "CH"),
    ("suisse", "CH"),
    ("che", "CH"),
    ("austria", "AT"),
    ("österreich", "AT"),
    ("osterreich", "AT"),
    ("aut", "AT"),
    ("denmark", "DK"),
    ("danmark", "DK"),
    ("dnk", "DK"),
    ("sweden", "SE"),
    ("sverige", "SE"),
    ("swe", "SE"),
    ("norway", "NO"),
    ("norge", "NO"),
    ("nor", "NO"),
    ("finland", "FI"),
    ("suomi", "FI"),
    ("fin", "FI"),
    ("iceland", "IS"),
    ("poland", "PL"),
    ("polska", "PL"),
    ("pol", "PL"),
    ("czechia", "CZ"),
    ("czechrepublic", "CZ"),
    ("slovakia", "SK"),
    ("hungary", "HU"),
    ("slovenia", "SI"),
    ("croatia", "HR"),
    ("hrvatska", "HR"),
    ("romania", "RO"),
    ("bulgaria", "BG"),
    ("greece", "GR"),
    ("grc", "GR"),
    ("cyprus", "CY"),
    ("malta", "MT"),
    ("estonia", "EE"),
    ("latvia", "LV"),
    ("lithuania", "LT"),
    ("turkey", "TR"),
    ("türkiye", "TR"),
    ("turkiye", "TR"),
    ("canada", "CA"),
    ("can", "CA"),
    ("mexico", "MX"),
    ("brazil", "BR"),
    ("brasil", "BR"),
    ("argentina", "AR"),
    ("chile", "CL"),
    ("australia", "AU"),
    ("aus", "AU"),
    ("newzealand", "NZ"),
    ("japan", "JP"),
    ("jpn", "JP"),
    ("china", "CN"),
    ("india", "IN"),
    ("ind", "IN"),
    ("singapore", "SG"),
    ("southkorea", "KR"),
    ("korea", "KR"),
    ("unitedarabemirates", "AE"),
    ("uae", "AE"),
    ("israel", "IL"),
    ("southafrica", "ZA"),
    ("nigeria", "NG"),
    ("kenya", "KE"),
    ("egypt", "EG"),
    ("morocco", "MA"),
];

/// A country as written in the file, as the form's two-letter code where it is a
/// known name; anything else goes on as written, to be refused with the form's message.
fn country_code(raw: &str) -> String {
    let key: String = raw
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    COUNTRY_NAMES
        .iter()
        .find(|(name, _)| *name == key)
        .map_or_else(|| raw.trim().to_owned(), |(_, code)| (*code).to_owned())
}

/// Dates written `31.12.1980` or `1980/12/31` (unambiguous) as `1980-12-31`;
/// anything else goes on as written, for the form's parsing and message.
fn iso_date(raw: &str) -> String {
    let trimmed = raw.trim();
    ["%d.%m.%Y", "%Y/%m/%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(trimmed, format).ok())
        .map_or_else(|| trimmed.to_owned(), |date| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_guard_comes_off_and_nothing_else() {
        for value in [
            "=SUM(A1)",
            "+442079460958",
            "-5 off",
            "@home",
            "\tindented",
            "\rreturn",
            "plain",
            "",
            "'quoted",
            "it's",
        ] {
            let exported = crate::audit::neutralise_formula(value);
            assert_eq!(strip_formula_guard(&exported), value, "{value:?}");
        }
        assert_eq!(strip_formula_guard("'"), "'");
        assert_eq!(strip_formula_guard("''=x"), "''=x");
    }

    #[test]
    fn a_full_name_splits_at_the_last_space() {
        let split = |raw| split_full_name(raw).map_err(|e| (e.field, e.in_english()));
        assert_eq!(
            split(" Ann  Marie Smith "),
            Ok(("Ann Marie".to_owned(), "Smith".to_owned()))
        );
        assert_eq!(
            split("José da Silva"),
            Ok(("José da".to_owned(), "Silva".to_owned()))
        );
        assert_eq!(
            split("Smith, Ann Marie"),
            Ok(("Ann Marie".to_owned(), "Smith".to_owned()))
        );
        let (field, message) = split("Madonna").unwrap_err();
        assert_eq!(field, "full_name");
        assert!(message.contains("first and last name"));
        assert!(split("  ").is_err());
        assert!(split("Smith,").is_err());
    }

    #[test]
    fn consent_is_read_as_spreadsheets_write_it() {
        for yes in ["yes", "YES", "y", "true", "True", "1", "x", " X "] {
            assert_eq!(parse_consent(yes), Ok(true), "{yes}");
        }
        for no in ["", " ", "no", "N", "false", "0"] {
            assert_eq!(parse_consent(no), Ok(false), "{no}");
        }
        for neither in ["maybe", "2", "ja", "✓"] {
            let err = parse_consent(neither).unwrap_err();
            assert_eq!(err.field, "marketing_consent", "{neither}");
        }
    }

    #[test]
    fn tiers_contact_methods_countries_and_dates_accept_usual_spellings() {
        assert_eq!(read_tier("GOLD"), Ok(Some(Tier::Gold)));
        assert_eq!(read_tier(" platinum "), Ok(Some(Tier::Platinum)));
        assert_eq!(read_tier(""), Ok(None));
        assert_eq!(read_tier("diamond").unwrap_err().field, "tier");
        assert_eq!(
            read_contact_method("E-mail"),
            Ok(Some(ContactMethod::Email))
        );
        assert_eq!(
            read_contact_method("WhatsApp"),
            Ok(Some(ContactMethod::Whatsapp))
        );
        assert_eq!(read_contact_method("SMS"), Ok(Some(ContactMethod::Sms)));
        assert_eq!(
            read_contact_method("pigeon").unwrap_err().field,
            "contact_method"
        );
        assert_eq!(country_code("United Kingdom"), "GB");
        assert_eq!(country_code("Deutschland"), "DE");
        assert_eq!(country_code("de"), "de");
        assert_eq!(country_code(" Narnia "), "Narnia");
        assert_eq!(iso_date("29.02.1980"), "1980-02-29");
        assert_eq!(iso_date("1980/2/29"), "1980-02-29");
        assert_eq!(iso_date("1980-02-29"), "1980-02-29");
        assert_eq!(iso_date("02/29/1980"), "02/29/1980");
    }
}
