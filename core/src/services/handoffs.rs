//! The owner's "Credentials to hand over" queue: reveal, copy, mark as sent, revoke, and
//! the history. A pending password is sealed under a key of its own, wrapped to each
//! owner's public key, so only an owner whose session holds their private key opens it
//! (see `vault::owner_keys`). Every opening of a sealed password is audited; every way a
//! handoff ends destroys its sealed password (and its wrapped keys) in the transaction
//! that ends it. A handoff that ends without being handed over (revoked, expired) also
//! retires its password on the account and cancels the mail that would have carried it.

use super::agency_logins::AgencyUnopenable;
use super::change::Change;
use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::domain::StaffId;
use crate::domain::{CustomerId, FreeText, HandoffId, OutboxId, PasswordHash, PlainPassword};
use crate::said::Said;
use crate::store::{
    self, handoff_wraps, handoffs::Closing, handoffs::HandoffRow, handoffs::SealedWith,
};
use crate::vault;
use crate::vault::owner_keys::{self, Dek};
use chrono::{DateTime, Utc};
use keydesk_api::{
    HandoffChannel, HandoffCount, HandoffHistoryPage, HandoffHistoryRequest, HandoffState,
    OutboxState, PendingHandoff,
};
use rand::TryRngCore;
use std::collections::{HashMap, HashSet};

/// A pending handoff's password, opened for the owner who asked.
#[derive(Debug)]
pub struct HandoffSecret {
    pub handoff_id: HandoffId,
    pub username: String,
    pub password: PlainPassword,
}

/// Text for the shell to put on the clipboard, held like a password whatever it is, and
/// how long it may stay there (seconds; 0 = not cleared).
#[derive(Debug)]
pub struct ClipboardSecret {
    pub text: PlainPassword,
    pub clear_after_seconds: u32,
}

const NOTE_MAX_CHARS: usize = 500;

/// What an owner may do with an opened handoff.
#[derive(Clone, Copy)]
enum Opening {
    Reveal,
    CopyUsername,
    CopyPassword,
}

fn gone() -> ServiceError {
    ServiceError::conflict(Said::id("error-handoff-gone"))
}

/// Why a signed-in owner cannot open a pending login.
#[derive(Debug)]
pub(super) enum Unopenable {
    /// Their session holds no keys (it began before they were an owner, or was locked).
    NoKeys,
    /// Another owner can open it but has not shared it with them yet.
    NotShared,
    /// No current owner holds its key any more.
    NobodyCan,
    /// No current owner holds its key, but the recovery kit does.
    RecoveryKitCan,
    /// It did not open: changed, or sealed under another key.
    Damaged,
    /// Made on another desk, and its signature does not check out against the agency's
    /// keys as this desk verified them.
    NotSigned,
    /// Made for the agency before this owner's key was among its keys.
    NotSealedToYou,
}

impl Unopenable {
    /// What the window shows; `None` for a damaged login (audited and said elsewhere).
    fn refusal(&self) -> Option<ServiceError> {
        let said = match self {
            Self::NoKeys => Said::id("error-handoff-no-keys"),
            Self::NotShared => Said::id("error-handoff-not-shared"),
            Self::NobodyCan => Said::id("error-handoff-nobody-can"),
            Self::RecoveryKitCan => Said::id("error-handoff-recovery-kit-can"),
            Self::NotSigned => Said::id("error-handoff-not-signed"),
            Self::NotSealedToYou => Said::id("error-handoff-not-sealed-to-you"),
            Self::Damaged => return None,
        };
        Some(ServiceError::conflict(said))
    }
}

/// The refusal for a handoff that is no longer pending, e.g. "This handoff is expired —
/// reset the password to issue a new one."
fn not_pending(state: HandoffState) -> ServiceError {
    ServiceError::conflict(match state {
        HandoffState::Pending => Said::id("error-handoff-is-pending"),
        HandoffState::Sent => Said::id("error-handoff-is-sent"),
        HandoffState::Revoked => Said::id("error-handoff-is-revoked"),
        HandoffState::Expired => Said::id("error-handoff-is-expired"),
    })
}

impl Keydesk {
    /// `now` on the agency server's clock, as of this desk's last connection to it (`now`
    /// itself on a desk of its own): a desk whose clock is wrong neither keeps a login past
    /// its time nor ends it early.
    pub(super) fn agency_time(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let ahead = self
            .server_clock_ahead_ms
            .load(std::sync::atomic::Ordering::Relaxed);
        now + chrono::Duration::milliseconds(ahead)
    }

