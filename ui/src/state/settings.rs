//! The settings page: its sections and the settings it loads once, the general form
//! (default phone region) and the security form (idle lock, sign-in lockout). Each form
//! saves on its own.

use crate::words::{Said, Words};
use std::ops::RangeInclusive;
use std::rc::Rc;

use keydesk_api::{Error, GeneralSettings, Language, SecuritySettings, Settings};
use serde::Serialize;
use yew::prelude::*;

use crate::form::{self, Field, FormAction, FormMeta, FormState};
use crate::state::remote::Request;
use crate::state::update::{apply, ensure};

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
    Backups,
    Agency,
    Portal,
}

impl SettingsSection {
    /// Sub-navigation order.
    pub const ALL: [SettingsSection; 8] = [
        SettingsSection::General,
        SettingsSection::Security,
        SettingsSection::Credentials,
        SettingsSection::Mail,
        SettingsSection::Branding,
        SettingsSection::Backups,
        SettingsSection::Agency,
        SettingsSection::Portal,
    ];

    /// The section's name in the sub-navigation and on its card (`settings-<slug>`).
    pub fn label(self, words: &Words) -> String {
        words.t(&format!("settings-{}", self.slug()))
    }

    /// What the sections' ids and messages are made of.
    pub fn slug(self) -> &'static str {
        match self {
            SettingsSection::General => "general",
            SettingsSection::Security => "security",
            SettingsSection::Credentials => "credentials",
            SettingsSection::Mail => "mail",
            SettingsSection::Branding => "branding",
            SettingsSection::Backups => "backups",
            SettingsSection::Agency => "agency",
            SettingsSection::Portal => "customer",
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

    /// `settings-panel-<slug>-title`: the heading the section's content is labelled by.
    pub fn title_id(self) -> String {
        format!("{}-title", self.panel_id())
    }
}

/// The page: the section shown and the settings as last loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsState {
    pub section: SettingsSection,
    /// The settings themselves live in the forms that show them.
    pub load: Request<()>,
}

/// The region field as a code to send, or what to say about it. The shell decides
/// whether a well-formed code is a region it knows.
pub fn parse_region(text: &str) -> Result<String, Said> {
    let code = text.trim();
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(code.to_ascii_uppercase())
    } else {
        Err(Said::id("check-region"))
    }
}

impl Default for SettingsState {
    /// Opens on Security, where the settings people come for most live, and loads them.
    fn default() -> Self {
        Self::at(SettingsSection::Security)
    }
}

impl SettingsState {
    /// The page opened on `section` (a link from elsewhere, such as the dashboard's
    /// backup reminder), loading the settings.
    pub fn at(section: SettingsSection) -> Self {
        Self {
            section,
            load: Request::started(),
        }
    }
}

pub enum SettingsAction {
    Open(SettingsSection),
    Reload,
    Loaded {
        seq: u64,
        answer: Result<Settings, Error>,
    },
}

impl Reducible for SettingsState {
    type Action = SettingsAction;

    fn reduce(self: Rc<Self>, action: SettingsAction) -> Rc<Self> {
        apply(self, |next| {
            match action {
                SettingsAction::Open(section) => {
                    ensure!(next.section != section);
                    next.section = section;
                }
                SettingsAction::Reload => {
                    ensure!(!next.load.is_loading());
                    next.load.start();
                }
                SettingsAction::Loaded { seq, answer } => {
                    ensure!(next.load.finish(seq, answer.map(drop)))
                }
            }
            Some(())
        })
    }
}

form::fields! {
    /// The security form's one text field.
    #[derive(Default)]
    pub struct IdleMinutesField = "idle_lock_minutes" => "setting-idle-lock-minutes";
}

form::fields! {
    /// The general form's one text field.
    #[derive(Default)]
    pub struct RegionField = "default_phone_region" => "setting-default-phone-region";
}

/// What a settings form chooses beside its text field: each form uses what it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Choices {
    /// The security form's sign-in lockout.
    pub switch: bool,
    /// The general form's language of mails.
    pub language: Language,
}

/// What sets a settings form apart: its one text field, read from the settings and
/// checked on save, and what it saves.
pub trait SettingsField: Field + Default {
    type Request: Serialize + 'static;

    /// The field's text and the form's choices, as the settings have them.
    fn show(settings: &Settings) -> (String, Choices);

    /// The settings to save, or what to say about the field.
    fn request(text: &str, choices: Choices) -> Result<Self::Request, Said>;
}

