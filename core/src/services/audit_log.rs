//! Reading, checking and exporting the audit log.

use super::export_file::ExportFile;
use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor, Filter};
use crate::auth::{Actor, Permission};
use keydesk_api::{AuditExport, AuditFilter, AuditFilterOptions, AuditPage, ChainVerification};
use std::path::Path;

impl Keydesk {
    pub async fn audit_page(
        &self,
        actor: &Actor,
        filter: &AuditFilter,
        before_id: Option<i64>,
        limit: u32,
    ) -> Result<AuditPage, ServiceError> {
        self.authorize(actor, Permission::ViewAudit).await?;
        let filter = Filter::parse(filter)?;
        Ok(audit::page(self.store.reader(), &filter, before_id, limit).await?)
    }

    pub async fn audit_filter_options(
        &self,
        actor: &Actor,
    ) -> Result<AuditFilterOptions, ServiceError> {
        self.authorize(actor, Permission::ViewAudit).await?;
        Ok(audit::filter_options(self.store.reader()).await?)
    }

    pub async fn verify_audit_chain(
        &self,
        actor: &Actor,
    ) -> Result<ChainVerification, ServiceError> {
        let actor = self.authorize(actor, Permission::VerifyAuditChain).await?;
        let chain = self.store.audit_chain();
        // The head this process still owes is written first, so the check of the log's
        // end covers every row committed so far.
        if let Some(chain) = chain {
            chain.flush().await;
        }
        let result = audit::verify_chain(self.store.reader(), chain).await?;
        let detail = match &result {
            ChainVerification::Intact { rows } => format!("intact, {rows} rows"),
            ChainVerification::Broken { first_bad_id, .. } => {
                format!("broken at row #{first_bad_id}")
            }
            ChainVerification::TailRemoved {
                rows,
                expected_rows,
            } => format!("{} rows removed from the end", expected_rows - rows),
        };
        self.audit(
            AuditActor::Staff(&actor),
            AuditAction::AuditChainVerified,
            &detail,
        )
        .await?;
        Ok(result)
    }

    /// Writes the rows matching `filter` to a new CSV file in `dir` and returns its path.
    /// The file appears only once it is complete and audited (see [`ExportFile`]).
    pub async fn export_audit_csv(
        &self,
        actor: &Actor,
        filter: &AuditFilter,
        dir: &Path,
    ) -> Result<AuditExport, ServiceError> {
        let actor = self.authorize(actor, Permission::ExportAudit).await?;
        let filter = Filter::parse(filter)?;
        let stamp = self.clock.now().format("%Y%m%d-%H%M%S");
        let mut export = ExportFile::create(dir, &format!("keydesk-audit-{stamp}.csv"))?;
        let rows = audit::export_csv(
            self.store.reader(),
            &filter,
            std::io::BufWriter::new(export.writer()?),
        )
        .await?;
        let detail = format!("{rows} rows to {}", export.path().display());
        let path = export
            .publish(self.audit(
                AuditActor::Staff(&actor),
                AuditAction::AuditExported,
                &detail,
            ))
            .await?;
        Ok(AuditExport {
            path: path.display().to_string(),
            rows,
        })
    }
}
