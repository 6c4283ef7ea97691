//! The customer portal with an agency server: the verify-email link each welcome mail
//! carries, and what the agency's website reported (sign-ins, verified emails) brought
//! back onto this desk.
//!
//! The link's token is 32 bytes from the OS generator; the server keeps only its SHA-256,
//! for 24 hours by its own clock, spends it on first use, and voids it when a newer
//! welcome mail goes to the same customer. The token itself lives only in the mail.

use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::mail::MailError;
use crate::server::portal::{self as server_portal, PortalEvent, PortalEventKind};
use crate::store;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::TryRngCore;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use std::collections::BTreeMap;
use uuid::Uuid;
use zeroize::Zeroizing;

/// Where this desk has read the portal's events up to.
const PORTAL_EVENTS_READ_UP_TO: &str = "portal_events_read_up_to";

/// A new token, and the SHA-256 of its text that the server keeps.
fn new_token() -> anyhow::Result<(Zeroizing<String>, [u8; 32])> {
    let mut bytes = Zeroizing::new([0_u8; 32]);
    rand::rngs::OsRng
        .try_fill_bytes(bytes.as_mut())
        .map_err(|e| anyhow::anyhow!("The system's random generator failed: {e}"))?;
    let token = Zeroizing::new(URL_SAFE_NO_PAD.encode(bytes.as_ref()));
    let hash: [u8; 32] = Sha256::digest(token.as_bytes()).into();
    Ok((token, hash))
}

/// `{portal}/verify-email?token=…`, the portal's address without a trailing slash.
fn verify_email_url(portal: &str, token: &str) -> Zeroizing<String> {
    Zeroizing::new(format!(
        "{}/verify-email?token={token}",
        portal.trim_end_matches('/')
    ))
}

impl Keydesk {
    /// The verify-email link for a welcome mail to `customer_id`, when the agency has a
    /// portal address and this desk syncs with an agency server (nothing could redeem a
    /// link otherwise). The token is on the server before the link is returned: while the
    /// server cannot be reached, or does not have the customer yet, the mail waits.
    pub(super) async fn verify_email_link(
        &self,
        portal: &str,
        customer_id: Option<crate::domain::CustomerId>,
    ) -> Result<Option<Zeroizing<String>>, MailError> {
        let waiting = MailError::WaitingForAgencyServer;
        let Some(customer_id) = customer_id else {
            return Ok(None);
        };
        if portal.is_empty() {
            return Ok(None);
        }
        let server = self
            .agency_server()
            .await
            .map_err(|e| waiting(e.to_string()))?;
        if server.is_none_or(|s| s.joining) {
            return Ok(None);
        }
        let uid = {
            let mut tx = self
                .begin_change()
                .await
                .map_err(|e| waiting(format!("{e:#}")))?;
            let uid = store::sync::customer_uid(&mut tx, customer_id)
                .await
                .map_err(|e| waiting(format!("{e:#}")))?;
            drop(tx);
            uid
        };
        let Some(uid) = uid else {
            return Ok(None);
        };
        let (token, hash) = new_token().map_err(|e| MailError::Invalid(format!("{e:#}")))?;
        let (_, mut connection) = self
            .connect_as_desk()
            .await
            .map_err(|e| waiting(e.to_string()))?;
        match server_portal::issue_verification_token(&mut connection, uid, &hash).await {
            Ok(Some(_expires)) => Ok(Some(verify_email_url(portal, &token))),
            Ok(None) => {
                // Not on the server yet (created here, not synced): wait for the sync.
                // Not there at all for this desk (erased, no longer linked): no link.
                let mut tx = self
                    .begin_change()
                    .await
                    .map_err(|e| waiting(format!("{e:#}")))?;
                let unsent = store::sync::has_pending_for(&mut tx, uid)
                    .await
                    .map_err(|e| waiting(format!("{e:#}")))?;
                drop(tx);
                if unsent {
                    Err(waiting(
                        "it does not have this customer yet; they arrive with the next sync"
                            .to_owned(),
                    ))
                } else {
                    Ok(None)
                }
            }
            Err(error) => Err(waiting(error.to_string())),
        }
    }

    /// Reads what the portal reported since last time, for the customers this desk sees,
    /// and notes it here: each sign-in once (on the customer's count and last sign-in),
    /// each verified email. Returns how many events were read.
    pub(super) async fn pull_portal_events(
        &self,
        connection: &mut PgConnection,
    ) -> Result<usize, ServiceError> {
        let mut read = 0;
        loop {
            let after: i64 =
                store::meta::get_readonly(self.store.reader(), PORTAL_EVENTS_READ_UP_TO)
                    .await?
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
            let page = server_portal::events_after(connection, after).await?;
            let Some(last) = page.read_up_to else {
                break;
            };
            self.note_portal_events(&page.events, last).await?;
            read += page.events.len();
            if !page.full {
                break;
            }
        }
        if read > 0 {
            tracing::info!(read, "portal events received from the agency server");
        }
        Ok(read)
    }