impl SettingsField for IdleMinutesField {
    type Request = SecuritySettings;

    fn show(settings: &Settings) -> (String, Choices) {
        let security = &settings.security;
        let choices = Choices {
            switch: security.lockout_enabled,
            ..Choices::default()
        };
        (security.idle_lock_minutes.to_string(), choices)
    }

    fn request(text: &str, choices: Choices) -> Result<SecuritySettings, Said> {
        Ok(SecuritySettings {
            idle_lock_minutes: parse_in(
                text,
                MIN_IDLE_MINUTES..=MAX_IDLE_MINUTES,
                "check-idle-minutes",
            )?,
            lockout_enabled: choices.switch,
        })
    }
}

impl SettingsField for RegionField {
    type Request = GeneralSettings;

    fn show(settings: &Settings) -> (String, Choices) {
        let general = &settings.general;
        let choices = Choices {
            language: general.mail_language,
            ..Choices::default()
        };
        (general.default_phone_region.clone(), choices)
    }

    fn request(text: &str, choices: Choices) -> Result<GeneralSettings, Said> {
        Ok(GeneralSettings {
            default_phone_region: parse_region(text)?,
            mail_language: choices.language,
        })
    }
}

/// What the page tells a settings form, besides edits.
pub enum SettingsFormAction {
    /// The settings were loaded: the form shows them and may be saved.
    Show(Settings),
    Saved(Settings),
    /// The form's switch (the security form's sign-in lockout).
    SetSwitch(bool),
    /// The general form's language of mails.
    SetLanguage(Language),
}

/// A settings form: one text field, whose check is said on save and forgotten on the
/// next edit, and at most one switch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SettingsForm<F> {
    /// The field as typed.
    pub text: String,
    pub choices: Choices,
    /// The settings are known, so the form can be saved.
    pub loaded: bool,
    /// The last save went through (until the next edit).
    pub saved: bool,
    pub meta: FormMeta<F>,
}

/// The idle lock and the sign-in lockout.
pub type SecurityForm = SettingsForm<IdleMinutesField>;
/// The default phone region (an ISO code such as `GB`).
pub type GeneralForm = SettingsForm<RegionField>;

/// A number field of a settings form as a whole number in `range`, or message `id`
/// naming the range's `$min` and `$max`.
pub fn parse_in(text: &str, range: RangeInclusive<u32>, id: &'static str) -> Result<u32, Said> {
    let (min, max) = (*range.start(), *range.end());
    whole_number(text, range)
        .ok_or_else(|| Said::with(id, &[("min", min.into()), ("max", max.into())]))
}

/// The text as a whole number in `range`: digits only (Persian ones too), no sign.
pub fn whole_number(text: &str, range: RangeInclusive<u32>) -> Option<u32> {
    let text = keydesk_api::Language::ascii_digits(text);
    let text = text.trim();
    let digits = text.chars().all(|c| c.is_ascii_digit());
    text.parse().ok().filter(|n| digits && range.contains(n))
}

/// Shows the shell's error from a call outside the form's own (a live check) on the
/// field it names; one that names none stays out of the form.
pub fn show_at_field<S: FormState>(state: &mut S, error: &Error) {
    if let Some(field) = state.failed_field(error) {
        state
            .meta_mut()
            .set_server_error(field, error.message.clone());
    }
}

impl<F: SettingsField> SettingsForm<F> {
    /// The settings to save, if the form holds valid ones.
    pub fn request(&self) -> Option<F::Request> {
        F::request(&self.text, self.choices).ok()
    }
}

impl<F: SettingsField> FormState for SettingsForm<F> {
    type Field = F;
    type Own = SettingsFormAction;

    form::meta_in_field!();

    fn value(&self, _field: F) -> &str {
        &self.text
    }

    fn set(&mut self, field: F, value: String) {
        self.text = value;
        self.saved = false;
        self.meta.untouch(field);
    }

    fn check(&self, _field: F) -> Option<Said> {
        F::request(&self.text, self.choices).err()
    }

    const MOVES_FOCUS: bool = false;

    fn own(&mut self, action: SettingsFormAction) -> bool {
        let settings = match action {
            SettingsFormAction::SetSwitch(on) => {
                self.choices.switch = on;
                self.saved = false;
                return true;
            }
            SettingsFormAction::SetLanguage(language) => {
                self.choices.language = language;
                self.saved = false;
                return true;
            }
            SettingsFormAction::Show(settings) => {
                self.loaded = true;
                settings
            }
            SettingsFormAction::Saved(settings) => {
                self.meta.busy = false;
                self.saved = true;
                settings
            }
        };
        (self.text, self.choices) = F::show(&settings);
        self.meta.untouch(F::default());
        self.meta.clear_server_error(F::default());
        true
    }
}

