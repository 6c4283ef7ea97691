use crate::helpers::{exec, TestApp};
use keydesk_api::ChainVerification;
use sqlx::Connection;

#[tokio::test]
async fn the_chain_verifies_after_normal_use() {
    let (app, owner) = TestApp::with_owner().await;
    app.keydesk.sign_out(&owner).await.unwrap();
    let _ = app.sign_in("wrong password here").await;
    let owner = app.sign_in(crate::helpers::OWNER_PASSWORD).await.unwrap();
    let result = app.keydesk.verify_audit_chain(&owner).await.unwrap();
    assert_eq!(result, ChainVerification::Intact { rows: 7 });
    app.cleanup().await;
}

#[tokio::test]
async fn the_log_refuses_edits_and_a_tampered_row_is_detected() {
    let (app, owner) = TestApp::with_owner().await;
    app.keydesk.sign_out(&owner).await.unwrap();
    let owner = app.sign_in(crate::helpers::OWNER_PASSWORD).await.unwrap();

    let mut conn = app.open_file().await;
    let refused = sqlx::query("UPDATE audit_log SET detail = 'x' WHERE id = 3")
        .execute(&mut conn)
        .await;
    assert!(refused.is_err(), "the append-only trigger refuses updates");

    // Someone with the file in hand drops the trigger and rewrites a row.
    exec(&mut conn, "DROP TRIGGER audit_log_no_update").await;
    exec(
        &mut conn,
        "UPDATE audit_log SET actor_label = 'someone@else.test' WHERE id = 3",
    )
    .await;
    conn.close().await.unwrap();

    app.assert_chain_broken(&owner, 3, "changed").await;
    app.cleanup().await;
}

#[tokio::test]
async fn a_removed_row_is_detected() {
    let (app, owner) = TestApp::with_owner().await;
    app.keydesk.sign_out(&owner).await.unwrap();
    let owner = app.sign_in(crate::helpers::OWNER_PASSWORD).await.unwrap();
    let mut conn = app.open_file().await;
    exec(&mut conn, "DROP TRIGGER audit_log_no_delete").await;
    exec(&mut conn, "DELETE FROM audit_log WHERE id = 4").await;
    conn.close().await.unwrap();
    match app.keydesk.verify_audit_chain(&owner).await.unwrap() {
        ChainVerification::Broken { first_bad_id, .. } => assert_eq!(first_bad_id, 5),
        intact => panic!("removal not detected: {intact:?}"),
    }
    app.cleanup().await;
}
