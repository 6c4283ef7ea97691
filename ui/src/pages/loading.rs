use crate::components::icon::LogoMark;
use crate::prelude::*;

/// Shown while the shell is asked what to show; fades in late so a quick answer
/// does not flash it.
#[component]
pub fn LoadingPage() -> Html {
    html! {
        <main class="auth">
            <div class="loading" role="status" aria-live="polite">
                <LogoMark size={40} />
                <span class="spinner" aria-hidden="true"></span>
                <p class="muted">{ "Opening Keydesk…" }</p>
            </div>
        </main>
    }
}
