//! Customer logins: the generator's policy, the handoff queue the owner works through,
//! password resets and generating logins for many customers at once.

use crate::{CreateCustomerOutcome, CustomerInput};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which characters generated customer passwords are made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordPolicySettings {
    /// Characters per password (12–64).
    pub length: u32,
    pub lower: bool,
    pub upper: bool,
    pub digits: bool,
    pub symbols: bool,
    /// Leave out characters easily mistaken for one another (0 O o 1 l I).
    pub exclude_lookalikes: bool,
}

/// How hard a policy's passwords are to guess, as a band with fixed meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntropyBand {
    /// Under 60 bits.
    Weak,
    /// 60 to under 80 bits.
    Good,
    /// 80 bits or more.
    Strong,
}

impl EntropyBand {
    pub fn label(self) -> &'static str {
        match self {
            EntropyBand::Weak => "Weak",
            EntropyBand::Good => "Good",
            EntropyBand::Strong => "Strong",
        }
    }
}

/// The entropy of passwords drawn under a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyEntropy {
    /// Whole bits, rounded down.
    pub bits: u32,
    pub band: EntropyBand,
}

/// Agency-wide rules for customer logins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialSettings {
    pub policy: PasswordPolicySettings,
    /// Days a handoff waits to be handed over before it expires (1–90).
    pub handoff_expiry_days: u32,
    /// Seconds after which a copied username or password is cleared from the clipboard,
    /// if it still holds it (0 = never; at most 600).
    pub clipboard_clear_seconds: u32,
    /// Agents (and admins) see a new customer's password once, right after creating it.
    /// Only an owner may change this.
    pub agents_see_new_password_once: bool,
}

/// The credential settings in force, with the entropy of their policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialSettingsView {
    pub settings: CredentialSettings,
    pub entropy: PolicyEntropy,
}

/// Creating a customer from the form. Sent as the form's fields plus `generate_login`
/// (a bare [`CustomerInput`] is accepted too, and generates a login).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateCustomerRequest {
    #[serde(flatten)]
    pub input: CustomerInput,
    /// Generate the customer's login (username = email) and queue it for handover.
    #[serde(default = "generate_login_by_default")]
    pub generate_login: bool,
}

fn generate_login_by_default() -> bool {
    true
}

/// A login just generated for a customer; its password waits sealed in a handoff.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedLogin {
    pub customer_id: i64,
    pub handoff_id: i64,
    pub username: String,
    /// The password, only in the response to the agent who created the customer and only
    /// when the owner allows it. Shown once: it cannot be asked for again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_time_password: Option<String>,
}

impl fmt::Debug for IssuedLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuedLogin")
            .field("customer_id", &self.customer_id)
            .field("handoff_id", &self.handoff_id)
            .field(
                "one_time_password",
                &self.one_time_password.as_ref().map(|_| "<redacted>"),
            )
            .finish_non_exhaustive()
    }
}

/// What creating a customer led to, plus the login generated for a new customer.
/// On the wire it is a [`CreateCustomerOutcome`] with an optional `login` field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateCustomerResponse {
    #[serde(flatten)]
    pub outcome: CreateCustomerOutcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<IssuedLogin>,
}

wire_enum! {
    /// Where a handoff stands.
    pub enum HandoffState {
        /// Waiting to be handed over; the password can be revealed and copied.
        Pending = "pending",
        /// Handed over; the sealed password is gone.
        Sent = "sent",
        /// Withdrawn (by hand, or replaced by a reset); the sealed password is gone.
        Revoked = "revoked",
        /// Not handed over in time; the sealed password is gone.
        Expired = "expired",
    }
}

impl HandoffState {
    pub fn label(self) -> &'static str {
        match self {
            HandoffState::Pending => "pending",
            HandoffState::Sent => "sent",
            HandoffState::Revoked => "revoked",
            HandoffState::Expired => "expired",
        }
    }

    /// What a person reads about a handoff in this state.
    pub fn description(self) -> &'static str {
        match self {
            HandoffState::Pending => "pending — waiting to be handed over",
            HandoffState::Sent => "sent — handed over to the customer",
            HandoffState::Revoked => "revoked — reset the password to issue a new one",
            HandoffState::Expired => "expired — reset the password to issue a new one",
        }
    }
}

