use keydesk_api::{Calendar, Language, WindowPreferences};

use super::form_card_head::FormCardHead;
use super::saved_note::SavedNote;
use crate::prelude::*;
use crate::state::app::AppAction;

/// Each language named in itself, so a person finds theirs whatever the window speaks.
fn language_choices() -> Vec<(AttrValue, AttrValue)> {
    choices(&Language::ALL, Language::as_str, Language::native_name)
}

#[derive(Properties, PartialEq)]
pub struct WindowLanguageProps {
    pub id: AttrValue,
}

/// The window's language before anyone signs in (the sign-in and first-run screens): it
/// switches the window at once, for the person at it; nothing is saved.
#[component]
pub fn WindowLanguage(props: &WindowLanguageProps) -> Html {
    let words = use_words();
    let app = use_command().app();
    let window = words.window();
    let onchange = Callback::from(move |code: String| {
        if let Ok(language) = code.parse::<Language>() {
            app.emit(AppAction::Speak(WindowPreferences { language, ..window }));
        }
    });
    html! {
        <FieldFrame id={props.id.clone()} label={words.t("language")}>
            <Select id={props.id.clone()} class="language-select"
                value={window.language.as_str()} options={language_choices()} {onchange} />
        </FieldFrame>
    }
}

/// How the window speaks, as the signed-in person's own (in Settings → General and My
/// account): its language and the calendar of its dates. Saved at each change; the
/// window switches as soon as it is saved.
#[component]
pub fn WindowPreferencesCard() -> Html {
    let words = use_words();
    let command = use_command();
    let saved = use_state(|| false);
    let window = words.window();
    let save = {
        let saved = saved.clone();
        Callback::from(move |chosen: WindowPreferences| {
            let (app, saved) = (command.app(), saved.clone());
            command.call(
                commands::SET_WINDOW_PREFERENCES,
                chosen,
                move |answer: Result<(), _>| {
                    if answer.is_ok() {
                        saved.set(true);
                        app.emit(AppAction::Speak(chosen));
                    }
                },
            );
        })
    };
    let on_language = {
        let save = save.clone();
        Callback::from(move |code: String| {
            if let Ok(language) = code.parse() {
                save.emit(WindowPreferences { language, ..window });
            }
        })
    };
    let on_calendar = Callback::from(move |code: String| {
        if let Ok(calendar) = code.parse() {
            save.emit(WindowPreferences { calendar, ..window });
        }
    });
    let calendars: Vec<(AttrValue, AttrValue)> = Calendar::ALL
        .into_iter()
        .map(|c| {
            (
                c.as_str().into(),
                words.t(&format!("calendar-{}", c.as_str())).into(),
            )
        })
        .collect();
    html! {
        <article class="card form-card" aria-labelledby="window-preferences-title">
            <FormCardHead icon={IconName::Globe} title_id="window-preferences-title"
                title={words.t("window-preferences")} lead={words.t("window-preferences-lead")} />
            <div class="form">
                <FieldFrame id="window-language" label={words.t("language")}>
                    <Select id="window-language" class="language-select"
                        value={window.language.as_str()} options={language_choices()}
                        onchange={on_language} />
                </FieldFrame>
                <FieldFrame id="window-calendar" label={words.t("calendar")}>
                    <Select id="window-calendar" class="language-select"
                        value={window.calendar.as_str()} options={calendars}
                        onchange={on_calendar} />
                </FieldFrame>
                if *saved {
                    <SavedNote id="window-preferences-saved" text={words.t("saved")} />
                }
            </div>
        </article>
    }
}
