use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldErrorProps {
    pub id: AttrValue,
    /// Nothing is drawn without one.
    pub error: Option<AttrValue>,
}

/// Why a field (or the action it feeds) was refused, read out as it appears.
#[component]
pub fn FieldError(props: &FieldErrorProps) -> Html {
    let Some(error) = &props.error else {
        return Html::default();
    };
    html! {
        <p class="field-error" id={props.id.clone()} role="alert">
            <Icon name={IconName::Alert} size={14} />
            <span>{ error.clone() }</span>
        </p>
    }
}
