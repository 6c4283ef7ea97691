//! Sending the outbox (one pass at a time, for the worker and for tests), and the
//! outbox services: list, retry, cancel, the status bar's counts, a customer's mails.

use super::change::Change;
use super::handoff_mail::{close_as_mailed, CredentialUnavailable};
use super::{Keydesk, ServiceError};
use crate::audit::{self, AuditAction, AuditActor};
use crate::auth::{self, Actor, Permission};
use crate::domain::{CustomerId, OutboxId};
use crate::mail::templates::{
    CredentialsResetMail, Login, RenderedMail, TestMail, VerificationCodeMail, WelcomeMail,
};
use crate::mail::{
    self, seal, Connections, FailureKind, MailError, Mailer, SmtpConfig, MAX_ATTEMPTS,
};
use crate::said::{Explain, Said};
use crate::store::{self, outbox::DueRow};
use anyhow::Context;
use keydesk_api::{
    Language, MailKind, OutboxChanged, OutboxMail, OutboxPage, OutboxQuery, OutboxState,
    OutboxStatus,
};
use secrecy::SecretString;
use std::sync::{Arc, PoisonError, RwLock};
use tokio::sync::{broadcast, Mutex, Notify};

/// Mails taken per pass; the worker comes back at once while more are due.
const PASS_SIZE: u32 = 200;

/// The outbox's moving parts that live as long as the open database.
pub(super) struct OutboxRuntime {
    events: broadcast::Sender<OutboxChanged>,
    wake: Arc<Notify>,
    /// The transport of the saved settings, holding a batch's connection; dropped
    /// when they change.
    mailer: Mutex<Option<Mailer>>,
    /// Pooled in the app; one per mail only to measure what pooling saves.
    connections: RwLock<Connections>,
}

impl Default for OutboxRuntime {
    fn default() -> Self {
        Self {
            events: broadcast::channel(256).0,
            wake: Arc::new(Notify::new()),
            mailer: Mutex::new(None),
            connections: RwLock::new(Connections::Pooled),
        }
    }
}

/// What one pass over the due mails did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxPass {
    pub sent: usize,
    /// Put back in the queue for a later try.
    pub retried: usize,
    pub failed: usize,
    /// Stopped early: the server cannot be reached or the settings do not work.
    pub stopped_early: bool,
    /// No SMTP server is saved: nothing was tried.
    pub not_configured: bool,
}

/// Why a due mail was not handed to the server.
enum Undelivered {
    /// The handoff it carries ended (revoked, expired, handed over another way): the
    /// mail is cancelled, never sent.
    HandoffClosed(Said),
    /// This desk was revoked and the agency server knows the mail: an owner's desk takes
    /// it over, so it is cancelled here, never sent.
    LeftToOwners,
    Mail(MailError),
}

impl From<MailError> for Undelivered {
    fn from(error: MailError) -> Self {
        Undelivered::Mail(error)
    }
}

/// The exit code of a worker stopped by the failpoint below.
#[cfg(debug_assertions)]
pub const FAILPOINT_EXIT_CODE: i32 = 86;

/// Debug and test builds only: with `KEYDESK_FAILPOINT=exit-after-smtp-accept`, the
/// process ends right after the server accepted a credentials mail and before anything
/// about it is written, as a crash or a power cut would end it. The crash tests use it.
#[cfg(debug_assertions)]
fn failpoint_after_smtp_accept() {
    if std::env::var("KEYDESK_FAILPOINT").is_ok_and(|v| v == "exit-after-smtp-accept") {
        std::process::exit(FAILPOINT_EXIT_CODE);
    }
}

/// How a failed try is described where the server's own words must not go (the
/// append-only audit log, the log file, other customers' staff): the kind of failure
/// and the SMTP code. The server's reply often names the recipient; it stays on the
/// mail's outbox row only, which erasing the customer removes.
fn failure_summary(error: &MailError) -> String {
    let kind = error.kind().as_str();
    match error {
        MailError::Refused { code, .. } => format!("{kind} failure, SMTP {code}"),
        _ => format!("{kind} failure"),
    }
}