/// A save waits for the settings and hides the last "Saved".
impl<F: SettingsField> Reducible for SettingsForm<F> {
    type Action = FormAction<F, SettingsFormAction>;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        if !matches!(action, FormAction::Submit) {
            return form::reduce(self, action);
        }
        if self.meta.busy || !self.loaded {
            return self;
        }
        let mut next = form::reduce(self, action);
        Rc::make_mut(&mut next).saved = false;
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::ErrorCode;

    use SettingsFormAction as Own;

    fn apply<S: Reducible + Clone>(state: S, actions: impl IntoIterator<Item = S::Action>) -> S {
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
                mail_language: Language::Fa,
            },
        }
    }

    fn security() -> SecurityForm {
        apply(
            SecurityForm::default(),
            [FormAction::Own(Own::Show(settings(10, true)))],
        )
    }

    fn general() -> GeneralForm {
        apply(
            GeneralForm::default(),
            [FormAction::Own(Own::Show(settings(10, true)))],
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
    fn every_section_and_settings_card_is_said_in_every_language() {
        for language in keydesk_api::Language::ALL {
            let words = Words::new(crate::words::speaking(language));
            for section in SettingsSection::ALL {
                assert!(
                    !section.label(&words).starts_with('['),
                    "{section:?} in {language:?}"
                );
            }
            for card in ["general", "security"] {
                for part in ["lead", "save", "saved"] {
                    let id = format!("settings-{card}-{part}");
                    assert!(!words.t(&id).starts_with('['), "{id} in {language:?}");
                }
            }
        }
    }

    #[test]
    fn idle_minutes_are_whole_numbers_from_1_to_60() {
        let minutes =
            |text| IdleMinutesField::request(text, Choices::default()).map(|s| s.idle_lock_minutes);
        assert_eq!(minutes(" 5 "), Ok(5));
        assert_eq!(minutes("60"), Ok(60));
        assert_eq!(minutes("۱۵"), Ok(15), "Persian digits");
        for bad in ["0", "61", "", "2.5", "-1", "five", "99999999999"] {
            assert!(minutes(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_page_loads_once_and_retries_only_a_failure() {
        let page = SettingsState::default();
        assert!(page.load.is_loading());
        let again = apply(page.clone(), [SettingsAction::Reload]);
        assert_eq!(again.load.seq, 1, "already loading");
        let failed = apply(
            page,
            [SettingsAction::Loaded {
                seq: 1,
                answer: Err(Error::new(ErrorCode::Internal, "Disk full.")),
            }],
        );
        assert_eq!(failed.load.remote.failure(), Some("Disk full."));
        let retried = apply(failed, [SettingsAction::Reload]);
        let late = apply(
            retried,
            [SettingsAction::Loaded {
                seq: 1,
                answer: Ok(settings(10, true)),
            }],
        );
        assert!(late.load.is_loading(), "a late answer is dropped");
    }

    #[test]
    fn loading_fills_the_form() {
        let state = security();
        assert_eq!(state.text, "10");
        assert!(state.choices.switch);
        assert!(state.loaded);
    }

    #[test]
    fn nothing_is_saved_before_the_settings_are_known() {
        let state = apply(SecurityForm::default(), [FormAction::Submit]);
        assert_eq!(state.meta.submit_seq, 0);
        let state = apply(GeneralForm::default(), [FormAction::Submit]);
        assert_eq!(state.meta.submit_seq, 0);
    }

    #[test]
    fn a_bad_value_is_refused_next_to_the_field() {
        let state = apply(
            security(),
            [
                FormAction::Edit(IdleMinutesField, "0".into()),
                FormAction::Submit,
            ],
        );
        assert_eq!(state.meta.submit_seq, 0);
        assert!(state.field_error(IdleMinutesField).is_some());
        let typed = apply(state, [FormAction::Edit(IdleMinutesField, "5".into())]);
        assert_eq!(typed.field_error(IdleMinutesField), None);
    }

    #[test]
    fn saving_sends_once_and_shows_what_was_saved() {
        let state = apply(
            security(),
            [
                FormAction::Edit(IdleMinutesField, "5".into()),
                FormAction::Own(Own::SetSwitch(false)),
                FormAction::Submit,
                FormAction::Submit,
            ],
        );
        assert_eq!(state.meta.submit_seq, 1);
        assert_eq!(
            state.request(),
            Some(SecuritySettings {
                idle_lock_minutes: 5,
                lockout_enabled: false
            })
        );
        let saved = apply(state, [FormAction::Own(Own::Saved(settings(5, false)))]);
        assert!(saved.saved);
        assert!(!saved.meta.busy);
        let edited = apply(
            saved.clone(),
            [FormAction::Edit(IdleMinutesField, "6".into())],
        );
        assert!(!edited.saved);
        let again = apply(saved, [FormAction::Submit]);
        assert!(!again.saved);
    }

    #[test]
    fn shell_errors_go_to_the_field_or_the_banner() {
        let sent = apply(security(), [FormAction::Submit]);
        let field = apply(
            sent.clone(),
            [FormAction::Failed(Error::for_field(
                "idle_lock_minutes",
                "Choose 1 to 60 minutes.",
            ))],
        );
        assert_eq!(
            crate::words::in_english(field.field_error(IdleMinutesField)).as_deref(),
            Some("Choose 1 to 60 minutes.")
        );
        let refused = apply(
            sent,
            [FormAction::Failed(Error::new(
                ErrorCode::Forbidden,
                "Only owners change security settings.",
            ))],
        );
        assert_eq!(
            crate::words::in_english(refused.meta.banner.clone()).as_deref(),
            Some("Only owners change security settings.")
        );
        assert!(!refused.meta.busy);
    }

    #[test]
    fn the_region_is_loaded_and_saved_on_its_own() {
        let state = general();
        assert_eq!(state.text, "GB");
        let state = apply(
            state,
            [
                FormAction::Edit(RegionField, " de ".into()),
                FormAction::Submit,
                FormAction::Submit,
            ],
        );
        assert_eq!(state.meta.submit_seq, 1, "sent once");
        assert_eq!(
            state.request(),
            Some(GeneralSettings {
                default_phone_region: "DE".into(),
                mail_language: Language::Fa,
            })
        );
        let mut stored = settings(10, true);
        stored.general.default_phone_region = "DE".into();
        let saved = apply(state, [FormAction::Own(Own::Saved(stored))]);
        assert!(saved.saved && !saved.meta.busy);
        assert_eq!(saved.text, "DE");
        let edited = apply(saved, [FormAction::Edit(RegionField, "FR".into())]);
        assert!(!edited.saved);
    }

    #[test]
    fn the_language_of_mails_is_shown_and_saved_with_the_region() {
        let state = general();
        assert_eq!(state.choices.language, Language::Fa);
        let state = apply(
            state,
            [
                FormAction::Own(Own::SetLanguage(Language::En)),
                FormAction::Submit,
            ],
        );
        assert_eq!(state.meta.submit_seq, 1);
        assert_eq!(state.request().map(|r| r.mail_language), Some(Language::En));
    }

    #[test]
    fn a_bad_region_is_refused_next_to_the_field() {
        let state = apply(
            general(),
            [
                FormAction::Edit(RegionField, "Germany".into()),
                FormAction::Submit,
            ],
        );
        assert_eq!(state.meta.submit_seq, 0);
        assert!(state.field_error(RegionField).is_some());
        let sent = apply(
            state,
            [
                FormAction::Edit(RegionField, "QQ".into()),
                FormAction::Submit,
            ],
        );
        assert_eq!(sent.field_error(RegionField), None);
        let refused = apply(
            sent.clone(),
            [FormAction::Failed(Error::for_field(
                "default_phone_region",
                "Choose a country (two letters, like GB or DE).",
            ))],
        );
        assert_eq!(
            crate::words::in_english(refused.field_error(RegionField)).as_deref(),
            Some("Choose a country (two letters, like GB or DE).")
        );
        assert!(!refused.meta.busy);
        let forbidden = apply(
            sent,
            [FormAction::Failed(Error::new(
                ErrorCode::Forbidden,
                "Only owners and admins change this.",
            ))],
        );
        assert_eq!(
            crate::words::in_english(forbidden.meta.banner.clone()).as_deref(),
            Some("Only owners and admins change this.")
        );
    }

    #[test]
    fn regions_are_two_letter_codes() {
        assert_eq!(parse_region(" gb "), Ok("GB".into()));
        for bad in ["", "G", "GBR", "G1"] {
            assert!(parse_region(bad).is_err(), "{bad:?}");
        }
    }
}
