//! The root component: asks the shell what to show and swaps whole screens.

use crate::pages::choose_password::ChoosePasswordPage;
use crate::pages::create_owner::CreateOwnerPage;
use crate::pages::keyring::KeyringPage;
use crate::pages::loading::LoadingPage;
use crate::pages::lock::LockScreen;
use crate::pages::sign_in::SignInPage;
use crate::pages::start_failed::StartFailedPage;
use crate::pages::workspace::Workspace;
use crate::prelude::*;
use crate::state::app::{AppAction, AppDispatch, AppModel, Screen};
use crate::words::Words;

#[component]
pub fn App() -> Html {
    let model = use_reducer(AppModel::default);
    let words = use_memo(model.window, |&window| Words::new(window));
    // The whole document follows the language: its direction lays the window out right
    // to left in Persian, and `lang` picks the fonts and the screen reader's voice.
    // Before anything is drawn: what is drawn from here on (dates too, see
    // `dom::local_time`) speaks as the window now does.
    crate::dom::speak(model.window);

    // Ask for the app state at start and on every retry.
    // Above the app there is nobody to report to: `Loaded` shows a failure itself.
    let command = use_command();
    {
        let dispatcher = model.dispatcher();
        use_effect_with(model.load_attempt, move |&attempt| {
            command.dispatch(commands::APP_STATE, (), dispatcher, move |result| {
                AppAction::Loaded { attempt, result }
            });
        });
    }

    let onretry = model
        .dispatcher()
        .to_callback()
        .reform(|_: MouseEvent| AppAction::Retry);
    // A new key per screen change, so no state survives a sign-out or a sign-in.
    let key = model.generation.to_string();
    let screen = match &model.screen {
        Screen::Loading => html! { <LoadingPage {key} /> },
        Screen::StartFailed(error) => html! {
            <StartFailedPage {key} error={error.clone()} checking={model.checking} {onretry} />
        },
        Screen::KeyringUnavailable {
            message,
            how_to_fix,
        } => html! {
            <KeyringPage {key} message={message.clone()} how_to_fix={how_to_fix.clone()}
                checking={model.checking} {onretry} />
        },
        Screen::CreateOwner => html! { <CreateOwnerPage {key} /> },
        Screen::SignIn { notice } => html! { <SignInPage {key} notice={*notice} /> },
        Screen::ChoosePassword { session } => {
            html! { <ChoosePasswordPage {key} session={session.clone()} /> }
        }
        Screen::Workspace { session, page } => {
            html! { <Workspace {key} session={session.clone()} page={*page} /> }
        }
        Screen::Locked { session, .. } => html! { <LockScreen {key} session={session.clone()} /> },
    };

    html! {
        <ContextProvider<AppDispatch> context={model.dispatcher()}>
            <ContextProvider<Words> context={(*words).clone()}>
                { screen }
            </ContextProvider<Words>>
        </ContextProvider<AppDispatch>>
    }
}
