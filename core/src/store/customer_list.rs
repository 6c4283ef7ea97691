//! The customer list's queries: one page in the chosen order, how many match, and every
//! matching row for the CSV export.

use super::customers::credentials_state;
use crate::domain::StaffId;
use anyhow::Context;
use keydesk_api::{CredentialsState, CustomerQuery, CustomerSort, CustomerSummary};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

/// A row of the list as the page query reads it.
#[derive(sqlx::FromRow)]
pub struct SummaryRow {
    pub id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub status: String,
    pub tier: String,
    pub has_account: bool,
    pub verified: bool,
    pub sent: bool,
    pub last_login_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The stored text, as the last-login order compares it.
    pub last_login_key: Option<String>,
}

impl SummaryRow {
    pub fn into_summary(self) -> anyhow::Result<CustomerSummary> {
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
            credentials: credentials_state(self.has_account, self.sent),
            last_login_at: self.last_login_at.map(|at| at.to_rfc3339()),
        })
    }
}

/// Up to `limit` rows of the list the member may see (`mine`: only the customers linked
/// to them), matching `fts` (the search as an index query) and the filters, after the
/// query's cursor, in its order.
pub async fn page(
    pool: &SqlitePool,
    mine: Option<StaffId>,
    fts: Option<&str>,
    query: &CustomerQuery,
    limit: i64,
) -> anyhow::Result<Vec<SummaryRow>> {
    const COLUMNS: &str = "SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.company,
                c.status, c.tier, a.customer_id IS NOT NULL AS has_account,
                COALESCE(a.verified, 0) AS verified, COALESCE(a.credentials_sent, 0) AS sent,
                a.last_login_at, a.last_login_at AS last_login_key";
    let mut page = QueryBuilder::new(COLUMNS);
    match (query.sort, fts) {
        // Newest first with words: walk the index's rowid order backwards and stop
        // after one page, however many rows match.
        (CustomerSort::Newest, Some(fts)) => {
            page.push(
                " FROM customers_fts f JOIN customers c ON c.id = f.rowid
                      LEFT JOIN customer_accounts a ON a.customer_id = c.id
                      WHERE customers_fts MATCH ",
            );
            page.push_bind(fts.to_owned());
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
            push_conditions(&mut page, mine, fts, query, true);
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
    page.push(" LIMIT ").push_bind(limit);
    page.build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to list customers")
}

/// How many rows of the list match, paging aside.
pub async fn count(
    pool: &SqlitePool,
    mine: Option<StaffId>,
    fts: Option<&str>,
    query: &CustomerQuery,
) -> anyhow::Result<i64> {
    // With words only, the index alone knows how many rows match.
    let words_only = mine.is_none()
        && query.status.is_none()
        && query.tier.is_none()
        && query.agent.is_none()
        && query.verified.is_none()
        && query.credentials.is_none();
    let mut count = match fts {
        Some(fts) if words_only => {
            let mut q =
                QueryBuilder::new("SELECT COUNT(*) FROM customers_fts WHERE customers_fts MATCH ");
            q.push_bind(fts.to_owned());
            q
        }
        _ => {
            let mut q = QueryBuilder::new("SELECT COUNT(*) FROM customers c WHERE 1 = 1");
            push_conditions(&mut q, mine, fts, query, false);
            q
        }
    };
    count
        .build_query_scalar()
        .fetch_one(pool)
        .await
        .context("Failed to count customers")
}

/// The columns of the customer export, in the order [`export_rows`] gives them:
/// personal data only, no password hashes, no credentials.
pub const EXPORT_COLUMNS: [&str; 18] = [
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

/// Every customer matching the query's search and filters (paging ignored), by name,
/// each as the text of [`EXPORT_COLUMNS`] (empty where there is no value).
pub async fn export_rows(
    pool: &SqlitePool,
    query: &CustomerQuery,
) -> anyhow::Result<Vec<Vec<String>>> {
    let fts = super::customers::fts_query(&query.search);
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
        .fetch_all(pool)
        .await
        .context("Failed to read customers")?;
    let mut records = Vec::with_capacity(rows.len());
    for row in &rows {
        use sqlx::Row;
        let mut record: Vec<String> = Vec::with_capacity(EXPORT_COLUMNS.len());
        for (i, _) in EXPORT_COLUMNS.iter().enumerate() {
            let value: Option<String> = match i {
                0 => Some(row.try_get::<i64, _>(i)?.to_string()),
                15 => Some(row.try_get::<bool, _>(i)?.to_string()),
                _ => row.try_get::<Option<String>, _>(i)?,
            };
            record.push(value.unwrap_or_default());
        }
        records.push(record);
    }
    Ok(records)
}

/// The WHERE conditions of the customer list: whose customers, which words, which
/// status and tier, and (for paging) after which row.
fn push_conditions(
    q: &mut QueryBuilder<Sqlite>,
    linked_to: Option<StaffId>,
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
