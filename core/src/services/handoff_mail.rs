//! Handing credentials over by mail: an owner queues the mail, opening the login with
//! the key their session holds; the password is sealed again for that one mail under
//! the vault key (as the outbox seals every secret it carries), so the mail leaves even
//! after the owner signs out. The outbox opens that copy only at the moment of sending,
//! then records the handoff as sent by email in the transaction that notes the mail as
//! sent, which destroys both sealed copies. The rendered password is never stored.

use super::change::Change;
use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::domain::{
    CustomerId, FieldError, FreeText, HandoffId, OutboxId, PlainPassword, StaffId,
};
use crate::mail::{enqueue_in, seal, NewMail};
use crate::said::{display_in_english, Explain, Said};
use crate::store::{self, handoffs::Closing};
use chrono::{DateTime, Utc};
use keydesk_api::{HandoffChannel, HandoffReason, HandoffState, MailKind, OutboxMail};
use secrecy::{ExposeSecret, SecretString};

/// A handoff's login, opened for one mail.
pub(super) struct HandoffLogin {
    pub username: String,
    pub password: PlainPassword,
}

impl std::fmt::Debug for HandoffLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HandoffLogin")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// Why a handoff's login cannot go out by mail (shown to staff: no secrets in it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum CredentialUnavailable {
    /// The handoff ended (revoked, expired, handed over another way): the mail is
    /// cancelled, never sent.
    Closed(Said),
    /// The login cannot be read now or at all: the mail fails with this reason.
    Failed(Said),
}

impl Explain for CredentialUnavailable {
    fn explain(&self) -> Said {
        match self {
            Self::Closed(reason) | Self::Failed(reason) => reason.clone(),
        }
    }
}

display_in_english!(CredentialUnavailable);

/// The worker's name in the audit log for a hand-over it completed.
fn outbox_actor(queued_by: Option<i64>) -> AuditActor<'static> {
    AuditActor::Attempt {
        staff_id: queued_by.map(StaffId),
        label: "mail outbox".to_owned(),
    }
}

impl Keydesk {
    /// The username and plain password of handoff `handoff_id`, for mail `mail_id` of
    /// customer `customer_id`, at the moment of sending: the password from the mail's own
    /// sealed copy (`sealed_copy`). Refuses (expired, revoked, already sent, another
    /// customer's, no copy) with a reason; the mail then goes unsent.
    pub(super) async fn open_handoff_login(
        &self,
        mail_id: OutboxId,
        sealed_copy: Option<&[u8]>,
        handoff_id: HandoffId,
        customer_id: CustomerId,
    ) -> Result<HandoffLogin, CredentialUnavailable> {
        let unavailable = CredentialUnavailable::Failed;
        let busy = || unavailable(Said::id("error-mail-database-busy"));
        let mut tx = self.begin_change().await.map_err(|_| busy())?;
        let now = tx.now();
        self.expire_due_in(&mut tx, now).await.map_err(|_| busy())?;
        let row = store::handoffs::find(&mut tx, handoff_id)
            .await
            .ok()
            .flatten()
            .filter(|row| row.customer_id == customer_id)
            .ok_or_else(|| unavailable(Said::id("error-mail-login-gone")))?;
        // Expiry found on the way is kept even though the mail is not sent.
        let _ = tx.commit("Failed to expire handoffs").await;
        if row.state != HandoffState::Pending {
            return Err(CredentialUnavailable::Closed(
                Said::id("error-mail-handoff-closed").arg("state", row.state.as_str()),
            ));
        }
        let sealed_copy =
            sealed_copy.ok_or_else(|| unavailable(Said::id("error-mail-password-copy-gone")))?;
        let password = seal::open(&self.vault_key, mail_id, sealed_copy).map_err(|_| {
            tracing::warn!(
                handoff_id = handoff_id.0,
                "a mail's sealed password did not open"
            );
            unavailable(Said::id("error-mail-password-undecryptable"))
        })?;
        let password = PlainPassword::new(password.expose_secret().to_owned());
        Ok(HandoffLogin {
            username: row.username,
            password,
        })
    }
}

/// Closes pending handoff `handoff_id` as sent by email at `sent_at`, on the account and
/// in the audit log (`remark` is added to the audit detail). A handoff gone or no
/// longer pending is left as it is. Returns whether it was closed.
pub(super) async fn close_as_mailed(
    tx: &mut Change,
    handoff_id: HandoffId,
    sent_at: DateTime<Utc>,
    queued_by: Option<i64>,
    remark: &str,
) -> anyhow::Result<bool> {
    let Some(row) = store::handoffs::find(tx, handoff_id).await? else {
        return Ok(false);
    };
    let closing = Closing {
        state: HandoffState::Sent,
        by: queued_by.map(StaffId),
        channel: Some(HandoffChannel::Email),
        note: None,
    };
    // Already closed (revoked or expired meanwhile): nothing more to record.
    if !store::handoffs::close(tx, handoff_id, closing, sent_at).await? {
        return Ok(false);
    }
    store::customer_accounts::mark_credentials_sent(
        tx,
        row.customer_id,
        queued_by.map(StaffId),
        sent_at,
    )
    .await?;
    let detail = format!(
        "handoff #{handoff_id} by {}{remark}",
        HandoffChannel::Email.label()
    );
    audit::append_for_customer(
        tx,
        sent_at,
        outbox_actor(queued_by),
        AuditAction::HandoffSent,
        row.customer_id,
        &detail,
    )
    .await?;
    Ok(true)
}