wire_enum! {
    /// How a password reached the customer.
    pub enum HandoffChannel {
        InPerson = "in_person",
        Phone = "phone",
        Whatsapp = "whatsapp",
        Sms = "sms",
        Email = "email",
        Other = "other",
    }
}

impl HandoffChannel {
    pub fn label(self) -> &'static str {
        match self {
            HandoffChannel::InPerson => "In person",
            HandoffChannel::Phone => "Phone",
            HandoffChannel::Whatsapp => "WhatsApp",
            HandoffChannel::Sms => "SMS",
            HandoffChannel::Email => "Email",
            HandoffChannel::Other => "Other",
        }
    }
}

wire_enum! {
    /// Why a handoff was made.
    pub enum HandoffReason {
        /// Generated when the customer was created.
        NewCustomer = "new_customer",
        /// A password reset.
        Reset = "reset",
        /// "Generate logins" for several customers.
        Bulk = "bulk",
    }
}

/// A row of the "Credentials to hand over" card, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingHandoff {
    pub handoff_id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub username: String,
    pub reason: HandoffReason,
    /// Display name of the staff member whose action made the handoff.
    pub created_by: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// RFC 3339 UTC; after this the handoff expires.
    pub expires_at: String,
    /// The customer's current email when it is no longer the username (it changed since
    /// the login was made): a credentials mail then asks which of the two to use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_email: Option<String>,
    /// Whether the signed-in owner can open this login (its key is wrapped to them and
    /// their session holds their key).
    #[serde(default)]
    pub you_can_open: bool,
    /// Whether any current owner can still open it; when none can, only a reset of the
    /// customer's password makes a new one.
    #[serde(default)]
    pub an_owner_can_open: bool,
}

/// The number of pending handoffs, for the navigation badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffCount {
    pub pending: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffIdRequest {
    pub handoff_id: i64,
}

/// Seconds the window shows a revealed password before hiding it again.
pub const REVEAL_HIDE_AFTER_SECONDS: u32 = 20;

/// A pending handoff's password, revealed on the owner's request.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevealedPassword {
    pub handoff_id: i64,
    pub username: String,
    pub password: String,
    /// Hide the password again after this many seconds.
    pub hide_after_seconds: u32,
}

impl fmt::Debug for RevealedPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RevealedPassword { <redacted> }")
    }
}

/// Something was put on the clipboard, marked as concealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClipboardCopy {
    /// Seconds after which it is cleared if the clipboard still holds it (0 = never),
    /// for the window's countdown.
    pub clear_after_seconds: u32,
}

/// The clipboard was cleared after a copy's time ran out; sent as the event
/// [`CLIPBOARD_CLEARED_EVENT`] (not sent when something else was copied meanwhile).
pub const CLIPBOARD_CLEARED_EVENT: &str = "clipboard-cleared";

/// Record that a handoff reached the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkHandoffSentRequest {
    pub handoff_id: i64,
    pub channel: HandoffChannel,
    /// An optional note for the owner's records (at most 500 characters).
    #[serde(default)]
    pub note: String,
}

/// A handoff in the history: state, who, when, how. Never the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffRecord {
    pub handoff_id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub username: String,
    pub reason: HandoffReason,
    pub state: HandoffState,
    /// The state as a person reads it, e.g. "expired — reset the password to issue a
    /// new one".
    pub state_description: String,
    pub created_by: String,
    pub created_at: String,
    pub expires_at: String,
    /// Who sent or revoked it; `None` while pending and for expiry.
    pub closed_by: Option<String>,
    pub closed_at: Option<String>,
    pub channel: Option<HandoffChannel>,
    pub note: Option<String>,
}

