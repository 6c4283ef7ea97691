//! The agency server: the PostgreSQL database an agency's desks share.
//!
//! Each desk keeps its own SQLite file as its working store; the server is where desks
//! exchange what they changed. Its schema (`kd`) and rules live in the versioned SQL of
//! `server/migrations`, which [`admin`] applies: there is no server program of Keydesk's
//! own to run. This module speaks to it: where it is ([`ServerUrl`]), what can go wrong
//! on the way ([`ServerError`]), the first call of every connection ([`hello`]), and
//! what desks exchange through it ([`sync`]).

pub mod admin;
pub mod audit;
pub mod keys;
pub mod portal;
pub mod sync;

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::Deserialize;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgListener, PgPoolOptions, PgSslMode};
use sqlx::{ConnectOptions, Connection};

use crate::said::{display_in_english, Explain, Said};

/// The sync protocol this Keydesk speaks (the server's `kd.server.protocol`).
pub const PROTOCOL: i32 = 2;

/// The oldest PostgreSQL major version the server's SQL is written for.
pub const OLDEST_POSTGRES: u32 = 15;

/// Where the agency server is, as a PostgreSQL connection URL
/// (`postgres://user@host:port/database?sslmode=verify-full&sslrootcert=ca.pem`). The
/// password may be in the URL or, better, in `PGPASSWORD` or a `.pgpass` file. It is never
/// shown: [`fmt::Display`] gives the user, host, port and database only.
#[derive(Clone)]
pub struct ServerUrl {
    options: PgConnectOptions,
    /// How long a connection attempt may take before the server counts as unreachable: a
    /// server that accepts and never answers must not hold anyone up for long.
    connect_timeout: Duration,
}

