//! Settings → Mail and Branding: the SMTP form (saved, tested or used for a test mail
//! exactly as typed), the branding form and its mail preview.

use std::collections::BTreeMap;
use std::rc::Rc;

use keydesk_api::{
    Branding, Error, ErrorCode, MailKind, MailPreview, SmtpSecurity, SmtpSettings, SmtpSettingsForm,
};
use yew::prelude::*;

use super::remote::{Remote, Request};
use super::tone::Tone;

/// The shell's bounds for the connection timeout, in seconds.
pub const MIN_TIMEOUT_SECONDS: u32 = 5;
pub const MAX_TIMEOUT_SECONDS: u32 = 120;
/// The shell's bounds for mails with a personal message per staff member and hour.
pub const MIN_PERSONAL_MAILS_PER_HOUR: u32 = 1;
pub const MAX_PERSONAL_MAILS_PER_HOUR: u32 = 500;

/// A form's settings, asked for when it opens: the form is shown once they are here.
fn first_load() -> Request<()> {
    let mut load = Request::default();
    load.start();
    load
}

/// A field of the SMTP form; its name is the one the shell puts in `Error::field`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SmtpField {
    Host,
    Port,
    Security,
    Username,
    Password,
    FromName,
    FromAddress,
    ReplyTo,
    TimeoutSeconds,
    PersonalMailsPerHour,
}