/// One page of the handoff history, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HandoffHistoryRequest {
    /// Only this customer's handoffs; all customers when `None`.
    #[serde(default)]
    pub customer_id: Option<i64>,
    /// Continue below this handoff id; `None` for the newest page.
    #[serde(default)]
    pub before_id: Option<i64>,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffHistoryPage {
    pub rows: Vec<HandoffRecord>,
    /// Pass as `before_id` for the next page; `None` when there is no more.
    pub next_before_id: Option<i64>,
}

/// Generate logins for the selected customers (those that already have one are skipped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerateLoginsRequest {
    pub customer_ids: Vec<i64>,
}

/// How far "Generate logins" has come; sent as the event [`GENERATE_LOGINS_PROGRESS_EVENT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerateLoginsProgress {
    /// Customers dealt with so far (generated or skipped).
    pub done: u64,
    pub total: u64,
}

/// The event name of [`GenerateLoginsProgress`].
pub const GENERATE_LOGINS_PROGRESS_EVENT: &str = "generate-logins-progress";

/// What "Generate logins" did. Every generated login was saved as it was made, so a
/// cancelled run keeps the ones done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerateLoginsOutcome {
    pub generated: u64,
    /// Customers that already had a login.
    pub skipped: u64,
    /// Ids that name no customer (erased meanwhile).
    pub not_found: u64,
    pub cancelled: bool,
}

/// Handoffs expired while the window was open; sent as an event whose payload is how
/// many (a number). The window refreshes the queue and its badge.
pub const HANDOFFS_CHANGED_EVENT: &str = "handoffs-changed";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_bare_customer_form_creates_with_a_login() {
        let form = json!({"email": "ann@example.com", "first_name": "Ann", "last_name": "Smith"});
        let req: CreateCustomerRequest = serde_json::from_value(form).unwrap();
        assert!(req.generate_login);
        assert_eq!(req.input.email, "ann@example.com");
        let without = json!({"email": "a@b.c", "first_name": "A", "last_name": "B",
                             "generate_login": false});
        let req: CreateCustomerRequest = serde_json::from_value(without).unwrap();
        assert!(!req.generate_login);
    }

    #[test]
    fn the_create_response_reads_as_the_outcome_with_an_extra_login() {
        let response = CreateCustomerResponse {
            outcome: CreateCustomerOutcome::Duplicate {
                existing: crate::ExistingCustomer::Visible { customer_id: 7 },
            },
            login: None,
        };
        let json = serde_json::to_value(&response).unwrap();
        assert_eq!(
            json,
            json!({"outcome": "duplicate",
                   "existing": {"access": "visible", "customer_id": 7}})
        );
        let back: CreateCustomerOutcome = serde_json::from_value(json).unwrap();
        assert_eq!(back, response.outcome);
        let with_login = json!({"outcome": "duplicate",
            "existing": {"access": "visible", "customer_id": 7},
            "login": {"customer_id": 7, "handoff_id": 3, "username": "u"}});
        let read: CreateCustomerResponse = serde_json::from_value(with_login.clone()).unwrap();
        assert_eq!(read.login.as_ref().map(|l| l.handoff_id), Some(3));
        let outcome_only: CreateCustomerOutcome = serde_json::from_value(with_login).unwrap();
        assert_eq!(outcome_only, response.outcome);
    }

    #[test]
    fn passwords_are_redacted_in_debug() {
        let revealed = RevealedPassword {
            handoff_id: 1,
            username: "ann@example.com".to_owned(),
            password: "Secret-Value-123".to_owned(),
            hide_after_seconds: REVEAL_HIDE_AFTER_SECONDS,
        };
        assert!(!format!("{revealed:?}").contains("Secret"));
        let login = IssuedLogin {
            customer_id: 1,
            handoff_id: 2,
            username: "ann@example.com".to_owned(),
            one_time_password: Some("Secret-Value-123".to_owned()),
        };
        assert!(!format!("{login:?}").contains("Secret"));
    }
}
