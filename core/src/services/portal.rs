//! The customer portal without an agency server: its accounts written for an identity
//! product (owners only; hashes, never a password), and its sign-ins read back.

use super::customer_import::{read_text, run_blocking};
use super::export_file::ExportFile;
use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::domain::{CustomerId, FieldError};
use crate::portal::identity_export::{self, ExportError};
use crate::portal::sign_in_file;
use crate::said::{Explain, Said};
use crate::store;
use chrono::{DateTime, Utc};
use keydesk_api::{
    IdentityProduct, PortalAccountsExport, SignInImportReport, SignInProblem,
    SIGN_IN_PROBLEMS_SHOWN,
};
use std::collections::BTreeMap;
use std::path::Path;

impl Keydesk {
    /// Writes every customer with a login into `dir`, in `product`'s import shape: the
    /// argon2id hash as stored, so customers keep the password they were handed.
    pub async fn export_portal_accounts(
        &self,
        actor: &Actor,
        product: IdentityProduct,
        dir: &Path,
    ) -> Result<PortalAccountsExport, ServiceError> {
        let actor = self
            .authorize(actor, Permission::ExportPortalAccounts)
            .await?;
        let accounts = store::portal::accounts(self.store.reader()).await?;
        let without_login = store::portal::count_without_login(self.store.reader()).await?;
        let contents = match product {
            IdentityProduct::Auth0 => identity_export::auth0_files(&accounts),
            IdentityProduct::Keycloak => identity_export::keycloak_file(&accounts).map(|f| vec![f]),
        }
        .map_err(|error| match error {
            ExportError::Hash(refused) => ServiceError::conflict(refused.explain()),
            ExportError::Unexpected(error) => ServiceError::Unexpected(error),
        })?;
        let stamp = self.clock.now().format("%Y%m%d-%H%M%S");
        let parts = contents.len();
        let mut files = Vec::with_capacity(parts);
        for (n, content) in contents.iter().enumerate() {
            let name = if parts == 1 {
                format!("keydesk-{}-users-{stamp}.json", product.as_str())
            } else {
                format!(
                    "keydesk-{}-users-{stamp}-part-{}.json",
                    product.as_str(),
                    n + 1
                )
            };
            let mut file = ExportFile::create(dir, &name)?;
            std::io::Write::write_all(file.writer()?, content)
                .map_err(|e| anyhow::anyhow!("Failed to write {name}: {e}"))?;
            files.push(file);
        }
        let count = i64::try_from(accounts.len()).unwrap_or(i64::MAX);
        let detail = format!(
            "{count} accounts for {} in {parts} {} to {}",
            product.label(),
            if parts == 1 { "file" } else { "files" },
            dir.display()
        );
        let paths = ExportFile::publish_all(
            files,
            self.audit(
                AuditActor::Staff(&actor),
                AuditAction::PortalAccountsExported,
                &detail,
            ),
        )
        .await?;
        tracing::info!(
            accounts = count,
            parts,
            product = product.as_str(),
            "portal accounts exported"
        );
        Ok(PortalAccountsExport {
            files: paths.iter().map(|p| p.display().to_string()).collect(),
            accounts: count,
            without_login,
        })
    }

    /// Records the sign-ins the portal's file at `path` reports: each customer's count
    /// and last sign-in follow. A sign-in already recorded is not counted again, so the
    /// same file twice changes nothing. Lines that are not sign-ins of a customer with a
    /// login are reported and skipped; a file that is not CSV text changes nothing.
    pub async fn import_portal_sign_ins(
        &self,
        actor: &Actor,
        path: &Path,
    ) -> Result<SignInImportReport, ServiceError> {
        let (actor, mut change) = self.change(actor, Permission::ImportPortalSignIns).await?;
        let now = change.now();
        let owned = path.to_owned();
        let (file_name, file) = run_blocking(move || {
            let (name, text) = read_text(&owned)?;
            let file = sign_in_file::read(&text, now).map_err(|problem| {
                FieldError::new(
                    "file",
                    Said::id("error-portal-file-problem")
                        .arg("file", name.as_str())
                        .arg("problem", problem),
                )
            })?;
            Ok((name, file))
        })
        .await?;
        if file.sign_ins.is_empty() && file.problems.is_empty() {
            return Err(FieldError::new(
                "file",
                Said::id("error-portal-no-sign-ins").arg("file", file_name.as_str()),
            )
            .into());
        }
        let emails: Vec<String> = file
            .sign_ins
            .iter()
            .map(|s| s.email.to_lowercase())
            .collect();
        let refs: Vec<&str> = emails.iter().map(String::as_str).collect();
        let ids = store::customers::ids_by_emails(self.store.reader(), &refs).await?;

        let mut report = SignInImportReport {
            file_name: file_name.clone(),
            rows: (file.sign_ins.len() + file.problems.len()) as u64,
            ..SignInImportReport::default()
        };
        let mut problems: Vec<(u64, Said)> = file
            .problems
            .into_iter()
            .map(|p| (p.line, p.message))
            .collect();
        // Per customer: sign-ins new to Keydesk, and the latest of them.
        let mut added: BTreeMap<CustomerId, (u64, DateTime<Utc>)> = BTreeMap::new();
        let mut with_login: BTreeMap<CustomerId, bool> = BTreeMap::new();
        for (sign_in, email) in file.sign_ins.iter().zip(&emails) {
            let Some(&customer) = ids.get(email) else {
                problems.push((sign_in.line, Said::id("error-portal-sign-in-no-customer")));
                continue;
            };
            let has_login = match with_login.get(&customer) {
                Some(&known) => known,
                None => {
                    let known = store::customer_accounts::has_login(&mut change, customer).await?;
                    with_login.insert(customer, known);
                    known
                }
            };
            if !has_login {
                problems.push((sign_in.line, Said::id("error-portal-sign-in-no-login")));
                continue;
            }
            let ip = sign_in.ip.map(|ip| ip.to_string());
            if store::portal::record_sign_in(&mut change, customer, sign_in.at, ip.as_deref(), now)
                .await?
            {
                report.recorded += 1;
                let entry = added.entry(customer).or_insert((0, sign_in.at));
                entry.0 += 1;
                entry.1 = entry.1.max(sign_in.at);
            } else {
                report.already_known += 1;
            }
        }
        for (&customer, &(count, latest)) in &added {
            store::portal::add_to_account(&mut change, customer, count, latest).await?;
        }
        report.customers = added.len() as u64;
        problems.sort_by_key(|(line, _)| *line);
        report.problem_count = problems.len() as u64;
        report.problems = problems
            .into_iter()
            .take(SIGN_IN_PROBLEMS_SHOWN)
            .map(|(line, message)| SignInProblem { line, message })
            .collect();
        let detail = format!(
            "{file_name}: {} sign-ins recorded for {} customers, {} already known, {} lines skipped",
            report.recorded, report.customers, report.already_known, report.problem_count
        );
        change
            .audit(
                AuditActor::Staff(&actor),
                AuditAction::PortalSignInsImported,
                &detail,
            )
            .await?;
        change
            .commit("Failed to record the portal's sign-ins")
            .await?;
        tracing::info!(
            recorded = report.recorded,
            already_known = report.already_known,
            skipped = report.problem_count,
            "portal sign-ins imported"
        );
        Ok(report)
    }
}
