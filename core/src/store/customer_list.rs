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

/// The columns of a [`SummaryRow`], for queries that join the customer as `c` and their
/// account as `a`.
const COLUMNS: &str = "SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.company,
            c.status, c.tier, a.customer_id IS NOT NULL AS has_account,
            COALESCE(a.verified, 0) AS verified, COALESCE(a.credentials_sent, 0) AS sent,
            a.last_login_at, a.last_login_at AS last_login_key";

/// Up to `limit` rows of the list the member may see (`mine`: only the customers linked
/// to them), matching `fts` (the search as an index query) and the filters, after the
/// query's cursor, in its order. Each order reads an index in that order and stops after
/// one page where it can, so a page costs about the same however many rows match.
/// `matches` is how many rows match in all ([`count`]).
pub async fn page(
    pool: &SqlitePool,
    mine: Option<StaffId>,
    fts: Option<&str>,
    query: &CustomerQuery,
    matches: i64,
    limit: i64,
) -> anyhow::Result<Vec<SummaryRow>> {
    match query.sort {
        CustomerSort::Newest => {
            let before = query.after.as_ref().map(|after| after.id);
            newest(pool, mine, fts, query, Signed::Any, before, limit).await
        }
        CustomerSort::Name => by_name(pool, mine, fts, query, matches, limit).await,
        CustomerSort::LastLogin => by_last_login(pool, mine, fts, query, limit).await,
    }
}

/// Which customers a newest-first read keeps.
#[derive(Clone, Copy, PartialEq)]
enum Signed {
    Any,
    /// Those who never signed in to the portal: the tail of the last-login order.
    Never,
}

async fn fetch(
    mut query: QueryBuilder<Sqlite>,
    pool: &SqlitePool,
) -> anyhow::Result<Vec<SummaryRow>> {
    query
        .build_query_as()
        .fetch_all(pool)
        .await
        .context("Failed to list customers")
}

/// Newest first (by id, descending), before the id `before`.
async fn newest(
    pool: &SqlitePool,
    mine: Option<StaffId>,
    fts: Option<&str>,
    query: &CustomerQuery,
    signed: Signed,
    before: Option<i64>,
    limit: i64,
) -> anyhow::Result<Vec<SummaryRow>> {
    let mut page = QueryBuilder::new(COLUMNS);
    // With words, walk the search index's rowid order backwards and stop after one page,
    // however many rows match: ordering by the index's own rowid (not the joined table's)
    // is what lets SQLite do that.
    let id = match fts {
        Some(fts) => {
            page.push(
                " FROM customers_fts f JOIN customers c ON c.id = f.rowid
                      LEFT JOIN customer_accounts a ON a.customer_id = c.id
                      WHERE customers_fts MATCH ",
            )
            .push_bind(fts.to_owned());
            "f.rowid"
        }
        None => {
            page.push(
                " FROM customers c LEFT JOIN customer_accounts a ON a.customer_id = c.id
                      WHERE 1 = 1",
            );
            "c.id"
        }
    };
    push_conditions(&mut page, "c.id", mine, None, query);
    if signed == Signed::Never {
        page.push(" AND a.last_login_at IS NULL");
    }
    if let Some(before) = before {
        page.push(format_args!(" AND {id} < ")).push_bind(before);
    }
    page.push(format_args!(" ORDER BY {id} DESC LIMIT "))
        .push_bind(limit);
    fetch(page, pool).await
}

