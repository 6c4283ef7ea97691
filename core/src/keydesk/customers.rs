//! Customers: create (never twice), see only one's own as an agent, find as you type,
//! edit without overwriting someone else's change, archive and restore.

use super::credentials::{NewLogin, PreparedLogin};
use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::domain::{
    BirthDate, CustomerEmail, FieldError, FreeText, PersonName, PhoneE164, RegionCode,
};
use crate::store::{self, customers::CustomerFields};
use anyhow::Context;
use keydesk_api::{
    CreateCustomerOutcome, CredentialsState, Customer, CustomerCursor, CustomerExport,
    CustomerInput, CustomerPage, CustomerQuery, CustomerSort, CustomerStatus, CustomerSummary,
    ExistingCustomer, FieldProblem, Tier,
};
use sqlx::{QueryBuilder, Sqlite};

/// Empties an optional field so parsing can go on past it; required fields get a
/// placeholder that parses. Returns false for a field it does not know.
fn blank_field(input: &mut CustomerInput, field: &str) -> bool {
    match field {
        "email" => input.email = "placeholder@example.com".to_owned(),
        "first_name" => input.first_name = "placeholder".to_owned(),
        "last_name" => input.last_name = "placeholder".to_owned(),
        "phone" => input.phone.clear(),
        "company" => input.company.clear(),
        "address" => input.address.clear(),
        "city" => input.city.clear(),
        "country" => input.country.clear(),
        "birth_date" => input.birth_date.clear(),
        "preferred_language" => input.preferred_language.clear(),
        "notes" => input.notes.clear(),
        _ => return false,
    }
    true
}

/// The form, parsed: every field valid, or the first refusal.
pub(super) struct ParsedCustomer {
    pub(super) email: CustomerEmail,
    first_name: PersonName,
    last_name: PersonName,
    phone: Option<PhoneE164>,
    company: FreeText,
    address: FreeText,
    city: FreeText,
    country: Option<RegionCode>,
    birth_date: Option<BirthDate>,
    language: FreeText,
    input: CustomerInput,
}