/// What someone who does not manage the outbox reads about the last failed try: only
/// its kind (the failed mail may be another customer's).
fn failure_for_everyone(kind: &str) -> Said {
    Said::id(match kind {
        "connection" => "outbox-failure-connection",
        "settings" => "outbox-failure-settings",
        "keyring" => "outbox-failure-keyring",
        "temporary" => "outbox-failure-temporary",
        _ => "outbox-failure-refused",
    })
}

/// The worker's name in the audit log.
fn outbox_actor() -> AuditActor<'static> {
    AuditActor::Attempt {
        staff_id: None,
        label: "mail outbox".to_owned(),
    }
}

impl Keydesk {
    /// Every state change of an outbox mail, for the window to refresh.
    pub fn subscribe_outbox(&self) -> broadcast::Receiver<OutboxChanged> {
        self.outbox.events.subscribe()
    }

    /// What the worker waits on between passes.
    pub fn outbox_wake(&self) -> Arc<Notify> {
        Arc::clone(&self.outbox.wake)
    }

    /// Tells the worker to look at the outbox now (after a commit that queued mail).
    pub fn wake_outbox(&self) {
        self.outbox.wake.notify_one();
    }

    /// How the outbox connects to the server: pooled (the default) or, to measure
    /// what pooling saves, a new connection for every mail.
    pub async fn set_mail_connections(&self, connections: Connections) {
        *self
            .outbox
            .connections
            .write()
            .unwrap_or_else(PoisonError::into_inner) = connections;
        self.drop_mailer().await;
    }