    async fn note_portal_events(&self, page: &[PortalEvent], last: i64) -> anyhow::Result<()> {
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let mut ids: BTreeMap<Uuid, Option<crate::domain::CustomerId>> = BTreeMap::new();
        let mut added: BTreeMap<crate::domain::CustomerId, (u64, chrono::DateTime<chrono::Utc>)> =
            BTreeMap::new();
        for event in page {
            let id = match ids.get(&event.customer) {
                Some(id) => *id,
                None => {
                    let id = store::sync::customer_by_uid(&mut tx, event.customer).await?;
                    ids.insert(event.customer, id);
                    id
                }
            };
            // A customer this desk no longer holds: nothing to note.
            let Some(id) = id else { continue };
            match &event.kind {
                PortalEventKind::SignIn { ip } => {
                    // Sign-ins count on the account this desk holds (as the import's do).
                    if !store::customer_accounts::has_login(&mut tx, id).await? {
                        continue;
                    }
                    if store::portal::record_sign_in(&mut tx, id, event.at, ip.as_deref(), now)
                        .await?
                    {
                        let entry = added.entry(id).or_insert((0, event.at));
                        entry.0 += 1;
                        entry.1 = entry.1.max(event.at);
                    }
                }
                PortalEventKind::PasswordChanged {
                    password_hash,
                    login,
                } => {
                    // Only over the login the customer changed: a reset this desk holds
                    // since stays.
                    let held = store::agency_logins::lineage(&mut tx, id).await?;
                    let pending = match store::handoffs::pending_for_customer(&mut tx, id).await? {
                        Some(h) => Some(store::agency_logins::handoff_uid(&mut tx, h).await?),
                        None => None,
                    };
                    if held != Some(*login) && pending != Some(*login) {
                        tracing::info!(
                            seq = event.seq,
                            "a portal password change over a login this desk no longer holds: left out"
                        );
                        continue;
                    }
                    // Only an argon2id hash, and only for an account this desk holds.
                    let argon2id = argon2::PasswordHash::new(password_hash)
                        .is_ok_and(|h| h.algorithm.as_str() == "argon2id");
                    if !argon2id {
                        tracing::warn!(
                            seq = event.seq,
                            "a portal password that is not an argon2id hash: left out"
                        );
                        continue;
                    }
                    let hash = crate::domain::PasswordHash::from_phc(password_hash.clone());
                    if store::customer_accounts::take_portal_password(&mut tx, id, &hash).await? {
                        tx.audit_for_customer(
                            AuditActor::AgencyServer,
                            AuditAction::PortalPasswordChanged,
                            id,
                            &format!("customer #{id} chose a password on the portal"),
                        )
                        .await?;
                        // The login reached the customer: it is no longer waiting here.
                        if let Some(handoff) =
                            store::handoffs::pending_for_customer(&mut tx, id).await?
                        {
                            let closing = store::handoffs::Closing {
                                state: keydesk_api::HandoffState::Sent,
                                by: None,
                                channel: Some(keydesk_api::HandoffChannel::Other),
                                note: Some("the customer chose a password on the portal"),
                            };
                            if store::handoffs::close(&mut tx, handoff, closing, now).await? {
                                store::customer_accounts::mark_credentials_sent(
                                    &mut tx, id, None, now,
                                )
                                .await?;
                                store::outbox::cancel_for_handoff(&mut tx, handoff).await?;
                                tx.audit_for_customer(
                                    AuditActor::AgencyServer,
                                    AuditAction::HandoffSent,
                                    id,
                                    &format!("handoff #{handoff}, used on the portal"),
                                )
                                .await?;
                            }
                        }
                    }
                }
                PortalEventKind::Verified => {
                    if store::outbox::mark_verified_once(&mut tx, id, event.at).await? {
                        tx.audit_for_customer(
                            AuditActor::AgencyServer,
                            AuditAction::EmailVerified,
                            id,
                            &format!("customer #{id}, through the portal's link"),
                        )
                        .await?;
                    }
                }
            }
        }
        for (&id, &(count, latest)) in &added {
            store::portal::add_to_account(&mut tx, id, count, latest).await?;
        }
        store::meta::set(&mut tx, PORTAL_EVENTS_READ_UP_TO, &last.to_string()).await?;
        tx.commit("Failed to note what the portal reported").await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_32_random_bytes_and_the_server_keeps_the_sha256_of_its_text() {
        let (token, hash) = new_token().unwrap();
        let bytes = URL_SAFE_NO_PAD.decode(token.as_bytes()).unwrap();
        assert_eq!(bytes.len(), 32);
        assert_eq!(hash, <[u8; 32]>::from(Sha256::digest(token.as_bytes())));
        let (other, _) = new_token().unwrap();
        assert_ne!(*token, *other);
    }

    #[test]
    fn the_link_joins_the_portal_address_and_the_token() {
        assert_eq!(
            *verify_email_url("https://portal.example.com/", "abc"),
            "https://portal.example.com/verify-email?token=abc"
        );
        assert_eq!(
            *verify_email_url("https://example.com/portal", "abc"),
            "https://example.com/portal/verify-email?token=abc"
        );
    }
}
