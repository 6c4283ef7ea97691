//! Settings → Mail and Branding: the SMTP form (saved, tested or used for a test mail
//! exactly as typed), the branding form and its mail preview.

use std::ops::RangeInclusive;
use std::rc::Rc;

use keydesk_api::{
    Branding, Error, ErrorCode, Language, MailKind, MailPreview, SmtpSecurity, SmtpSettings,
    SmtpSettingsForm,
};
use yew::prelude::*;

use super::remote::{Remote, Request};
use super::settings::{show_at_field, whole_number};
use super::tone::Tone;
use crate::form::{self, Field, FormAction, FormMeta, FormState};
use crate::words::Said;

/// The shell's bounds for the connection timeout, in seconds.
const MIN_TIMEOUT_SECONDS: u32 = 5;
const MAX_TIMEOUT_SECONDS: u32 = 120;
/// The shell's bounds for mails with a personal message per staff member and hour.
const MIN_PERSONAL_MAILS_PER_HOUR: u32 = 1;
const MAX_PERSONAL_MAILS_PER_HOUR: u32 = 500;

form::fields! {
    /// A field of the SMTP form; its name is the one the shell puts in `Error::field`.
    ///
    /// Ids: `smtp-<name>` with dashes (its error is `<id>-error`).
    #[derive(Hash, PartialOrd, Ord)]
    pub enum SmtpField {
        Host = "host" => "smtp-host",
        Port = "port" => "smtp-port",
        Security = "security" => "smtp-security",
        Username = "username" => "smtp-username",
        Password = "password" => "smtp-password",
        FromName = "from_name" => "smtp-from-name",
        FromAddress = "from_address" => "smtp-from-address",
        ReplyTo = "reply_to" => "smtp-reply-to",
        TimeoutSeconds = "timeout_seconds" => "smtp-timeout-seconds",
        PersonalMailsPerHour = "personal_mails_per_hour" => "smtp-personal-mails-per-hour",
    }
}

impl SmtpField {
    /// The bounds of a number field, which its check and its input share.
    pub fn range(self) -> Option<RangeInclusive<u32>> {
        match self {
            SmtpField::Port => Some(1..=u32::from(u16::MAX)),
            SmtpField::TimeoutSeconds => Some(MIN_TIMEOUT_SECONDS..=MAX_TIMEOUT_SECONDS),
            SmtpField::PersonalMailsPerHour => {
                Some(MIN_PERSONAL_MAILS_PER_HOUR..=MAX_PERSONAL_MAILS_PER_HOUR)
            }
            _ => None,
        }
    }
}

/// What the SMTP form is asked to do with the values on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTask {
    Save,
    TestConnection,
    SendTestMail,
}

/// The SMTP form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SmtpFields {
    pub host: String,
    pub port: String,
    pub security: SmtpSecurity,
    pub username: String,
    pub password: String,
    pub clear_password: bool,
    pub from_name: String,
    pub from_address: String,
    pub reply_to: String,
    pub timeout_seconds: String,
    pub personal_mails_per_hour: String,
}

impl SmtpFields {
    fn from_saved(s: &SmtpSettings) -> Self {
        Self {
            host: s.host.clone(),
            port: s.port.to_string(),
            security: s.security,
            username: s.username.clone(),
            password: String::new(),
            clear_password: false,
            from_name: s.from_name.clone(),
            from_address: s.from_address.clone(),
            reply_to: s.reply_to.clone(),
            timeout_seconds: s.timeout_seconds.to_string(),
            personal_mails_per_hour: s.personal_mails_per_hour.to_string(),
        }
    }
}

/// The outcome of the last task, shown under the buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub tone: Tone,
    pub said: Said,
}

impl Outcome {
    /// `failure` while the banner is up, else the last report.
    fn of<F>(meta: &FormMeta<F>, failure: Said, report: &Option<Said>) -> Option<Self> {
        let (tone, said) = match (&meta.banner, report) {
            (Some(_), _) => (Tone::Danger, failure),
            (None, Some(said)) => (Tone::Success, said.clone()),
            (None, None) => return None,
        };
        Some(Self { tone, said })
    }
}

