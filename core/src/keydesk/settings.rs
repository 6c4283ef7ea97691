//! Agency-wide settings. Only the security section exists so far.

use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::Actor;
use crate::auth::Permission;
use crate::domain::FieldError;
use crate::store;
use anyhow::Context;
use keydesk_api::{SecuritySettings, Settings};
use std::ops::RangeInclusive;

const SECURITY: &str = "security";
/// Allowed idle time before the window locks, in minutes.
pub const IDLE_LOCK_MINUTES: RangeInclusive<u32> = 1..=60;

fn default_security() -> SecuritySettings {
    SecuritySettings {
        idle_lock_minutes: 10,
        lockout_enabled: true,
    }
}

impl Keydesk {
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
        Ok(Settings { security: new })
    }
}
