//! Talking to the SMTP server with lettre (rustls, never OpenSSL), and turning what
//! goes wrong into messages a person can act on.

use super::connection::{self, within, Security};
use super::settings::SmtpConfig;
use super::templates::RenderedMail;
use crate::said::{display_in_english, Explain, Said};
use crate::vault::KeyringError;
use keydesk_api::Language;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::Message;
use secrecy::SecretString;
use std::sync::Arc;
use tokio::sync::Mutex;

/// How a failure should be handled: the outbox retries some and gives up on others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The server could not be reached (offline, server down, name not found): keep
    /// the mail waiting, however long it takes.
    Connection,
    /// The settings are wrong (password refused, TLS does not work): retried, up to
    /// the limit, so a corrected setting still sends it.
    Settings,
    /// The system keyring (which holds the SMTP password) is locked or unreachable:
    /// nothing wrong with the mail or the settings, so it waits, however long it takes.
    Keyring,
    /// The server said "try again later" (4xx).
    Temporary,
    /// The server refused this mail (5xx), or it cannot be built: no retry.
    Permanent,
}

impl FailureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Connection => "connection",
            FailureKind::Settings => "settings",
            FailureKind::Keyring => "keyring",
            FailureKind::Temporary => "temporary",
            FailureKind::Permanent => "permanent",
        }
    }
}

/// What went wrong with a mail or with the server, in words fit to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    NotConfigured,
    AuthRejected {
        reply: String,
    },
    AuthRequired {
        reply: String,
    },
    Tls {
        host: String,
        detail: String,
    },
    HostNotFound {
        host: String,
    },
    TimedOut {
        host: String,
        port: u16,
        seconds: u32,
    },
    ConnectionRefused {
        host: String,
        port: u16,
    },
    Unreachable {
        host: String,
        port: u16,
        detail: String,
    },
    Refused {
        code: u16,
        reply: String,
        permanent: bool,
    },
    Interrupted {
        host: String,
        port: u16,
    },
    Protocol {
        detail: String,
    },
    Keyring(KeyringError),
    /// This mail could not be built, in the words of what refused it (lettre, a failure).
    Invalid(String),
    /// This mail could not be built, for a reason of ours.
    Unbuildable(Said),
    /// The login a credentials mail carries cannot be read now.
    Unavailable(Said),
    /// A welcome mail's verify-email link needs the agency server, which cannot take its
    /// token now: the mail waits and is tried again.
    WaitingForAgencyServer(String),
}

impl Explain for MailError {
    fn explain(&self) -> Said {
        // "smtp.example.com:587", as written in the settings.
        let server = |host: &str, port: &u16| format!("{host}:{port}");
        match self {
            Self::NotConfigured => Said::id("error-mail-not-configured"),
            Self::AuthRejected { reply } => {
                Said::id("error-mail-auth-rejected").arg("reply", reply.as_str())
            }
            Self::AuthRequired { reply } => {
                Said::id("error-mail-auth-required").arg("reply", reply.as_str())
            }
            Self::Tls { host, detail } => Said::id("error-mail-tls")
                .arg("host", host.as_str())
                .arg("detail", detail.as_str()),
            Self::HostNotFound { host } => {
                Said::id("error-mail-host-not-found").arg("host", host.as_str())
            }
            Self::TimedOut {
                host,
                port,
                seconds,
            } => Said::with("error-mail-timed-out", &[("seconds", i64::from(*seconds))])
                .arg("server", server(host, port)),
            Self::ConnectionRefused { host, port } => {
                Said::id("error-mail-connection-refused").arg("server", server(host, port))
            }
            Self::Unreachable { host, port, detail } => Said::id("error-mail-unreachable")
                .arg("server", server(host, port))
                .arg("detail", detail.as_str()),
            Self::Refused { code, reply, .. } => {
                Said::id("error-mail-refused").arg("reply", format!("{code} {reply}"))
            }
            Self::Interrupted { host, port } => {
                Said::id("error-mail-interrupted").arg("server", server(host, port))
            }
            Self::Protocol { detail } => {
                Said::id("error-mail-protocol").arg("detail", detail.as_str())
            }
            // A locked keyring's message already names the SMTP password; others get it
            // named.
            Self::Keyring(error @ KeyringError::Locked(_)) => Said::Text(error.to_string()),
            Self::Keyring(other) => Said::id("error-mail-keyring").arg("reason", other.to_string()),
            Self::Invalid(reason) => Said::id("error-mail-invalid").arg("reason", reason.as_str()),
            Self::Unbuildable(reason) => {
                Said::id("error-mail-invalid").arg("reason", reason.clone())
            }
            Self::Unavailable(reason) => reason.clone(),
            Self::WaitingForAgencyServer(reason) => {
                Said::id("error-mail-waiting-for-agency-server").arg("reason", reason.as_str())
            }
        }
    }
}

