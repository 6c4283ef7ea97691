use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecuritySettings {
    /// Minutes without keyboard or mouse activity before the window locks (1–60).
    pub idle_lock_minutes: u32,
    /// Whether repeated failed sign-ins make the account wait.
    pub lockout_enabled: bool,
}

/// How the agency works day to day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneralSettings {
    /// ISO 3166-1 alpha-2 region for phone numbers typed without a country code when
    /// the customer has no country, e.g. `GB`.
    pub default_phone_region: String,
    /// The language of mails to customers whose own language Keydesk does not speak
    /// (or is not recorded), and of test mails.
    #[serde(default = "english")]
    pub mail_language: crate::Language,
}

fn english() -> crate::Language {
    crate::Language::En
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub security: SecuritySettings,
    pub general: GeneralSettings,
}
