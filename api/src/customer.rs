use serde::{Deserialize, Serialize};

wire_enum! {
    pub enum CustomerStatus {
        Active = "active",
        Inactive = "inactive",
        Archived = "archived",
    }
}

wire_enum! {
    pub enum Tier {
        Bronze = "bronze",
        Silver = "silver",
        Gold = "gold",
        Platinum = "platinum",
    }
}

wire_enum! {
    pub enum ContactMethod {
        Email = "email",
        Phone = "phone",
        Sms = "sms",
        Whatsapp = "whatsapp",
    }
}

wire_enum! {
    /// A customer's gender, when the customer gave it; not asked is no value at all.
    pub enum Gender {
        Female = "female",
        Male = "male",
        NonBinary = "non_binary",
        /// Asked, and the customer chose not to say.
        PreferNotToSay = "prefer_not_to_say",
    }
}

/// The customer form as typed; the core parses every field and answers with
/// field-level errors (`email`, `first_name`, `phone`, `birth_date`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CustomerInput {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub city: String,
    /// ISO 3166-1 alpha-2, e.g. `GB`; empty for none.
    #[serde(default)]
    pub country: String,
    /// `YYYY-MM-DD`; empty for none.
    #[serde(default)]
    pub birth_date: String,
    /// A language tag such as `en` or `de-CH`; empty for none.
    #[serde(default)]
    pub preferred_language: String,
    #[serde(default)]
    pub contact_method: Option<ContactMethod>,
    #[serde(default)]
    pub tier: Option<Tier>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub marketing_consent: bool,
    #[serde(default)]
    pub gender: Option<Gender>,
    /// What the customer needs on a trip: diet, accessibility, seating.
    #[serde(default)]
    pub special_requirements: String,
}

/// A staff member linked to a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedAgent {
    pub staff_id: i64,
    pub display_name: String,
    /// This agent created the customer (rather than being linked later).
    pub created_it: bool,
    pub linked_at: String,
    /// What this agent's relationship with the customer is ("met at the fair").
    #[serde(default)]
    pub notes: String,
}

wire_enum! {
    /// Where a customer's login stands.
    pub enum CredentialsState {
        /// No login has been generated.
        NoLogin = "no_login",
        /// A login exists but has not been handed over yet.
        Pending = "pending",
        /// The login was handed over.
        Sent = "sent",
    }
}

/// The customer's login to the agency's portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerAccount {
    pub username: String,
    pub must_change_password: bool,
    pub requires_verification: bool,
    pub verified_at: Option<String>,
    pub credentials_sent_at: Option<String>,
    pub credentials_sent_by: Option<String>,
    pub last_login_at: Option<String>,
    pub login_count: i64,
}

impl CustomerAccount {
    pub fn verified(&self) -> bool {
        self.verified_at.is_some()
    }

    pub fn credentials_sent(&self) -> bool {
        self.credentials_sent_at.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub birth_date: Option<String>,
    pub preferred_language: Option<String>,
    pub contact_method: Option<ContactMethod>,
    pub status: CustomerStatus,
    pub tier: Tier,
    pub notes: String,
    pub marketing_consent: bool,
    #[serde(default)]
    pub gender: Option<Gender>,
    #[serde(default)]
    pub special_requirements: String,
    /// Increases with every change; an edit names the version it started from.
    pub version: i64,
    /// The agency's number for the customer, the same on every desk; `None` on a desk of
    /// its own, and until the agency server has the customer.
    #[serde(default)]
    pub number: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
    /// Who last changed the customer.
    #[serde(default)]
    pub updated_by: String,
    pub agents: Vec<LinkedAgent>,
    /// The portal login, once one was generated.
    #[serde(default)]
    pub account: Option<CustomerAccount>,
}

/// What creating a customer led to: a new customer, or an existing one with the same
/// email (never a second row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CreateCustomerOutcome {
    Created {
        customer: Box<Customer>,
    },
    /// The email belongs to an existing customer (told only as much as the person may
    /// know of it).
    Duplicate {
        existing: ExistingCustomer,
    },
}

/// The existing customer behind a duplicate email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "access", rename_all = "snake_case")]
pub enum ExistingCustomer {
    /// The person may open it already.
    Visible { customer_id: i64 },
    /// A colleague's customer. Not even its number is told: the token, redeemed with
    /// [`LinkCustomerRequest`], links it to the person who got this answer (once, for a
    /// few minutes). Meeting the customer (knowing their email) is the proof.
    Linkable { link_token: LinkToken },
}

/// A short-lived, single-use permission to link one customer to one staff member.
/// Debug output never shows it: it is as good as the link while it lasts.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LinkToken(pub String);

impl std::fmt::Debug for LinkToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkToken(<redacted>)")
    }
}

/// Links the customer behind a duplicate answer to the person who got the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkCustomerRequest {
    pub link_token: LinkToken,
}

/// A row of the customer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSummary {
    pub id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub status: CustomerStatus,
    pub tier: Tier,
    pub verified: bool,
    pub credentials: CredentialsState,
    pub last_login_at: Option<String>,
}

/// Where a page of the list continues (the fields of the last row the order uses).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerCursor {
    pub last_name: String,
    pub first_name: String,
    pub id: i64,
    #[serde(default)]
    pub last_login_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CustomerQuery {
    /// Words to find at the start of words in name, email, phone, company or notes.
    #[serde(default)]
    pub search: String,
    #[serde(default)]
    pub status: Option<CustomerStatus>,
    #[serde(default)]
    pub tier: Option<Tier>,
    /// Only customers linked to this staff member (owners and admins).
    #[serde(default)]
    pub agent: Option<i64>,
    /// Only customers whose login is (or is not) verified.
    #[serde(default)]
    pub verified: Option<bool>,
    #[serde(default)]
    pub credentials: Option<CredentialsState>,
    #[serde(default)]
    pub sort: CustomerSort,
    #[serde(default)]
    pub after: Option<CustomerCursor>,
    pub limit: u32,
}

wire_enum! {
    /// The order of the customer list.
    #[derive(Default)]
    pub enum CustomerSort {
        /// Most recently created first: the customers staff just worked with, and the order
        /// the search index answers fastest (it stops after one page however many match).
        #[default]
        Newest = "newest",
        /// By last name, then first name.
        Name = "name",
        /// Most recent portal login first; customers who never signed in last.
        LastLogin = "last_login",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPage {
    pub rows: Vec<CustomerSummary>,
    /// All rows matching the query (that the person may see).
    pub total: i64,
    pub next: Option<CustomerCursor>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerIdRequest {
    pub customer_id: i64,
}

/// An edit, made from the customer as it was at `version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateCustomerRequest {
    pub customer_id: i64,
    pub version: i64,
    pub input: CustomerInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveCustomerRequest {
    pub customer_id: i64,
    pub archived: bool,
}

/// One refused field of a form checked before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub message: crate::Said,
}

/// Erase a customer for good; `confirmation` must repeat the customer's email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EraseCustomerRequest {
    pub customer_id: i64,
    pub confirmation: String,
}

/// Where a customer export was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerExport {
    pub path: String,
    pub rows: i64,
}

/// Relationship notes of one agent's link to a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetLinkNotesRequest {
    pub customer_id: i64,
    pub staff_id: i64,
    pub notes: String,
}
