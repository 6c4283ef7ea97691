use keydesk_api::{EncryptionProgress, DATABASE_ENCRYPTION_PROGRESS_EVENT};

use crate::components::icon::LogoMark;
use crate::components::progress_bar::{percent, ProgressBar};
use crate::hooks::shell_event::use_shell_event;
use crate::prelude::*;

/// Shown while the shell is asked what to show; fades in late so a quick answer
/// does not flash it. The first start after an upgrade encrypts a database left by an
/// earlier version, which can take a while for a large one: then it says so, with a bar.
#[component]
pub fn LoadingPage() -> Html {
    let encrypting = use_state(|| None::<EncryptionProgress>);
    let on_progress = {
        let encrypting = encrypting.clone();
        Callback::from(move |progress: EncryptionProgress| encrypting.set(Some(progress)))
    };
    use_shell_event(DATABASE_ENCRYPTION_PROGRESS_EVENT, true, on_progress);
    let words = use_words();
    html! {
        <main class="auth">
            <div class="loading" role="status" aria-live="polite">
                <LogoMark size={40} />
                if let Some(progress) = *encrypting {
                    <p id="encrypting-database">{ words.t("encrypting-database") }</p>
                    <ProgressBar id="encrypting-database-progress" label={words.t("encrypting-database-label")}
                        percent={Some(percent(progress.written, progress.expected))} />
                } else {
                    <span class="spinner" aria-hidden="true"></span>
                    <p class="muted">{ words.t("opening") }</p>
                }
            </div>
        </main>
    }
}