/// How long connecting (TCP, TLS and sign-in) may take by default.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl ServerUrl {
    /// The same server as another login role (tests act as desks and strangers).
    pub fn as_login(&self, user: &str, password: &str) -> ServerUrl {
        ServerUrl {
            options: self.options.clone().username(user).password(password),
            ..self.clone()
        }
    }

    /// Another database on the same server, as the same role.
    pub fn with_database(&self, database: &str) -> ServerUrl {
        ServerUrl {
            options: self.options.clone().database(database),
            ..self.clone()
        }
    }

    /// The same server through another port of the same host (a proxy, in tests).
    pub fn with_port(&self, port: u16) -> ServerUrl {
        ServerUrl {
            options: self.options.clone().port(port),
            ..self.clone()
        }
    }

    /// The same server, giving up on a connection attempt after `timeout`.
    pub fn with_connect_timeout(&self, timeout: Duration) -> ServerUrl {
        ServerUrl {
            connect_timeout: timeout,
            ..self.clone()
        }
    }

    /// The server's host and port.
    pub fn host_and_port(&self) -> (&str, u16) {
        (self.options.get_host(), self.options.get_port())
    }

    /// Opens one connection, or says why not within the connect timeout. Statements are
    /// not logged: they may name customers.
    pub async fn connect(&self) -> Result<PgConnection, ServerError> {
        let options = self.options.clone().disable_statement_logging();
        match tokio::time::timeout(self.connect_timeout, PgConnection::connect_with(&options)).await
        {
            Ok(Ok(connection)) => Ok(connection),
            Ok(Err(error)) => Err(ServerError::from_connect(error, self)),
            Err(_) => Err(ServerError::Unreachable {
                at: self.place(),
                reason: no_answer_within(self.connect_timeout),
            }),
        }
    }

    /// A connection of its own that waits for notifications on `channel` (the server's
    /// `NOTIFY`); it reconnects by itself after a cut.
    pub async fn listen(&self, channel: &str) -> Result<PgListener, ServerError> {
        let options = self.options.clone().disable_statement_logging();
        let pool = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(self.connect_timeout)
            .connect_lazy_with(options);
        let listening = async {
            let mut listener = PgListener::connect_with(&pool).await?;
            listener.listen(channel).await?;
            Ok::<_, sqlx::Error>(listener)
        };
        match tokio::time::timeout(self.connect_timeout, listening).await {
            Ok(Ok(listener)) => Ok(listener),
            Ok(Err(error)) => Err(ServerError::from_connect(error, self)),
            Err(_) => Err(ServerError::Unreachable {
                at: self.place(),
                reason: no_answer_within(self.connect_timeout),
            }),
        }
    }

    /// The URL without any password, to keep where the password may not go.
    pub fn without_password(&self) -> String {
        self.url_text(true)
    }

    /// The URL without any password or certificate file: what another machine can use,
    /// given the certificate authority's PEM beside it
    /// ([`ServerUrl::with_root_certificate_pem`]).
    pub fn portable(&self) -> String {
        self.url_text(false)
    }

    fn url_text(&self, with_files: bool) -> String {
        let mut url = self.options.to_url_lossy();
        let _ = url.set_password(None);
        // sqlx writes a certificate file as "file: <path>", which it cannot read back; an
        // inline certificate it writes whole, and that travels beside the URL instead.
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .filter_map(|(key, value)| match key.as_ref() {
                "sslrootcert" | "sslcert" | "sslkey" => value
                    .strip_prefix("file: ")
                    .filter(|_| with_files)
                    .map(|path| (key.into_owned(), path.to_owned())),
                _ => Some((key.into_owned(), value.into_owned())),
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
        url.to_string()
    }

    /// The certificate authority the URL names (`sslrootcert`), as PEM text; `None` when it
    /// names none (the system's authorities are trusted then).
    pub fn root_certificate_pem(&self) -> Result<Option<String>, ServerError> {
        let url = self.options.to_url_lossy();
        let Some(path) = url
            .query_pairs()
            .find(|(key, _)| key == "sslrootcert")
            .and_then(|(_, value)| value.strip_prefix("file: ").map(str::to_owned))
        else {
            return Ok(None);
        };
        let pem = std::fs::read_to_string(&path).map_err(|error| ServerError::Tls {
            at: self.place(),
            reason: Said::id("error-agency-ca-file-unreadable")
                .arg("path", path.as_str())
                .arg("error", error.to_string()),
        })?;
        if !pem.contains("-----BEGIN CERTIFICATE-----") {
            return Err(ServerError::Tls {
                at: self.place(),
                reason: Said::id("error-agency-ca-file-not-pem").arg("path", path.as_str()),
            });
        }
        Ok(Some(pem))
    }

    /// The same server over TLS only, its certificate checked against the trusted
    /// authorities and its name (`sslmode=verify-full`), whatever the URL said: a desk's
    /// secret never crosses a connection that could be read or redirected.
    pub fn verified(&self) -> ServerUrl {
        ServerUrl {
            options: self.options.clone().ssl_mode(PgSslMode::VerifyFull),
            ..self.clone()
        }
    }

    /// The same server, trusting only the certificate authority in `pem`.
    pub fn with_root_certificate_pem(&self, pem: &str) -> ServerUrl {
        ServerUrl {
            options: self
                .options
                .clone()
                .ssl_root_cert_from_pem(pem.as_bytes().to_vec()),
            ..self.clone()
        }
    }

    /// The login role.
    pub fn user(&self) -> &str {
        self.options.get_username()
    }

    /// Where the server is: host, port and database (no login, password or options).
    pub fn place(&self) -> String {
        let database = self.options.get_database().unwrap_or("(default database)");
        format!(
            "{}:{}/{}",
            self.options.get_host(),
            self.options.get_port(),
            database
        )
    }
}

impl FromStr for ServerUrl {
    type Err = ServerError;

    fn from_str(text: &str) -> Result<Self, ServerError> {
        let text = text.trim();
        if !(text.starts_with("postgres://") || text.starts_with("postgresql://")) {
            return Err(ServerError::BadUrl(Said::id("error-agency-url-scheme")));
        }
        let options = PgConnectOptions::from_str(text).map_err(|error| {
            ServerError::BadUrl(Said::Text(without_secrets(&error.to_string(), text)))
        })?;
        Ok(ServerUrl {
            options,
            connect_timeout: CONNECT_TIMEOUT,
        })
    }
}

impl fmt::Display for ServerUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.user(), self.place())
    }
}

