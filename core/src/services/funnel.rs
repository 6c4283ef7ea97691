//! The dashboard's funnel: is the agency's work reaching its customers?

use super::{Keydesk, ServiceError};
use crate::auth::{allows, Actor, Permission};
use crate::domain::StaffId;
use crate::store;
use keydesk_api::{Funnel, FunnelRequest, OLDEST_WAITING_SHOWN};

impl Keydesk {
    /// The funnel of the customers created in `request.period`: everyone's or one
    /// member's for those who see every customer; an agent's own, always, for agents.
    pub async fn customer_funnel(
        &self,
        actor: &Actor,
        request: FunnelRequest,
    ) -> Result<Funnel, ServiceError> {
        let actor = self.authorize(actor, Permission::CreateCustomer).await?;
        let staff = if allows(actor.role(), Permission::SeeAllCustomers) {
            request.staff_id.map(StaffId)
        } else {
            match request.staff_id {
                Some(id) if id != actor.id().0 => {
                    return Err(crate::services::AccessError::Forbidden.into())
                }
                _ => Some(actor.id()),
            }
        };
        let since = self.clock.now() - chrono::Duration::days(request.period.days());
        let pool = self.store.reader();
        Ok(Funnel {
            period: request.period,
            staff_id: staff.map(|s| s.0),
            counts: store::funnel::counts(pool, since, staff).await?,
            by_channel: store::funnel::by_channel(pool, since, staff).await?,
            weeks: store::funnel::weeks(pool, since, staff).await?,
            oldest_waiting: store::funnel::oldest_waiting(pool, staff, OLDEST_WAITING_SHOWN)
                .await?,
        })
    }
}
