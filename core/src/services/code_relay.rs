//! Verification codes across an agency's desks. The code's hash stays on the desk that
//! mailed it; that desk tells the agency server it holds a code for the customer. When
//! the customer reads the code to staff at another desk, that desk seals what was typed
//! to the holding desk's key and asks through the server; the holding desk checks it as
//! if it had been typed there (each try counted, the code spent when right) and answers.
//! Both desks then count the customer as verified.

use super::errors::server_error;
use super::verification_codes::CodeVerdict;
use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::Actor;
use crate::domain::{CustomerId, PlainPassword};
use crate::said::{Explain, Said};
use crate::store;
use crate::store::sync::SyncServer;
use crate::vault::code_check;
use rand::TryRngCore;
use sqlx::PgConnection;
use std::time::Duration;
use uuid::Uuid;

/// How long a desk waits for the holding desk's answer.
const ANSWER_WAIT: Duration = Duration::from_secs(20);
/// How often it asks the server whether the answer came.
const ANSWER_POLL: Duration = Duration::from_millis(200);

impl Keydesk {
    /// Tells the agency server this desk holds a code for `customer_id` (best effort: the
    /// next sync tells it again).
    pub(super) async fn announce_code(&self, customer_id: CustomerId) {
        let announced = async {
            if self.agency_server().await?.is_none_or(|s| s.joining) {
                return Ok::<_, ServiceError>(());
            }
            let (server, mut connection) = self.connect_as_desk().await?;
            self.announce_codes(&server, &mut connection, Some(customer_id))
                .await
        };
        if let Err(error) = announced.await {
            tracing::info!(%error, "the agency server does not know of a new code yet");
        }
    }

    /// Tells the server about this desk's waiting codes (only `only`'s, when given).
    async fn announce_codes(
        &self,
        _server: &SyncServer,
        connection: &mut PgConnection,
        only: Option<CustomerId>,
    ) -> Result<(), ServiceError> {
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let mut codes = store::outbox::live_codes(&mut tx, now).await?;
        if let Some(only) = only {
            let uid = store::sync::customer_uid(&mut tx, only).await?;
            codes.retain(|(customer, _, _)| Some(*customer) == uid);
        }
        drop(tx);
        let skew = self.agency_time(now) - now;
        for (customer, issued, expires) in codes {
            // On the server's clock, as every desk's codes are compared there.
            sqlx::query("SELECT kd.hold_code($1, $2, $3)")
                .bind(customer)
                .bind(issued + skew)
                .bind(expires + skew)
                .execute(&mut *connection)
                .await
                .map_err(server_error)?;
        }
        Ok(())
    }

    /// Within a sync: tells the server about this desk's codes, then answers the checks
    /// other desks asked of it. Answering needs this desk's keys (its member signed in).
    pub(super) async fn sync_code_checks(
        &self,
        server: &SyncServer,
        connection: &mut PgConnection,
    ) -> Result<(), ServiceError> {
        self.announce_codes(server, connection, None).await?;
        let mut tx = self.begin_change().await?;
        let me = store::sync::staff_by_uid(&mut tx, server.member).await?;
        drop(tx);
        let Some(pair) = me.and_then(|id| self.session_keys.get(id)) else {
            return Ok(());
        };
        let asked: Vec<(Uuid, Uuid, Option<String>)> =
            sqlx::query_as("SELECT uid, customer, body FROM kd.code_checks_for_me()")
                .fetch_all(&mut *connection)
                .await
                .map_err(server_error)?;
        for (check, customer, body) in asked {
            let question = body
                .as_deref()
                .and_then(|body| code_check::open_code(&pair, check, customer, body));
            let typed = question
                .as_ref()
                .and_then(|q| super::verification_codes::read_typed_code(&q.typed).ok());
            let mut tx = self.begin_change().await?;
            let id = store::sync::customer_by_uid(&mut tx, customer).await?;
            drop(tx);
            let verdict = match (typed, id) {
                (Some(typed), Some(id)) => {
                    self.check_code_here(
                        id,
                        &typed,
                        AuditActor::AgencyServer,
                        ", typed at another desk",
                    )
                    .await?
                }
                _ => CodeVerdict::NoCode,
            };
            let (answer, tries, proof) = match verdict {
                CodeVerdict::Right => ("right", None, question.map(|q| q.proof)),
                CodeVerdict::Wrong { tries_left } => {
                    ("wrong", i32::try_from(tries_left).ok(), None)
                }
                CodeVerdict::Void => ("void", None, None),
                CodeVerdict::NoCode => ("none", None, None),
            };
            sqlx::query("SELECT kd.answer_code_check($1, $2, $3, $4)")
                .bind(check)
                .bind(answer)
                .bind(tries)
                .bind(proof)
                .execute(&mut *connection)
                .await
                .map_err(server_error)?;
        }
        Ok(())
    }

