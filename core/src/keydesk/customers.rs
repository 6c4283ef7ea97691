//! Customers: create (never twice), see only one's own as an agent, find as you type,
//! edit without overwriting someone else's change, archive and restore.

use super::credentials::{NewLogin, PreparedLogin};
use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::domain::{FieldError, FreeText, NewCustomer, RegionCode};
use crate::store::{self, customers::CustomerFields};
use anyhow::Context;
use keydesk_api::{
    CreateCustomerOutcome, Customer, CustomerCursor, CustomerExport, CustomerField, CustomerInput,
    CustomerPage, CustomerQuery, CustomerStatus, CustomerSummary, ExistingCustomer, FieldProblem,
    Tier,
};

/// What the store writes for a parsed customer form.
pub(super) fn customer_fields(customer: &NewCustomer) -> CustomerFields<'_> {
    fn optional(text: &FreeText) -> Option<&str> {
        Some(text.as_ref()).filter(|s| !s.is_empty())
    }
    CustomerFields {
        email: customer.email.as_ref(),
        first_name: customer.first_name.as_ref(),
        last_name: customer.last_name.as_ref(),
        phone: customer.phone.as_ref().map(AsRef::as_ref),
        company: optional(&customer.company),
        address: optional(&customer.address),
        city: optional(&customer.city),
        country: customer.country.as_ref().map(RegionCode::as_str),
        birth_date: customer.birth_date.map(|d| d.date().to_string()),
        preferred_language: optional(&customer.preferred_language),
        contact_method: customer.contact_method,
        tier: customer.tier.unwrap_or(Tier::Bronze),
        notes: customer.notes.as_ref(),
        marketing_consent: customer.marketing_consent,
    }
}

/// The refusal saving reports: the first of a form's problems.
fn first_problem(problems: Vec<FieldError>) -> ServiceError {
    problems.into_iter().next().map_or_else(
        || ServiceError::Unexpected(anyhow::anyhow!("A customer form was refused for no reason")),
        ServiceError::from,
    )
}

impl Keydesk {
    /// Every problem of a customer form, field by field, with the same messages saving
    /// would give; nothing is written. Lets the form show errors as the person types.
    pub async fn check_customer(
        &self,
        actor: &Actor,
        input: &CustomerInput,
    ) -> Result<Vec<FieldProblem>, ServiceError> {
        self.authorize(actor, Permission::CreateCustomer).await?;
        let today = self.clock.now().date_naive();
        let problems = NewCustomer::parse(input, today, self.default_phone_region().await?)
            .err()
            .unwrap_or_default();
        Ok(problems
            .into_iter()
            .map(|error| FieldProblem {
                field: error.field.to_owned(),
                message: error.message,
            })
            .collect())
    }

    /// Creates a customer linked to its creator, or reports the existing customer with
    /// that email: a customer never exists twice. No login is generated here; the form's
    /// "generate login" goes through [`Keydesk::create_customer_with_login`].
    pub async fn create_customer(
        &self,
        actor: &Actor,
        input: CustomerInput,
    ) -> Result<CreateCustomerOutcome, ServiceError> {
        Ok(self.create_customer_issuing(actor, input, None).await?.0)
    }

    /// Creates a customer as [`Keydesk::create_customer`] does and, when `login` is
    /// given, issues it in the same transaction.
    pub(super) async fn create_customer_issuing(
        &self,
        actor: &Actor,
        input: CustomerInput,
        login: Option<&PreparedLogin>,
    ) -> Result<(CreateCustomerOutcome, Option<NewLogin>), ServiceError> {
        let actor = self.authorize(actor, Permission::CreateCustomer).await?;
        let now = self.clock.now();
        let parsed =
            NewCustomer::parse(&input, now.date_naive(), self.default_phone_region().await?)
                .map_err(first_problem)?;
        let mut tx = self.begin_change_at(now).await?;
        if let Some(existing_id) =
            store::customers::find_id_by_email(&mut tx, parsed.email.as_ref()).await?
        {
            drop(tx);
            // A member who may not see the customer learns only that it exists (which
            // the unique email gives away anyway) and gets an offer to link it.
            let existing = if self.may_see(&actor, existing_id).await? {
                ExistingCustomer::Visible {
                    customer_id: existing_id,
                }
            } else {
                ExistingCustomer::Linkable {
                    link_token: self.offer_customer_link(existing_id, actor.id())?,
                }
            };
            let outcome = CreateCustomerOutcome::Duplicate { existing };
            return Ok((outcome, None));
        }
        let id =
            store::customers::insert(&mut tx, &customer_fields(&parsed), actor.id(), now).await?;
        store::customers::link_agent(&mut tx, id, actor.id(), true, actor.id(), now).await?;
        let detail = format!("customer #{id}");
        tx.audit_for_customer(
            AuditActor::Staff(&actor),
            AuditAction::CustomerCreated,
            id,
            &detail,
        )
        .await?;
        let issued = match login {
            Some(login) => {
                let email = parsed.email.as_ref();
                Some(
                    self.issue_login_in(&mut tx, &actor, id, email, login, now)
                        .await?,
                )
            }
            None => None,
        };
        tx.commit("Failed to save the customer").await?;
        let customer = store::customers::find(self.store.reader(), id)
            .await?
            .context("The new customer vanished")?;
        let outcome = CreateCustomerOutcome::Created {
            customer: Box::new(customer),
        };
        Ok((outcome, issued))
    }

