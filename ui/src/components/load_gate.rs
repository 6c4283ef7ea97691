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
    let what = &props.what;
    match &props.remote {
        Remote::Failed(message) => html! {
            <>
                <Banner id={props.error_id.clone()} message={format!("Could not load {what}: {message}")} />
                <div class="form-actions">
                    <button type="button" id={props.retry_id.clone()} class="btn btn-secondary" onclick={props.onretry.clone()}>
                        <Icon name={IconName::Refresh} size={16} />{ "Try again" }
                    </button>
                </div>
            </>
        },
        Remote::Loaded(()) => props.children.clone(),
        Remote::Idle | Remote::Loading => html! {
            <p class="muted loading-line"><span class="spinner spinner-sm" aria-hidden="true"></span>{ format!("Loading {what}…") }</p>
        },
    }
}
