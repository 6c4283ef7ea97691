//! The customer list as a CSV file.

use super::super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::store;
use anyhow::Context;
use keydesk_api::{CustomerExport, CustomerQuery};

impl Keydesk {
    /// Writes every customer matching `query` (search and filters; paging ignored) as
    /// CSV into `dir`. Personal data only: no password hashes, no credentials.
    pub async fn export_customers_csv(
        &self,
        actor: &Actor,
        query: &CustomerQuery,
        dir: &std::path::Path,
    ) -> Result<CustomerExport, ServiceError> {
        let actor = self.authorize(actor, Permission::ExportCustomers).await?;
        let rows = store::customer_list::export_rows(self.store.reader(), query).await?;
        let stamp = self.clock.now().format("%Y%m%d-%H%M%S");
        let mut export = super::super::export_file::ExportFile::create(
            dir,
            &format!("keydesk-customers-{stamp}.csv"),
        )?;
        let mut writer = csv::Writer::from_writer(export.writer()?);
        writer
            .write_record(store::customer_list::EXPORT_COLUMNS)
            .context("Failed to write the CSV header")?;
        for row in &rows {
            let record: Vec<String> = row
                .iter()
                .map(|value| crate::audit::neutralise_formula(value))
                .collect();
            writer
                .write_record(&record)
                .context("Failed to write a CSV row")?;
        }
        writer.flush().context("Failed to finish the CSV file")?;
        drop(writer);
        let count = i64::try_from(rows.len()).unwrap_or(i64::MAX);
        let detail = format!("{count} customers to {}", export.path().display());
        let path = export
            .publish(self.audit(
                AuditActor::Staff(&actor),
                AuditAction::CustomersExported,
                &detail,
            ))
            .await?;
        Ok(CustomerExport {
            path: path.display().to_string(),
            rows: count,
        })
    }
}
