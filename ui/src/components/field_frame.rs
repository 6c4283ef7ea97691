use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldFrameProps {
    /// The control's id: the label names it; its hint is `<id>-hint`, its error `<id>-error`.
    pub id: AttrValue,
    pub label: AttrValue,
    /// A line of help under the control.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<String>,
    /// More classes of the frame, e.g. its column span.
    #[prop_or_default]
    pub class: Classes,
    /// The control, and whatever stands between it and the hint.
    pub children: Html,
}

/// A form control's label above it and its hint and error (`role="alert"`) under it, the
/// same for every kind of control; the control points at them with [`described_by`].
#[component]
pub fn FieldFrame(props: &FieldFrameProps) -> Html {
    html! {
        <div class={classes!("field", props.class.clone(), props.error.is_some().then_some("has-error"))}>
            <label class="field-label" for={props.id.clone()}>{ props.label.clone() }</label>
            { props.children.clone() }
            if let Some(hint) = &props.hint {
                <p class="field-hint" id={format!("{}-hint", props.id)}>{ hint.clone() }</p>
            }
            <FieldError id={format!("{}-error", props.id)} error={props.error.clone()} />
        </div>
    }
}

/// The control's `aria-describedby`: its hint and error as [`FieldFrame`] names them, and
/// `more` (an id drawn between the control and the hint) first.
pub fn described_by(id: &str, more: Option<&str>, hint: bool, error: bool) -> Option<AttrValue> {
    let ids = [
        more.map(str::to_owned),
        hint.then(|| format!("{id}-hint")),
        error.then(|| format!("{id}-error")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>();
    (!ids.is_empty()).then(|| ids.join(" ").into())
}
