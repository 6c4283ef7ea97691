//! The words shown after an export saved a file.

/// Said after every export: Keydesk's own database is encrypted, but a CSV file is the
/// user's own copy in plain text, so the window says so where the file is named.
pub const NOT_ENCRYPTED: &str =
    "This file is not encrypted: keep it somewhere safe and delete it when you are done.";

/// "Saved 12 customers to /home/ann/Downloads/keydesk-customers.csv. This file is not …".
pub fn saved_text(what: &str, path: &str) -> String {
    format!("Saved {what} to {path}. {NOT_ENCRYPTED}")
}
