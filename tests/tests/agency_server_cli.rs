//! `keydesk admin server-init` and `keydesk admin server-upgrade`, as an agency's database
//! administrator runs them from a terminal, against a real PostgreSQL server (the cluster
//! `cargo xtask test` starts; each test makes a database of its own).

mod support;

use support::{admin_url, keydesk_admin, new_database, password, with_database};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn an_administrator_sets_up_the_agency_server_once_and_upgrades_it() {
    let url = new_database().await;
    let secret = password(&url);

    let init = keydesk_admin(&["server-init"], &url);
    let (out, err) = (text(&init.stdout), text(&init.stderr));
    assert!(init.status.success(), "server-init failed: {out}{err}");
    assert!(out.contains("is set up"), "{out}");
    let protocol = format!("sync protocol {}", keydesk_core::server::PROTOCOL);
    assert!(out.contains(&protocol), "{out}");
    assert!(out.contains("changes applied"), "{out}");
    assert!(out.contains("foundation"), "{out}");
    assert!(!out.contains(&secret) && !err.contains(&secret));

    let again = keydesk_admin(&["server-init"], &url);
    let err = text(&again.stderr);
    assert!(
        !again.status.success(),
        "a second server-init must be refused"
    );
    assert!(err.contains("already set up"), "{err}");
    assert!(err.contains("keydesk admin server-upgrade"), "{err}");
    assert!(!err.contains(&secret));

    let upgrade = keydesk_admin(&["server-upgrade"], &url);
    let (out, err) = (text(&upgrade.stdout), text(&upgrade.stderr));
    assert!(
        upgrade.status.success(),
        "server-upgrade failed: {out}{err}"
    );
    assert!(out.contains("was already up to date"), "{out}");
    assert!(!out.contains("changes applied"), "{out}");

    // Pruning old tombstones: nothing to prune on a new server, and a day at least kept.
    let prune = keydesk_admin(&["server-prune", "--keep-days", "30"], &url);
    let (out, err) = (text(&prune.stdout), text(&prune.stderr));
    assert!(prune.status.success(), "server-prune failed: {out}{err}");
    assert!(
        out.contains("pruned 0 tombstones older than 30 days"),
        "{out}"
    );
    let none = keydesk_admin(&["server-prune", "--keep-days", "0"], &url);
    assert!(!none.status.success(), "keeping no day must be refused");
}

#[tokio::test]
async fn server_commands_say_what_is_wrong_with_the_address() {
    let admin = admin_url();
    let secret = password(&admin);

    let missing = keydesk_admin(&["server-upgrade"], &with_database(&admin, "no_such_db"));
    let err = text(&missing.stderr);
    assert!(!missing.status.success());
    assert!(err.contains("has no database no_such_db"), "{err}");
    assert!(!err.contains(&secret));

    let wrong = admin.replacen(&format!(":{secret}@"), ":not-the-password@", 1);
    let refused = keydesk_admin(&["server-init"], &wrong);
    let err = text(&refused.stderr);
    assert!(!refused.status.success());
    assert!(err.contains("refused the sign-in"), "{err}");
    assert!(!err.contains("not-the-password"), "{err}");

    let other = keydesk_admin(&["server-init"], "mysql://root:hunter2@127.0.0.1/keydesk");
    let err = text(&other.stderr);
    assert!(!other.status.success());
    assert!(err.contains("not a PostgreSQL URL"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}
