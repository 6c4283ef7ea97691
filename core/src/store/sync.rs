//! A desk's side of syncing with the agency server: which server, the changes waiting to
//! be pushed, the answers someone should see, and writing what was pulled.

use anyhow::Context;
use chrono::{DateTime, Utc};
use keydesk_api::{ContactMethod, CustomerField, CustomerStatus, Gender, Role, Tier};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqlitePool};
use uuid::Uuid;

use super::Tx;
use crate::domain::{CustomerId, StaffId};
use crate::server::sync::{
    FieldValue, Fields, Op, OpAnswer, ServerCustomer, ServerMember, SyncedField,
};

/// The agency server this desk belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncServer {
    /// The server's URL, without any password or certificate file.
    pub url: String,
    /// The certificate authority pinned for the server's TLS (PEM), if not the system's.
    pub ca_pem: Option<String>,
    pub login: String,
    pub agency: Uuid,
    pub desk: Uuid,
    pub member: Uuid,
    pub pulled_up_to: i64,
    pub joined_at: DateTime<Utc>,
    pub last_synced_at: Option<DateTime<Utc>>,
    /// A new desk's join has not finished yet.
    pub joining: bool,
}

impl SyncServer {
    /// Where the server is: host, port and database, without the desk's login.
    pub fn place(&self) -> String {
        self.url
            .parse::<crate::server::ServerUrl>()
            .map_or_else(|_| self.url.clone(), |url| url.place())
    }
}

fn server_from(row: &SqliteRow) -> Result<SyncServer, sqlx::Error> {
    Ok(SyncServer {
        url: row.try_get("url")?,
        ca_pem: row.try_get("ca_pem")?,
        login: row.try_get("login")?,
        agency: row.try_get("agency_uid")?,
        desk: row.try_get("desk_uid")?,
        member: row.try_get("member_uid")?,
        pulled_up_to: row.try_get("pulled_up_to")?,
        joined_at: row.try_get("joined_at")?,
        last_synced_at: row.try_get("last_synced_at")?,
        joining: row.try_get("joining")?,
    })
}

/// The agency server, or `None` for a desk of its own.
pub async fn server(pool: &SqlitePool) -> anyhow::Result<Option<SyncServer>> {
    let row = sqlx::query("SELECT * FROM sync_server")
        .fetch_optional(pool)
        .await
        .context("Failed to read the agency server's settings")?;
    row.as_ref()
        .map(server_from)
        .transpose()
        .context("Failed to read the agency server's settings")
}

/// Whether this desk syncs (seen from inside a write transaction).
pub async fn is_on(tx: &mut Tx) -> anyhow::Result<bool> {
    let on: i64 = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM sync_server)")
        .fetch_one(&mut **tx)
        .await
        .context("Failed to read the agency server's settings")?;
    Ok(on == 1)
}

pub async fn set_server(tx: &mut Tx, server: &SyncServer) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO sync_server (singleton, url, ca_pem, login, agency_uid, desk_uid,
                                  member_uid, pulled_up_to, joined_at, last_synced_at, joining)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&server.url)
    .bind(&server.ca_pem)
    .bind(&server.login)
    .bind(server.agency)
    .bind(server.desk)
    .bind(server.member)
    .bind(server.pulled_up_to)
    .bind(server.joined_at)
    .bind(server.last_synced_at)
    .bind(server.joining)
    .execute(&mut **tx)
    .await
    .context("Failed to save the agency server's settings")?;
    // A desk enrolled again is no longer the revoked one.
    super::meta::delete(tx, super::meta::DESK_REVOKED_AT).await?;
    Ok(())
}

/// Marks a new desk's join as finished.
pub async fn finish_joining(tx: &mut Tx) -> anyhow::Result<()> {
    sqlx::query("UPDATE sync_server SET joining = 0")
        .execute(&mut **tx)
        .await
        .context("Failed to finish joining the agency server")?;
    Ok(())
}

