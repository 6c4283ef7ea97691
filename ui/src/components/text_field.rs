use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The input's id; its error gets `<id>-error`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub error: Option<String>,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub autofocus: bool,
    #[prop_or_default]
    pub input_ref: NodeRef,
    #[prop_or_default]
    pub onblur: Option<Callback<()>>,
    #[prop_or_default]
    pub onkeydown: Option<Callback<KeyboardEvent>>,
    /// A line of help under the input (`<id>-hint`), read out with it.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub min: Option<AttrValue>,
    #[prop_or_default]
    pub max: Option<AttrValue>,
    #[prop_or_default]
    pub disabled: bool,
    /// Controls drawn at the end of the input (e.g. the show-password toggle).
    #[prop_or_default]
    pub children: Html,
}

/// A labelled input in a [`FieldFrame`], with `aria-invalid` when it has an error.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let oninput = (props.oninput).reform(|e: InputEvent| typed(e));
    let onblur = props
        .onblur
        .clone()
        .map(|onblur| Callback::from(move |_: FocusEvent| onblur.emit(())));
    let has_error = props.error.is_some();
    let has_action = props.children != Html::default();
    html! {
        <FieldFrame id={props.id.clone()} label={props.label.clone()} hint={props.hint.clone()}
            error={props.error.clone()}>
            <div class={classes!("input-wrap", has_action.then_some("has-action"))}>
                <input
                    id={props.id.clone()}
                    class="input"
                    type={props.input_type.clone()}
                    value={props.value.clone()}
                    autocomplete={props.autocomplete.clone()}
                    autofocus={props.autofocus}
                    spellcheck="false"
                    autocapitalize="off"
                    aria-invalid={has_error.then_some("true")}
                    aria-describedby={described_by(&props.id, None, props.hint.is_some(), has_error)}
                    placeholder={props.placeholder.clone()}
                    inputmode={props.inputmode.clone()}
                    min={props.min.clone()}
                    max={props.max.clone()}
                    disabled={props.disabled}
                    ref={props.input_ref.clone()}
                    {oninput}
                    {onblur}
                    onkeydown={props.onkeydown.clone()}
                />
                { props.children.clone() }
            </div>
        </FieldFrame>
    }
}
