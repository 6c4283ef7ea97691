//! Rows of `customers`, `customer_agents` and the search index over them.

use super::Tx;
use crate::domain::{CustomerId, StaffId};
use anyhow::Context;
use chrono::{DateTime, Utc};
use keydesk_api::{
    ContactMethod, CredentialsState, Customer, CustomerAccount, CustomerStatus, Gender,
    LinkedAgent, Tier,
};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};
use std::collections::HashMap;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// A customer's fields, parsed, as the services write them.
pub struct CustomerFields<'a> {
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub phone: Option<&'a str>,
    pub company: Option<&'a str>,
    pub address: Option<&'a str>,
    pub city: Option<&'a str>,
    pub country: Option<&'a str>,
    pub birth_date: Option<String>,
    pub preferred_language: Option<&'a str>,
    pub contact_method: Option<ContactMethod>,
    pub tier: Tier,
    pub notes: &'a str,
    pub marketing_consent: bool,
    pub gender: Option<Gender>,
    pub special_requirements: &'a str,
}

/// The customer with this email, if any (case-insensitive).
pub async fn find_id_by_email(tx: &mut Tx, email: &str) -> anyhow::Result<Option<CustomerId>> {
    sqlx::query_scalar("SELECT id FROM customers WHERE email = ?")
        .bind(email)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to look up a customer email")
}

/// Which of `emails` (lowercase) already belong to a customer, with the customer's id.
/// Asks in batches, so checking a file of thousands of rows stays a few queries.
pub async fn ids_by_emails(
    pool: &SqlitePool,
    emails: &[&str],
) -> anyhow::Result<HashMap<String, CustomerId>> {
    let mut found = HashMap::new();
    for batch in emails.chunks(500) {
        let mut query =
            QueryBuilder::<Sqlite>::new("SELECT email, id FROM customers WHERE email IN (");
        let mut list = query.separated(", ");
        for email in batch {
            list.push_bind(*email);
        }
        query.push(")");
        let rows: Vec<(String, CustomerId)> = query
            .build_query_as()
            .fetch_all(pool)
            .await
            .context("Failed to look up customer emails")?;
        found.extend(
            rows.into_iter()
                .map(|(email, id)| (email.to_lowercase(), id)),
        );
    }
    Ok(found)
}

/// The email of a customer, if they exist (their login's username when it is created).
pub async fn email_of(tx: &mut Tx, id: CustomerId) -> anyhow::Result<Option<String>> {
    sqlx::query_scalar("SELECT email FROM customers WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to read a customer's email")
}

pub async fn insert(
    tx: &mut Tx,
    fields: &CustomerFields<'_>,
    by: StaffId,
    now: DateTime<Utc>,
) -> anyhow::Result<CustomerId> {
    sqlx::query_scalar(
        "INSERT INTO customers (email, first_name, last_name, phone, company, address, city, country,
                                birth_date, preferred_language, contact_method, tier, notes,
                                marketing_consent, gender, special_requirements, created_at,
                                created_by, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(fields.email)
    .bind(fields.first_name)
    .bind(fields.last_name)
    .bind(fields.phone)
    .bind(fields.company)
    .bind(fields.address)
    .bind(fields.city)
    .bind(fields.country)
    .bind(&fields.birth_date)
    .bind(fields.preferred_language)
    .bind(fields.contact_method.map(ContactMethod::as_str))
    .bind(fields.tier.as_str())
    .bind(fields.notes)
    .bind(fields.marketing_consent)
    .bind(fields.gender.map(Gender::as_str))
    .bind(fields.special_requirements)
    .bind(now)
    .bind(by.0)
    .bind(now)
    .bind(by.0)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to insert a customer")
}

/// Writes new field values if the row is still at `expected_version`; returns false
/// when someone else changed it first (nothing is written then).
pub async fn update_if_version(
    tx: &mut Tx,
    id: CustomerId,
    expected_version: i64,
    fields: &CustomerFields<'_>,
    by: StaffId,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE customers SET email = ?, first_name = ?, last_name = ?, phone = ?, company = ?,
                address = ?, city = ?, country = ?, birth_date = ?, preferred_language = ?,
                contact_method = ?, tier = ?, notes = ?, marketing_consent = ?, gender = ?,
                special_requirements = ?, version = version + 1, updated_at = ?, updated_by = ?
         WHERE id = ? AND version = ?",
    )
    .bind(fields.email)
    .bind(fields.first_name)
    .bind(fields.last_name)
    .bind(fields.phone)
    .bind(fields.company)
    .bind(fields.address)
    .bind(fields.city)
    .bind(fields.country)
    .bind(&fields.birth_date)
    .bind(fields.preferred_language)
    .bind(fields.contact_method.map(ContactMethod::as_str))
    .bind(fields.tier.as_str())
    .bind(fields.notes)
    .bind(fields.marketing_consent)
    .bind(fields.gender.map(Gender::as_str))
    .bind(fields.special_requirements)
    .bind(now)
    .bind(by.0)
    .bind(id)
    .bind(expected_version)
    .execute(&mut **tx)
    .await
    .context("Failed to update a customer")?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_status(
    tx: &mut Tx,
    id: CustomerId,
    status: CustomerStatus,
    by: StaffId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE customers SET status = ?, version = version + 1, updated_at = ?, updated_by = ?
         WHERE id = ?",
    )
    .bind(status.as_str())
    .bind(now)
    .bind(by.0)
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to change a customer's status")?;
    Ok(())
}