/// By last name, then first name.
async fn by_name(
    pool: &SqlitePool,
    mine: Option<StaffId>,
    fts: Option<&str>,
    query: &CustomerQuery,
    matches: i64,
    limit: i64,
) -> anyhow::Result<Vec<SummaryRow>> {
    let Some(fts) = fts else {
        // Without words the name index is walked in order and stops after one page.
        let mut page = QueryBuilder::new(COLUMNS);
        page.push(
            " FROM customers c LEFT JOIN customer_accounts a ON a.customer_id = c.id WHERE 1 = 1",
        );
        push_conditions(&mut page, "c.id", mine, None, query);
        push_name_cursor(&mut page, "c.", query);
        page.push(NAME_ORDER).push(" LIMIT ").push_bind(limit);
        return fetch(page, pool).await;
    };
    if query.status.is_none() && query.tier.is_none() && matches > 0 {
        // When the words match most customers, the first entries of the name index hold a
        // page of them: asking the search index about each entry in turn (about 20 µs an
        // entry) costs less than reading and sorting every match. The stretch asked about
        // is three pages' worth of evenly spread matches, as they may bunch together
        // further on; when it holds too few, every match is sorted after all.
        let customers = count_all(pool).await?;
        if matches * 2 >= customers {
            let stretch = (NAME_WALK_SLACK * limit * customers / matches).min(customers);
            let rows = walk_names(pool, mine, fts, query, stretch, limit).await?;
            if rows.len() as i64 >= limit {
                return Ok(rows);
            }
        }
    }
    // Every match sorted: the search index drives, each match's name is read to sort it,
    // and only the page's rows are read whole (sorting whole joined rows costs twice this).
    let mut sorted = QueryBuilder::new(COLUMNS);
    sorted
        .push(
            " FROM (SELECT c.id FROM customers_fts f CROSS JOIN customers c ON c.id = f.rowid
                    WHERE customers_fts MATCH ",
        )
        .push_bind(fts.to_owned());
    push_conditions(&mut sorted, "c.id", mine, None, query);
    push_name_cursor(&mut sorted, "c.", query);
    sorted
        .push(NAME_ORDER)
        .push(" LIMIT ")
        .push_bind(limit)
        .push(
            ") p JOIN customers c ON c.id = p.id
               LEFT JOIN customer_accounts a ON a.customer_id = c.id",
        )
        .push(NAME_ORDER);
    fetch(sorted, pool).await
}

/// Up to `limit` rows matching the words among the next `stretch` entries of the name
/// index (after the query's cursor), in name order.
async fn walk_names(
    pool: &SqlitePool,
    mine: Option<StaffId>,
    fts: &str,
    query: &CustomerQuery,
    stretch: i64,
    limit: i64,
) -> anyhow::Result<Vec<SummaryRow>> {
    let mut nearby = QueryBuilder::new(COLUMNS);
    nearby.push(
        " FROM (SELECT w.id, w.last_name, w.first_name FROM
                  (SELECT id, last_name, first_name
                   FROM customers INDEXED BY customers_name WHERE 1 = 1",
    );
    push_name_cursor(&mut nearby, "", query);
    nearby
        .push(" ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT ")
        .push_bind(stretch)
        .push(") w WHERE EXISTS (SELECT 1 FROM customers_fts WHERE customers_fts MATCH ")
        .push_bind(fts.to_owned())
        .push(" AND rowid = w.id)");
    push_conditions(&mut nearby, "w.id", mine, None, query);
    nearby
        .push(" ORDER BY w.last_name COLLATE NOCASE, w.first_name COLLATE NOCASE, w.id LIMIT ")
        .push_bind(limit)
        .push(
            ") p JOIN customers c ON c.id = p.id
               LEFT JOIN customer_accounts a ON a.customer_id = c.id",
        )
        .push(NAME_ORDER);
    fetch(nearby, pool).await
}

/// How many customers there are: SQLite counts a table's rows from its pages' headers
/// when the query has no condition at all.
async fn count_all(pool: &SqlitePool) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM customers")
        .fetch_one(pool)
        .await
        .context("Failed to count customers")
}

/// Most recent portal sign-in first, then those who never signed in, newest first: the
/// first read walks the sign-in index backwards, the second is a newest-first read.
async fn by_last_login(
    pool: &SqlitePool,
    mine: Option<StaffId>,
    fts: Option<&str>,
    query: &CustomerQuery,
    limit: i64,
) -> anyhow::Result<Vec<SummaryRow>> {
    let after = query.after.as_ref();
    // A cursor without a sign-in time is already among those who never signed in.
    let after_signed_in =
        after.and_then(|after| after.last_login_at.clone().filter(|at| !at.is_empty()));
    let mut rows = Vec::new();
    if after.is_none() || after_signed_in.is_some() {
        let mut signed_in = QueryBuilder::new(COLUMNS);
        signed_in.push(
            " FROM customer_accounts a INDEXED BY customer_accounts_last_login
                  JOIN customers c ON c.id = a.customer_id
                  WHERE a.last_login_at IS NOT NULL",
        );
        push_conditions(&mut signed_in, "c.id", mine, fts, query);
        if let (Some(at), Some(after)) = (after_signed_in, after) {
            signed_in
                .push(" AND (a.last_login_at, a.customer_id) < (")
                .push_bind(at)
                .push(", ")
                .push_bind(after.id)
                .push(")");
        }
        signed_in
            .push(" ORDER BY a.last_login_at DESC, a.customer_id DESC LIMIT ")
            .push_bind(limit);
        rows = fetch(signed_in, pool).await?;
    }
    let missing = limit - rows.len() as i64;
    if missing > 0 {
        let before = after.filter(|after| after.last_login_at.as_deref().unwrap_or("").is_empty());
        let never = newest(
            pool,
            mine,
            fts,
            query,
            Signed::Never,
            before.map(|after| after.id),
            missing,
        )
        .await?;
        rows.extend(never);
    }
    Ok(rows)
}

