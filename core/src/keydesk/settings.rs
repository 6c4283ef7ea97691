//! Agency-wide settings: security, and how the agency works day to day.

use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::Actor;
use crate::auth::Permission;
use crate::domain::{FieldError, RegionCode};
use crate::store;
use anyhow::Context;
use keydesk_api::{GeneralSettings, SecuritySettings, Settings};
use std::ops::RangeInclusive;

const SECURITY: &str = "security";
const GENERAL: &str = "general";
/// Allowed idle time before the window locks, in minutes.
pub const IDLE_LOCK_MINUTES: RangeInclusive<u32> = 1..=60;

fn default_security() -> SecuritySettings {
    SecuritySettings {
        idle_lock_minutes: 10,
        lockout_enabled: true,
    }
}

fn default_general() -> GeneralSettings {
    GeneralSettings {
        default_phone_region: "GB".to_owned(),
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
            .map_err(|e| anyhow::anyhow!(e.message))
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
        };
        let old = self.general_settings().await?;
        if old != new {
            let now = self.clock.now();
            let mut tx = self.store.begin().await?;
            store::settings::set(&mut tx, GENERAL, &new, actor.id(), now).await?;
            let detail = format!(
                "default phone region {} → {}",
                old.default_phone_region, new.default_phone_region
            );
            audit::append(
                &mut tx,
                now,
                AuditActor::Staff(&actor),
                AuditAction::SettingsChanged,
                &detail,
            )
            .await?;
            tx.commit().await.context("Failed to save the settings")?;
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
                format!(
                    "Choose between {} and {} minutes.",
                    IDLE_LOCK_MINUTES.start(),
                    IDLE_LOCK_MINUTES.end()
                ),
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
            let now = self.clock.now();
            let mut tx = self.store.begin().await?;
            store::settings::set(&mut tx, SECURITY, &new, actor.id(), now).await?;
            let by = AuditActor::Staff(&actor);
            audit::append(
                &mut tx,
                now,
                by,
                AuditAction::SettingsChanged,
                &changes.join(", "),
            )
            .await?;
            tx.commit().await.context("Failed to save the settings")?;
        }
        Ok(Settings {
            security: new,
            general: self.general_settings().await?,
        })
    }
}
