//! Finding customers as you type: one page of the customers the member may see.

use super::super::{Keydesk, ServiceError};
use crate::auth::{self, Actor, Permission};
use crate::store;
use keydesk_api::{CustomerCursor, CustomerPage, CustomerQuery, CustomerSummary};

impl Keydesk {
    /// One page of the customers the acting member may see, in the chosen order.
    pub async fn list_customers(
        &self,
        actor: &Actor,
        query: &CustomerQuery,
    ) -> Result<CustomerPage, ServiceError> {
        let actor = self.authorize(actor, Permission::CreateCustomer).await?;
        let limit = query.limit.clamp(1, 200);
        let agent_only = !auth::allows(actor.role(), Permission::SeeAllCustomers);
        let fts = store::customers::fts_query(&query.search);
        if !query.search.trim().is_empty() && fts.is_none() {
            return Ok(CustomerPage {
                rows: Vec::new(),
                total: 0,
                next: None,
            });
        }
        let mine = agent_only.then(|| actor.id());
        let reader = self.store.reader();
        let total = store::customer_list::count(reader, mine, fts.as_deref(), query).await?;
        let rows = store::customer_list::page(
            reader,
            mine,
            fts.as_deref(),
            query,
            total,
            i64::from(limit) + 1,
        )
        .await?;
        let has_more = rows.len() > limit as usize;
        let mut rows = rows;
        rows.truncate(limit as usize);
        let next = if has_more {
            rows.last().map(|r| CustomerCursor {
                last_name: r.last_name.clone(),
                first_name: r.first_name.clone(),
                id: r.id,
                last_login_at: r.last_login_key.clone(),
            })
        } else {
            None
        };
        let rows: Vec<CustomerSummary> = rows
            .into_iter()
            .map(store::customer_list::SummaryRow::into_summary)
            .collect::<anyhow::Result<_>>()?;
        Ok(CustomerPage { rows, total, next })
    }
}
