//! The settings page: its sections, the general form (default phone region) and the
//! security form (idle lock, sign-in lockout). Each form saves on its own.

use std::rc::Rc;

use keydesk_api::{Error, GeneralSettings, SecuritySettings, Settings};
use yew::prelude::*;

/// Idle lock bounds, in minutes (the shell enforces the same).
pub const MIN_IDLE_MINUTES: u32 = 1;
pub const MAX_IDLE_MINUTES: u32 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingsSection {
    General,
    Security,
    Credentials,
    Mail,
    Branding,
}

impl SettingsSection {
    /// Sub-navigation order.
    pub const ALL: [SettingsSection; 5] = [
        SettingsSection::General,
        SettingsSection::Security,
        SettingsSection::Credentials,
        SettingsSection::Mail,
        SettingsSection::Branding,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            SettingsSection::General => "general",
            SettingsSection::Security => "security",
            SettingsSection::Credentials => "credentials",
            SettingsSection::Mail => "mail",
            SettingsSection::Branding => "branding",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SettingsSection::General => "General",
            SettingsSection::Security => "Security",
            SettingsSection::Credentials => "Credentials",
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
    /// The general form, with the same life cycle as the security form.
    pub general: GeneralForm,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GeneralForm {
    /// The default phone region as typed (an ISO code such as `GB`).
    pub region: String,
    pub region_error: Option<String>,
    pub banner: Option<String>,
    pub busy: bool,
    pub submit_seq: u64,
    pub saved: bool,
}

/// Regions offered for the default phone region, by name; any other two-letter code
/// can be typed.
pub const REGIONS: [(&str, &str); 30] = [
    ("AR", "Argentina"),
    ("AU", "Australia"),
    ("AT", "Austria"),
    ("BE", "Belgium"),
    ("BR", "Brazil"),
    ("CA", "Canada"),
    ("CN", "China"),
    ("DK", "Denmark"),
    ("FI", "Finland"),
    ("FR", "France"),
    ("DE", "Germany"),
    ("GR", "Greece"),
    ("IN", "India"),
    ("IE", "Ireland"),
    ("IT", "Italy"),
    ("JP", "Japan"),
    ("LU", "Luxembourg"),
    ("MX", "Mexico"),
    ("NL", "Netherlands"),
    ("NZ", "New Zealand"),
    ("NO", "Norway"),
    ("PL", "Poland"),
    ("PT", "Portugal"),
    ("SG", "Singapore"),
    ("ZA", "South Africa"),
    ("ES", "Spain"),
    ("SE", "Sweden"),
    ("CH", "Switzerland"),
    ("AE", "United Arab Emirates"),
    ("GB", "United Kingdom"),
];

/// The name of a region the list knows ("DE" → "Germany"), whatever the case typed.
pub fn region_name(code: &str) -> Option<&'static str> {
    let code = code.trim();
    REGIONS
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, name)| *name)
}

/// The region field as a code to send, or what to say about it. The shell decides
/// whether a well-formed code is a region it knows.
pub fn parse_region(text: &str) -> Result<String, String> {
    let code = text.trim();
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(code.to_ascii_uppercase())
    } else {
        Err("Enter a two-letter country code, like GB or DE.".to_owned())
    }
}

impl Default for SettingsState {
    /// Opens on Security, where the settings people come for most live, and loads them.
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
            general: GeneralForm::default(),
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
    EditRegion(String),
    SaveGeneral,
    GeneralSaved(Settings),
    GeneralSaveFailed(Error),
    DismissGeneralBanner,
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

    /// The general settings to save, if the form holds a well-formed region.
    pub fn general_request(&self) -> Option<GeneralSettings> {
        Some(GeneralSettings {
            default_phone_region: parse_region(&self.general.region).ok()?,
        })
    }

    fn show(&mut self, settings: &Settings) {
        self.idle_minutes = settings.security.idle_lock_minutes.to_string();
        self.lockout_enabled = settings.security.lockout_enabled;
        self.idle_minutes_error = None;
    }

