//! The SMTP settings (the password in the OS keyring only), and testing them: a
//! connection test and a test mail, both audited without the server's own words.

use super::{Keydesk, ServiceError};
use crate::audit::{AuditAction, AuditActor};
use crate::auth::{Actor, Permission};
use crate::domain::FieldError;
use crate::mail::templates::TestMail;
use crate::mail::{self, Connections, MailError, Mailer, SmtpConfig, SMTP_SETTINGS_KEY};
use crate::said::Said;
use crate::store;
use crate::vault::{smtp_password_account, KeyringError, KeyringUse};
use anyhow::Context;
use keydesk_api::{SmtpSecurity, SmtpSettings, SmtpSettingsForm, SmtpTestReport};
use secrecy::SecretString;

/// What a person sees of the SMTP settings before any are saved.
fn unsaved_settings() -> SmtpSettings {
    SmtpSettings {
        configured: false,
        host: String::new(),
        port: SmtpSecurity::StartTls.default_port(),
        security: SmtpSecurity::StartTls,
        username: String::new(),
        password_set: false,
        from_name: String::new(),
        from_address: String::new(),
        reply_to: String::new(),
        timeout_seconds: 30,
        unsafe_connection: false,
        personal_mails_per_hour: keydesk_api::DEFAULT_PERSONAL_MAILS_PER_HOUR,
        password_rotation_due: false,
    }
}

fn settings_view(config: &SmtpConfig, password_set: bool) -> SmtpSettings {
    SmtpSettings {
        configured: true,
        host: config.host.clone(),
        port: config.port,
        security: config.security,
        username: config.username.clone(),
        password_set,
        from_name: config.from_name.clone(),
        from_address: config.from_address.clone(),
        reply_to: config.reply_to.clone(),
        timeout_seconds: config.timeout_seconds,
        unsafe_connection: config.security == SmtpSecurity::None,
        personal_mails_per_hour: config.personal_mails_per_hour,
        password_rotation_due: false,
    }
}

/// The answer when a form would send the stored password to a server or username
/// other than the one it was saved for.
fn retype_password() -> ServiceError {
    FieldError::new("password", Said::id("error-mail-retype-password")).into()
}

/// A few words on how a test went, for the audit log (never the server's own text).
fn test_outcome(result: &Result<(), ServiceError>) -> &'static str {
    match result {
        Ok(()) => "succeeded",
        Err(ServiceError::Field(e)) if e.field == "password" => {
            "refused: the saved password is not sent to a changed server or username"
        }
        Err(ServiceError::Mail(e)) => match e {
            MailError::AuthRejected { .. } => "failed: password refused",
            MailError::AuthRequired { .. } => "failed: sign-in required",
            MailError::Tls { .. } => "failed: secure connection failed",
            MailError::HostNotFound { .. } => "failed: server not found",
            MailError::TimedOut { .. } => "failed: no answer",
            MailError::ConnectionRefused { .. } => "failed: connection refused",
            MailError::Unreachable { .. } => "failed: unreachable",
            MailError::Interrupted { .. } => "failed: connection lost",
            MailError::Refused { .. } => "failed: mail refused",
            MailError::Protocol { .. } => "failed: unexpected answer",
            MailError::Keyring(KeyringError::Locked(_)) => "failed: keyring locked",
            MailError::Keyring(_) => "failed: keyring unavailable",
            _ => "failed",
        },
        Err(_) => "failed",
    }
}

impl Keydesk {
    /// The saved SMTP settings, if any.
    pub(super) async fn smtp_config(&self) -> anyhow::Result<Option<SmtpConfig>> {
        store::settings::get(self.store.reader(), SMTP_SETTINGS_KEY).await
    }

    pub(super) fn smtp_account(&self) -> String {
        smtp_password_account(&self.installation_id)
    }

    /// The stored SMTP password, from the OS keyring.
    pub(super) async fn smtp_password(&self) -> Result<Option<SecretString>, MailError> {
        self.keyring
            .load_secret(KeyringUse::ReadSmtpPassword, &self.smtp_account())
            .await
            .map_err(MailError::Keyring)
    }

    /// The SMTP settings; never the password, only whether one is stored.
    pub async fn smtp_settings(&self, actor: &Actor) -> Result<SmtpSettings, ServiceError> {
        self.authorize(actor, Permission::ManageMailSettings)
            .await?;
        let Some(config) = self.smtp_config().await? else {
            return Ok(unsaved_settings());
        };
        let password_set = self.smtp_password().await?.is_some();
        self.with_rotation_due(settings_view(&config, password_set))
            .await
    }

