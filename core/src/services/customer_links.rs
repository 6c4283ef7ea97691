//! Linking a customer to a staff member. An agent sees only the customers linked to
//! them, so a link is an access grant: an agent may link a colleague's customer to
//! themselves only with proof that they met the customer (they typed the customer's
//! email into the new-customer form and got the duplicate answer); owners and admins
//! may link any customer to any active member.

use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::domain::{CustomerId, StaffId};
use crate::said::Said;
use crate::store;
use chrono::{DateTime, Duration, Utc};
use keydesk_api::{Customer, LinkToken};
use rand::TryRngCore;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// How long the link offer of a duplicate answer stays good.
pub const LINK_TOKEN_MINUTES: i64 = 10;

/// The link offers handed out by duplicate answers: each lets one staff member link
/// one customer, once, until it expires.
///
/// They live in memory only (keyed by the SHA-256 of the token), not in the database:
/// an offer is worth a few minutes and one click in the window that got it, so losing
/// the offers on a restart costs at most a second save of the form. In return a token
/// never reaches the database file, its WAL or a backup (nothing to purge, nothing left
/// behind when the customer is erased), and a duplicate answer writes nothing. Expiry
/// follows the injected clock, as every other expiry does.
#[derive(Default)]
pub(super) struct LinkOffers(Mutex<HashMap<[u8; 32], LinkOffer>>);

#[derive(Debug, Clone, Copy)]
struct LinkOffer {
    customer_id: CustomerId,
    staff_id: StaffId,
    expires_at: DateTime<Utc>,
}

impl LinkOffers {
    /// A new offer for `staff_id` to link `customer_id`: 32 bytes from the OS random
    /// number generator, as hex. Expired offers are dropped on the way, so the map holds
    /// at most the last few minutes' worth.
    fn offer(
        &self,
        customer_id: CustomerId,
        staff_id: StaffId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<LinkToken> {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng
            .try_fill_bytes(&mut bytes)
            .map_err(|e| anyhow::anyhow!("The system random number generator failed: {e}"))?;
        let token = hex::encode(bytes);
        let mut offers = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        offers.retain(|_, offer| offer.expires_at > now);
        offers.insert(
            digest(&token),
            LinkOffer {
                customer_id,
                staff_id,
                expires_at: now + Duration::minutes(LINK_TOKEN_MINUTES),
            },
        );
        Ok(LinkToken(token))
    }

    /// The customer `token` lets `staff_id` link, if it does. A token is gone once
    /// presented, whoever presents it: a token that leaked to another member is burnt
    /// by their try, not left for a second one.
    fn redeem(&self, token: &str, staff_id: StaffId, now: DateTime<Utc>) -> Option<CustomerId> {
        let mut offers = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let offer = offers.remove(&digest(token))?;
        (offer.staff_id == staff_id && now < offer.expires_at).then_some(offer.customer_id)
    }
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl Keydesk {
    /// The link offer a duplicate answer carries for a member who may not see the
    /// existing customer yet.
    pub(super) fn offer_customer_link(
        &self,
        customer_id: CustomerId,
        staff_id: StaffId,
    ) -> anyhow::Result<LinkToken> {
        self.link_offers
            .offer(customer_id, staff_id, self.clock.now())
    }

    /// Links the customer behind a duplicate answer to the member who got that answer.
    /// The token is the only way to name the customer: it works once, for that member,
    /// for [`LINK_TOKEN_MINUTES`].
    pub async fn link_customer_to_me(
        &self,
        actor: &Actor,
        token: &LinkToken,
    ) -> Result<Customer, ServiceError> {
        let actor = self.authorize(actor, Permission::CreateCustomer).await?;
        let now = self.clock.now();
        let Some(customer_id) = self.link_offers.redeem(&token.0, actor.id(), now) else {
            tracing::warn!(
                staff_id = actor.id().0,
                "refused a customer link offer that is unknown, used, expired or not theirs"
            );
            return Err(ServiceError::not_allowed(Said::id(
                "error-agency-link-offer-expired",
            )));
        };
        self.link_customer(&actor, customer_id, actor.id(), now)
            .await?;
        self.customer(&actor, customer_id).await
    }

    /// Links a customer to an active staff member (owners and admins, who see every
    /// customer anyway).
    pub async fn link_customer_to_member(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
        staff_id: StaffId,
    ) -> Result<Customer, ServiceError> {
        let actor = self.authorize(actor, Permission::SeeAllCustomers).await?;
        let member = store::staff::find_by_id(self.store.reader(), staff_id).await?;
        if !member.is_some_and(|m| m.active) {
            return Err(ServiceError::NotFound);
        }
        self.link_customer(&actor, customer_id, staff_id, self.clock.now())
            .await?;
        self.customer(&actor, customer_id).await
    }

    /// Writes the link and its audit row (only when the link is new).
    async fn link_customer(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
        staff_id: StaffId,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let mut tx = self.begin_change_at(now).await?;
        if !store::customers::exists(&mut tx, customer_id).await? {
            return Err(ServiceError::NotFound);
        }
        if store::customers::link_agent(&mut tx, customer_id, staff_id, false, actor.id(), now)
            .await?
        {
            tx.record_link(customer_id, staff_id, actor.id()).await?;
            let detail = if staff_id == actor.id() {
                format!("customer #{customer_id}")
            } else {
                format!("customer #{customer_id} to staff #{}", staff_id.0)
            };
            tx.audit_for_customer(
                AuditActor::Staff(actor),
                AuditAction::CustomerLinked,
                customer_id,
                &detail,
            )
            .await?;
        }
        tx.commit("Failed to link the customer").await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn an_offer_is_for_one_member_once_and_until_it_expires() {
        let offers = LinkOffers::default();
        let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
        let (alex, bea) = (StaffId(2), StaffId(3));

        let token = offers.offer(CustomerId(7), alex, now).unwrap();
        assert_eq!(token.0.len(), 64);
        assert_eq!(offers.redeem(&token.0, alex, now), Some(CustomerId(7)));
        assert_eq!(offers.redeem(&token.0, alex, now), None, "used once");

        let token = offers.offer(CustomerId(7), alex, now).unwrap();
        assert_eq!(offers.redeem(&token.0, bea, now), None, "not Bea's");
        assert_eq!(
            offers.redeem(&token.0, alex, now),
            None,
            "burnt by Bea's try"
        );

        let token = offers.offer(CustomerId(7), alex, now).unwrap();
        let later = now + Duration::minutes(LINK_TOKEN_MINUTES);
        assert_eq!(offers.redeem(&token.0, alex, later), None, "expired");

        let a = offers.offer(CustomerId(7), alex, now).unwrap();
        let b = offers.offer(CustomerId(7), alex, now).unwrap();
        assert_ne!(a, b);
        assert_eq!(offers.redeem("not a token", alex, now), None);
    }

    #[test]
    fn expired_offers_are_dropped() {
        let offers = LinkOffers::default();
        let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
        for id in 0..5 {
            offers.offer(CustomerId(id), StaffId(2), now).unwrap();
        }
        offers
            .offer(
                CustomerId(9),
                StaffId(2),
                now + Duration::minutes(LINK_TOKEN_MINUTES + 1),
            )
            .unwrap();
        assert_eq!(offers.0.lock().unwrap().len(), 1);
    }
}
