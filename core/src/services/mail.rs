//! Mail services: branding, previews, and the customer mails staff send. The SMTP
//! settings and the verification codes have their own modules.

use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::domain::{CustomerId, FreeText, OutboxId};
use crate::mail::templates::{
    CredentialsResetMail, Login, TestMail, VerificationCodeMail, WelcomeMail,
};
use crate::mail::{self, default_branding, enqueue_in, NewMail, ParsedBranding, BRANDING_KEY};
use crate::store;
use anyhow::Context;
use keydesk_api::{Branding, MailKind, MailPreview, OutboxMail, PreviewMailRequest, SmtpSecurity};
use secrecy::SecretString;

impl Keydesk {
    /// The branding in force (saved, or the defaults).
    pub(super) async fn branding_in_force(&self) -> anyhow::Result<Branding> {
        Ok(store::settings::get(self.store.reader(), BRANDING_KEY)
            .await?
            .unwrap_or_else(default_branding))
    }

    /// The branding of mails (saved, or the defaults).
    pub async fn branding(&self, actor: &Actor) -> Result<Branding, ServiceError> {
        self.authorize(actor, Permission::ManageMailSettings)
            .await?;
        Ok(self.branding_in_force().await?)
    }

    pub async fn save_branding(
        &self,
        actor: &Actor,
        branding: &Branding,
    ) -> Result<Branding, ServiceError> {
        let actor = self
            .authorize(actor, Permission::ManageMailSettings)
            .await?;
        let new = ParsedBranding::parse(branding)?.into_inner();
        let old = self.branding_in_force().await?;
        if old != new {
            let mut changed = Vec::new();
            for (name, differs) in [
                ("agency name", old.agency_name != new.agency_name),
                ("logo", old.logo_url != new.logo_url),
                ("accent colour", old.accent_colour != new.accent_colour),
                ("support email", old.support_email != new.support_email),
                ("portal address", old.portal_url != new.portal_url),
                ("footer", old.footer_text != new.footer_text),
            ] {
                if differs {
                    changed.push(name);
                }
            }
            let mut tx = self.begin_change().await?;
            let now = tx.now();
            store::settings::set(&mut tx, BRANDING_KEY, &new, actor.id(), now).await?;
            tx.audit(
                AuditActor::Staff(&actor),
                AuditAction::SettingsChanged,
                &format!("mail branding: {}", changed.join(", ")),
            )
            .await?;
            tx.commit("Failed to save the branding").await?;
        }
        Ok(new)
    }

    /// One mail rendered for a sample customer, with the saved branding or the one
    /// being edited, for the preview pane. The login shown is a sample.
    pub async fn preview_mail(
        &self,
        actor: &Actor,
        request: &PreviewMailRequest,
    ) -> Result<MailPreview, ServiceError> {
        self.authorize(actor, Permission::ManageMailSettings)
            .await?;
        let brand = match &request.branding {
            Some(branding) => ParsedBranding::parse(branding)?.into_inner(),
            None => self.branding_in_force().await?,
        };
        let language = match request.language {
            Some(language) => language,
            None => self.general_settings().await?.mail_language,
        };
        let message = FreeText::parse("welcome_message", &request.welcome_message, 5000)?;
        let message = match message.as_ref() {
            "" => crate::catalogue::message(
                language,
                "welcome-default-message",
                &[("agency", &brand.agency_name)],
            )
            .unwrap_or_default(),
            text => text.to_owned(),
        };
        let sample_password = SecretString::from("Sample-Pass-7kq".to_owned());
        let login = || Login {
            username: "alex.sample",
            password: &sample_password,
        };
        let code = SecretString::from("123456".to_owned());
        // The link welcome mails carry when the agency's server can take its token.
        let syncs = matches!(self.agency_server().await?, Some(s) if !s.joining);
        let sample_link = (syncs && !brand.portal_url.is_empty()).then(|| {
            format!(
                "{}/verify-email?token=sample-token",
                brand.portal_url.trim_end_matches('/')
            )
        });
        // The mail server as saved, or a sample one.
        let (server, security) = self.smtp_config().await?.map_or_else(
            || ("smtp.example.com:587".to_owned(), SmtpSecurity::StartTls),
            |c| (c.address(), c.security),
        );
        let rendered = match request.kind {
            MailKind::Welcome => WelcomeMail {
                brand: &brand,
                first_name: "Alex",
                message: &message,
                login: None,
                verify_link: sample_link.as_deref(),
            }
            .render(language),
            MailKind::WelcomeCredentials => WelcomeMail {
                brand: &brand,
                first_name: "Alex",
                message: &message,
                login: Some(login()),
                verify_link: sample_link.as_deref(),
            }
            .render(language),
            MailKind::CredentialsReset => CredentialsResetMail {
                brand: &brand,
                first_name: "Alex",
                login: login(),
            }
            .render(language),
            MailKind::VerificationCode => VerificationCodeMail {
                brand: &brand,
                first_name: "Alex",
                code: &code,
                valid_minutes: mail::VERIFICATION_CODE_MINUTES,
            }
            .render(language),
            MailKind::Test => TestMail {
                brand: &brand,
                staff_name: actor.display_name(),
                server: &server,
                security,
            }
            .render(language),
        }
        .context("Failed to render the preview")?;
        Ok(MailPreview {
            kind: request.kind,
            subject: rendered.subject.clone(),
            text: rendered.text.to_string(),
            html: rendered.html.to_string(),
            language,
        })
    }

    /// Queues the welcome mail (without login details) for a customer the acting
    /// member may see, with the agency's personal message.
    pub async fn send_welcome_mail(
        &self,
        actor: &Actor,
        customer_id: CustomerId,
        welcome_message: &str,
    ) -> Result<OutboxMail, ServiceError> {
        let actor = self.authorize(actor, Permission::SendCustomerMail).await?;
        let customer = self.customer(&actor, customer_id).await?;
        let message = FreeText::parse("welcome_message", welcome_message, 5000)?;
        self.check_personal_mail_limit(&actor, message.as_ref())
            .await?;
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        let id = enqueue_in(
            &mut tx,
            now,
            &actor,
            &NewMail::welcome(customer_id, &customer.email, message.as_ref()),
        )
        .await?;
        tx.commit("Failed to queue the welcome mail").await?;
        self.queued(id, customer_id).await
    }
    pub(super) async fn queued(
        &self,
        id: OutboxId,
        customer_id: CustomerId,
    ) -> Result<OutboxMail, ServiceError> {
        self.announce(id, Some(customer_id), keydesk_api::OutboxState::Queued);
        self.wake_outbox();
        store::outbox::find(self.store.reader(), id)
            .await?
            .ok_or(ServiceError::NotFound)
    }
}