    /// A customer the acting member may see (owners and admins: any; agents: linked).
    pub async fn customer(
        &self,
        actor: &Actor,
        customer_id: i64,
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
        customer_id: i64,
        staff_id: i64,
        notes: &str,
    ) -> Result<Customer, ServiceError> {
        let current = self.customer(actor, customer_id).await?;
        let sees_all = auth::allows(actor.role(), Permission::SeeAllCustomers);
        if !sees_all && actor.id().0 != staff_id {
            return Err(ServiceError::NotAllowed(
                "You can only change the notes of your own link.".to_owned(),
            ));
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
        customer_id: i64,
    ) -> Result<Vec<keydesk_api::AuditEntry>, ServiceError> {
        self.customer(actor, customer_id).await?;
        Ok(audit::customer_history(self.store.reader(), customer_id, 200).await?)
    }

    /// Saves an edit made from `expected_version`. If someone changed the customer in
    /// the meantime the edit is refused, naming who and when, and nothing is written.
    pub async fn update_customer(
        &self,
        actor: &Actor,
        customer_id: i64,
        expected_version: i64,
        input: CustomerInput,
    ) -> Result<Customer, ServiceError> {
        let current = self.customer(actor, customer_id).await?;
        let now = self.clock.now();
        let parsed =
            NewCustomer::parse(&input, now.date_naive(), self.default_phone_region().await?)
                .map_err(first_problem)?;
        let mut tx = self.begin_change_at(now).await?;
        if let Some(other) =
            store::customers::find_id_by_email(&mut tx, parsed.email.as_ref()).await?
        {
            if other != customer_id {
                return Err(FieldError::new(
                    CustomerField::Email.as_str(),
                    "Another customer already has this email.",
                )
                .into());
            }
        }
        let written = store::customers::update_if_version(
            &mut tx,
            customer_id,
            expected_version,
            &customer_fields(&parsed),
            actor.id(),
            now,
        )
        .await?;
        if !written {
            drop(tx);
            let (who, when) = store::customers::last_change(self.store.reader(), customer_id)
                .await?
                .unwrap_or_else(|| ("someone".to_owned(), now));
            return Err(ServiceError::Conflict(format!(
                "This customer was changed by {who} at {}; reload to see their change.",
                when.format("%Y-%m-%d %H:%M UTC")
            )));
        }
        let detail = format!(
            "customer #{customer_id} (version {} → {})",
            current.version,
            current.version + 1
        );
        tx.audit_for_customer(
            AuditActor::Staff(actor),
            AuditAction::CustomerEdited,
            customer_id,
            &detail,
        )
        .await?;
        tx.commit("Failed to save the customer").await?;
        self.customer(actor, customer_id).await
    }

    /// Archives or restores a customer (owner, admin, or a linked agent).
    pub async fn set_customer_archived(
        &self,
        actor: &Actor,
        customer_id: i64,
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
            store::customers::set_status(&mut tx, customer_id, status, actor.id(), now).await?;
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
        let rows =
            store::customer_list::page(reader, mine, fts.as_deref(), query, i64::from(limit) + 1)
                .await?;
        let total = store::customer_list::count(reader, mine, fts.as_deref(), query).await?;
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
            .collect();
        Ok(CustomerPage { rows, total, next })
    }

    /// Erases a customer and everything that refers to them (account, links). The audit
    /// keeps a row that names only the customer's number. The owner must type the
    /// customer's email to confirm. Nothing of the customer stays in the data folder:
    /// not in the search index, not in freed pages, not in the WAL.
    pub async fn erase_customer(
        &self,
        actor: &Actor,
        customer_id: i64,
        confirmation: &str,
    ) -> Result<(), ServiceError> {
        let actor = self.authorize(actor, Permission::EraseCustomer).await?;
        let customer = self.customer(&actor, customer_id).await?;
        if !confirmation.trim().eq_ignore_ascii_case(&customer.email) {
            return Err(FieldError::new(
                "confirmation",
                "Type the customer's email exactly to confirm.",
            )
            .into());
        }
        let mut tx = self.begin_change().await?;
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
                customer_id,
                "the WAL could not be emptied after an erase; it will be when Keydesk closes"
            );
        }
        Ok(())
    }

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
        let mut export =
            super::export_file::ExportFile::create(dir, &format!("keydesk-customers-{stamp}.csv"))?;
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

    async fn may_see(&self, actor: &Actor, customer_id: i64) -> anyhow::Result<bool> {
        if auth::allows(actor.role(), Permission::SeeAllCustomers) {
            return Ok(true);
        }
        store::customers::is_linked(self.store.reader(), customer_id, actor.id()).await
    }
}
