//! Agency-wide settings: security (idle lock, lockout), how the agency works day to day
//! (default phone region) and credentials (the password policy for customer logins,
//! handoff expiry, clipboard clearing, agents' one-time view).

use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::Actor;
use crate::auth::{self, Permission};
use crate::domain::{FieldError, RegionCode};
use crate::passwords::{PasswordPolicy, PolicyError};
use crate::said::{Explain, Said};
use crate::store;
use keydesk_api::{
    CredentialSettings, CredentialSettingsView, GeneralSettings, Language, PasswordPolicySettings,
    PolicyEntropy, SecuritySettings, Settings,
};
use std::ops::RangeInclusive;

const SECURITY: &str = "security";
pub(super) const GENERAL: &str = "general";
const CREDENTIALS: &str = "credentials";
/// Allowed idle time before the window locks, in minutes.
pub const IDLE_LOCK_MINUTES: RangeInclusive<u32> = 1..=60;
/// Allowed days before an unsent handoff expires.
pub const HANDOFF_EXPIRY_DAYS: RangeInclusive<u32> = 1..=90;
/// Longest time a copied credential may stay on the clipboard, in seconds (0 = never cleared).
pub const CLIPBOARD_CLEAR_SECONDS_MAX: u32 = 600;

fn default_credentials() -> CredentialSettings {
    CredentialSettings {
        policy: PasswordPolicy::default().to_settings(),
        handoff_expiry_days: 7,
        clipboard_clear_seconds: 30,
        agents_see_new_password_once: false,
    }
}

/// The policy of a settings form, or the field-level reason it cannot be used.
fn parse_policy(settings: &PasswordPolicySettings) -> Result<PasswordPolicy, FieldError> {
    PasswordPolicy::from_settings(settings).map_err(|e| match e {
        PolicyError::Length => FieldError::new("length", e.explain()),
        PolicyError::NoClasses => FieldError::new("character_classes", e.explain()),
    })
}

fn on_off(on: bool) -> &'static str {
    if on {
        "on"
    } else {
        "off"
    }
}

/// "length 16 → 20, symbols on → off": what changed, for the audit log.
fn describe_credential_changes(old: &CredentialSettings, new: &CredentialSettings) -> String {
    let mut changes = Vec::new();
    let (a, b) = (&old.policy, &new.policy);
    if a.length != b.length {
        changes.push(format!("password length {} → {}", a.length, b.length));
    }
    for (name, was, now) in [
        ("lower case", a.lower, b.lower),
        ("upper case", a.upper, b.upper),
        ("digits", a.digits, b.digits),
        ("symbols", a.symbols, b.symbols),
        (
            "look-alikes excluded",
            a.exclude_lookalikes,
            b.exclude_lookalikes,
        ),
        (
            "agents see new passwords once",
            old.agents_see_new_password_once,
            new.agents_see_new_password_once,
        ),
    ] {
        if was != now {
            changes.push(format!("{name} {} → {}", on_off(was), on_off(now)));
        }
    }
    if old.handoff_expiry_days != new.handoff_expiry_days {
        changes.push(format!(
            "handoff expiry {} → {} days",
            old.handoff_expiry_days, new.handoff_expiry_days
        ));
    }
    if old.clipboard_clear_seconds != new.clipboard_clear_seconds {
        changes.push(format!(
            "clipboard clearing {} → {} s",
            old.clipboard_clear_seconds, new.clipboard_clear_seconds
        ));
    }
    format!("credentials: {}", changes.join(", "))
}

fn default_security() -> SecuritySettings {
    SecuritySettings {
        idle_lock_minutes: 10,
        lockout_enabled: true,
    }
}

fn default_general() -> GeneralSettings {
    GeneralSettings {
        default_phone_region: "GB".to_owned(),
        mail_language: Language::En,
    }
}

impl Keydesk {
    /// The general settings in force (defaults until someone saves them).
    pub async fn general_settings(&self) -> anyhow::Result<GeneralSettings> {
        Ok(store::settings::get(self.store.reader(), GENERAL)
            .await?
            .unwrap_or_else(default_general))
    }

