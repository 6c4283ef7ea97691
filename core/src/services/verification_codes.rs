//! Verification codes: a 6-digit code mailed to a customer, read back to staff, kept
//! only as a hash, short-lived and rate-limited.

use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::domain::{CustomerId, FieldError, PlainPassword};
use crate::mail;
use crate::said::Said;
use crate::store;
use chrono::Duration;
use keydesk_api::{MailKind, OutboxMail};
use rand::{Rng, TryRngCore};
use secrecy::{ExposeSecret, SecretString};

/// A 6-digit code, uniform over 000000–999999, from the OS random generator.
fn new_verification_code() -> anyhow::Result<SecretString> {
    let mut rng = rand::rngs::OsRng.unwrap_err();
    let n: u32 = rng.random_range(0..1_000_000);
    Ok(SecretString::from(format!("{n:06}")))
}

/// The code as a customer read it back, before it is compared with the stored hash:
/// spaces and line breaks are dropped (people group the digits as they read them), and
/// what is left must be exactly six ASCII digits, so no other text ever reaches the hash.
/// Public so the fuzz tests can feed it any text.
pub fn read_typed_code(raw: &str) -> Result<PlainPassword, FieldError> {
    // Typed with a Persian keyboard, the digits are Persian ones: the same code.
    let typed: String = keydesk_api::Language::ascii_digits(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if typed.len() != 6 || !typed.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::new("code", Said::id("error-mail-code-digits")));
    }
    Ok(PlainPassword::new(typed))
}

impl Keydesk {
    /// Mails a new 6-digit verification code to a customer the acting member may see.
    /// Only the code's hash is kept for checking (valid 10 minutes, 5 tries); the mail
    /// carries it sealed until sent. A new code voids the previous one; codes are at
    /// least a minute apart, and at most 5 an hour and 10 a day per customer.
    pub async fn send_verification_code(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
    ) -> Result<OutboxMail, ServiceError> {
        let actor = self.authorize(actor, Permission::SendCustomerMail).await?;
        let customer = self.customer(&actor, customer_id).await?;
        let code = new_verification_code()?;
        let hash = auth::hash_password(PlainPassword::new(code.expose_secret().to_owned())).await?;
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let previous =
            store::outbox::last_queued_at(&mut tx, customer_id, MailKind::VerificationCode).await?;
        if let Some(previous) = previous {
            let wait = previous + Duration::seconds(mail::VERIFICATION_RESEND_SECONDS) - now;
            if wait > Duration::zero() {
                return Err(ServiceError::conflict(Said::with(
                    "error-mail-code-too-soon",
                    &[("count", wait.num_seconds().max(1))],
                )));
            }
        }
        self.check_verification_code_limit(&mut tx, customer_id, now)
            .await?;
        store::outbox::replace_code(
            &mut tx,
            customer_id,
            hash.as_phc(),
            now + Duration::minutes(mail::VERIFICATION_CODE_MINUTES),
            now,
            actor.id().0,
        )
        .await?;
        let id = mail::enqueue_verification_in(
            &mut tx,
            now,
            &actor,
            &self.vault_key,
            customer_id,
            &customer.email,
            &code,
        )
        .await?;
        tx.commit("Failed to queue the verification code").await?;
        self.announce_code(customer_id).await;
        self.queued(id, customer_id).await
    }

