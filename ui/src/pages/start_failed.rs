use keydesk_api::Error;

use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StartFailedProps {
    pub error: Error,
    pub checking: bool,
    pub onretry: Callback<MouseEvent>,
}

/// `app_state` itself failed: say so with the reason, and offer to ask again.
#[component]
pub fn StartFailedPage(props: &StartFailedProps) -> Html {
    html! {
        <main class="auth">
            <section class="card auth-card" aria-labelledby="start-failed">
                <div class="card-icon tone-danger"><Icon name={IconName::Alert} size={22} /></div>
                <h1 class="auth-title" id="start-failed">{ "Keydesk could not start" }</h1>
                <p class="auth-lead" id="start-failed-message" role="alert">{ props.error.message.clone() }</p>
                <p class="muted small">{ "If this keeps happening, the log file has the details." }</p>
                <BusyButton id="retry-start" class="btn btn-primary btn-block" busy={props.checking}
                    busy_label="Trying again…" onclick={props.onretry.clone()}>
                    <Icon name={IconName::Refresh} size={16} />{ "Try again" }
                </BusyButton>
            </section>
        </main>
    }
}