impl ParsedCustomer {
    /// `region` is used for phone numbers without a country code when the customer has
    /// no country.
    pub(super) fn parse(
        input: CustomerInput,
        today: chrono::NaiveDate,
        region: RegionCode,
    ) -> Result<Self, FieldError> {
        let country = Some(input.country.trim())
            .filter(|c| !c.is_empty())
            .map(|c| RegionCode::parse("country", c))
            .transpose()?;
        let phone = Some(input.phone.trim())
            .filter(|p| !p.is_empty())
            .map(|p| PhoneE164::parse("phone", p, country.unwrap_or(region)))
            .transpose()?;
        let language = FreeText::parse("preferred_language", &input.preferred_language, 35)?;
        if !language.as_ref().is_empty()
            && !language.as_ref().split('-').all(|part| {
                (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
            })
        {
            return Err(FieldError::new(
                "preferred_language",
                "Use a language code such as en, de or pt-BR.",
            ));
        }
        Ok(Self {
            email: CustomerEmail::parse("email", &input.email)?,
            first_name: PersonName::parse("first_name", &input.first_name)?,
            last_name: PersonName::parse("last_name", &input.last_name)?,
            phone,
            company: FreeText::parse("company", &input.company, 200)?,
            address: FreeText::parse("address", &input.address, 200)?,
            city: FreeText::parse("city", &input.city, 100)?,
            country,
            birth_date: Some(input.birth_date.trim())
                .filter(|d| !d.is_empty())
                .map(|d| BirthDate::parse("birth_date", d, today))
                .transpose()?,
            language,
            input: CustomerInput {
                notes: FreeText::parse("notes", &input.notes, 5000)?
                    .as_ref()
                    .to_owned(),
                ..input
            },
        })
    }

    /// Parses the form, or names every refused field with the message saving would
    /// give. Parsing stops at the first refusal, so each refused field is blanked and
    /// parsing goes again.
    pub(super) fn parse_all(
        input: CustomerInput,
        today: chrono::NaiveDate,
        region: RegionCode,
    ) -> Result<Self, Vec<FieldError>> {
        let mut probe = input.clone();
        let mut error = match Self::parse(input, today, region) {
            Ok(parsed) => return Ok(parsed),
            Err(error) => error,
        };
        let mut problems = Vec::new();
        loop {
            let known = blank_field(&mut probe, error.field);
            problems.push(error);
            if !known {
                break;
            }
            match Self::parse(probe.clone(), today, region) {
                Ok(_) => break,
                Err(next) => error = next,
            }
        }
        Err(problems)
    }

    pub(super) fn fields(&self) -> CustomerFields<'_> {
        fn optional(text: &FreeText) -> Option<&str> {
            Some(text.as_ref()).filter(|s| !s.is_empty())
        }
        CustomerFields {
            email: self.email.as_ref(),
            first_name: self.first_name.as_ref(),
            last_name: self.last_name.as_ref(),
            phone: self.phone.as_ref().map(AsRef::as_ref),
            company: optional(&self.company),
            address: optional(&self.address),
            city: optional(&self.city),
            country: self.country.as_ref().map(RegionCode::as_str),
            birth_date: self.birth_date.map(|d| d.date().to_string()),
            preferred_language: optional(&self.language),
            contact_method: self.input.contact_method,
            tier: self.input.tier.unwrap_or(Tier::Bronze),
            notes: &self.input.notes,
            marketing_consent: self.input.marketing_consent,
        }
    }
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
        let problems =
            ParsedCustomer::parse_all(input.clone(), today, self.default_phone_region().await?)
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
            ParsedCustomer::parse(input, now.date_naive(), self.default_phone_region().await?)?;
        let mut tx = self.store.begin().await?;
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
        let id = store::customers::insert(&mut tx, &parsed.fields(), actor.id(), now).await?;
        store::customers::link_agent(&mut tx, id, actor.id(), true, actor.id(), now).await?;
        let detail = format!("customer #{id}");
        audit::append_for_customer(
            &mut tx,
            now,
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
        tx.commit().await.context("Failed to save the customer")?;
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
        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
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
        audit::append_for_customer(
            &mut tx,
            now,
            AuditActor::Staff(actor),
            AuditAction::CustomerEdited,
            customer_id,
            &detail,
        )
        .await?;
        tx.commit().await.context("Failed to save the link notes")?;
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
            ParsedCustomer::parse(input, now.date_naive(), self.default_phone_region().await?)?;
        let mut tx = self.store.begin().await?;
        if let Some(other) =
            store::customers::find_id_by_email(&mut tx, parsed.email.as_ref()).await?
        {
            if other != customer_id {
                return Err(
                    FieldError::new("email", "Another customer already has this email.").into(),
                );
            }
        }
        let written = store::customers::update_if_version(
            &mut tx,
            customer_id,
            expected_version,
            &parsed.fields(),
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
        audit::append_for_customer(
            &mut tx,
            now,
            AuditActor::Staff(actor),
            AuditAction::CustomerEdited,
            customer_id,
            &detail,
        )
        .await?;
        tx.commit().await.context("Failed to save the customer")?;
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
            let now = self.clock.now();
            let mut tx = self.store.begin().await?;
            store::customers::set_status(&mut tx, customer_id, status, actor.id(), now).await?;
            let action = if archived {
                AuditAction::CustomerArchived
            } else {
                AuditAction::CustomerRestored
            };
            let detail = format!("customer #{customer_id}");
            audit::append_for_customer(
                &mut tx,
                now,
                AuditActor::Staff(actor),
                action,
                customer_id,
                &detail,
            )
            .await?;
            tx.commit()
                .await
                .context("Failed to change the customer's status")?;
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
        const COLUMNS: &str = "SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.company,
                c.status, c.tier, a.customer_id IS NOT NULL AS has_account,
                COALESCE(a.verified, 0) AS verified, COALESCE(a.credentials_sent, 0) AS sent,
                a.last_login_at, a.last_login_at AS last_login_key";
        let mut page = QueryBuilder::new(COLUMNS);
        match (query.sort, &fts) {
            // Newest first with words: walk the index's rowid order backwards and stop
            // after one page, however many rows match.
            (CustomerSort::Newest, Some(fts)) => {
                page.push(
                    " FROM customers_fts f JOIN customers c ON c.id = f.rowid
                      LEFT JOIN customer_accounts a ON a.customer_id = c.id
                      WHERE customers_fts MATCH ",
                );
                page.push_bind(fts.clone());
                push_conditions(&mut page, mine, None, query, false);
                if let Some(after) = &query.after {
                    page.push(" AND f.rowid < ").push_bind(after.id);
                }
                // Ordering by the index's own rowid (not the joined table's) is what lets
                // SQLite read the index backwards and stop early.
                page.push(" ORDER BY f.rowid DESC");
            }
            (sort, _) => {
                page.push(
                    " FROM customers c LEFT JOIN customer_accounts a ON a.customer_id = c.id
                      WHERE 1 = 1",
                );
                push_conditions(&mut page, mine, fts.as_deref(), query, true);
                page.push(match sort {
                    CustomerSort::Newest => " ORDER BY c.id DESC",
                    CustomerSort::Name => {
                        " ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id"
                    }
                    CustomerSort::LastLogin => {
                        " ORDER BY COALESCE(a.last_login_at, '') DESC, c.id DESC"
                    }
                });
            }
        }
        page.push(" LIMIT ").push_bind(i64::from(limit) + 1);
        let rows: Vec<SummaryRow> = page
            .build_query_as()
            .fetch_all(self.store.reader())
            .await
            .context("Failed to list customers")?;
        // With words only, the index alone knows how many rows match.
        let words_only = mine.is_none()
            && query.status.is_none()
            && query.tier.is_none()
            && query.agent.is_none()
            && query.verified.is_none()
            && query.credentials.is_none();
        let mut count = match &fts {
            Some(fts) if words_only => {
                let mut q = QueryBuilder::new(
                    "SELECT COUNT(*) FROM customers_fts WHERE customers_fts MATCH ",
                );
                q.push_bind(fts.clone());
                q
            }
            _ => {
                let mut q = QueryBuilder::new("SELECT COUNT(*) FROM customers c WHERE 1 = 1");
                push_conditions(&mut q, mine, fts.as_deref(), query, false);
                q
            }
        };
        let total: i64 = count
            .build_query_scalar()
            .fetch_one(self.store.reader())
            .await
            .context("Failed to count customers")?;
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
            .map(SummaryRow::into_summary)
            .collect::<anyhow::Result<_>>()?;
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
        let now = self.clock.now();
        let mut tx = self.store.begin().await?;
        store::customers::delete(&mut tx, customer_id).await?;
        let detail = format!("customer #{customer_id}");
        audit::append_for_customer(
            &mut tx,
            now,
            AuditActor::Staff(&actor),
            AuditAction::CustomerErased,
            customer_id,
            &detail,
        )
        .await?;
        tx.commit().await.context("Failed to erase the customer")?;
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
        let fts = store::customers::fts_query(&query.search);
        let mut select = QueryBuilder::new(
            "SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.company, c.address, c.city,
                    c.country, c.birth_date, c.preferred_language, c.contact_method, c.status, c.tier,
                    c.notes, c.marketing_consent, c.created_at, c.updated_at
             FROM customers c WHERE 1 = 1",
        );
        if query.search.trim().is_empty() || fts.is_some() {
            push_conditions(&mut select, None, fts.as_deref(), query, false);
        } else {
            select.push(" AND 0");
        }
        select.push(" ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id");
        let rows: Vec<sqlx::sqlite::SqliteRow> = select
            .build()
            .fetch_all(self.store.reader())
            .await
            .context("Failed to read customers")?;
        let stamp = self.clock.now().format("%Y%m%d-%H%M%S");
        let mut export =
            super::export_file::ExportFile::create(dir, &format!("keydesk-customers-{stamp}.csv"))?;
        let mut writer = csv::Writer::from_writer(export.writer()?);
        let columns = [
            "id",
            "email",
            "first_name",
            "last_name",
            "phone",
            "company",
            "address",
            "city",
            "country",
            "birth_date",
            "preferred_language",
            "contact_method",
            "status",
            "tier",
            "notes",
            "marketing_consent",
            "created_at",
            "updated_at",
        ];
        writer
            .write_record(columns)
            .context("Failed to write the CSV header")?;
        for row in &rows {
            use sqlx::Row;
            let mut record: Vec<String> = Vec::with_capacity(columns.len());
            for (i, _) in columns.iter().enumerate() {
                let value: Option<String> = match i {
                    0 => Some(row.try_get::<i64, _>(i)?.to_string()),
                    15 => Some(row.try_get::<bool, _>(i)?.to_string()),
                    _ => row.try_get::<Option<String>, _>(i)?,
                };
                record.push(crate::audit::neutralise_formula(&value.unwrap_or_default()));
            }
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

/// A row of the list as the page query reads it.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    email: String,
    first_name: String,
    last_name: String,
    phone: Option<String>,
    company: Option<String>,
    status: String,
    tier: String,
    has_account: bool,
    verified: bool,
    sent: bool,
    last_login_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The stored text, as the last-login order compares it.
    last_login_key: Option<String>,
}

impl SummaryRow {
    fn into_summary(self) -> anyhow::Result<CustomerSummary> {
        Ok(CustomerSummary {
            id: self.id,
            email: self.email,
            first_name: self.first_name,
            last_name: self.last_name,
            phone: self.phone,
            company: self.company,
            status: self
                .status
                .parse()
                .context("Unknown value in customers.status")?,
            tier: self
                .tier
                .parse()
                .context("Unknown value in customers.tier")?,
            verified: self.verified,
            credentials: store::customers::credentials_state(self.has_account, self.sent),
            last_login_at: self.last_login_at.map(|at| at.to_rfc3339()),
        })
    }
}

/// The WHERE conditions of the customer list: whose customers, which words, which
/// status and tier, and (for paging) after which row.
fn push_conditions(
    q: &mut QueryBuilder<Sqlite>,
    linked_to: Option<crate::domain::StaffId>,
    fts: Option<&str>,
    query: &CustomerQuery,
    with_cursor: bool,
) {
    if let Some(staff) = linked_to {
        q.push(" AND c.id IN (SELECT customer_id FROM customer_agents WHERE staff_id = ")
            .push_bind(staff.0)
            .push(")");
    }
    if let Some(fts) = fts {
        q.push(" AND c.id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ")
            .push_bind(fts.to_owned())
            .push(")");
    }
    if let Some(status) = query.status {
        q.push(" AND c.status = ").push_bind(status.as_str());
    }
    if let Some(tier) = query.tier {
        q.push(" AND c.tier = ").push_bind(tier.as_str());
    }
    if let Some(agent) = query.agent {
        q.push(" AND c.id IN (SELECT customer_id FROM customer_agents WHERE staff_id = ")
            .push_bind(agent)
            .push(")");
    }
    match query.verified {
        Some(true) => {
            q.push(" AND c.id IN (SELECT customer_id FROM customer_accounts WHERE verified = 1)");
        }
        Some(false) => {
            q.push(
                " AND c.id NOT IN (SELECT customer_id FROM customer_accounts WHERE verified = 1)",
            );
        }
        None => {}
    }
    match query.credentials {
        Some(CredentialsState::NoLogin) => {
            q.push(" AND c.id NOT IN (SELECT customer_id FROM customer_accounts)");
        }
        Some(CredentialsState::Pending) => {
            q.push(
                " AND c.id IN (SELECT customer_id FROM customer_accounts
                               WHERE credentials_sent = 0)",
            );
        }
        Some(CredentialsState::Sent) => {
            q.push(
                " AND c.id IN (SELECT customer_id FROM customer_accounts
                               WHERE credentials_sent = 1)",
            );
        }
        None => {}
    }
    match (with_cursor, &query.after, query.sort) {
        (true, Some(after), CustomerSort::Newest) => {
            q.push(" AND c.id < ").push_bind(after.id);
        }
        (true, Some(after), CustomerSort::LastLogin) => {
            // The page query joins the account as `a`; the count never pages.
            q.push(" AND (COALESCE(a.last_login_at, ''), c.id) < (")
                .push_bind(after.last_login_at.clone().unwrap_or_default())
                .push(", ")
                .push_bind(after.id)
                .push(")");
        }
        (true, Some(after), CustomerSort::Name) => {
            q.push(" AND (c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id) > (")
                .push_bind(after.last_name.clone())
                .push(", ")
                .push_bind(after.first_name.clone())
                .push(", ")
                .push_bind(after.id)
                .push(")");
        }
        _ => {}
    }
}
