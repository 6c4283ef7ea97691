//! The agency's customer portal without an agency server: its accounts handed to an
//! identity product, and its sign-ins brought back.

use serde::{Deserialize, Serialize};

wire_enum! {
    /// The identity products whose import files Keydesk writes.
    pub enum IdentityProduct {
        /// Auth0's bulk user import: JSON arrays of users, each file under Auth0's limit.
        Auth0 = "auth0",
        /// Keycloak's partial import of a realm's users.
        Keycloak = "keycloak",
    }
}

impl IdentityProduct {
    /// The product's name, as people know it.
    pub fn label(self) -> &'static str {
        match self {
            IdentityProduct::Auth0 => "Auth0",
            IdentityProduct::Keycloak => "Keycloak",
        }
    }
}

/// Writes every portal account in `product`'s import shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportPortalAccountsRequest {
    pub product: IdentityProduct,
}

/// Where an export of portal accounts was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalAccountsExport {
    /// The files written, in order (Auth0 takes at most 500 KB per import).
    pub files: Vec<String>,
    /// Accounts written.
    pub accounts: i64,
    /// Customers left out because they have no login yet.
    pub without_login: i64,
}

/// Reads the portal's sign-ins from the CSV file at `path` (email, time, optional IP).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSignInsRequest {
    pub path: String,
}

/// One line of a sign-in file that was not recorded, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInProblem {
    pub line: u64,
    pub message: crate::Said,
}

/// What an import of sign-ins did. Importing the same file again records nothing new.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SignInImportReport {
    /// The file's name.
    pub file_name: String,
    /// Sign-in lines read.
    pub rows: u64,
    /// Sign-ins recorded now.
    pub recorded: u64,
    /// Sign-ins Keydesk already had (from this file or another).
    pub already_known: u64,
    /// Customers whose last sign-in or count changed.
    pub customers: u64,
    /// Lines not recorded, with the reason; at most [`SIGN_IN_PROBLEMS_SHOWN`].
    pub problems: Vec<SignInProblem>,
    /// How many lines were not recorded in all.
    pub problem_count: u64,
}

/// How many refused lines a report lists; the rest are counted.
pub const SIGN_IN_PROBLEMS_SHOWN: usize = 50;