    /// Checks the code a customer read back. Right: the customer's email counts as
    /// verified and the code is spent. Wrong, expired or used up: a field error on
    /// `code`; the fifth wrong try voids the code. A code mailed from another desk of
    /// the agency is checked there, online (see `code_relay`).
    pub async fn check_verification_code(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
        code: &str,
    ) -> Result<(), ServiceError> {
        let actor = self.authorize(actor, Permission::SendCustomerMail).await?;
        self.customer(&actor, customer_id).await?;
        let typed = read_typed_code(code)?;
        let by = AuditActor::Staff(&actor);
        let verdict = match self.check_code_here(customer_id, &typed, by, "").await? {
            CodeVerdict::NoCode => {
                self.check_code_elsewhere(&actor, customer_id, &typed)
                    .await?
            }
            verdict => verdict,
        };
        match verdict {
            CodeVerdict::Right => Ok(()),
            CodeVerdict::NoCode => {
                Err(FieldError::new("code", Said::id("error-mail-no-code")).into())
            }
            CodeVerdict::Void => {
                Err(FieldError::new("code", Said::id("error-mail-code-expired")).into())
            }
            CodeVerdict::Wrong { tries_left } => Err(FieldError::new(
                "code",
                if tries_left > 0 {
                    Said::with("error-mail-code-wrong", &[("count", tries_left)])
                } else {
                    Said::id("error-mail-code-wrong-void")
                },
            )
            .into()),
        }
    }

    /// Checks `typed` against the code this desk mailed to the customer, if any: counts
    /// the try, spends the code when right (the customer then counts as verified here),
    /// voids it when expired or tried too often. Audited as `by`, with `whence` after the
    /// customer in the detail.
    pub(super) async fn check_code_here(
        &self,
        customer_id: CustomerId,
        typed: &PlainPassword,
        by: AuditActor<'_>,
        whence: &str,
    ) -> anyhow::Result<CodeVerdict> {
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let Some(stored) = store::outbox::find_code(&mut tx, customer_id).await? else {
            return Ok(CodeVerdict::NoCode);
        };
        if stored.expires_at <= now || stored.attempts >= mail::VERIFICATION_CODE_ATTEMPTS {
            store::outbox::delete_code(&mut tx, customer_id).await?;
            tx.commit("Failed to void a code").await?;
            return Ok(CodeVerdict::Void);
        }
        let right = auth::verify_password(
            typed.clone(),
            crate::domain::PasswordHash::from_phc(stored.code_hash.clone()),
        )
        .await?;
        let detail = format!("customer #{customer_id}{whence}");
        if right {
            store::outbox::delete_code(&mut tx, customer_id).await?;
            store::outbox::mark_verified(&mut tx, customer_id, now).await?;
            tx.audit_for_customer(by, AuditAction::EmailVerified, customer_id, &detail)
                .await?;
            tx.commit("Failed to record the verification").await?;
            return Ok(CodeVerdict::Right);
        }
        store::outbox::count_code_attempt(&mut tx, customer_id).await?;
        tx.audit_for_customer(
            by,
            AuditAction::VerificationCodeRefused,
            customer_id,
            &detail,
        )
        .await?;
        tx.commit("Failed to count the try").await?;
        Ok(CodeVerdict::Wrong {
            tries_left: mail::VERIFICATION_CODE_ATTEMPTS - stored.attempts - 1,
        })
    }
}

/// How a typed code compared with the one mailed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CodeVerdict {
    Right,
    Wrong {
        tries_left: i64,
    },
    /// Expired, tried too often: a new one must be sent.
    Void,
    /// No code waits for the customer.
    NoCode,
}

#[cfg(test)]
mod tests {
    use super::read_typed_code;

    #[test]
    fn a_code_read_in_groups_is_the_six_digits() {
        for (raw, code) in [
            ("123456", "123456"),
            (" 123 456 ", "123456"),
            ("12\t34\n56", "123456"),
            ("000000", "000000"),
            // Read out to someone typing with a Persian keyboard.
            ("۱۲۳ ۴۵۶", "123456"),
        ] {
            assert_eq!(read_typed_code(raw).unwrap().expose(), code, "{raw:?}");
        }
    }

    #[test]
    fn anything_but_six_ascii_digits_is_refused_on_the_code_field() {
        for raw in [
            "",
            "12345",
            "1234567",
            "12345a",
            "+12345",
            "-12345",
            "\u{661}23456",
            "１２３４５６",
            "12-34-56",
        ] {
            assert_eq!(read_typed_code(raw).unwrap_err().field, "code", "{raw:?}");
        }
    }
}