display_in_english!(MailError);

impl MailError {
    pub fn kind(&self) -> FailureKind {
        match self {
            MailError::HostNotFound { .. }
            | MailError::TimedOut { .. }
            | MailError::ConnectionRefused { .. }
            | MailError::Unreachable { .. } => FailureKind::Connection,
            MailError::NotConfigured
            | MailError::AuthRejected { .. }
            | MailError::AuthRequired { .. }
            | MailError::Tls { .. }
            | MailError::Protocol { .. } => FailureKind::Settings,
            MailError::Keyring(_) => FailureKind::Keyring,
            // The server was there a moment ago: the next mail gets a new connection,
            // and this one counts its tries, so a mail that always breaks it ends.
            MailError::Refused {
                permanent: false, ..
            }
            | MailError::Interrupted { .. }
            | MailError::WaitingForAgencyServer(_) => FailureKind::Temporary,
            MailError::Refused {
                permanent: true, ..
            }
            | MailError::Invalid(_)
            | MailError::Unbuildable(_)
            | MailError::Unavailable(_) => FailureKind::Permanent,
        }
    }

    /// The setting the error points at, for the form.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            MailError::AuthRejected { .. } | MailError::AuthRequired { .. } => Some("password"),
            MailError::Tls { .. } | MailError::Protocol { .. } => Some("security"),
            MailError::HostNotFound { .. } => Some("host"),
            MailError::ConnectionRefused { .. } | MailError::TimedOut { .. } => Some("port"),
            _ => None,
        }
    }

    /// Reads a lettre error. `during_auth` errors of 5xx mean the credentials.
    pub fn from_smtp(error: &lettre::transport::smtp::Error, config: &SmtpConfig) -> Self {
        let host = config.host.clone();
        let port = config.port;
        if let Some(code) = error.status() {
            let number = u16::from(code);
            let reply = std::error::Error::source(error)
                .map(ToString::to_string)
                .unwrap_or_default()
                .trim()
                .to_owned();
            return match number {
                535 | 534 => MailError::AuthRejected {
                    reply: format!("{number} {reply}"),
                },
                530 => MailError::AuthRequired {
                    reply: format!("{number} {reply}"),
                },
                _ => MailError::Refused {
                    code: number,
                    reply,
                    permanent: error.is_permanent(),
                },
            };
        }
        let detail = source_chain(error);
        if error.is_timeout() || io_kind(error) == Some(std::io::ErrorKind::TimedOut) {
            return MailError::timed_out(config);
        }
        if error.is_tls() || looks_like_tls(&detail) {
            return MailError::Tls { host, detail };
        }
        if let Some(unreachable) = Self::from_io_kind(io_kind(error), &detail, config) {
            return unreachable;
        }
        if is_lookup_failure(&detail) {
            return MailError::HostNotFound { host };
        }
        if error.is_response() || error.is_client() {
            return MailError::Protocol { detail };
        }
        MailError::Unreachable { host, port, detail }
    }

    /// Reads a failure of the socket itself (name lookup, connect).
    pub(super) fn from_io(error: &std::io::Error, config: &SmtpConfig) -> Self {
        let detail = error.to_string();
        if error.kind() == std::io::ErrorKind::TimedOut {
            return MailError::timed_out(config);
        }
        if let Some(unreachable) = Self::from_io_kind(Some(error.kind()), &detail, config) {
            return unreachable;
        }
        if is_lookup_failure(&detail) {
            return MailError::HostNotFound {
                host: config.host.clone(),
            };
        }
        MailError::Unreachable {
            host: config.host.clone(),
            port: config.port,
            detail,
        }
    }

    fn from_io_kind(
        kind: Option<std::io::ErrorKind>,
        detail: &str,
        config: &SmtpConfig,
    ) -> Option<Self> {
        let (host, port) = (config.host.clone(), config.port);
        match kind? {
            std::io::ErrorKind::ConnectionRefused => {
                Some(MailError::ConnectionRefused { host, port })
            }
            std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::NotConnected
            | std::io::ErrorKind::BrokenPipe
            | std::io::ErrorKind::UnexpectedEof
            | std::io::ErrorKind::NetworkUnreachable
            | std::io::ErrorKind::HostUnreachable
            | std::io::ErrorKind::AddrNotAvailable => Some(MailError::Unreachable {
                host,
                port,
                detail: detail.to_owned(),
            }),
            _ => None,
        }
    }

    pub(super) fn timed_out(config: &SmtpConfig) -> Self {
        MailError::TimedOut {
            host: config.host.clone(),
            port: config.port,
            seconds: config.timeout_seconds,
        }
    }

    /// A failure while a mail crosses a connection that was working: the connection
    /// closing (the server's or the network's doing) breaks off that mail only.
    fn in_mail(self, config: &SmtpConfig) -> Self {
        match self {
            MailError::Unreachable { .. } => MailError::Interrupted {
                host: config.host.clone(),
                port: config.port,
            },
            MailError::Protocol { detail } if detail.contains("incomplete response") => {
                MailError::Interrupted {
                    host: config.host.clone(),
                    port: config.port,
                }
            }
            other => other,
        }
    }
}