/// Whether a customer with this id exists (seen from inside the write transaction).
pub async fn exists(tx: &mut Tx, id: CustomerId) -> anyhow::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM customers WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to look up a customer")?;
    Ok(found.is_some())
}

/// Copies the WAL into the database file and cuts the WAL to nothing, so the page
/// images of an erased customer do not linger there. In WAL mode the old pages of every
/// change stay in the WAL file until a checkpoint, and an ordinary checkpoint only
/// rewinds it, leaving old frames past the new ones. Waits for readers through the busy
/// timeout; says whether the WAL was emptied. (A child of the store module, so it may
/// use the writer connection, which only the store itself otherwise touches.)
pub async fn truncate_wal(store: &super::Store) -> anyhow::Result<bool> {
    let (busy, _frames, _checkpointed): (i64, i64, i64) =
        sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(&store.writer)
            .await
            .context("Failed to checkpoint the database")?;
    Ok(busy == 0)
}

/// Removes the customer; their account and agent links go with them (foreign keys
/// cascade) and the search index follows through its trigger.
pub async fn delete(tx: &mut Tx, id: CustomerId) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM customers WHERE id = ?")
        .bind(id)
        .execute(&mut **tx)
        .await
        .context("Failed to erase a customer")?;
    Ok(())
}

pub async fn link_agent(
    tx: &mut Tx,
    customer: CustomerId,
    agent: StaffId,
    created_it: bool,
    by: StaffId,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO customer_agents (customer_id, staff_id, created_it, linked_at, linked_by)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(customer)
    .bind(agent.0)
    .bind(created_it)
    .bind(now)
    .bind(by.0)
    .execute(&mut **tx)
    .await
    .context("Failed to link a customer")?;
    Ok(done.rows_affected() == 1)
}

/// Sets the relationship notes of a link; false when there is no such link.
pub async fn set_link_notes(
    tx: &mut Tx,
    customer: CustomerId,
    agent: StaffId,
    notes: &str,
) -> anyhow::Result<bool> {
    let done =
        sqlx::query("UPDATE customer_agents SET notes = ? WHERE customer_id = ? AND staff_id = ?")
            .bind(notes)
            .bind(customer)
            .bind(agent.0)
            .execute(&mut **tx)
            .await
            .context("Failed to save the link notes")?;
    Ok(done.rows_affected() == 1)
}

pub async fn is_linked(
    pool: &SqlitePool,
    customer: CustomerId,
    agent: StaffId,
) -> anyhow::Result<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM customer_agents WHERE customer_id = ? AND staff_id = ?")
            .bind(customer)
            .bind(agent.0)
            .fetch_optional(pool)
            .await
            .context("Failed to check a customer link")?;
    Ok(found.is_some())
}

