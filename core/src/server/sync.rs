//! Push and pull: what a desk and the agency server say to each other.
//!
//! A desk sends the changes it made as [`Op`]s ([`push`]); the server applies each by its
//! rule, from the desk's identity alone, and answers each ([`OpAnswer`]). A desk reads
//! what changed since its cursor ([`pull`]), as far as row-level security lets it see.
//! Both are idempotent from the desk's side: an op pushed again gets the answer it got the
//! first time, and a page pulled again holds the same changes.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use keydesk_api::{CustomerField, Role};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sqlx::postgres::PgConnection;
use sqlx::types::Json;
use uuid::Uuid;

use super::ServerError;
use crate::said::Said;

/// The channel the server notifies after each push that changed something.
pub const CHANGES_CHANNEL: &str = "kd_changes";

/// The most ops one push carries (the server refuses more).
pub const MAX_OPS_PER_PUSH: usize = 1000;

/// A customer field desks exchange: one of the form's fields, or the customer's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SyncedField {
    Form(CustomerField),
    Status,
}

impl SyncedField {
    /// Every field, the email first (it travels beside the others when a customer is new).
    pub fn all() -> impl Iterator<Item = SyncedField> {
        CustomerField::ALL
            .into_iter()
            .map(SyncedField::Form)
            .chain([SyncedField::Status])
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SyncedField::Form(field) => field.as_str(),
            SyncedField::Status => "status",
        }
    }
}

impl fmt::Display for SyncedField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SyncedField {
    type Err = ServerError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        if name == "status" {
            return Ok(SyncedField::Status);
        }
        name.parse::<CustomerField>()
            .map(SyncedField::Form)
            .map_err(|unknown| ServerError::Protocol(Said::Text(unknown.to_string())))
    }
}

impl Serialize for SyncedField {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SyncedField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// What a field holds: text, or (for marketing consent) yes or no. `None` beside it in
/// [`Fields`] is a field left empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    Flag(bool),
    Text(String),
}

/// Fields by name; a new customer's email travels beside them, not among them.
pub type Fields = BTreeMap<SyncedField, Option<FieldValue>>;

/// A pulled customer's fields, leaving out any this Keydesk does not know: a field a
/// newer protocol added then does not stop a desk one version behind from syncing the
/// rest (it keeps the customer's other fields, and the new one waits for its update).
fn known_fields<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Fields, D::Error> {
    let named = BTreeMap::<String, Option<FieldValue>>::deserialize(deserializer)?;
    Ok(named
        .into_iter()
        .filter_map(|(name, value)| match name.parse::<SyncedField>() {
            Ok(field) => Some((field, value)),
            Err(_) => {
                tracing::debug!(field = %name, "a customer field this Keydesk does not know was left out");
                None
            }
        })
        .collect())
}

/// One change a desk made, under a uid of its own that makes pushing it again harmless.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    pub op: Uuid,
    #[serde(flatten)]
    pub change: OpChange,
}

/// What an op changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum OpChange {
    /// A new customer, served by the desk's member.
    #[serde(rename = "customer.create")]
    CreateCustomer {
        customer: Uuid,
        email: String,
        fields: Fields,
    },
    /// An edit made from `base_version`, the last version of the customer the desk had
    /// from the server.
    #[serde(rename = "customer.update")]
    UpdateCustomer {
        customer: Uuid,
        base_version: i64,
        changes: Fields,
    },
    /// The customer erased for good (owners only).
    #[serde(rename = "customer.erase")]
    EraseCustomer { customer: Uuid },
    /// `member` now serves `customer` (owners and admins only).
    #[serde(rename = "link.add")]
    Link { customer: Uuid, member: Uuid },
    /// `member` no longer serves `customer` (owners and admins only).
    #[serde(rename = "link.remove")]
    Unlink { customer: Uuid, member: Uuid },
    /// A staff member added or changed (owners and admins only).
    #[serde(rename = "member.put")]
    PutMember(ServerMember),
}

/// A staff member as every desk of the agency knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerMember {
    #[serde(rename = "member", alias = "uid")]
    pub uid: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
}

/// The server's answer to one op.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpAnswer {
    pub op: Uuid,
    /// The customer the op named.
    pub customer: Option<Uuid>,
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The customer as it is on the server now, when the desk may see it (for a merge:
    /// the customer it was merged into).
    pub state: Option<ServerCustomer>,
}

