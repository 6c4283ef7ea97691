use keydesk_api::SessionInfo;

use crate::components::icon::LogoMark;
use crate::components::password_change_form::PasswordChangeForm;
use crate::components::sign_out_button::{use_sign_out, SignOutButton};
use crate::hooks::idle_lock::use_idle_lock;
use crate::prelude::*;
use crate::state::app::AppAction;

#[derive(Properties, PartialEq)]
pub struct ChoosePasswordProps {
    pub session: SessionInfo,
}

/// After signing in with a temporary password: nothing else opens until the person has
/// chosen their own.
#[component]
pub fn ChoosePasswordPage(props: &ChoosePasswordProps) -> Html {
    let app = use_command().app();
    let sign_out = use_sign_out();
    // A temporary password typed here must not wait on an unattended screen either.
    use_idle_lock(props.session.idle_lock_seconds);

    let onchanged = app.reform(AppAction::SignedIn);
    let words = use_words();

    let session = &props.session;
    html! {
        <main class="auth">
            <section class="card auth-card" aria-labelledby="choose-password-title">
                <div class="auth-brand">
                    <LogoMark size={32} />
                    <span class="brand-name">{ words.t("app-name") }</span>
                </div>
                <h1 class="auth-title" id="choose-password-title">{ words.t("choose-password-title") }</h1>
                <p class="auth-lead">
                    { words.t_with("choose-password-lead", &[("name", &session.display_name)]) }
                </p>
                if let Some(message) = sign_out.error {
                    <Banner id="choose-password-sign-out-error" message={message.clone()} />
                }
                <PasswordChangeForm
                    session={session.clone()}
                    current_label={words.t("choose-password-current")}
                    submit_id="choose-password-submit"
                    submit_label={words.t("choose-password-submit")}
                    busy_label={words.t("saving")}
                    banner_id="choose-password-error"
                    block_button=true
                    autofocus=true
                    {onchanged}
                />
                <p class="muted small auth-foot">
                    { words.t_with("signed-in-as", &[("email", &session.email)]) }
                    { " " }
                    <SignOutButton id="choose-password-sign-out" busy={sign_out.busy} onclick={sign_out.onclick} />
                </p>
            </section>
        </main>
    }
}