/// Takes a failed call: its message on the field it names, and what the banner says:
/// `what` (a message) failed and why, or only "check the marked field" when
/// `field_says_why` and there is one.
fn fail_with_banner<S: FormState>(
    state: &mut S,
    what: &'static str,
    field_says_why: bool,
    error: Error,
) -> Said {
    let field = state.failed_field(&error);
    let why = (field.is_none() || !field_says_why).then(|| error.message.clone());
    let meta = state.meta_mut();
    meta.fail(field, error.message.clone());
    meta.banner = Some(error.message.into());
    match why {
        None => Said::id("mail-settings-failed-see-field").arg("what", Said::id(what)),
        Some(why) => Said::id("mail-settings-failed-because")
            .arg("what", Said::id(what))
            .arg("why", why),
    }
}

/// Why a task was not started: the form's checks refused it.
const CHECK_FIELDS: &str = "mail-settings-check-fields";

/// The SMTP form. Its checks show when a task is asked for, and an edit hides the edited
/// field's message until the next one; a failure is told under the buttons (and on its
/// field), like a task's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettingsState {
    pub load: Request<()>,
    pub fields: SmtpFields,
    /// What is saved: whether a password is stored, and whether a server is set at all.
    pub saved: Option<SmtpSettings>,
    /// The task asked for last; it runs while `meta.busy` (one at a time).
    pub task: SmtpTask,
    /// What the last task that went well answered.
    pub report: Option<Said>,
    /// What the banner says while it is up; none for the checks' refusal.
    pub failure: Option<Said>,
    pub meta: FormMeta<SmtpField>,
}

impl Default for MailSettingsState {
    fn default() -> Self {
        Self {
            load: Request::started(),
            fields: SmtpFields::default(),
            saved: None,
            task: SmtpTask::Save,
            report: None,
            failure: None,
            meta: FormMeta::default(),
        }
    }
}

/// The SMTP form's own actions.
#[derive(Debug)]
pub enum SmtpOwn {
    Reload,
    Loaded {
        seq: u64,
        answer: Result<SmtpSettings, Error>,
    },
    SetClearPassword(bool),
    /// The form's submit runs this task.
    Start(SmtpTask),
    Saved(SmtpSettings),
    /// A test's report.
    Reported(Said),
}

pub type MailSettingsAction = FormAction<SmtpField, SmtpOwn>;

impl MailSettingsState {
    /// The task under way, if any.
    pub fn running(&self) -> Option<SmtpTask> {
        self.meta.busy.then_some(self.task)
    }

    /// What shows under the buttons: a failure, else the last report.
    pub fn outcome(&self) -> Option<Outcome> {
        let failure = self.failure.clone().unwrap_or(Said::id(CHECK_FIELDS));
        Outcome::of(&self.meta, failure, &self.report)
    }

    /// A field changed: its message and the last outcome no longer hold.
    fn forget(&mut self, field: SmtpField) {
        self.meta.untouch(field);
        self.meta.clear_server_error(field);
        self.meta.banner = None;
        self.report = None;
    }

    fn start(&mut self, task: SmtpTask) {
        self.task = task;
        self.report = None;
        self.failure = None;
        // The checks replace what the shell said last.
        self.meta.clear_server_errors();
    }

    fn failed(&mut self, error: Error) {
        let what = match self.task {
            SmtpTask::Save => "mail-settings-not-saved",
            SmtpTask::TestConnection => "smtp-test-failed",
            SmtpTask::SendTestMail => "smtp-test-mail-failed",
        };
        let field_says_why = error.code == ErrorCode::InvalidInput;
        self.failure = Some(fail_with_banner(self, what, field_says_why, error));
    }

