use keydesk_api::PasswordStrength;
use yew::prelude::*;

use crate::state::strength::{reading, EMPTY_HINT, SEGMENTS};

#[derive(Properties, PartialEq)]
pub struct StrengthMeterProps {
    pub strength: Option<PasswordStrength>,
    /// Whether anything is typed; a reading may still be on its way.
    pub has_password: bool,
    /// Why no reading could be had, shown in place of the hint.
    #[prop_or_default]
    pub error: Option<String>,
}

/// Four segments, the band in words and one hint (`#password-strength`).
#[component]
pub fn StrengthMeter(props: &StrengthMeterProps) -> Html {
    let reading = if props.has_password {
        reading(props.strength.as_ref())
    } else {
        None
    };
    let (lit, tone, label, hint) = match &reading {
        Some(r) => (r.lit, r.tone.class(), r.label, r.hint.clone()),
        None if props.has_password && props.error.is_none() => (0, "neutral", "Checking…", None),
        None if props.has_password => (0, "neutral", "", None),
        None => (0, "neutral", "", Some(EMPTY_HINT.to_owned())),
    };
    let segments = (0..SEGMENTS).map(|i| {
        let class = if i < lit {
            classes!("seg", format!("seg-{tone}"))
        } else {
            classes!("seg")
        };
        html! { <span {class}></span> }
    });
    html! {
        <div id="password-strength" class="strength">
            <div class="strength-bar" aria-hidden="true">{ for segments }</div>
            <p class="strength-text" aria-live="polite">
                if !label.is_empty() {
                    <span class="visually-hidden">{ "Password strength: " }</span>
                    <span class={classes!("strength-label", format!("text-{tone}"))}>{ label }</span>
                }
                if let Some(error) = &props.error {
                    <span class="strength-hint text-danger">{ error.clone() }</span>
                } else if let Some(hint) = hint {
                    <span class="strength-hint">{ hint }</span>
                }
            </p>
        </div>
    }
}