/// How many pages' worth of evenly spread matches the walk of the name index asks about.
const NAME_WALK_SLACK: i64 = 3;

const NAME_ORDER: &str = " ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id";

/// Rows after the query's cursor in name order; `table` is the alias prefix (`"c."` or none).
fn push_name_cursor(q: &mut QueryBuilder<Sqlite>, table: &str, query: &CustomerQuery) {
    if let Some(after) = &query.after {
        q.push(format_args!(
            " AND ({table}last_name COLLATE NOCASE, {table}first_name COLLATE NOCASE, {table}id) > ("
        ))
        .push_bind(after.last_name.clone())
        .push(", ")
        .push_bind(after.first_name.clone())
        .push(", ")
        .push_bind(after.id)
        .push(")");
    }
}

/// How many rows of the list match, paging aside.
pub async fn count(
    pool: &SqlitePool,
    mine: Option<StaffId>,
    fts: Option<&str>,
    query: &CustomerQuery,
) -> anyhow::Result<i64> {
    // With words only, the index alone knows how many rows match; with nothing at all,
    // the table's pages do (any condition, even `1 = 1`, makes SQLite read every row).
    let words_only = mine.is_none()
        && query.status.is_none()
        && query.tier.is_none()
        && query.agent.is_none()
        && query.verified.is_none()
        && query.credentials.is_none();
    if fts.is_none() && words_only {
        return count_all(pool).await;
    }
    let mut count = match fts {
        Some(fts) if words_only => {
            let mut q =
                QueryBuilder::new("SELECT COUNT(*) FROM customers_fts WHERE customers_fts MATCH ");
            q.push_bind(fts.to_owned());
            q
        }
        _ => {
            let mut q = QueryBuilder::new("SELECT COUNT(*) FROM customers c WHERE 1 = 1");
            push_conditions(&mut q, "c.id", mine, fts, query);
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
pub const EXPORT_COLUMNS: [&str; 20] = [
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
    "gender",
    "special_requirements",
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
                    c.notes, c.marketing_consent, c.gender, c.special_requirements, c.created_at,
                    c.updated_at
             FROM customers c WHERE 1 = 1",
    );
    if query.search.trim().is_empty() || fts.is_some() {
        push_conditions(&mut select, "c.id", None, fts.as_deref(), query);
    } else {
        select.push(" AND 0");
    }
    select.push(NAME_ORDER);
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
/// status and tier. `id` names the customer id column
/// the conditions on ids test (`c.id`, or a subquery's); status and tier read `c`.
fn push_conditions(
    q: &mut QueryBuilder<Sqlite>,
    id: &str,
    linked_to: Option<StaffId>,
    fts: Option<&str>,
    query: &CustomerQuery,
) {
    if let Some(staff) = linked_to {
        q.push(format_args!(
            " AND {id} IN (SELECT customer_id FROM customer_agents WHERE staff_id = "
        ))
        .push_bind(staff.0)
        .push(")");
    }
    if let Some(fts) = fts {
        q.push(format_args!(
            " AND {id} IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH "
        ))
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
        q.push(format_args!(
            " AND {id} IN (SELECT customer_id FROM customer_agents WHERE staff_id = "
        ))
        .push_bind(agent)
        .push(")");
    }
    match query.verified {
        Some(true) => {
            q.push(format_args!(
                " AND {id} IN (SELECT customer_id FROM customer_accounts WHERE verified = 1)"
            ));
        }
        Some(false) => {
            q.push(format_args!(
                " AND {id} NOT IN (SELECT customer_id FROM customer_accounts WHERE verified = 1)"
            ));
        }
        None => {}
    }
    match query.credentials {
        Some(CredentialsState::NoLogin) => {
            q.push(format_args!(
                " AND {id} NOT IN (SELECT customer_id FROM customer_accounts)"
            ));
        }
        Some(CredentialsState::Pending) => {
            q.push(format_args!(
                " AND {id} IN (SELECT customer_id FROM customer_accounts
                               WHERE credentials_sent = 0)"
            ));
        }
        Some(CredentialsState::Sent) => {
            q.push(format_args!(
                " AND {id} IN (SELECT customer_id FROM customer_accounts
                               WHERE credentials_sent = 1)"
            ));
        }
        None => {}
    }
}
