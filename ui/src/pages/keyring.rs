use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct KeyringProps {
    pub message: AttrValue,
    pub how_to_fix: AttrValue,
    /// A retry is running.
    pub checking: bool,
    pub onretry: Callback<MouseEvent>,
}

/// Nothing works without the vault key, so this screen only explains and retries.
#[component]
pub fn KeyringPage(props: &KeyringProps) -> Html {
    let words = use_words();
    html! {
        <main class="auth">
            <section class="card auth-card" aria-labelledby="keyring-unavailable">
                <div class="card-icon tone-warn"><Icon name={IconName::Lock} size={22} /></div>
                <h1 class="auth-title" id="keyring-unavailable">{ words.t("keyring-title") }</h1>
                <p class="auth-lead" id="keyring-message">{ props.message.clone() }</p>
                <div class="how-to-fix">
                    <h2 class="section-label">{ words.t("keyring-how-to-fix") }</h2>
                    <p id="keyring-how-to-fix" class="pre-line">{ props.how_to_fix.clone() }</p>
                </div>
                <p class="muted small">{ words.t("keyring-only") }</p>
                <BusyButton id="retry-keyring" class="btn btn-primary btn-block" busy={props.checking}
                    busy_label={words.t("checking")} onclick={props.onretry.clone()}>
                    <Icon name={IconName::Refresh} size={16} />{ words.t("try-again") }
                </BusyButton>
            </section>
        </main>
    }
}
