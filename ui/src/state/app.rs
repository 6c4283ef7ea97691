//! Which screen the window shows, from start-up to signing out, and the page of the
//! signed-in workspace (kept here so that locking and unlocking come back to it).

use std::rc::Rc;

use keydesk_api::{AppState, Error, ErrorCode, SessionInfo, WindowPreferences};
use yew::prelude::*;

use super::page::Page;

/// What fills the window.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Screen {
    /// Asking the shell what to show; nothing is known yet.
    #[default]
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
        notice: Option<SignInNotice>,
    },
    /// Signed in with a temporary password: choosing one's own is the only way on.
    ChoosePassword {
        session: SessionInfo,
    },
    Workspace {
        session: SessionInfo,
        page: Page,
    },
    /// Locked after idle time; `page` is where unlocking leads back to.
    Locked {
        session: SessionInfo,
        page: Page,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AppModel {
    pub screen: Screen,
    /// Bumped whenever `app_state` must be asked (again); the load effect is keyed on it.
    pub load_attempt: u32,
    /// A retry is running while the current screen stays up (its button shows busy).
    pub checking: bool,
    /// Bumped on every screen change, used as the screen's key so it starts fresh: nothing
    /// typed into a form (a password, a temporary password on show) survives a lock, an
    /// unlock, a sign-out or a sign-in.
    pub generation: u32,
    /// How the window speaks (language, calendar): as the signed-in person chose, or
    /// before anyone signs in in the language chosen last on this desk (or on the
    /// sign-in screen).
    pub window: WindowPreferences,
}

pub enum AppAction {
    /// Ask the shell for the app state again (the "Try again" buttons).
    Retry,
    /// The answer to `app_state` number `attempt`.
    Loaded {
        attempt: u32,
        result: Result<AppState, Error>,
    },
    /// Signed in, chose a password, or unlocked: the session as the shell now has it.
    SignedIn(SessionInfo),
    SignedOut,
    /// A backup replaced every piece of data: everyone signs in again, with the
    /// passwords the backup holds.
    Restored,
    /// Open another page of the workspace (ignored if the person may not see it).
    Navigate(Page),
    /// The signed-in person changed (e.g. a new display name); the page stays as it is.
    SessionUpdated(SessionInfo),
    /// Speak so from now on (chosen in the settings or on the sign-in screen).
    Speak(WindowPreferences),
    /// The idle time before locking changed in the settings.
    IdleLockChanged {
        seconds: u32,
    },
    /// The window has been idle too long: lock it, keeping the page (also while choosing
    /// a password, which comes back after unlocking).
    Lock,
    /// Some command failed; reacts to the codes that change the screen.
    Failed(Error),
}

/// Why the person is at the sign-in screen again, said there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInNotice {
    /// A backup replaced every piece of data: sign in with the password it holds.
    Restored,
    /// A command found no session.
    SessionEnded,
}

impl SignInNotice {
    /// The message saying it (`sign-in-restored`, `sign-in-session-ended`).
    pub fn message_id(self) -> &'static str {
        match self {
            SignInNotice::Restored => "sign-in-restored",
            SignInNotice::SessionEnded => "sign-in-session-ended",
        }
    }
}

/// The first screen for a session: choosing a password comes before anything else.
fn signed_in_screen(session: SessionInfo, page: Page) -> Screen {
    if session.must_change_password {
        Screen::ChoosePassword { session }
    } else {
        let page = if page.can_open(&session.permissions) {
            page
        } else {
            Page::Dashboard
        };
        Screen::Workspace { session, page }
    }
}

impl AppModel {
    fn with_screen(&self, screen: Screen) -> Self {
        Self {
            screen,
            load_attempt: self.load_attempt,
            checking: false,
            generation: self.generation.wrapping_add(1),
            window: self.window,
        }
    }

    /// The same, speaking as `window` says.
    fn speaking(self: Rc<Self>, window: WindowPreferences) -> Rc<Self> {
        if self.window == window {
            return self;
        }
        Self {
            window,
            ..(*self).clone()
        }
        .into()
    }

    /// The same screen with a change that must not start it afresh (no new generation).
    fn in_place(&self, screen: Screen) -> Self {
        Self {
            screen,
            ..self.clone()
        }
    }