    /// Expires every handoff whose time is up, destroying its sealed password. Runs
    /// before every look at the queue and periodically from the shell. Returns how many
    /// expired.
    pub async fn expire_handoffs(&self) -> anyhow::Result<u64> {
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let expired = self.expire_due_in(&mut tx, now).await?;
        tx.commit("Failed to expire handoffs").await?;
        if expired > 0 {
            tracing::info!(expired, "handoffs expired");
        }
        Ok(expired)
    }

    /// Within `tx`: closes as sent by email every pending handoff whose mail the server
    /// already accepted (see [`Keydesk::close_mailed_handoffs_in`]), then expires every
    /// handoff whose time is up, retiring its password and cancelling its waiting mail.
    pub(super) async fn expire_due_in(
        &self,
        tx: &mut Change,
        now: DateTime<Utc>,
    ) -> anyhow::Result<u64> {
        self.close_mailed_handoffs_in(tx).await?;
        let expired = store::handoffs::expire_due(tx, now, self.agency_time(now)).await?;
        for (handoff_id, customer_id) in &expired {
            let system = || AuditActor::Attempt {
                staff_id: None,
                label: "system".to_owned(),
            };
            let detail = format!("handoff #{handoff_id}, not handed over in time");
            let action = AuditAction::HandoffExpired;
            audit::append_for_customer(tx, now, system(), action, *customer_id, &detail).await?;
            self.withdraw_login_in(tx, system(), *handoff_id, *customer_id, now)
                .await?;
        }
        Ok(expired.len() as u64)
    }

    /// Crash recovery, within `tx`: a pending handoff whose credentials mail is noted as
    /// sent (Keydesk stopped between the two, before they were written together) is
    /// closed as sent by email, its sealed password destroyed. Returns how many.
    pub(super) async fn close_mailed_handoffs_in(&self, tx: &mut Change) -> anyhow::Result<usize> {
        let mailed = store::outbox::pending_handoffs_mailed(tx).await?;
        let mut closed = 0;
        for handoff in mailed {
            let sent_at = DateTime::parse_from_rfc3339(&handoff.sent_at)
                .map(|t| t.to_utc())
                .unwrap_or_else(|_| self.clock.now());
            let remark = format!(" (mail #{}, recorded on recovery)", handoff.mail_id);
            if super::handoff_mail::close_as_mailed(
                tx,
                handoff.handoff_id,
                sent_at,
                handoff.queued_by,
                &remark,
            )
            .await?
            {
                closed += 1;
            }
        }
        if closed > 0 {
            tracing::warn!(closed, "handoffs already sent by mail closed on recovery");
        }
        Ok(closed)
    }

