//! The agency's mail settings across its desks. An owner saves the SMTP server once, on
//! any owner's desk; the next sync seals its password to every active desk key of the
//! roster and signs it (see `vault::signed_mail_settings`), and every other desk takes it
//! at its own next sync, the password going straight to that desk's keyring.
//!
//! When the roster changes (a desk joins or is revoked), an owner's desk seals the same
//! settings anew for the desks of now. A revoked desk may still know the password it was
//! given: the owners are asked to change it at the mail provider and save the new one.

use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::mail::{SmtpConfig, SMTP_SETTINGS_KEY};
use crate::server::keys;
use crate::store;
use crate::store::sync::SyncServer;
use crate::vault::roster::Roster;
use crate::vault::signed_mail_settings::{self as signed, MailSettingsFacts};
use crate::vault::KeyringUse;
use keydesk_api::SmtpSecurity;
use secrecy::{ExposeSecret, SecretString};
use sqlx::PgConnection;

/// The version of the agency's mail settings this desk holds (received or shared).
const HELD_VERSION: &str = "agency_mail_settings_version";
/// Set when an owner saved the mail settings, or the language of mails, here and they
/// are not shared yet.
pub(super) const TO_SHARE: &str = "agency_mail_settings_to_share";
/// Set when a desk that held the SMTP password was revoked, until a new one is saved.
pub(super) const ROTATION_DUE: &str = "agency_smtp_password_rotation_due";

/// What a desk takes of a version besides the server and its password.
struct Taken {
    version: i64,
    password_exposed: bool,
    mail_language: Option<keydesk_api::Language>,
}

/// The settings and password of a checked version, opened with `pair`, held to the rule
/// a save is held to: no encryption only for a server on this computer (which, on each
/// desk, is that desk's own computer: a local relay on every machine).
fn opened(
    record: &signed::MailSettingsRecord,
    pair: &crate::vault::owner_keys::OwnerKeyPair,
) -> anyhow::Result<(SmtpConfig, Option<SecretString>)> {
    let password = signed::open(record, pair).map_err(|refused| {
        anyhow::anyhow!("the agency's mail settings could not be opened: {refused}")
    })?;
    let config: SmtpConfig = serde_json::from_value(record.facts.settings.clone())
        .map_err(|e| anyhow::anyhow!("the agency's mail settings are unreadable: {e}"))?;
    if config.security == SmtpSecurity::None && !crate::mail::is_local_host(&config.host) {
        anyhow::bail!("the agency's mail settings name an unencrypted server on another computer");
    }
    let password = password
        .map(|bytes| String::from_utf8(bytes.to_vec()))
        .transpose()
        .map_err(|_| anyhow::anyhow!("the agency's SMTP password is not text"))?
        .map(SecretString::from);
    Ok((config, password))
}

impl Keydesk {
    /// Within a sync: shares the mail settings saved here (an owner's desk), takes a
    /// newer version another owner's desk shared, and seals them anew when the roster
    /// changed. Needs the agency's roster, and the desk's keys for opening or signing
    /// (held while its member is signed in); without them it waits for a later sync.
    pub(super) async fn sync_mail_settings(
        &self,
        server: &SyncServer,
        connection: &mut PgConnection,
    ) -> Result<(), ServiceError> {
        let Some(roster) = self.verified_roster_now().await? else {
            return Ok(());
        };
        let reader = self.store.reader();
        let held: i64 = store::meta::get_readonly(reader, HELD_VERSION)
            .await?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let to_share = store::meta::get_readonly(reader, TO_SHARE).await?.is_some();
        let mut tx = self.begin_change().await?;
        let me = store::sync::staff_by_uid(&mut tx, server.member).await?;
        drop(tx);
        let pair = me.and_then(|id| self.session_keys.get(id));
        let signs = pair
            .as_ref()
            .filter(|pair| roster.active_owner(&pair.public().signing).is_some());
        let latest = keys::mail_settings(connection).await?;
        let latest_version = latest.as_ref().map_or(0, |(v, _)| *v);
        let record = match &latest {
            Some((version, signed_version)) => match signed::check(&roster, signed_version) {
                // The number the server files it under is the one the owner signed: an
                // old version served again under a higher number is refused.
                Ok(record) if record.facts.version == *version => Some(record),
                Ok(_) => {
                    tracing::warn!("the agency's mail settings on the server carry another number than was signed");
                    None
                }
                Err(refused) => {
                    tracing::warn!(%refused, "the agency's mail settings on the server were refused");
                    None
                }
            },
            None => None,
        };
        // Settings saved here are shared only over the version this desk holds: when
        // another owner's desk shared newer ones meanwhile, those are taken instead.
        let to_share = to_share && latest_version <= held;
        if let Some(record) = record
            .as_ref()
            .filter(|r| latest_version > held && r.facts.desk != server.desk)
        {
            let Some(pair) = pair.as_ref() else {
                return Ok(());
            };
            let (config, password) = opened(record, pair)?;
            let taken = Taken {
                version: latest_version,
                password_exposed: record.facts.password_exposed,
                mail_language: record
                    .facts
                    .mail_language
                    .as_deref()
                    .and_then(|code| code.parse().ok()),
            };
            self.take_mail_settings(&config, password, taken, me)
                .await?;
            return Ok(());
        }
        let Some(pair) = signs else {
            return Ok(());
        };
        let rewrap = record
            .as_ref()
            .is_some_and(|record| signed::needs_rewrap(&roster, record));
        if to_share {
            let Some(config) = self.smtp_config().await? else {
                return Ok(());
            };
            let password = self.smtp_password().await?;
            // Still exposed unless a new password was saved here (which clears the note).
            let exposed = store::meta::get_readonly(self.store.reader(), ROTATION_DUE)
                .await?
                .is_some();
            return self
                .share_mail_settings(
                    server,
                    connection,
                    &roster,
                    pair,
                    (&config, password, exposed),
                    latest_version,
                )
                .await;
        }
        let Some(record) = record.filter(|_| rewrap) else {
            return Ok(());
        };
        // The same settings, sealed for the desks of now.
        let (config, password) = opened(&record, pair)?;
        let active: Vec<[u8; 32]> = roster.active_keys().map(|k| k.keys.signing).collect();
        // A desk that held this password was revoked since: it may still know it.
        let exposed = record.password.is_some()
            && (record.facts.password_exposed
                || record.wraps.iter().any(|w| !active.contains(&w.recipient)));
        if exposed {
            let mut tx = self.begin_change().await?;
            store::meta::set(&mut tx, ROTATION_DUE, "1").await?;
            tx.commit("Failed to note the SMTP password to change")
                .await?;
        }
        self.share_mail_settings(
            server,
            connection,
            &roster,
            pair,
            (&config, password, exposed),
            latest_version,
        )
        .await
    }

