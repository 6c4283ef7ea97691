use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BadgeProps {
    pub tone: Tone,
    /// Always a word: colour alone never carries the meaning.
    pub text: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

#[component]
pub fn Badge(props: &BadgeProps) -> Html {
    html! {
        <span id={props.id.clone()} class={classes!("badge", format!("badge-{}", props.tone.class()))}>
            { props.text.clone() }
        </span>
    }
}
