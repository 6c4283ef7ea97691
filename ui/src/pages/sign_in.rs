use keydesk_api::commands;
use yew::prelude::*;

use crate::components::banner::Banner;
use crate::components::icon::LogoMark;
use crate::components::submit_button::SubmitButton;
use crate::components::text_field::TextField;
use crate::dom::focus;
use crate::hooks::use_command::use_command;
use crate::state::app::AppAction;
use crate::state::sign_in::{SignInAction, SignInForm};
use crate::state::tone::Tone;

#[derive(Properties, PartialEq)]
pub struct SignInProps {
    /// Why the person is asked to sign in again, if there is a reason to say.
    #[prop_or_default]
    pub notice: Option<String>,
}

#[component]
pub fn SignInPage(props: &SignInProps) -> Html {
    let form = use_reducer(SignInForm::default);
    let email_ref = use_node_ref();
    let password_ref = use_node_ref();

    {
        let email_ref = email_ref.clone();
        use_effect_with((), move |_| focus(&email_ref));
    }
    // After a failure the email stays and the password is empty: type it again.
    {
        let password_ref = password_ref.clone();
        use_effect_with(form.failures, move |&failures| {
            if failures > 0 {
                focus(&password_ref);
            }
        });
    }
    {
        let form = form.clone();
        let command = use_command();
        use_effect_with(form.submit_seq, move |&seq| {
            if seq > 0 && form.busy {
                let dispatcher = form.dispatcher();
                let app = command.app();
                command.call(
                    commands::SIGN_IN,
                    form.request(),
                    move |answer| match answer {
                        Ok(session) => {
                            if let Some(app) = app {
                                app.dispatch(AppAction::SignedIn(session));
                            }
                        }
                        Err(error) => dispatcher.dispatch(SignInAction::Failed(error)),
                    },
                );
            }
        });
    }

    let onsubmit = {
        let dispatcher = form.dispatcher();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatcher.dispatch(SignInAction::Submit);
        })
    };
    let onkeydown = {
        let dispatcher = form.dispatcher();
        let has_error = form.error.is_some();
        Callback::from(move |e: KeyboardEvent| {
            if has_error && e.key() == "Escape" {
                dispatcher.dispatch(SignInAction::DismissError);
            }
        })
    };
    let on_email = {
        let dispatcher = form.dispatcher();
        Callback::from(move |v: String| dispatcher.dispatch(SignInAction::EditEmail(v)))
    };
    let on_password = {
        let dispatcher = form.dispatcher();
        Callback::from(move |v: String| dispatcher.dispatch(SignInAction::EditPassword(v)))
    };
    let dismiss = {
        let dispatcher = form.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(SignInAction::DismissError))
    };

    html! {
        <main class="auth">
            <section class="card auth-card" aria-labelledby="signin-title">
                <div class="auth-brand">
                    <LogoMark size={32} />
                    <span class="brand-name">{ "Keydesk" }</span>
                </div>
                <h1 class="auth-title" id="signin-title">{ "Sign in to Keydesk" }</h1>
                <p class="auth-lead">{ "Use the email and password your agency set up for you." }</p>
                if let (Some(notice), None) = (&props.notice, &form.error) {
                    <Banner id="signin-notice" tone={Tone::Neutral} message={notice.clone()} />
                }
                if let Some(message) = &form.error {
                    <Banner id="signin-error" message={message.clone()} ondismiss={dismiss} />
                }
                <form class="form" novalidate=true {onsubmit} {onkeydown}>
                    <TextField
                        id="signin-email"
                        label="Email"
                        input_type="email"
                        autocomplete="username"
                        autofocus=true
                        value={form.email.clone()}
                        input_ref={email_ref}
                        oninput={on_email}
                    />
                    <TextField
                        id="signin-password"
                        label="Password"
                        input_type="password"
                        autocomplete="current-password"
                        value={form.password.clone()}
                        input_ref={password_ref}
                        oninput={on_password}
                    />
                    <SubmitButton
                        id="signin-submit"
                        class="btn btn-primary btn-block"
                        label="Sign in"
                        busy_label="Signing in…"
                        busy={form.busy}
                    />
                </form>
                <p class="muted small auth-foot">
                    { "Forgot your password? Ask the agency's owner or an admin to reset it." }
                </p>
            </section>
        </main>
    }
}