    /// Shares `settings` (the server and sender, the password, and whether a revoked
    /// desk held that password) as the version after `latest_version`.
    async fn share_mail_settings(
        &self,
        server: &SyncServer,
        connection: &mut PgConnection,
        roster: &Roster,
        pair: &crate::vault::owner_keys::OwnerKeyPair,
        settings: (&SmtpConfig, Option<SecretString>, bool),
        latest_version: i64,
    ) -> Result<(), ServiceError> {
        let (config, password, password_exposed) = settings;
        let version = latest_version + 1;
        let facts = MailSettingsFacts {
            agency: roster.agency(),
            version,
            settings: serde_json::to_value(config).map_err(anyhow::Error::from)?,
            desk: server.desk,
            set_by: server.member,
            at: self.clock.now(),
            password_exposed,
            mail_language: Some(
                self.general_settings()
                    .await?
                    .mail_language
                    .as_str()
                    .to_owned(),
            ),
        };
        let sealed = signed::seal_settings(
            roster,
            pair,
            facts,
            password.as_ref().map(|p| p.expose_secret().as_bytes()),
        )?;
        if !keys::put_mail_settings(connection, version, &sealed).await? {
            // Another owner's desk shared first: the next sync reads theirs.
            return Ok(());
        }
        let mut tx = self.begin_change().await?;
        store::meta::set(&mut tx, HELD_VERSION, &version.to_string()).await?;
        store::meta::delete(&mut tx, TO_SHARE).await?;
        tx.commit("Failed to note the mail settings as shared")
            .await?;
        tracing::info!(
            version,
            desks = roster.active_keys().count(),
            "mail settings shared with the agency's desks"
        );
        Ok(())
    }

    /// Keeps settings another owner's desk shared as this desk's own: the server and
    /// sender in the settings, the password in this desk's keyring.
    async fn take_mail_settings(
        &self,
        config: &SmtpConfig,
        password: Option<SecretString>,
        taken: Taken,
        me: Option<crate::domain::StaffId>,
    ) -> Result<(), ServiceError> {
        let Taken {
            version,
            password_exposed,
            mail_language,
        } = taken;
        let Some(me) = me else {
            return Ok(());
        };
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        store::settings::set(&mut tx, SMTP_SETTINGS_KEY, config, me, now).await?;
        let general = self.general_settings().await?;
        let language_changed = mail_language.filter(|l| *l != general.mail_language);
        if let Some(language) = language_changed {
            let general = keydesk_api::GeneralSettings {
                mail_language: language,
                ..general
            };
            store::settings::set(&mut tx, super::settings::GENERAL, &general, me, now).await?;
        }
        store::meta::set(&mut tx, HELD_VERSION, &version.to_string()).await?;
        // Every owner's desk asks for a new password while the version says a revoked
        // desk held this one, and none once an owner saved a new one.
        if password_exposed {
            store::meta::set(&mut tx, ROTATION_DUE, "1").await?;
        } else {
            store::meta::delete(&mut tx, ROTATION_DUE).await?;
        }
        store::meta::delete(&mut tx, TO_SHARE).await?;
        let mut detail = format!(
            "SMTP: the agency's mail settings (version {version}), mail server {}",
            config.describe()
        );
        if let Some(language) = language_changed {
            detail.push_str(&format!(", mail language {}", language.as_str()));
        }
        tx.audit(
            AuditActor::AgencyServer,
            AuditAction::SettingsChanged,
            &detail,
        )
        .await?;
        // The keyring first: if it refuses, nothing is taken and the next sync tries again.
        let account = self.smtp_account();
        let saved = match password {
            Some(password) => {
                self.keyring
                    .store_secret(KeyringUse::SaveSmtpPassword, &account, password)
                    .await
            }
            None => {
                self.keyring
                    .delete_secret(KeyringUse::RemoveSmtpPassword, &account)
                    .await
            }
        };
        saved.map_err(crate::mail::MailError::Keyring)?;
        tx.commit("Failed to keep the agency's mail settings")
            .await?;
        self.drop_mailer().await;
        self.wake_outbox();
        tracing::info!(version, "the agency's mail settings taken");
        Ok(())
    }
}