/// Records that everything up to the server's change `cursor` is applied here.
pub async fn set_pulled_up_to(tx: &mut Tx, cursor: i64, now: DateTime<Utc>) -> anyhow::Result<()> {
    sqlx::query("UPDATE sync_server SET pulled_up_to = ?, last_synced_at = ?")
        .bind(cursor)
        .bind(now)
        .execute(&mut **tx)
        .await
        .context("Failed to save how far this desk has synced")?;
    Ok(())
}

/// Queues `op`, made by `made_by` about `customer`, for the next push.
pub async fn enqueue(
    tx: &mut Tx,
    op: &Op,
    customer: Option<Uuid>,
    made_by: Option<StaffId>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO sync_ops (uid, customer_uid, body, made_by, created_at)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(op.op)
    .bind(customer)
    .bind(serde_json::to_string(op).context("Failed to write a change for the server")?)
    .bind(made_by.map(|s| s.0))
    .bind(now)
    .execute(&mut **tx)
    .await
    .context("Failed to queue a change for the agency server")?;
    Ok(())
}

/// A queued change.
#[derive(Debug, Clone)]
pub struct PendingOp {
    pub seq: i64,
    pub op: Op,
    pub customer: Option<Uuid>,
    pub made_by: Option<StaffId>,
}

/// The oldest `limit` queued changes, oldest first.
pub async fn pending(pool: &SqlitePool, limit: i64) -> anyhow::Result<Vec<PendingOp>> {
    let rows =
        sqlx::query("SELECT seq, body, customer_uid, made_by FROM sync_ops ORDER BY seq LIMIT ?")
            .bind(limit)
            .fetch_all(pool)
            .await
            .context("Failed to read the changes waiting for the agency server")?;
    rows.iter()
        .map(|row| {
            let body: String = row.try_get("body")?;
            Ok(PendingOp {
                seq: row.try_get("seq")?,
                op: serde_json::from_str(&body)
                    .context("A change waiting for the agency server is unreadable")?,
                customer: row.try_get("customer_uid")?,
                made_by: row.try_get::<Option<i64>, _>("made_by")?.map(StaffId),
            })
        })
        .collect()
}

/// How many changes wait for the server.
pub async fn pending_count(pool: &SqlitePool) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM sync_ops")
        .fetch_one(pool)
        .await
        .context("Failed to count the changes waiting for the agency server")
}

/// [`pending_count`], seen from inside a write transaction.
pub async fn pending_count_in(tx: &mut Tx) -> anyhow::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM sync_ops")
        .fetch_one(&mut **tx)
        .await
        .context("Failed to count the changes waiting for the agency server")
}

/// Forgets a queued change the server has answered.
pub async fn answered(tx: &mut Tx, seq: i64) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM sync_ops WHERE seq = ?")
        .bind(seq)
        .execute(&mut **tx)
        .await
        .context("Failed to clear an answered change")?;
    Ok(())
}

/// Whether changes to `customer` still wait for the server's answer: what a pull says
/// of that customer is left alone until they are answered.
pub async fn has_pending_for(tx: &mut Tx, customer: Uuid) -> anyhow::Result<bool> {
    let found: i64 =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM sync_ops WHERE customer_uid = ?)")
            .bind(customer)
            .fetch_one(&mut **tx)
            .await
            .context("Failed to look up the changes waiting for the agency server")?;
    Ok(found == 1)
}

/// Whether changes to `customer` queued after `seq` still wait for the server.
pub async fn has_later_pending(tx: &mut Tx, customer: Uuid, seq: i64) -> anyhow::Result<bool> {
    let found: i64 = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sync_ops WHERE customer_uid = ? AND seq > ?)",
    )
    .bind(customer)
    .bind(seq)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to look up the changes waiting for the agency server")?;
    Ok(found == 1)
}

/// An active owner here, the oldest.
pub async fn any_owner(tx: &mut Tx) -> anyhow::Result<Option<StaffId>> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM staff WHERE role = 'owner' AND status = 'active' ORDER BY id LIMIT 1",
    )
    .fetch_optional(&mut **tx)
    .await
    .context("Failed to look up an owner")?;
    Ok(id.map(StaffId))
}

