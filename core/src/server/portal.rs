//! The agency server's side of the customer portal, as desks see it: the verify-email
//! tokens they hand out, and what the agency's website reported back (sign-ins, verified
//! emails). The website's own side is the `portal` schema (see the server's migrations).

use super::sync::as_desk_error;
use super::ServerError;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// The most portal events one read returns.
pub const EVENTS_PER_READ: i32 = 500;

/// What happened on the portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortalEventKind {
    /// The customer signed in, from this address when the website gave one.
    SignIn { ip: Option<String> },
    /// The customer opened the verify-email link of their welcome mail.
    Verified,
    /// The customer chose a password of their own on the portal: its argon2id hash, and
    /// the login whose account they changed.
    PasswordChanged { password_hash: String, login: Uuid },
}

/// One thing the website reported, numbered in the order the server took it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalEvent {
    pub seq: i64,
    pub customer: Uuid,
    pub at: DateTime<Utc>,
    pub kind: PortalEventKind,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    seq: i64,
    customer: Uuid,
    kind: String,
    at: DateTime<Utc>,
    ip: Option<String>,
    password_hash: Option<String>,
    handoff: Option<Uuid>,
}

/// Keeps the SHA-256 of a new verify-email token for `customer`, voiding the one before.
/// Answers when the token stops working, by the server's clock; `None` when the server
/// has no such customer or this desk may not see it.
pub async fn issue_verification_token(
    connection: &mut PgConnection,
    customer: Uuid,
    token_hash: &[u8; 32],
) -> Result<Option<DateTime<Utc>>, ServerError> {
    sqlx::query_scalar("SELECT kd.issue_verification_token($1, $2)")
        .bind(customer)
        .bind(token_hash.as_slice())
        .fetch_one(&mut *connection)
        .await
        .map_err(as_desk_error)
}

/// One read of portal events.
#[derive(Debug, Default)]
pub struct EventsPage {
    /// The events of kinds this version knows, oldest first.
    pub events: Vec<PortalEvent>,
    /// The number of the last event read, known or not (`None`: nothing new).
    pub read_up_to: Option<i64>,
    /// The read was as long as allowed: more may follow.
    pub full: bool,
}

/// The portal events after number `after`, of the customers this desk sees, oldest first.
pub async fn events_after(
    connection: &mut PgConnection,
    after: i64,
) -> Result<EventsPage, ServerError> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT seq, customer, kind, at, ip, password_hash, handoff
             FROM kd.portal_events_after($1, $2)",
    )
    .bind(after)
    .bind(EVENTS_PER_READ)
    .fetch_all(&mut *connection)
    .await
    .map_err(as_desk_error)?;
    let read_up_to = rows.last().map(|row| row.seq);
    let full = rows.len() >= EVENTS_PER_READ as usize;
    let events = rows
        .into_iter()
        .filter_map(|row| {
            let kind = match row.kind.as_str() {
                "sign_in" => PortalEventKind::SignIn { ip: row.ip },
                "verified" => PortalEventKind::Verified,
                // A hash the customer has since replaced is gone: nothing to take.
                "password_changed" => match (row.password_hash, row.handoff) {
                    (Some(password_hash), Some(login)) => PortalEventKind::PasswordChanged {
                        password_hash,
                        login,
                    },
                    _ => return None,
                },
                // A newer server's kind: this desk reads past it.
                other => {
                    tracing::warn!(
                        seq = row.seq,
                        kind = other,
                        "a portal event of a kind this version does not know"
                    );
                    return None;
                }
            };
            Some(PortalEvent {
                seq: row.seq,
                customer: row.customer,
                at: row.at,
                kind,
            })
        })
        .collect();
    Ok(EventsPage {
        events,
        read_up_to,
        full,
    })
}