    /// The form as the shell takes it, once every field passes its check.
    pub fn request(&self) -> Option<SmtpSettingsForm> {
        if SmtpField::ALL
            .iter()
            .any(|&field| self.check(field).is_some())
        {
            return None;
        }
        let number = |field: SmtpField| whole_number(self.value(field), field.range()?);
        let f = &self.fields;
        Some(SmtpSettingsForm {
            host: f.host.trim().to_owned(),
            port: u16::try_from(number(SmtpField::Port)?).ok()?,
            security: f.security,
            username: f.username.trim().to_owned(),
            password: if f.clear_password {
                String::new()
            } else {
                f.password.clone()
            },
            clear_password: f.clear_password,
            from_name: f.from_name.trim().to_owned(),
            from_address: f.from_address.trim().to_owned(),
            reply_to: f.reply_to.trim().to_owned(),
            timeout_seconds: number(SmtpField::TimeoutSeconds)?,
            personal_mails_per_hour: number(SmtpField::PersonalMailsPerHour)?,
        })
    }

    /// The form still names the server (host, port, encryption) and username the
    /// stored password was saved for: only then does an empty password field use it.
    pub fn same_account_as_saved(&self) -> bool {
        let Some(saved) = &self.saved else {
            return false;
        };
        let f = &self.fields;
        let host = f.host.trim().trim_end_matches('.').to_ascii_lowercase();
        host == saved.host
            && port_number(&f.port) == Some(saved.port)
            && f.security == saved.security
            && f.username.trim() == saved.username
    }

    /// A password is stored and the form keeps it.
    pub fn keeps_saved_password(&self) -> bool {
        self.saved.as_ref().is_some_and(|s| s.password_set)
            && !self.fields.clear_password
            && self.fields.password.is_empty()
            && self.same_account_as_saved()
    }

    /// A password is stored, but the form signs in to another server or as another
    /// user with the password field empty: the stored one will not be sent there, so
    /// the password must be typed again.
    pub fn must_retype_password(&self) -> bool {
        self.saved.as_ref().is_some_and(|s| s.password_set)
            && !self.fields.clear_password
            && self.fields.password.is_empty()
            && !self.fields.username.trim().is_empty()
            && !self.same_account_as_saved()
    }

    /// Security `none`: fine for a server on this computer only.
    pub fn is_unsafe(&self) -> bool {
        self.fields.security == SmtpSecurity::None
    }
}

impl FormState for MailSettingsState {
    type Field = SmtpField;
    type Own = SmtpOwn;

    form::meta_in_field!();

    fn value(&self, field: SmtpField) -> &str {
        let f = &self.fields;
        match field {
            SmtpField::Host => &f.host,
            SmtpField::Port => &f.port,
            SmtpField::Security => f.security.as_str(),
            SmtpField::Username => &f.username,
            SmtpField::Password => &f.password,
            SmtpField::FromName => &f.from_name,
            SmtpField::FromAddress => &f.from_address,
            SmtpField::ReplyTo => &f.reply_to,
            SmtpField::TimeoutSeconds => &f.timeout_seconds,
            SmtpField::PersonalMailsPerHour => &f.personal_mails_per_hour,
        }
    }

    fn set(&mut self, field: SmtpField, value: String) {
        self.forget(field);
        let f = &mut self.fields;
        match field {
            SmtpField::Host => f.host = value,
            SmtpField::Port => f.port = value,
            SmtpField::Security => {
                let (old, security) = (
                    f.security,
                    value.parse::<SmtpSecurity>().unwrap_or_default(),
                );
                // The port follows the kind of connection unless someone chose another.
                let port = port_number(&f.port);
                if f.port.trim().is_empty() || port == Some(old.default_port()) {
                    f.port = security.default_port().to_string();
                    self.meta.untouch(SmtpField::Port);
                    self.meta.clear_server_error(SmtpField::Port);
                }
                self.fields.security = security;
            }
            SmtpField::Username => f.username = value,
            SmtpField::Password => {
                f.password = value;
                if !f.password.is_empty() {
                    f.clear_password = false;
                }
            }
            SmtpField::FromName => f.from_name = value,
            SmtpField::FromAddress => f.from_address = value,
            SmtpField::ReplyTo => f.reply_to = value,
            SmtpField::TimeoutSeconds => f.timeout_seconds = value,
            SmtpField::PersonalMailsPerHour => f.personal_mails_per_hour = value,
        }
    }