/// Keeps an answer someone should see (a merge, a conflict, a refusal).
pub async fn add_notice(
    tx: &mut Tx,
    op: Option<&Op>,
    answer: &OpAnswer,
    raw: &serde_json::Value,
    made_by: Option<StaffId>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO sync_notices (op_uid, customer_uid, op, answer, made_by, at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(answer.op)
    .bind(answer.customer)
    .bind(
        op.map(serde_json::to_string)
            .transpose()
            .context("Failed to keep a change")?,
    )
    .bind(raw.to_string())
    .bind(made_by.map(|s| s.0))
    .bind(now)
    .execute(&mut **tx)
    .await
    .context("Failed to keep the agency server's answer")?;
    Ok(())
}

/// A notice kept for the Sync inbox.
#[derive(Debug, Clone)]
pub struct Notice {
    pub id: i64,
    /// The change as this desk pushed it, for an edit that kept someone else's values.
    pub op: Option<Op>,
    pub answer: OpAnswer,
    pub made_by: Option<StaffId>,
    pub at: DateTime<Utc>,
}

/// The notices not dismissed, newest first.
pub async fn notices(pool: &SqlitePool) -> anyhow::Result<Vec<Notice>> {
    let rows = sqlx::query(
        "SELECT id, op, answer, made_by, at FROM sync_notices
         WHERE dismissed_at IS NULL ORDER BY id DESC",
    )
    .fetch_all(pool)
    .await
    .context("Failed to read the sync notices")?;
    rows.iter().map(notice_from).collect()
}

/// Notice `id`, unless it was set aside.
pub async fn notice(tx: &mut Tx, id: i64) -> anyhow::Result<Option<Notice>> {
    let row = sqlx::query(
        "SELECT id, op, answer, made_by, at FROM sync_notices
         WHERE id = ? AND dismissed_at IS NULL",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
    .context("Failed to read a sync notice")?;
    row.as_ref().map(notice_from).transpose()
}

/// Sets notice `id` aside (it no longer shows in the Sync inbox).
pub async fn dismiss_notice(tx: &mut Tx, id: i64, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE sync_notices SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to set a sync notice aside")?;
    Ok(done.rows_affected() == 1)
}

fn notice_from(row: &SqliteRow) -> anyhow::Result<Notice> {
    let op: Option<String> = row.try_get("op")?;
    let answer: String = row.try_get("answer")?;
    Ok(Notice {
        id: row.try_get("id")?,
        op: op
            .map(|op| serde_json::from_str(&op))
            .transpose()
            .context("A sync notice is unreadable")?,
        answer: serde_json::from_str(&answer).context("A sync notice is unreadable")?,
        made_by: row.try_get::<Option<i64>, _>("made_by")?.map(StaffId),
        at: row.try_get("at")?,
    })
}

/// The customer's name as lists show it ("First Last"), or their email when they have none.
pub async fn customer_name(tx: &mut Tx, id: CustomerId) -> anyhow::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT coalesce(nullif(trim(first_name || ' ' || last_name), ''), email)
         FROM customers WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
    .context("Failed to read a customer's name")
}

/// The customer's uid.
pub async fn customer_uid(tx: &mut Tx, id: CustomerId) -> anyhow::Result<Option<Uuid>> {
    sqlx::query_scalar("SELECT uid FROM customers WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to look up a customer's uid")
}

/// The customer this desk knows by `uid`, or by a uid merged into it.
pub async fn customer_by_uid(tx: &mut Tx, uid: Uuid) -> anyhow::Result<Option<CustomerId>> {
    sqlx::query_scalar(
        "SELECT id FROM customers WHERE uid = ?1
         UNION ALL
         SELECT c.id FROM customer_aliases a JOIN customers c ON c.uid = a.uid
         WHERE a.old_uid = ?1
         LIMIT 1",
    )
    .bind(uid)
    .fetch_optional(&mut **tx)
    .await
    .context("Failed to look up a customer by uid")
}

/// The member this desk knows by `uid`.
pub async fn staff_by_uid(tx: &mut Tx, uid: Uuid) -> anyhow::Result<Option<StaffId>> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM staff WHERE uid = ?")
        .bind(uid)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to look up a staff member by uid")?;
    Ok(id.map(StaffId))
}

