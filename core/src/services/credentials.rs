//! Customer logins: generated on create, on a reset, or for many customers at once. The
//! password's argon2id hash goes on the customer's account; the password itself is
//! sealed into a handoff that waits for an owner (see `handoffs.rs`).

use super::agency_logins::LoginToSeal;
use super::change::Change;
use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::domain::{CustomerId, HandoffId, PasswordHash, PlainPassword};
use crate::passwords::{generate_password, PasswordPolicy};
use crate::store::{self, handoffs::Closing};
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use keydesk_api::{
    CreateCustomerOutcome, CreateCustomerRequest, GenerateLoginsOutcome, GenerateLoginsProgress,
    HandoffReason, HandoffState,
};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::mpsc;

/// A login just made for a customer. Its password waits sealed in handoff `handoff_id`.
#[derive(Debug)]
pub struct NewLogin {
    pub customer_id: CustomerId,
    pub handoff_id: HandoffId,
    pub username: String,
    /// The password, for a creator who does not work the handoff queue, when the owner
    /// lets agents see a new customer's password once. `None` otherwise.
    pub one_time_password: Option<PlainPassword>,
}

/// What creating a customer from the form led to.
#[derive(Debug)]
pub struct CustomerCreated {
    pub outcome: CreateCustomerOutcome,
    /// The login generated for a new customer, when one was asked for.
    pub login: Option<NewLogin>,
}

/// A password made and hashed before its transaction starts: hashing takes tens of
/// milliseconds by design and must not hold the one writer connection.
pub(super) struct PreparedLogin {
    password: PlainPassword,
    hash: PasswordHash,
    reason: HandoffReason,
    expiry_days: u32,
    show_to_creator: bool,
}

/// A new password and its hash under the staff parameters, on the calling thread.
fn new_password_blocking(policy: &PasswordPolicy) -> anyhow::Result<(PlainPassword, PasswordHash)> {
    let password = generate_password(policy)
        .map_err(|e| anyhow::anyhow!("The password policy cannot be used: {e}"))?;
    let hash = auth::hash_password_blocking(&password)?;
    Ok((password, hash))
}

impl Keydesk {
    /// Whether `password` is the customer's current password (checked against the
    /// argon2id hash on their account, as the agency's portal does). False when they
    /// have no login. Lets tests, end to end too, prove that what was handed over is
    /// what was stored.
    pub async fn verify_customer_password(
        &self,
        customer_id: CustomerId,
        password: &str,
    ) -> anyhow::Result<bool> {
        let reader = self.store.reader();
        match store::customer_accounts::password_hash(reader, customer_id).await? {
            Some(hash) => {
                auth::verify_password(PlainPassword::new(password.to_owned()), hash).await
            }
            None => Ok(false),
        }
    }

    /// Generates and hashes a password under the policy in force. `show_to_creator`
    /// asks for the password to be returned once (the caller decided it may be).
    pub(super) async fn prepare_login(
        &self,
        reason: HandoffReason,
        show_to_creator: bool,
    ) -> anyhow::Result<PreparedLogin> {
        let settings = self.credential_settings_in_force().await?;
        let policy = self.password_policy_in_force().await?;
        let (password, hash) = tokio::task::spawn_blocking(move || new_password_blocking(&policy))
            .await
            .context("Password generation task failed")??;
        Ok(PreparedLogin {
            password,
            hash,
            reason,
            expiry_days: settings.handoff_expiry_days,
            show_to_creator,
        })
    }

