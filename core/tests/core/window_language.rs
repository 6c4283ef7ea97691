//! How the window speaks (language, calendar): each member's own on a desk, and the
//! sign-in screen speaks the language chosen last.

use crate::helpers::TestApp;
use keydesk_api::{Calendar, Language, Role, WindowPreferences};
use keydesk_core::auth::Actor;
use keydesk_core::services::{AccessError, ServiceError};
use keydesk_core::Keydesk;

async fn window_of(k: &Keydesk, actor: &Actor) -> WindowPreferences {
    k.session_info(actor).await.unwrap().window
}

fn speaking(language: Language, calendar: Calendar) -> WindowPreferences {
    WindowPreferences { language, calendar }
}

#[tokio::test]
async fn each_member_keeps_their_window_preferences_and_the_sign_in_screen_speaks_the_last_chosen()
{
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    assert_eq!(k.sign_in_language().await.unwrap(), Language::En);
    assert_eq!(window_of(k, &agent).await, WindowPreferences::default());
    assert_eq!(WindowPreferences::default().calendar, Calendar::Gregorian);

    let persian = speaking(Language::Fa, Calendar::SolarHijri);
    k.set_window_preferences(&agent, persian).await.unwrap();
    assert_eq!(window_of(k, &agent).await, persian);
    assert_eq!(k.sign_in_language().await.unwrap(), Language::Fa);
    // The owner never chose: her window speaks as the desk last chose.
    assert_eq!(window_of(k, &owner).await, persian);

    app.clock.advance(chrono::Duration::seconds(1));
    let english = speaking(Language::En, Calendar::Gregorian);
    k.set_window_preferences(&owner, english).await.unwrap();
    assert_eq!(k.sign_in_language().await.unwrap(), Language::En);
    assert_eq!(window_of(k, &owner).await, english);
    let agent_again = app.sign_in_as("agent@agency.test").await;
    assert_eq!(window_of(k, &agent_again).await, persian);

    // A session that ended (the member was disabled) changes nothing.
    let agent_id = agent_again.id();
    k.set_staff_active(&owner, agent_id, false).await.unwrap();
    let refused = k.set_window_preferences(&agent_again, english).await;
    assert!(
        matches!(
            refused,
            Err(ServiceError::Access(AccessError::SessionEnded))
        ),
        "{refused:?}"
    );
    k.set_staff_active(&owner, agent_id, true).await.unwrap();
    let agent_later = app.sign_in_as("agent@agency.test").await;
    assert_eq!(window_of(k, &agent_later).await, persian);
    app.cleanup().await;
}