/// What became of an op.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    Applied,
    /// A new customer whose email the agency had already: the desk's member now serves
    /// that customer (`into`, created by member `by` at `at`); `differs` names the fields
    /// the desk gave other values.
    Merged {
        into: Uuid,
        by: Option<Uuid>,
        at: DateTime<Utc>,
        differs: Vec<SyncedField>,
    },
    /// An edit of which `applied` went through and `conflicts` did not.
    Partly {
        applied: Vec<SyncedField>,
        conflicts: Vec<FieldConflict>,
    },
    /// An edit of which nothing went through.
    Conflict {
        conflicts: Vec<FieldConflict>,
    },
    Refused {
        reason: Refusal,
    },
}

/// Why an op was refused as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The customer was erased; nothing more may happen to it.
    Erased,
    /// A customer with this uid, or a member with this email, exists already.
    Exists,
    /// No such customer, or none this desk may see.
    NotFound,
    /// The desk's member's role may not do this.
    NotAllowed,
}

/// A field an edit did not change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldConflict {
    pub field: SyncedField,
    pub reason: ConflictReason,
    /// Who changed it since the edit's base version (for [`ConflictReason::Changed`]).
    pub by: Option<Uuid>,
    pub desk: Option<Uuid>,
    pub at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictReason {
    /// Someone else changed the field after the version the edit was made from: first
    /// writer wins.
    Changed,
    /// Another customer has that email.
    Taken,
}

/// A customer as the server holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerCustomer {
    pub uid: Uuid,
    pub email: String,
    #[serde(deserialize_with = "known_fields")]
    pub fields: Fields,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    /// The member whose desk created it (`None` for customers the server got otherwise).
    pub created_by: Option<Uuid>,
    pub updated_at: DateTime<Utc>,
    /// The agency's number for the customer, the same on every desk.
    #[serde(default)]
    pub number: Option<i64>,
}

/// One page of what changed since a desk's cursor.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PullPage {
    /// Oldest first; apply them in this order.
    pub changes: Vec<Pulled>,
    /// Where the next pull starts.
    pub cursor: i64,
    /// Whether more changes wait after this page.
    pub more: bool,
    /// The server's latest change number (not all of them are this desk's to see): how
    /// far a long pull has come.
    #[serde(default)]
    pub latest: i64,
}

/// One change a pull returns, numbered in the server's commit order.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Pulled {
    /// A staff member, new or changed.
    Member { seq: i64, member: ServerMember },
    /// A customer as it now is: new, changed, or newly served by the desk's member.
    Customer { seq: i64, customer: ServerCustomer },
    /// `member` serves `customer`.
    Link {
        seq: i64,
        customer: Uuid,
        member: Uuid,
        linked_at: DateTime<Utc>,
    },
    /// The customer was erased (`member` is `None`), or `member` no longer serves it.
    Gone {
        seq: i64,
        customer: Uuid,
        member: Option<Uuid>,
    },
}

impl Pulled {
    pub fn seq(&self) -> i64 {
        match self {
            Pulled::Member { seq, .. }
            | Pulled::Customer { seq, .. }
            | Pulled::Link { seq, .. }
            | Pulled::Gone { seq, .. } => *seq,
        }
    }
}

#[derive(Deserialize)]
struct PushAnswer {
    results: Vec<OpAnswer>,
}

/// Pushes `ops` (oldest first, at most [`MAX_OPS_PER_PUSH`]) in one transaction and
/// returns the server's answer to each, in order.
pub async fn push(connection: &mut PgConnection, ops: &[Op]) -> Result<Vec<OpAnswer>, ServerError> {
    if ops.len() > MAX_OPS_PER_PUSH {
        return Err(ServerError::Protocol(
            Said::id("error-agency-push-too-long")
                .arg("most", MAX_OPS_PER_PUSH)
                .arg("ops", ops.len()),
        ));
    }
    let answer: Json<serde_json::Value> = sqlx::query_scalar("SELECT kd.push($1)")
        .bind(Json(ops))
        .fetch_one(&mut *connection)
        .await
        .map_err(as_desk_error)?;
    let answer: PushAnswer = serde_json::from_value(answer.0)
        .map_err(|error| ServerError::Protocol(Said::Text(error.to_string())))?;
    if answer.results.len() != ops.len()
        || answer.results.iter().zip(ops).any(|(a, o)| a.op != o.op)
    {
        return Err(ServerError::Protocol(Said::id(
            "error-agency-push-answers-differ",
        )));
    }
    Ok(answer.results)
}

/// Reads what changed after `after` (0: from the start), about `max_changes` at a time.
pub async fn pull(
    connection: &mut PgConnection,
    after: i64,
    max_changes: u32,
) -> Result<PullPage, ServerError> {
    let answer: Json<serde_json::Value> = sqlx::query_scalar("SELECT kd.pull($1, $2)")
        .bind(after)
        .bind(i32::try_from(max_changes).unwrap_or(i32::MAX))
        .fetch_one(&mut *connection)
        .await
        .map_err(as_desk_error)?;
    serde_json::from_value(answer.0)
        .map_err(|error| ServerError::Protocol(Said::Text(error.to_string())))
}

