//! First run, sign-in, idle lock and sign-out.

use super::{AccessError, CreateOwnerError, Keydesk, SignInError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::domain::{
    DisplayName, FieldError, NewPassword, PlainPassword, Role, StaffEmail, StaffId,
};
use crate::said::Said;
use crate::store::{self, staff::StaffRecord, Tx};
use crate::vault::owner_keys::{LockedKeys, OwnerKeyPair};
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use keydesk_api::SessionInfo;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// What the first-run form sends, still raw.
pub struct OwnerForm {
    pub email: String,
    pub display_name: String,
    pub password: PlainPassword,
    pub password_confirm: PlainPassword,
}

/// Which door a password was typed at: what a right one starts or resumes, and what
/// the audit log calls a wrong one.
#[derive(Clone, Copy)]
pub(super) enum Attempt {
    SignIn,
    Unlock,
    /// The current password on *Change password*.
    PasswordChange,
}

/// What checking a member's password under the lockout policy found.
pub(super) enum Checked {
    Verified(StaffRecord),
    /// A wrong password (or a disabled member); `lock` is set when this attempt locked
    /// the account.
    Wrong {
        lock: Option<DateTime<Utc>>,
    },
    /// Refused unchecked: the account is locked until then.
    Locked {
        until: DateTime<Utc>,
    },
}

/// The lockout state of one email, in memory or in the `staff` row, as an attempt
/// finds it.
enum Slot {
    Locked(DateTime<Utc>),
    /// This attempt is counted as a failure already; `lock` is the lock it set.
    Counted {
        lock: Option<DateTime<Utc>>,
    },
}

/// Failed sign-ins with emails that have no account, counted in memory as an account's
/// are in its row, so that such an email locks after the same failures and answers the
/// same way: the answers never tell whether an account exists. Only a salted hash of
/// the email is kept, and at most [`UNKNOWN_EMAILS_TRACKED`] of them.
pub(super) struct UnknownEmails {
    salt: [u8; 32],
    tallies: Mutex<HashMap<[u8; 32], Tally>>,
}

/// Enough for any real guessing from one desk; past it the longest-quiet email is
/// forgotten.
const UNKNOWN_EMAILS_TRACKED: usize = 10_000;

#[derive(Clone, Copy)]
struct Tally {
    failures: u32,
    locked_until: Option<DateTime<Utc>>,
    last_attempt: DateTime<Utc>,
}

impl Default for UnknownEmails {
    fn default() -> Self {
        Self {
            salt: rand::random(),
            tallies: Mutex::default(),
        }
    }
}

impl UnknownEmails {
    /// Counts an attempt for `email` (normalised) before its (dummy) check, exactly as
    /// [`Keydesk::count_attempt`] does for an account.
    fn count(
        &self,
        email: &str,
        now: DateTime<Utc>,
        wait: impl Fn(u32) -> Option<Duration>,
    ) -> Slot {
        let key: [u8; 32] = Sha256::new()
            .chain_update(self.salt)
            .chain_update(email.as_bytes())
            .finalize()
            .into();
        let mut tallies = self.tallies.lock().unwrap_or_else(PoisonError::into_inner);
        if tallies.len() >= UNKNOWN_EMAILS_TRACKED && !tallies.contains_key(&key) {
            let quietest = tallies
                .iter()
                .min_by_key(|(_, tally)| tally.last_attempt)
                .map(|(key, _)| *key);
            if let Some(quietest) = quietest {
                tallies.remove(&quietest);
            }
        }
        let tally = tallies.entry(key).or_insert(Tally {
            failures: 0,
            locked_until: None,
            last_attempt: now,
        });
        tally.last_attempt = now;
        if let Some(until) = tally.locked_until.filter(|until| *until > now) {
            return Slot::Locked(until);
        }
        tally.failures = tally.failures.saturating_add(1);
        let lock = wait(tally.failures).map(|wait| now + wait);
        if lock.is_some() {
            tally.locked_until = lock;
        }
        Slot::Counted { lock }
    }
}

/// The key pairs of the owners signed in on this desk, unsealed with the password they
/// signed in or unlocked with, and nowhere else: a pending login opens only with one of
/// them. Dropped (and so wiped) at lock, idle lock, sign-out, and when the owner is
/// demoted, disabled or has their password reset.
#[derive(Default)]
pub(super) struct SessionKeys {
    held: Mutex<HashMap<StaffId, Arc<OwnerKeyPair>>>,
}

impl SessionKeys {
    fn slots(&self) -> std::sync::MutexGuard<'_, HashMap<StaffId, Arc<OwnerKeyPair>>> {
        self.held.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn hold(&self, id: StaffId, pair: OwnerKeyPair) {
        self.slots().insert(id, Arc::new(pair));
    }

    /// The keys `id`'s session holds, if any.
    pub(super) fn get(&self, id: StaffId) -> Option<Arc<OwnerKeyPair>> {
        self.slots().get(&id).cloned()
    }

    pub(super) fn forget(&self, id: StaffId) {
        self.slots().remove(&id);
    }
}

/// A member's key pair sealed under the new password of a password change.
pub(super) struct ResealedKeys {
    pair: OwnerKeyPair,
    locked: LockedKeys,
    /// The keys they had (false: a new pair, their old one could not be opened).
    same: bool,
}

/// Runs `work` (argon2id, deliberately slow) on the blocking pool.
pub(super) async fn off_the_workers<T: Send + 'static>(
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .context("Key derivation task failed")?
}