    /// A number must be in its range; the server and the sender's address must be given.
    fn check(&self, field: SmtpField) -> Option<Said> {
        let between =
            |id, min: u32, max: u32| Said::with(id, &[("min", min.into()), ("max", max.into())]);
        let check = match field {
            SmtpField::Host => Said::id("smtp-check-host"),
            SmtpField::Port => Said::id("smtp-check-port"),
            SmtpField::TimeoutSeconds => between(
                "smtp-check-timeout",
                MIN_TIMEOUT_SECONDS,
                MAX_TIMEOUT_SECONDS,
            ),
            SmtpField::PersonalMailsPerHour => between(
                "smtp-check-personal-mails",
                MIN_PERSONAL_MAILS_PER_HOUR,
                MAX_PERSONAL_MAILS_PER_HOUR,
            ),
            SmtpField::FromAddress => Said::id("smtp-check-from-address"),
            _ => return None,
        };
        let text = self.value(field);
        let valid = match field.range() {
            Some(range) => whole_number(text, range).is_some(),
            None => !text.trim().is_empty(),
        };
        (!valid).then_some(check)
    }

    /// The banner says [`CHECK_FIELDS`] (see [`MailSettingsState::outcome`]).
    fn refusal(&self) -> Option<Said> {
        self.request().is_none().then(|| Said::id(CHECK_FIELDS))
    }

    const MOVES_FOCUS: bool = false;

    fn own(&mut self, action: SmtpOwn) -> bool {
        match action {
            SmtpOwn::Reload => self.load.start(),
            SmtpOwn::Loaded { seq, answer } => {
                if seq != self.load.seq {
                    return false;
                }
                let answer = answer.map(|settings| {
                    self.fields = SmtpFields::from_saved(&settings);
                    if !settings.configured && self.fields.timeout_seconds == "0" {
                        self.fields.timeout_seconds = "30".to_owned();
                    }
                    self.saved = Some(settings);
                });
                self.load.finish(seq, answer);
            }
            SmtpOwn::SetClearPassword(clear) => {
                self.fields.clear_password = clear;
                if clear {
                    self.fields.password.clear();
                }
                self.forget(SmtpField::Password);
            }
            // Taken by the reducer, which also runs the submit.
            SmtpOwn::Start(_) => return false,
            SmtpOwn::Saved(settings) => {
                self.meta.busy = false;
                self.fields = SmtpFields::from_saved(&settings);
                self.saved = Some(settings);
                self.report = Some(Said::id("smtp-saved"));
            }
            SmtpOwn::Reported(message) => {
                if !self.meta.busy {
                    return false;
                }
                self.meta.busy = false;
                self.report = Some(message);
            }
        }
        true
    }
}

impl Reducible for MailSettingsState {
    type Action = MailSettingsAction;

    fn reduce(self: Rc<Self>, action: MailSettingsAction) -> Rc<Self> {
        let task = match action {
            FormAction::Submit => SmtpTask::Save,
            FormAction::Own(SmtpOwn::Start(task)) => task,
            FormAction::Failed(error) if self.meta.busy => {
                let mut next = (*self).clone();
                next.failed(error);
                return next.into();
            }
            FormAction::Failed(_) => return self,
            FormAction::DismissBanner if self.report.is_some() => {
                let mut next = (*self).clone();
                next.report = None;
                next.meta.banner = None;
                return next.into();
            }
            action => return form::reduce(self, action),
        };
        if self.meta.busy || self.load.remote.loaded().is_none() {
            return self;
        }
        let mut next = (*self).clone();
        next.start(task);
        form::reduce(next.into(), FormAction::Submit)
    }
}

form::fields! {
    /// A field of the branding form.
    pub enum BrandingField {
        AgencyName = "agency_name" => "branding-agency-name",
        LogoUrl = "logo_url" => "branding-logo-url",
        AccentColour = "accent_colour" => "branding-accent-colour",
        SupportEmail = "support_email" => "branding-support-email",
        PortalUrl = "portal_url" => "branding-portal-url",
        FooterText = "footer_text" => "branding-footer-text",
    }
}