    /// Region for phone numbers typed without a country code.
    pub(super) async fn default_phone_region(&self) -> anyhow::Result<RegionCode> {
        let general = self.general_settings().await?;
        RegionCode::parse("default_phone_region", &general.default_phone_region)
            .or_else(|_| RegionCode::parse("default_phone_region", "GB"))
            .map_err(|e| anyhow::anyhow!(e.in_english()))
    }

    /// The language of a mail to a customer whose language tag is `tag`: theirs when
    /// Keydesk speaks it, else the agency's mail language.
    pub(super) async fn mail_language_for(&self, tag: Option<&str>) -> anyhow::Result<Language> {
        match tag.and_then(Language::for_tag) {
            Some(language) => Ok(language),
            None => Ok(self.general_settings().await?.mail_language),
        }
    }

    pub async fn save_general_settings(
        &self,
        actor: &Actor,
        new: GeneralSettings,
    ) -> Result<Settings, ServiceError> {
        let actor = self
            .authorize(actor, Permission::ChangeGeneralSettings)
            .await?;
        let region = RegionCode::parse("default_phone_region", &new.default_phone_region)?;
        let new = GeneralSettings {
            default_phone_region: region.as_str().to_owned(),
            mail_language: new.mail_language,
        };
        let old = self.general_settings().await?;
        if old != new {
            let mut tx = self.begin_change().await?;
            let now = tx.now();
            store::settings::set(&mut tx, GENERAL, &new, actor.id(), now).await?;
            let mut changes = Vec::new();
            if old.default_phone_region != new.default_phone_region {
                changes.push(format!(
                    "default phone region {} → {}",
                    old.default_phone_region, new.default_phone_region
                ));
            }
            if old.mail_language != new.mail_language {
                changes.push(format!(
                    "mail language {} → {}",
                    old.mail_language.as_str(),
                    new.mail_language.as_str()
                ));
            }
            if old.mail_language != new.mail_language
                && actor.role() == keydesk_api::Role::Owner
                && store::sync::is_on(&mut tx).await?
            {
                // The agency's desks write mails alike: an owner's choice travels with
                // the mail settings their desk shares (and signs) at its next sync.
                store::meta::set(&mut tx, super::agency_mail::TO_SHARE, "1").await?;
            }
            let detail = changes.join(", ");
            tx.audit(
                AuditActor::Staff(&actor),
                AuditAction::SettingsChanged,
                &detail,
            )
            .await?;
            tx.commit("Failed to save the settings").await?;
        }
        Ok(Settings {
            security: self.security_settings().await?,
            general: new,
        })
    }

    /// The security settings in force (defaults until someone saves them).
    pub async fn security_settings(&self) -> anyhow::Result<SecuritySettings> {
        Ok(store::settings::get(self.store.reader(), SECURITY)
            .await?
            .unwrap_or_else(default_security))
    }

    pub async fn settings(&self, actor: &Actor) -> Result<Settings, ServiceError> {
        self.authorize(actor, Permission::ViewSettings).await?;
        Ok(Settings {
            security: self.security_settings().await?,
            general: self.general_settings().await?,
        })
    }

    pub async fn save_security_settings(
        &self,
        actor: &Actor,
        new: SecuritySettings,
    ) -> Result<Settings, ServiceError> {
        let actor = self
            .authorize(actor, Permission::ChangeSecuritySettings)
            .await?;
        if !IDLE_LOCK_MINUTES.contains(&new.idle_lock_minutes) {
            return Err(FieldError::new(
                "idle_lock_minutes",
                Said::id("error-settings-idle-minutes")
                    .arg("min", *IDLE_LOCK_MINUTES.start())
                    .arg("max", *IDLE_LOCK_MINUTES.end()),
            )
            .into());
        }
        let old = self.security_settings().await?;
        if old != new {
            let mut changes = Vec::new();
            if old.idle_lock_minutes != new.idle_lock_minutes {
                changes.push(format!(
                    "idle lock {} → {} minutes",
                    old.idle_lock_minutes, new.idle_lock_minutes
                ));
            }
            if old.lockout_enabled != new.lockout_enabled {
                let word = |on: bool| if on { "on" } else { "off" };
                changes.push(format!(
                    "lockout {} → {}",
                    word(old.lockout_enabled),
                    word(new.lockout_enabled)
                ));
            }
            let mut tx = self.begin_change().await?;
            let now = tx.now();
            store::settings::set(&mut tx, SECURITY, &new, actor.id(), now).await?;
            let by = AuditActor::Staff(&actor);
            tx.audit(by, AuditAction::SettingsChanged, &changes.join(", "))
                .await?;
            tx.commit("Failed to save the settings").await?;
        }
        Ok(Settings {
            security: new,
            general: self.general_settings().await?,
        })
    }
}

