use keydesk_api::OutboxStatus;

use crate::prelude::*;
use crate::state::outbox::status_summary;

#[derive(Properties, PartialEq)]
pub struct OutboxIndicatorProps {
    pub status: Option<OutboxStatus>,
    /// Opens the Outbox page; `None` when the person may not see it.
    #[prop_or_default]
    pub onopen: Option<Callback<()>>,
}

/// `#outbox-indicator` in the top bar: "3 mails waiting (offline)", "1 mail failed".
/// Nothing at all while every mail is out.
#[component]
pub fn OutboxIndicator(props: &OutboxIndicatorProps) -> Html {
    let words = use_words();
    let Some((tone, text)) = props
        .status
        .as_ref()
        .and_then(|status| status_summary(&words, status))
    else {
        return Html::default();
    };
    let title = props
        .status
        .as_ref()
        .and_then(|s| s.last_error.as_ref())
        .map(|e| words.t_with("outbox-indicator-last-try", &[("error", &words.say(e))]));
    let class = classes!("outbox-indicator", format!("indicator-{}", tone.class()));
    let content =
        html! { <><Icon name={IconName::Outbox} size={16} /><span>{ text.clone() }</span></> };
    match &props.onopen {
        Some(onopen) => html! {
            <button type="button" id="outbox-indicator" {class} {title} onclick={onopen.reform(|_: MouseEvent| ())}
                aria-label={words.t_with("outbox-indicator-open", &[("text", &text)])}>{ content }</button>
        },
        None => html! {
            <span id="outbox-indicator" {class} {title} role="status">{ content }</span>
        },
    }
}