impl Keydesk {
    /// Queues the mail that hands a pending login over: the welcome mail with login for a
    /// new customer, the new-password mail after a reset. The owner's key opens the
    /// login now, and the mail keeps its own sealed copy until it is sent; until then the
    /// handoff stays pending (and can still be copied or revoked, which stops the mail).
    ///
    /// The mail goes to the account's username. When the customer's email changed since
    /// the login was made, `recipient` must name one of the two (the owner's choice);
    /// any other address is refused.
    pub async fn send_handoff_by_mail_to(
        &self,
        actor: &Actor,
        handoff_id: HandoffId,
        welcome_message: &str,
        recipient: Option<&str>,
    ) -> Result<OutboxMail, ServiceError> {
        self.queue_handoff_mail(actor, handoff_id, welcome_message, recipient, None)
            .await
    }

    /// [`Keydesk::send_handoff_by_mail_to`]; a mail taken over from another desk keeps
    /// `message_id`, the Message-ID it was queued with there.
    pub(super) async fn queue_handoff_mail(
        &self,
        actor: &Actor,
        handoff_id: HandoffId,
        welcome_message: &str,
        recipient: Option<&str>,
        message_id: Option<&str>,
    ) -> Result<OutboxMail, ServiceError> {
        let actor = self
            .authorize(actor, Permission::HandOverCredentials)
            .await?;
        let message = FreeText::parse("welcome_message", welcome_message, 5000)?;
        // A mail taken over was counted when its own desk queued it.
        if message_id.is_none() {
            self.check_personal_mail_limit(&actor, message.as_ref())
                .await?;
        }
        let tx = self.begin_change().await?;
        let (mut tx, row) = self
            .pending_handoff_in(tx, handoff_id, ServiceError::NotFound, |_| Ok(()))
            .await?;
        let now = tx.now();
        let password = match self.open_handoff_password(&mut tx, &actor, &row).await? {
            Ok(password) => SecretString::from(password.expose().to_owned()),
            Err(why) => return Err(self.refuse_opening(tx, &actor, &row, why).await),
        };
        if store::outbox::handoff_mail_waiting(&mut tx, handoff_id).await? {
            return Err(ServiceError::conflict(Said::id(
                "error-mail-login-already-waiting",
            )));
        }
        let email = store::customers::email_of(&mut tx, row.customer_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let email = choose_recipient(&row.username, &email, recipient)?;
        let kind = match store::handoffs::reason_of(&mut tx, handoff_id).await? {
            Some(HandoffReason::Reset) => MailKind::CredentialsReset,
            _ => MailKind::WelcomeCredentials,
        };
        let mut mail =
            NewMail::credentials(kind, row.customer_id, &email, handoff_id, message.as_ref())?;
        if let Some(kept) = message_id {
            mail = mail.keeping_message_id(kept);
        }
        let id = enqueue_in(&mut tx, now, &actor, &mail).await?;
        let copy = seal::seal(&self.vault_key, id, &password)?;
        store::outbox::set_sealed_secret(&mut tx, id, &copy).await?;
        tx.commit("Failed to queue the credentials mail").await?;
        self.announce(id, Some(row.customer_id), keydesk_api::OutboxState::Queued);
        self.wake_outbox();
        store::outbox::find(self.store.reader(), id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// [`Keydesk::send_handoff_by_mail_to`] the account's username, when it is still
    /// the customer's email.
    pub async fn send_handoff_by_mail(
        &self,
        actor: &Actor,
        handoff_id: HandoffId,
        welcome_message: &str,
    ) -> Result<OutboxMail, ServiceError> {
        self.send_handoff_by_mail_to(actor, handoff_id, welcome_message, None)
            .await
    }
}

/// Where a credentials mail goes: the username the login was made for, unless the owner
/// chose the customer's current email (only those two are accepted). With the two
/// different and no choice, the owner is asked.
fn choose_recipient(
    username: &str,
    email: &str,
    chosen: Option<&str>,
) -> Result<String, ServiceError> {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    match chosen.map(str::trim).filter(|c| !c.is_empty()) {
        None if same(username, email) => Ok(username.to_owned()),
        None => Err(ServiceError::conflict(Said::id(
            "error-mail-choose-recipient",
        ))),
        Some(c) if same(c, username) => Ok(username.to_owned()),
        Some(c) if same(c, email) => Ok(email.to_owned()),
        Some(_) => {
            Err(FieldError::new("recipient", Said::id("error-mail-recipient-refused")).into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_handoff_is_described_in_its_states_words() {
        for state in [
            HandoffState::Pending,
            HandoffState::Sent,
            HandoffState::Revoked,
            HandoffState::Expired,
        ] {
            let said = Said::id("error-mail-handoff-closed").arg("state", state.as_str());
            assert_eq!(
                crate::catalogue::in_english(&said),
                format!(
                    "The login was not sent: this handoff is {}.",
                    state.description()
                )
            );
        }
    }

    #[test]
    fn a_login_is_mailed_only_to_its_username_or_the_current_email() {
        let to = |chosen| choose_recipient("ann@old.test", "ann@new.test", chosen);
        assert!(matches!(to(None), Err(ServiceError::Conflict(_))));
        assert_eq!(to(Some("ANN@old.test ")).unwrap(), "ann@old.test");
        assert_eq!(to(Some("ann@new.test")).unwrap(), "ann@new.test");
        assert!(matches!(
            to(Some("mallory@evil.test")),
            Err(ServiceError::Field(e)) if e.field == "recipient"
        ));
        let same = choose_recipient("ann@old.test", "Ann@Old.test", None).unwrap();
        assert_eq!(same, "ann@old.test");
    }
}
