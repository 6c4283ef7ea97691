//! The window's language: each member's own on a desk, and the sign-in screen's.

use crate::helpers::TestApp;
use keydesk_api::{Language, Role};
use keydesk_core::services::{AccessError, ServiceError};

#[tokio::test]
async fn each_member_keeps_their_window_language_and_the_sign_in_screen_speaks_the_last_chosen() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    assert_eq!(k.sign_in_language().await.unwrap(), Language::En);
    assert_eq!(
        k.session_info(&agent).await.unwrap().window_language,
        Language::En
    );

    k.set_window_language(&agent, Language::Fa).await.unwrap();
    assert_eq!(
        k.session_info(&agent).await.unwrap().window_language,
        Language::Fa
    );
    assert_eq!(k.sign_in_language().await.unwrap(), Language::Fa);
    // The owner never chose: her window speaks the desk's last choice.
    assert_eq!(
        k.session_info(&owner).await.unwrap().window_language,
        Language::Fa
    );

    app.clock.advance(chrono::Duration::seconds(1));
    k.set_window_language(&owner, Language::En).await.unwrap();
    assert_eq!(k.sign_in_language().await.unwrap(), Language::En);
    assert_eq!(
        k.session_info(&owner).await.unwrap().window_language,
        Language::En
    );
    let agent_again = app.sign_in_as("agent@agency.test").await;
    assert_eq!(
        k.session_info(&agent_again).await.unwrap().window_language,
        Language::Fa
    );

    // A session that ended (the member was disabled) changes nothing.
    let agent_id = agent_again.id();
    k.set_staff_active(&owner, agent_id, false).await.unwrap();
    let refused = k.set_window_language(&agent_again, Language::En).await;
    assert!(
        matches!(
            refused,
            Err(ServiceError::Access(AccessError::SessionEnded))
        ),
        "{refused:?}"
    );
    k.set_staff_active(&owner, agent_id, true).await.unwrap();
    let agent_later = app.sign_in_as("agent@agency.test").await;
    assert_eq!(
        k.session_info(&agent_later).await.unwrap().window_language,
        Language::Fa
    );
    app.cleanup().await;
}
