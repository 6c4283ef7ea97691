//! Audit across desks: this desk's audit rows go to the agency server with every sync,
//! and *Verify chain* on an owner's desk checks every desk's rows there and the chain the
//! server keeps over all of them.

use keydesk_api as api;
use sqlx::postgres::PgConnection;

use super::agency_view::Names;
use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::said::Said;
use crate::server::audit::{self as server_audit, AuditRow, DeskVerdict, GlobalHead};
use crate::server::{sync, ServerError};
use crate::store;
use crate::store::sync::SyncServer;

/// How many audit rows one push carries.
const AUDIT_BATCH: i64 = 500;

impl Keydesk {
    /// Sends the audit rows the server does not hold yet, oldest first.
    pub(super) async fn push_audit_rows(
        &self,
        server: &SyncServer,
        connection: &mut PgConnection,
    ) -> Result<usize, ServiceError> {
        let mut received = server_audit::audit_received(connection).await?;
        let mut sent = 0;
        loop {
            let rows =
                store::audit_log::rows_after(self.store.reader(), received, AUDIT_BATCH).await?;
            if rows.is_empty() {
                return Ok(sent);
            }
            let wire: Vec<AuditRow> = rows
                .iter()
                .map(|(stored, subject)| {
                    let row = &stored.row;
                    AuditRow::new(
                        server.desk,
                        row.id,
                        row.at.clone(),
                        row.actor_label.clone(),
                        row.action.clone(),
                        *subject,
                        row.detail.clone(),
                        row.prev_hash.clone(),
                        stored.row_hash.clone(),
                    )
                })
                .collect();
            received = server_audit::push_audit(connection, &wire).await?;
            sent += wire.len();
            if wire.len() < AUDIT_BATCH as usize {
                return Ok(sent);
            }
        }
    }

    /// Checks every desk's audit rows on the agency server and the server's chain over
    /// them (an owner's desk, online). `None` on a desk of its own, and for anyone but an
    /// owner (only owners' desks read every desk's rows). This desk's own rows are sent
    /// first, so the check covers them.
    pub async fn verify_agency_chain(
        &self,
        actor: &Actor,
    ) -> Result<Option<api::AgencyChainReport>, ServiceError> {
        let actor = self.authorize(actor, Permission::VerifyAuditChain).await?;
        if self.agency_server().await?.is_none()
            || !auth::allows(actor.role(), Permission::ManageAgencyServer)
        {
            return Ok(None);
        }
        let (server, mut connection) = self.connect_as_desk().await?;
        // Should the server refuse this desk's rows, the others are still checked (and
        // this desk's show where they stop).
        if let Err(error) = self.push_audit_rows(&server, &mut connection).await {
            tracing::warn!(error = %error, "the agency server did not take this desk's audit rows");
        }
        let only_owners = |error: ServerError| match error {
            ServerError::NotAllowed { .. } => {
                ServiceError::not_allowed(Said::id("error-agency-audit-owners-only"))
            }
            other => other.into(),
        };
        let (rows, head) = server_audit::all_rows(&mut connection)
            .await
            .map_err(only_owners)?;
        let desks = sync::list_desks(&mut connection).await?;
        drop(connection);

        let mut tx = self.begin_change().await?;
        let anchor = store::meta::get(&mut tx, store::meta::AGENCY_AUDIT_VERIFIED)
            .await?
            .and_then(|text| {
                let (seq, hash) = text.split_once(':')?;
                Some(GlobalHead {
                    seq: seq.parse().ok()?,
                    hash: hash.to_owned(),
                })
            });
        drop(tx);
        let verdict = server_audit::verify(&rows, &head, anchor.as_ref());

        let mut names = Names::default();
        let mut shown = Vec::with_capacity(desks.len());
        for desk in &desks {
            let verification = match verdict.desks.get(&desk.uid) {
                None => api::ChainVerification::Intact { rows: 0 },
                Some(DeskVerdict::Intact { rows }) => {
                    api::ChainVerification::Intact { rows: *rows }
                }
                Some(DeskVerdict::Broken { seq, reason }) => api::ChainVerification::Broken {
                    first_bad_id: *seq,
                    reason: reason.clone(),
                },
            };
            shown.push(api::DeskChain {
                label: desk.label.clone(),
                member: names
                    .member(self, desk.member)
                    .await?
                    .map_or_else(|| Said::id("agency-member-unknown"), Said::Text),
                this_desk: desk.uid == server.desk,
                verification,
            });
        }
        let unknown = verdict
            .desks
            .keys()
            .find(|uid| !desks.iter().any(|d| d.uid == **uid));
        let agency_problem = match (&verdict.global, unknown) {
            (Some((at, reason)), _) => Some(
                Said::id("agency-audit-global-problem")
                    .arg("row", *at)
                    .arg("reason", reason.clone()),
            ),
            (None, Some(uid)) => {
                Some(Said::id("agency-audit-desk-not-listed").arg("desk", uid.to_string()))
            }
            (None, None) => None,
        };
        let whole = agency_problem.is_none()
            && shown
                .iter()
                .all(|d| matches!(d.verification, api::ChainVerification::Intact { .. }));

        let mut tx = self.begin_change().await?;
        if whole {
            let verified = format!("{}:{}", head.seq, head.hash);
            store::meta::set(&mut tx, store::meta::AGENCY_AUDIT_VERIFIED, &verified).await?;
        }
        let detail = if whole {
            format!("agency: intact, {} desks, {} rows", shown.len(), rows.len())
        } else {
            format!(
                "agency: broken ({} desks, {} rows)",
                shown.len(),
                rows.len()
            )
        };
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::AuditChainVerified,
            &detail,
        )
        .await?;
        tx.commit("Failed to record the verification").await?;
        Ok(Some(api::AgencyChainReport {
            desks: shown,
            agency_problem,
            rows: i64::try_from(rows.len()).unwrap_or(i64::MAX),
        }))
    }
}