    /// Within `tx`, for a handoff just revoked or expired: the password it carried stops
    /// working (the account gets a fresh hash no password matches), and the mails that
    /// would carry it are cancelled. Returns the cancelled mails.
    async fn withdraw_login_in(
        &self,
        tx: &mut Change,
        by: AuditActor<'_>,
        handoff_id: HandoffId,
        customer_id: CustomerId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<(OutboxId, Option<CustomerId>)>> {
        store::customer_accounts::retire_password(tx, customer_id, &unusable_password_hash()?)
            .await?;
        let cancelled = store::outbox::cancel_for_handoff(tx, handoff_id).await?;
        for (mail_id, _) in &cancelled {
            let detail =
                format!("mail #{mail_id} for customer #{customer_id}, its login was withdrawn");
            let action = AuditAction::MailCancelled;
            audit::append_for_customer(tx, now, by.clone(), action, customer_id, &detail).await?;
        }
        Ok(cancelled)
    }

    /// Pending handoffs, oldest first (expired ones are expired first).
    pub async fn list_pending_handoffs(
        &self,
        actor: &Actor,
    ) -> Result<Vec<PendingHandoff>, ServiceError> {
        let actor = self
            .authorize(actor, Permission::HandOverCredentials)
            .await?;
        self.expire_handoffs().await?;
        // Looking at the queue is acting as an owner: what this owner can open is shared
        // with the owners who cannot yet.
        self.share_pending_logins(actor.id()).await?;
        let holds_keys = self.holds_keys(&actor);
        Ok(store::handoffs::list_pending(self.store.reader(), actor.id(), holds_keys).await?)
    }

    /// How many handoffs wait, for the navigation badge.
    pub async fn pending_handoff_count(&self, actor: &Actor) -> Result<HandoffCount, ServiceError> {
        self.authorize(actor, Permission::HandOverCredentials)
            .await?;
        self.expire_handoffs().await?;
        Ok(HandoffCount {
            pending: store::handoffs::count_pending(self.store.reader()).await?,
        })
    }

    /// Opens a pending handoff's password for the owner to read (the window hides it
    /// again after a few seconds). Audited.
    pub async fn reveal_handoff_password(
        &self,
        actor: &Actor,
        handoff_id: HandoffId,
    ) -> Result<HandoffSecret, ServiceError> {
        let (row, password) = self
            .open_handoff(actor, handoff_id, Opening::Reveal)
            .await?;
        Ok(HandoffSecret {
            handoff_id,
            username: row.username,
            password,
        })
    }

    /// The password of a pending handoff, for the shell to copy to the clipboard. Audited.
    pub async fn copy_handoff_password(
        &self,
        actor: &Actor,
        handoff_id: HandoffId,
    ) -> Result<ClipboardSecret, ServiceError> {
        let opening = Opening::CopyPassword;
        let (_, password) = self.open_handoff(actor, handoff_id, opening).await?;
        self.clipboard_secret(password).await
    }

    /// The username of a pending handoff, for the shell to copy. Audited.
    pub async fn copy_handoff_username(
        &self,
        actor: &Actor,
        handoff_id: HandoffId,
    ) -> Result<ClipboardSecret, ServiceError> {
        let opening = Opening::CopyUsername;
        let (row, _) = self.open_handoff(actor, handoff_id, opening).await?;
        self.clipboard_secret(PlainPassword::new(row.username))
            .await
    }

    async fn clipboard_secret(&self, text: PlainPassword) -> Result<ClipboardSecret, ServiceError> {
        let settings = self.credential_settings_in_force().await?;
        Ok(ClipboardSecret {
            text,
            clear_after_seconds: settings.clipboard_clear_seconds,
        })
    }

    /// Checks access and state, opens the sealed password (for a username copy too: a
    /// handoff whose password no longer opens is not handed over) and audits, all in one
    /// transaction.
    async fn open_handoff(
        &self,
        actor: &Actor,
        handoff_id: HandoffId,
        opening: Opening,
    ) -> Result<(HandoffRow, PlainPassword), ServiceError> {
        let (actor, tx) = self.change(actor, Permission::HandOverCredentials).await?;
        let (mut tx, row) = self
            .pending_handoff_in(tx, handoff_id, gone(), |_| Ok(()))
            .await?;
        let detail = format!("handoff #{handoff_id}");
        let by = || AuditActor::Staff(&actor);
        let plain = match self.open_handoff_password(&mut tx, &actor, &row).await? {
            Ok(plain) => plain,
            Err(why) => return Err(self.refuse_opening(tx, &actor, &row, why).await),
        };
        let action = match opening {
            Opening::Reveal => AuditAction::HandoffRevealed,
            Opening::CopyUsername => AuditAction::HandoffUsernameCopied,
            Opening::CopyPassword => AuditAction::HandoffPasswordCopied,
        };
        tx.audit_for_customer(by(), action, row.customer_id, &detail)
            .await?;
        tx.commit("Failed to record the handoff").await?;
        Ok((row, plain))
    }

    /// Expires what is due in `tx`, then finds handoff `handoff_id` for a change to it.
    /// Refused with `missing` when there is none, with `check`'s refusal, or (keeping
    /// the expiry found on the way) with its state when it is no longer pending.
    pub(super) async fn pending_handoff_in(
        &self,
        mut tx: Change,
        handoff_id: HandoffId,
        missing: ServiceError,
        check: impl FnOnce(&HandoffRow) -> Result<(), ServiceError>,
    ) -> Result<(Change, HandoffRow), ServiceError> {
        let now = tx.now();
        self.expire_due_in(&mut tx, now).await?;
        let row = store::handoffs::find(&mut tx, handoff_id)
            .await?
            .ok_or(missing)?;
        check(&row)?;
        if row.state != HandoffState::Pending {
            tx.commit("Failed to expire handoffs").await?;
            return Err(not_pending(row.state));
        }
        Ok((tx, row))
    }

    /// The password of pending handoff `row`, opened with the key `actor`'s session
    /// holds: their wrap of the handoff's key, then the key's seal. A handoff still under
    /// the vault key (made while no owner had keys, before the next owner sign-in
    /// re-seals it) opens with that key, for an owner whose session holds keys.
    pub(super) async fn open_handoff_password(
        &self,
        tx: &mut Change,
        actor: &Actor,
        row: &HandoffRow,
    ) -> anyhow::Result<Result<PlainPassword, Unopenable>> {
        let Some(pair) = self.session_keys.get(actor.id()) else {
            return Ok(Err(Unopenable::NoKeys));
        };
        let Some(sealed) = row.sealed.as_ref() else {
            return Ok(Err(Unopenable::Damaged));
        };
        if let Some(opened) = self
            .open_agency_login(tx, row.id, row.customer_id, &pair)
            .await?
        {
            return Ok(opened.map_err(|why| match why {
                AgencyUnopenable::NotSigned => Unopenable::NotSigned,
                AgencyUnopenable::NotForYou => Unopenable::NotSealedToYou,
                AgencyUnopenable::Damaged => Unopenable::Damaged,
            }));
        }
        let opened = match row.sealed_with {
            SealedWith::VaultKey => {
                let aad = store::handoffs::vault_associated_data(row.id);
                vault::unseal(&self.vault_key, &aad, sealed)
            }
            SealedWith::OwnerKeys => {
                let Some(wrapped) = handoff_wraps::find(tx, row.id, actor.id()).await? else {
                    return Ok(Err(if handoff_wraps::any_for(tx, row.id).await? {
                        Unopenable::NotShared
                    } else if handoff_wraps::recovery_can_open(tx, row.id).await? {
                        Unopenable::RecoveryKitCan
                    } else {
                        Unopenable::NobodyCan
                    }));
                };
                let info = handoff_wraps::wrap_info(row.id, row.customer_id, actor.id());
                let aad = store::handoffs::associated_data(row.id, row.customer_id);
                owner_keys::unwrap(&pair, &info, &wrapped)
                    .and_then(|dek| vault::unseal(&dek, &aad, sealed))
            }
        };
        let Ok(bytes) = opened else {
            return Ok(Err(Unopenable::Damaged));
        };
        Ok(match std::str::from_utf8(&bytes) {
            Ok(text) => Ok(PlainPassword::new(text.to_owned())),
            Err(_) => Err(Unopenable::Damaged),
        })
    }

    /// The answer when a login does not open for `actor`: a damaged one is audited as a
    /// decryption failure; one they cannot open says why (any expiry found on the way is
    /// kept).
    pub(super) async fn refuse_opening(
        &self,
        tx: Change,
        actor: &Actor,
        row: &HandoffRow,
        why: Unopenable,
    ) -> ServiceError {
        match why.refusal() {
            Some(refusal) => match tx.commit("Failed to expire handoffs").await {
                Ok(()) => refusal,
                Err(error) => error.into(),
            },
            None => self.decrypt_failed(tx, actor, row).await,
        }
    }

    /// Within `tx`: seals `password` into new handoff `handoff_id` of customer
    /// `customer_id` under a fresh key of its own, wrapped to every current owner who has
    /// keys. Only public keys are needed, so an agent can do it with no owner signed in.
    /// While no owner has keys yet (a database from before owner keys whose owners have
    /// not signed in since), it is sealed under the vault key as before, and re-sealed at
    /// the next owner sign-in.
    pub(super) async fn seal_handoff_in(
        &self,
        tx: &mut Change,
        handoff_id: HandoffId,
        customer_id: CustomerId,
        password: &[u8],
    ) -> anyhow::Result<()> {
        let owners = store::staff_keys::owner_recipients(tx).await?;
        if owners.is_empty() {
            let aad = store::handoffs::vault_associated_data(handoff_id);
            let sealed = vault::seal(&self.vault_key, &aad, password)?;
            return store::handoffs::store_sealed(tx, handoff_id, &sealed, SealedWith::VaultKey)
                .await;
        }
        let dek = Dek::generate()?;
        let aad = store::handoffs::associated_data(handoff_id, customer_id);
        let sealed = vault::seal(&dek, &aad, password)?;
        for (owner, public) in &owners {
            let info = handoff_wraps::wrap_info(handoff_id, customer_id, *owner);
            let wrapped = owner_keys::wrap(public, &info, &dek)?;
            handoff_wraps::save(tx, handoff_id, *owner, &wrapped).await?;
        }
        if let Some(recovery) = store::recovery_key::find(&mut ***tx).await? {
            let info = handoff_wraps::recovery_wrap_info(handoff_id, customer_id);
            let wrapped = owner_keys::wrap_to(&recovery.hpke_public, &info, &dek)?;
            handoff_wraps::save_recovery(tx, handoff_id, &wrapped).await?;
        }
        store::handoffs::store_sealed(tx, handoff_id, &sealed, SealedWith::OwnerKeys).await
    }

    /// What an owner whose session holds keys does whenever they act (sign-in, unlock,
    /// the queue, adding or promoting an owner, resetting one's password): every pending
    /// login still under the vault key is re-sealed to the owners' keys (see
    /// [`Keydesk::reseal_vault_sealed_in`]), and every pending login they can open is
    /// wrapped to each current owner who lacks a wrap, and to the recovery key when there
    /// is one and it lacks one. One transaction, audited when it shared or re-sealed any.
    /// Returns how many wraps were added for owners.
    pub(super) async fn share_pending_logins(&self, holder: StaffId) -> anyhow::Result<usize> {
        let Some(pair) = self.session_keys.get(holder) else {
            return Ok(0);
        };
        // Mostly there is nothing to do: found out without taking the writer.
        let reader = self.store.reader();
        if !store::handoffs::any_vault_sealed_pending(reader).await?
            && handoff_wraps::missing_for_owners(reader, holder)
                .await?
                .is_empty()
            && handoff_wraps::missing_for_recovery(reader, holder)
                .await?
                .is_empty()
        {
            return Ok(0);
        }
        let mut tx = self.begin_change().await?;
        let resealed = self.reseal_vault_sealed_in(&mut tx).await?;
        let missing = handoff_wraps::missing_for_owners(&mut **tx, holder).await?;
        let mut shared = 0;
        let mut logins = HashSet::new();
        let mut owners_shared = HashSet::new();
        if !missing.is_empty() {
            let owners: HashMap<_, _> = store::staff_keys::owner_recipients(&mut tx)
                .await?
                .into_iter()
                .collect();
            // The rows come by handoff: each handoff's key is unwrapped once.
            let mut current: Option<(HandoffId, Option<Dek>)> = None;
            for (handoff_id, customer_id, recipient) in missing {
                let Some(public) = owners.get(&recipient) else {
                    continue;
                };
                if current.as_ref().is_none_or(|(id, _)| *id != handoff_id) {
                    let dek = holder_dek(&mut tx, &pair, holder, handoff_id, customer_id).await?;
                    current = Some((handoff_id, dek));
                }
                let Some((_, Some(dek))) = current.as_ref() else {
                    continue;
                };
                let info = handoff_wraps::wrap_info(handoff_id, customer_id, recipient);
                let wrapped = owner_keys::wrap(public, &info, dek)?;
                handoff_wraps::save(&mut tx, handoff_id, recipient, &wrapped).await?;
                shared += 1;
                logins.insert(handoff_id);
                owners_shared.insert(recipient);
            }
        }
        let mut to_recovery = 0;
        if let Some(recovery) = store::recovery_key::find(&mut **tx).await? {
            to_recovery = self
                .seal_to_recovery_in(&mut tx, &pair, holder, &recovery.hpke_public)
                .await?;
        }
        let system = || AuditActor::Attempt {
            staff_id: Some(holder),
            label: "system".to_owned(),
        };
        if shared > 0 {
            let detail = format!(
                "{} pending logins shared with {} owners who could not open them",
                logins.len(),
                owners_shared.len()
            );
            tx.audit(system(), AuditAction::PendingLoginsShared, &detail)
                .await?;
        }
        if resealed > 0 {
            let detail = format!("{resealed} pending logins re-sealed to the owners' keys");
            tx.audit(system(), AuditAction::PendingLoginsResealed, &detail)
                .await?;
        }
        tx.commit("Failed to share pending logins with the owners")
            .await?;
        if shared > 0 {
            tracing::info!(shared, "pending logins shared with owners");
        }
        if to_recovery > 0 {
            tracing::info!(to_recovery, "pending logins sealed to the recovery key");
        }
        if resealed > 0 {
            tracing::info!(resealed, "pending logins re-sealed to the owners' keys");
            // The rows no longer hold the vault-sealed bytes (secure_delete); the WAL
            // still does until it is emptied.
            if !store::customers::truncate_wal(&self.store).await? {
                tracing::warn!("the WAL could not be emptied after re-sealing pending logins");
            }
        }
        Ok(shared)
    }

    /// Within `tx`: every pending login that `holder` can open and the recovery key
    /// whose public key is `recovery` cannot yet is wrapped to it. Returns how many.
    pub(super) async fn seal_to_recovery_in(
        &self,
        tx: &mut Change,
        pair: &owner_keys::OwnerKeyPair,
        holder: StaffId,
        recovery: &[u8; 32],
    ) -> anyhow::Result<usize> {
        let missing = handoff_wraps::missing_for_recovery(&mut ***tx, holder).await?;
        let mut sealed = 0;
        for (handoff_id, customer_id) in missing {
            let Some(dek) = holder_dek(tx, pair, holder, handoff_id, customer_id).await? else {
                continue;
            };
            let info = handoff_wraps::recovery_wrap_info(handoff_id, customer_id);
            let wrapped = owner_keys::wrap_to(recovery, &info, &dek)?;
            handoff_wraps::save_recovery(tx, handoff_id, &wrapped).await?;
            sealed += 1;
        }
        Ok(sealed)
    }

    /// Within `tx`: every pending login sealed under the vault key (by a version before
    /// owner keys, or while no owner had keys) gets a key of its own wrapped to the
    /// owners, and so does a copy for each mail waiting to carry it. Returns how many.
    async fn reseal_vault_sealed_in(&self, tx: &mut Change) -> anyhow::Result<usize> {
        let legacy = store::handoffs::vault_sealed_pending(tx).await?;
        let mut resealed = 0;
        for (handoff_id, customer_id, sealed) in legacy {
            let aad = store::handoffs::vault_associated_data(handoff_id);
            let Ok(plain) = vault::unseal(&self.vault_key, &aad, &sealed) else {
                tracing::warn!(
                    handoff_id = handoff_id.0,
                    "a vault-sealed password did not open"
                );
                continue;
            };
            self.seal_handoff_in(tx, handoff_id, customer_id, &plain)
                .await?;
            // A mail queued before mails carried their own copy gets one now: the
            // handoff's vault-sealed bytes, which it would have opened, are gone.
            let waiting = store::handoffs::waiting_mails_without_copy(tx, handoff_id).await?;
            if let (false, Ok(text)) = (waiting.is_empty(), std::str::from_utf8(&plain)) {
                let secret = secrecy::SecretString::from(text.to_owned());
                for mail_id in waiting {
                    let copy = crate::mail::seal::seal(&self.vault_key, mail_id, &secret)?;
                    store::outbox::set_sealed_secret(tx, mail_id, &copy).await?;
                }
            }
            resealed += 1;
        }
        Ok(resealed)
    }

    /// Records that a sealed password did not open, and says so.
    async fn decrypt_failed(
        &self,
        mut tx: Change,
        actor: &Actor,
        row: &HandoffRow,
    ) -> ServiceError {
        tracing::warn!(handoff_id = row.id.0, "a sealed password did not open");
        let detail = format!("handoff #{}", row.id);
        let action = AuditAction::HandoffDecryptFailed;
        let by = AuditActor::Staff(actor);
        let recorded = async {
            tx.audit_for_customer(by, action, row.customer_id, &detail)
                .await?;
            tx.commit("Failed to record a decryption failure").await
        };
        match recorded.await {
            Ok(()) => ServiceError::CannotDecrypt,
            // A full disk here is said as such, like everywhere else.
            Err(error) => error.into(),
        }
    }

    /// Records that the credentials reached the customer (how, and an optional note) and
    /// destroys the sealed password.
    pub async fn mark_handoff_sent(
        &self,
        actor: &Actor,
        handoff_id: HandoffId,
        channel: HandoffChannel,
        note: &str,
    ) -> Result<(), ServiceError> {
        let actor = self
            .authorize(actor, Permission::HandOverCredentials)
            .await?;
        self.close_as_sent(&actor, handoff_id, channel, note, |_| Ok(()))
            .await
    }

    /// The agent who created a customer and was shown its password once marks it as
    /// handed over; nobody else can through this door.
    pub async fn mark_new_login_sent(
        &self,
        actor: &Actor,
        handoff_id: HandoffId,
        channel: HandoffChannel,
        note: &str,
    ) -> Result<(), ServiceError> {
        let actor = self.authorize(actor, Permission::CreateCustomer).await?;
        let creator = actor.id();
        self.close_as_sent(&actor, handoff_id, channel, note, |row| {
            if row.created_by == creator && row.shown_to_creator {
                Ok(())
            } else {
                let creator_only = Said::id("error-handoff-creator-only");
                Err(ServiceError::not_allowed(creator_only))
            }
        })
        .await
    }

    async fn close_as_sent(
        &self,
        actor: &Actor,
        handoff_id: HandoffId,
        channel: HandoffChannel,
        note: &str,
        may_close: impl FnOnce(&HandoffRow) -> Result<(), ServiceError>,
    ) -> Result<(), ServiceError> {
        let note = FreeText::parse("note", note, NOTE_MAX_CHARS)?;
        let tx = self.begin_change().await?;
        let (mut tx, row) = self
            .pending_handoff_in(tx, handoff_id, gone(), may_close)
            .await?;
        let now = tx.now();
        let closing = Closing {
            state: HandoffState::Sent,
            by: Some(actor.id()),
            channel: Some(channel),
            note: Some(note.as_ref()).filter(|n| !n.is_empty()),
        };
        store::handoffs::close(&mut tx, handoff_id, closing, now).await?;
        store::customer_accounts::mark_credentials_sent(
            &mut tx,
            row.customer_id,
            Some(actor.id()),
            now,
        )
        .await?;
        // The note may name people: it stays on the handoff, not in the audit log.
        let detail = format!("handoff #{handoff_id} by {}", channel.label());
        let by = AuditActor::Staff(actor);
        let action = AuditAction::HandoffSent;
        tx.audit_for_customer(by, action, row.customer_id, &detail)
            .await?;
        tx.commit("Failed to mark the handoff as sent").await?;
        Ok(())
    }

    /// Withdraws a pending handoff and destroys its sealed password. The password stops
    /// working too (whoever saw it cannot use it), and a mail waiting to carry it is
    /// cancelled; a reset issues a new password. Refused while the mail carrying it is
    /// being sent.
    pub async fn revoke_handoff(
        &self,
        actor: &Actor,
        handoff_id: HandoffId,
    ) -> Result<(), ServiceError> {
        let (actor, tx) = self.change(actor, Permission::HandOverCredentials).await?;
        let (mut tx, row) = self
            .pending_handoff_in(tx, handoff_id, gone(), |_| Ok(()))
            .await?;
        let now = tx.now();
        if store::outbox::handoff_mail_sending(&mut tx, handoff_id).await? {
            let sending = Said::id("error-handoff-mail-sending");
            return Err(ServiceError::conflict(sending));
        }
        let closing = Closing {
            state: HandoffState::Revoked,
            by: Some(actor.id()),
            channel: None,
            note: None,
        };
        store::handoffs::close(&mut tx, handoff_id, closing, now).await?;
        let detail = format!("handoff #{handoff_id}");
        let by = || AuditActor::Staff(&actor);
        let action = AuditAction::HandoffRevoked;
        tx.audit_for_customer(by(), action, row.customer_id, &detail)
            .await?;
        let cancelled = self
            .withdraw_login_in(&mut tx, by(), handoff_id, row.customer_id, now)
            .await?;
        tx.commit("Failed to revoke the handoff").await?;
        for (mail_id, customer_id) in cancelled {
            self.announce(mail_id, customer_id, OutboxState::Cancelled);
        }
        Ok(())
    }

    /// Handoffs newest first, of one customer or all: state, who, when, how. Never the
    /// password.
    pub async fn handoff_history(
        &self,
        actor: &Actor,
        request: &HandoffHistoryRequest,
    ) -> Result<HandoffHistoryPage, ServiceError> {
        self.authorize(actor, Permission::HandOverCredentials)
            .await?;
        self.expire_handoffs().await?;
        let limit = request.limit.clamp(1, 200);
        let mut rows = store::handoffs::history(
            self.store.reader(),
            request.customer_id.map(CustomerId),
            request.before_id,
            limit + 1,
        )
        .await?;
        let next_before_id = if rows.len() > limit as usize {
            rows.truncate(limit as usize);
            rows.last().map(|r| r.handoff_id)
        } else {
            None
        };
        Ok(HandoffHistoryPage {
            rows,
            next_before_id,
        })
    }
}

/// The key of pending login `handoff_id`, unwrapped from `holder`'s wrap with their
/// keys; `None` (and a warning) when they hold none or it does not open.
async fn holder_dek(
    tx: &mut Change,
    pair: &owner_keys::OwnerKeyPair,
    holder: StaffId,
    handoff_id: HandoffId,
    customer_id: CustomerId,
) -> anyhow::Result<Option<Dek>> {
    let dek = match handoff_wraps::find(tx, handoff_id, holder).await? {
        Some(mine) => {
            let info = handoff_wraps::wrap_info(handoff_id, customer_id, holder);
            owner_keys::unwrap(pair, &info, &mine).ok()
        }
        None => None,
    };
    if dek.is_none() {
        tracing::warn!(
            handoff_id = handoff_id.0,
            "a wrapped login key did not open"
        );
    }
    Ok(dek)
}

/// A fresh argon2id hash that no password matches: the PHC form of a random salt and a
/// random output. Finding a password for it is as hard as inverting argon2id; making it
/// costs nothing, so expiring many handoffs at once stays quick.
fn unusable_password_hash() -> anyhow::Result<PasswordHash> {
    let mut salt = [0u8; 16];
    let mut output = [0u8; 32];
    let mut rng = rand::rngs::OsRng;
    rng.try_fill_bytes(&mut salt)
        .and_then(|()| rng.try_fill_bytes(&mut output))
        .map_err(|e| anyhow::anyhow!("The system random number generator failed: {e}"))?;
    Ok(PasswordHash::from_phc(format!(
        "$argon2id$v=19$m=19456,t=2,p=1${}${}",
        phc_base64(&salt),
        phc_base64(&output)
    )))
}

/// Base64 without padding, as PHC strings write salts and outputs.
fn phc_base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            text.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::NewLogin;