#[derive(sqlx::FromRow)]
struct CustomerRow {
    id: i64,
    email: String,
    first_name: String,
    last_name: String,
    phone: Option<String>,
    company: Option<String>,
    address: Option<String>,
    city: Option<String>,
    country: Option<String>,
    birth_date: Option<String>,
    preferred_language: Option<String>,
    contact_method: Option<String>,
    status: String,
    tier: String,
    notes: String,
    marketing_consent: bool,
    gender: Option<String>,
    special_requirements: String,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    updated_by: String,
    agency_number: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    username: String,
    must_change_password: bool,
    requires_verification: bool,
    verified: bool,
    verified_at: Option<DateTime<Utc>>,
    credentials_sent: bool,
    credentials_sent_at: Option<DateTime<Utc>>,
    credentials_sent_by: Option<String>,
    last_login_at: Option<DateTime<Utc>>,
    login_count: i64,
}

impl AccountRow {
    fn into_account(self) -> CustomerAccount {
        let stamp = |at: Option<DateTime<Utc>>| at.map(|at| at.to_rfc3339());
        CustomerAccount {
            username: self.username,
            must_change_password: self.must_change_password,
            requires_verification: self.requires_verification,
            // The flags are the truth; a time without its flag is not shown.
            verified_at: stamp(self.verified_at.filter(|_| self.verified)),
            credentials_sent_at: stamp(self.credentials_sent_at.filter(|_| self.credentials_sent)),
            credentials_sent_by: self.credentials_sent_by.filter(|_| self.credentials_sent),
            last_login_at: stamp(self.last_login_at),
            login_count: self.login_count,
        }
    }
}

/// Where a customer's login stands, from the account columns the list reads.
pub fn credentials_state(has_account: bool, credentials_sent: bool) -> CredentialsState {
    match (has_account, credentials_sent) {
        (false, _) => CredentialsState::NoLogin,
        (true, false) => CredentialsState::Pending,
        (true, true) => CredentialsState::Sent,
    }
}

