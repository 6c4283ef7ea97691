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
        Gender = "gender",
        PreferredLanguage = "preferred_language",
        ContactMethod = "contact_method",
        Tier = "tier",
        SpecialRequirements = "special_requirements",
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
            ImportField::Gender => "Gender",
            ImportField::PreferredLanguage => "Language",
            ImportField::ContactMethod => "Contact method",
            ImportField::Tier => "Tier",
            ImportField::SpecialRequirements => "Special requirements",
            ImportField::Notes => "Notes",
            ImportField::MarketingConsent => "Marketing consent",
        }
    }
}

wire_enum! {
    /// A character encoding a CSV file can be saved in, by its WHATWG name (the name
    /// browsers and the Encoding Standard give it). The set holds every encoding the
    /// detector can guess, so a guess can always be shown and chosen again, plus the
    /// few Keydesk only reads when they are marked or chosen. The first ones are those
    /// spreadsheets save most.
    pub enum TextEncoding {
        Utf8 = "UTF-8",
        Windows1252 = "windows-1252",
        Iso8859_15 = "ISO-8859-15",
        Macintosh = "macintosh",
        Windows1250 = "windows-1250",
        Iso8859_2 = "ISO-8859-2",
        Windows1251 = "windows-1251",
        Koi8U = "KOI8-U",
        Ibm866 = "IBM866",
        Iso8859_5 = "ISO-8859-5",
        Windows1253 = "windows-1253",
        Iso8859_7 = "ISO-8859-7",
        Windows1254 = "windows-1254",
        Windows1257 = "windows-1257",
        Iso8859_13 = "ISO-8859-13",
        Iso8859_4 = "ISO-8859-4",
        Windows1256 = "windows-1256",
        Iso8859_6 = "ISO-8859-6",
        Windows1255 = "windows-1255",
        Iso8859_8 = "ISO-8859-8",
        Windows874 = "windows-874",
        Windows1258 = "windows-1258",
        ShiftJis = "Shift_JIS",
        EucJp = "EUC-JP",
        EucKr = "EUC-KR",
        Gbk = "GBK",
        Big5 = "Big5",
        Utf16Le = "UTF-16LE",
        Utf16Be = "UTF-16BE",
    }
}

impl TextEncoding {
    /// What a person reads in the encoding drop-down: the script or region first, as
    /// spreadsheets and browsers name them, then the encoding's own name.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "Unicode (UTF-8)",
            TextEncoding::Windows1252 => "Western (Windows-1252)",
            TextEncoding::Iso8859_15 => "Western (ISO-8859-15)",
            TextEncoding::Macintosh => "Western (Mac OS Roman)",
            TextEncoding::Windows1250 => "Central European (Windows-1250)",
            TextEncoding::Iso8859_2 => "Central European (ISO-8859-2)",
            TextEncoding::Windows1251 => "Cyrillic (Windows-1251)",
            TextEncoding::Koi8U => "Cyrillic (KOI8-U)",
            TextEncoding::Ibm866 => "Cyrillic (DOS, IBM866)",
            TextEncoding::Iso8859_5 => "Cyrillic (ISO-8859-5)",
            TextEncoding::Windows1253 => "Greek (Windows-1253)",
            TextEncoding::Iso8859_7 => "Greek (ISO-8859-7)",
            TextEncoding::Windows1254 => "Turkish (Windows-1254)",
            TextEncoding::Windows1257 => "Baltic (Windows-1257)",
            TextEncoding::Iso8859_13 => "Baltic (ISO-8859-13)",
            TextEncoding::Iso8859_4 => "Baltic (ISO-8859-4)",
            TextEncoding::Windows1256 => "Arabic and Persian (Windows-1256)",
            TextEncoding::Iso8859_6 => "Arabic (ISO-8859-6)",
            TextEncoding::Windows1255 => "Hebrew (Windows-1255)",
            TextEncoding::Iso8859_8 => "Hebrew, visual (ISO-8859-8)",
            TextEncoding::Windows874 => "Thai (Windows-874)",
            TextEncoding::Windows1258 => "Vietnamese (Windows-1258)",
            TextEncoding::ShiftJis => "Japanese (Shift_JIS)",
            TextEncoding::EucJp => "Japanese (EUC-JP)",
            TextEncoding::EucKr => "Korean (EUC-KR)",
            TextEncoding::Gbk => "Chinese, simplified (GBK)",
            TextEncoding::Big5 => "Chinese, traditional (Big5)",
            TextEncoding::Utf16Le => "Unicode (UTF-16LE)",
            TextEncoding::Utf16Be => "Unicode (UTF-16BE)",
        }
    }
}

wire_enum! {
    /// How the encoding a file was read in was settled.
    pub enum EncodingSource {
        /// Guessed from the file's bytes.
        Detected = "detected",
        /// Named by the byte order mark the file starts with, which no choice overrides.
        ByteOrderMark = "byte_order_mark",
        /// Chosen by the person importing.
        Chosen = "chosen",
    }
}

/// Which file to look at, and in which encoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFileRequest {
    pub path: String,
    /// The encoding to read the file in; none (the default) lets Keydesk detect it.
    #[serde(default)]
    pub encoding: Option<TextEncoding>,
}

/// The first look at a file: its header, a few rows and a guessed mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub path: String,
    /// The file's name without its folder, for headings.
    pub file_name: String,
    /// The encoding the file was read in.
    pub encoding: TextEncoding,
    /// Whether that encoding was detected, marked in the file or chosen.
    pub encoding_source: EncodingSource,
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
    /// As in [`ImportFileRequest::encoding`]: send the preview's, so every row is read
    /// as the preview showed it.
    #[serde(default)]
    pub encoding: Option<TextEncoding>,
}

/// Run the import of a checked file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRunRequest {
    pub path: String,
    pub mapping: Vec<Option<ImportField>>,
    /// As in [`ImportCheckRequest::encoding`].
    #[serde(default)]
    pub encoding: Option<TextEncoding>,
    pub duplicates: DuplicatePolicy,
}

/// One refused row (or one refused field of it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// The line in the file where the row starts (the header is line 1).
    pub line: u64,
    /// The field refused, e.g. `email`; empty when the row as a whole is wrong.
    pub field: String,
    pub message: crate::Said,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_from_callers_that_name_no_encoding_detect_it() {
        let file: ImportFileRequest = serde_json::from_str(r#"{"path":"/a.csv"}"#).unwrap();
        assert_eq!(file.encoding, None);
        let check: ImportCheckRequest =
            serde_json::from_str(r#"{"path":"/a.csv","mapping":["email",null]}"#).unwrap();
        assert_eq!(check.encoding, None);
        let run: ImportRunRequest = serde_json::from_str(
            r#"{"path":"/a.csv","mapping":[],"duplicates":"skip","encoding":"windows-1256"}"#,
        )
        .unwrap();
        assert_eq!(run.encoding, Some(TextEncoding::Windows1256));
    }
}
