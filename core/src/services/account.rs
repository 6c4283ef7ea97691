//! A staff member's own account: password and display name.

use super::session::{personal_words, Attempt, Checked};
use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::domain::{DisplayName, FieldError, NewPassword, PlainPassword, StaffId};
use crate::said::{self, Said};
use crate::store;
use keydesk_api::{Language, WindowPreferences};

/// What the change-password form sends, still raw.
pub struct PasswordChange {
    pub current: PlainPassword,
    pub new: PlainPassword,
    pub confirm: PlainPassword,
}

impl Keydesk {
    /// Replaces the member's password after checking the current one. This is also how
    /// a temporary password is replaced at first sign-in; the session goes on.
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        change: PasswordChange,
    ) -> Result<Actor, ServiceError> {
        let actor = self.authorize(actor, Permission::ManageOwnAccount).await?;
        let record = store::staff::find_by_id(self.store.reader(), actor.id())
            .await?
            .ok_or(ServiceError::NotFound)?;
        // The current password is a password check like sign-in and unlock: it counts
        // towards the same lockout, so an unlocked window left alone cannot be used to
        // guess it.
        let wrong = match self
            .check_member_password(&record, change.current.clone(), Attempt::PasswordChange)
            .await?
        {
            Checked::Verified(_) => None,
            Checked::Wrong { lock: None } => Some(Said::id("error-not-current-password")),
            Checked::Wrong { lock: Some(until) } | Checked::Locked { until } => Some(
                Said::id("error-password-locked-out")
                    .arg("wait", said::wait(until - self.clock.now())),
            ),
        };
        if let Some(message) = wrong {
            return Err(FieldError::new("current_password", message).into());
        }
        let name = DisplayName::parse("display_name", actor.display_name())?;
        let new = NewPassword::parse(
            "new_password",
            change.new,
            &personal_words(actor.email(), &name),
        )?;
        if new.plain().expose() == change.current.expose() {
            return Err(
                FieldError::new("new_password", Said::id("error-account-password-same")).into(),
            );
        }
        if new.plain().expose() != change.confirm.expose() {
            return Err(FieldError::new(
                "new_password_confirm",
                Said::id("error-account-passwords-differ"),
            )
            .into());
        }
        let hash = auth::hash_password(new.plain().clone()).await?;
        // The member's keys follow their password (sealed again, fresh salt).
        let keys = self
            .reseal_own_keys(actor.id(), &change.current, new.plain())
            .await?;
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        store::staff::set_password(&mut tx, actor.id(), &hash, false, now).await?;
        self.save_own_keys_in(&mut tx, actor.id(), keys, now)
            .await?;
        let detail = if actor.must_change_password() {
            "temporary password replaced"
        } else {
            ""
        };
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::PasswordChanged,
            detail,
        )
        .await?;
        tx.commit("Failed to save the new password").await?;
        Ok(self.current_session(&actor).await?)
    }

    pub async fn change_own_display_name(
        &self,
        actor: &Actor,
        raw: &str,
    ) -> Result<Actor, ServiceError> {
        let actor = self.authorize(actor, Permission::ManageOwnAccount).await?;
        let name = DisplayName::parse("display_name", raw)?;
        if name.as_ref() != actor.display_name() {
            let mut tx = self.begin_change().await?;
            let now = tx.now();
            store::staff::set_display_name(&mut tx, actor.id(), &name, now).await?;
            tx.record_member(actor.id(), actor.id()).await?;
            let detail = format!("{} → {}", actor.display_name(), name.as_ref());
            tx.audit(
                AuditActor::Staff(&actor),
                AuditAction::DisplayNameChanged,
                &detail,
            )
            .await?;
            tx.commit("Failed to save the name").await?;
        }
        Ok(self.current_session(&actor).await?)
    }

    /// Sets how the member's window speaks on this desk (language, calendar). It is the
    /// member's own preference, not the agency's: it stays on this desk and is not
    /// audited.
    pub async fn set_window_preferences(
        &self,
        actor: &Actor,
        preferences: WindowPreferences,
    ) -> Result<(), ServiceError> {
        let actor = self.current_session(actor).await?;
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        store::window_preferences::choose(&mut tx, actor.id(), preferences, now).await?;
        tx.commit("Failed to save the window's preferences").await?;
        Ok(())
    }

    /// The language of the window before anyone signs in: the one chosen last on this
    /// desk, English on a new one.
    pub async fn sign_in_language(&self) -> anyhow::Result<Language> {
        Ok(self.desk_window_preferences().await?.language)
    }

    async fn desk_window_preferences(&self) -> anyhow::Result<WindowPreferences> {
        Ok(store::window_preferences::last_chosen(self.store.reader())
            .await?
            .unwrap_or_default())
    }

    /// How `staff`'s window speaks: their own choice, else the desk's last.
    pub(super) async fn window_preferences_of(
        &self,
        staff: StaffId,
    ) -> anyhow::Result<WindowPreferences> {
        match store::window_preferences::of(self.store.reader(), staff).await? {
            Some(preferences) => Ok(preferences),
            None => self.desk_window_preferences().await,
        }
    }
}
