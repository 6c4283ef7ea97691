use keydesk_api::SessionInfo;

use crate::components::sign_out_button::{use_sign_out, SignOutButton};
use crate::prelude::*;
use crate::state::unlock::{UnlockField, UnlockForm};

#[derive(Properties, PartialEq)]
pub struct LockScreenProps {
    pub session: SessionInfo,
}

/// `#lock-screen`: the whole window after idle time. Nothing of the shell is kept but the
/// page to return to; the person's password opens it again.
#[component]
pub fn LockScreen(props: &LockScreenProps) -> Html {
    let form = use_form(
        UnlockForm::default,
        true,
        |form: &UnlockForm, submission| {
            submission.sign_in(commands::UNLOCK_SESSION, form.request())
        },
    );
    let sign_out = use_sign_out();
    let words = use_words();

    let session = &props.session;
    html! {
        <main class="auth lock" id="lock-screen">
            <section class="card auth-card" aria-labelledby="lock-title" aria-describedby="lock-lead">
                <div class="card-icon tone-accent"><Icon name={IconName::Lock} size={22} /></div>
                <h1 class="auth-title" id="lock-title">{ words.t("lock-title") }</h1>
                <p class="auth-lead" id="lock-lead">{ words.t("lock-lead") }</p>
                <div class="lock-who">
                    <span class="avatar" aria-hidden="true">{ initials(&session.display_name) }</span>
                    <div class="lock-who-text">
                        <span class="lock-name" id="lock-name">{ session.display_name.clone() }</span>
                        <span class="muted small">{ session.email.clone() }</span>
                    </div>
                </div>
                if let Some(message) = form.banner() {
                    <Banner id="unlock-error" {message} />
                }
                if let Some(message) = sign_out.error {
                    <Banner id="lock-sign-out-error" message={message.clone()} />
                }
                <form class="form" novalidate=true onsubmit={form.onsubmit()}>
                    // The email is here for password managers; the person need not type it.
                    <input type="email" class="visually-hidden" autocomplete="username"
                        value={session.email.clone()} readonly=true tabindex="-1" aria-hidden="true" />
                    <TextField
                        id="unlock-password"
                        label={words.t("lock-password")}
                        input_type="password"
                        autocomplete="current-password"
                        autofocus=true
                        value={form.password.clone()}
                        input_ref={form.node(UnlockField)}
                        oninput={form.edit(UnlockField)}
                    />
                    <SubmitButton
                        id="unlock-submit"
                        class="btn btn-primary btn-block"
                        label={words.t("lock-submit")}
                        busy_label={words.t("lock-busy")}
                        busy={form.meta.busy}
                    />
                </form>
                <p class="muted small auth-foot">
                    { words.t_with("lock-not-you", &[("name", first_name(&session.display_name))]) }
                    { " " }
                    <SignOutButton id="lock-sign-out" busy={sign_out.busy} onclick={sign_out.onclick} />
                </p>
            </section>
        </main>
    }
}

/// Up to two initials for the round badge ("Olivia Owner" → "OO").
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_first_names() {
        assert_eq!(initials("Olivia Owner"), "OO");
        assert_eq!(initials("alex"), "A");
        assert_eq!(initials("Jean Paul Sartre"), "JP");
        assert_eq!(initials(""), "");
        assert_eq!(first_name("Olivia Owner"), "Olivia");
        assert_eq!(first_name(""), "");
    }
}