    fn retry(&self) -> Self {
        let stays = matches!(
            self.screen,
            Screen::KeyringUnavailable { .. } | Screen::StartFailed(_)
        );
        // A screen that stays up shows a busy button instead, and keeps its generation.
        let next = if stays {
            self.clone()
        } else {
            self.with_screen(Screen::Loading)
        };
        Self {
            load_attempt: self.load_attempt.wrapping_add(1),
            checking: stays,
            ..next
        }
    }

    /// The signed-in person, on every screen that has one.
    pub fn session(&self) -> Option<&SessionInfo> {
        match &self.screen {
            Screen::ChoosePassword { session }
            | Screen::Workspace { session, .. }
            | Screen::Locked { session, .. } => Some(session),
            _ => None,
        }
    }

    /// The page the workspace shows, or would show after unlocking.
    fn page(&self) -> Page {
        match &self.screen {
            Screen::Workspace { page, .. } | Screen::Locked { page, .. } => *page,
            _ => Page::Dashboard,
        }
    }

    /// The lock screen over `session`; unlocking comes back to the page on show.
    fn locked(&self, session: &SessionInfo) -> Rc<Self> {
        self.with_screen(Screen::Locked {
            session: session.clone(),
            page: self.page(),
        })
        .into()
    }

    fn failed(self: Rc<Self>, error: Error) -> Rc<Self> {
        match error.code {
            ErrorCode::NotSignedIn => self
                .with_screen(Screen::SignIn {
                    notice: Some(SignInNotice::SessionEnded),
                })
                .into(),
            // The keyring screen carries the how-to-fix text only `app_state` gives.
            ErrorCode::KeyringUnavailable => self.retry().into(),
            ErrorCode::PasswordChangeRequired => match self.session() {
                // Only the password opens a locked window, whatever a late answer says.
                Some(_)
                    if matches!(
                        self.screen,
                        Screen::ChoosePassword { .. } | Screen::Locked { .. }
                    ) =>
                {
                    self
                }
                Some(session) => {
                    let mut session = session.clone();
                    session.must_change_password = true;
                    self.with_screen(Screen::ChoosePassword { session }).into()
                }
                None => self.retry().into(),
            },
            ErrorCode::SessionLocked => match &self.screen {
                Screen::Locked { .. } => self,
                Screen::Workspace { session, .. } => self.locked(session),
                _ => self.retry().into(),
            },
            _ => self,
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
                let window = match &result {
                    Ok(AppState::SignedOut { window_language }) => WindowPreferences {
                        language: *window_language,
                        ..self.window
                    },
                    Ok(AppState::SignedIn { session } | AppState::Locked { session }) => {
                        session.window
                    }
                    _ => self.window,
                };
                let screen = match result {
                    Ok(AppState::KeyringUnavailable {
                        message,
                        how_to_fix,
                    }) => Screen::KeyringUnavailable {
                        message,
                        how_to_fix,
                    },
                    Ok(AppState::NeedsOwner) => Screen::CreateOwner,
                    Ok(AppState::SignedOut { .. }) => Screen::SignIn { notice: None },
                    Ok(AppState::SignedIn { session }) => {
                        signed_in_screen(session, Page::Dashboard)
                    }
                    Ok(AppState::Locked { session }) => Screen::Locked {
                        session,
                        page: Page::Dashboard,
                    },
                    Err(e) if e.code == ErrorCode::NotSignedIn => Screen::SignIn { notice: None },
                    Err(e) => Screen::StartFailed(e),
                };
                Rc::new(self.with_screen(screen)).speaking(window)
            }
            AppAction::SignedIn(session) => {
                // Unlocking leads back to the page the lock covered.
                let page = self.page();
                let window = session.window;
                Rc::new(self.with_screen(signed_in_screen(session, page))).speaking(window)
            }
            AppAction::Speak(window) => {
                let model = match &self.screen {
                    Screen::Workspace { session, page } => {
                        let mut session = session.clone();
                        session.window = window;
                        let page = *page;
                        self.in_place(Screen::Workspace { session, page }).into()
                    }
                    _ => self,
                };
                model.speaking(window)
            }
            AppAction::SignedOut => self.with_screen(Screen::SignIn { notice: None }).into(),
            AppAction::Restored => self
                .with_screen(Screen::SignIn {
                    notice: Some(SignInNotice::Restored),
                })
                .into(),
            AppAction::Navigate(next) => match &self.screen {
                Screen::Workspace { session, page }
                    if *page != next && next.can_open(&session.permissions) =>
                {
                    self.in_place(Screen::Workspace {
                        session: session.clone(),
                        page: next,
                    })
                    .into()
                }
                _ => self,
            },
            AppAction::SessionUpdated(session) => match &self.screen {
                Screen::Workspace { page, .. } if !session.must_change_password => {
                    let page = *page;
                    self.in_place(signed_in_screen(session, page)).into()
                }
                Screen::Workspace { .. } => {
                    self.with_screen(Screen::ChoosePassword { session }).into()
                }
                _ => self,
            },
            AppAction::IdleLockChanged { seconds } => match &self.screen {
                Screen::Workspace { session, page } if session.idle_lock_seconds != seconds => {
                    let mut session = session.clone();
                    session.idle_lock_seconds = seconds;
                    let page = *page;
                    self.in_place(Screen::Workspace { session, page }).into()
                }
                _ => self,
            },
            AppAction::Lock => match &self.screen {
                Screen::Workspace { session, .. } | Screen::ChoosePassword { session } => {
                    self.locked(session)
                }
                _ => self,
            },
            AppAction::Failed(error) => self.failed(error),
        }
    }
}

