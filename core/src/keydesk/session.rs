//! First run, sign-in, idle lock and sign-out.

use super::{AccessError, CreateOwnerError, Keydesk, SignInError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::domain::{
    DisplayName, FieldError, NewPassword, PlainPassword, Role, StaffEmail, StaffId,
};
use crate::store;
use anyhow::Context;
use keydesk_api::SessionInfo;

/// What the first-run form sends, still raw.
pub struct OwnerForm {
    pub email: String,
    pub display_name: String,
    pub password: PlainPassword,
    pub password_confirm: PlainPassword,
}

/// What a successful password check starts or resumes.
#[derive(Clone, Copy)]
enum Attempt {
    SignIn,
    Unlock,
}

impl Keydesk {
    /// First run: creates the owner and signs them in. Refused once any staff exists.
    pub async fn create_owner(&self, form: OwnerForm) -> Result<Actor, CreateOwnerError> {
        let email = StaffEmail::parse("email", &form.email)?;
        let display_name = DisplayName::parse("display_name", &form.display_name)?;
        let password = NewPassword::parse(
            "password",
            form.password,
            &personal_words(&email, &display_name),
        )?;
        if password.plain().expose() != form.password_confirm.expose() {
            return Err(FieldError::new("password_confirm", "The passwords do not match.").into());
        }
        let hash = auth::hash_password(password.plain().clone()).await?;

        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        if store::staff::count(&mut tx).await? > 0 {
            return Err(CreateOwnerError::OwnerExists);
        }
        let new = store::staff::NewStaff {
            email: &email,
            display_name: &display_name,
            role: Role::Owner,
            password_hash: &hash,
            must_change_password: false,
        };
        let id = store::staff::insert(&mut tx, new, now).await?;
        store::staff::record_sign_in(&mut tx, id, now).await?;
        let record = store::staff::find_by_id_in(&mut tx, id)
            .await?
            .context("The new owner vanished")?;
        let actor = Actor::from_record(&record);
        let detail = format!("{} ({})", actor.display_name(), actor.email().as_ref());
        let by = || AuditActor::Staff(&actor);
        audit::append(&mut tx, now, by(), AuditAction::OwnerCreated, &detail).await?;
        audit::append(&mut tx, now, by(), AuditAction::SignInSucceeded, "").await?;
        tx.commit()
            .await
            .context("Failed to save the owner account")?;
        tracing::info!(staff_id = id.0, "owner account created");
        Ok(actor)
    }

    /// Verifies a staff member's password, with the lockout policy and an audit row for
    /// every attempt. Unknown emails cost the same time as known ones.
    pub async fn sign_in(
        &self,
        email: &str,
        password: PlainPassword,
    ) -> Result<Actor, SignInError> {
        let parsed = StaffEmail::parse("email", email).ok();
        self.check_password(parsed, password, Attempt::SignIn).await
    }

    /// Marks the session as locked after idle time (the shell then refuses everything
    /// but unlock and sign-out).
    pub async fn lock_session(&self, actor: &Actor) -> Result<(), AccessError> {
        let current = self.current_session(actor).await?;
        self.audit(
            AuditActor::Staff(&current),
            AuditAction::SessionLocked,
            "idle",
        )
        .await?;
        Ok(())
    }

    /// Unlocks an idle-locked session with the member's password; failures count
    /// towards the same lockout as sign-in.
    pub async fn unlock_session(
        &self,
        actor: &Actor,
        password: PlainPassword,
    ) -> Result<Actor, SignInError> {
        let current = self.current_session(actor).await?;
        let unlocked = self
            .check_password(Some(current.email().clone()), password, Attempt::Unlock)
            .await?;
        if unlocked.id() != current.id() {
            return Err(SignInError::InvalidCredentials);
        }
        Ok(unlocked)
    }

    pub async fn sign_out(&self, actor: &Actor) -> anyhow::Result<()> {
        self.audit(AuditActor::Staff(actor), AuditAction::SignedOut, "")
            .await?;
        tracing::info!(staff_id = actor.id().0, "signed out");
        Ok(())
    }

    /// What the window may know about the signed-in person, with what they may do and
    /// after how long of inactivity the window locks.
    pub async fn session_info(&self, actor: &Actor) -> anyhow::Result<SessionInfo> {
        let security = self.security_settings().await?;
        Ok(SessionInfo {
            staff_id: actor.id().0,
            email: actor.email().as_ref().to_owned(),
            display_name: actor.display_name().to_owned(),
            role: actor.role(),
            must_change_password: actor.must_change_password(),
            permissions: if actor.must_change_password() {
                vec![Permission::ManageOwnAccount]
            } else {
                auth::permissions_of(actor.role())
            },
            idle_lock_seconds: security.idle_lock_minutes.saturating_mul(60),
        })
    }

    async fn check_password(
        &self,
        email: Option<StaffEmail>,
        password: PlainPassword,
        attempt: Attempt,
    ) -> Result<Actor, SignInError> {
        let now = self.clock.now();
        let found = match &email {
            Some(email) => store::staff::find_by_email(self.store.reader(), email).await?,
            None => None,
        };
        let Some(staff) = found else {
            auth::verify_against_dummy(password).await?;
            // Only a well-formed email is recorded, so a password typed into the email
            // field never lands in the log.
            let label = email.map_or_else(
                || "(not an email address)".to_owned(),
                |e| e.as_ref().to_owned(),
            );
            self.audit(
                attempt_by(None, label),
                AuditAction::SignInFailed,
                "unknown account",
            )
            .await?;
            return Err(SignInError::InvalidCredentials);
        };
        let label = staff.email.as_ref().to_owned();
        if let Some(until) = staff.locked_until.filter(|until| *until > now) {
            self.audit(
                attempt_by(Some(staff.id), label),
                AuditAction::SignInRefusedLocked,
                "",
            )
            .await?;
            return Err(SignInError::LockedOut { until, now });
        }
        let verified = auth::verify_password(password, staff.password_hash.clone()).await?;
        if verified && staff.active {
            let mut tx = self.store.begin().await?;
            let (action, detail) = match attempt {
                Attempt::SignIn => {
                    store::staff::record_sign_in(&mut tx, staff.id, now).await?;
                    (AuditAction::SignInSucceeded, "")
                }
                Attempt::Unlock => {
                    store::staff::clear_failed_sign_ins(&mut tx, staff.id, now).await?;
                    (AuditAction::SessionUnlocked, "")
                }
            };
            let actor = Actor::from_record(&staff);
            audit::append(&mut tx, now, AuditActor::Staff(&actor), action, detail).await?;
            tx.commit().await.context("Failed to record the sign-in")?;
            tracing::info!(staff_id = actor.id().0, "signed in");
            return Ok(actor);
        }

        let lockout_enabled = self.security_settings().await?.lockout_enabled;
        let mut tx = self.store.begin().await?;
        let failures = store::staff::count_failed_sign_in(&mut tx, staff.id, now).await?;
        let reason = match (staff.active, attempt) {
            (false, _) => "account disabled",
            (true, Attempt::SignIn) => "wrong password",
            (true, Attempt::Unlock) => "wrong password at unlock",
        };
        let by = || attempt_by(Some(staff.id), label.clone());
        audit::append(&mut tx, now, by(), AuditAction::SignInFailed, reason).await?;
        let lock = auth::lockout_after(failures)
            .filter(|_| lockout_enabled)
            .map(|wait| now + wait);
        if let Some(until) = lock {
            store::staff::lock_until(&mut tx, staff.id, until).await?;
            let detail = format!(
                "after {failures} failed sign-ins, until {}",
                until.to_rfc3339()
            );
            audit::append(&mut tx, now, by(), AuditAction::AccountLocked, &detail).await?;
        }
        tx.commit()
            .await
            .context("Failed to record the failed sign-in")?;
        tracing::info!(
            staff_id = staff.id.0,
            failures,
            locked = lock.is_some(),
            "sign-in failed"
        );
        match lock {
            Some(until) => Err(SignInError::LockedOut { until, now }),
            None => Err(SignInError::InvalidCredentials),
        }
    }

    /// Appends one audit row in a transaction of its own.
    pub(super) async fn audit(
        &self,
        by: AuditActor<'_>,
        action: AuditAction,
        detail: &str,
    ) -> anyhow::Result<()> {
        let mut tx = self.store.begin().await?;
        audit::append(&mut tx, self.clock.now(), by, action, detail).await?;
        tx.commit().await.context("Failed to write the audit log")
    }
}

fn attempt_by(staff_id: Option<StaffId>, label: String) -> AuditActor<'static> {
    AuditActor::Attempt { staff_id, label }
}

/// The parts of someone's identity a password should not lean on.
pub(super) fn personal_words<'a>(email: &'a StaffEmail, name: &'a DisplayName) -> Vec<&'a str> {
    let mut words: Vec<&str> = name.as_ref().split(' ').collect();
    words.extend(email.as_ref().split(['@', '.', '+', '_', '-']));
    words.retain(|w| w.len() >= 3);
    words
}
