use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecuritySettings {
    /// Minutes without keyboard or mouse activity before the window locks (1–60).
    pub idle_lock_minutes: u32,
    /// Whether repeated failed sign-ins make the account wait.
    pub lockout_enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub security: SecuritySettings,
}
