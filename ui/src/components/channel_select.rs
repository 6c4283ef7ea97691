use keydesk_api::HandoffChannel;

use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChannelSelectProps {
    pub id: AttrValue,
    pub value: HandoffChannel,
    #[prop_or_default]
    pub disabled: bool,
    /// Where focus starts when the dialog opens.
    #[prop_or_default]
    pub autofocus: bool,
    pub onchange: Callback<HandoffChannel>,
}

/// The drop-down of the ways a login reaches a customer.
#[component]
pub fn ChannelSelect(props: &ChannelSelectProps) -> Html {
    let words = use_words();
    let onchange = {
        let onchange = props.onchange.clone();
        Callback::from(move |e: Event| {
            if let Ok(channel) = typed(e).parse() {
                onchange.emit(channel);
            }
        })
    };
    html! {
        <select id={props.id.clone()} class="select" disabled={props.disabled} {onchange}
            data-autofocus={props.autofocus.then_some("true")}>
            for (value, name) in words.choices(&HandoffChannel::ALL) {
                <option selected={value.as_str() == props.value.as_str()} value={value.clone()}>{ name }</option>
            }
        </select>
    }
}
