//! The owner's "Credentials to hand over" queue: reveal, copy, mark as sent, revoke, and
//! the history. Every opening of a sealed password is audited; every way a handoff ends
//! destroys its sealed password in the transaction that ends it.

use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::domain::{FreeText, PlainPassword};
use crate::store::{self, handoffs::Closing, handoffs::HandoffRow, Tx};
use crate::vault;
use anyhow::Context;
use chrono::{DateTime, Utc};
use keydesk_api::{
    HandoffChannel, HandoffCount, HandoffHistoryPage, HandoffHistoryRequest, HandoffState,
    PendingHandoff,
};

/// A pending handoff's password, opened for the owner who asked.
#[derive(Debug)]
pub struct HandoffSecret {
    pub handoff_id: i64,
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
    ServiceError::Conflict(
        "That handoff no longer exists: its customer may have been erased.".to_owned(),
    )
}

/// The refusal for a handoff that is no longer pending, e.g. "This handoff is expired —
/// reset the password to issue a new one."
fn not_pending(state: HandoffState) -> ServiceError {
    ServiceError::Conflict(format!("This handoff is {}.", state.description()))
}

impl Keydesk {
    /// Expires every handoff whose time is up, destroying its sealed password. Runs
    /// before every look at the queue and periodically from the shell. Returns how many
    /// expired.
    pub async fn expire_handoffs(&self) -> anyhow::Result<u64> {
        let mut tx = self.store.begin().await?;
        let expired = self.expire_due_in(&mut tx, self.clock.now()).await?;
        tx.commit().await.context("Failed to expire handoffs")?;
        if expired > 0 {
            tracing::info!(expired, "handoffs expired");
        }
        Ok(expired)
    }

    pub(super) async fn expire_due_in(
        &self,
        tx: &mut Tx,
        now: DateTime<Utc>,
    ) -> anyhow::Result<u64> {
        let expired = store::handoffs::expire_due(tx, now).await?;
        for (handoff_id, customer_id) in &expired {
            let system = AuditActor::Attempt {
                staff_id: None,
                label: "system".to_owned(),
            };
            let detail = format!("handoff #{handoff_id}, not handed over in time");
            let action = AuditAction::HandoffExpired;
            audit::append_for_customer(tx, now, system, action, *customer_id, &detail).await?;
        }
        Ok(expired.len() as u64)
    }

    /// Pending handoffs, oldest first (expired ones are expired first).
    pub async fn list_pending_handoffs(
        &self,
        actor: &Actor,
    ) -> Result<Vec<PendingHandoff>, ServiceError> {
        self.authorize(actor, Permission::HandOverCredentials)
            .await?;
        self.expire_handoffs().await?;
        Ok(store::handoffs::list_pending(self.store.reader()).await?)
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
        handoff_id: i64,
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
        handoff_id: i64,
    ) -> Result<ClipboardSecret, ServiceError> {
        let opening = Opening::CopyPassword;
        let (_, password) = self.open_handoff(actor, handoff_id, opening).await?;
        self.clipboard_secret(password).await
    }

    /// The username of a pending handoff, for the shell to copy. Audited.
    pub async fn copy_handoff_username(
        &self,
        actor: &Actor,
        handoff_id: i64,
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
        handoff_id: i64,
        opening: Opening,
    ) -> Result<(HandoffRow, PlainPassword), ServiceError> {
        let actor = self
            .authorize(actor, Permission::HandOverCredentials)
            .await?;
        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        self.expire_due_in(&mut tx, now).await?;
        let row = store::handoffs::find(&mut tx, handoff_id)
            .await?
            .ok_or_else(gone)?;
        if row.state != HandoffState::Pending {
            tx.commit().await.context("Failed to expire handoffs")?;
            return Err(not_pending(row.state));
        }
        let detail = format!("handoff #{handoff_id}");
        let by = || AuditActor::Staff(&actor);
        let opened = row
            .sealed
            .as_ref()
            .ok_or(vault::CannotDecrypt)
            .and_then(|sealed| {
                vault::unseal(
                    &self.vault_key,
                    &store::handoffs::associated_data(handoff_id),
                    sealed,
                )
            });
        let plain = match opened {
            Ok(bytes) => match std::str::from_utf8(&bytes) {
                Ok(text) => PlainPassword::new(text.to_owned()),
                Err(_) => return Err(self.decrypt_failed(tx, &actor, &row, now).await),
            },
            Err(vault::CannotDecrypt) => {
                return Err(self.decrypt_failed(tx, &actor, &row, now).await);
            }
        };
        let action = match opening {
            Opening::Reveal => AuditAction::HandoffRevealed,
            Opening::CopyUsername => AuditAction::HandoffUsernameCopied,
            Opening::CopyPassword => AuditAction::HandoffPasswordCopied,
        };
        audit::append_for_customer(&mut tx, now, by(), action, row.customer_id, &detail).await?;
        tx.commit().await.context("Failed to record the handoff")?;
        Ok((row, plain))
    }