/// A fresh key pair for member `id`, sealed under `password`.
pub(super) async fn new_member_keys(
    id: StaffId,
    password: &PlainPassword,
) -> anyhow::Result<(OwnerKeyPair, LockedKeys)> {
    let password = password.clone();
    off_the_workers(move || {
        let pair = OwnerKeyPair::generate()?;
        let locked = pair.lock(id.0, password.expose().as_bytes())?;
        Ok((pair, locked))
    })
    .await
}

/// Within `tx`: gives member `id` a new key pair, forgetting the old one and every
/// login key wrapped to it (they would no longer open).
pub(super) async fn replace_member_keys(
    tx: &mut Tx,
    id: StaffId,
    locked: &LockedKeys,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    store::staff_keys::delete(tx, id).await?;
    store::staff_keys::save(tx, id, locked, now).await
}

impl Keydesk {
    /// After member `record` proved `password` (sign-in, unlock): an owner's key pair (any
    /// member's, on a desk that syncs) is unsealed and held for the session, then they share what they can open with the
    /// other owners (and re-seal logins still under the vault key). A member without keys
    /// yet (made before owner keys) gets a key pair now.
    async fn start_key_session(
        &self,
        record: &StaffRecord,
        password: &PlainPassword,
    ) -> anyhow::Result<()> {
        let id = record.id;
        let owner = record.role == Role::Owner;
        // On a desk that syncs, every member signs the logins they make with their keys.
        let holds = owner || self.agency_server().await?.is_some();
        let stored = store::staff_keys::find(self.store.reader(), id).await?;
        let opened = match stored {
            Some(_) if !holds => return Ok(()),
            Some(locked) => {
                let password = password.clone();
                off_the_workers(move || Ok(locked.open(id.0, password.expose().as_bytes()).ok()))
                    .await?
            }
            None => None,
        };
        let pair = match opened {
            Some(pair) => pair,
            None => {
                // No keys yet, or keys that no longer match the password (sealed under a
                // password set some other way): a new pair, which the other owners share
                // pending logins with as they act.
                let (pair, locked) = new_member_keys(id, password).await?;
                let mut tx = self.begin_change().await?;
                let now = tx.now();
                replace_member_keys(&mut tx, id, &locked, now).await?;
                tx.commit("Failed to store the member's keys").await?;
                tracing::info!(staff_id = id.0, "member key pair created");
                pair
            }
        };
        if holds {
            self.session_keys.hold(id, pair);
        }
        if owner {
            self.share_pending_logins(id).await?;
        }
        Ok(())
    }

