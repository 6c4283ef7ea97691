//! The recovery kit (Settings → Security): a key kept on paper that every pending login
//! is also wrapped to, so that an agency whose owners lost their keys (a forgotten
//! password reset, a lost laptop) does not lose what waits to be handed over. Owners
//! only, like the queue it opens. The words are never stored or logged: only the public
//! key they derive is kept.

use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::domain::{FieldError, PlainPassword};
use crate::said::{Explain, Said};
use crate::store::{self, handoff_wraps};
use crate::vault::owner_keys;
use crate::vault::recovery::RecoveryKey;
use keydesk_api::{RecoveryKeyStatus, RecoveryKit, RecoveryOutcome};

const WORDS_FIELD: &str = "words";

impl Keydesk {
    /// Whether a recovery key exists, when it was made, and how many pending logins it
    /// can open. Never the key.
    pub async fn recovery_key_status(
        &self,
        actor: &Actor,
    ) -> Result<RecoveryKeyStatus, ServiceError> {
        self.authorize(actor, Permission::HandOverCredentials)
            .await?;
        let reader = self.store.reader();
        let key = store::recovery_key::find(reader).await?;
        Ok(RecoveryKeyStatus {
            created_at: key.map(|k| k.created_at.to_rfc3339()),
            sealed_logins: handoff_wraps::count_recovery(reader).await?,
        })
    }

    /// Makes a new recovery key (replacing the one before and its wraps), wraps to it
    /// every pending login the owner can open, and returns its words, shown once.
    pub async fn create_recovery_key(&self, actor: &Actor) -> Result<RecoveryKit, ServiceError> {
        let actor = self
            .authorize(actor, Permission::HandOverCredentials)
            .await?;
        let pair = self.unlocked_keys(&actor, Said::id("error-recovery-then-make-key"))?;
        // What this owner can open is first shared, so the kit covers all of it.
        self.share_pending_logins(actor.id()).await?;
        let key = RecoveryKey::generate()?;
        let public = key.key_pair().public();
        let words = key.words()?;
        let qr_svg = key.qr_svg()?;
        drop(key);

        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let replaced = store::recovery_key::find(&mut **tx).await?.is_some();
        store::recovery_key::replace(&mut tx, &public, actor.id(), now).await?;
        let sealed = self
            .seal_to_recovery_in(&mut tx, &pair, actor.id(), &public)
            .await?;
        let detail = format!(
            "{sealed} pending logins sealed to it{}",
            if replaced {
                ", replacing the one before"
            } else {
                ""
            }
        );
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::RecoveryKeyCreated,
            &detail,
        )
        .await?;
        tx.commit("Failed to store the recovery key").await?;
        tracing::info!(sealed, replaced, "recovery key created");
        Ok(RecoveryKit {
            words: words.to_vec(),
            qr_svg: qr_svg.to_string(),
            status: RecoveryKeyStatus {
                created_at: Some(now.to_rfc3339()),
                sealed_logins: sealed as u64,
            },
        })
    }

    /// Opens every pending login wrapped to the recovery key whose words are `words` and
    /// wraps it to every current owner. Words that are not the current key (mistyped, a
    /// bad checksum, a kit since replaced) change nothing.
    pub async fn use_recovery_key(
        &self,
        actor: &Actor,
        words: &PlainPassword,
    ) -> Result<RecoveryOutcome, ServiceError> {
        let (actor, mut tx) = self.change(actor, Permission::HandOverCredentials).await?;
        let key = RecoveryKey::from_words(words.expose())
            .map_err(|e| FieldError::new(WORDS_FIELD, e.explain()))?;
        let recovery = key.key_pair();
        drop(key);
        let Some(stored) = store::recovery_key::find(&mut **tx).await? else {
            let none = Said::id("error-recovery-none-to-use");
            return Err(ServiceError::conflict(none));
        };
        if stored.hpke_public != recovery.public() {
            tracing::warn!("recovery words that are not the current recovery key were refused");
            return Err(
                FieldError::new(WORDS_FIELD, Said::id("error-recovery-not-current")).into(),
            );
        }
        let owners = store::staff_keys::owner_recipients(&mut tx).await?;
        let mut logins = 0u64;
        for (handoff_id, customer_id, wrapped) in handoff_wraps::recovery_wraps(&mut tx).await? {
            let info = handoff_wraps::recovery_wrap_info(handoff_id, customer_id);
            let Ok(dek) = recovery.unwrap(&info, &wrapped) else {
                tracing::warn!(
                    handoff_id = handoff_id.0,
                    "a login key wrapped to the recovery key did not open"
                );
                continue;
            };
            for (owner, public) in &owners {
                let info = handoff_wraps::wrap_info(handoff_id, customer_id, *owner);
                let wrapped = owner_keys::wrap(public, &info, &dek)?;
                handoff_wraps::save(&mut tx, handoff_id, *owner, &wrapped).await?;
            }
            logins += 1;
        }
        drop(recovery);
        let owners = owners.len() as u64;
        let detail = format!("{logins} pending logins sealed again to {owners} owners");
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::RecoveryKeyUsed,
            &detail,
        )
        .await?;
        tx.commit("Failed to share the pending logins with the owners")
            .await?;
        tracing::info!(logins, owners, "recovery key used");
        Ok(RecoveryOutcome { logins, owners })
    }

    /// Removes the recovery key and every wrap to it.
    pub async fn remove_recovery_key(&self, actor: &Actor) -> Result<(), ServiceError> {
        let (actor, mut tx) = self.change(actor, Permission::HandOverCredentials).await?;
        if !store::recovery_key::remove(&mut tx).await? {
            let none = Said::id("error-recovery-none-to-remove");
            return Err(ServiceError::conflict(none));
        }
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::RecoveryKeyRemoved,
            "its wraps of the pending logins removed",
        )
        .await?;
        tx.commit("Failed to remove the recovery key").await?;
        tracing::info!("recovery key removed");
        Ok(())
    }
}
