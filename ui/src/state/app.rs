//! Which screen the window shows, from start-up to signing out.

use std::rc::Rc;

use keydesk_api::{AppState, Error, ErrorCode, SessionInfo};
use yew::prelude::*;

/// What fills the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// Asking the shell what to show; nothing is known yet.
    Loading,
    /// `app_state` itself failed (e.g. the shell did not answer).
    StartFailed(Error),
    KeyringUnavailable {
        message: String,
        how_to_fix: String,
    },
    CreateOwner,
    /// `notice` explains why the person is here again (e.g. the session ended).
    SignIn {
        notice: Option<String>,
    },
    Shell {
        session: SessionInfo,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppModel {
    pub screen: Screen,
    /// Bumped whenever `app_state` must be asked (again); the load effect is keyed on it.
    pub load_attempt: u32,
    /// A retry is running while the current screen stays up (its button shows busy).
    pub checking: bool,
    /// Bumped on every screen change, used as the screen's key so it starts fresh.
    pub generation: u32,
}

impl Default for AppModel {
    fn default() -> Self {
        Self {
            screen: Screen::Loading,
            load_attempt: 0,
            checking: false,
            generation: 0,
        }
    }
}

pub enum AppAction {
    /// Ask the shell for the app state again (the "Try again" buttons).
    Retry,
    /// The answer to `app_state` number `attempt`.
    Loaded {
        attempt: u32,
        result: Result<AppState, Error>,
    },
    SignedIn(SessionInfo),
    SignedOut,
    /// Some command failed; reacts to the codes that change the screen.
    Failed(Error),
}

/// Shown on the sign-in screen when a command found no session.
pub const SESSION_ENDED: &str = "Your session has ended. Sign in again to continue.";

impl AppModel {
    fn with_screen(&self, screen: Screen) -> Self {
        Self {
            screen,
            load_attempt: self.load_attempt,
            checking: false,
            generation: self.generation.wrapping_add(1),
        }
    }

    fn retry(&self) -> Self {
        let stays = matches!(
            self.screen,
            Screen::KeyringUnavailable { .. } | Screen::StartFailed(_)
        );
        Self {
            screen: if stays {
                self.screen.clone()
            } else {
                Screen::Loading
            },
            load_attempt: self.load_attempt.wrapping_add(1),
            checking: stays,
            generation: if stays {
                self.generation
            } else {
                self.generation.wrapping_add(1)
            },
        }
    }
}

impl Reducible for AppModel {
    type Action = AppAction;

    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        match action {
            AppAction::Retry => self.retry().into(),
            AppAction::Loaded { attempt, .. } if attempt != self.load_attempt => self,
            AppAction::Loaded { result, .. } => {
                let screen = match result {
                    Ok(AppState::KeyringUnavailable {
                        message,
                        how_to_fix,
                    }) => Screen::KeyringUnavailable {
                        message,
                        how_to_fix,
                    },
                    Ok(AppState::NeedsOwner) => Screen::CreateOwner,
                    Ok(AppState::SignedOut) => Screen::SignIn { notice: None },
                    Ok(AppState::SignedIn { session }) => Screen::Shell { session },
                    Err(e) if e.code == ErrorCode::NotSignedIn => Screen::SignIn { notice: None },
                    Err(e) => Screen::StartFailed(e),
                };
                self.with_screen(screen).into()
            }
            AppAction::SignedIn(session) => self.with_screen(Screen::Shell { session }).into(),
            AppAction::SignedOut => self.with_screen(Screen::SignIn { notice: None }).into(),
            AppAction::Failed(error) => match error.code {
                ErrorCode::NotSignedIn => self
                    .with_screen(Screen::SignIn {
                        notice: Some(SESSION_ENDED.to_owned()),
                    })
                    .into(),
                // The keyring screen carries the how-to-fix text only `app_state` gives.
                ErrorCode::KeyringUnavailable => self.retry().into(),
                _ => self,
            },
        }
    }
}

