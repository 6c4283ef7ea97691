use crate::helpers::{field_error, TestApp};
use keydesk_api::AuditFilter;
use keydesk_core::auth::Actor;

fn by_action(action: &str) -> AuditFilter {
    AuditFilter {
        action: Some(action.to_owned()),
        ..AuditFilter::default()
    }
}

/// How many rows of the log match `filter`.
async fn total(app: &TestApp, owner: &Actor, filter: &AuditFilter) -> i64 {
    let page = app.keydesk.audit_page(owner, filter, None, 50).await;
    page.unwrap().total
}

#[tokio::test]
async fn the_log_filters_by_action_actor_date_and_words_and_pages() {
    let (app, owner) = TestApp::with_owner().await;
    for _ in 0..3 {
        let _ = app.sign_in("a wrong password").await;
    }
    let _ = app
        .sign_in_with("stranger@else.test", &"x".repeat(12))
        .await;

    let failed = app
        .keydesk
        .audit_page(&owner, &by_action("sign_in.failed"), None, 2)
        .await
        .unwrap();
    assert_eq!(failed.total, 4);
    assert_eq!(failed.entries.len(), 2);
    assert!(failed
        .entries
        .iter()
        .all(|e| e.action_label == "Sign-in failed"));
    let rest = app
        .keydesk
        .audit_page(
            &owner,
            &by_action("sign_in.failed"),
            failed.next_before_id,
            2,
        )
        .await
        .unwrap();
    assert_eq!(rest.entries.len(), 2);
    assert_eq!(rest.next_before_id, None);

    let stranger = AuditFilter {
        actor: Some("stranger@else.test".to_owned()),
        ..AuditFilter::default()
    };
    assert_eq!(total(&app, &owner, &stranger).await, 1);
    for (search, expected) in [("unknown acc", 1), ("owner account", 1), ("%", 0)] {
        let words = AuditFilter {
            search: Some(search.to_owned()),
            ..AuditFilter::default()
        };
        assert_eq!(total(&app, &owner, &words).await, expected, "{search}");
    }

    // The test clock says 2 November 2026.
    let day = |from: &str, to: &str| AuditFilter {
        from_date: Some(from.to_owned()),
        to_date: Some(to.to_owned()),
        ..AuditFilter::default()
    };
    let all = total(&app, &owner, &AuditFilter::default()).await;
    let today = day("2026-11-02", "2026-11-02");
    assert_eq!(total(&app, &owner, &today).await, all);
    let later = day("2026-11-03", "2026-11-30");
    assert_eq!(total(&app, &owner, &later).await, 0);
    field_error(
        app.keydesk
            .audit_page(&owner, &day("2026-11-05", "2026-11-01"), None, 50)
            .await,
        "to_date",
    );
    field_error(
        app.keydesk
            .audit_page(&owner, &day("yesterday", ""), None, 50)
            .await,
        "from_date",
    );

    let options = app.keydesk.audit_filter_options(&owner).await.unwrap();
    assert!(options.actors.contains(&"stranger@else.test".to_owned()));
    assert!(options
        .actions
        .iter()
        .any(|a| a.action == "sign_in.failed" && a.label == "Sign-in failed"));
    app.cleanup().await;
}

#[tokio::test]
async fn the_export_is_the_filtered_view_as_csv_and_defuses_formulas() {
    let (app, owner) = TestApp::with_owner().await;
    let _ = app.sign_in_with("=1+2@agency.test", "whatever it is").await;
    let _ = app.sign_in("a wrong password").await;
    let out = tempfile::tempdir().unwrap();
    let export = app
        .keydesk
        .export_audit_csv(&owner, &by_action("sign_in.failed"), out.path())
        .await
        .unwrap();
    assert_eq!(export.rows, 2);

    let mut reader = csv::Reader::from_path(&export.path).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "id",
            "time_utc",
            "actor",
            "action",
            "action_label",
            "detail",
            "row_hash"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| &r[3] == "sign_in.failed"));
    let actors: Vec<&str> = rows.iter().map(|r| r.get(2).unwrap()).collect();
    assert!(actors.iter().all(|a| !a.starts_with('=')), "{actors:?}");
    // No leftovers besides the export itself.
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    let actions = app.audit_actions(&owner).await;
    assert_eq!(actions.last().map(String::as_str), Some("audit.exported"));
    app.cleanup().await;
}
