//! Mail: the SMTP server, the agency's branding in mails, and the outbox.

use serde::{Deserialize, Serialize};

wire_enum! {
    /// How the connection to the SMTP server is protected.
    #[derive(Default)]
    pub enum SmtpSecurity {
        /// Plain connection upgraded with STARTTLS (usually port 587). The default.
        #[default]
        StartTls = "start_tls",
        /// TLS from the first byte (usually port 465).
        ImplicitTls = "implicit_tls",
        /// No encryption: allowed only for a server on this computer (localhost,
        /// 127.0.0.1, ::1), and shown as unsafe.
        None = "none",
    }
}

impl SmtpSecurity {
    /// The port this kind of connection usually uses.
    pub fn default_port(self) -> u16 {
        match self {
            SmtpSecurity::StartTls => 587,
            SmtpSecurity::ImplicitTls => 465,
            SmtpSecurity::None => 25,
        }
    }
}

/// The SMTP settings as saved. The password is never sent to the window: only whether
/// one is stored (in the OS keyring).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpSettings {
    /// False until someone saved a server: mails wait in the outbox until then.
    pub configured: bool,
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    /// Empty when the server needs no sign-in.
    pub username: String,
    /// A password is stored in the OS keyring.
    pub password_set: bool,
    pub from_name: String,
    pub from_address: String,
    /// Empty for none.
    pub reply_to: String,
    pub timeout_seconds: u32,
    /// The connection is not encrypted (security `none`, local server only).
    pub unsafe_connection: bool,
    /// How many mails with a personal message (welcome, login) one staff member may
    /// queue in an hour.
    #[serde(default = "default_personal_mails_per_hour")]
    pub personal_mails_per_hour: u32,
    /// A desk that held the stored password was revoked: change it at the mail provider
    /// and save the new one (every desk of the agency then receives it).
    #[serde(default)]
    pub password_rotation_due: bool,
}

/// The limit of personal mails per staff member and hour until an owner sets another.
pub const DEFAULT_PERSONAL_MAILS_PER_HOUR: u32 = 20;

fn default_personal_mails_per_hour() -> u32 {
    DEFAULT_PERSONAL_MAILS_PER_HOUR
}

/// Printed instead of a secret by the `Debug` of the requests that carry one.
const REDACTED: &str = "<redacted>";

/// The SMTP form as typed. Saving, testing the connection and sending a test mail all
/// take it, so a test checks exactly what is on screen, saved or not. Its `Debug`
/// never prints the password.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpSettingsForm {
    pub host: String,
    pub port: u16,
    #[serde(default)]
    pub security: SmtpSecurity,
    #[serde(default)]
    pub username: String,
    /// Empty keeps the stored password (if any) as long as the server (host, port,
    /// security) and the username stay those it was saved for; otherwise replaces it.
    #[serde(default)]
    pub password: String,
    /// Removes the stored password (wins over `password`).
    #[serde(default)]
    pub clear_password: bool,
    pub from_name: String,
    pub from_address: String,
    #[serde(default)]
    pub reply_to: String,
    /// 5–120 seconds.
    pub timeout_seconds: u32,
    /// Mails with a personal message one staff member may queue in an hour (1–500).
    #[serde(default = "default_personal_mails_per_hour")]
    pub personal_mails_per_hour: u32,
}

impl Default for SmtpSettingsForm {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: 0,
            security: SmtpSecurity::default(),
            username: String::new(),
            password: String::new(),
            clear_password: false,
            from_name: String::new(),
            from_address: String::new(),
            reply_to: String::new(),
            timeout_seconds: 0,
            personal_mails_per_hour: DEFAULT_PERSONAL_MAILS_PER_HOUR,
        }
    }
}

impl std::fmt::Debug for SmtpSettingsForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettingsForm")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &REDACTED)
            .field("clear_password", &self.clear_password)
            .field("from_name", &self.from_name)
            .field("from_address", &self.from_address)
            .field("reply_to", &self.reply_to)
            .field("timeout_seconds", &self.timeout_seconds)
            .field("personal_mails_per_hour", &self.personal_mails_per_hour)
            .finish()
    }
}

/// What a connection test or test mail did, in words for the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpTestReport {
    pub message: crate::Said,
}

/// The agency's look in every mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branding {
    pub agency_name: String,
    /// An `https://` address of a small logo image, or empty for none.
    #[serde(default)]
    pub logo_url: String,
    /// `#rrggbb`.
    pub accent_colour: String,
    /// Where customers can write for help; empty for none.
    #[serde(default)]
    pub support_email: String,
    /// The customer portal's address (`https://...`); empty for none.
    #[serde(default)]
    pub portal_url: String,
    /// Printed at the foot of every mail (address, legal line); may span lines.
    #[serde(default)]
    pub footer_text: String,
}

wire_enum! {
    /// The mails Keydesk sends.
    pub enum MailKind {
        /// Welcome, with the agency's message, without login details.
        Welcome = "welcome",
        /// Welcome with the customer's username and password.
        WelcomeCredentials = "welcome_credentials",
        /// A new password after a reset.
        CredentialsReset = "credentials_reset",
        /// The 6-digit code that confirms the customer's email.
        VerificationCode = "verification_code",
        /// A test of the mail settings.
        Test = "test",
    }
}

