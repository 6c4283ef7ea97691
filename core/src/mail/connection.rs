//! Opening an SMTP connection on a socket of our own: TCP_NODELAY on, and a deadline
//! on every step. The SMTP conversation, TLS and the certificate checks stay lettre's
//! (`AsyncSmtpConnection`, [`TlsParameters`]).
//!
//! Why not lettre's transport: lettre 0.11.23 writes a mail's content and its final
//! `.` line in two writes on a socket with Nagle's algorithm on, so the last write
//! waits for the server's delayed ACK, about 40 ms a mail (a fix is merged upstream,
//! not released). And its async transport bounds only the TCP connect by the timeout:
//! a server that stops answering later would hold the outbox forever.

use super::settings::SmtpConfig;
use super::transport::MailError;
use keydesk_api::SmtpSecurity;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
#[allow(deprecated)]
use lettre::transport::smtp::client::AsyncNetworkStream;
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use secrecy::{ExposeSecret, SecretString};
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// How long one step of the conversation may take: the configured timeout.
fn limit(config: &SmtpConfig) -> Duration {
    Duration::from_secs(u64::from(config.timeout_seconds))
}

/// Runs one step of the conversation within the configured timeout.
pub(super) async fn within<T>(
    config: &SmtpConfig,
    step: impl Future<Output = Result<T, lettre::transport::smtp::Error>>,
) -> Result<T, MailError> {
    match tokio::time::timeout(limit(config), step).await {
        Ok(result) => result.map_err(|e| MailError::from_smtp(&e, config)),
        Err(_) => Err(MailError::timed_out(config)),
    }
}

/// How a connection is secured, with lettre's TLS parameters (built once per mailer:
/// they carry the certificate checks).
#[derive(Clone)]
pub(super) enum Security {
    /// Only for a server on this computer (the settings refuse it for any other).
    Plain,
    /// TLS from the first byte (port 465).
    ImplicitTls(TlsParameters),
    /// STARTTLS, required: a server that does not offer it is refused.
    StartTls(TlsParameters),
}

impl Security {
    pub(super) fn of(config: &SmtpConfig) -> Result<Self, MailError> {
        let parameters = || {
            TlsParameters::new(config.host.clone()).map_err(|e| MailError::Tls {
                host: config.host.clone(),
                detail: e.to_string(),
            })
        };
        Ok(match config.security {
            SmtpSecurity::None => Security::Plain,
            SmtpSecurity::ImplicitTls => Security::ImplicitTls(parameters()?),
            SmtpSecurity::StartTls => Security::StartTls(parameters()?),
        })
    }
}

/// Connects, secures and signs in when a username is set: what lettre's transport
/// does, on a socket with TCP_NODELAY, each step within the timeout.
pub(super) async fn open(
    config: &SmtpConfig,
    security: &Security,
    password: Option<&SecretString>,
) -> Result<AsyncSmtpConnection, MailError> {
    let tcp = connect_tcp(config).await?;
    let hello = ClientId::default();
    let stream: Box<dyn AsyncTokioStream> = match security {
        Security::ImplicitTls(tls) => Box::new(ImplicitTls::wrap(tcp, tls.clone(), config).await?),
        Security::Plain | Security::StartTls(_) => Box::new(tcp),
    };
    let mut connection = within(
        config,
        AsyncSmtpConnection::connect_with_transport(stream, &hello),
    )
    .await?;
    if let Security::StartTls(tls) = security {
        // An error when the server does not offer STARTTLS: never falls back to plain.
        within(config, connection.starttls(tls.clone(), &hello)).await?;
    }
    if !config.username.is_empty() {
        let password = password.map(|p| p.expose_secret().to_owned());
        let credentials = Credentials::new(config.username.clone(), password.unwrap_or_default());
        within(config, connection.auth(DEFAULT_MECHANISMS, &credentials)).await?;
    }
    Ok(connection)
}

/// The TCP connection, tried address by address as lettre does, each within the
/// timeout; Nagle's algorithm off.
async fn connect_tcp(config: &SmtpConfig) -> Result<TcpStream, MailError> {
    let host = config.host.trim_start_matches('[').trim_end_matches(']');
    let addresses =
        match tokio::time::timeout(limit(config), tokio::net::lookup_host((host, config.port)))
            .await
        {
            Ok(found) => found.map_err(|e| MailError::from_io(&e, config))?,
            Err(_) => return Err(MailError::timed_out(config)),
        };
    let mut last = None;
    for address in addresses {
        match tokio::time::timeout(limit(config), TcpStream::connect(address)).await {
            Ok(Ok(stream)) => {
                stream
                    .set_nodelay(true)
                    .map_err(|e| MailError::from_io(&e, config))?;
                return Ok(stream);
            }
            Ok(Err(error)) => last = Some(MailError::from_io(&error, config)),
            Err(_) => last = Some(MailError::timed_out(config)),
        }
    }
    Err(last.unwrap_or_else(|| MailError::HostNotFound {
        host: config.host.clone(),
    }))
}

/// A socket secured with TLS before the SMTP greeting (port 465), by lettre.
///
/// lettre 0.11 runs its TLS (rustls, the platform verifier, the checks that
/// [`TlsParameters`] carry) only inside `AsyncNetworkStream`, deprecated as "not meant
/// to be public" yet the one way to put that TLS on a socket we connected ourselves:
/// `TlsParameters` does not give out its rustls configuration. This adapter lets
/// lettre's connection read and write the secured stream.
#[allow(deprecated)]
#[derive(Debug)]
struct ImplicitTls {
    inner: AsyncNetworkStream,
    peer: SocketAddr,
}

#[allow(deprecated)]
impl ImplicitTls {
    async fn wrap(
        tcp: TcpStream,
        tls: TlsParameters,
        config: &SmtpConfig,
    ) -> Result<Self, MailError> {
        let peer = tcp
            .peer_addr()
            .map_err(|e| MailError::from_io(&e, config))?;
        let mut inner = AsyncNetworkStream::use_existing_tokio1(Box::new(tcp));
        within(config, inner.upgrade_tls(tls)).await?;
        Ok(Self { inner, peer })
    }
}

impl AsyncTokioStream for ImplicitTls {
    fn peer_addr(&self) -> std::io::Result<SocketAddr> {
        Ok(self.peer)
    }
}

impl AsyncRead for ImplicitTls {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let read = ready!(futures_io::AsyncRead::poll_read(
            Pin::new(&mut self.inner),
            cx,
            buf.initialize_unfilled()
        ))?;
        buf.advance(read);
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for ImplicitTls {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        futures_io::AsyncWrite::poll_write(Pin::new(&mut self.inner), cx, data)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        futures_io::AsyncWrite::poll_flush(Pin::new(&mut self.inner), cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        futures_io::AsyncWrite::poll_close(Pin::new(&mut self.inner), cx)
    }
}