impl fmt::Debug for ServerUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ServerUrl({self})")
    }
}

/// An error message about `url` with the URL itself left out (it may hold a password).
fn without_secrets(message: &str, url: &str) -> String {
    message.replace(url, "the URL")
}

/// What can go wrong talking to the agency server, in words for the person at the desk.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// Why the address is not a PostgreSQL URL (our words, or the URL parser's).
    BadUrl(Said),
    Unreachable {
        at: String,
        reason: Said,
    },
    Tls {
        at: String,
        reason: Said,
    },
    SignInRefused {
        at: String,
        user: String,
    },
    SignInDisabled {
        at: String,
        user: String,
    },
    /// Refused by the server, in its words.
    ConnectionRefused {
        at: String,
        reason: String,
    },
    NoDatabase {
        at: String,
        database: String,
    },
    TooOld {
        found: String,
    },
    AlreadySetUp {
        protocol: i32,
    },
    ForeignSchema,
    NotSetUp,
    Newer {
        version: i64,
    },
    /// A login lacking a privilege: the role, when known.
    NotAllowed {
        role: Option<String>,
    },
    NotADesk,
    /// What was not understood.
    Protocol(Said),
    /// The server's own words.
    Database(String),
}

impl Explain for ServerError {
    fn explain(&self) -> Said {
        match self {
            Self::BadUrl(reason) => Said::id("error-agency-bad-url").arg("reason", reason.clone()),
            Self::Unreachable { at, reason } => Said::id("error-agency-unreachable")
                .arg("at", at.as_str())
                .arg("reason", reason.clone()),
            Self::Tls { at, reason } => Said::id("error-agency-tls")
                .arg("at", at.as_str())
                .arg("reason", reason.clone()),
            Self::SignInRefused { at, user } => Said::id("error-agency-sign-in-refused")
                .arg("at", at.as_str())
                .arg("user", user.as_str()),
            Self::SignInDisabled { at, user } => Said::id("error-agency-sign-in-disabled")
                .arg("at", at.as_str())
                .arg("user", user.as_str()),
            Self::ConnectionRefused { at, reason } => Said::id("error-agency-connection-refused")
                .arg("at", at.as_str())
                .arg("reason", reason.as_str()),
            Self::NoDatabase { at, database } => Said::id("error-agency-no-database")
                .arg("at", at.as_str())
                .arg("database", database.as_str()),
            Self::TooOld { found } => Said::id("error-agency-postgres-too-old")
                .arg("found", found.as_str())
                .arg("oldest", OLDEST_POSTGRES),
            Self::AlreadySetUp { protocol } => {
                Said::id("error-agency-already-set-up").arg("protocol", i64::from(*protocol))
            }
            Self::ForeignSchema => Said::id("error-agency-foreign-schema"),
            Self::NotSetUp => Said::id("error-agency-not-set-up"),
            Self::Newer { version } => Said::id("error-agency-newer").arg("version", *version),
            Self::NotAllowed { role: Some(role) } => {
                Said::id("error-agency-role-not-allowed").arg("role", role.as_str())
            }
            Self::NotAllowed { role: None } => Said::id("error-agency-login-not-allowed"),
            Self::NotADesk => Said::id("error-agency-not-a-desk"),
            Self::Protocol(detail) => {
                Said::id("error-agency-protocol").arg("detail", detail.clone())
            }
            Self::Database(detail) => {
                Said::id("error-agency-failed").arg("detail", detail.as_str())
            }
        }
    }
}

