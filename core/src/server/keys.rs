//! The agency server's side of keys and pending logins: the roster entries it keeps in
//! order, and the signed logins it passes from the desk that made them to owners' desks.
//! It checks none of the signatures; the desks do (see `vault::roster`).

use super::sync::as_desk_error;
use super::ServerError;
use crate::said::Said;
use crate::vault::roster::SignedEntry;
use crate::vault::signed_login::SignedLogin;
use crate::vault::signed_mail_settings::SignedMailSettings;
use keydesk_api::{HandoffChannel, HandoffState};
use sqlx::PgConnection;
use uuid::Uuid;

fn signing_key(bytes: Vec<u8>) -> Result<[u8; 32], ServerError> {
    bytes
        .try_into()
        .map_err(|_| ServerError::Protocol(Said::id("error-agency-signing-key-length")))
}

/// The roster's entries after number `after`, in order.
pub async fn roster_after(
    connection: &mut PgConnection,
    after: i64,
) -> Result<Vec<SignedEntry>, ServerError> {
    let rows: Vec<(i64, String, Vec<u8>, Vec<u8>)> =
        sqlx::query_as("SELECT seq, body, signer, signature FROM kd.roster_after($1)")
            .bind(after)
            .fetch_all(&mut *connection)
            .await
            .map_err(as_desk_error)?;
    rows.into_iter()
        .map(|(seq, body, signer, signature)| {
            Ok(SignedEntry {
                seq,
                body,
                signer: signing_key(signer)?,
                signature,
            })
        })
        .collect()
}

/// Adds `entry` to the roster. False when it is not the next entry (another owner's desk
/// added one first): read the roster again and sign anew.
pub async fn add_roster_entry(
    connection: &mut PgConnection,
    entry: &SignedEntry,
) -> Result<bool, ServerError> {
    let added = sqlx::query("SELECT kd.add_roster_entry($1, $2, $3, $4)")
        .bind(entry.seq)
        .bind(&entry.body)
        .bind(entry.signer.as_slice())
        .bind(&entry.signature)
        .execute(&mut *connection)
        .await;
    match added {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(db)) if db.code().as_deref() == Some("40001") => Ok(false),
        Err(error) => Err(as_desk_error(error)),
    }
}

/// What the server did with a pending login sent to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginTaken {
    Kept,
    /// Its customer is not on the server (merged into another, or erased).
    UnknownCustomer,
}

/// Sends pending login `handoff` of customer `customer`, made on this desk.
pub async fn push_login(
    connection: &mut PgConnection,
    handoff: Uuid,
    customer: Uuid,
    login: &SignedLogin,
) -> Result<LoginTaken, ServerError> {
    let answer: String = sqlx::query_scalar("SELECT kd.push_handoff($1, $2, $3, $4, $5)")
        .bind(handoff)
        .bind(customer)
        .bind(&login.body)
        .bind(login.signer.as_slice())
        .bind(&login.signature)
        .fetch_one(&mut *connection)
        .await
        .map_err(as_desk_error)?;
    match answer.as_str() {
        "kept" => Ok(LoginTaken::Kept),
        "unknown customer" => Ok(LoginTaken::UnknownCustomer),
        other => Err(ServerError::Protocol(
            Said::id("error-agency-unknown-pending-answer").arg("answer", other),
        )),
    }
}

/// A login as an owner's desk receives it: pending, with its record, or closed.
#[derive(Debug)]
pub struct ReceivedLogin {
    pub received_seq: i64,
    pub handoff: Uuid,
    pub customer: Uuid,
    pub state: HandoffState,
    pub channel: Option<HandoffChannel>,
    /// The signed record while the login is pending.
    pub login: Option<SignedLogin>,
}