/// Every message in the chain below lettre's own ("Connection error: ...").
fn source_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = Vec::new();
    let mut next = error.source();
    while let Some(e) = next {
        parts.push(e.to_string());
        next = e.source();
    }
    if parts.is_empty() {
        error.to_string()
    } else {
        parts.join(": ")
    }
}

fn io_kind(error: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut next = error.source();
    while let Some(e) = next {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        next = e.source();
    }
    None
}

fn looks_like_tls(detail: &str) -> bool {
    let lower = detail.to_lowercase();
    ["certificate", "tls", "handshake", "starttls"]
        .iter()
        .any(|word| lower.contains(word))
}

/// Name resolution failures as the OS reports them (glibc, macOS, Windows).
pub(crate) fn is_lookup_failure(detail: &str) -> bool {
    let lower = detail.to_lowercase();
    [
        "failed to lookup address",
        "name or service not known",
        "no address associated",
        "nodename nor servname",
        "temporary failure in name resolution",
        "no such host",
    ]
    .iter()
    .any(|words| lower.contains(words))
}

/// Names under `.invalid` never exist (RFC 6761): answered at once, without asking DNS.
fn is_reserved_invalid(host: &str) -> bool {
    host == "invalid" || host.ends_with(".invalid")
}

/// How connections are kept between mails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connections {
    /// One connection stays open and carries mail after mail, until [`Mailer::close`].
    Pooled,
    /// A new connection for each mail (tests of a form, and the benchmark's baseline).
    OnePerMail,
}

/// A transport to one SMTP server with one set of settings.
///
/// The pool is one connection: the outbox sends one mail at a time, so a batch needs
/// no more, and a server's limit of connections per client is never met.
#[derive(Clone)]
pub struct Mailer {
    config: SmtpConfig,
    security: Security,
    password: Option<SecretString>,
    connections: Connections,
    /// A pooled mailer's connection between two mails, shared by its clones.
    parked: Arc<Mutex<Option<AsyncSmtpConnection>>>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("server", &self.config.describe())
            .finish_non_exhaustive()
    }
}

impl Mailer {
    pub fn new(
        config: &SmtpConfig,
        password: Option<&SecretString>,
        connections: Connections,
    ) -> Result<Self, MailError> {
        Ok(Self {
            config: config.clone(),
            security: Security::of(config)?,
            password: password.cloned(),
            connections,
            parked: Arc::new(Mutex::new(None)),
        })
    }

    pub fn config(&self) -> &SmtpConfig {
        &self.config
    }

    fn refuse_reserved_names(&self) -> Result<(), MailError> {
        if is_reserved_invalid(&self.config.host) {
            return Err(MailError::HostNotFound {
                host: self.config.host.clone(),
            });
        }
        Ok(())
    }

    async fn open(&self) -> Result<AsyncSmtpConnection, MailError> {
        self.refuse_reserved_names()?;
        connection::open(&self.config, &self.security, self.password.as_ref()).await
    }

    /// Connects, secures and signs in, as sending would, then says goodbye.
    pub async fn test_connection(&self) -> Result<(), MailError> {
        let mut connection = self.open().await?;
        let answered = within(&self.config, async {
            Ok(connection.test_connected().await)
        })
        .await?;
        if !answered {
            return Err(MailError::Protocol {
                detail: "the server did not answer NOOP".to_owned(),
            });
        }
        let _ = within(&self.config, connection.quit()).await;
        Ok(())
    }

    /// The parked connection if it still answers (checked with NOOP, as lettre's pool
    /// does, so a connection the server closed meanwhile never costs a mail), else a
    /// new one.
    async fn connection(&self) -> Result<AsyncSmtpConnection, MailError> {
        if self.connections == Connections::Pooled {
            let parked = self.parked.lock().await.take();
            if let Some(mut connection) = parked {
                let check = async { Ok(connection.test_connected().await) };
                if within(&self.config, check).await == Ok(true) {
                    return Ok(connection);
                }
            }
        }
        self.open().await
    }

    /// Keeps a connection that is fit for the next mail (pooled), or says goodbye.
    async fn release(&self, mut connection: AsyncSmtpConnection) {
        if self.connections == Connections::Pooled && !connection.has_broken() {
            let mut parked = self.parked.lock().await;
            if parked.is_none() {
                *parked = Some(connection);
                return;
            }
        }
        let _ = within(&self.config, connection.quit()).await;
    }