    /// For a password change of member `id` from `current` to `new`, before its
    /// transaction (argon2id is slow by design): their key pair (held, or unsealed with
    /// `current`; a new one if neither works) sealed under `new` with a fresh salt.
    /// `actor`'s keys, unlocked for this session, or a refusal saying to sign in again
    /// before `then` (what they were about to do, said as the end of the sentence: "make
    /// a recovery key").
    pub(super) fn unlocked_keys(
        &self,
        actor: &Actor,
        then: Said,
    ) -> Result<Arc<OwnerKeyPair>, super::ServiceError> {
        self.session_keys.get(actor.id()).ok_or_else(|| {
            super::ServiceError::conflict(Said::id("error-session-keys-locked").arg("then", then))
        })
    }

    pub(super) async fn reseal_own_keys(
        &self,
        id: StaffId,
        current: &PlainPassword,
        new: &PlainPassword,
    ) -> anyhow::Result<ResealedKeys> {
        let held = self.session_keys.get(id);
        let stored = store::staff_keys::find(self.store.reader(), id).await?;
        let (current, new) = (current.clone(), new.clone());
        off_the_workers(move || {
            let known = held.map(|pair| OwnerKeyPair::clone(&pair)).or_else(|| {
                stored.and_then(|locked| locked.open(id.0, current.expose().as_bytes()).ok())
            });
            let same = known.is_some();
            let pair = match known {
                Some(pair) => pair,
                None => OwnerKeyPair::generate()?,
            };
            let locked = pair.lock(id.0, new.expose().as_bytes())?;
            Ok(ResealedKeys { pair, locked, same })
        })
        .await
    }

    /// Within the password change's `tx`: stores what [`Keydesk::reseal_own_keys`] made.
    /// The same keys stay wrapped to the same logins; a new pair replaces the old one
    /// and its wraps.
    pub(super) async fn save_own_keys_in(
        &self,
        tx: &mut Tx,
        id: StaffId,
        keys: ResealedKeys,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        if keys.same {
            store::staff_keys::save(tx, id, &keys.locked, now).await?;
        } else {
            replace_member_keys(tx, id, &keys.locked, now).await?;
        }
        if self.session_keys.get(id).is_some() {
            self.session_keys.hold(id, keys.pair);
        }
        Ok(())
    }