/// The branding form and the preview of one mail with it. Its fields have no checks of
/// their own: the shell's messages (from the preview or from saving) land on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandingState {
    pub load: Request<()>,
    pub fields: Branding,
    /// What the last save answered when it went well.
    pub report: Option<Said>,
    /// What the banner says while it is up.
    pub failure: Option<Said>,
    pub preview_kind: MailKind,
    /// The language the preview shows; none for the agency's language of mails.
    pub preview_language: Option<Language>,
    /// Asked again on every change; the last preview stays on show meanwhile.
    pub preview: Request<MailPreview>,
    pub meta: FormMeta<BrandingField>,
}

impl Default for BrandingState {
    fn default() -> Self {
        Self {
            load: Request::started(),
            fields: Branding {
                agency_name: String::new(),
                logo_url: String::new(),
                accent_colour: "#2563eb".to_owned(),
                support_email: String::new(),
                portal_url: String::new(),
                footer_text: String::new(),
            },
            report: None,
            failure: None,
            preview_kind: MailKind::WelcomeCredentials,
            preview_language: None,
            preview: Request {
                seq: 0,
                remote: Remote::Loading,
            },
            meta: FormMeta::default(),
        }
    }
}

/// The branding form's own actions.
#[derive(Debug)]
pub enum BrandingOwn {
    Reload,
    Loaded {
        seq: u64,
        answer: Result<Branding, Error>,
    },
    ShowKind(MailKind),
    ShowLanguage(Option<Language>),
    /// The preview, or the shell's refusal of the branding on screen.
    Preview {
        seq: u64,
        answer: Result<MailPreview, Error>,
    },
    Saved(Branding),
}

pub type BrandingAction = FormAction<BrandingField, BrandingOwn>;

impl BrandingState {
    /// What shows under the form: a failure, else the last save's report.
    pub fn outcome(&self) -> Option<Outcome> {
        let failure = self
            .failure
            .clone()
            .or_else(|| self.meta.banner.clone())
            .unwrap_or_else(|| Said::Text(String::new()));
        Outcome::of(&self.meta, failure, &self.report)
    }

    /// The accent colour if it reads as `#rrggbb` (for the colour input).
    pub fn colour_for_picker(&self) -> String {
        let c = self.fields.accent_colour.trim();
        let ok =
            c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|ch| ch.is_ascii_hexdigit());
        if ok {
            c.to_ascii_lowercase()
        } else {
            "#2563eb".to_owned()
        }
    }
}

impl FormState for BrandingState {
    type Field = BrandingField;
    type Own = BrandingOwn;

    form::meta_in_field!();

    form::text_values!(
        BrandingField::AgencyName => fields.agency_name,
        BrandingField::LogoUrl => fields.logo_url,
        BrandingField::AccentColour => fields.accent_colour,
        BrandingField::SupportEmail => fields.support_email,
        BrandingField::PortalUrl => fields.portal_url,
        BrandingField::FooterText => fields.footer_text,
    );

    /// An edit renders the preview again and hides the last outcome.
    fn edited(&mut self, _field: BrandingField) {
        self.meta.banner = None;
        self.report = None;
        self.preview.refresh();
    }

    /// A save hides the last report.
    fn on_submit(&mut self) {
        self.report = None;
    }

    const MOVES_FOCUS: bool = false;

    fn own(&mut self, action: BrandingOwn) -> bool {
        match action {
            BrandingOwn::Reload => self.load.start(),
            BrandingOwn::Loaded { seq, answer } => {
                if seq != self.load.seq {
                    return false;
                }
                let answer = answer.map(|branding| {
                    self.fields = branding;
                    self.preview.refresh();
                });
                self.load.finish(seq, answer);
            }
            BrandingOwn::ShowKind(kind) => {
                if kind == self.preview_kind {
                    return false;
                }
                self.preview_kind = kind;
                self.preview.refresh();
            }
            BrandingOwn::ShowLanguage(language) => {
                if language == self.preview_language {
                    return false;
                }
                self.preview_language = language;
                self.preview.refresh();
            }
            BrandingOwn::Preview { seq, answer } => {
                if seq != self.preview.seq {
                    return false;
                }
                match &answer {
                    Ok(_) => self.meta.clear_server_errors(),
                    Err(error) => show_at_field(self, error),
                }
                self.preview.finish(seq, answer);
            }
            BrandingOwn::Saved(branding) => {
                self.meta.busy = false;
                self.fields = branding;
                self.meta.clear_server_errors();
                self.report = Some(Said::id("branding-saved"));
                self.preview.refresh();
            }
        }
        true
    }
}