    /// `view`, saying whether the stored password should be changed (a desk that held it
    /// was revoked).
    async fn with_rotation_due(
        &self,
        mut view: SmtpSettings,
    ) -> Result<SmtpSettings, ServiceError> {
        view.password_rotation_due = view.password_set
            && store::meta::get_readonly(self.store.reader(), super::agency_mail::ROTATION_DUE)
                .await?
                .is_some();
        Ok(view)
    }

    /// Saves the SMTP settings (owners only: the server decides where every mail and
    /// the stored password go). The password goes to the OS keyring (`clear_password`
    /// removes it). An empty password keeps the stored one only while the server (host,
    /// port, security) and the username stay those it was saved for: a changed server
    /// with a username needs the password typed again, and one without a username
    /// drops the stored password. The audit row names what changed, never the password.
    pub async fn save_smtp_settings(
        &self,
        actor: &Actor,
        form: SmtpSettingsForm,
    ) -> Result<SmtpSettings, ServiceError> {
        let actor = self.authorize(actor, Permission::ChangeMailServer).await?;
        let config = SmtpConfig::parse(&form)?;
        let old = self.smtp_config().await?;
        let had_password = self.smtp_password().await?.is_some();
        let new_password = (!form.clear_password && !form.password.is_empty())
            .then(|| SecretString::from(form.password.clone()));
        let same_account = old.as_ref().is_some_and(|old| old.same_account(&config));
        let orphaned = had_password && !same_account && new_password.is_none();
        if orphaned && !form.clear_password && !config.username.is_empty() {
            return Err(retype_password());
        }
        let remove_password = had_password && (form.clear_password || orphaned);
        let mut changes = Vec::new();
        match &old {
            None => changes.push(format!("mail server set to {}", config.describe())),
            Some(old) => {
                if (&old.host, old.port, old.security)
                    != (&config.host, config.port, config.security)
                {
                    changes.push(format!(
                        "mail server {} → {}",
                        old.describe(),
                        config.describe()
                    ));
                }
                if old.username != config.username {
                    changes.push("username changed".to_owned());
                }
                if (&old.from_name, &old.from_address) != (&config.from_name, &config.from_address)
                {
                    changes.push(format!("sender → {}", config.from_address));
                }
                if old.reply_to != config.reply_to {
                    changes.push("reply-to changed".to_owned());
                }
                if old.timeout_seconds != config.timeout_seconds {
                    changes.push(format!(
                        "timeout {} → {} s",
                        old.timeout_seconds, config.timeout_seconds
                    ));
                }
            }
        }
        if form.clear_password && had_password {
            changes.push("password removed".to_owned());
        } else if remove_password {
            changes.push("password removed (no sign-in on the new server)".to_owned());
        } else if new_password.is_some() {
            changes.push(if had_password {
                "password replaced".to_owned()
            } else {
                "password set".to_owned()
            });
        }
        if config.security == SmtpSecurity::None {
            changes.push("unencrypted (local server)".to_owned());
        }
        let mut tx = self.begin_change().await?;
        let now = tx.now();
        store::settings::set(&mut tx, SMTP_SETTINGS_KEY, &config, actor.id(), now).await?;
        // On a desk that syncs, every desk of the agency gets them at the next sync.
        if store::sync::is_on(&mut tx).await? {
            store::meta::set(&mut tx, super::agency_mail::TO_SHARE, "1").await?;
            if new_password.is_some() || remove_password {
                store::meta::delete(&mut tx, super::agency_mail::ROTATION_DUE).await?;
            }
        }
        if old.as_ref() != Some(&config) || remove_password || new_password.is_some() {
            let detail = format!("SMTP: {}", changes.join(", "));
            tx.audit(
                AuditActor::Staff(&actor),
                AuditAction::SettingsChanged,
                &detail,
            )
            .await?;
        }
        // The keyring first: if it refuses, nothing is saved.
        let account = self.smtp_account();
        let saved = if remove_password {
            let task = KeyringUse::RemoveSmtpPassword;
            self.keyring.delete_secret(task, &account).await
        } else if let Some(password) = new_password {
            let task = KeyringUse::SaveSmtpPassword;
            self.keyring.store_secret(task, &account, password).await
        } else {
            Ok(())
        };
        saved.map_err(MailError::Keyring)?;
        tx.commit("Failed to save the mail settings").await?;
        self.drop_mailer().await;
        self.wake_outbox();
        let password_set = self.smtp_password().await?.is_some();
        self.with_rotation_due(settings_view(&config, password_set))
            .await
    }

