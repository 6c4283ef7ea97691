use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BusyButtonProps {
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or(AttrValue::Static("btn btn-secondary"))]
    pub class: AttrValue,
    /// What the button says while its call runs, e.g. "Loading…".
    pub busy_label: AttrValue,
    pub busy: bool,
    /// Disabled for another reason than being busy.
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    #[prop_or_default]
    pub title: Option<AttrValue>,
    pub onclick: Callback<MouseEvent>,
    /// What the button shows when it is not busy.
    pub children: Html,
}

/// A button outside a form that starts a call: disabled with a spinner and its busy words
/// while the call runs, like [`super::submit_button::SubmitButton`] for a form.
#[component]
pub fn BusyButton(props: &BusyButtonProps) -> Html {
    html! {
        <button
            type="button"
            id={props.id.clone()}
            class={props.class.clone()}
            disabled={props.busy || props.disabled}
            aria-busy={props.busy.then_some("true")}
            aria-label={props.aria_label.clone()}
            title={props.title.clone()}
            onclick={props.onclick.clone()}
        >
            if props.busy {
                <span class="spinner spinner-sm" aria-hidden="true"></span>
                { props.busy_label.clone() }
            } else {
                { props.children.clone() }
            }
        </button>
    }
}