    pub(super) fn announce(
        &self,
        id: OutboxId,
        customer_id: Option<CustomerId>,
        state: OutboxState,
    ) {
        if customer_id.is_some() {
            self.mail_to_report
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        // Nobody listening (no window) is fine.
        let _ = self.outbox.events.send(OutboxChanged {
            id: id.0,
            customer_id: customer_id.map(|c| c.0),
            state,
        });
    }

    /// Forgets the pooled connection (settings changed, or it stopped working).
    pub(super) async fn drop_mailer(&self) {
        self.outbox.mailer.lock().await.take();
    }

    /// Crash recovery: mails a stopped worker left `sending` go back to the queue, and a
    /// pending handoff whose mail is noted as sent is closed as sent by email (see
    /// [`Keydesk::close_mailed_handoffs_in`]).
    pub async fn requeue_interrupted_mail(&self) -> anyhow::Result<usize> {
        let mut tx = self.begin_change().await?;
        self.close_mailed_handoffs_in(&mut tx).await?;
        let rows = store::outbox::requeue_sending(&mut tx).await?;
        tx.commit("Failed to requeue interrupted mails").await?;
        for (id, customer_id) in &rows {
            self.announce(*id, *customer_id, OutboxState::Queued);
        }
        Ok(rows.len())
    }

    /// How long until the next queued mail is due (zero if one is due now).
    pub async fn time_to_next_mail(&self) -> anyhow::Result<Option<std::time::Duration>> {
        let next = store::outbox::next_due(self.store.reader()).await?;
        Ok(next.map(|at| (at - self.clock.now()).to_std().unwrap_or_default()))
    }

    /// One pass: sends every mail due now, oldest first, through one connection to
    /// the server of the saved settings. The worker calls it in a loop; tests call it
    /// directly with a manual clock.
    pub async fn send_due_mail(&self) -> anyhow::Result<OutboxPass> {
        let pass = self.send_due_batch().await;
        // The batch's connection ends with it: the next batch may be hours away, and
        // a server would close an idle connection on its side anyway.
        let mailer = self.outbox.mailer.lock().await.clone();
        if let Some(mailer) = mailer {
            mailer.close().await;
        }
        pass
    }

    async fn send_due_batch(&self) -> anyhow::Result<OutboxPass> {
        let mut pass = OutboxPass::default();
        let Some(config) = self.smtp_config().await? else {
            pass.not_configured = true;
            return Ok(pass);
        };
        loop {
            let rows = store::outbox::due(self.store.reader(), self.clock.now(), PASS_SIZE).await?;
            if rows.is_empty() {
                break;
            }
            let batch = rows.len();
            for row in rows {
                if !self.send_one(&config, row, &mut pass).await? {
                    pass.stopped_early = true;
                    return Ok(pass);
                }
            }
            if batch < PASS_SIZE as usize {
                break;
            }
        }
        Ok(pass)
    }

    /// Sends one mail and records the outcome. False when the rest of the pass should
    /// wait (the server cannot be reached, or the settings do not work).
    async fn send_one(
        &self,
        config: &SmtpConfig,
        row: DueRow,
        pass: &mut OutboxPass,
    ) -> anyhow::Result<bool> {
        let mut tx = self.begin_change().await?;
        let started = tx.now();
        let claimed = store::outbox::claim(&mut tx, row.id, started).await?;
        tx.commit("Failed to take a mail for sending").await?;
        if !claimed {
            return Ok(true);
        }
        self.announce(row.id, row.customer_id, OutboxState::Sending);
        let attempts = row.attempts + 1;
        let result = if row.known_to_agency && self.desk_revoked().await? {
            Err(Undelivered::LeftToOwners)
        } else {
            self.deliver(config, &row).await
        };
        #[cfg(debug_assertions)]
        if result.is_ok() && row.handoff_id.is_some() {
            failpoint_after_smtp_accept();
        }
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let mut stops = false;
        let outcome = match result {
            Ok(()) => {
                store::outbox::mark_sent(&mut tx, row.id, now).await?;
                self.audit_mail(&mut tx, &row, AuditAction::MailSent, "")
                    .await?;
                // The handoff closes with the mail: a stop between the two can no longer
                // leave a mailed password pending (and mailable again).
                if let Some(handoff_id) = row.handoff_id {
                    close_as_mailed(&mut tx, handoff_id, now, row.created_by, "").await?;
                }
                pass.sent += 1;
                OutboxState::Sent
            }
            Err(Undelivered::HandoffClosed(reason)) => {
                store::outbox::cancel_sending(&mut tx, row.id, &reason).await?;
                let why = "its login was withdrawn before it was sent";
                self.audit_mail(&mut tx, &row, AuditAction::MailCancelled, why)
                    .await?;
                OutboxState::Cancelled
            }
            Err(Undelivered::LeftToOwners) => {
                let reason = Said::id("outbox-left-to-owners");
                store::outbox::cancel_sending(&mut tx, row.id, &reason).await?;
                let why = "this desk was revoked; the mail is left to the owners";
                self.audit_mail(&mut tx, &row, AuditAction::MailCancelled, why)
                    .await?;
                OutboxState::Cancelled
            }
            Err(Undelivered::Mail(error)) => {
                let kind = error.kind();
                let message = error.explain();
                let summary = failure_summary(&error);
                tracing::warn!(mail = row.id.0, failure = %summary, "mail not sent");
                stops = matches!(
                    kind,
                    FailureKind::Connection | FailureKind::Settings | FailureKind::Keyring
                );
                // A mail waiting for the agency server's token waits as long as it takes.
                let waits = matches!(error, MailError::WaitingForAgencyServer(_));
                let give_up = !waits
                    && match kind {
                        FailureKind::Permanent => true,
                        FailureKind::Connection | FailureKind::Keyring => false,
                        FailureKind::Settings | FailureKind::Temporary => attempts >= MAX_ATTEMPTS,
                    };
                if give_up {
                    store::outbox::mark_failed(&mut tx, row.id, &message, kind.as_str()).await?;
                    self.audit_mail(&mut tx, &row, AuditAction::MailFailed, &summary)
                        .await?;
                    pass.failed += 1;
                    OutboxState::Failed
                } else {
                    // A locked keyring is unlocked by a person at the desk: try again
                    // soon, not after the ever longer waits of an outage.
                    let next = match kind {
                        FailureKind::Keyring => now + mail::retry_delay(1),
                        _ => now + mail::retry_delay(attempts),
                    };
                    store::outbox::mark_retry(&mut tx, row.id, next, &message, kind.as_str())
                        .await?;
                    if stops {
                        // Every other mail would fail the same way: they wait too.
                        store::outbox::postpone_queued(&mut tx, next).await?;
                    }
                    pass.retried += 1;
                    OutboxState::Queued
                }
            }
        };
        tx.commit("Failed to note how a mail went").await?;
        self.announce(row.id, row.customer_id, outcome);
        if stops {
            self.drop_mailer().await;
        }
        Ok(!stops)
    }

    async fn audit_mail(
        &self,
        tx: &mut Change,
        row: &DueRow,
        action: AuditAction,
        reason: &str,
    ) -> anyhow::Result<()> {
        let kind: MailKind = row.kind.parse().context("Unknown value in outbox.kind")?;
        let mut detail = format!("{} mail #{}", kind.label().to_lowercase(), row.id);
        if let Some(customer) = row.customer_id {
            detail.push_str(&format!(" for customer #{customer}"));
        }
        if !reason.is_empty() {
            detail.push_str(&format!(": {reason}"));
        }
        let now = self.clock.now();
        match row.customer_id {
            Some(customer) => {
                audit::append_for_customer(tx, now, outbox_actor(), action, customer, &detail).await
            }
            None => audit::append(tx, now, outbox_actor(), action, &detail).await,
        }
    }

    /// Renders a due mail (opening its secret only now, which also checks that the
    /// handoff it carries is still pending) and hands it to the server.
    async fn deliver(&self, config: &SmtpConfig, row: &DueRow) -> Result<(), Undelivered> {
        let brand = self
            .branding_in_force()
            .await
            .map_err(|e| MailError::Invalid(format!("{e:#}")))?;
        let language = self
            .mail_language_for(row.preferred_language.as_deref())
            .await
            .map_err(|e| MailError::Invalid(format!("{e:#}")))?;
        let first_name = row.first_name.clone().unwrap_or_default();
        let full_name = match (&row.first_name, &row.last_name) {
            (Some(first), Some(last)) => format!("{first} {last}"),
            _ => row.staff_name.clone().unwrap_or_default(),
        };
        let to = mail::mailbox(&full_name, &row.recipient)?;
        let kind: MailKind = row.kind.parse().map_err(|_| {
            MailError::Unbuildable(
                Said::id("error-mail-unknown-kind").arg("kind", row.kind.as_str()),
            )
        })?;
        // Asked only once the mail is sure to go: a new link voids the customer's last one.
        let verify_link = || self.verify_email_link(&brand.portal_url, row.customer_id);
        let rendered: RenderedMail = match kind {
            MailKind::Welcome => WelcomeMail {
                brand: &brand,
                first_name: &first_name,
                message: &welcome_text(&row.welcome_message, &brand.agency_name, language),
                login: None,
                verify_link: verify_link().await?.as_deref().map(String::as_str),
            }
            .render(language),
            MailKind::WelcomeCredentials | MailKind::CredentialsReset => {
                let (Some(handoff_id), Some(customer_id)) = (row.handoff_id, row.customer_id)
                else {
                    return Err(
                        MailError::Unbuildable(Said::id("error-mail-without-handoff")).into(),
                    );
                };
                let login = self
                    .open_handoff_login(
                        row.id,
                        row.sealed_secret.as_deref(),
                        handoff_id,
                        customer_id,
                    )
                    .await
                    .map_err(|e| match e {
                        CredentialUnavailable::Closed(reason) => Undelivered::HandoffClosed(reason),
                        CredentialUnavailable::Failed(reason) => {
                            Undelivered::Mail(MailError::Unavailable(reason))
                        }
                    })?;
                let password = SecretString::from(login.password.expose().to_owned());
                let login = Login {
                    username: &login.username,
                    password: &password,
                };
                if kind == MailKind::WelcomeCredentials {
                    WelcomeMail {
                        brand: &brand,
                        first_name: &first_name,
                        message: &welcome_text(&row.welcome_message, &brand.agency_name, language),
                        login: Some(login),
                        verify_link: verify_link().await?.as_deref().map(String::as_str),
                    }
                    .render(language)
                } else {
                    CredentialsResetMail {
                        brand: &brand,
                        first_name: &first_name,
                        login,
                    }
                    .render(language)
                }
            }
            MailKind::VerificationCode => {
                let sealed = row
                    .sealed_secret
                    .as_deref()
                    .ok_or_else(|| MailError::Unbuildable(Said::id("error-mail-code-gone")))?;
                let code = seal::open(&self.vault_key, row.id, sealed)
                    .map_err(|e| MailError::Invalid(format!("{e:#}")))?;
                VerificationCodeMail {
                    brand: &brand,
                    first_name: &first_name,
                    code: &code,
                    valid_minutes: mail::VERIFICATION_CODE_MINUTES,
                }
                .render(language)
            }
            MailKind::Test => TestMail {
                brand: &brand,
                staff_name: row.staff_name.as_deref().unwrap_or(""),
                server: &config.address(),
                security: config.security,
            }
            .render(language),
        }
        .map_err(|e| MailError::Invalid(e.to_string()))?;
        let mailer = self.pooled_mailer(config).await?;
        Ok(mailer.send(&to, &rendered, &row.message_id).await?)
    }

    /// The transport for `config`, built on first use.
    async fn pooled_mailer(&self, config: &SmtpConfig) -> Result<Mailer, MailError> {
        let mut slot = self.outbox.mailer.lock().await;
        if let Some(mailer) = slot.as_ref().filter(|m| m.config() == config) {
            return Ok(mailer.clone());
        }
        let password = self.smtp_password().await?;
        let connections = *self
            .outbox
            .connections
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        let mailer = Mailer::new(config, password.as_ref(), connections)?;
        *slot = Some(mailer.clone());
        Ok(mailer)
    }

    /// One page of the outbox, newest first (owners and admins).
    pub async fn outbox_page(
        &self,
        actor: &Actor,
        query: &OutboxQuery,
    ) -> Result<OutboxPage, ServiceError> {
        self.authorize(actor, Permission::ManageOutbox).await?;
        let limit = query.limit.clamp(1, 200);
        let (rows, total) =
            store::outbox::page(self.store.reader(), query.state, query.before_id, limit + 1)
                .await?;
        let has_more = rows.len() > limit as usize;
        let rows: Vec<OutboxMail> = rows.into_iter().take(limit as usize).collect();
        let next_before_id = has_more.then(|| rows.last().map(|m| m.id)).flatten();
        Ok(OutboxPage {
            rows,
            total,
            next_before_id,
        })
    }

    /// Sends a waiting mail (or, with no id, every waiting mail) now, and gives a
    /// failed one a new series of tries. Returns the counts after.
    pub async fn retry_mail(
        &self,
        actor: &Actor,
        id: Option<OutboxId>,
    ) -> Result<OutboxStatus, ServiceError> {
        let (actor, mut tx) = self.change(actor, Permission::ManageOutbox).await?;
        let now = tx.now();
        let changed = store::outbox::retry_now(&mut tx, id, now).await?;
        if let Some(id) = id {
            if changed.is_empty() {
                let state = store::outbox::find(self.store.reader(), id)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                return Err(ServiceError::conflict(match (state.state, state.kind) {
                    (OutboxState::Failed, MailKind::VerificationCode) => {
                        Said::id("error-mail-expired-code-not-resent")
                    }
                    (OutboxState::Sending, _) => Said::id("error-mail-being-sent"),
                    _ => Said::id("error-mail-not-retriable"),
                }));
            }
        }
        for (mail_id, customer_id, _) in &changed {
            let detail = match customer_id {
                Some(c) => format!("mail #{mail_id} for customer #{c}"),
                None => format!("mail #{mail_id}"),
            };
            match customer_id {
                Some(c) => {
                    tx.audit_for_customer(
                        AuditActor::Staff(&actor),
                        AuditAction::MailRetried,
                        *c,
                        &detail,
                    )
                    .await?
                }
                None => {
                    tx.audit(AuditActor::Staff(&actor), AuditAction::MailRetried, &detail)
                        .await?
                }
            }
        }
        tx.commit("Failed to retry mails").await?;
        for (mail_id, customer_id, _) in &changed {
            self.announce(*mail_id, *customer_id, OutboxState::Queued);
        }
        self.wake_outbox();
        self.outbox_counts(true).await.map_err(Into::into)
    }

    /// Cancels a waiting or failed mail; its secret (if any) is wiped.
    pub async fn cancel_mail(
        &self,
        actor: &Actor,
        id: OutboxId,
    ) -> Result<OutboxMail, ServiceError> {
        let actor = self.authorize(actor, Permission::ManageOutbox).await?;
        let mail = store::outbox::find(self.store.reader(), id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let mut tx = self.begin_change().await?;
        if !store::outbox::cancel(&mut tx, id).await? {
            return Err(ServiceError::conflict(match mail.state {
                OutboxState::Sending => Said::id("error-mail-being-sent-cannot-stop"),
                OutboxState::Sent => Said::id("error-mail-already-sent"),
                _ => Said::id("error-mail-already-cancelled"),
            }));
        }
        let detail = match mail.customer_id {
            Some(c) => format!("mail #{id} for customer #{c}"),
            None => format!("mail #{id}"),
        };
        let by = AuditActor::Staff(&actor);
        match mail.customer_id {
            Some(c) => {
                tx.audit_for_customer(by, AuditAction::MailCancelled, CustomerId(c), &detail)
                    .await?
            }
            None => tx.audit(by, AuditAction::MailCancelled, &detail).await?,
        }
        tx.commit("Failed to cancel the mail").await?;
        self.announce(id, mail.customer_id.map(CustomerId), OutboxState::Cancelled);
        store::outbox::find(self.store.reader(), id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// The status bar's counts: waiting, failed, and whether the server is reachable.
    /// The server's words about the last failed try only for those who manage the
    /// outbox (the mail may be any customer's); others read what kind of failure it was.
    pub async fn outbox_status(&self, actor: &Actor) -> Result<OutboxStatus, ServiceError> {
        let actor = self.authorize(actor, Permission::SendCustomerMail).await?;
        let detailed = auth::allows(actor.role(), Permission::ManageOutbox);
        Ok(self.outbox_counts(detailed).await?)
    }

    async fn outbox_counts(&self, detailed: bool) -> anyhow::Result<OutboxStatus> {
        let counts = store::outbox::counts(self.store.reader()).await?;
        let offline = counts
            .last_error
            .as_ref()
            .is_some_and(|(_, kind)| kind == FailureKind::Connection.as_str());
        Ok(OutboxStatus {
            waiting: counts.waiting,
            failed: counts.failed,
            offline,
            smtp_configured: self.smtp_config().await?.is_some(),
            next_attempt_at: counts.next_attempt_at,
            last_error: counts.last_error.map(|(error, kind)| {
                if detailed {
                    error
                } else {
                    failure_for_everyone(&kind)
                }
            }),
        })
    }

    /// A customer's mails, newest first (for their timeline).
    pub async fn customer_mails(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
    ) -> Result<Vec<OutboxMail>, ServiceError> {
        let actor = self.authorize(actor, Permission::SendCustomerMail).await?;
        self.customer(&actor, customer_id).await?;
        Ok(store::outbox::for_customer(self.store.reader(), customer_id, 200).await?)
    }

    /// One outbox mail as it is now (no access check: for the shell and tests).
    pub async fn outbox_mail(&self, id: OutboxId) -> anyhow::Result<Option<OutboxMail>> {
        store::outbox::find(self.store.reader(), id).await
    }
}

/// The welcome mail's text: the agency's words, or a plain greeting.
fn welcome_text(message: &str, agency: &str, language: Language) -> String {
    if message.trim().is_empty() {
        crate::catalogue::message(language, "welcome-default-message", &[("agency", agency)])
            .unwrap_or_default()
    } else {
        message.to_owned()
    }
}
