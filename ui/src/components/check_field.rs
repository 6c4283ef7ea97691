use web_sys::HtmlInputElement;

use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    /// The checkbox's id; its hint is `<id>-hint`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    #[prop_or_default]
    pub disabled: bool,
    pub onchange: Callback<bool>,
    /// More classes of the row, e.g. its column span.
    #[prop_or_default]
    pub class: Classes,
    /// The hint under the label, which the checkbox is described by.
    pub children: Html,
}

/// A checkbox with its label and, under the label, a hint.
#[component]
pub fn CheckField(props: &CheckFieldProps) -> Html {
    let hint_id = format!("{}-hint", props.id);
    html! {
        <div class={classes!("check-field", props.class.clone())}>
            <input type="checkbox" id={props.id.clone()} class="checkbox" checked={props.checked}
                disabled={props.disabled} aria-describedby={hint_id.clone()}
                onchange={props.onchange.reform(checked)} />
            <div>
                <label for={props.id.clone()} class="check-label">{ props.label.clone() }</label>
                <p class="field-hint" id={hint_id}>{ props.children.clone() }</p>
            </div>
        </div>
    }
}

/// Whether the checkbox a change came from is now ticked.
pub fn checked(e: Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}