    /// The password a form signs in with: the one typed, or else the stored one, but
    /// only for the server and username it was saved for. A form that names another
    /// server (or username), signs in and leaves the password empty is refused: the
    /// stored password would otherwise go to whatever host the form names.
    async fn form_password(
        &self,
        form: &SmtpSettingsForm,
        config: &SmtpConfig,
    ) -> Result<Option<SecretString>, ServiceError> {
        if form.clear_password || config.username.is_empty() {
            return Ok(None);
        }
        if !form.password.is_empty() {
            return Ok(Some(SecretString::from(form.password.clone())));
        }
        let saved = self.smtp_config().await?;
        let stored = self.smtp_password().await?;
        match stored {
            Some(_) if !saved.is_some_and(|saved| saved.same_account(config)) => {
                Err(retype_password())
            }
            stored => Ok(stored),
        }
    }

    /// Writes the audit row of a connection test or a failed test mail.
    async fn audit_server_test(
        &self,
        actor: &Actor,
        what: &str,
        config: &SmtpConfig,
        result: &Result<(), ServiceError>,
    ) -> Result<(), ServiceError> {
        let detail = format!(
            "{what} through {}: {}",
            config.describe(),
            test_outcome(result)
        );
        self.audit(
            AuditActor::Staff(actor),
            AuditAction::MailServerTested,
            &detail,
        )
        .await?;
        Ok(())
    }

    /// Connects with the form's settings (saved or not), secures the connection and
    /// signs in, as sending would. A failure says what to check.
    pub async fn test_smtp_connection(
        &self,
        actor: &Actor,
        form: &SmtpSettingsForm,
    ) -> Result<SmtpTestReport, ServiceError> {
        let actor = self
            .authorize(actor, Permission::ManageMailSettings)
            .await?;
        let config = SmtpConfig::parse(form)?;
        let result = async {
            let password = self.form_password(form, &config).await?;
            Mailer::new(&config, password.as_ref(), Connections::OnePerMail)?
                .test_connection()
                .await?;
            Ok(())
        }
        .await;
        self.audit_server_test(&actor, "connection test", &config, &result)
            .await?;
        result?;
        let connected = if config.username.is_empty() {
            Said::id("mail-test-connected")
        } else {
            Said::id("mail-test-connected-signed-in")
        };
        Ok(SmtpTestReport {
            message: connected.arg("server", config.describe()),
        })
    }

    /// Sends a test mail with the form's settings (saved or not) and the saved
    /// branding to the signed-in person, at once (not through the outbox).
    pub async fn send_test_mail(
        &self,
        actor: &Actor,
        form: &SmtpSettingsForm,
    ) -> Result<SmtpTestReport, ServiceError> {
        let actor = self
            .authorize(actor, Permission::ManageMailSettings)
            .await?;
        let config = SmtpConfig::parse(form)?;
        let server = config.describe();
        let result = async {
            let password = self.form_password(form, &config).await?;
            let mailer = Mailer::new(&config, password.as_ref(), Connections::OnePerMail)?;
            let brand = self.branding_in_force().await?;
            let language = self.general_settings().await?.mail_language;
            let rendered = TestMail {
                brand: &brand,
                staff_name: actor.display_name(),
                server: &config.address(),
                security: config.security,
            }
            .render(language)
            .context("Failed to render the test mail")?;
            let to = mail::mailbox(actor.display_name(), actor.email().as_ref())?;
            let message_id = mail::new_message_id(config.from_domain())?;
            mailer.send(&to, &rendered, &message_id).await?;
            Ok(())
        }
        .await;
        if result.is_err() {
            self.audit_server_test(&actor, "test mail", &config, &result)
                .await?;
        }
        result?;
        let detail = format!("to {} through {server}", actor.email().as_ref());
        self.audit(
            AuditActor::Staff(&actor),
            AuditAction::TestMailSent,
            &detail,
        )
        .await?;
        Ok(SmtpTestReport {
            message: Said::id("mail-test-sent")
                .arg("email", actor.email().as_ref())
                .arg("server", server),
        })
    }
}
