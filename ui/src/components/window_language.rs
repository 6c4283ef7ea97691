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
    /// Told of the choice, which the screen sends with its sign-in to keep it as the
    /// person's own.
    pub onchosen: Callback<WindowPreferences>,
}

/// The window's language before anyone signs in (the sign-in and first-run screens): it
/// switches the window at once, for the person at it.
#[component]
pub fn WindowLanguage(props: &WindowLanguageProps) -> Html {
    let words = use_words();
    let app = use_command().app();
    let window = words.window();
    let onchosen = props.onchosen.clone();
    let onchange = Callback::from(move |code: String| {
        if let Ok(language) = code.parse::<Language>() {
            let chosen = WindowPreferences { language, ..window };
            onchosen.emit(chosen);
            app.emit(AppAction::Speak(chosen));
        }
    });
    // Beside the product's name, where it does not make the card taller.
    html! {
        <Select id={props.id.clone()} class="language-select language-corner"
            value={window.language.as_str()} options={language_choices()} {onchange}
            aria_label={words.t("language")} />
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
    let error = use_state(|| None::<String>);
    // The last choice sent: a second change made before the first is answered builds on
    // it, not on what the window still shows.
    let sent = use_mut_ref(|| None::<WindowPreferences>);
    let window = words.window();
    let save = {
        let (saved, error, sent) = (saved.clone(), error.clone(), sent.clone());
        Callback::from(move |change: Box<dyn Fn(&mut WindowPreferences)>| {
            let mut chosen = sent.borrow().unwrap_or(window);
            change(&mut chosen);
            *sent.borrow_mut() = Some(chosen);
            saved.set(false);
            error.set(None);
            let (app, saved, error, sent) =
                (command.app(), saved.clone(), error.clone(), sent.clone());
            command.call(
                commands::SET_WINDOW_PREFERENCES,
                chosen,
                move |answer: Result<(), keydesk_api::Error>| {
                    // Only the answer to the last choice sent speaks for the card.
                    if *sent.borrow() != Some(chosen) {
                        return;
                    }
                    match answer {
                        Ok(()) => {
                            saved.set(true);
                            app.emit(AppAction::Speak(chosen));
                        }
                        Err(e) => error.set(Some(e.message)),
                    }
                },
            );
        })
    };
    let on_language = {
        let save = save.clone();
        Callback::from(move |code: String| {
            if let Ok(language) = code.parse::<Language>() {
                save.emit(Box::new(move |w: &mut WindowPreferences| {
                    w.language = language
                }));
            }
        })
    };
    let on_calendar = Callback::from(move |code: String| {
        if let Ok(calendar) = code.parse::<Calendar>() {
            save.emit(Box::new(move |w: &mut WindowPreferences| {
                w.calendar = calendar
            }));
        }
    });
    let calendars: Vec<(AttrValue, AttrValue)> = Calendar::ALL
        .into_iter()
        .map(|c| (c.as_str().into(), words.name(c).into()))
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
                if let Some(message) = &*error {
                    <Banner id="window-preferences-error" message={message.clone()} />
                }
                if *saved {
                    <SavedNote id="window-preferences-saved" text={words.t("saved")} />
                }
            </div>
        </article>
    }
}
