use keydesk_api::WindowPreferences;

use crate::components::icon::LogoMark;
use crate::components::window_language::WindowLanguage;
use crate::prelude::*;
use crate::state::app::SignInNotice;
use crate::state::sign_in::{SignInField, SignInForm};

#[derive(Properties, PartialEq)]
pub struct SignInProps {
    /// Why the person is asked to sign in again, if there is a reason to say.
    #[prop_or_default]
    pub notice: Option<SignInNotice>,
}

#[component]
pub fn SignInPage(props: &SignInProps) -> Html {
    // A language chosen here is sent with the sign-in, to be the person's own.
    let chosen = use_state(|| None::<WindowPreferences>);
    let form = {
        let chosen = *chosen;
        use_form(
            SignInForm::default,
            true,
            move |form: &SignInForm, submission| {
                submission.sign_in(commands::SIGN_IN, form.request(chosen))
            },
        )
    };
    let onchosen = chosen.setter().to_callback().reform(Some);
    let words = use_words();

    html! {
        <main class="auth">
            <section class="card auth-card" aria-labelledby="signin-title">
                <div class="auth-brand">
                    <LogoMark size={32} />
                    <span class="brand-name">{ words.t("app-name") }</span>
                    <WindowLanguage id="signin-language" {onchosen} />
                </div>
                <h1 class="auth-title" id="signin-title">{ words.t("sign-in-title") }</h1>
                <p class="auth-lead">{ words.t("sign-in-lead") }</p>
                if let (Some(notice), None) = (&props.notice, &form.meta.banner) {
                    <Banner id="signin-notice" tone={Tone::Neutral} message={words.t(notice.message_id())} />
                }
                if let Some(message) = form.banner() {
                    <Banner id="signin-error" {message} ondismiss={form.dismiss()} />
                }
                <form class="form" novalidate=true onsubmit={form.onsubmit()} onkeydown={form.onkeydown()}>
                    <TextField
                        id="signin-email"
                        label={words.t("sign-in-email")}
                        input_type="email"
                        autocomplete="username"
                        autofocus=true
                        value={form.email.clone()}
                        input_ref={form.node(SignInField::Email)}
                        oninput={form.edit(SignInField::Email)}
                    />
                    <TextField
                        id="signin-password"
                        label={words.t("sign-in-password")}
                        input_type="password"
                        autocomplete="current-password"
                        value={form.password.clone()}
                        input_ref={form.node(SignInField::Password)}
                        oninput={form.edit(SignInField::Password)}
                    />
                    <SubmitButton
                        id="signin-submit"
                        class="btn btn-primary btn-block"
                        label={words.t("sign-in-submit")}
                        busy_label={words.t("sign-in-busy")}
                        busy={form.meta.busy}
                    />
                </form>
                <p class="muted small auth-foot">{ words.t("sign-in-forgot") }</p>

            </section>
        </main>
    }
}