    /// Whether `actor`'s session holds their keys.
    pub(super) fn holds_keys(&self, actor: &Actor) -> bool {
        self.session_keys.get(actor.id()).is_some()
    }

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
            return Err(
                FieldError::new("password_confirm", Said::id("check-passwords-differ")).into(),
            );
        }
        let hash = auth::hash_password(password.plain().clone()).await?;

        let mut tx = self.begin_change().await?;
        let now = tx.now();
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
        // The owner's keys are sealed under the password just chosen; hashing is done,
        // so only the key derivation runs while the one writer waits.
        let (pair, locked) = new_member_keys(id, password.plain()).await?;
        store::staff_keys::save(&mut tx, id, &locked, now).await?;
        let record = store::staff::find_by_id_in(&mut tx, id)
            .await?
            .context("The new owner vanished")?;
        let actor = super::actor_of(&record);
        let detail = format!("{} ({})", actor.display_name(), actor.email().as_ref());
        let by = || AuditActor::Staff(&actor);
        tx.audit(by(), AuditAction::OwnerCreated, &detail).await?;
        tx.audit(by(), AuditAction::SignInSucceeded, "").await?;
        tx.commit("Failed to save the owner account").await?;
        self.session_keys.hold(id, pair);
        tracing::info!(staff_id = id.0, "owner account created");
        Ok(actor)
    }

    /// Verifies a staff member's password, with the lockout policy and an audit row for
    /// every attempt. Unknown emails cost the same time as known ones, lock the same
    /// way, and get the same answers.
    pub async fn sign_in(
        &self,
        email: &str,
        password: PlainPassword,
    ) -> Result<Actor, SignInError> {
        let parsed = StaffEmail::parse("email", email).ok();
        self.check_password(email, parsed, password, Attempt::SignIn)
            .await
    }

    /// Marks the session as locked after idle time (the shell then refuses everything
    /// but unlock and sign-out).
    pub async fn lock_session(&self, actor: &Actor) -> Result<(), AccessError> {
        // The keys go first: whatever else fails, a locked window opens no login.
        self.session_keys.forget(actor.id());
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
        let email = current.email().clone();
        let unlocked = self
            .check_password(
                email.as_ref(),
                Some(email.clone()),
                password,
                Attempt::Unlock,
            )
            .await?;
        if unlocked.id() != current.id() {
            return Err(SignInError::InvalidCredentials);
        }
        Ok(unlocked)
    }

    pub async fn sign_out(&self, actor: &Actor) -> anyhow::Result<()> {
        self.session_keys.forget(actor.id());
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
            window: self.window_preferences_of(actor.id()).await?,
        })
    }

    async fn check_password(
        &self,
        raw_email: &str,
        email: Option<StaffEmail>,
        password: PlainPassword,
        attempt: Attempt,
    ) -> Result<Actor, SignInError> {
        let found = match &email {
            Some(email) => store::staff::find_by_email(self.store.reader(), email).await?,
            None => None,
        };
        let Some(staff) = found else {
            return Err(self
                .refuse_unknown_email(raw_email, email, password)
                .await?);
        };
        match self
            .check_member_password(&staff, password, attempt)
            .await?
        {
            Checked::Verified(record) => Ok(super::actor_of(&record)),
            Checked::Wrong { lock: None } => Err(SignInError::InvalidCredentials),
            Checked::Wrong { lock: Some(until) } | Checked::Locked { until } => {
                Err(SignInError::LockedOut {
                    until,
                    now: self.clock.now(),
                })
            }
        }
    }

    /// The answer to a sign-in with an email that has no account, after the same work
    /// and with the same lockout as a real account: a dummy argon2 verification, one
    /// audit row, and "locked" after as many failures.
    async fn refuse_unknown_email(
        &self,
        raw_email: &str,
        email: Option<StaffEmail>,
        password: PlainPassword,
    ) -> anyhow::Result<SignInError> {
        let now = self.clock.now();
        let wait = self.lockout_wait().await?;
        let normalised = email.as_ref().map_or_else(
            || raw_email.trim().to_lowercase(),
            |e| e.as_ref().to_owned(),
        );
        let slot = self.unknown_emails.count(&normalised, now, wait);
        auth::verify_against_dummy(password).await?;
        // Only a well-formed email is recorded, so a password typed into the email
        // field never lands in the log.
        let label = email.map_or_else(
            || "(not an email address)".to_owned(),
            |e| e.as_ref().to_owned(),
        );
        let (action, until) = match slot {
            Slot::Locked(until) => (AuditAction::SignInRefusedLocked, Some(until)),
            Slot::Counted { lock } => (AuditAction::SignInFailed, lock),
        };
        self.audit(attempt_by(None, label), action, "unknown account")
            .await?;
        Ok(match until {
            Some(until) => SignInError::LockedOut { until, now },
            None => SignInError::InvalidCredentials,
        })
    }

    /// Checks a member's password with the lockout policy, whichever door it was typed
    /// at, with an audit row for every attempt.
    ///
    /// The attempt is counted as a failure *before* the slow argon2 check (and the
    /// account locked at once if that reaches the threshold), in the one write
    /// transaction: attempts fired together cannot all be checked before the lock
    /// lands. A right password then resets the count. A locked account is refused
    /// after a dummy verification, so it costs the same time as a check.
    pub(super) async fn check_member_password(
        &self,
        staff: &StaffRecord,
        password: PlainPassword,
        attempt: Attempt,
    ) -> anyhow::Result<Checked> {
        let now = self.clock.now();
        let wait = self.lockout_wait().await?;
        let label = staff.email.as_ref().to_owned();
        let by = || attempt_by(Some(staff.id), label.clone());

        let (record, slot) = self.count_attempt(staff.id, now, wait).await?;
        let lock = match slot {
            Slot::Locked(until) => {
                auth::verify_against_dummy(password).await?;
                let (action, detail) = match attempt {
                    Attempt::SignIn | Attempt::Unlock => (AuditAction::SignInRefusedLocked, ""),
                    Attempt::PasswordChange => {
                        (AuditAction::PasswordChangeFailed, "refused: account locked")
                    }
                };
                self.audit(by(), action, detail).await?;
                return Ok(Checked::Locked { until });
            }
            Slot::Counted { lock } => lock,
        };

        let typed = password.clone();
        let verified = auth::verify_password(password, record.password_hash.clone()).await?;
        if verified && record.active {
            let mut tx = self.begin_change_at(now).await?;
            let actor = super::actor_of(&record);
            let by = || AuditActor::Staff(&actor);
            match attempt {
                Attempt::SignIn => {
                    store::staff::record_sign_in(&mut tx, record.id, now).await?;
                    tx.audit(by(), AuditAction::SignInSucceeded, "").await?;
                }
                Attempt::Unlock => {
                    store::staff::clear_failed_sign_ins(&mut tx, record.id, now).await?;
                    tx.audit(by(), AuditAction::SessionUnlocked, "").await?;
                }
                // The change itself is audited by the caller once it is saved.
                Attempt::PasswordChange => {
                    store::staff::clear_failed_sign_ins(&mut tx, record.id, now).await?;
                }
            }
            tx.commit("Failed to record the sign-in").await?;
            if matches!(attempt, Attempt::SignIn | Attempt::Unlock) {
                self.start_key_session(&record, &typed).await?;
            }
            match attempt {
                Attempt::SignIn => tracing::info!(staff_id = record.id.0, "signed in"),
                Attempt::Unlock => tracing::info!(staff_id = record.id.0, "session unlocked"),
                Attempt::PasswordChange => {
                    tracing::info!(staff_id = record.id.0, "current password accepted");
                }
            }
            return Ok(Checked::Verified(record));
        }

        let (action, reason) = match (record.active, attempt) {
            (false, _) => (AuditAction::SignInFailed, "account disabled"),
            (true, Attempt::SignIn) => (AuditAction::SignInFailed, "wrong password"),
            (true, Attempt::Unlock) => (AuditAction::SignInFailed, "wrong password at unlock"),
            (true, Attempt::PasswordChange) => {
                (AuditAction::PasswordChangeFailed, "wrong current password")
            }
        };
        let mut tx = self.begin_change_at(now).await?;
        tx.audit(by(), action, reason).await?;
        if let Some(until) = lock {
            let detail = format!(
                "after {} failed password checks, until {}",
                record.failed_sign_ins,
                until.to_rfc3339()
            );
            tx.audit(by(), AuditAction::AccountLocked, &detail).await?;
        }
        tx.commit("Failed to record the failed sign-in").await?;
        tracing::info!(
            staff_id = record.id.0,
            failures = record.failed_sign_ins,
            locked = lock.is_some(),
            "password refused"
        );
        Ok(Checked::Wrong { lock })
    }

    /// Counts an attempt as a failure before it is checked, unless the account is
    /// locked, and locks the account at once if this attempt reaches the threshold.
    /// Returns the member as the transaction saw them (with the new count).
    async fn count_attempt(
        &self,
        id: StaffId,
        now: DateTime<Utc>,
        wait: impl Fn(u32) -> Option<Duration>,
    ) -> anyhow::Result<(StaffRecord, Slot)> {
        let mut tx = self.begin_change_at(now).await?;
        let mut record = store::staff::find_by_id_in(&mut tx, id)
            .await?
            .context("The staff member vanished")?;
        if let Some(until) = record.locked_until.filter(|until| *until > now) {
            return Ok((record, Slot::Locked(until)));
        }
        record.failed_sign_ins = store::staff::count_failed_sign_in(&mut tx, id, now).await?;
        let lock = wait(record.failed_sign_ins).map(|wait| now + wait);
        if let Some(until) = lock {
            store::staff::lock_until(&mut tx, id, until).await?;
        }
        tx.commit("Failed to count a sign-in attempt").await?;
        Ok((record, Slot::Counted { lock }))
    }

    /// The lockout policy in force: how long to lock after so many failures, if at all.
    async fn lockout_wait(&self) -> anyhow::Result<impl Fn(u32) -> Option<Duration>> {
        let enabled = self.security_settings().await?.lockout_enabled;
        Ok(move |failures| auth::lockout_after(failures).filter(|_| enabled))
    }

    /// Appends one audit row in a transaction of its own.
    pub(super) async fn audit(
        &self,
        by: AuditActor<'_>,
        action: AuditAction,
        detail: &str,
    ) -> anyhow::Result<()> {
        let mut tx = self.begin_change().await?;
        tx.audit(by, action, detail).await?;
        tx.commit("Failed to write the audit log").await
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
