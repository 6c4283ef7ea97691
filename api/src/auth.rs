use serde::{Deserialize, Serialize};
use std::fmt;

/// What the window should show when it starts or after a sign-out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum AppState {
    /// The OS keyring cannot hold the vault key; nothing else can work until it is fixed.
    KeyringUnavailable { message: String, how_to_fix: String },
    /// First run: the database exists but has no owner yet.
    NeedsOwner,
    /// Staff exist; someone must sign in, in the window's language chosen last here.
    SignedOut {
        #[serde(default)]
        window_language: crate::Language,
    },
    /// Someone is signed in in this window.
    SignedIn { session: SessionInfo },
    /// Someone is signed in but the window locked itself after idle time.
    Locked { session: SessionInfo },
}

wire_enum! {
    pub enum Role {
        Owner = "owner",
        Admin = "admin",
        Agent = "agent",
    }
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Owner => "Owner",
            Role::Admin => "Admin",
            Role::Agent => "Agent",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The signed-in person, as the window may know them (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub staff_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Signed in with a temporary password: only choosing a new one is possible.
    #[serde(default)]
    pub must_change_password: bool,
    /// What this person may do, from the permission table (for what the window shows).
    #[serde(default)]
    pub permissions: Vec<crate::Permission>,
    /// Seconds without activity before the window locks itself.
    #[serde(default = "default_idle_lock_seconds")]
    pub idle_lock_seconds: u32,
    /// The language and calendar of this person's window.
    #[serde(default)]
    pub window: WindowPreferences,
}

fn default_idle_lock_seconds() -> u32 {
    600
}

/// First-run form. The passwords travel once over IPC and are hashed in the shell.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateOwnerRequest {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub password_confirm: String,
    /// Chosen on the first-run screen: the owner's own from the start.
    #[serde(default)]
    pub window: Option<WindowPreferences>,
}

impl fmt::Debug for CreateOwnerRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateOwnerRequest")
            .field("email", &self.email)
            .field("display_name", &self.display_name)
            .field("password", &"<redacted>")
            .field("password_confirm", &"<redacted>")
            .finish()
    }
}

#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
    /// Chosen on the sign-in screen: kept as the person's own from this sign-in on.
    #[serde(default)]
    pub window: Option<WindowPreferences>,
}

impl fmt::Debug for SignInRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignInRequest")
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .finish()
    }
}

#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PasswordStrengthRequest {
    pub password: String,
    /// Words the password should not lean on (the person's email and name).
    #[serde(default)]
    pub user_inputs: Vec<String>,
}

impl fmt::Debug for PasswordStrengthRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordStrengthRequest")
            .field("password", &"<redacted>")
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StrengthBand {
    TooWeak,
    Weak,
    Fair,
    Strong,
    VeryStrong,
}

impl StrengthBand {
    pub fn label(self) -> &'static str {
        match self {
            StrengthBand::TooWeak => "Too weak",
            StrengthBand::Weak => "Weak",
            StrengthBand::Fair => "Fair",
            StrengthBand::Strong => "Strong",
            StrengthBand::VeryStrong => "Very strong",
        }
    }
}

/// The strength meter's reading of a password being typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordStrength {
    /// 0 (guessed at once) to 4 (very hard to guess).
    pub score: u8,
    pub band: StrengthBand,
    /// Whether the password would be accepted as it is.
    pub acceptable: bool,
    /// One short hint on how to do better, if any.
    pub hint: Option<crate::Said>,
}

wire_enum! {
    /// The calendar dates are shown in. Gregorian is the default.
    #[derive(Default)]
    pub enum Calendar {
        #[default]
        Gregorian = "gregorian",
        /// The Solar Hijri (Jalali) calendar of Iran and Afghanistan.
        SolarHijri = "solar-hijri",
    }
}

/// How a person's window speaks: each member's own on a desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct WindowPreferences {
    pub language: crate::Language,
    #[serde(default)]
    pub calendar: Calendar,
}
