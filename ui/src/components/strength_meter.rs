use keydesk_api::PasswordStrengthRequest;

use crate::hooks::use_request::use_request;
use crate::prelude::*;
use crate::state::strength::{reading, StrengthAction, StrengthCheck, SEGMENTS};

#[derive(Properties, PartialEq)]
pub struct StrengthMeterProps {
    /// The password as typed; each change asks the shell for a new reading.
    pub password: String,
    /// The person's own words (email, name), which make a password weaker.
    #[prop_or_default]
    pub user_inputs: Vec<String>,
}

/// Four segments, the band in words and one hint (`#password-strength`).
#[component]
pub fn StrengthMeter(props: &StrengthMeterProps) -> Html {
    let command = use_command();
    let words = use_words();
    let check = use_reducer(StrengthCheck::default);
    let dispatcher = check.dispatcher();
    use_effect_with(props.password.clone(), move |password| {
        let typed = !password.is_empty();
        dispatcher.dispatch(StrengthAction::Changed { typed })
    });
    let has_password = !props.password.is_empty();
    let request = PasswordStrengthRequest {
        password: props.password.clone(),
        user_inputs: props.user_inputs.clone(),
    };
    let dispatcher = check.dispatcher();
    use_request(&check.reading, move |seq| {
        if !request.password.is_empty() {
            command.dispatch(
                commands::PASSWORD_STRENGTH,
                request,
                dispatcher,
                move |answer| StrengthAction::Answered { seq, answer },
            );
        }
    });
    let error = check.reading.remote.failure().map(str::to_owned);
    let reading = reading(check.reading.remote.loaded().filter(|_| has_password));
    let (lit, tone, label, hint) = match &reading {
        Some(r) => (
            r.lit,
            r.tone.class(),
            words.strength(r.band),
            r.hint.as_ref().map(|hint| words.say(hint)),
        ),
        None if has_password && error.is_none() => (0, "neutral", words.t("checking"), None),
        None if has_password => (0, "neutral", String::new(), None),
        None => (
            0,
            "neutral",
            String::new(),
            Some(words.t("strength-empty-hint")),
        ),
    };
    let segments = (0..SEGMENTS).map(|i| {
        html! { <span class={classes!("seg", (i < lit).then(|| format!("seg-{tone}")))}></span> }
    });
    html! {
        <div id="password-strength" class="strength">
            <div class="strength-bar" aria-hidden="true">{ for segments }</div>
            <p class="strength-text" aria-live="polite">
                if !label.is_empty() {
                    <span class="visually-hidden">{ words.t("strength-hidden") }{ " " }</span>
                    <span class={classes!("strength-label", format!("text-{tone}"))}>{ label }</span>
                }
                if let Some(error) = &error {
                    <span class="strength-hint text-danger">{ error.clone() }</span>
                } else if let Some(hint) = hint {
                    <span class="strength-hint">{ hint }</span>
                }
            </p>
        </div>
    }
}