display_in_english!(ServerError);

/// "no answer within 10 s": how long a connection attempt waited.
fn no_answer_within(timeout: Duration) -> Said {
    let seconds = timeout.as_secs_f64();
    let said = Said::id("error-agency-no-answer-within");
    if seconds.fract() == 0.0 {
        said.arg(
            "seconds",
            i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
        )
    } else {
        said.arg("seconds", seconds.to_string())
    }
}

impl ServerError {
    /// Sorts a failed connection attempt into what the person can act on.
    fn from_connect(error: sqlx::Error, url: &ServerUrl) -> ServerError {
        let at = url.place();
        match &error {
            sqlx::Error::Io(io) => ServerError::Unreachable {
                at,
                reason: Said::Text(io.to_string()),
            },
            sqlx::Error::Tls(tls) => ServerError::Tls {
                at,
                reason: Said::Text(tls.to_string()),
            },
            sqlx::Error::Database(db) => match db.code().as_deref() {
                // invalid_password (also a one-time secret past its time)
                Some("28P01") => ServerError::SignInRefused {
                    at,
                    user: url.user().to_owned(),
                },
                // invalid_authorization_specification: a role that may not log in (a
                // revoked desk), or no pg_hba.conf line for this connection
                Some("28000") if db.message().contains("not permitted to log in") => {
                    ServerError::SignInDisabled {
                        at,
                        user: url.user().to_owned(),
                    }
                }
                Some("28000") => ServerError::ConnectionRefused {
                    at,
                    reason: db.message().to_owned(),
                },
                // invalid_catalog_name
                Some("3D000") => ServerError::NoDatabase {
                    at,
                    database: url.options.get_database().unwrap_or_default().to_owned(),
                },
                _ => ServerError::from(error),
            },
            _ => ServerError::from(error),
        }
    }
}

impl From<sqlx::Error> for ServerError {
    fn from(error: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &error {
            // insufficient_privilege
            if db.code().as_deref() == Some("42501") {
                return ServerError::NotAllowed { role: None };
            }
        }
        ServerError::Database(error.to_string())
    }
}

/// Who the server says the caller is, when the caller is an enrolled desk.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DeskIdentity {
    pub uid: uuid::Uuid,
    pub member: uuid::Uuid,
    pub role: String,
    /// Whether the desk has replaced its one-time secret with its own.
    pub enrolled: bool,
    pub revoked: bool,
}

/// The server's answer to `kd.hello()`.
#[derive(Debug, Clone, Deserialize)]
pub struct Hello {
    pub protocol: i32,
    /// The oldest protocol the server still takes (`None` from a server that takes only
    /// `protocol`).
    #[serde(default)]
    pub oldest_protocol: Option<i32>,
    /// Tombstones of changes up to this number may have been pruned: a desk whose last
    /// pull is older reads everything again (0 from a server that never pruned).
    #[serde(default)]
    pub tombstones_kept_from: i64,
    pub agency: uuid::Uuid,
    pub server_time: chrono::DateTime<chrono::Utc>,
    /// `None` for a login that is not an enrolled desk.
    pub desk: Option<DeskIdentity>,
}

/// The first call of every connection: which protocol the server speaks, whose agency it
/// is, and who the caller is.
pub async fn hello(connection: &mut PgConnection) -> Result<Hello, ServerError> {
    let answer: sqlx::types::Json<serde_json::Value> = sqlx::query_scalar("SELECT kd.hello()")
        .fetch_one(&mut *connection)
        .await
        .map_err(|error| match &error {
            // undefined_schema / undefined_function: not an agency server (yet)
            sqlx::Error::Database(db)
                if matches!(db.code().as_deref(), Some("3F000") | Some("42883")) =>
            {
                ServerError::NotSetUp
            }
            _ => ServerError::from(error),
        })?;
    serde_json::from_value(answer.0)
        .map_err(|error| ServerError::Protocol(Said::Text(error.to_string())))
}