    /// Within `tx`: gives the customer the prepared password (to be changed at first
    /// sign-in), revokes the customer's pending handoff if there is one, and seals the
    /// password into a new handoff bound to its row id. Everything is audited in `tx`.
    pub(super) async fn issue_login_in(
        &self,
        tx: &mut Change,
        actor: &Actor,
        customer_id: CustomerId,
        email: &str,
        login: &PreparedLogin,
        now: DateTime<Utc>,
    ) -> anyhow::Result<NewLogin> {
        if let Some(old) = store::handoffs::pending_for_customer(tx, customer_id).await? {
            let closing = Closing {
                state: HandoffState::Revoked,
                by: Some(actor.id()),
                channel: None,
                note: None,
            };
            store::handoffs::close(tx, old, closing, now).await?;
            let detail = format!("handoff #{old}, replaced by a new password");
            let by = AuditActor::Staff(actor);
            audit::append_for_customer(
                tx,
                now,
                by,
                AuditAction::HandoffRevoked,
                customer_id,
                &detail,
            )
            .await?;
            // A mail still waiting to carry the old password is not sent.
            for (mail_id, _) in store::outbox::cancel_for_handoff(tx, old).await? {
                let detail = format!("mail #{mail_id} for customer #{customer_id}, replaced");
                let by = AuditActor::Staff(actor);
                let action = AuditAction::MailCancelled;
                audit::append_for_customer(tx, now, by, action, customer_id, &detail).await?;
            }
        }
        let username =
            store::customer_accounts::set_password(tx, customer_id, email, &login.hash).await?;
        // Valid for its days by the agency server's clock, which decides when it expires.
        let expires_at = self.agency_time(now) + Duration::days(i64::from(login.expiry_days));
        let handoff_id = store::handoffs::insert_pending(
            tx,
            customer_id,
            login.reason,
            actor.id(),
            now,
            expires_at,
        )
        .await?;
        let to_seal = LoginToSeal {
            handoff_id,
            customer_id,
            created_by: actor.id(),
            reason: login.reason,
            username: &username,
            hash: &login.hash,
            password: login.password.expose().as_bytes(),
            created_at: now,
            expires_at,
        };
        let for_agency = self.seal_for_agency_in(tx, actor, to_seal).await?;
        if !for_agency {
            self.seal_handoff_in(
                tx,
                handoff_id,
                customer_id,
                login.password.expose().as_bytes(),
            )
            .await?;
        }
        let (action, detail) = match login.reason {
            HandoffReason::NewCustomer => (
                AuditAction::CredentialsIssued,
                format!("handoff #{handoff_id}"),
            ),
            HandoffReason::Bulk => (
                AuditAction::CredentialsIssued,
                format!("handoff #{handoff_id}, several customers at once"),
            ),
            HandoffReason::Reset => (
                AuditAction::CustomerPasswordReset,
                format!("handoff #{handoff_id}"),
            ),
        };
        let by = || AuditActor::Staff(actor);
        audit::append_for_customer(tx, now, by(), action, customer_id, &detail).await?;
        let one_time_password = if login.show_to_creator {
            store::handoffs::mark_shown_to_creator(tx, handoff_id).await?;
            let detail = format!("handoff #{handoff_id}");
            let action = AuditAction::HandoffShownToCreator;
            audit::append_for_customer(tx, now, by(), action, customer_id, &detail).await?;
            Some(login.password.clone())
        } else {
            None
        };
        Ok(NewLogin {
            customer_id,
            handoff_id,
            username,
            one_time_password,
        })
    }

    /// Creates a customer from the form and, unless the form says otherwise, generates
    /// their login in the same transaction. An agent (or admin) gets the password once in
    /// the answer only when an owner allows it; the handoff stays queued for the owner
    /// either way.
    pub async fn create_customer_with_login(
        &self,
        actor: &Actor,
        request: CreateCustomerRequest,
    ) -> Result<CustomerCreated, ServiceError> {
        if !request.generate_login {
            let outcome = self.create_customer(actor, request.input).await?;
            return Ok(CustomerCreated {
                outcome,
                login: None,
            });
        }
        let actor = self.authorize(actor, Permission::CreateCustomer).await?;
        let settings = self.credential_settings_in_force().await?;
        let show_once = settings.agents_see_new_password_once
            && !auth::allows(actor.role(), Permission::HandOverCredentials);
        let login = self
            .prepare_login(HandoffReason::NewCustomer, show_once)
            .await?;
        let (outcome, login) = self
            .create_customer_issuing(&actor, request.input, Some(&login))
            .await?;
        Ok(CustomerCreated { outcome, login })
    }

