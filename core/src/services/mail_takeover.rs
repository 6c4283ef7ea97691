//! Mail across an agency's desks. Each customer mail is sent by the desk that queued it;
//! at each sync the desk tells the agency server about its mails (never a password), so
//! that when a desk is revoked before its mail went (a laptop lost, stolen or retired),
//! an owner's desk can take that mail over. The mail keeps its Message-ID, and a revoked
//! desk that learns it was revoked no longer sends the mail the server knows: the
//! customer gets it once. (A revoked desk that never hears from the server again, and
//! still has a working SMTP password, could send its copy too: it carries the same
//! Message-ID, which is why the SMTP password is changed after a revocation.)

use super::errors::server_error;
use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::domain::{CustomerId, FreeText};
use crate::mail::{enqueue_in, NewMail};
use crate::said::Said;
use crate::store;
use keydesk_api::{HandoffState, MailKind, MailTakenOver, OutboxState};
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

/// How many mails are told to the server in one call (the server takes up to 500).
const REPORT_PAGE: i64 = 200;

/// A mail the server holds for a revoked desk.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RevokedDeskMail {
    pub message_id: String,
    pub customer: Uuid,
    pub kind: String,
    pub desk: Uuid,
    pub desk_label: String,
    pub queued_at: chrono::DateTime<chrono::Utc>,
}

#[derive(sqlx::FromRow)]
struct TakenOver {
    message_id: String,
    customer: Uuid,
    kind: String,
    handoff: Option<Uuid>,
    recipient: String,
    welcome_message: String,
}

impl Keydesk {
    /// Within a sync: tells the server which customer mails this desk queued and how
    /// they went. A mail the server says another desk sends now is cancelled here.
    pub(super) async fn report_mail(
        &self,
        connection: &mut PgConnection,
    ) -> Result<(), ServiceError> {
        self.mail_to_report
            .store(false, std::sync::atomic::Ordering::Relaxed);
        let mut after = 0_i64;
        loop {
            let mut tx = self.begin_change().await?;
            let page = store::outbox::to_report(&mut tx, after, REPORT_PAGE).await?;
            let Some(last) = page.last() else {
                return Ok(());
            };
            after = last.id.0;
            let mut told = Vec::with_capacity(page.len());
            let mut body = Vec::with_capacity(page.len());
            for mail in page {
                let Some(customer) = store::sync::customer_uid(&mut tx, mail.customer_id).await?
                else {
                    continue;
                };
                let handoff = match mail.handoff_id {
                    Some(id) => Some(store::agency_logins::handoff_uid(&mut tx, id).await?),
                    None => None,
                };
                body.push(json!({
                    "message_id": mail.message_id,
                    "customer": customer,
                    "kind": mail.kind,
                    "handoff": handoff,
                    "recipient": mail.recipient,
                    "welcome_message": mail.welcome_message,
                    "state": mail.state,
                }));
                told.push(mail);
            }
            drop(tx);
            if told.is_empty() {
                continue;
            }
            let answers: Vec<String> = sqlx::query_scalar("SELECT unnest(kd.report_mail($1))")
                .bind(serde_json::Value::Array(body))
                .fetch_all(&mut *connection)
                .await
                .map_err(server_error)?;
            let mut tx = self.begin_change().await?;
            let now = tx.now();
            for (mail, answer) in told.iter().zip(answers) {
                match answer.as_str() {
                    "mine" => store::outbox::mark_reported(&mut tx, mail.id, &mail.state).await?,
                    "taken" => {
                        let cancelled = store::outbox::cancel_queued(
                            &mut tx,
                            mail.id,
                            &Said::id("outbox-taken-by-owner"),
                        )
                        .await?;
                        if cancelled {
                            audit::append_for_customer(
                                &mut tx,
                                now,
                                AuditActor::AgencyServer,
                                AuditAction::MailCancelled,
                                mail.customer_id,
                                &format!("mail #{}: an owner's desk took it over", mail.id),
                            )
                            .await?;
                            self.announce(mail.id, Some(mail.customer_id), OutboxState::Cancelled);
                        }
                        let state = if cancelled {
                            "cancelled"
                        } else {
                            mail.state.as_str()
                        };
                        store::outbox::mark_reported(&mut tx, mail.id, state).await?;
                    }
                    // Its customer is not on the server yet: told again at the next sync.
                    _ => {}
                }
            }
            tx.commit("Failed to note what the agency server heard of the mail")
                .await?;
        }
    }