/// Logins received or changed on the server after number `after` (owners' desks; others
/// get none), at most `max` of them.
pub async fn logins_after(
    connection: &mut PgConnection,
    after: i64,
    max: i32,
) -> Result<Vec<ReceivedLogin>, ServerError> {
    type Row = (
        i64,
        Uuid,
        Uuid,
        Option<String>,
        Vec<u8>,
        Vec<u8>,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT received_seq, uid, customer_uid, body, signer, signature, state, channel
         FROM kd.handoffs_after($1, $2)",
    )
    .bind(after)
    .bind(max)
    .fetch_all(&mut *connection)
    .await
    .map_err(as_desk_error)?;
    rows.into_iter()
        .map(
            |(received_seq, handoff, customer, body, signer, signature, state, channel)| {
                let state: HandoffState = state.parse().map_err(|_| {
                    ServerError::Protocol(Said::id("error-agency-unreadable-login-state"))
                })?;
                let channel = channel
                    .map(|c| {
                        c.parse::<HandoffChannel>().map_err(|_| {
                            ServerError::Protocol(Said::id("error-agency-unknown-login-channel"))
                        })
                    })
                    .transpose()?;
                let signer = signing_key(signer)?;
                Ok(ReceivedLogin {
                    received_seq,
                    handoff,
                    customer,
                    state,
                    channel,
                    login: body.map(|body| SignedLogin {
                        body,
                        signer,
                        signature,
                    }),
                })
            },
        )
        .collect()
}

/// Ends login `handoff` on the server as `state` (sent and revoked from owners' desks
/// only; expired also from the desk that made it). Returns the state it ends in, which
/// beats `state` when another desk closed it first in a stronger way (`None`: the server
/// has no such login, or this desk may not end it so).
pub async fn close_login(
    connection: &mut PgConnection,
    handoff: Uuid,
    state: HandoffState,
    channel: Option<HandoffChannel>,
) -> Result<Option<HandoffState>, ServerError> {
    let answer: String = sqlx::query_scalar("SELECT kd.close_handoff($1, $2, $3)")
        .bind(handoff)
        .bind(state.as_str())
        .bind(channel.map(HandoffChannel::as_str))
        .fetch_one(&mut *connection)
        .await
        .map_err(as_desk_error)?;
    // The server has no such login, or leaves ending it so to the owners' desks.
    if answer == "unknown" || answer == "not yours" {
        return Ok(None);
    }
    answer.parse().map(Some).map_err(|_| {
        ServerError::Protocol(
            Said::id("error-agency-unknown-login-state").arg("state", answer.as_str()),
        )
    })
}

/// Replaces pending login `handoff`'s record with `login`, the same login sealed anew by
/// this owner's desk. False when it is no longer pending on the server.
pub async fn reseal_login(
    connection: &mut PgConnection,
    handoff: Uuid,
    login: &SignedLogin,
) -> Result<bool, ServerError> {
    sqlx::query_scalar("SELECT kd.reseal_handoff($1, $2, $3, $4)")
        .bind(handoff)
        .bind(&login.body)
        .bind(login.signer.as_slice())
        .bind(&login.signature)
        .fetch_one(&mut *connection)
        .await
        .map_err(as_desk_error)
}

/// The latest version of the agency's mail settings, with its number (`None`: no owner's
/// desk shared any yet).
pub async fn mail_settings(
    connection: &mut PgConnection,
) -> Result<Option<(i64, SignedMailSettings)>, ServerError> {
    let row: Option<(i64, String, Vec<u8>, Vec<u8>)> =
        sqlx::query_as("SELECT version, body, signer, signature FROM kd.mail_settings_now()")
            .fetch_optional(&mut *connection)
            .await
            .map_err(as_desk_error)?;
    row.map(|(version, body, signer, signature)| {
        Ok((
            version,
            SignedMailSettings {
                body,
                signer: signing_key(signer)?,
                signature,
            },
        ))
    })
    .transpose()
}

/// Keeps `settings` as version `version`. False when that is not the next version
/// (another owner's desk saved first): read them again.
pub async fn put_mail_settings(
    connection: &mut PgConnection,
    version: i64,
    settings: &SignedMailSettings,
) -> Result<bool, ServerError> {
    let put = sqlx::query("SELECT kd.put_mail_settings($1, $2, $3, $4)")
        .bind(version)
        .bind(&settings.body)
        .bind(settings.signer.as_slice())
        .bind(&settings.signature)
        .execute(&mut *connection)
        .await;
    match put {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(db)) if db.code().as_deref() == Some("40001") => Ok(false),
        Err(error) => Err(as_desk_error(error)),
    }
}
