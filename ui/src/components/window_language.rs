use keydesk_api::{Language, SetWindowLanguageRequest};

use super::form_card_head::FormCardHead;
use super::saved_note::SavedNote;
use crate::prelude::*;
use crate::state::app::AppAction;

#[derive(Properties, PartialEq)]
pub struct WindowLanguageProps {
    pub id: AttrValue,
    /// Keep the choice as the signed-in person's own; on the sign-in screen nobody is
    /// signed in, and the choice only switches the window.
    #[prop_or_default]
    pub save: bool,
}

/// The window's language: a select naming each language in itself, so a person finds
/// theirs whatever the window speaks now. The window switches at once.
#[component]
pub fn WindowLanguage(props: &WindowLanguageProps) -> Html {
    let words = use_words();
    let command = use_command();
    let saved = use_state(|| false);
    let onchange = {
        let (save, saved) = (props.save, saved.clone());
        Callback::from(move |code: String| {
            let Ok(language) = code.parse::<Language>() else {
                return;
            };
            let app = command.app();
            if !save {
                app.emit(AppAction::Speak(language));
                return;
            }
            let saved = saved.clone();
            command.call(
                commands::SET_WINDOW_LANGUAGE,
                SetWindowLanguageRequest { language },
                move |answer: Result<(), _>| {
                    if answer.is_ok() {
                        saved.set(true);
                        app.emit(AppAction::Speak(language));
                    }
                },
            );
        })
    };
    html! {
        <FieldFrame id={props.id.clone()} label={words.t("language")}>
            <div class="language-row">
                <Select id={props.id.clone()} class="language-select"
                    value={words.language().as_str()}
                    options={choices(&Language::ALL, Language::as_str, Language::native_name)}
                    {onchange} />
                if *saved {
                    <SavedNote id={format!("{}-saved", props.id)} text={words.t("window-language-saved")} />
                }
            </div>
        </FieldFrame>
    }
}

/// The window's language as a card of its own, saved as the signed-in person's (in
/// Settings → General and My account).
#[component]
pub fn WindowLanguageCard() -> Html {
    let words = use_words();
    html! {
        <article class="card form-card" aria-labelledby="window-language-title">
            <FormCardHead icon={IconName::Globe} title_id="window-language-title"
                title={words.t("window-language")} lead={words.t("window-language-hint")} />
            <WindowLanguage id="window-language" save=true />
        </article>
    }
}