    /// Gives a customer a new password: the old one stops working, a pending handoff is
    /// revoked, and the new password waits sealed for an owner. Also gives a login to a
    /// customer who has none.
    pub async fn reset_customer_password(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
    ) -> Result<NewLogin, ServiceError> {
        let actor = self
            .authorize(actor, Permission::ResetCustomerPassword)
            .await?;
        let login = self.prepare_login(HandoffReason::Reset, false).await?;
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let email = store::customers::email_of(&mut tx, customer_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let issued = self
            .issue_login_in(&mut tx, &actor, customer_id, &email, &login, now)
            .await?;
        tx.commit("Failed to save the new password").await?;
        Ok(issued)
    }

    /// Generates logins for the given customers, skipping those that have one. Passwords
    /// are hashed in parallel on every core; each customer is saved in its own
    /// transaction as soon as its hash is ready, so a cancel (`cancel` set) or a crash
    /// keeps every login made so far. `progress` hears after each customer.
    pub async fn generate_logins(
        &self,
        actor: &Actor,
        customer_ids: &[CustomerId],
        progress: &(dyn Fn(GenerateLoginsProgress) + Send + Sync),
        cancel: &AtomicBool,
    ) -> Result<GenerateLoginsOutcome, ServiceError> {
        let actor = self
            .authorize(actor, Permission::GenerateCustomerLogins)
            .await?;
        let mut ids = customer_ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let total = ids.len() as u64;
        let known = store::customer_accounts::login_status(self.store.reader(), &ids).await?;
        let mut outcome = GenerateLoginsOutcome {
            generated: 0,
            skipped: 0,
            not_found: total - known.len() as u64,
            cancelled: false,
        };
        let mut todo = Vec::with_capacity(known.len());
        for (id, _, has_login) in known {
            if has_login {
                outcome.skipped += 1;
            } else {
                todo.push(id);
            }
        }
        let mut done = outcome.skipped + outcome.not_found;
        progress(GenerateLoginsProgress { done, total });

        let settings = self.credential_settings_in_force().await?;
        let policy = self.password_policy_in_force().await?;
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        // One hashing task per core, each taking the next customer as soon as its hash is
        // handed over; finished logins queue up (a few per core) while the database is
        // busy (a commit, a checkpoint), so no core waits on it.
        let queue = Arc::new(Mutex::new(todo.into_iter()));
        let halt = Arc::new(AtomicBool::new(false));
        let (hand_over, mut made) =
            mpsc::channel::<(CustomerId, PlainPassword, PasswordHash)>(2 * workers);
        let mut hashing = tokio::task::JoinSet::new();
        for _ in 0..workers {
            let (queue, halt, hand_over) = (queue.clone(), halt.clone(), hand_over.clone());
            let policy = policy.clone();
            hashing.spawn_blocking(move || -> anyhow::Result<()> {
                while !halt.load(Ordering::Acquire) {
                    let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
                    let Some(id) = next else {
                        break;
                    };
                    let (password, hash) = new_password_blocking(&policy)?;
                    if hand_over.blocking_send((id, password, hash)).is_err() {
                        break;
                    }
                }
                Ok(())
            });
        }
        drop(hand_over);
        while let Some((id, password, hash)) = made.recv().await {
            if cancel.load(Ordering::Acquire) {
                outcome.cancelled = true;
                break;
            }
            let login = PreparedLogin {
                password,
                hash,
                reason: HandoffReason::Bulk,
                expiry_days: settings.handoff_expiry_days,
                show_to_creator: false,
            };
            let mut tx = self.begin_change().await?;
            let now = tx.now();
            match store::customers::email_of(&mut tx, id).await? {
                None => outcome.not_found += 1,
                // A login made meanwhile (a reset, another run) is left as it is.
                Some(_) if store::customer_accounts::has_login(&mut tx, id).await? => {
                    outcome.skipped += 1;
                }
                Some(email) => {
                    self.issue_login_in(&mut tx, &actor, id, &email, &login, now)
                        .await?;
                    tx.commit("Failed to save a login").await?;
                    outcome.generated += 1;
                }
            }
            done += 1;
            progress(GenerateLoginsProgress { done, total });
        }
        // Stop the hashing tasks: they finish the hash in hand at most, and passwords not
        // saved are dropped (and wiped).
        halt.store(true, Ordering::Release);
        drop(made);
        while let Some(finished) = hashing.join_next().await {
            let result = finished.context("Password generation task failed");
            if !outcome.cancelled {
                result??;
            }
        }
        let mut detail = format!(
            "{} generated, {} already had one, {} not found",
            outcome.generated, outcome.skipped, outcome.not_found
        );
        if outcome.cancelled {
            detail.push_str(", cancelled");
        }
        self.audit(
            AuditActor::Staff(&actor),
            AuditAction::LoginsGenerated,
            &detail,
        )
        .await?;
        Ok(outcome)
    }

    /// Asks a running "Generate logins" to stop after the customer it is saving.
    pub async fn cancel_generate_logins(
        &self,
        actor: &Actor,
        cancel: &AtomicBool,
    ) -> Result<(), ServiceError> {
        self.authorize(actor, Permission::GenerateCustomerLogins)
            .await?;
        cancel.store(true, Ordering::Release);
        Ok(())
    }
}
