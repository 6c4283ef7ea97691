//! The agency server as its administrator sets it up (`server-init`, `server-upgrade`) on a
//! real PostgreSQL cluster, and what a login that is not an enrolled desk can do there.
//! `cargo xtask test` starts the cluster; each test works in a database of its own.

use crate::fault_proxy::{Fault, FaultProxy};
use keydesk_core::server::admin;
use keydesk_core::server::{self, ServerError, ServerUrl, PROTOCOL};
use sqlx::postgres::PgConnection;

/// The test cluster's superuser.
pub(crate) fn admin_url() -> ServerUrl {
    let url = std::env::var("KEYDESK_TEST_POSTGRES").unwrap_or_else(|_| {
        panic!(
            "KEYDESK_TEST_POSTGRES is not set: the agency-server tests need the PostgreSQL \
             cluster `cargo xtask test` starts"
        )
    });
    url.parse()
        .expect("KEYDESK_TEST_POSTGRES is a PostgreSQL URL")
}

pub(crate) fn unique(prefix: &str) -> String {
    format!("{prefix}_{}", uuid::Uuid::now_v7().simple())
}

/// An empty database of the test's own, as the cluster's superuser.
pub(crate) async fn new_database() -> ServerUrl {
    let admin = admin_url();
    let name = unique("t");
    let mut connection = admin.connect().await.expect("the test cluster answers");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut connection)
        .await
        .expect("CREATE DATABASE");
    admin.with_database(&name)
}

pub(crate) async fn execute(connection: &mut PgConnection, sql: &str) -> Result<(), sqlx::Error> {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(connection)
        .await
        .map(|_| ())
}

/// The SQLSTATE of a refused statement.
pub(crate) fn sqlstate(result: Result<(), sqlx::Error>) -> String {
    match result {
        Err(sqlx::Error::Database(error)) => error.code().unwrap_or_default().into_owned(),
        other => panic!("expected the server to refuse, got {other:?}"),
    }
}

#[tokio::test]
async fn server_init_sets_up_an_empty_database_once() {
    let url = new_database().await;
    let status = admin::init(&url).await.expect("server-init");
    assert_eq!(status.protocol, PROTOCOL);
    assert!(status.postgres >= server::OLDEST_POSTGRES);
    assert!(
        status
            .applied
            .iter()
            .any(|change| change.contains("foundation")),
        "{:?}",
        status.applied
    );

    let mut connection = url.connect().await.unwrap();
    let hello = server::hello(&mut connection).await.unwrap();
    assert_eq!(hello.protocol, PROTOCOL);
    assert_eq!(hello.agency, status.agency);
    assert!(hello.desk.is_none(), "the administrator is not a desk");
    let drift = (chrono::Utc::now() - hello.server_time).num_seconds().abs();
    assert!(drift < 60, "the server's clock is {drift} s off");

    let again = admin::init(&url).await.unwrap_err();
    assert!(
        matches!(again, ServerError::AlreadySetUp { protocol: PROTOCOL }),
        "{again}"
    );
    assert!(again.to_string().contains("keydesk admin server-upgrade"));
    let after = server::hello(&mut connection).await.unwrap();
    assert_eq!(
        after.agency, status.agency,
        "a refused init changes nothing"
    );
}

#[tokio::test]
async fn server_upgrade_refuses_an_empty_database_and_leaves_an_up_to_date_server_alone() {
    let url = new_database().await;
    let error = admin::upgrade(&url).await.unwrap_err();
    assert!(matches!(error, ServerError::NotSetUp), "{error}");
    let mut connection = url.connect().await.unwrap();
    let schema: Option<String> =
        sqlx::query_scalar("SELECT nspname::text FROM pg_namespace WHERE nspname = 'kd'")
            .fetch_optional(&mut connection)
            .await
            .unwrap();
    assert_eq!(schema, None, "a refused upgrade creates nothing");

    let set_up = admin::init(&url).await.unwrap();
    let upgraded = admin::upgrade(&url).await.unwrap();
    assert!(upgraded.applied.is_empty(), "{:?}", upgraded.applied);
    assert_eq!(upgraded.agency, set_up.agency);
    assert_eq!(upgraded.protocol, PROTOCOL);
}

