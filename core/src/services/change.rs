//! One change to the database, as every write of the services makes it: the moment it
//! happens, the one write transaction, the audit rows it leaves, and the commit. It is
//! the one place where a change and everything recorded about it are written together.

use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::domain::CustomerId;
use crate::store::{Store, Tx};
use anyhow::Context;
use chrono::{DateTime, Utc};

/// A change in progress. It derefs to its transaction, so the store's functions take it
/// where they take a `&mut Tx`; dropped without [`Change::commit`], nothing is written.
pub(super) struct Change {
    tx: Tx,
    now: DateTime<Utc>,
}

impl Change {
    /// Starts a change happening at `now` in `store`'s write transaction.
    pub(super) async fn begin(store: &Store, now: DateTime<Utc>) -> anyhow::Result<Self> {
        Ok(Self {
            tx: store.begin().await?,
            now,
        })
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
