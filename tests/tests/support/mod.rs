//! What the tests that need an agency server share: the test cluster's databases, the
//! `keydesk admin` command, and the loopback proxy that cuts a desk off its server.

#![allow(dead_code)]

use std::process::{Command, Output};

use keydesk_core::server::ServerUrl;
use keydesk_e2e::app_path;

/// The same proxy the core's tests put between desks and their server.
#[path = "../../../core/tests/core/fault_proxy.rs"]
pub mod fault_proxy;

/// The test cluster's superuser URL: `postgres://user:password@127.0.0.1:port/postgres?…`.
pub fn admin_url() -> String {
    std::env::var("KEYDESK_TEST_POSTGRES").unwrap_or_else(|_| {
        panic!(
            "KEYDESK_TEST_POSTGRES is not set: run the tests through `cargo xtask test`, \
             which starts a PostgreSQL cluster for them"
        )
    })
}

/// `url` with its database replaced by `database`.
pub fn with_database(url: &str, database: &str) -> String {
    let (address, options) = url.split_once('?').unwrap_or((url, ""));
    let (server, _) = address.rsplit_once('/').expect("a database in the URL");
    format!("{server}/{database}?{options}")
}

/// `url` with its port replaced by `port` (to reach the server through a proxy).
pub fn with_port(url: &str, port: u16) -> String {
    let (head, rest) = url.split_once('@').expect("credentials in the URL");
    let (_, path) = rest.split_once('/').expect("a database in the URL");
    format!("{head}@127.0.0.1:{port}/{path}")
}

/// The server's port in `url`.
pub fn port_of(url: &str) -> u16 {
    let (_, rest) = url.split_once('@').expect("credentials in the URL");
    let (host, _) = rest.split_once('/').expect("a database in the URL");
    host.rsplit_once(':')
        .and_then(|(_, port)| port.parse().ok())
        .expect("a port in the URL")
}

/// The password in `url`, which nothing Keydesk prints may contain.
pub fn password(url: &str) -> String {
    let credentials = url
        .strip_prefix("postgres://")
        .and_then(|rest| rest.split_once('@'))
        .map(|(credentials, _)| credentials)
        .expect("credentials in the URL");
    credentials
        .split_once(':')
        .expect("a password")
        .1
        .to_owned()
}

/// A new empty database; returns its URL.
pub async fn new_database() -> String {
    let admin = admin_url();
    let name = format!("e2e_{}", std::process::id())
        + &format!("_{}", std::time::UNIX_EPOCH.elapsed().unwrap().as_nanos());
    let mut connection = admin
        .parse::<ServerUrl>()
        .expect("the test cluster's URL")
        .connect()
        .await
        .expect("the test cluster answers");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
        .execute(&mut connection)
        .await
        .expect("CREATE DATABASE");
    with_database(&admin, &name)
}

/// Runs `keydesk admin <args…> --url <url>`.
pub fn keydesk_admin(args: &[&str], url: &str) -> Output {
    Command::new(app_path())
        .arg("admin")
        .args(args)
        .args(["--url", url])
        .output()
        .expect("the app binary runs")
}