impl MailKind {
    pub fn label(self) -> &'static str {
        match self {
            MailKind::Welcome => "Welcome",
            MailKind::WelcomeCredentials => "Welcome with login",
            MailKind::CredentialsReset => "New password",
            MailKind::VerificationCode => "Verification code",
            MailKind::Test => "Test mail",
        }
    }
}

/// Renders one mail for a sample customer. `branding` previews unsaved branding;
/// `None` uses the saved one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewMailRequest {
    pub kind: MailKind,
    #[serde(default)]
    pub branding: Option<Branding>,
    /// The welcome text to show in welcome mails; empty for the sample text.
    #[serde(default)]
    pub welcome_message: String,
    /// The language to show the mail in; none for the agency's mail language.
    #[serde(default)]
    pub language: Option<crate::Language>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPreview {
    pub kind: MailKind,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub language: crate::Language,
}

wire_enum! {
    /// Where a mail in the outbox stands.
    pub enum OutboxState {
        /// Waiting for its turn (or for the server to be reachable again).
        Queued = "queued",
        /// Being handed to the server right now.
        Sending = "sending",
        /// The server accepted it.
        Sent = "sent",
        /// Given up; `last_error` says why.
        Failed = "failed",
        /// Cancelled by a person before it was sent.
        Cancelled = "cancelled",
    }
}

/// One mail in the outbox. Never holds the mail's text: secrets in it are rendered
/// only at the moment of sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMail {
    pub id: i64,
    pub kind: MailKind,
    pub customer_id: Option<i64>,
    /// "First Last" of the customer, when the mail is for one.
    pub customer_name: Option<String>,
    pub recipient: String,
    pub state: OutboxState,
    /// Tries so far.
    pub attempts: i64,
    /// When the next try is due (queued mails).
    pub next_attempt_at: Option<String>,
    /// Why the last try failed, fit to show.
    pub last_error: Option<crate::Said>,
    /// The Message-ID header, the same on every try.
    pub message_id: String,
    pub created_at: String,
    /// Display name of who caused the mail.
    pub created_by: Option<String>,
    pub sent_at: Option<String>,
}

/// A page of the outbox, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OutboxQuery {
    #[serde(default)]
    pub state: Option<OutboxState>,
    /// Continue below this id (from the previous page's `next_before_id`).
    #[serde(default)]
    pub before_id: Option<i64>,
    /// 1–200.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxPage {
    pub rows: Vec<OutboxMail>,
    /// All mails matching the state filter.
    pub total: i64,
    pub next_before_id: Option<i64>,
}

/// Retry one mail now, or (with no id) every waiting mail.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RetryMailRequest {
    #[serde(default)]
    pub id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxIdRequest {
    pub id: i64,
}

/// For the status bar: "3 mails waiting (offline)".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxStatus {
    /// Queued or being sent.
    pub waiting: i64,
    pub failed: i64,
    /// The last try could not reach the server (offline, server down, wrong host).
    pub offline: bool,
    /// An SMTP server is saved; without one, mails wait.
    pub smtp_configured: bool,
    /// The earliest next try of a waiting mail.
    pub next_attempt_at: Option<String>,
    /// Why the last try failed, if it did.
    pub last_error: Option<crate::Said>,
}

/// Queue the mail that hands a pending login over (welcome with login, or new
/// password after a reset); the password is opened only when the mail is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendHandoffMailRequest {
    pub handoff_id: i64,
    /// The agency's personal words and instructions for this customer.
    #[serde(default)]
    pub welcome_message: String,
    /// Where the mail goes when the customer's email changed since the login was made:
    /// the login's username or the current email (nothing else is accepted). `None`:
    /// the username, if it is still the customer's email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
}

/// Queue the welcome mail (without login details) for a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendWelcomeMailRequest {
    pub customer_id: i64,
    /// The agency's personal words and instructions for this customer.
    #[serde(default)]
    pub welcome_message: String,
}

/// The code a customer read back to the agent. Its `Debug` never prints the code.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckVerificationCodeRequest {
    pub customer_id: i64,
    /// Six digits; spaces are ignored.
    pub code: String,
}

impl std::fmt::Debug for CheckVerificationCodeRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckVerificationCodeRequest")
            .field("customer_id", &self.customer_id)
            .field("code", &REDACTED)
            .finish()
    }
}

/// Sent as the event [`OUTBOX_CHANGED_EVENT`] whenever a mail changes state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxChanged {
    pub id: i64,
    pub customer_id: Option<i64>,
    pub state: OutboxState,
}

pub const OUTBOX_CHANGED_EVENT: &str = "outbox-changed";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_smtp_password_or_a_verification_code() {
        let form = SmtpSettingsForm {
            host: "smtp.example.com".to_owned(),
            username: "agency".to_owned(),
            password: "Hunter2-smtp-secret".to_owned(),
            ..Default::default()
        };
        for text in [format!("{form:?}"), format!("{form:#?}")] {
            assert!(!text.contains("Hunter2-smtp-secret"), "{text}");
            assert!(text.contains("<redacted>") && text.contains("smtp.example.com"));
        }
        let check = CheckVerificationCodeRequest {
            customer_id: 42,
            code: "493817".to_owned(),
        };
        for text in [format!("{check:?}"), format!("{check:#?}")] {
            assert!(!text.contains("493817"), "{text}");
            assert!(text.contains("<redacted>") && text.contains("42"));
        }
    }
}