/// The server's PostgreSQL major version, refused when older than [`OLDEST_POSTGRES`].
async fn check_version(connection: &mut PgConnection) -> Result<u32, ServerError> {
    let number: String = sqlx::query_scalar("SHOW server_version_num")
        .fetch_one(&mut *connection)
        .await?;
    let major = major_version(&number).ok_or_else(|| {
        ServerError::Protocol(
            Said::id("error-agency-unknown-version").arg("number", format!("{number:?}")),
        )
    })?;
    if major < OLDEST_POSTGRES {
        return Err(ServerError::TooOld {
            found: major.to_string(),
        });
    }
    Ok(major)
}

/// The major version in PostgreSQL's `server_version_num` (150004 → 15).
fn major_version(number: &str) -> Option<u32> {
    number.trim().parse::<u32>().ok().map(|n| n / 10_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_url_never_shows_its_password() {
        let url: ServerUrl =
            "postgres://keydesk_admin:s3cret-pass@db.example.com:6432/agency?sslmode=verify-full"
                .parse()
                .unwrap();
        assert_eq!(url.to_string(), "keydesk_admin@db.example.com:6432/agency");
        assert!(!format!("{url:?}").contains("s3cret"));
    }

    #[test]
    fn only_postgres_urls_are_taken_and_the_error_does_not_repeat_them() {
        let error = "mysql://root:hunter2@db/x"
            .parse::<ServerUrl>()
            .unwrap_err();
        assert!(matches!(error, ServerError::BadUrl(_)));
        assert!(!error.to_string().contains("hunter2"));
        let error = "postgres://root:hunter2@db:notaport/x"
            .parse::<ServerUrl>()
            .unwrap_err();
        assert!(matches!(error, ServerError::BadUrl(_)), "{error}");
        assert!(!error.to_string().contains("hunter2"), "{error}");
    }

    #[test]
    fn a_url_without_its_password_reads_back_the_same_place_and_certificate() {
        let url: ServerUrl =
            "postgres://desk:s3cret@db.example.com:6432/agency?sslmode=verify-full&sslrootcert=/etc/keydesk/ca.pem"
                .parse()
                .unwrap();
        let kept = url.without_password();
        assert!(!kept.contains("s3cret"), "{kept}");
        let back: ServerUrl = kept.parse().unwrap();
        assert_eq!(back.to_string(), url.to_string());
        // Everything else, the certificate authority's file included, is as it was.
        assert_eq!(
            format!("{:?}", back.options),
            format!("{:?}", url.options).replace("password: Some(\"s3cret\")", "password: None")
        );
    }

    #[test]
    fn a_server_error_says_the_same_english_and_persian_too() {
        let error = ServerError::Unreachable {
            at: "db:5432/agency".into(),
            reason: no_answer_within(Duration::from_secs(10)),
        };
        assert_eq!(
            error.to_string(),
            "Cannot reach the agency server at db:5432/agency: no answer within 10 s"
        );
        assert_eq!(
            crate::catalogue::in_language(keydesk_api::Language::Fa, &error.explain()),
            "دسترسی به سرور آژانس در db:5432/agency ممکن نیست: ظرف ۱۰ ثانیه پاسخی نرسید"
        );
        let waited = no_answer_within(Duration::from_millis(500));
        assert_eq!(
            crate::catalogue::in_english(&waited),
            "no answer within 0.5 s"
        );
        let error = ServerError::NotAllowed { role: None };
        assert!(error
            .to_string()
            .starts_with("This login may not do this on the agency server"));
    }

    #[test]
    fn major_versions_are_read_from_the_version_number() {
        assert_eq!(major_version("150004"), Some(15));
        assert_eq!(major_version("170002\n"), Some(17));
        assert_eq!(major_version("140011"), Some(14));
        assert_eq!(major_version("fifteen"), None);
    }
}
