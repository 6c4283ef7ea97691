use crate::dom::is_reveal_shortcut;
use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasswordToggleProps {
    pub id: AttrValue,
    /// The ids of the password inputs it shows or hides, space-separated.
    pub controls: AttrValue,
    pub shown: bool,
    pub ontoggle: Callback<()>,
}

/// The eye at the end of a password input; out of the tab order, as Alt+F8 does the same
/// from the keyboard (see [`reveal_keys`]).
#[component]
pub fn PasswordToggle(props: &PasswordToggleProps) -> Html {
    let words = use_words();
    let (label, icon) = if props.shown {
        (words.t("hide-passwords"), IconName::EyeOff)
    } else {
        (words.t("show-passwords"), IconName::Eye)
    };
    let keep_focus = Callback::from(|e: MouseEvent| e.prevent_default());
    let onclick = props.ontoggle.reform(|_: MouseEvent| ());
    html! {
        <button
            type="button"
            id={props.id.clone()}
            class="input-action"
            tabindex="-1"
            aria-label={label.clone()}
            aria-pressed={if props.shown { "true" } else { "false" }}
            aria-controls={props.controls.clone()}
            title={words.t_with("password-toggle-title", &[("label", &label)])}
            onmousedown={keep_focus}
            {onclick}
        >
            <Icon name={icon} size={18} />
        </button>
    }
}

/// Alt+F8 in a password input shows or hides the passwords.
pub fn reveal_keys(ontoggle: Callback<()>) -> Option<Callback<KeyboardEvent>> {
    Some(Callback::from(move |e: KeyboardEvent| {
        if is_reveal_shortcut(&e) {
            e.prevent_default();
            ontoggle.emit(());
        }
    }))
}

/// The input type of a password field that can be shown.
pub fn password_type(shown: bool) -> &'static str {
    if shown {
        "text"
    } else {
        "password"
    }
}