impl SmtpField {
    pub const ALL: [SmtpField; 10] = [
        SmtpField::Host,
        SmtpField::Port,
        SmtpField::Security,
        SmtpField::Username,
        SmtpField::Password,
        SmtpField::FromName,
        SmtpField::FromAddress,
        SmtpField::ReplyTo,
        SmtpField::TimeoutSeconds,
        SmtpField::PersonalMailsPerHour,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SmtpField::Host => "host",
            SmtpField::Port => "port",
            SmtpField::Security => "security",
            SmtpField::Username => "username",
            SmtpField::Password => "password",
            SmtpField::FromName => "from_name",
            SmtpField::FromAddress => "from_address",
            SmtpField::ReplyTo => "reply_to",
            SmtpField::TimeoutSeconds => "timeout_seconds",
            SmtpField::PersonalMailsPerHour => "personal_mails_per_hour",
        }
    }

    pub fn from_name(name: &str) -> Option<SmtpField> {
        SmtpField::ALL.into_iter().find(|f| f.name() == name)
    }

    /// `smtp-<name>` with dashes: the input's id (its error is `<id>-error`).
    pub fn input_id(self) -> String {
        format!("smtp-{}", self.name().replace('_', "-"))
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
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettingsState {
    pub load: Request<()>,
    pub fields: SmtpFields,
    /// What is saved: whether a password is stored, and whether a server is set at all.
    pub saved: Option<SmtpSettings>,
    pub errors: BTreeMap<SmtpField, String>,
    pub outcome: Option<Outcome>,
    /// The task under way, if any (one at a time).
    pub busy: Option<SmtpTask>,
    /// Bumped when a task is accepted; the effect that runs it keys on this.
    pub task_seq: u64,
}

impl Default for MailSettingsState {
    fn default() -> Self {
        Self {
            load: first_load(),
            fields: SmtpFields::default(),
            saved: None,
            errors: BTreeMap::new(),
            outcome: None,
            busy: None,
            task_seq: 0,
        }
    }
}

pub enum MailSettingsAction {
    Reload,
    Loaded { seq: u64, settings: SmtpSettings },
    LoadFailed { seq: u64, message: String },
    Edit(SmtpField, String),
    SetSecurity(SmtpSecurity),
    SetClearPassword(bool),
    Start(SmtpTask),
    Saved(SmtpSettings),
    Reported { task: SmtpTask, message: String },
    Failed { task: SmtpTask, error: Error },
    DismissOutcome,
}

impl MailSettingsState {
    /// The form as the shell takes it, or the fields that cannot be sent as typed.
    pub fn request(&self) -> Result<SmtpSettingsForm, BTreeMap<SmtpField, String>> {
        let f = &self.fields;
        let mut errors = BTreeMap::new();
        if f.host.trim().is_empty() {
            errors.insert(
                SmtpField::Host,
                "Enter the mail server's name, like smtp.example.com.".to_owned(),
            );
        }
        let port = match f.port.trim().parse::<u16>() {
            Ok(p) if p > 0 => p,
            _ => {
                errors.insert(
                    SmtpField::Port,
                    "Enter a port from 1 to 65535 (usually 587 or 465).".to_owned(),
                );
                0
            }
        };
        let timeout = match f.timeout_seconds.trim().parse::<u32>() {
            Ok(t) if (MIN_TIMEOUT_SECONDS..=MAX_TIMEOUT_SECONDS).contains(&t) => t,
            _ => {
                errors.insert(
                    SmtpField::TimeoutSeconds,
                    format!("Enter {MIN_TIMEOUT_SECONDS} to {MAX_TIMEOUT_SECONDS} seconds."),
                );
                0
            }
        };
        let personal = match f.personal_mails_per_hour.trim().parse::<u32>() {
            Ok(n) if (MIN_PERSONAL_MAILS_PER_HOUR..=MAX_PERSONAL_MAILS_PER_HOUR).contains(&n) => n,
            _ => {
                errors.insert(
                    SmtpField::PersonalMailsPerHour,
                    format!(
                        "Enter {MIN_PERSONAL_MAILS_PER_HOUR} to {MAX_PERSONAL_MAILS_PER_HOUR} mails an hour."
                    ),
                );
                0
            }
        };
        if f.from_address.trim().is_empty() {
            errors.insert(
                SmtpField::FromAddress,
                "Enter the address mails are sent from.".to_owned(),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(SmtpSettingsForm {
            host: f.host.trim().to_owned(),
            port,
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
            timeout_seconds: timeout,
            personal_mails_per_hour: personal,
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
            && f.port.trim().parse::<u16>().ok() == Some(saved.port)
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

impl Reducible for MailSettingsState {
    type Action = MailSettingsAction;

    fn reduce(self: Rc<Self>, action: MailSettingsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            MailSettingsAction::Reload => next.load.start(),
            MailSettingsAction::Loaded { seq, settings } => {
                if !next.load.finish(seq, Ok::<_, String>(())) {
                    return self;
                }
                next.fields = SmtpFields::from_saved(&settings);
                if !settings.configured && next.fields.timeout_seconds == "0" {
                    next.fields.timeout_seconds = "30".to_owned();
                }
                next.saved = Some(settings);
            }
            MailSettingsAction::LoadFailed { seq, message } => {
                if !next.load.finish(seq, Err::<(), _>(message)) {
                    return self;
                }
            }
            MailSettingsAction::Edit(field, value) => {
                let f = &mut next.fields;
                match field {
                    SmtpField::Host => f.host = value,
                    SmtpField::Port => f.port = value,
                    SmtpField::Security => {}
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
                next.errors.remove(&field);
                next.outcome = None;
            }
            MailSettingsAction::SetSecurity(security) => {
                let old = next.fields.security;
                if old == security {
                    return self;
                }
                // The port follows the kind of connection unless someone chose another.
                let port = next.fields.port.trim();
                if port.is_empty() || port == old.default_port().to_string() {
                    next.fields.port = security.default_port().to_string();
                    next.errors.remove(&SmtpField::Port);
                }
                next.fields.security = security;
                next.errors.remove(&SmtpField::Security);
                next.outcome = None;
            }
            MailSettingsAction::SetClearPassword(clear) => {
                next.fields.clear_password = clear;
                if clear {
                    next.fields.password.clear();
                }
                next.errors.remove(&SmtpField::Password);
                next.outcome = None;
            }
            MailSettingsAction::Start(task) => {
                if next.busy.is_some() || next.load.remote.loaded().is_none() {
                    return self;
                }
                next.outcome = None;
                match next.request() {
                    Ok(_) => {
                        next.errors.clear();
                        next.busy = Some(task);
                        next.task_seq += 1;
                    }
                    Err(errors) => {
                        next.errors = errors;
                        next.outcome = Some(Outcome {
                            tone: Tone::Danger,
                            message: "Check the marked fields.".to_owned(),
                        });
                    }
                }
            }
            MailSettingsAction::Saved(settings) => {
                next.busy = None;
                next.fields = SmtpFields::from_saved(&settings);
                next.saved = Some(settings);
                next.outcome = Some(Outcome {
                    tone: Tone::Success,
                    message: "Saved. Waiting mails go out with these settings.".to_owned(),
                });
            }
            MailSettingsAction::Reported { task, message } => {
                if next.busy != Some(task) {
                    return self;
                }
                next.busy = None;
                next.outcome = Some(Outcome {
                    tone: Tone::Success,
                    message,
                });
            }
            MailSettingsAction::Failed { task, error } => {
                if next.busy != Some(task) {
                    return self;
                }
                next.busy = None;
                let field = error.field.as_deref().and_then(SmtpField::from_name);
                if let Some(field) = field {
                    next.errors.insert(field, error.message.clone());
                }
                let what = match task {
                    SmtpTask::Save => "Not saved",
                    SmtpTask::TestConnection => "The connection test failed",
                    SmtpTask::SendTestMail => "The test mail was not sent",
                };
                let message = if field.is_some() && error.code == ErrorCode::InvalidInput {
                    format!("{what}: check the marked field.")
                } else {
                    format!("{what}: {}", error.message)
                };
                next.outcome = Some(Outcome {
                    tone: Tone::Danger,
                    message,
                });
            }
            MailSettingsAction::DismissOutcome => next.outcome = None,
        }
        Rc::new(next)
    }
}

/// The branding form and the preview of one mail with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandingState {
    pub load: Request<()>,
    pub fields: Branding,
    pub errors: BTreeMap<String, String>,
    pub banner: Option<Outcome>,
    pub busy: bool,
    pub save_seq: u64,
    pub preview_kind: MailKind,
    /// Bumped whenever the preview must be rendered again.
    pub preview_seq: u64,
    pub preview: Remote<MailPreview>,
}

impl Default for BrandingState {
    fn default() -> Self {
        Self {
            load: first_load(),
            fields: Branding {
                agency_name: String::new(),
                logo_url: String::new(),
                accent_colour: "#2563eb".to_owned(),
                support_email: String::new(),
                portal_url: String::new(),
                footer_text: String::new(),
            },
            errors: BTreeMap::new(),
            banner: None,
            busy: false,
            save_seq: 0,
            preview_kind: MailKind::WelcomeCredentials,
            preview_seq: 0,
            preview: Remote::Loading,
        }
    }
}

/// A field of the branding form, by the name the shell uses.
pub const BRANDING_FIELDS: [&str; 6] = [
    "agency_name",
    "logo_url",
    "accent_colour",
    "support_email",
    "portal_url",
    "footer_text",
];

pub enum BrandingAction {
    Reload,
    Loaded { seq: u64, branding: Branding },
    LoadFailed { seq: u64, message: String },
    Edit(&'static str, String),
    ShowKind(MailKind),
    PreviewLoaded { seq: u64, preview: MailPreview },
    PreviewFailed { seq: u64, error: Error },
    Save,
    Saved(Branding),
    SaveFailed(Error),
    DismissBanner,
}

impl BrandingState {
    fn field_mut(&mut self, name: &str) -> Option<&mut String> {
        let b = &mut self.fields;
        Some(match name {
            "agency_name" => &mut b.agency_name,
            "logo_url" => &mut b.logo_url,
            "accent_colour" => &mut b.accent_colour,
            "support_email" => &mut b.support_email,
            "portal_url" => &mut b.portal_url,
            "footer_text" => &mut b.footer_text,
            _ => return None,
        })
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

impl Reducible for BrandingState {
    type Action = BrandingAction;

    fn reduce(self: Rc<Self>, action: BrandingAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            BrandingAction::Reload => next.load.start(),
            BrandingAction::Loaded { seq, branding } => {
                if !next.load.finish(seq, Ok::<_, String>(())) {
                    return self;
                }
                next.fields = branding;
                next.preview_seq += 1;
            }
            BrandingAction::LoadFailed { seq, message } => {
                if !next.load.finish(seq, Err::<(), _>(message)) {
                    return self;
                }
            }
            BrandingAction::Edit(name, value) => {
                let Some(slot) = next.field_mut(name) else {
                    return self;
                };
                *slot = value;
                next.errors.remove(name);
                next.banner = None;
                next.preview_seq += 1;
            }
            BrandingAction::ShowKind(kind) => {
                if kind == next.preview_kind {
                    return self;
                }
                next.preview_kind = kind;
                next.preview_seq += 1;
            }
            BrandingAction::PreviewLoaded { seq, preview } => {
                if seq != next.preview_seq {
                    return self;
                }
                next.preview = Remote::Loaded(preview);
                next.errors.clear();
            }
            BrandingAction::PreviewFailed { seq, error } => {
                if seq != next.preview_seq {
                    return self;
                }
                if let Some(field) = error.field.clone() {
                    next.errors.insert(field, error.message.clone());
                }
                next.preview = Remote::Failed(error.message);
            }
            BrandingAction::Save => {
                if next.busy || next.load.remote.loaded().is_none() {
                    return self;
                }
                next.busy = true;
                next.banner = None;
                next.save_seq += 1;
            }
            BrandingAction::Saved(branding) => {
                next.busy = false;
                next.fields = branding;
                next.errors.clear();
                next.banner = Some(Outcome {
                    tone: Tone::Success,
                    message: "Saved. Every mail from now on carries this branding.".to_owned(),
                });
                next.preview_seq += 1;
            }
            BrandingAction::SaveFailed(error) => {
                next.busy = false;
                let known = error
                    .field
                    .as_deref()
                    .filter(|f| BRANDING_FIELDS.contains(f));
                if let Some(field) = known {
                    next.errors.insert(field.to_owned(), error.message.clone());
                }
                next.banner = Some(Outcome {
                    tone: Tone::Danger,
                    message: if known.is_some() {
                        "Not saved: check the marked field.".to_owned()
                    } else {
                        format!("Not saved: {}", error.message)
                    },
                });
            }
            BrandingAction::DismissBanner => next.banner = None,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        }
    }

    fn loaded() -> Rc<MailSettingsState> {
        Rc::new(MailSettingsState::default()).reduce(MailSettingsAction::Loaded {
            seq: 1,
            settings: saved(),
        })
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
            .reduce(MailSettingsAction::Edit(
                SmtpField::Host,
                "SMTP.example.com.".into(),
            ))
            .reduce(MailSettingsAction::Edit(
                SmtpField::TimeoutSeconds,
                "60".into(),
            ));
        assert!(s.keeps_saved_password());
        for (field, value) in [
            (SmtpField::Host, "smtp.attacker.example"),
            (SmtpField::Port, "2525"),
            (SmtpField::Username, "someone"),
        ] {
            let changed = s
                .clone()
                .reduce(MailSettingsAction::Edit(field, value.into()));
            assert!(changed.must_retype_password(), "{field:?}");
            assert!(!changed.keeps_saved_password(), "{field:?}");
            let typed = changed.reduce(MailSettingsAction::Edit(
                SmtpField::Password,
                "again".into(),
            ));
            assert!(!typed.must_retype_password());
        }
        let tls = s.reduce(MailSettingsAction::SetSecurity(SmtpSecurity::ImplicitTls));
        assert!(tls.must_retype_password());
        // Without a username nothing signs in: nothing to type.
        let anonymous = tls.reduce(MailSettingsAction::Edit(SmtpField::Username, " ".into()));
        assert!(!anonymous.must_retype_password());
    }

    #[test]
    fn the_personal_mail_limit_is_sent_within_bounds() {
        let s = loaded();
        assert_eq!(s.request().unwrap().personal_mails_per_hour, 20);
        let s = s
            .reduce(MailSettingsAction::Edit(
                SmtpField::PersonalMailsPerHour,
                "0".into(),
            ))
            .reduce(MailSettingsAction::Start(SmtpTask::Save));
        assert!(s.errors.contains_key(&SmtpField::PersonalMailsPerHour));
        let s = s.reduce(MailSettingsAction::Edit(
            SmtpField::PersonalMailsPerHour,
            "35".into(),
        ));
        assert_eq!(s.request().unwrap().personal_mails_per_hour, 35);
    }

    #[test]
    fn a_stale_load_is_dropped() {
        let s = Rc::new(MailSettingsState::default()).reduce(MailSettingsAction::Loaded {
            seq: 7,
            settings: saved(),
        });
        assert!(s.load.is_loading());
    }

    #[test]
    fn security_moves_the_default_port_but_not_a_chosen_one() {
        let s = loaded().reduce(MailSettingsAction::SetSecurity(SmtpSecurity::ImplicitTls));
        assert_eq!(s.fields.port, "465");
        let s = s
            .reduce(MailSettingsAction::Edit(SmtpField::Port, "2525".into()))
            .reduce(MailSettingsAction::SetSecurity(SmtpSecurity::None));
        assert_eq!(s.fields.port, "2525");
        assert!(s.is_unsafe());
    }

    #[test]
    fn clearing_the_password_wins_over_a_typed_one() {
        let s = loaded()
            .reduce(MailSettingsAction::Edit(
                SmtpField::Password,
                "secret".into(),
            ))
            .reduce(MailSettingsAction::SetClearPassword(true));
        let req = s.request().unwrap();
        assert!(req.clear_password);
        assert_eq!(req.password, "");
        assert!(!s.keeps_saved_password());
    }

    #[test]
    fn bad_numbers_stay_in_the_window() {
        let s = loaded()
            .reduce(MailSettingsAction::Edit(SmtpField::Port, "70000".into()))
            .reduce(MailSettingsAction::Edit(
                SmtpField::TimeoutSeconds,
                "1".into(),
            ))
            .reduce(MailSettingsAction::Start(SmtpTask::Save));
        assert_eq!(s.busy, None);
        assert_eq!(s.task_seq, 0);
        assert!(s.errors.contains_key(&SmtpField::Port));
        assert!(s.errors.contains_key(&SmtpField::TimeoutSeconds));
        let s = s.reduce(MailSettingsAction::Edit(SmtpField::Port, "465".into()));
        assert!(!s.errors.contains_key(&SmtpField::Port));
    }

    #[test]
    fn one_task_at_a_time_and_its_report_is_shown() {
        let s = loaded().reduce(MailSettingsAction::Start(SmtpTask::TestConnection));
        assert_eq!(s.busy, Some(SmtpTask::TestConnection));
        assert_eq!(s.task_seq, 1);
        let same = s.clone().reduce(MailSettingsAction::Start(SmtpTask::Save));
        assert_eq!(same.task_seq, 1);
        let s = s.reduce(MailSettingsAction::Reported {
            task: SmtpTask::TestConnection,
            message: "The server answered.".into(),
        });
        assert_eq!(s.busy, None);
        assert_eq!(s.outcome.as_ref().unwrap().tone, Tone::Success);
    }

    #[test]
    fn a_server_error_marks_the_setting_to_fix() {
        let s = loaded().reduce(MailSettingsAction::Start(SmtpTask::SendTestMail));
        let error = Error {
            code: ErrorCode::MailServer,
            message: "Nothing answers at smtp.example.com:587.".into(),
            field: Some("host".into()),
        };
        let s = s.reduce(MailSettingsAction::Failed {
            task: SmtpTask::SendTestMail,
            error,
        });
        assert_eq!(
            s.errors[&SmtpField::Host],
            "Nothing answers at smtp.example.com:587."
        );
        let outcome = s.outcome.as_ref().unwrap();
        assert_eq!(outcome.tone, Tone::Danger);
        assert!(
            outcome.message.contains("Nothing answers"),
            "{}",
            outcome.message
        );
    }

    #[test]
    fn field_ids_follow_the_names() {
        assert_eq!(SmtpField::FromAddress.input_id(), "smtp-from-address");
        assert_eq!(
            SmtpField::from_name("timeout_seconds"),
            Some(SmtpField::TimeoutSeconds)
        );
        assert_eq!(SmtpField::from_name("server"), None);
    }

    #[test]
    fn branding_edits_rerender_the_preview_and_errors_land_on_fields() {
        let b = Rc::new(BrandingState::default()).reduce(BrandingAction::Loaded {
            seq: 1,
            branding: Branding {
                agency_name: "Sunny".into(),
                logo_url: String::new(),
                accent_colour: "#ff8800".into(),
                support_email: String::new(),
                portal_url: String::new(),
                footer_text: String::new(),
            },
        });
        assert_eq!(b.preview_seq, 1);
        let b = b.reduce(BrandingAction::Edit("accent_colour", "red".into()));
        assert_eq!(b.preview_seq, 2);
        assert_eq!(b.colour_for_picker(), "#2563eb");
        let b = b.reduce(BrandingAction::PreviewFailed {
            seq: 2,
            error: Error::for_field("accent_colour", "Use a colour like #1a73e8."),
        });
        assert!(b.errors.contains_key("accent_colour"));
        let b = b.reduce(BrandingAction::ShowKind(MailKind::VerificationCode));
        assert_eq!(b.preview_seq, 3);
        let b = b
            .reduce(BrandingAction::Save)
            .reduce(BrandingAction::SaveFailed(Error::for_field(
                "portal_url",
                "Use an https:// address.",
            )));
        assert!(!b.busy);
        assert!(b.errors.contains_key("portal_url"));
    }
}