impl Keydesk {
    /// The credential settings in force (defaults until someone saves them).
    pub async fn credential_settings_in_force(&self) -> anyhow::Result<CredentialSettings> {
        Ok(store::settings::get(self.store.reader(), CREDENTIALS)
            .await?
            .unwrap_or_else(default_credentials))
    }

    /// The generator policy in force.
    pub(super) async fn password_policy_in_force(&self) -> anyhow::Result<PasswordPolicy> {
        let settings = self.credential_settings_in_force().await?;
        PasswordPolicy::from_settings(&settings.policy)
            .map_err(|e| anyhow::anyhow!("The saved password policy cannot be used: {e}"))
    }

    pub async fn credential_settings(
        &self,
        actor: &Actor,
    ) -> Result<CredentialSettingsView, ServiceError> {
        self.authorize(actor, Permission::ViewSettings).await?;
        let settings = self.credential_settings_in_force().await?;
        let entropy = parse_policy(&settings.policy)?.entropy();
        Ok(CredentialSettingsView { settings, entropy })
    }

    /// The entropy a policy would give, for the settings form while it is edited.
    pub async fn password_policy_entropy(
        &self,
        actor: &Actor,
        policy: &PasswordPolicySettings,
    ) -> Result<PolicyEntropy, ServiceError> {
        self.authorize(actor, Permission::ViewSettings).await?;
        Ok(parse_policy(policy)?.entropy())
    }

    /// Saves the credential settings. Whether agents may see a new customer's password
    /// is the owners' decision: only those who hand credentials over may change it.
    pub async fn save_credential_settings(
        &self,
        actor: &Actor,
        new: CredentialSettings,
    ) -> Result<CredentialSettingsView, ServiceError> {
        let actor = self
            .authorize(actor, Permission::ChangeCredentialSettings)
            .await?;
        let entropy = parse_policy(&new.policy)?.entropy();
        if !HANDOFF_EXPIRY_DAYS.contains(&new.handoff_expiry_days) {
            return Err(FieldError::new(
                "handoff_expiry_days",
                Said::id("error-settings-handoff-days")
                    .arg("min", *HANDOFF_EXPIRY_DAYS.start())
                    .arg("max", *HANDOFF_EXPIRY_DAYS.end()),
            )
            .into());
        }
        if new.clipboard_clear_seconds > CLIPBOARD_CLEAR_SECONDS_MAX {
            return Err(FieldError::new(
                "clipboard_clear_seconds",
                Said::id("error-settings-clipboard-seconds")
                    .arg("max", CLIPBOARD_CLEAR_SECONDS_MAX),
            )
            .into());
        }
        let old = self.credential_settings_in_force().await?;
        if old.agents_see_new_password_once != new.agents_see_new_password_once
            && !auth::allows(actor.role(), Permission::HandOverCredentials)
        {
            return Err(ServiceError::not_allowed(Said::id(
                "error-settings-agents-see-passwords",
            )));
        }
        if old != new {
            let mut tx = self.begin_change().await?;
            let now = tx.now();
            store::settings::set(&mut tx, CREDENTIALS, &new, actor.id(), now).await?;
            tx.audit(
                AuditActor::Staff(&actor),
                AuditAction::SettingsChanged,
                &describe_credential_changes(&old, &new),
            )
            .await?;
            tx.commit("Failed to save the settings").await?;
        }
        Ok(CredentialSettingsView {
            settings: new,
            entropy,
        })
    }
}