pub async fn find(pool: &SqlitePool, id: CustomerId) -> anyhow::Result<Option<Customer>> {
    let row: Option<CustomerRow> = sqlx::query_as(
        "SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.company, c.address, c.city,
                c.country, c.birth_date, c.preferred_language, c.contact_method, c.status, c.tier,
                c.notes, c.marketing_consent, c.gender, c.special_requirements, c.version,
                c.created_at, c.updated_at, s.display_name AS updated_by, c.agency_number
         FROM customers c JOIN staff s ON s.id = c.updated_by WHERE c.id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
    .context("Failed to read a customer")?;
    let Some(row) = row else { return Ok(None) };
    let agents: Vec<(i64, String, bool, DateTime<Utc>, String)> = sqlx::query_as(
        "SELECT s.id, s.display_name, a.created_it, a.linked_at, a.notes
         FROM customer_agents a JOIN staff s ON s.id = a.staff_id
         WHERE a.customer_id = ? ORDER BY a.linked_at",
    )
    .bind(id)
    .fetch_all(pool)
    .await
    .context("Failed to read a customer's agents")?;
    let account: Option<AccountRow> = sqlx::query_as(
        "SELECT a.username, a.must_change_password, a.requires_verification, a.verified,
                a.verified_at, a.credentials_sent, a.credentials_sent_at,
                s.display_name AS credentials_sent_by, a.last_login_at, a.login_count
         FROM customer_accounts a LEFT JOIN staff s ON s.id = a.credentials_sent_by
         WHERE a.customer_id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
    .context("Failed to read a customer's login")?;
    Ok(Some(Customer {
        id: row.id,
        email: row.email,
        first_name: row.first_name,
        last_name: row.last_name,
        phone: row.phone,
        company: row.company,
        address: row.address,
        city: row.city,
        country: row.country,
        birth_date: row.birth_date,
        preferred_language: row.preferred_language,
        contact_method: row
            .contact_method
            .as_deref()
            .map(str::parse)
            .transpose()
            .context("Unknown value in customers.contact_method")?,
        status: row
            .status
            .parse()
            .context("Unknown value in customers.status")?,
        tier: row
            .tier
            .parse()
            .context("Unknown value in customers.tier")?,
        notes: row.notes,
        marketing_consent: row.marketing_consent,
        gender: row
            .gender
            .as_deref()
            .map(str::parse)
            .transpose()
            .context("Unknown value in customers.gender")?,
        special_requirements: row.special_requirements,
        version: row.version,
        number: row.agency_number,
        created_at: row.created_at.to_rfc3339(),
        updated_at: row.updated_at.to_rfc3339(),
        updated_by: row.updated_by,
        agents: agents
            .into_iter()
            .map(
                |(staff_id, display_name, created_it, linked_at, notes)| LinkedAgent {
                    staff_id,
                    display_name,
                    created_it,
                    linked_at: linked_at.to_rfc3339(),
                    notes,
                },
            )
            .collect(),
        account: account.map(AccountRow::into_account),
    }))
}

/// Who last changed a customer, and when (for the "changed by X at T" refusal).
pub async fn last_change(
    pool: &SqlitePool,
    id: CustomerId,
) -> anyhow::Result<Option<(String, DateTime<Utc>)>> {
    sqlx::query_as(
        "SELECT s.display_name, c.updated_at FROM customers c JOIN staff s ON s.id = c.updated_by
         WHERE c.id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
    .context("Failed to read who changed a customer")
}

/// Ids of customers matching a search, for the services' visibility-aware listing.
/// Each word of `text` must match the start of a word in name, email, phone, company
/// or notes. Results are ordered by name (an index), never by rank, so short prefixes
/// stay fast however many rows match.
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !is_word_char(c) && !is_mark(c))
        // A term with no word character is a phrase of no words to the index, which
        // matches nothing and would empty the whole search.
        .filter(|t| t.chars().any(is_word_char))
        .map(|t| format!("\"{}\"*", t.to_lowercase()))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// Whether the index's tokenizer (FTS5 `unicode61`, whose word characters are the
/// categories `L* N* Co`) keeps `c` inside a word. A search must never split a word where
/// the index does not: the second half would be looked for as a word of its own, and a
/// customer with a private-use character in their name (as older systems stored rare name
/// characters) would not be found by typing that name.
fn is_word_char(c: char) -> bool {
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
    ) || c.general_category() == GeneralCategory::PrivateUse
}

/// Combining marks stay in the term: inside a quoted phrase the index's own tokenizer
/// splits or folds them the way it did when it indexed the name.
fn is_mark(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Mark
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn search_text_becomes_prefix_terms_and_cannot_inject_syntax() {
        assert_eq!(fts_query("Ann"), Some("\"ann\"*".to_owned()));
        assert_eq!(
            fts_query(" ann  SMI "),
            Some("\"ann\"* AND \"smi\"*".to_owned())
        );
        assert_eq!(
            fts_query("ann@exa"),
            Some("\"ann\"* AND \"exa\"*".to_owned())
        );
        assert_eq!(
            fts_query("\"OR NEAR("),
            Some("\"or\"* AND \"near\"*".to_owned())
        );
        assert_eq!(fts_query(" -*\" "), None);
    }

    #[test]
    fn a_word_is_split_only_where_the_index_splits_it() {
        assert_eq!(
            fts_query("Wai\u{E000}ming Chan"),
            Some("\"wai\u{E000}ming\"* AND \"chan\"*".to_owned())
        );
        assert_eq!(
            fts_query("Zoe\u{308} Ro"),
            Some("\"zoe\u{308}\"* AND \"ro\"*".to_owned())
        );
        // A lone mark is no word: it must not empty the search it is added to.
        assert_eq!(fts_query("\u{C3E}"), None);
        assert_eq!(fts_query("ann \u{C3E}"), Some("\"ann\"*".to_owned()));
    }
}