    #[test]
    fn phc_base64_matches_the_standard_alphabet_without_padding() {
        assert_eq!(phc_base64(b""), "");
        assert_eq!(phc_base64(b"f"), "Zg");
        assert_eq!(phc_base64(b"fo"), "Zm8");
        assert_eq!(phc_base64(b"foo"), "Zm9v");
        assert_eq!(phc_base64(b"foob"), "Zm9vYg");
        assert_eq!(phc_base64(&[0xff, 0xfe, 0xfd]), "//79");
    }

    #[tokio::test]
    async fn an_unusable_hash_is_fresh_well_formed_and_matches_no_password() {
        let a = unusable_password_hash().unwrap();
        let b = unusable_password_hash().unwrap();
        assert_ne!(a, b);
        for guess in ["", "password", "keydesk"] {
            let matched = crate::auth::verify_password(PlainPassword::new(guess.into()), a.clone())
                .await
                .expect("a well-formed PHC string");
            assert!(!matched);
        }
    }

    /// None of these types is `Serialize` (each holds a `PlainPassword`, which is not);
    /// their Debug output never shows the secret.
    #[test]
    fn secrets_print_redacted_in_debug() {
        let secret = "Plain-Secret-4711";
        let password = || PlainPassword::new(secret.to_owned());
        let printed = [
            format!("{:?}", password()),
            format!(
                "{:?}",
                HandoffSecret {
                    handoff_id: HandoffId(1),
                    username: "ann@example.com".to_owned(),
                    password: password(),
                }
            ),
            format!(
                "{:?}",
                ClipboardSecret {
                    text: password(),
                    clear_after_seconds: 30,
                }
            ),
            format!(
                "{:?}",
                NewLogin {
                    customer_id: CustomerId(1),
                    handoff_id: HandoffId(2),
                    username: "ann@example.com".to_owned(),
                    one_time_password: Some(password()),
                }
            ),
        ];
        for text in printed {
            assert!(text.contains("<redacted>"), "{text}");
            assert!(!text.contains(secret), "{text}");
        }
    }
}