/// The member's uid.
pub async fn staff_uid(tx: &mut Tx, id: StaffId) -> anyhow::Result<Option<Uuid>> {
    sqlx::query_scalar("SELECT uid FROM staff WHERE id = ?")
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to look up a staff member's uid")
}

/// The server merged the customer this desk created as `old` into `into`: the customer
/// here takes the server's uid, and the old one stays as an alias.
pub async fn merge_into(tx: &mut Tx, old: Uuid, into: Uuid) -> anyhow::Result<()> {
    if old == into {
        return Ok(());
    }
    // Another row here may hold `into` already (pulled before the answer came): the
    // customer created here gives way to it.
    if let Some(existing) = customer_by_uid(tx, into).await? {
        if customer_by_uid(tx, old).await? != Some(existing) {
            if let Some(mine) = customer_by_uid(tx, old).await? {
                super::customers::delete(tx, mine).await?;
            }
        }
    } else {
        sqlx::query("UPDATE customers SET uid = ? WHERE uid = ?")
            .bind(into)
            .bind(old)
            .execute(&mut **tx)
            .await
            .context("Failed to merge a customer")?;
    }
    // Changes still queued under the old uid now wait on the customer it became (the
    // server resolves the old uid too).
    sqlx::query("UPDATE sync_ops SET customer_uid = ? WHERE customer_uid = ?")
        .bind(into)
        .bind(old)
        .execute(&mut **tx)
        .await
        .context("Failed to merge a customer's queued changes")?;
    sqlx::query("INSERT OR REPLACE INTO customer_aliases (old_uid, uid) VALUES (?, ?)")
        .bind(old)
        .bind(into)
        .execute(&mut **tx)
        .await
        .context("Failed to remember a merged customer")?;
    Ok(())
}

