use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ModalHeadProps {
    pub icon: IconName,
    #[prop_or(Tone::Accent)]
    pub tone: Tone,
    /// The title's id, which the dialog is labelled by.
    pub title_id: AttrValue,
    pub title: AttrValue,
    /// Drawn under the title, e.g. its lead; without it the title stands alone.
    #[prop_or_default]
    pub children: Html,
}

/// The head of a dialog: its icon and title, and what is said under the title.
#[component]
pub fn ModalHead(props: &ModalHeadProps) -> Html {
    let title =
        html! { <h2 class="modal-title" id={props.title_id.clone()}>{ props.title.clone() }</h2> };
    html! {
        <div class="modal-head">
            <span class={classes!("card-icon", format!("tone-{}", props.tone.class()))}><Icon name={props.icon} size={20} /></span>
            if props.children == Html::default() {
                { title }
            } else {
                <div>{ title }{ props.children.clone() }</div>
            }
        </div>
    }
}
