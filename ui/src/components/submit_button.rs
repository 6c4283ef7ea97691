use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SubmitButtonProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// What the button says while the call runs, e.g. "Signing in…".
    pub busy_label: AttrValue,
    pub busy: bool,
    #[prop_or(AttrValue::Static("btn btn-primary"))]
    pub class: AttrValue,
    /// Disabled for another reason than being busy.
    #[prop_or_default]
    pub disabled: bool,
    /// The dialog it sits in focuses it first.
    #[prop_or_default]
    pub autofocus: bool,
    /// Why it is disabled, when that is said elsewhere on the page.
    #[prop_or_default]
    pub aria_describedby: Option<AttrValue>,
    /// Drawn before the label when not busy.
    #[prop_or_default]
    pub icon: Option<IconName>,
}

/// A form's submit button: disabled with a spinner and its busy words while the form's
/// call runs, so a second press cannot send it twice.
#[component]
pub fn SubmitButton(props: &SubmitButtonProps) -> Html {
    html! {
        <button
            type="submit"
            id={props.id.clone()}
            class={props.class.clone()}
            disabled={props.busy || props.disabled}
            aria-describedby={props.aria_describedby.clone()}
            aria-busy={props.busy.then_some("true")}
            data-autofocus={props.autofocus.then_some("true")}
        >
            if props.busy {
                <span class="spinner spinner-sm" aria-hidden="true"></span>
                { props.busy_label.clone() }
            } else {
                if let Some(icon) = props.icon {
                    <Icon name={icon} size={16} />
                }
                { props.label.clone() }
            }
        </button>
    }
}