    fn show_general(&mut self, settings: &Settings) {
        self.general.region = settings.general.default_phone_region.clone();
        self.general.region_error = None;
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
                next.show_general(&settings);
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
            SettingsAction::EditRegion(text) => {
                if text == next.general.region {
                    return self;
                }
                next.general.region = text;
                next.general.region_error = None;
                next.general.saved = false;
            }
            SettingsAction::SaveGeneral => {
                if next.general.busy || next.load != SettingsLoad::Loaded {
                    return self;
                }
                next.general.banner = None;
                next.general.saved = false;
                match parse_region(&next.general.region) {
                    Ok(_) => {
                        next.general.region_error = None;
                        next.general.busy = true;
                        next.general.submit_seq += 1;
                    }
                    Err(message) => next.general.region_error = Some(message),
                }
            }
            SettingsAction::GeneralSaved(settings) => {
                next.general.busy = false;
                next.general.saved = true;
                next.show_general(&settings);
            }
            SettingsAction::GeneralSaveFailed(error) => {
                next.general.busy = false;
                if error.field.as_deref() == Some("default_phone_region") {
                    next.general.region_error = Some(error.message);
                } else {
                    next.general.banner = Some(error.message);
                }
            }
            SettingsAction::DismissGeneralBanner => {
                if next.general.banner.is_none() {
                    return self;
                }
                next.general.banner = None;
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
            general: GeneralSettings {
                default_phone_region: "GB".into(),
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

    #[test]
    fn the_region_is_loaded_and_saved_on_its_own() {
        let state = loaded();
        assert_eq!(state.general.region, "GB");
        let state = apply(
            state,
            [
                SettingsAction::EditIdleMinutes("7".into()),
                SettingsAction::EditRegion(" de ".into()),
                SettingsAction::SaveGeneral,
                SettingsAction::SaveGeneral,
            ],
        );
        assert_eq!(state.general.submit_seq, 1, "sent once");
        assert_eq!(state.submit_seq, 0, "the security form is not sent");
        assert_eq!(
            state.general_request(),
            Some(GeneralSettings {
                default_phone_region: "DE".into()
            })
        );
        let mut stored = settings(10, true);
        stored.general.default_phone_region = "DE".into();
        let saved = apply(state, [SettingsAction::GeneralSaved(stored)]);
        assert!(saved.general.saved && !saved.general.busy);
        assert_eq!(saved.general.region, "DE");
        assert_eq!(
            saved.idle_minutes, "7",
            "the other form keeps what was typed"
        );
        let edited = apply(saved, [SettingsAction::EditRegion("FR".into())]);
        assert!(!edited.general.saved);
    }

    #[test]
    fn a_bad_region_is_refused_next_to_the_field() {
        let state = apply(
            loaded(),
            [
                SettingsAction::EditRegion("Germany".into()),
                SettingsAction::SaveGeneral,
            ],
        );
        assert_eq!(state.general.submit_seq, 0);
        assert!(state.general.region_error.is_some());
        let sent = apply(
            state,
            [
                SettingsAction::EditRegion("QQ".into()),
                SettingsAction::SaveGeneral,
            ],
        );
        assert_eq!(sent.general.region_error, None);
        let refused = apply(
            sent.clone(),
            [SettingsAction::GeneralSaveFailed(Error::for_field(
                "default_phone_region",
                "Choose a country (two letters, like GB or DE).",
            ))],
        );
        assert_eq!(
            refused.general.region_error.as_deref(),
            Some("Choose a country (two letters, like GB or DE).")
        );
        assert!(!refused.general.busy);
        let forbidden = apply(
            sent,
            [SettingsAction::GeneralSaveFailed(Error::new(
                ErrorCode::Forbidden,
                "Only owners and admins change this.",
            ))],
        );
        assert_eq!(
            forbidden.general.banner.as_deref(),
            Some("Only owners and admins change this.")
        );
    }

    #[test]
    fn regions_have_names() {
        assert_eq!(region_name("de"), Some("Germany"));
        assert_eq!(region_name("QQ"), None);
        assert_eq!(parse_region(" gb "), Ok("GB".into()));
        for bad in ["", "G", "GBR", "G1"] {
            assert!(parse_region(bad).is_err(), "{bad:?}");
        }
        let mut names: Vec<_> = REGIONS.iter().map(|(_, n)| *n).collect();
        let sorted = {
            let mut s = names.clone();
            s.sort_unstable();
            s
        };
        assert_eq!(names, sorted, "offered by name");
        names.dedup();
        assert_eq!(names.len(), REGIONS.len());
    }
}