/// Handed down as context so any page can report a failure or a sign-in.
pub type AppDispatch = UseReducerDispatcher<AppModel>;

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::{Permission, Role};

    fn session() -> SessionInfo {
        SessionInfo {
            staff_id: 1,
            email: "owner@agency.test".into(),
            display_name: "Olive Owner".into(),
            role: Role::Owner,
            must_change_password: false,
            permissions: Permission::ALL.to_vec(),
            idle_lock_seconds: 600,
            window: WindowPreferences::default(),
        }
    }

    fn workspace(page: Page) -> Screen {
        Screen::Workspace {
            session: session(),
            page,
        }
    }

    fn signed_in() -> AppModel {
        reduce(AppModel::default(), AppAction::SignedIn(session()))
    }

    fn reduce(model: AppModel, action: AppAction) -> AppModel {
        (*Rc::new(model).reduce(action)).clone()
    }

    fn loaded(model: AppModel, result: Result<AppState, Error>) -> AppModel {
        let attempt = model.load_attempt;
        reduce(model, AppAction::Loaded { attempt, result })
    }

    #[test]
    fn the_window_speaks_the_desks_language_then_the_signed_in_persons_and_switches_in_place() {
        use keydesk_api::{Calendar, Language};
        let persian = WindowPreferences {
            language: Language::Fa,
            calendar: Calendar::SolarHijri,
        };
        let signed_out = loaded(
            AppModel::default(),
            Ok(AppState::SignedOut {
                window_language: Language::Fa,
            }),
        );
        assert_eq!(signed_out.window.language, Language::Fa);
        // The person at the sign-in screen may choose another before signing in.
        let english = WindowPreferences::default();
        assert_eq!(
            reduce(signed_out.clone(), AppAction::Speak(english)).window,
            english
        );
        let signed_in = reduce(signed_out, AppAction::SignedIn(session()));
        assert_eq!(signed_in.window, english);
        let switched = reduce(signed_in.clone(), AppAction::Speak(persian));
        assert_eq!(switched.window, persian);
        // Nothing typed is lost: the same screen, in another language.
        assert_eq!(switched.generation, signed_in.generation);
        assert_eq!(switched.session().map(|s| s.window), Some(persian));
        let mut theirs = session();
        theirs.window = persian;
        let locked = loaded(
            AppModel::default(),
            Ok(AppState::Locked { session: theirs }),
        );
        assert_eq!(locked.window, persian);
    }

    #[test]
    fn every_sign_in_notice_is_said_in_every_language() {
        for language in keydesk_api::Language::ALL {
            let words = crate::words::Words::new(crate::words::speaking(language));
            for notice in [SignInNotice::Restored, SignInNotice::SessionEnded] {
                assert!(!words.t(notice.message_id()).starts_with('['), "{notice:?}");
            }
        }
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
            loaded(
                start.clone(),
                Ok(AppState::SignedOut {
                    window_language: keydesk_api::Language::En
                })
            )
            .screen,
            Screen::SignIn { notice: None }
        );
        assert_eq!(
            loaded(start.clone(), Ok(AppState::SignedIn { session: session() })).screen,
            workspace(Page::Dashboard)
        );
        assert_eq!(
            loaded(start.clone(), Ok(AppState::Locked { session: session() })).screen,
            Screen::Locked {
                session: session(),
                page: Page::Dashboard
            }
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
        let signed_in = signed_in();
        assert_eq!(signed_in.screen, workspace(Page::Dashboard));
        let signed_out = reduce(signed_in.clone(), AppAction::SignedOut);
        assert_eq!(signed_out.screen, Screen::SignIn { notice: None });
        assert_ne!(signed_out.generation, signed_in.generation);
    }

    #[test]
    fn a_restored_backup_leads_to_sign_in_from_the_workspace_and_the_first_run_screen() {
        let restored = reduce(signed_in(), AppAction::Restored);
        let expected = Screen::SignIn {
            notice: Some(SignInNotice::Restored),
        };
        assert_eq!(restored.screen, expected);
        let first_run = AppModel {
            screen: Screen::CreateOwner,
            ..AppModel::default()
        };
        assert_eq!(reduce(first_run, AppAction::Restored).screen, expected);
    }

    #[test]
    fn not_signed_in_from_any_command_goes_back_to_sign_in() {
        let workspace = signed_in();
        let lost = reduce(
            workspace,
            AppAction::Failed(Error::new(ErrorCode::NotSignedIn, "no session")),
        );
        assert_eq!(
            lost.screen,
            Screen::SignIn {
                notice: Some(SignInNotice::SessionEnded)
            }
        );
    }

    #[test]
    fn other_failures_leave_the_screen_alone() {
        let workspace = signed_in();
        let same = reduce(
            workspace.clone(),
            AppAction::Failed(Error::new(ErrorCode::Internal, "db")),
        );
        assert_eq!(same, workspace);
    }

    #[test]
    fn keyring_failure_asks_for_the_app_state_again() {
        let workspace = signed_in();
        let again = reduce(
            workspace.clone(),
            AppAction::Failed(Error::new(ErrorCode::KeyringUnavailable, "gone")),
        );
        assert_eq!(again.screen, Screen::Loading);
        assert_eq!(again.load_attempt, workspace.load_attempt + 1);
    }

    #[test]
    fn navigating_keeps_the_screen_and_respects_permissions() {
        let model = signed_in();
        let audit = reduce(model.clone(), AppAction::Navigate(Page::Audit));
        assert_eq!(audit.screen, workspace(Page::Audit));
        assert_eq!(
            audit.generation, model.generation,
            "the workspace is not rebuilt"
        );
        let outbox = reduce(audit.clone(), AppAction::Navigate(Page::Outbox));
        assert_eq!(outbox.screen, workspace(Page::Outbox));

        let mut agent = session();
        agent.role = Role::Agent;
        agent.permissions = vec![Permission::ManageOwnAccount];
        let agent_model = reduce(AppModel::default(), AppAction::SignedIn(agent));
        let refused = reduce(agent_model.clone(), AppAction::Navigate(Page::Staff));
        assert_eq!(refused, agent_model);
        let account = reduce(agent_model, AppAction::Navigate(Page::Account));
        assert!(matches!(
            account.screen,
            Screen::Workspace {
                page: Page::Account,
                ..
            }
        ));
    }

    #[test]
    fn a_temporary_password_leads_to_choosing_one() {
        let mut temporary = session();
        temporary.must_change_password = true;
        let model = reduce(AppModel::default(), AppAction::SignedIn(temporary.clone()));
        assert_eq!(
            model.screen,
            Screen::ChoosePassword {
                session: temporary.clone()
            }
        );
        let loaded_model = loaded(
            AppModel::default(),
            Ok(AppState::SignedIn { session: temporary }),
        );
        assert!(matches!(loaded_model.screen, Screen::ChoosePassword { .. }));
        // Once chosen, the workspace opens on the dashboard.
        let chosen = reduce(model, AppAction::SignedIn(session()));
        assert_eq!(chosen.screen, workspace(Page::Dashboard));
    }

    #[test]
    fn password_change_required_from_any_command_shows_the_choose_screen() {
        let model = reduce(signed_in(), AppAction::Navigate(Page::Audit));
        let next = reduce(
            model.clone(),
            AppAction::Failed(Error::new(ErrorCode::PasswordChangeRequired, "Choose one")),
        );
        match &next.screen {
            Screen::ChoosePassword { session } => assert!(session.must_change_password),
            other => panic!("{other:?}"),
        }
        assert_ne!(next.generation, model.generation);
        // A late answer does not open a locked window.
        let locked = reduce(model.clone(), AppAction::Lock);
        let still = reduce(
            locked.clone(),
            AppAction::Failed(Error::new(ErrorCode::PasswordChangeRequired, "Choose one")),
        );
        assert_eq!(still, locked);
        // Without a session to show, the app asks the shell what to show.
        let asked = reduce(
            AppModel::default(),
            AppAction::Failed(Error::new(ErrorCode::PasswordChangeRequired, "Choose one")),
        );
        assert_eq!(asked.load_attempt, 1);
    }

    #[test]
    fn locking_keeps_the_page_and_unlocking_returns_to_it() {
        let on_audit = reduce(signed_in(), AppAction::Navigate(Page::Audit));
        let locked = reduce(on_audit.clone(), AppAction::Lock);
        assert_eq!(
            locked.screen,
            Screen::Locked {
                session: session(),
                page: Page::Audit
            }
        );
        assert_ne!(
            locked.generation, on_audit.generation,
            "the workspace and every secret in its forms are dropped"
        );
        assert_eq!(reduce(locked.clone(), AppAction::Lock), locked);
        let unlocked = reduce(locked.clone(), AppAction::SignedIn(session()));
        assert_eq!(unlocked.screen, workspace(Page::Audit));
        assert_ne!(unlocked.generation, locked.generation);
    }

    #[test]
    fn an_idle_choose_password_screen_locks_and_comes_back() {
        let mut temporary = session();
        temporary.must_change_password = true;
        let choosing = reduce(AppModel::default(), AppAction::SignedIn(temporary.clone()));
        let locked = reduce(choosing.clone(), AppAction::Lock);
        assert!(matches!(locked.screen, Screen::Locked { .. }));
        assert_ne!(
            locked.generation, choosing.generation,
            "the typed passwords go"
        );
        let unlocked = reduce(locked, AppAction::SignedIn(temporary.clone()));
        assert_eq!(
            unlocked.screen,
            Screen::ChoosePassword { session: temporary }
        );
        let signed_out = reduce(AppModel::default(), AppAction::Lock);
        assert_eq!(signed_out, AppModel::default(), "nothing to lock");
    }

    #[test]
    fn session_locked_from_a_command_locks_the_window() {
        let on_staff = reduce(signed_in(), AppAction::Navigate(Page::Staff));
        let locked = reduce(
            on_staff,
            AppAction::Failed(Error::new(ErrorCode::SessionLocked, "Locked")),
        );
        assert!(matches!(
            locked.screen,
            Screen::Locked {
                page: Page::Staff,
                ..
            }
        ));
        let again = reduce(
            locked.clone(),
            AppAction::Failed(Error::new(ErrorCode::SessionLocked, "Locked")),
        );
        assert_eq!(again, locked);
    }

    #[test]
    fn unlocking_to_a_page_no_longer_allowed_opens_the_dashboard() {
        let locked = reduce(
            reduce(signed_in(), AppAction::Navigate(Page::Settings)),
            AppAction::Lock,
        );
        let mut demoted = session();
        demoted.permissions = vec![Permission::ManageOwnAccount];
        let unlocked = reduce(locked, AppAction::SignedIn(demoted.clone()));
        assert_eq!(
            unlocked.screen,
            Screen::Workspace {
                session: demoted,
                page: Page::Dashboard
            }
        );
    }

    #[test]
    fn session_updates_keep_the_page_and_the_workspace() {
        let model = reduce(signed_in(), AppAction::Navigate(Page::Account));
        let mut renamed = session();
        renamed.display_name = "Olivia O.".into();
        let next = reduce(model.clone(), AppAction::SessionUpdated(renamed.clone()));
        assert_eq!(
            next.screen,
            Screen::Workspace {
                session: renamed,
                page: Page::Account
            }
        );
        assert_eq!(next.generation, model.generation);

        let shorter = reduce(next.clone(), AppAction::IdleLockChanged { seconds: 300 });
        assert_eq!(shorter.session().unwrap().idle_lock_seconds, 300);
        assert_eq!(shorter.generation, next.generation);
    }
}
