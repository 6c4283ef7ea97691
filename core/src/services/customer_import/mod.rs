//! Importing customers from a CSV file: look at the file and guess its columns, check
//! every row as the customer form would, then import the good rows in one
//! transaction that can be cancelled until it commits.

mod encoding;
mod file;
mod mapping;
mod rows;

pub(super) use file::read_text;

use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::domain::FieldError;
use crate::said::Said;
use crate::store;
use anyhow::Context;
use keydesk_api::{
    DuplicatePolicy, ImportField, ImportOutcome, ImportPreview, ImportProgress, ImportReport,
    TextEncoding,
};
use keydesk_api::{Message, Vocabulary};
use rows::CheckedFile;
use std::borrow::Cow;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Rows shown in the preview, and the characters shown of each cell.
const SAMPLE_ROWS: usize = 5;
const SAMPLE_CELL_CHARS: usize = 200;
/// Rows written between two yields to the other tasks.
const ROWS_PER_YIELD: usize = 100;

/// Stops an import between two rows; the window keeps a clone and calls
/// [`ImportCancel::cancel`]. A cancelled import writes nothing.
#[derive(Debug, Clone, Default)]
pub struct ImportCancel(Arc<AtomicBool>);

impl ImportCancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// The file an import reads, and the encoding to read it in: none lets Keydesk detect
/// it, and a byte order mark at the start of the file outweighs either. A path alone is
/// a file to read in the detected encoding.
#[derive(Debug, Clone, Copy)]
pub struct ImportFile<'a> {
    pub path: &'a Path,
    pub encoding: Option<TextEncoding>,
}

impl<'a> ImportFile<'a> {
    pub fn new(path: &'a Path, encoding: Option<TextEncoding>) -> Self {
        Self { path, encoding }
    }
}

impl<'a, P: AsRef<Path> + ?Sized> From<&'a P> for ImportFile<'a> {
    fn from(path: &'a P) -> Self {
        Self::new(path.as_ref(), None)
    }
}