    /// Says goodbye on the pooled connection, if one is open (at the end of a batch).
    pub async fn close(&self) {
        let parked = self.parked.lock().await.take();
        if let Some(mut connection) = parked {
            let _ = within(&self.config, connection.quit()).await;
        }
    }

    /// Sends one mail; `message_id` is `<...@...>` and the same on every try.
    pub async fn send(
        &self,
        to: &Mailbox,
        mail: &RenderedMail,
        message_id: &str,
    ) -> Result<(), MailError> {
        self.refuse_reserved_names()?;
        let message = build_message(&self.config, to, mail, message_id)?;
        let mut connection = self.connection().await?;
        let formatted = message.formatted();
        match within(
            &self.config,
            connection.send(message.envelope(), &formatted),
        )
        .await
        {
            Ok(_) => {
                self.release(connection).await;
                Ok(())
            }
            // Broken, or in the middle of a reply that did not come: closed by the drop.
            Err(error) => Err(error.in_mail(&self.config)),
        }
    }
}

/// The mailbox of a person: "Ann Lee <ann@example.com>".
pub fn mailbox(name: &str, address: &str) -> Result<Mailbox, MailError> {
    let address = address.parse().map_err(|_| {
        MailError::Unbuildable(Said::id("error-mail-not-an-address").arg("address", address))
    })?;
    let name = Some(name.trim())
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    Ok(Mailbox::new(name, address))
}

/// `Content-Language` (RFC 3282): the language a mail, and each of its parts, is written in.
#[derive(Clone)]
struct ContentLanguage(Language);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.trim().parse()?))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.as_str().to_owned())
    }
}

fn build_message(
    config: &SmtpConfig,
    to: &Mailbox,
    mail: &RenderedMail,
    message_id: &str,
) -> Result<Message, MailError> {
    let mut builder = Message::builder()
        .from(mailbox(&config.from_name, &config.from_address)?)
        .to(to.clone())
        .subject(mail.subject.clone())
        .message_id(Some(message_id.to_owned()))
        .header(ContentLanguage(mail.language))
        .date_now();
    if !config.reply_to.is_empty() {
        builder = builder.reply_to(mailbox("", &config.reply_to)?);
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .header(ContentLanguage(mail.language))
                        .body(mail.text.to_string()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .header(ContentLanguage(mail.language))
                        .body(mail.html.to_string()),
                ),
        )
        .map_err(|e| MailError::Invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_have_kinds_and_fields() {
        let refused = MailError::ConnectionRefused {
            host: "h".into(),
            port: 1,
        };
        assert_eq!(refused.kind(), FailureKind::Connection);
        assert_eq!(refused.field(), Some("port"));
        let auth = MailError::AuthRejected {
            reply: "5.7.8 no".into(),
        };
        assert_eq!(auth.kind(), FailureKind::Settings);
        assert_eq!(auth.field(), Some("password"));
        let hard = MailError::Refused {
            code: 550,
            reply: "no such user".into(),
            permanent: true,
        };
        assert_eq!(hard.kind(), FailureKind::Permanent);
        assert_eq!(
            hard.to_string(),
            "The mail server refused the mail: 550 no such user"
        );
    }

    #[test]
    fn failures_are_said_in_english_as_they_were_written() {
        let said = |error: MailError| error.to_string();
        assert_eq!(
            said(MailError::TimedOut {
                host: "smtp.example.com".into(),
                port: 587,
                seconds: 30,
            }),
            "The mail server smtp.example.com:587 did not answer within 30 seconds. Check the \
             port, and that this computer is online."
        );
        assert_eq!(
            said(MailError::AuthRejected {
                reply: "535 5.7.8 no".into(),
            }),
            "The mail server refused the username or password (535 5.7.8 no). Check both in \
             Settings → Mail."
        );
        assert_eq!(
            said(mailbox("Ann", "not an address").unwrap_err()),
            "This mail could not be built: \"not an address\" is not a mail address"
        );
        let persian = crate::catalogue::in_language(
            Language::Fa,
            &MailError::ConnectionRefused {
                host: "smtp.example.com".into(),
                port: 2525,
            }
            .explain(),
        );
        assert!(persian.contains("smtp.example.com:2525"), "{persian}");
        assert!(persian.starts_with("سرور نامهٔ"), "{persian}");
    }

    #[test]
    fn lookup_failures_of_each_os_are_recognised() {
        for text in [
            "failed to lookup address information: Name or service not known",
            "failed to lookup address information: Temporary failure in name resolution",
            "nodename nor servname provided, or not known",
            "No such host is known. (os error 11001)",
        ] {
            assert!(is_lookup_failure(text), "{text}");
        }
        assert!(!is_lookup_failure("Connection refused (os error 111)"));
        assert!(is_reserved_invalid("no-such-host.invalid"));
    }
}
