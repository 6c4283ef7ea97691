//! Setting up and upgrading the agency server: what `keydesk admin server-init` and
//! `keydesk admin server-upgrade` do, run once by the agency's database administrator
//! from any machine with Keydesk. Both apply the SQL of `server/migrations` in order, each
//! change in a transaction of its own, under PostgreSQL's advisory lock (two upgrades at
//! once wait for each other); the server records which changes it has.

use sqlx::migrate::{MigrateError, Migrator};
use sqlx::postgres::PgConnection;

use super::{check_version, hello, ServerError, ServerUrl};

static MIGRATOR: Migrator = sqlx::migrate!("../server/migrations");

/// The agency server after `server-init` or `server-upgrade`.
#[derive(Debug, Clone)]
pub struct ServerStatus {
    /// The PostgreSQL major version it runs.
    pub postgres: u32,
    /// The sync protocol it speaks.
    pub protocol: i32,
    /// The agency it belongs to, fixed when it was set up.
    pub agency: uuid::Uuid,
    /// What this run changed, one line per change, oldest first (empty: it was up to date).
    pub applied: Vec<String>,
}

/// Sets up an empty database as the agency's server. Refused when the database is set up
/// already (that is `server-upgrade`'s work) or holds a schema `kd` of something else.
pub async fn init(url: &ServerUrl) -> Result<ServerStatus, ServerError> {
    set_up(url).await.map_err(|error| naming_role(error, url))
}

async fn set_up(url: &ServerUrl) -> Result<ServerStatus, ServerError> {
    let mut connection = url.connect().await?;
    let postgres = check_version(&mut connection).await?;
    if is_set_up(&mut connection).await? {
        let protocol = hello(&mut connection).await?.protocol;
        return Err(ServerError::AlreadySetUp { protocol });
    }
    if holds_foreign_objects(&mut connection).await? {
        return Err(ServerError::ForeignSchema);
    }
    apply(&mut connection, postgres).await
}

/// Brings a set-up server up to date with this Keydesk: applies the changes it does not
/// have yet, none when it is up to date. Refused when the server was set up by a newer
/// Keydesk, before anything is changed.
pub async fn upgrade(url: &ServerUrl) -> Result<ServerStatus, ServerError> {
    bring_up_to_date(url)
        .await
        .map_err(|error| naming_role(error, url))
}

async fn bring_up_to_date(url: &ServerUrl) -> Result<ServerStatus, ServerError> {
    let mut connection = url.connect().await?;
    let postgres = check_version(&mut connection).await?;
    if !is_set_up(&mut connection).await? {
        return Err(ServerError::NotSetUp);
    }
    apply(&mut connection, postgres).await
}

/// Prunes the tombstones of links removed more than `keep_days` days ago (the
/// administrator's job, say monthly); desks whose last pull is older then resync in full.
/// Answers how many were pruned.
pub async fn prune_tombstones(url: &ServerUrl, keep_days: u32) -> Result<i64, ServerError> {
    let mut connection = url.connect().await?;
    if !is_set_up(&mut connection).await? {
        return Err(ServerError::NotSetUp);
    }
    let keep = i32::try_from(keep_days).unwrap_or(i32::MAX);
    sqlx::query_scalar("SELECT kd.prune_tombstones($1)")
        .bind(keep)
        .fetch_one(&mut connection)
        .await
        .map_err(|error| naming_role(ServerError::from(error), url))
}

/// Whether Keydesk's schema is there (its one-row server table).
async fn is_set_up(connection: &mut PgConnection) -> Result<bool, ServerError> {
    let found: bool = sqlx::query_scalar("SELECT to_regclass('kd.server') IS NOT NULL")
        .fetch_one(&mut *connection)
        .await?;
    Ok(found)
}

/// Whether the database holds a schema `kd`, or another application's record of changes,
/// that Keydesk did not make.
async fn holds_foreign_objects(connection: &mut PgConnection) -> Result<bool, ServerError> {
    let found: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'kd')
             OR to_regclass('_sqlx_migrations') IS NOT NULL",
    )
    .fetch_one(&mut *connection)
    .await?;
    Ok(found)
}

/// The changes the server has, by version.
async fn applied_versions(connection: &mut PgConnection) -> Result<Vec<i64>, ServerError> {
    let table: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
        .fetch_one(&mut *connection)
        .await?;
    if !table {
        return Ok(Vec::new());
    }
    Ok(
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *connection)
            .await?,
    )
}

async fn apply(connection: &mut PgConnection, postgres: u32) -> Result<ServerStatus, ServerError> {
    let applied = applied_versions(connection).await?;
    if let Some(&version) = applied
        .iter()
        .find(|version| !MIGRATOR.version_exists(**version))
    {
        return Err(ServerError::Newer { version });
    }
    let pending: Vec<String> = MIGRATOR
        .iter()
        .filter(|migration| !applied.contains(&migration.version))
        .map(|migration| format!("{} {}", migration.version, migration.description))
        .collect();
    MIGRATOR
        .run(&mut *connection)
        .await
        .map_err(migrate_error)?;
    let hello = hello(connection).await?;
    tracing::info!(
        changes = pending.len(),
        protocol = hello.protocol,
        "agency server up to date"
    );
    Ok(ServerStatus {
        postgres,
        protocol: hello.protocol,
        agency: hello.agency,
        applied: pending,
    })
}

fn migrate_error(error: MigrateError) -> ServerError {
    match error {
        MigrateError::VersionMissing(version) => ServerError::Newer { version },
        MigrateError::Execute(error) | MigrateError::ExecuteMigration(error, _) => error.into(),
        other => ServerError::Database(other.to_string()),
    }
}

/// Names the role that lacked a privilege, so the administrator knows whose rights to fix.
fn naming_role(error: ServerError, url: &ServerUrl) -> ServerError {
    match error {
        ServerError::NotAllowed { .. } => ServerError::NotAllowed {
            role: Some(url.user().to_owned()),
        },
        other => other,
    }
}
