//! Importing customers from a CSV file: look at the file, map its columns, check every
//! row, then import in one go.

use serde::{Deserialize, Serialize};

wire_enum! {
    /// A customer field a CSV column can fill.
    pub enum ImportField {
        Email = "email",
        FirstName = "first_name",
        LastName = "last_name",
        /// "Ann Smith" in one column, split at the last space.
        FullName = "full_name",
        Phone = "phone",
        Company = "company",
        Address = "address",
        City = "city",
        Country = "country",
        BirthDate = "birth_date",
        PreferredLanguage = "preferred_language",
        ContactMethod = "contact_method",
        Tier = "tier",
        Notes = "notes",
        MarketingConsent = "marketing_consent",
    }
}

impl ImportField {
    /// What a person reads in the column mapping.
    pub fn label(self) -> &'static str {
        match self {
            ImportField::Email => "Email",
            ImportField::FirstName => "First name",
            ImportField::LastName => "Last name",
            ImportField::FullName => "Full name",
            ImportField::Phone => "Phone",
            ImportField::Company => "Company",
            ImportField::Address => "Address",
            ImportField::City => "City",
            ImportField::Country => "Country",
            ImportField::BirthDate => "Birth date",
            ImportField::PreferredLanguage => "Language",
            ImportField::ContactMethod => "Contact method",
            ImportField::Tier => "Tier",
            ImportField::Notes => "Notes",
            ImportField::MarketingConsent => "Marketing consent",
        }
    }
}

/// Which file to look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFileRequest {
    pub path: String,
}

/// The first look at a file: its header, a few rows and a guessed mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub path: String,
    /// The file's name without its folder, for headings.
    pub file_name: String,
    /// The header row, as written in the file.
    pub columns: Vec<String>,
    /// The first rows (at most 5), one string per column.
    pub sample_rows: Vec<Vec<String>>,
    /// Data rows in the file (not counting the header).
    pub total_rows: u64,
    /// One entry per column: the field it was guessed to fill, or none (ignored).
    pub mapping: Vec<Option<ImportField>>,
}

/// What to do with a row whose email already belongs to a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// Leave the existing customer as it is and link it to the person importing.
    #[default]
    Link,
    /// Leave the existing customer as it is.
    Skip,
}

/// A file and how its columns map to fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCheckRequest {
    pub path: String,
    /// One entry per column of the file, as in [`ImportPreview::mapping`].
    pub mapping: Vec<Option<ImportField>>,
}

/// Run the import of a checked file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRunRequest {
    pub path: String,
    pub mapping: Vec<Option<ImportField>>,
    pub duplicates: DuplicatePolicy,
}

/// One refused row (or one refused field of it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// The line in the file where the row starts (the header is line 1).
    pub line: u64,
    /// The field refused, e.g. `email`; empty when the row as a whole is wrong.
    pub field: String,
    pub message: String,
}

/// Every row of the file checked, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Data rows in the file.
    pub rows: u64,
    /// Rows that would become new customers.
    pub new_customers: u64,
    /// Rows whose email already belongs to a customer (linked or skipped by choice).
    pub existing_customers: u64,
    /// Rows refused (bad fields, wrong column count, a repeat of an earlier row).
    pub refused_rows: u64,
    /// The problems, in file order; at most the first 1,000.
    pub problems: Vec<ImportProblem>,
    /// All problems, also those beyond the list.
    pub problem_count: u64,
}

/// How far an import has come; sent as the event [`IMPORT_PROGRESS_EVENT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProgress {
    pub done: u64,
    pub total: u64,
}

/// The event name of [`ImportProgress`].
pub const IMPORT_PROGRESS_EVENT: &str = "customer-import-progress";

/// What an import did. Refused rows were not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub created: u64,
    pub linked: u64,
    pub skipped: u64,
    pub refused: u64,
}