/// Handed down as context so any page can report a failure or a sign-in.
pub type AppDispatch = UseReducerDispatcher<AppModel>;

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::Role;

    fn session() -> SessionInfo {
        SessionInfo {
            staff_id: 1,
            email: "owner@agency.test".into(),
            display_name: "Olive Owner".into(),
            role: Role::Owner,
        }
    }

    fn reduce(model: AppModel, action: AppAction) -> AppModel {
        (*Rc::new(model).reduce(action)).clone()
    }

    fn loaded(model: AppModel, result: Result<AppState, Error>) -> AppModel {
        let attempt = model.load_attempt;
        reduce(model, AppAction::Loaded { attempt, result })
    }

    #[test]
    fn starts_loading_and_maps_each_app_state_to_a_screen() {
        let start = AppModel::default();
        assert_eq!(start.screen, Screen::Loading);
        assert_eq!(
            loaded(start.clone(), Ok(AppState::NeedsOwner)).screen,
            Screen::CreateOwner
        );
        assert_eq!(
            loaded(start.clone(), Ok(AppState::SignedOut)).screen,
            Screen::SignIn { notice: None }
        );
        assert_eq!(
            loaded(start.clone(), Ok(AppState::SignedIn { session: session() })).screen,
            Screen::Shell { session: session() }
        );
        let keyring = loaded(
            start.clone(),
            Ok(AppState::KeyringUnavailable {
                message: "No keyring".into(),
                how_to_fix: "Install one".into(),
            }),
        );
        assert_eq!(
            keyring.screen,
            Screen::KeyringUnavailable {
                message: "No keyring".into(),
                how_to_fix: "Install one".into()
            }
        );
        let failed = loaded(start, Err(Error::new(ErrorCode::Internal, "boom")));
        assert!(matches!(failed.screen, Screen::StartFailed(ref e) if e.message == "boom"));
    }

    #[test]
    fn retry_on_the_keyring_screen_keeps_it_up_and_asks_again() {
        let keyring = loaded(
            AppModel::default(),
            Ok(AppState::KeyringUnavailable {
                message: "m".into(),
                how_to_fix: "f".into(),
            }),
        );
        let retrying = reduce(keyring.clone(), AppAction::Retry);
        assert!(retrying.checking);
        assert_eq!(retrying.screen, keyring.screen);
        assert_eq!(retrying.load_attempt, keyring.load_attempt + 1);
        let fixed = loaded(retrying, Ok(AppState::NeedsOwner));
        assert!(!fixed.checking);
        assert_eq!(fixed.screen, Screen::CreateOwner);
    }

    #[test]
    fn stale_app_state_answers_are_ignored() {
        let model = reduce(AppModel::default(), AppAction::Retry);
        let stale = reduce(
            model.clone(),
            AppAction::Loaded {
                attempt: model.load_attempt - 1,
                result: Ok(AppState::NeedsOwner),
            },
        );
        assert_eq!(stale, model);
    }

    #[test]
    fn sign_in_and_out_switch_screens_with_a_fresh_generation() {
        let signed_in = reduce(AppModel::default(), AppAction::SignedIn(session()));
        assert_eq!(signed_in.screen, Screen::Shell { session: session() });
        let signed_out = reduce(signed_in.clone(), AppAction::SignedOut);
        assert_eq!(signed_out.screen, Screen::SignIn { notice: None });
        assert_ne!(signed_out.generation, signed_in.generation);
    }

    #[test]
    fn not_signed_in_from_any_command_goes_back_to_sign_in() {
        let shell = reduce(AppModel::default(), AppAction::SignedIn(session()));
        let lost = reduce(
            shell,
            AppAction::Failed(Error::new(ErrorCode::NotSignedIn, "no session")),
        );
        assert_eq!(
            lost.screen,
            Screen::SignIn {
                notice: Some(SESSION_ENDED.into())
            }
        );
    }

    #[test]
    fn other_failures_leave_the_screen_alone() {
        let shell = reduce(AppModel::default(), AppAction::SignedIn(session()));
        let same = reduce(
            shell.clone(),
            AppAction::Failed(Error::new(ErrorCode::Internal, "db")),
        );
        assert_eq!(same, shell);
    }

    #[test]
    fn keyring_failure_asks_for_the_app_state_again() {
        let shell = reduce(AppModel::default(), AppAction::SignedIn(session()));
        let again = reduce(
            shell.clone(),
            AppAction::Failed(Error::new(ErrorCode::KeyringUnavailable, "gone")),
        );
        assert_eq!(again.screen, Screen::Loading);
        assert_eq!(again.load_attempt, shell.load_attempt + 1);
    }
}
