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
    let words = use_words();
    html! {
        <main class="auth">
            <section class="card auth-card" aria-labelledby="start-failed">
                <div class="card-icon tone-danger"><Icon name={IconName::Alert} size={22} /></div>
                <h1 class="auth-title" id="start-failed">{ words.t("start-failed-title") }</h1>
                <p class="auth-lead" id="start-failed-message" role="alert">{ props.error.message.clone() }</p>
                <p class="muted small">{ words.t("start-failed-log") }</p>
                <BusyButton id="retry-start" class="btn btn-primary btn-block" busy={props.checking}
                    busy_label={words.t("trying-again")} onclick={props.onretry.clone()}>
                    <Icon name={IconName::Refresh} size={16} />{ words.t("try-again") }
                </BusyButton>
            </section>
        </main>
    }
}
