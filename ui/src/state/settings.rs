//! The settings page: its sections, and the security form (idle lock, sign-in lockout).

use std::rc::Rc;

use keydesk_api::{Error, SecuritySettings, Settings};
use yew::prelude::*;

/// Idle lock bounds, in minutes (the shell enforces the same).
pub const MIN_IDLE_MINUTES: u32 = 1;
pub const MAX_IDLE_MINUTES: u32 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingsSection {
    General,
    Security,
    Mail,
    Branding,
}

impl SettingsSection {
    /// Sub-navigation order.
    pub const ALL: [SettingsSection; 4] = [
        SettingsSection::General,
        SettingsSection::Security,
        SettingsSection::Mail,
        SettingsSection::Branding,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            SettingsSection::General => "general",
            SettingsSection::Security => "security",
            SettingsSection::Mail => "mail",
            SettingsSection::Branding => "branding",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SettingsSection::General => "General",
            SettingsSection::Security => "Security",
            SettingsSection::Mail => "Mail",
            SettingsSection::Branding => "Branding",
        }
    }

    /// `settings-section-<slug>`: the sub-navigation button.
    pub fn button_id(self) -> String {
        format!("settings-section-{}", self.slug())
    }

    /// `settings-panel-<slug>`: the section's content.
    pub fn panel_id(self) -> String {
        format!("settings-panel-{}", self.slug())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsLoad {
    Loading,
    Loaded,
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsState {
    pub section: SettingsSection,
    pub load: SettingsLoad,
    /// Bumped when the settings must be (re)loaded; the effect that loads them keys on it.
    pub load_seq: u64,
    /// The idle lock field as typed.
    pub idle_minutes: String,
    pub lockout_enabled: bool,
    /// The form's or the shell's complaint about the idle lock field.
    pub idle_minutes_error: Option<String>,
    /// An error that concerns no single field.
    pub banner: Option<String>,
    pub busy: bool,
    /// Bumped when a save is accepted; the effect that sends it keys on this.
    pub submit_seq: u64,
    /// The last save went through (until the next edit).
    pub saved: bool,
}

impl Default for SettingsState {
    /// Opens on Security, the section that has settings today, and loads them.
    fn default() -> Self {
        Self {
            section: SettingsSection::Security,
            load: SettingsLoad::Loading,
            load_seq: 1,
            idle_minutes: String::new(),
            lockout_enabled: true,
            idle_minutes_error: None,
            banner: None,
            busy: false,
            submit_seq: 0,
            saved: false,
        }
    }
}

pub enum SettingsAction {
    Open(SettingsSection),
    Reload,
    Loaded { seq: u64, settings: Settings },
    LoadFailed { seq: u64, message: String },
    EditIdleMinutes(String),
    SetLockout(bool),
    Save,
    Saved(Settings),
    SaveFailed(Error),
    DismissBanner,
}

/// The idle lock field as a number of minutes, or what to say about it.
pub fn parse_idle_minutes(text: &str) -> Result<u32, String> {
    let text = text.trim();
    let refuse = || {
        Err(format!(
            "Enter a whole number of minutes from {MIN_IDLE_MINUTES} to {MAX_IDLE_MINUTES}."
        ))
    };
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return refuse();
    }
    match text.parse::<u32>() {
        Ok(minutes) if (MIN_IDLE_MINUTES..=MAX_IDLE_MINUTES).contains(&minutes) => Ok(minutes),
        _ => refuse(),
    }
}

impl SettingsState {
    /// The security settings to save, if the form holds valid ones.
    pub fn request(&self) -> Option<SecuritySettings> {
        let idle_lock_minutes = parse_idle_minutes(&self.idle_minutes).ok()?;
        Some(SecuritySettings {
            idle_lock_minutes,
            lockout_enabled: self.lockout_enabled,
        })
    }

    fn show(&mut self, settings: &Settings) {
        self.idle_minutes = settings.security.idle_lock_minutes.to_string();
        self.lockout_enabled = settings.security.lockout_enabled;
        self.idle_minutes_error = None;
    }
}

impl Reducible for SettingsState {
    type Action = SettingsAction;

    fn reduce(self: Rc<Self>, action: SettingsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SettingsAction::Open(section) => {
                if next.section == section {
                    return self;
                }
                next.section = section;
            }
            SettingsAction::Reload => {
                if next.load == SettingsLoad::Loading {
                    return self;
                }
                next.load = SettingsLoad::Loading;
                next.load_seq += 1;
            }
            SettingsAction::Loaded { seq, settings } => {
                if seq != next.load_seq {
                    return self;
                }
                next.load = SettingsLoad::Loaded;
                next.show(&settings);
            }
            SettingsAction::LoadFailed { seq, message } => {
                if seq != next.load_seq {
                    return self;
                }
                next.load = SettingsLoad::Failed(message);
            }
            SettingsAction::EditIdleMinutes(text) => {
                if text == next.idle_minutes {
                    return self;
                }
                next.idle_minutes = text;
                next.idle_minutes_error = None;
                next.saved = false;
            }
            SettingsAction::SetLockout(enabled) => {
                next.lockout_enabled = enabled;
                next.saved = false;
            }
            SettingsAction::Save => {
                if next.busy || next.load != SettingsLoad::Loaded {
                    return self;
                }
                next.banner = None;
                next.saved = false;
                match parse_idle_minutes(&next.idle_minutes) {
                    Ok(_) => {
                        next.idle_minutes_error = None;
                        next.busy = true;
                        next.submit_seq += 1;
                    }
                    Err(message) => next.idle_minutes_error = Some(message),
                }
            }
            SettingsAction::Saved(settings) => {
                next.busy = false;
                next.saved = true;
                next.show(&settings);
            }
            SettingsAction::SaveFailed(error) => {
                next.busy = false;
                if error.field.as_deref() == Some("idle_lock_minutes") {
                    next.idle_minutes_error = Some(error.message);
                } else {
                    next.banner = Some(error.message);
                }
            }
            SettingsAction::DismissBanner => {
                if next.banner.is_none() {
                    return self;
                }
                next.banner = None;
            }
        }
        next.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::ErrorCode;

    fn apply(
        state: SettingsState,
        actions: impl IntoIterator<Item = SettingsAction>,
    ) -> SettingsState {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn settings(minutes: u32, lockout: bool) -> Settings {
        Settings {
            security: SecuritySettings {
                idle_lock_minutes: minutes,
                lockout_enabled: lockout,
            },
        }
    }

    fn loaded() -> SettingsState {
        apply(
            SettingsState::default(),
            [SettingsAction::Loaded {
                seq: 1,
                settings: settings(10, true),
            }],
        )
    }

    #[test]
    fn ids_follow_the_slug() {
        assert_eq!(
            SettingsSection::Security.button_id(),
            "settings-section-security"
        );
        assert_eq!(SettingsSection::Mail.panel_id(), "settings-panel-mail");
        assert_eq!(SettingsState::default().section, SettingsSection::Security);
    }

    #[test]
    fn idle_minutes_are_whole_numbers_from_1_to_60() {
        assert_eq!(parse_idle_minutes(" 5 "), Ok(5));
        assert_eq!(parse_idle_minutes("60"), Ok(60));
        for bad in ["0", "61", "", "2.5", "-1", "five", "99999999999"] {
            assert!(parse_idle_minutes(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn loading_fills_the_form() {
        let state = loaded();
        assert_eq!(state.idle_minutes, "10");
        assert!(state.lockout_enabled);
        assert_eq!(state.load, SettingsLoad::Loaded);
    }

    #[test]
    fn nothing_is_saved_before_the_settings_are_known() {
        let state = apply(SettingsState::default(), [SettingsAction::Save]);
        assert_eq!(state.submit_seq, 0);
    }

    #[test]
    fn a_bad_value_is_refused_next_to_the_field() {
        let state = apply(
            loaded(),
            [
                SettingsAction::EditIdleMinutes("0".into()),
                SettingsAction::Save,
            ],
        );
        assert_eq!(state.submit_seq, 0);
        assert!(state.idle_minutes_error.is_some());
        let typed = apply(state, [SettingsAction::EditIdleMinutes("5".into())]);
        assert_eq!(typed.idle_minutes_error, None);
    }

    #[test]
    fn saving_sends_once_and_shows_what_was_saved() {
        let state = apply(
            loaded(),
            [
                SettingsAction::EditIdleMinutes("5".into()),
                SettingsAction::SetLockout(false),
                SettingsAction::Save,
                SettingsAction::Save,
            ],
        );
        assert_eq!(state.submit_seq, 1);
        assert_eq!(
            state.request(),
            Some(SecuritySettings {
                idle_lock_minutes: 5,
                lockout_enabled: false
            })
        );
        let saved = apply(state, [SettingsAction::Saved(settings(5, false))]);
        assert!(saved.saved);
        assert!(!saved.busy);
        let edited = apply(saved, [SettingsAction::EditIdleMinutes("6".into())]);
        assert!(!edited.saved);
    }

    #[test]
    fn shell_errors_go_to_the_field_or_the_banner() {
        let sent = apply(loaded(), [SettingsAction::Save]);
        let field = apply(
            sent.clone(),
            [SettingsAction::SaveFailed(Error::for_field(
                "idle_lock_minutes",
                "Choose 1 to 60 minutes.",
            ))],
        );
        assert_eq!(
            field.idle_minutes_error.as_deref(),
            Some("Choose 1 to 60 minutes.")
        );
        let refused = apply(
            sent,
            [SettingsAction::SaveFailed(Error::new(
                ErrorCode::Forbidden,
                "Only owners change security settings.",
            ))],
        );
        assert_eq!(
            refused.banner.as_deref(),
            Some("Only owners change security settings.")
        );
        assert!(!refused.busy);
    }
}
