use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FormCardHeadProps {
    pub icon: IconName,
    /// The heading's id, which the card or its panel is labelled by.
    pub title_id: AttrValue,
    pub title: AttrValue,
    /// One line on what the card is for.
    pub lead: AttrValue,
    /// The title and lead take the room left by `children`.
    #[prop_or_default]
    pub grow: bool,
    /// Drawn after the title, e.g. a status badge.
    #[prop_or_default]
    pub children: Html,
}

/// The head of a form card: its icon, title and lead.
#[component]
pub fn FormCardHead(props: &FormCardHeadProps) -> Html {
    html! {
        <header class="form-card-head">
            <span class="card-icon tone-accent"><Icon name={props.icon} size={20} /></span>
            <div class={props.grow.then_some("grow")}>
                <h2 class="card-title" id={props.title_id.clone()}>{ props.title.clone() }</h2>
                <p class="muted small">{ props.lead.clone() }</p>
            </div>
            { props.children.clone() }
        </header>
    }
}