#[tokio::test]
async fn a_server_set_up_by_a_newer_keydesk_is_left_unchanged() {
    let url = new_database().await;
    admin::init(&url).await.unwrap();
    let mut connection = url.connect().await.unwrap();
    execute(
        &mut connection,
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (99991231000000, 'from a later Keydesk', true, '\\x00', 0)",
    )
    .await
    .unwrap();
    let error = admin::upgrade(&url).await.unwrap_err();
    assert!(
        matches!(
            error,
            ServerError::Newer {
                version: 99991231000000
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("update Keydesk"));
}

#[tokio::test]
async fn a_database_holding_another_schema_named_kd_is_refused() {
    let url = new_database().await;
    let mut connection = url.connect().await.unwrap();
    execute(&mut connection, "CREATE SCHEMA kd").await.unwrap();
    execute(&mut connection, "CREATE TABLE kd.theirs (x integer)")
        .await
        .unwrap();
    let error = admin::init(&url).await.unwrap_err();
    assert!(matches!(error, ServerError::ForeignSchema), "{error}");
    let theirs: bool = sqlx::query_scalar("SELECT to_regclass('kd.theirs') IS NOT NULL")
        .fetch_one(&mut connection)
        .await
        .unwrap();
    let ours: bool = sqlx::query_scalar("SELECT to_regclass('kd.server') IS NOT NULL")
        .fetch_one(&mut connection)
        .await
        .unwrap();
    assert!(
        theirs && !ours,
        "nothing of theirs touched, nothing of ours made"
    );
}

#[tokio::test]
async fn a_login_that_is_not_a_desk_learns_nothing_and_cannot_become_anyone_else() {
    let url = new_database().await;
    admin::init(&url).await.unwrap();
    let stranger = unique("stranger");
    let password = unique("pw");
    let mut as_admin = url.connect().await.unwrap();
    execute(
        &mut as_admin,
        &format!("CREATE ROLE {stranger} LOGIN PASSWORD '{password}'"),
    )
    .await
    .unwrap();
    let admin_role: String = sqlx::query_scalar("SELECT current_user::text")
        .fetch_one(&mut as_admin)
        .await
        .unwrap();

    let stranger_url = url.as_login(&stranger, &password);
    let mut connection = stranger_url.connect().await.expect("the stranger signs in");
    let hello = server::hello(&mut connection).await.unwrap();
    assert_eq!(hello.protocol, PROTOCOL);
    assert!(hello.desk.is_none());

    // insufficient_privilege, whatever it tries.
    for sql in [
        "SELECT * FROM kd.desks".to_owned(),
        "SELECT * FROM kd.server".to_owned(),
        "INSERT INTO kd.desks (uid, login, member_uid, member_role, label)
         VALUES (gen_random_uuid(), session_user, gen_random_uuid(), 'owner', 'mine')"
            .to_owned(),
        format!("UPDATE kd.server SET protocol = {}", PROTOCOL + 1),
        "CREATE FUNCTION kd.mine() RETURNS int LANGUAGE sql AS 'SELECT 1'".to_owned(),
        format!("SET ROLE {admin_role}"),
        format!("SET SESSION AUTHORIZATION {admin_role}"),
    ] {
        assert_eq!(
            sqlstate(execute(&mut connection, &sql).await),
            "42501",
            "{sql}"
        );
    }
    // A session variable changes nobody's identity.
    execute(
        &mut connection,
        "SELECT set_config('kd.desk', 'owner', false)",
    )
    .await
    .unwrap();
    assert!(server::hello(&mut connection).await.unwrap().desk.is_none());

    let upgrade = admin::upgrade(&stranger_url).await.unwrap_err();
    assert!(
        matches!(upgrade, ServerError::NotAllowed { .. }),
        "{upgrade}"
    );
}

#[tokio::test]
async fn a_wrong_password_a_missing_database_and_no_server_say_so() {
    let admin = admin_url();
    let role: String = {
        let mut connection = admin.connect().await.unwrap();
        sqlx::query_scalar("SELECT current_user::text")
            .fetch_one(&mut connection)
            .await
            .unwrap()
    };
    let error = admin
        .as_login(&role, "not-the-password")
        .connect()
        .await
        .unwrap_err();
    assert!(
        matches!(error, ServerError::SignInRefused { .. }),
        "{error}"
    );
    assert!(!error.to_string().contains("not-the-password"));

    let error = admin
        .with_database(&unique("missing"))
        .connect()
        .await
        .unwrap_err();
    assert!(matches!(error, ServerError::NoDatabase { .. }), "{error}");

    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let nowhere: ServerUrl = format!("postgres://keydesk_admin@127.0.0.1:{port}/keydesk")
        .parse()
        .unwrap();
    let error = nowhere.connect().await.unwrap_err();
    assert!(matches!(error, ServerError::Unreachable { .. }), "{error}");
}

/// The test cluster's address, for a proxy in front of it.
fn cluster_address(url: &ServerUrl) -> std::net::SocketAddr {
    let (host, port) = url.host_and_port();
    format!("{host}:{port}")
        .parse()
        .expect("the cluster listens on an IP address")
}

#[tokio::test]
async fn a_server_that_refuses_hangs_or_cuts_the_connection_is_reported_unreachable_in_time() {
    let admin = admin_url();
    let proxy = FaultProxy::start(cluster_address(&admin)).await;
    let through = admin
        .with_port(proxy.port())
        .with_connect_timeout(std::time::Duration::from_secs(2));

    let mut connection = through.connect().await.expect("through the proxy");
    assert!(server_version(&mut connection).await >= 15);

    proxy.set(Fault::Refuse).await;
    let error = through.connect().await.unwrap_err();
    assert!(matches!(error, ServerError::Unreachable { .. }), "{error}");

    proxy.set(Fault::Hang).await;
    let started = std::time::Instant::now();
    let error = through.connect().await.unwrap_err();
    assert!(matches!(error, ServerError::Unreachable { .. }), "{error}");
    assert!(
        error.to_string().contains("no answer within 2 s"),
        "{error}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(30));

    proxy.set(Fault::CutAfterReply).await;
    assert!(
        through.connect().await.is_err(),
        "a cut connection cannot sign in"
    );

    // The connection made before the faults is unaffected, and the server is back for
    // new ones as soon as the network is.
    assert!(server_version(&mut connection).await >= 15);
    proxy.set(Fault::Pass).await;
    let mut again = through.connect().await.expect("through the proxy again");
    assert!(server_version(&mut again).await >= 15);
}

async fn server_version(connection: &mut PgConnection) -> i64 {
    let number: String = sqlx::query_scalar("SHOW server_version_num")
        .fetch_one(connection)
        .await
        .unwrap();
    number.parse::<i64>().unwrap() / 10_000
}

/// A desk enrolled by hand, as the enrolment will do it: a login role of its own and a row
/// binding it to a member and the member's role. Returns its URL and its member's uid.
async fn enrol_by_hand(
    admin: &mut PgConnection,
    url: &ServerUrl,
    member_role: &str,
    revoked: bool,
) -> (ServerUrl, uuid::Uuid) {
    let login = unique("desk");
    let password = unique("pw");
    let member = uuid::Uuid::now_v7();
    execute(
        admin,
        &format!("CREATE ROLE {login} LOGIN PASSWORD '{password}'"),
    )
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO kd.desks (uid, login, member_uid, member_role, label, enrolled_at, revoked_at)
         VALUES ($1, $2, $3, $4, 'a desk', now(), CASE WHEN $5 THEN now() END)",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(&login)
    .bind(member)
    .bind(member_role)
    .bind(revoked)
    .execute(&mut *admin)
    .await
    .unwrap();
    (url.as_login(&login, &password), member)
}

async fn add_customer(
    admin: &mut PgConnection,
    email: &str,
    linked_to: &[uuid::Uuid],
) -> uuid::Uuid {
    let uid = uuid::Uuid::now_v7();
    sqlx::query("INSERT INTO kd.customers (uid, email) VALUES ($1, $2)")
        .bind(uid)
        .bind(email)
        .execute(&mut *admin)
        .await
        .unwrap();
    for member in linked_to {
        sqlx::query("INSERT INTO kd.customer_links (customer_uid, member_uid) VALUES ($1, $2)")
            .bind(uid)
            .bind(member)
            .execute(&mut *admin)
            .await
            .unwrap();
    }
    uid
}

/// The emails `connection` can read, sorted.
async fn visible_emails(connection: &mut PgConnection) -> Vec<String> {
    sqlx::query_scalar("SELECT email FROM kd.customers ORDER BY email")
        .fetch_all(connection)
        .await
        .unwrap()
}

#[tokio::test]
async fn each_desk_reads_only_the_customers_its_member_may_see_whatever_sql_it_sends() {
    let url = new_database().await;
    admin::init(&url).await.unwrap();
    let mut admin = url.connect().await.unwrap();
    let (owner, _) = enrol_by_hand(&mut admin, &url, "owner", false).await;
    let (admin_desk, _) = enrol_by_hand(&mut admin, &url, "admin", false).await;
    let (ana, ana_member) = enrol_by_hand(&mut admin, &url, "agent", false).await;
    let (ben, ben_member) = enrol_by_hand(&mut admin, &url, "agent", false).await;
    let (gone, gone_member) = enrol_by_hand(&mut admin, &url, "agent", true).await;
    add_customer(&mut admin, "a@example.com", &[ana_member]).await;
    let bens = add_customer(&mut admin, "b@example.com", &[ben_member]).await;
    add_customer(&mut admin, "both@example.com", &[ana_member, ben_member]).await;
    add_customer(&mut admin, "nobody@example.com", &[]).await;
    add_customer(&mut admin, "gone@example.com", &[gone_member]).await;
    let all = [
        "a@example.com",
        "b@example.com",
        "both@example.com",
        "gone@example.com",
        "nobody@example.com",
    ];

    for desk in [&owner, &admin_desk] {
        let mut connection = desk.connect().await.unwrap();
        assert_eq!(visible_emails(&mut connection).await, all);
    }
    let mut as_ben = ben.connect().await.unwrap();
    assert_eq!(
        visible_emails(&mut as_ben).await,
        ["b@example.com", "both@example.com"]
    );
    let mut as_gone = gone.connect().await.unwrap();
    assert!(
        visible_emails(&mut as_gone).await.is_empty(),
        "a revoked desk reads nothing"
    );

    let mut as_ana = ana.connect().await.unwrap();
    assert_eq!(
        visible_emails(&mut as_ana).await,
        ["a@example.com", "both@example.com"]
    );
    // Asking for Ben's customer by its uid, or counting, or reading the links, shows no
    // more; nor does asking the rule itself.
    let by_uid: Option<String> =
        sqlx::query_scalar("SELECT email FROM kd.customers WHERE uid = $1")
            .bind(bens)
            .fetch_optional(&mut as_ana)
            .await
            .unwrap();
    assert_eq!(by_uid, None);
    let links: i64 = sqlx::query_scalar("SELECT count(*) FROM kd.customer_links")
        .fetch_one(&mut as_ana)
        .await
        .unwrap();
    assert_eq!(
        links, 3,
        "a@ (Ana) and both@ (Ana, Ben): the links of what she sees"
    );
    let may: bool = sqlx::query_scalar("SELECT kd.may_see($1)")
        .bind(bens)
        .fetch_one(&mut as_ana)
        .await
        .unwrap();
    assert!(!may);
    // Writing, linking herself, switching the rule off or becoming another desk: refused.
    let owner_login = owner.user().to_owned();
    for sql in [
        "INSERT INTO kd.customers (uid, email) VALUES (gen_random_uuid(), 'new@example.com')".to_owned(),
        "UPDATE kd.customers SET email = 'taken@example.com'".to_owned(),
        "DELETE FROM kd.customers".to_owned(),
        format!("INSERT INTO kd.customer_links (customer_uid, member_uid) VALUES ('{bens}', '{ana_member}')"),
        "ALTER TABLE kd.customers DISABLE ROW LEVEL SECURITY".to_owned(),
        "DROP POLICY desks_see_their_customers ON kd.customers".to_owned(),
        format!("SET ROLE {owner_login}"),
        format!("SET SESSION AUTHORIZATION {owner_login}"),
        "UPDATE kd.desks SET member_role = 'owner'".to_owned(),
    ] {
        assert_eq!(sqlstate(execute(&mut as_ana, &sql).await), "42501", "{sql}");
    }
    execute(&mut as_ana, "SET row_security = off")
        .await
        .unwrap();
    let off = sqlx::query("SELECT email FROM kd.customers")
        .fetch_all(&mut as_ana)
        .await
        .map(|_| ());
    assert_eq!(
        sqlstate(off),
        "42501",
        "with the rule off, reading is refused"
    );

    // A login that is no desk reads nothing.
    let stranger = unique("stranger");
    execute(
        &mut admin,
        &format!("CREATE ROLE {stranger} LOGIN PASSWORD 'pw-{stranger}'"),
    )
    .await
    .unwrap();
    let mut as_stranger = url
        .as_login(&stranger, &format!("pw-{stranger}"))
        .connect()
        .await
        .unwrap();
    assert!(visible_emails(&mut as_stranger).await.is_empty());

    // One customer per email, whatever its case.
    let duplicate =
        sqlx::query("INSERT INTO kd.customers (uid, email) VALUES ($1, 'A@Example.com')")
            .bind(uuid::Uuid::now_v7())
            .execute(&mut admin)
            .await
            .map(|_| ());
    assert_eq!(sqlstate(duplicate), "23505");
}

/// A desk's invitation, as `kd.invite_desk` gives it.
pub(crate) struct Invitation {
    desk: uuid::Uuid,
    login: String,
    secret: String,
    expires_at: chrono::DateTime<chrono::Utc>,
}

pub(crate) async fn invite(
    by: &mut PgConnection,
    member: uuid::Uuid,
    member_role: &str,
) -> Result<Invitation, sqlx::Error> {
    let answer: sqlx::types::Json<serde_json::Value> =
        sqlx::query_scalar("SELECT kd.invite_desk($1, $2, 'Laptop')")
            .bind(member)
            .bind(member_role)
            .fetch_one(&mut *by)
            .await?;
    let answer = answer.0;
    Ok(Invitation {
        desk: answer["desk"].as_str().unwrap().parse().unwrap(),
        login: answer["login"].as_str().unwrap().to_owned(),
        secret: answer["secret"].as_str().unwrap().to_owned(),
        expires_at: serde_json::from_value(answer["expires_at"].clone()).unwrap(),
    })
}

/// Completes `invitation` as the new desk would; returns the desk's URL with its own secret.
pub(crate) async fn complete(url: &ServerUrl, invitation: &Invitation) -> ServerUrl {
    let mut connection = url
        .as_login(&invitation.login, &invitation.secret)
        .connect()
        .await
        .expect("the invited desk signs in with its one-time secret");
    let own = unique("a-desk-own-secret-that-is-long-enough");
    sqlx::query("SELECT kd.complete_enrolment($1)")
        .bind(&own)
        .execute(&mut connection)
        .await
        .expect("the enrolment completes");
    url.as_login(&invitation.login, &own)
}

/// A desk enrolled through the server's functions, invited by `by`.
pub(crate) async fn enrol(
    by: &mut PgConnection,
    url: &ServerUrl,
    member_role: &str,
) -> (ServerUrl, uuid::Uuid, uuid::Uuid) {
    let member = uuid::Uuid::now_v7();
    let invitation = invite(by, member, member_role).await.expect("invited");
    (complete(url, &invitation).await, invitation.desk, member)
}

pub(crate) fn sqlx_state(result: Result<impl std::fmt::Debug, sqlx::Error>) -> String {
    sqlstate(result.map(|_| ()))
}

#[tokio::test]
async fn an_invited_desk_signs_in_once_with_its_secret_and_replaces_it_with_its_own() {
    let url = new_database().await;
    admin::init(&url).await.unwrap();
    let mut admin = url.connect().await.unwrap();
    add_customer(&mut admin, "first@example.com", &[]).await;

    // The administrator invites the agency's first desk, an owner's.
    let member = uuid::Uuid::now_v7();
    let invitation = invite(&mut admin, member, "owner").await.unwrap();
    let hours = (invitation.expires_at - chrono::Utc::now()).num_minutes();
    assert!(
        (23 * 60..=24 * 60).contains(&hours),
        "expires in {hours} minutes"
    );
    assert!(invitation.secret.len() >= 40, "a long random secret");

    let with_secret = url.as_login(&invitation.login, &invitation.secret);
    let mut invited = with_secret.connect().await.unwrap();
    let hello = server::hello(&mut invited).await.unwrap();
    let desk = hello.desk.expect("the server knows the invited desk");
    assert_eq!((desk.uid, desk.member), (invitation.desk, member));
    assert!(!desk.enrolled && !desk.revoked);
    assert!(
        visible_emails(&mut invited).await.is_empty(),
        "not a desk before its enrolment completes"
    );
    let short = sqlx::query("SELECT kd.complete_enrolment('short')")
        .execute(&mut invited)
        .await;
    assert_eq!(sqlx_state(short), "22023");
    drop(invited);

    let own = complete(&url, &invitation).await;
    let error = with_secret.connect().await.unwrap_err();
    assert!(
        matches!(error, ServerError::SignInRefused { .. }),
        "the one-time secret is spent: {error}"
    );
    let mut enrolled = own.connect().await.unwrap();
    let desk = server::hello(&mut enrolled).await.unwrap().desk.unwrap();
    assert!(desk.enrolled && !desk.revoked);
    assert_eq!(desk.role, "owner");
    assert_eq!(visible_emails(&mut enrolled).await, ["first@example.com"]);
    let again = sqlx::query("SELECT kd.complete_enrolment($1)")
        .bind(unique("another-secret-long-enough-for-the-rule"))
        .execute(&mut enrolled)
        .await;
    assert_eq!(sqlx_state(again), "55000", "an enrolment completes once");
}

#[tokio::test]
async fn only_an_owners_desk_or_the_administrator_enrols_and_revokes_desks() {
    let url = new_database().await;
    admin::init(&url).await.unwrap();
    let mut admin = url.connect().await.unwrap();
    let (owner, owner_desk, _) = enrol(&mut admin, &url, "owner").await;
    let mut as_owner = owner.connect().await.unwrap();
    let (agent, _, _) = enrol(&mut as_owner, &url, "agent").await;
    let (admin_staff, _, _) = enrol(&mut as_owner, &url, "admin").await;

    let someone = uuid::Uuid::now_v7();
    for desk in [&agent, &admin_staff] {
        let mut connection = desk.connect().await.unwrap();
        let invited = invite(&mut connection, someone, "owner").await.map(|_| ());
        assert_eq!(sqlstate(invited), "42501", "{desk}");
        let revoked = sqlx::query("SELECT kd.revoke_desk($1)")
            .bind(owner_desk)
            .execute(&mut connection)
            .await;
        assert_eq!(sqlx_state(revoked), "42501", "{desk}");
    }
    let stranger = unique("stranger");
    execute(
        &mut admin,
        &format!("CREATE ROLE {stranger} LOGIN PASSWORD 'pw-{stranger}'"),
    )
    .await
    .unwrap();
    let mut as_stranger = url
        .as_login(&stranger, &format!("pw-{stranger}"))
        .connect()
        .await
        .unwrap();
    let invited = invite(&mut as_stranger, someone, "agent").await.map(|_| ());
    assert_eq!(sqlstate(invited), "42501");
    let unknown_role = invite(&mut as_owner, someone, "superuser")
        .await
        .map(|_| ());
    assert_eq!(sqlstate(unknown_role), "22023");
    let desks: i64 = sqlx::query_scalar("SELECT count(*) FROM kd.desks")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert_eq!(desks, 3, "no refused call left a desk behind");
}

#[tokio::test]
async fn a_revoked_desk_is_cut_off_at_once_and_told_why() {
    let url = new_database().await;
    admin::init(&url).await.unwrap();
    let mut admin = url.connect().await.unwrap();
    let (owner, _, _) = enrol(&mut admin, &url, "owner").await;
    let mut as_owner = owner.connect().await.unwrap();
    let (agent, agent_desk, agent_member) = enrol(&mut as_owner, &url, "agent").await;
    add_customer(&mut admin, "theirs@example.com", &[agent_member]).await;
    let mut open = agent.connect().await.unwrap();
    assert_eq!(visible_emails(&mut open).await, ["theirs@example.com"]);

    let closed: i32 = sqlx::query_scalar("SELECT kd.revoke_desk($1)")
        .bind(agent_desk)
        .fetch_one(&mut as_owner)
        .await
        .unwrap();
    assert_eq!(closed, 1, "the agent's open connection was closed");
    let after: Result<Vec<String>, _> = sqlx::query_scalar("SELECT email FROM kd.customers")
        .fetch_all(&mut open)
        .await;
    assert!(after.is_err(), "the open connection is gone: {after:?}");

    let error = agent.connect().await.unwrap_err();
    assert!(
        matches!(error, ServerError::SignInDisabled { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("revoked"), "{error}");
    let twice = sqlx::query("SELECT kd.revoke_desk($1)")
        .bind(agent_desk)
        .execute(&mut as_owner)
        .await;
    assert_eq!(sqlx_state(twice), "P0002");
}

async fn lookup(connection: &mut PgConnection, email: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT kd.lookup_email($1)")
        .bind(email)
        .fetch_one(connection)
        .await
}

#[tokio::test]
async fn an_enrolled_desk_learns_whether_an_email_exists_in_the_agency_and_nothing_more() {
    let url = new_database().await;
    admin::init(&url).await.unwrap();
    let mut admin = url.connect().await.unwrap();
    let (owner, _, _) = enrol(&mut admin, &url, "owner").await;
    let mut as_owner = owner.connect().await.unwrap();
    let (ana, _, _) = enrol(&mut as_owner, &url, "agent").await;
    let (_, _, ben_member) = enrol(&mut as_owner, &url, "agent").await;
    add_customer(&mut admin, "bens@example.com", &[ben_member]).await;

    let mut as_ana = ana.connect().await.unwrap();
    assert!(lookup(&mut as_ana, " BENS@Example.com ").await.unwrap());
    assert!(!lookup(&mut as_ana, "nobody@example.com").await.unwrap());
    assert!(
        visible_emails(&mut as_ana).await.is_empty(),
        "knowing it exists does not show it"
    );

    // Not for a login that is no desk, nor a desk still to enrol (a revoked one cannot
    // even sign in).
    let stranger = unique("stranger");
    execute(
        &mut admin,
        &format!("CREATE ROLE {stranger} LOGIN PASSWORD 'pw-{stranger}'"),
    )
    .await
    .unwrap();
    let mut as_stranger = url
        .as_login(&stranger, &format!("pw-{stranger}"))
        .connect()
        .await
        .unwrap();
    let invitation = invite(&mut as_owner, uuid::Uuid::now_v7(), "agent")
        .await
        .unwrap();
    let mut as_invited = url
        .as_login(&invitation.login, &invitation.secret)
        .connect()
        .await
        .unwrap();
    for connection in [&mut as_stranger, &mut as_invited] {
        let refused = lookup(connection, "bens@example.com").await;
        assert_eq!(sqlx_state(refused), "42501");
    }
}

/// The server functions of the portal, the mail settings, code checks and retention, as
/// each kind of caller tries them: what is not theirs is refused or answers nothing.
#[tokio::test]
async fn the_newer_server_functions_refuse_callers_they_are_not_for() {
    let url = new_database().await;
    admin::init(&url).await.unwrap();
    let mut admin = url.connect().await.unwrap();
    let (owner_url, owner_desk, _) = enrol(&mut admin, &url, "owner").await;
    let (agent_url, _, _) = enrol(&mut admin, &url, "agent").await;
    let (other_url, _, _) = enrol(&mut admin, &url, "owner").await;
    let theirs = add_customer(&mut admin, "lea@example.com", &[]).await;
    let stranger = unique("stranger");
    execute(
        &mut admin,
        &format!("CREATE ROLE {stranger} LOGIN PASSWORD 'pw-{stranger}'"),
    )
    .await
    .unwrap();
    let stranger_url = url.as_login(&stranger, &format!("pw-{stranger}"));
    let mut owner = owner_url.connect().await.unwrap();
    let mut agent_desk = agent_url.connect().await.unwrap();
    let mut other = other_url.connect().await.unwrap();
    let mut nobody = stranger_url.connect().await.unwrap();

    // Mail settings: only an owner's desk shares them; a stranger reads none.
    let put = "SELECT kd.put_mail_settings(1, '{}', decode(repeat('00', 32), 'hex'), \
               decode(repeat('00', 64), 'hex'))";
    for connection in [&mut agent_desk, &mut nobody] {
        assert_eq!(sqlstate(execute(connection, put).await), "42501", "{put}");
    }
    execute(&mut owner, put)
        .await
        .expect("an owner's desk shares");
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM kd.mail_settings_now()")
        .fetch_one(&mut nobody)
        .await
        .unwrap();
    assert_eq!(rows, 0, "a stranger reads no mail settings");

    // Retention is the administrator's.
    for connection in [&mut owner, &mut nobody] {
        assert_eq!(
            sqlstate(execute(connection, "SELECT kd.prune_tombstones(30)").await),
            "42501"
        );
    }

    // Tokens and portal events: an agent's desk may not touch a customer it does not
    // serve, a stranger nothing; neither desk nor stranger reaches the website's side.
    let token = format!("SELECT kd.issue_verification_token('{theirs}', sha256('x'))");
    let issued: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar(sqlx::AssertSqlSafe(token.clone()))
            .fetch_one(&mut agent_desk)
            .await
            .unwrap();
    assert_eq!(issued, None, "not the agent's customer");
    assert_eq!(sqlstate(execute(&mut nobody, &token).await), "42501");
    for connection in [&mut owner, &mut nobody] {
        for sql in [
            "SELECT * FROM portal.accounts",
            "SELECT portal.record_sign_in('lea@example.com')",
            "SELECT portal.redeem_verification_token('x')",
            "SELECT portal.change_password('lea@example.com', \
             '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g')",
        ] {
            assert_eq!(sqlstate(execute(connection, sql).await), "42501", "{sql}");
        }
    }

    // Code checks: the holder answers, the asker reads, nobody else does either.
    let hold = format!("SELECT kd.hold_code('{theirs}', now(), now() + interval '10 minutes')");
    let held: bool = sqlx::query_scalar(sqlx::AssertSqlSafe(hold.clone()))
        .fetch_one(&mut owner)
        .await
        .unwrap();
    assert!(held);
    let not_held: bool = sqlx::query_scalar(sqlx::AssertSqlSafe(hold))
        .fetch_one(&mut nobody)
        .await
        .unwrap();
    assert!(!not_held, "a stranger holds no code");
    let check = uuid::Uuid::now_v7();
    let asked: bool = sqlx::query_scalar("SELECT kd.ask_code_check($1, $2, $3, 'sealed')")
        .bind(check)
        .bind(theirs)
        .bind(owner_desk)
        .fetch_one(&mut other)
        .await
        .unwrap();
    assert!(asked, "another owner's desk asks the holder");
    let not_mine: i64 = sqlx::query_scalar("SELECT count(*) FROM kd.code_checks_for_me()")
        .fetch_one(&mut agent_desk)
        .await
        .unwrap();
    assert_eq!(not_mine, 0, "only the holder reads the question");
    for connection in [&mut agent_desk, &mut nobody] {
        sqlx::query("SELECT kd.answer_code_check($1, 'right', NULL, 'forged')")
            .bind(check)
            .execute(&mut *connection)
            .await
            .unwrap();
    }
    let answered: i64 = sqlx::query_scalar("SELECT count(*) FROM kd.code_check_answer($1)")
        .bind(check)
        .fetch_one(&mut other)
        .await
        .unwrap();
    assert_eq!(answered, 0, "nobody but the holder answers");
    execute(
        &mut owner,
        &format!("SELECT kd.answer_code_check('{check}', 'wrong', 3, NULL)"),
    )
    .await
    .unwrap();
    for (connection, rows) in [(&mut other, 1_i64), (&mut owner, 0), (&mut nobody, 0)] {
        let seen: i64 = sqlx::query_scalar("SELECT count(*) FROM kd.code_check_answer($1)")
            .bind(check)
            .fetch_one(&mut *connection)
            .await
            .unwrap();
        assert_eq!(seen, rows, "only the asking desk reads the answer");
    }

    // Mail: a desk tells only of its own customers' mail; another desk cannot claim it;
    // only an owner's desk takes over, and only from a revoked desk.
    async fn report(
        connection: &mut sqlx::PgConnection,
        customer: uuid::Uuid,
        state: &str,
    ) -> Result<Vec<String>, sqlx::Error> {
        let body = serde_json::json!([{
            "message_id": "<m1@agency.test>", "customer": customer, "kind": "welcome",
            "handoff": null, "recipient": "lea@example.com", "welcome_message": "Hi",
            "state": state,
        }]);
        sqlx::query_scalar("SELECT kd.report_mail($1)")
            .bind(body)
            .fetch_one(connection)
            .await
    }
    assert_eq!(
        report(&mut agent_desk, theirs, "queued").await.unwrap(),
        ["later"]
    );
    assert_eq!(
        sqlstate(report(&mut nobody, theirs, "queued").await.map(|_| ())),
        "42501"
    );
    assert_eq!(
        report(&mut owner, theirs, "queued").await.unwrap(),
        ["mine"]
    );
    assert_eq!(report(&mut other, theirs, "sent").await.unwrap(), ["taken"]);
    for connection in [&mut other, &mut agent_desk, &mut nobody] {
        let take = format!("SELECT kd.take_over_mail('{owner_desk}')");
        assert_eq!(sqlstate(execute(connection, &take).await), "42501");
    }
    for connection in [&mut agent_desk, &mut nobody] {
        for sql in [
            "SELECT count(*) FROM kd.mail_of_revoked_desks()",
            "SELECT count(*) FROM kd.mail_taken_over()",
        ] {
            let seen: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(&mut *connection)
                .await
                .unwrap();
            assert_eq!(seen, 0, "{sql}");
        }
    }
    let state: String = sqlx::query_scalar("SELECT state FROM kd.mail_queue")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert_eq!(state, "queued", "another desk's word changed nothing");
}