impl Keydesk {
    /// The first look at a file: the encoding it was read in, its header, a few rows,
    /// how many rows, and which field each column seems to fill. Nothing is written.
    pub async fn preview_customer_import(
        &self,
        actor: &Actor,
        file: impl Into<ImportFile<'_>>,
    ) -> Result<ImportPreview, ServiceError> {
        let ImportFile { path, encoding } = file.into();
        self.authorize(actor, Permission::ImportCustomers).await?;
        let started = Instant::now();
        let owned = path.to_owned();
        let table = run_blocking(move || file::read_table(&owned, encoding)).await?;
        let mapping = mapping::guess_mapping(&table.columns);
        let width = table.columns.len();
        let sample_rows = table
            .rows
            .iter()
            .take(SAMPLE_ROWS)
            .map(|row| {
                (0..width)
                    .map(|i| sample_cell(row.cells.get(i).unwrap_or_default()))
                    .collect()
            })
            .collect();
        tracing::info!(
            file = %table.file_name,
            encoding = table.encoding.as_str(),
            encoding_source = table.encoding_source.as_str(),
            columns = width,
            rows = table.rows.len(),
            mapped = mapping.iter().flatten().count(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "import file previewed"
        );
        Ok(ImportPreview {
            path: path.display().to_string(),
            file_name: table.file_name,
            encoding: table.encoding,
            encoding_source: table.encoding_source,
            columns: table.columns,
            sample_rows,
            total_rows: table.rows.len() as u64,
            mapping,
        })
    }

    /// Checks every row of the file under `mapping` with the customer form's rules
    /// and says what an import would do. Nothing is written.
    pub async fn check_customer_import(
        &self,
        actor: &Actor,
        file: impl Into<ImportFile<'_>>,
        mapping: &[Option<ImportField>],
    ) -> Result<ImportReport, ServiceError> {
        let file = file.into();
        self.authorize(actor, Permission::ImportCustomers).await?;
        let started = Instant::now();
        let checked = self.check_file(file, mapping).await?;
        let emails: Vec<&str> = checked
            .rows
            .iter()
            .filter_map(|row| row.customer.as_ref())
            .map(|customer| customer.email.as_ref())
            .collect();
        let existing = store::customers::ids_by_emails(self.store.reader(), &emails).await?;
        let existing_customers = emails.iter().filter(|e| existing.contains_key(**e)).count();
        let report = ImportReport {
            rows: checked.rows.len() as u64,
            new_customers: (emails.len() - existing_customers) as u64,
            existing_customers: existing_customers as u64,
            refused_rows: checked.refused_rows(),
            problem_count: checked.problem_count,
            problems: checked.problems,
        };
        tracing::info!(
            file = %checked.file_name,
            encoding = checked.encoding.as_str(),
            rows = report.rows,
            new = report.new_customers,
            existing = report.existing_customers,
            refused = report.refused_rows,
            problems = report.problem_count,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "import file checked"
        );
        Ok(report)
    }

    /// Stops the running import, if the acting member may import: the shell holds the
    /// cancel switch of the import it runs and passes the flip of it as `stop`, which
    /// runs only once access control has let the call through.
    pub async fn cancel_customer_import(
        &self,
        actor: &Actor,
        stop: impl FnOnce(),
    ) -> Result<(), ServiceError> {
        self.authorize(actor, Permission::ImportCustomers).await?;
        stop();
        Ok(())
    }

    /// Imports the good rows of the file in one transaction: new emails become
    /// customers created by the importer; emails that already belong to a customer
    /// are linked to the importer or skipped, as `duplicates` says; refused rows are
    /// left out. The file is read and checked again, as it may have changed since
    /// the check. `progress` hears how far it has come; after `cancel` nothing at all
    /// is written and the answer is [`ServiceError::Cancelled`].
    pub async fn import_customers(
        &self,
        actor: &Actor,
        file: impl Into<ImportFile<'_>>,
        mapping: &[Option<ImportField>],
        duplicates: DuplicatePolicy,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
        cancel: &ImportCancel,
    ) -> Result<ImportOutcome, ServiceError> {
        let file = file.into();
        let actor = self.authorize(actor, Permission::ImportCustomers).await?;
        let started = Instant::now();
        let checked = self.check_file(file, mapping).await?;
        let total = checked.rows.len() as u64;
        progress(ImportProgress { done: 0, total });
        let now = self.clock.now();
        let mut outcome = ImportOutcome {
            created: 0,
            linked: 0,
            skipped: 0,
            refused: 0,
        };
        // About every 1%, and at least every 100 rows.
        let report_every = (checked.rows.len() / 100).clamp(1, 100);
        let mut tx = self.begin_change_at(now).await?;
        for (index, row) in checked.rows.iter().enumerate() {
            if cancel.is_cancelled() {
                return Err(cancelled(&checked, index, started));
            }
            let Some(customer) = &row.customer else {
                outcome.refused += 1;
                continue;
            };
            // Looked up inside the transaction: a customer someone created with this
            // email since the check is treated as existing, never written twice.
            let existing =
                store::customers::find_id_by_email(&mut tx, customer.email.as_ref()).await?;
            match (existing, duplicates) {
                (None, _) => {
                    let id = store::customers::insert(
                        &mut tx,
                        &super::customers::customer_fields(customer),
                        actor.id(),
                        now,
                    )
                    .await?;
                    store::customers::link_agent(&mut tx, id, actor.id(), true, actor.id(), now)
                        .await?;
                    tx.record_customer_created(id, actor.id()).await?;
                    let detail = format!("customer #{id} (imported)");
                    tx.audit_for_customer(
                        AuditActor::Staff(&actor),
                        AuditAction::CustomerCreated,
                        id,
                        &detail,
                    )
                    .await?;
                    outcome.created += 1;
                }
                (Some(id), DuplicatePolicy::Link) => {
                    let linked = store::customers::link_agent(
                        &mut tx,
                        id,
                        actor.id(),
                        false,
                        actor.id(),
                        now,
                    )
                    .await?;
                    if linked {
                        tx.record_link(id, actor.id(), actor.id()).await?;
                        let detail = format!("customer #{id} (import)");
                        tx.audit_for_customer(
                            AuditActor::Staff(&actor),
                            AuditAction::CustomerLinked,
                            id,
                            &detail,
                        )
                        .await?;
                        outcome.linked += 1;
                    } else {
                        // Already linked to the importer: nothing to change.
                        outcome.skipped += 1;
                    }
                }
                (Some(_), DuplicatePolicy::Skip) => outcome.skipped += 1,
            }
            let done = index + 1;
            if done % report_every == 0 && done < checked.rows.len() {
                progress(ImportProgress {
                    done: done as u64,
                    total,
                });
            }
            if done % ROWS_PER_YIELD == 0 {
                tokio::task::yield_now().await;
            }
        }
        if cancel.is_cancelled() {
            return Err(cancelled(&checked, checked.rows.len(), started));
        }
        let summary = format!(
            "{} created, {} linked, {} skipped, {} refused from {}",
            outcome.created, outcome.linked, outcome.skipped, outcome.refused, checked.file_name
        );
        tx.audit(
            AuditActor::Staff(&actor),
            AuditAction::CustomersImported,
            &summary,
        )
        .await?;
        tx.commit("Failed to save the import").await?;
        progress(ImportProgress { done: total, total });
        tracing::info!(
            file = %checked.file_name,
            encoding = checked.encoding.as_str(),
            created = outcome.created,
            linked = outcome.linked,
            skipped = outcome.skipped,
            refused = outcome.refused,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "customers imported"
        );
        Ok(outcome)
    }

    /// Reads the file and checks every row under `mapping`, off the async workers.
    async fn check_file(
        &self,
        file: ImportFile<'_>,
        mapping: &[Option<ImportField>],
    ) -> Result<CheckedFile, ServiceError> {
        let today = self.clock.now().date_naive();
        let region = self.default_phone_region().await?;
        let (path, encoding, mapping) = (file.path.to_owned(), file.encoding, mapping.to_vec());
        run_blocking(move || {
            let table = file::read_table(&path, encoding)?;
            let map = mapping::ColumnMap::parse(&mapping, table.columns.len())?;
            Ok(rows::check_rows(&table, &map, today, region))
        })
        .await
    }
}

/// A cell as the preview shows it: long text cut short, so a stray huge cell does not
/// travel to the window.
fn sample_cell(cell: &str) -> String {
    match cell.char_indices().nth(SAMPLE_CELL_CHARS) {
        Some((end, _)) => format!("{}…", &cell[..end]),
        None => cell.to_owned(),
    }
}

/// The transaction is dropped with the error, which rolls every row back.
fn cancelled(checked: &CheckedFile, done: usize, started: Instant) -> ServiceError {
    tracing::info!(
        file = %checked.file_name,
        done,
        rows = checked.rows.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "import cancelled, nothing written"
    );
    ServiceError::Cancelled
}

/// A value of a closed set (an encoding, a field) as the window names it.
fn word<V: Vocabulary>(value: V) -> Said {
    Said::Message(Message {
        id: Cow::Owned(value.message_id()),
        args: Vec::new(),
    })
}

/// A line or a count in a message.
fn number(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Reading and checking a file is CPU and disk work: keep it off the async workers.
pub(super) async fn run_blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, FieldError> + Send + 'static,
) -> Result<T, ServiceError> {
    Ok(tokio::task::spawn_blocking(work)
        .await
        .context("Reading the import file stopped unexpectedly")??)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_cells_are_cut_short_on_a_character_boundary() {
        assert_eq!(sample_cell("Zoë"), "Zoë");
        let long = "ë".repeat(SAMPLE_CELL_CHARS + 1);
        let shown = sample_cell(&long);
        assert_eq!(shown.chars().count(), SAMPLE_CELL_CHARS + 1);
        assert!(shown.ends_with("ë…"));
    }

    #[test]
    fn encodings_and_fields_are_said_as_the_window_names_them() {
        use crate::catalogue::in_english;
        for encoding in TextEncoding::ALL {
            assert_eq!(in_english(&word(encoding)), encoding.label());
        }
        for field in ImportField::ALL {
            assert_eq!(in_english(&word(field)), field.label());
        }
    }
}
