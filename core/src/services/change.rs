//! One change to the database, as every write of the services makes it: the moment it
//! happens, the one write transaction, the audit rows it leaves, the op it queues for the
//! agency server (on a desk that syncs), and the commit. It is the one place where a change
//! and everything recorded about it are written together.

use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::domain::{CustomerId, StaffId};
use crate::server::sync::{Op, OpChange};
use crate::store::sync::{self as sync_store, SyncedCustomer};
use crate::store::{Store, Tx};
use anyhow::Context;
use chrono::{DateTime, Utc};

/// A change in progress. It derefs to its transaction, so the store's functions take it
/// where they take a `&mut Tx`; dropped without [`Change::commit`], nothing is written.
pub(super) struct Change {
    tx: Tx,
    now: DateTime<Utc>,
    /// Whether this desk syncs with an agency server: only then are ops queued.
    syncing: bool,
}

impl Change {
    /// Starts a change happening at `now` in `store`'s write transaction.
    pub(super) async fn begin(store: &Store, now: DateTime<Utc>) -> anyhow::Result<Self> {
        let mut tx = store.begin().await?;
        let syncing = sync_store::is_on(&mut tx).await?;
        Ok(Self { tx, now, syncing })
    }

    /// When the change happens: the time of its audit rows.
    pub(super) fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Appends an audit row about the change.
    pub(super) async fn audit(
        &mut self,
        by: AuditActor<'_>,
        action: AuditAction,
        detail: &str,
    ) -> anyhow::Result<()> {
        audit::append(&mut self.tx, self.now, by, action, detail).await
    }

    /// Appends an audit row about the change to customer `customer_id` (see
    /// [`audit::append_for_customer`]).
    pub(super) async fn audit_for_customer(
        &mut self,
        by: AuditActor<'_>,
        action: AuditAction,
        customer_id: CustomerId,
        detail: &str,
    ) -> anyhow::Result<()> {
        audit::append_for_customer(&mut self.tx, self.now, by, action, customer_id, detail).await
    }

    /// Makes this desk one of `server`'s: from here on, this change and every later one
    /// queue their ops.
    pub(super) async fn start_syncing(
        &mut self,
        server: &sync_store::SyncServer,
    ) -> anyhow::Result<()> {
        sync_store::set_server(&mut self.tx, server).await?;
        self.syncing = true;
        Ok(())
    }

    /// Queues `change` for the agency server, made by `by` about `customer` (nothing on a
    /// desk that does not sync).
    pub(super) async fn record(
        &mut self,
        change: OpChange,
        customer: Option<uuid::Uuid>,
        by: Option<StaffId>,
    ) -> anyhow::Result<()> {
        if !self.syncing {
            return Ok(());
        }
        let op = Op {
            op: uuid::Uuid::now_v7(),
            change,
        };
        sync_store::enqueue(&mut self.tx, &op, customer, by, self.now).await
    }

    /// The customer as the agency server knows its fields, before this change edits them
    /// (`None` on a desk that does not sync); see [`Change::record_customer_edit`].
    pub(super) async fn customer_before(
        &mut self,
        id: CustomerId,
    ) -> anyhow::Result<Option<SyncedCustomer>> {
        if !self.syncing {
            return Ok(None);
        }
        sync_store::synced_customer(&mut self.tx, id).await
    }

    /// Queues the new customer `id` for the agency server.
    pub(super) async fn record_customer_created(
        &mut self,
        id: CustomerId,
        by: StaffId,
    ) -> anyhow::Result<()> {
        if !self.syncing {
            return Ok(());
        }
        let customer = sync_store::synced_customer(&mut self.tx, id)
            .await?
            .context("The new customer vanished")?;
        let change = OpChange::CreateCustomer {
            customer: customer.uid,
            email: customer.email,
            fields: customer.fields,
        };
        self.record(change, Some(customer.uid), Some(by)).await
    }

    /// Queues the fields this change edited of the customer read by
    /// [`Change::customer_before`], if any.
    pub(super) async fn record_customer_edit(
        &mut self,
        before: Option<SyncedCustomer>,
        by: StaffId,
    ) -> anyhow::Result<()> {
        let Some(before) = before else {
            return Ok(());
        };
        let Some(id) = sync_store::customer_by_uid(&mut self.tx, before.uid).await? else {
            return Ok(());
        };
        let after = sync_store::synced_customer(&mut self.tx, id)
            .await?
            .context("The edited customer vanished")?;
        let changes = sync_store::changed_fields(&before, &after);
        if changes.is_empty() {
            return Ok(());
        }
        let change = OpChange::UpdateCustomer {
            customer: before.uid,
            // A customer not yet on the server is at its first version there.
            base_version: before.server_version.unwrap_or(1),
            changes,
        };
        self.record(change, Some(before.uid), Some(by)).await
    }

    /// Queues the erasure of customer `id` (call before it is deleted).
    pub(super) async fn record_customer_erase(
        &mut self,
        id: CustomerId,
        by: StaffId,
    ) -> anyhow::Result<()> {
        if !self.syncing {
            return Ok(());
        }
        let customer = sync_store::customer_uid(&mut self.tx, id)
            .await?
            .context("The customer to erase is not there")?;
        self.record(
            OpChange::EraseCustomer { customer },
            Some(customer),
            Some(by),
        )
        .await
    }

    /// Queues member `id` as they now are (added, renamed, given a role, disabled).
    pub(super) async fn record_member(&mut self, id: StaffId, by: StaffId) -> anyhow::Result<()> {
        if !self.syncing {
            return Ok(());
        }
        let member = sync_store::member(&mut self.tx, id)
            .await?
            .context("The member is not there")?;
        self.record(OpChange::PutMember(member), None, Some(by))
            .await
    }

    /// Queues the link of member `member` to customer `id`.
    pub(super) async fn record_link(
        &mut self,
        id: CustomerId,
        member: StaffId,
        by: StaffId,
    ) -> anyhow::Result<()> {
        if !self.syncing {
            return Ok(());
        }
        let customer = sync_store::customer_uid(&mut self.tx, id)
            .await?
            .context("The customer to link is not there")?;
        let member = sync_store::staff_uid(&mut self.tx, member)
            .await?
            .context("The member to link is not there")?;
        self.record(
            OpChange::Link { customer, member },
            Some(customer),
            Some(by),
        )
        .await
    }

    /// Writes the change and its records; `failure` says what failed if it cannot.
    pub(super) async fn commit(self, failure: &'static str) -> anyhow::Result<()> {
        self.tx.commit().await.context(failure)
    }
}

impl std::ops::Deref for Change {
    type Target = Tx;

    fn deref(&self) -> &Tx {
        &self.tx
    }
}

impl std::ops::DerefMut for Change {
    fn deref_mut(&mut self) -> &mut Tx {
        &mut self.tx
    }
}

impl Keydesk {
    /// Starts a change happening now.
    pub(super) async fn begin_change(&self) -> anyhow::Result<Change> {
        Change::begin(&self.store, self.clock.now()).await
    }

    /// Starts a change happening at `now` (a moment the caller already acted on).
    pub(super) async fn begin_change_at(&self, now: DateTime<Utc>) -> anyhow::Result<Change> {
        Change::begin(&self.store, now).await
    }

    /// Checks that `actor` may do what `permission` covers (see [`Keydesk::authorize`])
    /// and starts the change they make, now. Returns the member as they are now.
    pub(super) async fn change(
        &self,
        actor: &Actor,
        permission: Permission,
    ) -> Result<(Actor, Change), ServiceError> {
        let actor = self.authorize(actor, permission).await?;
        Ok((actor, self.begin_change().await?))
    }
}
