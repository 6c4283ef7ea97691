//! Putting mails in the outbox, inside the transaction of the change that causes them.

use super::seal;
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::Actor;
use crate::domain::{CustomerId, HandoffId, OutboxId};
use crate::store::{self, Tx};
use crate::vault::VaultKey;
use chrono::{DateTime, Duration, Utc};
use keydesk_api::MailKind;
use rand::TryRngCore;
use secrecy::SecretString;

/// Tries before a mail that keeps failing is given up (connection failures do not
/// count: a mail waits as long as the computer is offline).
pub const MAX_ATTEMPTS: i64 = 10;
const FIRST_RETRY_SECS: i64 = 60;
const LONGEST_RETRY_SECS: i64 = 6 * 60 * 60;

/// The wait after the `attempts`-th failed try: 1 min, 2, 4 ... at most 6 h.
pub fn retry_delay(attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    let secs = FIRST_RETRY_SECS
        .saturating_mul(1_i64 << doublings)
        .min(LONGEST_RETRY_SECS);
    Duration::seconds(secs)
}

/// A mail to queue. Build it with one of the constructors.
#[derive(Debug, Clone)]
pub struct NewMail {
    kind: MailKind,
    customer_id: Option<CustomerId>,
    recipient: String,
    handoff_id: Option<HandoffId>,
    welcome_message: String,
    /// Set for a mail taken over from another desk: it keeps the Message-ID it was
    /// queued with, so a copy that left from both desks is still one mail.
    message_id: Option<String>,
}

impl NewMail {
    /// The welcome mail without login details; `welcome_message` is the agency's
    /// personal text (already checked by the caller).
    pub fn welcome(customer_id: CustomerId, recipient: &str, welcome_message: &str) -> Self {
        Self {
            kind: MailKind::Welcome,
            customer_id: Some(customer_id),
            recipient: recipient.to_owned(),
            handoff_id: None,
            welcome_message: welcome_message.to_owned(),
            message_id: None,
        }
    }

    /// A credentials mail (welcome with login, or new password) carrying handoff
    /// `handoff_id`: the login is opened from the handoff when sending.
    pub fn credentials(
        kind: MailKind,
        customer_id: CustomerId,
        recipient: &str,
        handoff_id: HandoffId,
        welcome_message: &str,
    ) -> Result<Self, anyhow::Error> {
        anyhow::ensure!(
            matches!(
                kind,
                MailKind::WelcomeCredentials | MailKind::CredentialsReset
            ),
            "{kind:?} does not carry credentials"
        );
        Ok(Self {
            kind,
            customer_id: Some(customer_id),
            recipient: recipient.to_owned(),
            handoff_id: Some(handoff_id),
            welcome_message: welcome_message.to_owned(),
            message_id: None,
        })
    }

    /// A test mail through the outbox, to a staff address.
    pub fn test(recipient: &str) -> Self {
        Self {
            kind: MailKind::Test,
            customer_id: None,
            recipient: recipient.to_owned(),
            handoff_id: None,
            welcome_message: String::new(),
            message_id: None,
        }
    }

    /// The same mail, under the Message-ID another desk queued it with.
    pub fn keeping_message_id(mut self, message_id: &str) -> Self {
        self.message_id = Some(message_id.to_owned());
        self
    }

    fn verification(customer_id: CustomerId, recipient: &str) -> Self {
        Self {
            kind: MailKind::VerificationCode,
            customer_id: Some(customer_id),
            recipient: recipient.to_owned(),
            handoff_id: None,
            welcome_message: String::new(),
            message_id: None,
        }
    }
}

/// `<32 random hex digits@domain>`: fixed when the mail is queued, so every try of
/// it carries the same Message-ID.
pub fn new_message_id(domain: Option<&str>) -> anyhow::Result<String> {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| anyhow::anyhow!("The system random number generator failed: {e}"))?;
    let domain = domain
        .filter(|d| {
            !d.is_empty()
                && d.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
        })
        .unwrap_or("keydesk.local");
    Ok(format!("<{}@{domain}>", hex::encode(bytes)))
}

/// Queues `mail` within `tx`, with its audit row: the change that caused it, the mail
/// and the audit commit together or not at all. Returns the outbox id. The worker is
/// told by the caller (`Keydesk::wake_outbox`) after the commit.
pub async fn enqueue_in(
    tx: &mut Tx,
    at: DateTime<Utc>,
    by: &Actor,
    mail: &NewMail,
) -> anyhow::Result<OutboxId> {
    let message_id = match &mail.message_id {
        Some(kept) => kept.clone(),
        None => new_message_id(message_id_domain(tx).await?.as_deref())?,
    };
    let id = store::outbox::insert(
        tx,
        &store::outbox::NewRow {
            kind: mail.kind,
            customer_id: mail.customer_id,
            recipient: &mail.recipient,
            handoff_id: mail.handoff_id,
            welcome_message: &mail.welcome_message,
            message_id: &message_id,
            created_by: Some(by.id().0),
            now: at,
        },
    )
    .await?;
    let detail = match mail.customer_id {
        Some(customer) => format!(
            "{} mail #{id} for customer #{customer}",
            mail.kind.label().to_lowercase()
        ),
        None => format!("{} #{id}", mail.kind.label().to_lowercase()),
    };
    let actor = AuditActor::Staff(by);
    match mail.customer_id {
        Some(customer) => {
            audit::append_for_customer(tx, at, actor, AuditAction::MailQueued, customer, &detail)
                .await?
        }
        None => audit::append(tx, at, actor, AuditAction::MailQueued, &detail).await?,
    }
    Ok(id)
}

/// Queues a verification code mail; the code is sealed with the vault key under the
/// row's id until the mail is sent.
pub(crate) async fn enqueue_verification_in(
    tx: &mut Tx,
    at: DateTime<Utc>,
    by: &Actor,
    key: &VaultKey,
    customer_id: CustomerId,
    recipient: &str,
    code: &SecretString,
) -> anyhow::Result<OutboxId> {
    let id = enqueue_in(tx, at, by, &NewMail::verification(customer_id, recipient)).await?;
    let sealed = seal::seal(key, id, code)?;
    store::outbox::set_sealed_secret(tx, id, &sealed).await?;
    Ok(id)
}

async fn message_id_domain(tx: &mut Tx) -> anyhow::Result<Option<String>> {
    let config: Option<super::SmtpConfig> =
        store::settings::get_in(tx, super::SMTP_SETTINGS_KEY).await?;
    Ok(config.and_then(|c| c.from_domain().map(str::to_owned)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_six_hours() {
        let waits: Vec<i64> = (1..=12).map(|n| retry_delay(n).num_minutes()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360]);
        assert_eq!(retry_delay(0).num_minutes(), 1);
        assert_eq!(retry_delay(i64::MAX).num_minutes(), 360);
    }

    #[test]
    fn message_ids_are_unique_and_well_formed() {
        let a = new_message_id(Some("sunny.example")).unwrap();
        let b = new_message_id(Some("sunny.example")).unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with('<') && a.ends_with("@sunny.example>"), "{a}");
        assert!(new_message_id(None).unwrap().ends_with("@keydesk.local>"));
        assert!(new_message_id(Some("bad domain>"))
            .unwrap()
            .ends_with("@keydesk.local>"));
    }
}
