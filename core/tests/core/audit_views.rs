use crate::helpers::TestApp;
use keydesk_api::AuditFilter;
use keydesk_core::domain::PlainPassword;
use keydesk_core::services::ServiceError;

fn by_action(action: &str) -> AuditFilter {
    AuditFilter {
        action: Some(action.to_owned()),
        ..AuditFilter::default()
    }
}

#[tokio::test]
async fn the_log_filters_by_action_actor_date_and_words_and_pages() {
    let app = TestApp::spawn().await;
    let owner = app.create_owner().await;
    for _ in 0..3 {
        let _ = app.sign_in("a wrong password").await;
    }
    let _ = app
        .keydesk
        .sign_in("stranger@else.test", PlainPassword::new("x".repeat(12)))
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
    assert_eq!(
        app.keydesk
            .audit_page(&owner, &stranger, None, 50)
            .await
            .unwrap()
            .total,
        1
    );

    let words = AuditFilter {
        search: Some("unknown acc".to_owned()),
        ..AuditFilter::default()
    };
    assert_eq!(
        app.keydesk
            .audit_page(&owner, &words, None, 50)
            .await
            .unwrap()
            .total,
        1
    );
    let by_label = AuditFilter {
        search: Some("owner account".to_owned()),
        ..AuditFilter::default()
    };
    assert_eq!(
        app.keydesk
            .audit_page(&owner, &by_label, None, 50)
            .await
            .unwrap()
            .total,
        1
    );
    let percent = AuditFilter {
        search: Some("%".to_owned()),
        ..AuditFilter::default()
    };
    assert_eq!(
        app.keydesk
            .audit_page(&owner, &percent, None, 50)
            .await
            .unwrap()
            .total,
        0
    );

    // The test clock says 2 November 2026.
    let day = |from: &str, to: &str| AuditFilter {
        from_date: Some(from.to_owned()),
        to_date: Some(to.to_owned()),
        ..AuditFilter::default()
    };
    let all = app
        .keydesk
        .audit_page(&owner, &AuditFilter::default(), None, 50)
        .await
        .unwrap()
        .total;
    assert_eq!(
        app.keydesk
            .audit_page(&owner, &day("2026-11-02", "2026-11-02"), None, 50)
            .await
            .unwrap()
            .total,
        all
    );
    assert_eq!(
        app.keydesk
            .audit_page(&owner, &day("2026-11-03", "2026-11-30"), None, 50)
            .await
            .unwrap()
            .total,
        0
    );
    match app
        .keydesk
        .audit_page(&owner, &day("2026-11-05", "2026-11-01"), None, 50)
        .await
    {
        Err(ServiceError::Field(e)) => assert_eq!(e.field, "to_date"),
        other => panic!("{other:?}"),
    }
    match app
        .keydesk
        .audit_page(&owner, &day("yesterday", ""), None, 50)
        .await
    {
        Err(ServiceError::Field(e)) => assert_eq!(e.field, "from_date"),
        other => panic!("{other:?}"),
    }

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
    let app = TestApp::spawn().await;
    let owner = app.create_owner().await;
    let _ = app
        .keydesk
        .sign_in(
            "=1+2@agency.test",
            PlainPassword::new("whatever it is".to_owned()),
        )
        .await;
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