impl Reducible for BrandingState {
    type Action = BrandingAction;

    fn reduce(self: Rc<Self>, action: BrandingAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FormAction::Submit if self.load.remote.loaded().is_none() => return self,
            FormAction::Failed(error) => {
                next.failure = Some(fail_with_banner(
                    &mut next,
                    "mail-settings-not-saved",
                    true,
                    error,
                ));
            }
            FormAction::DismissBanner if self.report.is_some() => {
                next.report = None;
                next.meta.banner = None;
            }
            action => return form::reduce(self, action),
        }
        next.into()
    }
}

/// The port as typed, with either digits.
fn port_number(text: &str) -> Option<u16> {
    keydesk_api::Language::ascii_digits(text)
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Field;
    use crate::words::{in_english, in_persian, Words};

    fn saved() -> SmtpSettings {
        SmtpSettings {
            configured: true,
            host: "smtp.example.com".into(),
            port: 587,
            security: SmtpSecurity::StartTls,
            username: "desk".into(),
            password_set: true,
            from_name: "Sunny".into(),
            from_address: "hello@sunny.example".into(),
            reply_to: String::new(),
            timeout_seconds: 30,
            unsafe_connection: false,
            personal_mails_per_hour: 20,
            password_rotation_due: false,
        }
    }

    fn english() -> Words {
        Words::new(crate::words::speaking(Language::En))
    }

    fn start(task: SmtpTask) -> MailSettingsAction {
        FormAction::Own(SmtpOwn::Start(task))
    }

    fn loaded() -> Rc<MailSettingsState> {
        Rc::new(MailSettingsState::default()).reduce(FormAction::Own(SmtpOwn::Loaded {
            seq: 1,
            answer: Ok(saved()),
        }))
    }

    #[test]
    fn loading_fills_the_form_and_keeps_the_stored_password() {
        let s = loaded();
        assert_eq!(s.load.remote, Remote::Loaded(()));
        assert_eq!(s.fields.port, "587");
        assert!(s.keeps_saved_password());
        let req = s.request().unwrap();
        assert_eq!(req.password, "");
        assert!(!req.clear_password);
    }

    #[test]
    fn another_server_or_username_needs_the_password_typed_again() {
        let s = loaded();
        assert!(s.same_account_as_saved() && !s.must_retype_password());
        // Case and a trailing dot do not make another server; the timeout is not one.
        let s = s
            .reduce(FormAction::Edit(
                SmtpField::Host,
                "SMTP.example.com.".into(),
            ))
            .reduce(FormAction::Edit(SmtpField::TimeoutSeconds, "60".into()));
        assert!(s.keeps_saved_password());
        for (field, value) in [
            (SmtpField::Host, "smtp.attacker.example"),
            (SmtpField::Port, "2525"),
            (SmtpField::Username, "someone"),
        ] {
            let changed = s.clone().reduce(FormAction::Edit(field, value.into()));
            assert!(changed.must_retype_password(), "{field:?}");
            assert!(!changed.keeps_saved_password(), "{field:?}");
            let typed = changed.reduce(FormAction::Edit(SmtpField::Password, "again".into()));
            assert!(!typed.must_retype_password());
        }
        let tls = s.reduce(FormAction::Edit(SmtpField::Security, "implicit_tls".into()));
        assert!(tls.must_retype_password());
        // Without a username nothing signs in: nothing to type.
        let anonymous = tls.reduce(FormAction::Edit(SmtpField::Username, " ".into()));
        assert!(!anonymous.must_retype_password());
    }

    #[test]
    fn the_personal_mail_limit_is_sent_within_bounds() {
        let s = loaded();
        assert_eq!(s.request().unwrap().personal_mails_per_hour, 20);
        let s = s
            .reduce(FormAction::Edit(
                SmtpField::PersonalMailsPerHour,
                "0".into(),
            ))
            .reduce(start(SmtpTask::Save));
        assert!(s.field_error(SmtpField::PersonalMailsPerHour).is_some());
        let s = s.reduce(FormAction::Edit(
            SmtpField::PersonalMailsPerHour,
            "35".into(),
        ));
        assert_eq!(s.request().unwrap().personal_mails_per_hour, 35);
    }

    #[test]
    fn a_stale_load_is_dropped() {
        let s = Rc::new(MailSettingsState::default()).reduce(FormAction::Own(SmtpOwn::Loaded {
            seq: 7,
            answer: Ok(saved()),
        }));
        assert!(s.load.is_loading());
    }

    #[test]
    fn security_moves_the_default_port_but_not_a_chosen_one() {
        let s = loaded().reduce(FormAction::Edit(SmtpField::Security, "implicit_tls".into()));
        assert_eq!(s.fields.port, "465");
        let s = s
            .reduce(FormAction::Edit(SmtpField::Port, "2525".into()))
            .reduce(FormAction::Edit(SmtpField::Security, "none".into()));
        assert_eq!(s.fields.port, "2525");
        assert!(s.is_unsafe());
    }

    #[test]
    fn clearing_the_password_wins_over_a_typed_one() {
        let s = loaded()
            .reduce(FormAction::Edit(SmtpField::Password, "secret".into()))
            .reduce(FormAction::Own(SmtpOwn::SetClearPassword(true)));
        let req = s.request().unwrap();
        assert!(req.clear_password);
        assert_eq!(req.password, "");
        assert!(!s.keeps_saved_password());
    }

    #[test]
    fn bad_numbers_stay_in_the_window() {
        let s = loaded()
            .reduce(FormAction::Edit(SmtpField::Port, "70000".into()))
            .reduce(FormAction::Edit(SmtpField::TimeoutSeconds, "1".into()))
            .reduce(start(SmtpTask::Save));
        assert_eq!(s.running(), None);
        assert_eq!(s.meta.submit_seq, 0);
        assert!(s.field_error(SmtpField::Port).is_some());
        assert!(s.field_error(SmtpField::TimeoutSeconds).is_some());
        let s = s.reduce(FormAction::Edit(SmtpField::Port, "465".into()));
        assert!(s.field_error(SmtpField::Port).is_none());
    }

    #[test]
    fn one_task_at_a_time_and_its_report_is_shown() {
        let s = loaded().reduce(start(SmtpTask::TestConnection));
        assert_eq!(s.running(), Some(SmtpTask::TestConnection));
        assert_eq!(s.meta.submit_seq, 1);
        let same = s.clone().reduce(start(SmtpTask::Save));
        assert_eq!(same.meta.submit_seq, 1);
        let s = s.reduce(FormAction::Own(SmtpOwn::Reported(
            "The server answered.".into(),
        )));
        assert_eq!(s.running(), None);
        assert_eq!(s.outcome().unwrap().tone, Tone::Success);
    }

    #[test]
    fn a_server_error_marks_the_setting_to_fix() {
        let s = loaded().reduce(start(SmtpTask::SendTestMail));
        let error = Error {
            code: ErrorCode::MailServer,
            message: "Nothing answers at smtp.example.com:587.".into(),
            field: Some("host".into()),
            said: None,
        };
        let s = s.reduce(FormAction::Failed(error));
        assert_eq!(
            in_english(s.field_error(SmtpField::Host)).unwrap(),
            "Nothing answers at smtp.example.com:587."
        );
        let outcome = s.outcome().unwrap();
        assert_eq!(outcome.tone, Tone::Danger);
        let message = english().say(&outcome.said);
        assert!(message.contains("Nothing answers"), "{message}");
    }

    /// The checks and outcomes are message ids the catalogue test cannot find in the code.
    #[test]
    fn every_check_and_outcome_is_said_in_every_language() {
        let empty = MailSettingsState::default();
        let mut said: Vec<Said> = SmtpField::ALL
            .iter()
            .filter_map(|&field| empty.check(field))
            .collect();
        assert_eq!(said.len(), 5, "every check of an empty form");
        said.extend([
            Said::id(CHECK_FIELDS),
            Said::id("smtp-saved"),
            Said::id("branding-saved"),
        ]);
        for what in [
            "mail-settings-not-saved",
            "smtp-test-failed",
            "smtp-test-mail-failed",
        ] {
            let mut s = (*loaded()).clone();
            said.push(fail_with_banner(
                &mut s,
                what,
                true,
                Error::for_field("host", "No answer."),
            ));
            said.push(fail_with_banner(
                &mut s,
                what,
                true,
                Error::new(ErrorCode::MailServer, "No answer."),
            ));
        }
        for language in Language::ALL {
            let words = Words::new(crate::words::speaking(language));
            for said in &said {
                assert!(!words.say(said).contains('['), "{said:?} in {language:?}");
            }
        }
        let en = english();
        let timeout = empty.check(SmtpField::TimeoutSeconds).unwrap();
        assert_eq!(en.say(&timeout), "Enter 5 to 120 seconds.");
        let persian = in_persian(Some(timeout)).unwrap();
        assert!(persian.contains('۱'), "{persian}");
    }

    #[test]
    fn a_check_shows_in_the_language_of_the_moment() {
        let s = loaded()
            .reduce(FormAction::Edit(SmtpField::Host, " ".into()))
            .reduce(start(SmtpTask::TestConnection));
        assert_eq!(
            in_english(s.field_error(SmtpField::Host)).as_deref(),
            Some("Enter the mail server's name, like smtp.example.com.")
        );
        assert_eq!(
            english().say(&s.outcome().unwrap().said),
            "Check the marked fields."
        );
        assert!(!in_persian(s.field_error(SmtpField::Host))
            .unwrap()
            .contains("Enter"));
        assert_eq!(s.field_error(SmtpField::Port), None);
    }

    #[test]
    fn field_ids_follow_the_names() {
        assert_eq!(SmtpField::FromAddress.input_id(), "smtp-from-address");
        assert_eq!(
            SmtpField::from_api_name("timeout_seconds"),
            Some(SmtpField::TimeoutSeconds)
        );
        assert_eq!(SmtpField::from_api_name("server"), None);
    }

    #[test]
    fn branding_edits_rerender_the_preview_and_errors_land_on_fields() {
        let b = Rc::new(BrandingState::default()).reduce(FormAction::Own(BrandingOwn::Loaded {
            seq: 1,
            answer: Ok(Branding {
                agency_name: "Sunny".into(),
                logo_url: String::new(),
                accent_colour: "#ff8800".into(),
                support_email: String::new(),
                portal_url: String::new(),
                footer_text: String::new(),
            }),
        }));
        assert_eq!(b.preview.seq, 1);
        let b = b.reduce(FormAction::Edit(BrandingField::AccentColour, "red".into()));
        assert_eq!(b.preview.seq, 2);
        assert_eq!(b.colour_for_picker(), "#2563eb");
        let b = b.reduce(FormAction::Own(BrandingOwn::Preview {
            seq: 2,
            answer: Err(Error::for_field(
                "accent_colour",
                "Use a colour like #1a73e8.",
            )),
        }));
        assert!(b.field_error(BrandingField::AccentColour).is_some());
        let b = b.reduce(FormAction::Own(BrandingOwn::ShowKind(
            MailKind::VerificationCode,
        )));
        assert_eq!(b.preview.seq, 3);
        let b = b.reduce(FormAction::Own(BrandingOwn::ShowLanguage(Some(
            Language::Fa,
        ))));
        assert_eq!(b.preview.seq, 4, "another language, another preview");
        assert_eq!(b.preview_language, Some(Language::Fa));
        let b = b
            .reduce(FormAction::Submit)
            .reduce(FormAction::Failed(Error::for_field(
                "portal_url",
                "Use an https:// address.",
            )));
        assert!(!b.meta.busy);
        assert!(b.field_error(BrandingField::PortalUrl).is_some());
        assert_eq!(
            english().say(&b.outcome().unwrap().said),
            "Not saved: check the marked field."
        );
    }
}
