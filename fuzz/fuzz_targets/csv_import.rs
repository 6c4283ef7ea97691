//! Any bytes as a customer file, through the import as the window drives it: the preview
//! (with its guessed column mapping), then the check of every row under that mapping.
//! Never a panic and never an unexpected error: a file is either refused with a message
//! or described consistently (every row counted once, problems in file order).
//!
//! Keydesk opens on a throwaway data folder with the OS keyring, as the core's tests do:
//! run it inside the test sandbox (`cargo xtask fuzz` does).

#![no_main]

use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use keydesk_core::auth::Actor;
use keydesk_core::clock::SystemClock;
use keydesk_core::domain::PlainPassword;
use keydesk_core::paths::DataPaths;
use keydesk_core::services::{OwnerForm, ServiceError};
use keydesk_core::vault::OsKeyring;
use keydesk_core::Keydesk;
use libfuzzer_sys::fuzz_target;

/// Rows the import lists problems for; the count goes on beyond them.
const LISTED_PROBLEMS: usize = 1_000;

struct App {
    runtime: tokio::runtime::Runtime,
    keydesk: Keydesk,
    owner: Actor,
    file: PathBuf,
    _dir: tempfile::TempDir,
}

static APP: LazyLock<App> = LazyLock::new(|| {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let paths = DataPaths::portable(dir.path().join("data"));
    let (keydesk, owner) = runtime.block_on(async {
        let keydesk = Keydesk::open(&paths, Arc::new(OsKeyring), Arc::new(SystemClock))
            .await
            .expect("Keydesk opens with the OS keyring (run inside `cargo xtask fuzz`)");
        let password = || PlainPassword::new("correct horse battery staple 42".to_owned());
        let owner = keydesk
            .create_owner(OwnerForm {
                email: "owner@agency.test".to_owned(),
                display_name: "Olivia Owner".to_owned(),
                password: password(),
                password_confirm: password(),
            })
            .await
            .expect("the owner");
        (keydesk, owner)
    });
    App {
        runtime,
        keydesk,
        owner,
        file: dir.path().join("customers.csv"),
        _dir: dir,
    }
});

/// A refusal with a message is an answer; anything else is a bug.
fn expect_refusal(step: &str, error: ServiceError) {
    match error {
        ServiceError::Field(refused) => assert!(!refused.message.is_empty()),
        other => panic!("{step} failed unexpectedly: {other:?}"),
    }
}

fuzz_target!(|bytes: &[u8]| {
    let app = &*APP;
    std::fs::write(&app.file, bytes).expect("the file is written");
    app.runtime.block_on(async {
        let preview = match app
            .keydesk
            .preview_customer_import(&app.owner, &app.file)
            .await
        {
            Ok(preview) => preview,
            Err(error) => return expect_refusal("the preview", error),
        };
        let width = preview.columns.len();
        assert_eq!(preview.mapping.len(), width);
        assert!(preview.sample_rows.iter().all(|row| row.len() == width));
        assert_eq!(
            preview.sample_rows.len() as u64,
            preview.total_rows.min(5),
            "the sample is the first rows"
        );

        let report = match app
            .keydesk
            .check_customer_import(&app.owner, &app.file, &preview.mapping)
            .await
        {
            Ok(report) => report,
            Err(error) => return expect_refusal("the check", error),
        };
        assert_eq!(report.rows, preview.total_rows, "{report:?}");
        assert_eq!(
            report.new_customers + report.existing_customers + report.refused_rows,
            report.rows,
            "every row is new, existing or refused: {report:?}"
        );
        assert_eq!(
            report.existing_customers, 0,
            "the database has no customers"
        );
        assert!(report.refused_rows <= report.problem_count, "{report:?}");
        assert!(report.problems.len() as u64 <= report.problem_count);
        assert!(report.problems.len() <= LISTED_PROBLEMS);
        assert!(
            report.problems.windows(2).all(|w| w[0].line <= w[1].line),
            "problems in file order: {report:?}"
        );
        assert!(
            report
                .problems
                .iter()
                .all(|p| p.line >= 1 && !p.message.is_empty()),
            "each problem names a line of the file and says what is wrong: {report:?}"
        );
    });
});