    /// Whether a customer mail was queued or moved on since the agency server last heard
    /// of this desk's mail.
    pub fn mail_to_report(&self) -> bool {
        self.mail_to_report
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Notes that the agency server revoked this desk (it no longer lets it sign in).
    pub(super) async fn note_desk_revoked(&self) {
        let noted = async {
            let mut tx = self.begin_change().await?;
            if store::meta::get(&mut tx, store::meta::DESK_REVOKED_AT)
                .await?
                .is_none()
            {
                let now = tx.now();
                store::meta::set(&mut tx, store::meta::DESK_REVOKED_AT, &now.to_rfc3339()).await?;
                tx.commit("Failed to note that this desk was revoked")
                    .await?;
                tracing::warn!("the agency server revoked this desk: its mail the server knows is left to the owners");
            }
            Ok::<_, anyhow::Error>(())
        };
        if let Err(error) = noted.await {
            tracing::warn!(error = %error, "could not note that this desk was revoked");
        }
    }

    /// Whether this desk learnt that the agency server revoked it.
    pub(super) async fn desk_revoked(&self) -> anyhow::Result<bool> {
        Ok(
            store::meta::get_readonly(self.store.reader(), store::meta::DESK_REVOKED_AT)
                .await?
                .is_some(),
        )
    }

    /// The mail waiting on revoked desks, for an owner (empty on a desk of its own).
    pub async fn mail_of_revoked_desks(
        &self,
        actor: &Actor,
    ) -> Result<Vec<RevokedDeskMail>, ServiceError> {
        self.authorize(actor, Permission::ManageAgencyServer)
            .await?;
        if self.agency_server().await?.is_none_or(|s| s.joining) {
            return Ok(Vec::new());
        }
        let (_, mut connection) = self.connect_as_desk().await?;
        let listed: Vec<RevokedDeskMail> = sqlx::query_as(
            "SELECT message_id, customer, kind, desk, desk_label, queued_at
             FROM kd.mail_of_revoked_desks()",
        )
        .fetch_all(&mut connection)
        .await
        .map_err(server_error)?;
        // What this desk took over and queued already is no longer waiting.
        let mut tx = self.begin_change().await?;
        let mut waiting = Vec::with_capacity(listed.len());
        for mail in listed {
            if !store::outbox::has_message_id(&mut tx, &mail.message_id).await? {
                waiting.push(mail);
            }
        }
        Ok(waiting)
    }

    /// An owner takes over the waiting mail of revoked desk `desk`: this desk queues
    /// each mail again under its Message-ID and sends it. A credentials mail is opened
    /// with the owner's key, as when they send a login themselves; a login that ended
    /// meanwhile is not sent. Taking over again picks up what could not be queued yet.
    pub async fn take_over_mail(
        &self,
        actor: &Actor,
        desk: Uuid,
    ) -> Result<MailTakenOver, ServiceError> {
        let actor = self
            .authorize(actor, Permission::ManageAgencyServer)
            .await?;
        if self.agency_server().await?.is_none_or(|s| s.joining) {
            return Err(ServiceError::conflict(Said::id(
                "error-mail-takeover-needs-server",
            )));
        }
        let (_, mut connection) = self.connect_as_desk().await?;
        let moved: i32 = sqlx::query_scalar("SELECT kd.take_over_mail($1)")
            .bind(desk)
            .fetch_one(&mut connection)
            .await
            .map_err(|error| match &error {
                sqlx::Error::Database(db) if db.code().as_deref() == Some("42501") => {
                    ServiceError::conflict(Said::id("error-mail-takeover-not-revoked"))
                }
                _ => server_error(error),
            })?;
        tracing::info!(mails = moved, "took over the mail of a revoked desk");
        let taken: Vec<TakenOver> = sqlx::query_as(
            "SELECT message_id, customer, kind, handoff, recipient, welcome_message
             FROM kd.mail_taken_over()",
        )
        .fetch_all(&mut connection)
        .await
        .map_err(server_error)?;
        let mut report = MailTakenOver::default();
        for mail in taken {
            let mut tx = self.begin_change().await?;
            if store::outbox::has_message_id(&mut tx, &mail.message_id).await? {
                continue;
            }
            let customer = store::sync::customer_by_uid(&mut tx, mail.customer).await?;
            let handoff = match mail.handoff {
                Some(uid) => store::agency_logins::handoff_by_uid(&mut tx, uid).await?,
                None => None,
            };
            drop(tx);
            let Some(customer) = customer else {
                report.waiting += 1;
                continue;
            };
            let queued = match (mail.kind.parse::<MailKind>(), handoff) {
                (Ok(MailKind::Welcome), _) => {
                    self.queue_taken_over_welcome(&actor, customer, &mail)
                        .await?;
                    true
                }
                (Ok(MailKind::WelcomeCredentials | MailKind::CredentialsReset), Some(handoff)) => {
                    match self
                        .queue_handoff_mail(
                            &actor,
                            handoff,
                            &mail.welcome_message,
                            Some(&mail.recipient),
                            Some(&mail.message_id),
                        )
                        .await
                    {
                        Ok(_) => true,
                        // Dropped only when the login ended; anything else (keys not
                        // unlocked, the customer's email changed) waits for another try.
                        Err(ServiceError::Conflict(_) | ServiceError::NotFound) => {
                            let mut tx = self.begin_change().await?;
                            let ended = store::handoffs::find(&mut tx, handoff)
                                .await?
                                .is_none_or(|row| row.state != HandoffState::Pending);
                            drop(tx);
                            if !ended {
                                report.waiting += 1;
                                continue;
                            }
                            false
                        }
                        Err(error) => return Err(error),
                    }
                }
                // The login has not reached this desk yet.
                (Ok(MailKind::WelcomeCredentials | MailKind::CredentialsReset), None) => {
                    report.waiting += 1;
                    continue;
                }
                _ => false,
            };
            if queued {
                report.queued += 1;
                self.tell_mail_state(&mut connection, &mail, "queued")
                    .await?;
            } else {
                report.dropped += 1;
                self.tell_mail_state(&mut connection, &mail, "cancelled")
                    .await?;
            }
        }
        Ok(report)
    }

    async fn queue_taken_over_welcome(
        &self,
        actor: &Actor,
        customer: CustomerId,
        mail: &TakenOver,
    ) -> Result<(), ServiceError> {
        let message = FreeText::parse("welcome_message", &mail.welcome_message, 5000)?;
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let email = store::customers::email_of(&mut tx, customer)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let new = NewMail::welcome(customer, &email, message.as_ref())
            .keeping_message_id(&mail.message_id);
        let id = enqueue_in(&mut tx, now, actor, &new).await?;
        tx.commit("Failed to queue a mail taken over").await?;
        self.announce(id, Some(customer), OutboxState::Queued);
        self.wake_outbox();
        Ok(())
    }

    /// Tells the server how a mail taken over stands here.
    async fn tell_mail_state(
        &self,
        connection: &mut PgConnection,
        mail: &TakenOver,
        state: &str,
    ) -> Result<(), ServiceError> {
        let body = json!([{
            "message_id": mail.message_id,
            "customer": mail.customer,
            "kind": mail.kind,
            "handoff": mail.handoff,
            "recipient": mail.recipient,
            "welcome_message": "",
            "state": state,
        }]);
        sqlx::query("SELECT kd.report_mail($1)")
            .bind(body)
            .execute(&mut *connection)
            .await
            .map_err(server_error)?;
        Ok(())
    }
}