/// One of the agency's desks, as an owner's desk lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerDesk {
    pub uid: Uuid,
    /// The staff member whose desk it is.
    pub member: Uuid,
    pub role: Role,
    pub label: String,
    pub invited_at: DateTime<Utc>,
    /// When it replaced its one-time secret with its own (`None`: not yet).
    pub enrolled_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The agency's desks, oldest first (owners' desks only).
pub async fn list_desks(connection: &mut PgConnection) -> Result<Vec<ServerDesk>, ServerError> {
    let answer: Json<serde_json::Value> = sqlx::query_scalar("SELECT kd.list_desks()")
        .fetch_one(&mut *connection)
        .await?;
    serde_json::from_value(answer.0)
        .map_err(|error| ServerError::Protocol(Said::Text(error.to_string())))
}

/// Revokes desk `desk` at once (owners' desks only): it can no longer sign in, and its open
/// connections are closed. Returns how many were.
pub async fn revoke_desk(connection: &mut PgConnection, desk: Uuid) -> Result<i32, ServerError> {
    Ok(sqlx::query_scalar("SELECT kd.revoke_desk($1)")
        .bind(desk)
        .fetch_one(&mut *connection)
        .await?)
}

/// A desk's call refused because the caller is no (longer an) enrolled desk.
pub(super) fn as_desk_error(error: sqlx::Error) -> ServerError {
    match &error {
        sqlx::Error::Database(db) if db.code().as_deref() == Some("42501") => ServerError::NotADesk,
        _ => ServerError::from(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pulled_customer_with_a_field_this_keydesk_does_not_know_keeps_the_others() {
        let pulled: ServerCustomer = serde_json::from_value(serde_json::json!({
            "uid": Uuid::nil(),
            "email": "lea@example.com",
            "fields": {"first_name": "Léa", "shoe_size": "38", "marketing_consent": true},
            "version": 3,
            "created_at": "2026-12-01T10:00:00Z",
            "created_by": null,
            "updated_at": "2026-12-01T10:00:00Z",
        }))
        .expect("the customer is read");
        assert_eq!(
            pulled.fields,
            Fields::from([
                (
                    SyncedField::Form(CustomerField::FirstName),
                    Some(FieldValue::Text("Léa".into()))
                ),
                (
                    SyncedField::Form(CustomerField::MarketingConsent),
                    Some(FieldValue::Flag(true))
                ),
            ])
        );
    }

    #[test]
    fn ops_go_out_in_the_servers_words() {
        let op = Op {
            op: Uuid::nil(),
            change: OpChange::UpdateCustomer {
                customer: Uuid::nil(),
                base_version: 3,
                changes: Fields::from([
                    (
                        SyncedField::Form(CustomerField::Phone),
                        Some(FieldValue::Text("+44 20 7946 0000".into())),
                    ),
                    (
                        SyncedField::Form(CustomerField::MarketingConsent),
                        Some(FieldValue::Flag(true)),
                    ),
                    (SyncedField::Form(CustomerField::City), None),
                    (
                        SyncedField::Status,
                        Some(FieldValue::Text("archived".into())),
                    ),
                ]),
            },
        };
        let wire = serde_json::to_value(&op).unwrap();
        assert_eq!(
            wire,
            serde_json::json!({
                "op": Uuid::nil(),
                "kind": "customer.update",
                "customer": Uuid::nil(),
                "base_version": 3,
                "changes": {
                    "city": null,
                    "marketing_consent": true,
                    "phone": "+44 20 7946 0000",
                    "status": "archived",
                },
            })
        );
        assert_eq!(serde_json::from_value::<Op>(wire).unwrap(), op);
    }

    #[test]
    fn answers_read_back_whatever_else_they_carry() {
        let applied: OpAnswer = serde_json::from_value(serde_json::json!({
            "op": Uuid::nil(), "status": "applied", "customer": Uuid::nil(),
            "applied": ["phone"], "conflicts": [],
        }))
        .unwrap();
        assert_eq!(applied.outcome, Outcome::Applied);
        let refused: OpAnswer = serde_json::from_value(serde_json::json!({
            "op": Uuid::nil(), "status": "refused", "reason": "erased", "customer": null,
        }))
        .unwrap();
        assert_eq!(
            refused.outcome,
            Outcome::Refused {
                reason: Refusal::Erased
            }
        );
        let unknown = serde_json::from_value::<OpAnswer>(serde_json::json!({
            "op": Uuid::nil(), "status": "partly", "applied": ["shoe_size"], "conflicts": [],
        }));
        assert!(
            unknown.is_err(),
            "an unknown field is not taken for another"
        );
    }
}