/// The columns of the customers table that sync, in [`SyncedField`] order; each column is
/// named as its field.
fn synced_columns() -> String {
    SyncedField::all()
        .map(SyncedField::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A customer as this desk would send it to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncedCustomer {
    pub uid: Uuid,
    pub email: String,
    /// Every field but the email.
    pub fields: Fields,
    pub server_version: Option<i64>,
}

pub async fn synced_customer(
    tx: &mut Tx,
    id: CustomerId,
) -> anyhow::Result<Option<SyncedCustomer>> {
    let sql = format!(
        "SELECT uid, server_version, {} FROM customers WHERE id = ?",
        synced_columns()
    );
    let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to read a customer")?
    else {
        return Ok(None);
    };
    let mut fields = Fields::new();
    let mut email = String::new();
    for field in SyncedField::all() {
        let value = if field == SyncedField::Form(CustomerField::MarketingConsent) {
            Some(FieldValue::Flag(row.try_get::<bool, _>(field.as_str())?))
        } else {
            row.try_get::<Option<String>, _>(field.as_str())?
                .map(FieldValue::Text)
        };
        if field == SyncedField::Form(CustomerField::Email) {
            if let Some(FieldValue::Text(text)) = value {
                email = text;
            }
        } else {
            fields.insert(field, value);
        }
    }
    Ok(Some(SyncedCustomer {
        uid: row.try_get("uid")?,
        email,
        fields,
        server_version: row.try_get("server_version")?,
    }))
}

/// The fields of `after` that differ from `before`.
pub fn changed_fields(before: &SyncedCustomer, after: &SyncedCustomer) -> Fields {
    let mut changes: Fields = after
        .fields
        .iter()
        .filter(|(field, value)| before.fields.get(field) != Some(value))
        .map(|(field, value)| (*field, value.clone()))
        .collect();
    if before.email != after.email {
        changes.insert(
            SyncedField::Form(CustomerField::Email),
            Some(FieldValue::Text(after.email.clone())),
        );
    }
    changes
}

/// `value` as the column of `field` takes it, or `None` when the column cannot hold it (a
/// value this Keydesk does not know): that field is then left as it is here.
fn column_value(field: SyncedField, value: &Option<FieldValue>) -> Option<ColumnValue> {
    use CustomerField as F;
    let text = match value {
        Some(FieldValue::Text(text)) => Some(text.as_str()),
        Some(FieldValue::Flag(_)) | None => None,
    };
    match field {
        SyncedField::Form(F::MarketingConsent) => match value {
            Some(FieldValue::Flag(flag)) => Some(ColumnValue::Flag(*flag)),
            _ => None,
        },
        SyncedField::Form(F::Tier) => text
            .and_then(|t| t.parse::<Tier>().ok())
            .map(|t| ColumnValue::Text(Some(t.as_str().to_owned()))),
        SyncedField::Status => text
            .and_then(|t| t.parse::<CustomerStatus>().ok())
            .map(|s| ColumnValue::Text(Some(s.as_str().to_owned()))),
        SyncedField::Form(F::ContactMethod) => match text {
            None => Some(ColumnValue::Text(None)),
            Some(t) => t
                .parse::<ContactMethod>()
                .ok()
                .map(|m| ColumnValue::Text(Some(m.as_str().to_owned()))),
        },
        SyncedField::Form(F::Gender) => match text {
            None => Some(ColumnValue::Text(None)),
            Some(t) => t
                .parse::<Gender>()
                .ok()
                .map(|g| ColumnValue::Text(Some(g.as_str().to_owned()))),
        },
        // Columns that hold text, never nothing.
        SyncedField::Form(
            F::Email | F::FirstName | F::LastName | F::Notes | F::SpecialRequirements,
        ) => Some(ColumnValue::Text(Some(text.unwrap_or_default().to_owned()))),
        SyncedField::Form(_) => Some(ColumnValue::Text(text.map(str::to_owned))),
    }
}

enum ColumnValue {
    Text(Option<String>),
    Flag(bool),
}

/// Writes a customer as the server has it. A customer new here is created by `creator`
/// (its creator, when this desk knows them); one already here keeps its number and gets a
/// new local version, so a form opened on the old one is told it changed. Returns the
/// customer, or `None` when another customer here has that email (a creation of this desk
/// still waiting for the server's answer, which will merge them).
pub async fn write_pulled_customer(
    tx: &mut Tx,
    customer: &ServerCustomer,
    creator: StaffId,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<CustomerId>> {
    let existing = customer_by_uid(tx, customer.uid).await?;
    if let Some(id) = existing {
        // This desk has that version already (its own change, answered): an open form on
        // the customer need not be told it changed.
        let known: Option<i64> =
            sqlx::query_scalar("SELECT server_version FROM customers WHERE id = ?")
                .bind(id)
                .fetch_one(&mut **tx)
                .await
                .context("Failed to read a customer's server version")?;
        if known.is_some_and(|known| known >= customer.version) {
            set_agency_number(tx, id, customer.number).await?;
            return Ok(Some(id));
        }
    }
    let holder: Option<CustomerId> = sqlx::query_scalar("SELECT id FROM customers WHERE email = ?")
        .bind(&customer.email)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to look up a customer's email")?;
    if holder.is_some() && holder != existing {
        return Ok(None);
    }
    let mut values: Vec<(SyncedField, ColumnValue)> = vec![(
        SyncedField::Form(CustomerField::Email),
        ColumnValue::Text(Some(customer.email.clone())),
    )];
    for (field, value) in &customer.fields {
        if *field == SyncedField::Form(CustomerField::Email) {
            continue;
        }
        match column_value(*field, value) {
            Some(column) => values.push((*field, column)),
            None => tracing::warn!(field = field.as_str(), "a pulled value was left out"),
        }
    }
    let id = match existing {
        Some(id) => {
            let sets: Vec<String> = values
                .iter()
                .map(|(field, _)| format!("{} = ?", field.as_str()))
                .collect();
            let same: Vec<String> = values
                .iter()
                .map(|(field, _)| format!("{} IS ? COLLATE BINARY", field.as_str()))
                .collect();
            // The local version moves only when a value does: a form open on a customer
            // whose values are unchanged stays valid.
            let sql = format!(
                "UPDATE customers SET {}, version = version + 1, updated_at = ?
                 WHERE id = ? AND NOT ({})",
                sets.join(", "),
                same.join(" AND ")
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (_, value) in &values {
                query = bind(query, value);
            }
            query = query.bind(now).bind(id);
            for (_, value) in &values {
                query = bind(query, value);
            }
            query
                .execute(&mut **tx)
                .await
                .context("Failed to write a customer from the agency server")?;
            set_server_version(tx, customer.uid, customer.version).await?;
            id
        }
        None => {
            let columns: Vec<&str> = values.iter().map(|(field, _)| field.as_str()).collect();
            let sql = format!(
                "INSERT INTO customers ({}, uid, server_version, created_at, created_by,
                                        updated_at, updated_by, agency_number)
                 VALUES ({}, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                columns.join(", "),
                vec!["?"; columns.len()].join(", ")
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (_, value) in &values {
                query = bind(query, value);
            }
            let row = query
                .bind(customer.uid)
                .bind(customer.version)
                .bind(customer.created_at)
                .bind(creator.0)
                .bind(customer.updated_at)
                .bind(creator.0)
                .bind(customer.number)
                .fetch_one(&mut **tx)
                .await
                .context("Failed to add a customer from the agency server")?;
            // A new row has its number already.
            return Ok(Some(CustomerId(row.try_get("id")?)));
        }
    };
    set_agency_number(tx, id, customer.number).await?;
    Ok(Some(id))
}

/// Keeps the number the agency server gave customer `id` (never a change of the
/// customer: no version moves).
async fn set_agency_number(tx: &mut Tx, id: CustomerId, number: Option<i64>) -> anyhow::Result<()> {
    if let Some(number) = number {
        sqlx::query(
            "UPDATE customers SET agency_number = ? WHERE id = ? AND agency_number IS NOT ?",
        )
        .bind(number)
        .bind(id)
        .bind(number)
        .execute(&mut **tx)
        .await
        .context("Failed to keep a customer's number")?;
    }
    Ok(())
}

fn bind<'q>(
    query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments>,
    value: &'q ColumnValue,
) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments> {
    match value {
        ColumnValue::Text(text) => query.bind(text.as_deref()),
        ColumnValue::Flag(flag) => query.bind(*flag),
    }
}

/// Writes `fields` of customer `id` as an edit made here by `by` (a new local version).
/// A value the column cannot hold is left out.
pub async fn set_fields(
    tx: &mut Tx,
    id: CustomerId,
    fields: &Fields,
    by: StaffId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let values: Vec<(SyncedField, ColumnValue)> = fields
        .iter()
        .filter_map(|(field, value)| column_value(*field, value).map(|column| (*field, column)))
        .collect();
    if values.is_empty() {
        return Ok(());
    }
    let sets: Vec<String> = values
        .iter()
        .map(|(field, _)| format!("{} = ?", field.as_str()))
        .collect();
    let sql = format!(
        "UPDATE customers SET {}, version = version + 1, updated_at = ?, updated_by = ?
         WHERE id = ?",
        sets.join(", ")
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (_, value) in &values {
        query = bind(query, value);
    }
    query
        .bind(now)
        .bind(by.0)
        .bind(id)
        .execute(&mut **tx)
        .await
        .context("Failed to write a customer's fields")?;
    Ok(())
}

/// Records the server's version of a customer after it answered this desk's change.
pub async fn set_server_version(tx: &mut Tx, uid: Uuid, version: i64) -> anyhow::Result<()> {
    sqlx::query("UPDATE customers SET server_version = ? WHERE uid = ?")
        .bind(version)
        .bind(uid)
        .execute(&mut **tx)
        .await
        .context("Failed to record a customer's server version")?;
    Ok(())
}

/// Adds or changes a member as the agency's server has them. A member new here gets
/// `unusable_hash` as password hash: they sign in at their own desk, not at this one. A
/// member here with the same email but another uid is the same person, and takes the
/// server's uid.
pub async fn put_member(
    tx: &mut Tx,
    member: &ServerMember,
    unusable_hash: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<StaffId> {
    sqlx::query("UPDATE staff SET uid = ? WHERE email = ? AND uid <> ?")
        .bind(member.uid)
        .bind(&member.email)
        .bind(member.uid)
        .execute(&mut **tx)
        .await
        .context("Failed to match a staff member by email")?;
    let status = if member.active { "active" } else { "disabled" };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO staff (uid, email, display_name, role, password_hash, status, created_at,
                            updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (uid) DO UPDATE SET email = excluded.email,
             display_name = excluded.display_name, role = excluded.role,
             status = excluded.status, updated_at = excluded.updated_at
         RETURNING id",
    )
    .bind(member.uid)
    .bind(&member.email)
    .bind(&member.display_name)
    .bind(member.role.as_str())
    .bind(unusable_hash)
    .bind(status)
    .bind(now)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .context("Failed to write a staff member from the agency server")?;
    Ok(StaffId(id))
}

/// Every member here as the server should know them.
pub async fn members(tx: &mut Tx) -> anyhow::Result<Vec<ServerMember>> {
    let rows = sqlx::query("SELECT uid, email, display_name, role, status FROM staff ORDER BY id")
        .fetch_all(&mut **tx)
        .await
        .context("Failed to read the staff")?;
    rows.iter().map(member_from).collect()
}

/// Member `id` as the server should know them.
pub async fn member(tx: &mut Tx, id: StaffId) -> anyhow::Result<Option<ServerMember>> {
    let row = sqlx::query("SELECT uid, email, display_name, role, status FROM staff WHERE id = ?")
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to read a staff member")?;
    row.as_ref().map(member_from).transpose()
}

fn member_from(row: &SqliteRow) -> anyhow::Result<ServerMember> {
    let role: String = row.try_get("role")?;
    let status: String = row.try_get("status")?;
    Ok(ServerMember {
        uid: row.try_get("uid")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        role: role.parse::<Role>().map_err(anyhow::Error::msg)?,
        active: status == "active",
    })
}

/// Every customer's id, oldest first.
pub async fn customer_ids(tx: &mut Tx) -> anyhow::Result<Vec<CustomerId>> {
    sqlx::query_scalar("SELECT id FROM customers ORDER BY id")
        .fetch_all(&mut **tx)
        .await
        .context("Failed to list the customers")
}

/// Every customer this desk holds from the agency server (it has a server version), with
/// its uid.
pub async fn customers_from_server(tx: &mut Tx) -> anyhow::Result<Vec<(CustomerId, Uuid)>> {
    sqlx::query_as("SELECT id, uid FROM customers WHERE server_version IS NOT NULL ORDER BY id")
        .fetch_all(&mut **tx)
        .await
        .context("Failed to list the customers from the server")
}

/// Every (customer uid, member uid) link.
pub async fn links(tx: &mut Tx) -> anyhow::Result<Vec<(Uuid, Uuid)>> {
    let rows = sqlx::query(
        "SELECT c.uid AS customer, s.uid AS member FROM customer_agents a
         JOIN customers c ON c.id = a.customer_id JOIN staff s ON s.id = a.staff_id
         ORDER BY a.customer_id, a.staff_id",
    )
    .fetch_all(&mut **tx)
    .await
    .context("Failed to list the customers' links")?;
    rows.iter()
        .map(|row| Ok((row.try_get("customer")?, row.try_get("member")?)))
        .collect()
}

/// Removes every customer `member` does not serve and no queued change waits on (an
/// agent's desk keeps only its member's customers).
pub async fn drop_unlinked_customers(tx: &mut Tx, member: StaffId) -> anyhow::Result<u64> {
    let done = sqlx::query(
        "DELETE FROM customers
         WHERE id NOT IN (SELECT customer_id FROM customer_agents WHERE staff_id = ?)
           AND uid NOT IN (SELECT customer_uid FROM sync_ops WHERE customer_uid IS NOT NULL)",
    )
    .bind(member.0)
    .execute(&mut **tx)
    .await
    .context("Failed to let go of customers")?;
    Ok(done.rows_affected())
}

/// Removes the link of `member` to `customer`; says whether there was one.
pub async fn unlink(tx: &mut Tx, customer: CustomerId, member: StaffId) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM customer_agents WHERE customer_id = ? AND staff_id = ?")
        .bind(customer)
        .bind(member.0)
        .execute(&mut **tx)
        .await
        .context("Failed to unlink a customer")?;
    Ok(done.rows_affected() == 1)
}
