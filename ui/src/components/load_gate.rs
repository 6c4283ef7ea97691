use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LoadGateProps {
    /// What is loaded, as said in the messages: "the settings".
    pub what: AttrValue,
    pub error_id: AttrValue,
    pub retry_id: AttrValue,
    /// Where the load of that data stands.
    pub remote: Remote<()>,
    pub onretry: Callback<MouseEvent>,
    /// Shown once loaded.
    pub children: Html,
}

/// What a card shows for the data it needs first: a spinner while loading, the failure
/// with a retry, then its content.
#[component]
pub fn LoadGate(props: &LoadGateProps) -> Html {
    let words = use_words();
    let what = props.what.as_str();
    match &props.remote {
        Remote::Failed(message) => html! {
            <>
                <Banner id={props.error_id.clone()}
                    message={words.t_with("load-failed", &[("what", what), ("reason", message)])} />
                <div class="form-actions">
                    <button type="button" id={props.retry_id.clone()} class="btn btn-secondary" onclick={props.onretry.clone()}>
                        <Icon name={IconName::Refresh} size={16} />{ words.t("try-again") }
                    </button>
                </div>
            </>
        },
        Remote::Loaded(()) => props.children.clone(),
        Remote::Idle | Remote::Loading => html! {
            <p class="muted loading-line"><span class="spinner spinner-sm" aria-hidden="true"></span>{ words.t_with("loading-what", &[("what", what)]) }</p>
        },
    }
}
