use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SavedNoteProps {
    pub id: AttrValue,
    pub text: AttrValue,
}

/// Says, next to a form's button, that its last save went through.
#[component]
pub fn SavedNote(props: &SavedNoteProps) -> Html {
    html! {
        <p id={props.id.clone()} class="saved-note" role="status">
            <Icon name={IconName::CheckCircle} size={16} />
            <span>{ props.text.clone() }</span>
        </p>
    }
}