    /// Checks `typed` at the desk that mailed the customer's code, online.
    pub(super) async fn check_code_elsewhere(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
        typed: &PlainPassword,
    ) -> Result<CodeVerdict, ServiceError> {
        if self.agency_server().await?.is_none_or(|s| s.joining) {
            return Ok(CodeVerdict::NoCode);
        }
        let mut tx = self.begin_change().await?;
        let uid = store::sync::customer_uid(&mut tx, customer_id).await?;
        drop(tx);
        let Some(uid) = uid else {
            return Ok(CodeVerdict::NoCode);
        };
        let unreachable = |error: ServiceError| {
            ServiceError::conflict(
                Said::id("error-mail-code-server-unreachable").arg("reason", error.explain()),
            )
        };
        let (server, mut connection) = self.connect_as_desk().await.map_err(unreachable)?;
        let holder: Option<Uuid> = sqlx::query_scalar("SELECT kd.code_holder($1)")
            .bind(uid)
            .fetch_one(&mut connection)
            .await
            .map_err(server_error)?;
        let Some(holder) = holder.filter(|holder| *holder != server.desk) else {
            return Ok(CodeVerdict::NoCode);
        };
        let roster = self.verified_roster_now().await?;
        let Some(keys) = roster
            .as_ref()
            .and_then(|roster| roster.desk_keys(holder).next().map(|k| k.keys.clone()))
        else {
            return Err(ServiceError::conflict(Said::id(
                "error-mail-code-desk-unknown",
            )));
        };
        let check = Uuid::now_v7();
        let mut secret = [0_u8; 16];
        rand::rngs::OsRng
            .try_fill_bytes(&mut secret)
            .map_err(|e| anyhow::anyhow!("The system's random generator failed: {e}"))?;
        let proof = hex::encode(secret);
        let body = code_check::seal_code(&keys, check, uid, typed.expose(), &proof)?;
        let asked: bool = sqlx::query_scalar("SELECT kd.ask_code_check($1, $2, $3, $4)")
            .bind(check)
            .bind(uid)
            .bind(holder)
            .bind(&body)
            .fetch_one(&mut connection)
            .await
            .map_err(server_error)?;
        if !asked {
            return Ok(CodeVerdict::NoCode);
        }
        let waited = tokio::time::timeout(ANSWER_WAIT, async {
            loop {
                let answer: Option<(String, Option<i32>, Option<String>)> = sqlx::query_as(
                    "SELECT answer, tries_left, proof FROM kd.code_check_answer($1)",
                )
                .bind(check)
                .fetch_optional(&mut connection)
                .await
                .map_err(server_error)?;
                if let Some(answer) = answer {
                    return Ok::<_, ServiceError>(answer);
                }
                tokio::time::sleep(ANSWER_POLL).await;
            }
        })
        .await;
        let (answer, tries, answered_proof) = match waited {
            Ok(answer) => answer?,
            Err(_) => {
                // The holding desk no longer takes the question up.
                let _ = sqlx::query("SELECT kd.cancel_code_check($1)")
                    .bind(check)
                    .execute(&mut connection)
                    .await;
                return Err(ServiceError::conflict(Said::id(
                    "error-mail-code-no-answer",
                )));
            }
        };
        Ok(match answer.as_str() {
            "right" if answered_proof.as_deref() != Some(proof.as_str()) => {
                tracing::warn!("a code check was answered right without the holding desk's proof");
                return Err(ServiceError::conflict(Said::id(
                    "error-mail-code-untrusted",
                )));
            }
            "right" => {
                let mut tx = self.begin_change().await?;
                let now = tx.now();
                store::outbox::mark_verified_once(&mut tx, customer_id, now).await?;
                let detail =
                    format!("customer #{customer_id}, checked by the desk that sent the code");
                tx.audit_for_customer(
                    AuditActor::Staff(actor),
                    AuditAction::EmailVerified,
                    customer_id,
                    &detail,
                )
                .await?;
                tx.commit("Failed to record the verification").await?;
                CodeVerdict::Right
            }
            "wrong" => CodeVerdict::Wrong {
                tries_left: i64::from(tries.unwrap_or(0)),
            },
            "void" => CodeVerdict::Void,
            _ => CodeVerdict::NoCode,
        })
    }
}
