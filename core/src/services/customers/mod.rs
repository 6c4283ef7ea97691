//! Customers: create (never twice), see only one's own as an agent, find as you type,
//! edit without overwriting someone else's change, archive and restore.

mod create;
mod export;
mod search;

pub(super) use create::customer_fields;

use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::domain::{CustomerId, FieldError, FreeText};
use crate::said::Said;
use crate::store;
use keydesk_api::{Customer, CustomerStatus};

impl Keydesk {
    /// A customer the acting member may see (owners and admins: any; agents: linked).
    pub async fn customer(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
    ) -> Result<Customer, ServiceError> {
        let actor = self.authorize(actor, Permission::CreateCustomer).await?;
        if !self.may_see(&actor, customer_id).await? {
            return Err(ServiceError::NotFound);
        }
        store::customers::find(self.store.reader(), customer_id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// Sets the relationship notes of an agent's link to a customer. Owners and admins
    /// may edit any link of a customer; agents only their own.
    pub async fn set_customer_link_notes(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
        staff_id: i64,
        notes: &str,
    ) -> Result<Customer, ServiceError> {
        let current = self.customer(actor, customer_id).await?;
        let sees_all = auth::allows(actor.role(), Permission::SeeAllCustomers);
        if !sees_all && actor.id().0 != staff_id {
            return Err(ServiceError::not_allowed(Said::id(
                "error-customer-own-link-notes",
            )));
        }
        let Some(agent) = current.agents.iter().find(|a| a.staff_id == staff_id) else {
            return Err(ServiceError::NotFound);
        };
        let notes = FreeText::parse("notes", notes, 1000)?;
        if agent.notes == notes.as_ref() {
            return Ok(current);
        }
        let mut tx = self.begin_change().await?;
        store::customers::set_link_notes(
            &mut tx,
            customer_id,
            crate::domain::StaffId(staff_id),
            notes.as_ref(),
        )
        .await?;
        let detail = format!(
            "customer #{customer_id}: notes of the link with {}",
            agent.display_name
        );
        tx.audit_for_customer(
            AuditActor::Staff(actor),
            AuditAction::CustomerEdited,
            customer_id,
            &detail,
        )
        .await?;
        tx.commit("Failed to save the link notes").await?;
        self.customer(actor, customer_id).await
    }

    /// What happened to a customer the acting member may see, newest first.
    pub async fn customer_history(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
    ) -> Result<Vec<keydesk_api::AuditEntry>, ServiceError> {
        self.customer(actor, customer_id).await?;
        Ok(audit::customer_history(self.store.reader(), customer_id, 200).await?)
    }

    /// Archives or restores a customer (owner, admin, or a linked agent).
    pub async fn set_customer_archived(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
        archived: bool,
    ) -> Result<Customer, ServiceError> {
        let current = self.customer(actor, customer_id).await?;
        let status = if archived {
            CustomerStatus::Archived
        } else {
            CustomerStatus::Active
        };
        if current.status != status {
            let mut tx = self.begin_change().await?;
            let now = tx.now();
            let before = tx.customer_before(customer_id).await?;
            store::customers::set_status(&mut tx, customer_id, status, actor.id(), now).await?;
            tx.record_customer_edit(before, actor.id()).await?;
            let action = if archived {
                AuditAction::CustomerArchived
            } else {
                AuditAction::CustomerRestored
            };
            let detail = format!("customer #{customer_id}");
            tx.audit_for_customer(AuditActor::Staff(actor), action, customer_id, &detail)
                .await?;
            tx.commit("Failed to change the customer's status").await?;
        }
        self.customer(actor, customer_id).await
    }

    /// Erases a customer and everything that refers to them (account, links). The audit
    /// keeps a row that names only the customer's number. The owner must type the
    /// customer's email to confirm. Nothing of the customer stays in the data folder:
    /// not in the search index, not in freed pages, not in the WAL.
    pub async fn erase_customer(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
        confirmation: &str,
    ) -> Result<(), ServiceError> {
        let actor = self.authorize(actor, Permission::EraseCustomer).await?;
        let customer = self.customer(&actor, customer_id).await?;
        if !confirmation.trim().eq_ignore_ascii_case(&customer.email) {
            return Err(
                FieldError::new("confirmation", Said::id("error-customer-confirm-erase")).into(),
            );
        }
        let mut tx = self.begin_change().await?;
        tx.record_customer_erase(customer_id, actor.id()).await?;
        store::customers::delete(&mut tx, customer_id).await?;
        let detail = format!("customer #{customer_id}");
        tx.audit_for_customer(
            AuditActor::Staff(&actor),
            AuditAction::CustomerErased,
            customer_id,
            &detail,
        )
        .await?;
        tx.commit("Failed to erase the customer").await?;
        // The search index and the tables forget the customer inside the transaction
        // (FTS5 secure-delete, the secure_delete pragma); the WAL still holds the old
        // pages until it is emptied.
        if !store::customers::truncate_wal(&self.store).await? {
            tracing::warn!(
                customer_id = customer_id.0,
                "the WAL could not be emptied after an erase; it will be when Keydesk closes"
            );
        }
        Ok(())
    }

    pub(in crate::services) async fn may_see(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
    ) -> anyhow::Result<bool> {
        if auth::allows(actor.role(), Permission::SeeAllCustomers) {
            return Ok(true);
        }
        store::customers::is_linked(self.store.reader(), customer_id, actor.id()).await
    }
}