    /// Records that a sealed password did not open, and says so.
    async fn decrypt_failed(
        &self,
        mut tx: Tx,
        actor: &Actor,
        row: &HandoffRow,
        now: DateTime<Utc>,
    ) -> ServiceError {
        tracing::warn!(handoff_id = row.id, "a sealed password did not open");
        let detail = format!("handoff #{}", row.id);
        let action = AuditAction::HandoffDecryptFailed;
        let by = AuditActor::Staff(actor);
        let recorded = async {
            audit::append_for_customer(&mut tx, now, by, action, row.customer_id, &detail).await?;
            tx.commit()
                .await
                .context("Failed to record a decryption failure")
        };
        match recorded.await {
            Ok(()) => ServiceError::CannotDecrypt,
            Err(error) => ServiceError::Unexpected(error),
        }
    }

    /// Records that the credentials reached the customer (how, and an optional note) and
    /// destroys the sealed password.
    pub async fn mark_handoff_sent(
        &self,
        actor: &Actor,
        handoff_id: i64,
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
        handoff_id: i64,
        channel: HandoffChannel,
        note: &str,
    ) -> Result<(), ServiceError> {
        let actor = self.authorize(actor, Permission::CreateCustomer).await?;
        let creator = actor.id();
        self.close_as_sent(&actor, handoff_id, channel, note, |row| {
            if row.created_by == creator && row.shown_to_creator {
                Ok(())
            } else {
                Err(ServiceError::NotAllowed(
                    "Only the person who created this customer and saw the password can \
                     mark it as handed over here."
                        .to_owned(),
                ))
            }
        })
        .await
    }

    async fn close_as_sent(
        &self,
        actor: &Actor,
        handoff_id: i64,
        channel: HandoffChannel,
        note: &str,
        may_close: impl FnOnce(&HandoffRow) -> Result<(), ServiceError>,
    ) -> Result<(), ServiceError> {
        let note = FreeText::parse("note", note, NOTE_MAX_CHARS)?;
        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        self.expire_due_in(&mut tx, now).await?;
        let row = store::handoffs::find(&mut tx, handoff_id)
            .await?
            .ok_or_else(gone)?;
        may_close(&row)?;
        if row.state != HandoffState::Pending {
            tx.commit().await.context("Failed to expire handoffs")?;
            return Err(not_pending(row.state));
        }
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
        audit::append_for_customer(&mut tx, now, by, action, row.customer_id, &detail).await?;
        tx.commit()
            .await
            .context("Failed to mark the handoff as sent")?;
        Ok(())
    }

    /// Withdraws a pending handoff and destroys its sealed password. The customer keeps
    /// the password hash; a reset issues a new password.
    pub async fn revoke_handoff(&self, actor: &Actor, handoff_id: i64) -> Result<(), ServiceError> {
        let actor = self
            .authorize(actor, Permission::HandOverCredentials)
            .await?;
        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        self.expire_due_in(&mut tx, now).await?;
        let row = store::handoffs::find(&mut tx, handoff_id)
            .await?
            .ok_or_else(gone)?;
        if row.state != HandoffState::Pending {
            tx.commit().await.context("Failed to expire handoffs")?;
            return Err(not_pending(row.state));
        }
        let closing = Closing {
            state: HandoffState::Revoked,
            by: Some(actor.id()),
            channel: None,
            note: None,
        };
        store::handoffs::close(&mut tx, handoff_id, closing, now).await?;
        let detail = format!("handoff #{handoff_id}");
        let by = AuditActor::Staff(&actor);
        let action = AuditAction::HandoffRevoked;
        audit::append_for_customer(&mut tx, now, by, action, row.customer_id, &detail).await?;
        tx.commit().await.context("Failed to revoke the handoff")?;
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
            request.customer_id,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keydesk::NewLogin;

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
                    handoff_id: 1,
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
                    customer_id: 1,
                    handoff_id: 2,
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
