use keydesk_api::{SessionInfo, WindowPreferences};

use crate::components::icon::LogoMark;
use crate::components::join_agency_dialog::JoinAgencyDialog;
use crate::components::password_toggle::{password_type, reveal_keys, PasswordToggle};
use crate::components::restore_dialog::RestoreDialog;
use crate::components::strength_meter::StrengthMeter;
use crate::components::window_language::WindowLanguage;
use crate::prelude::*;
use crate::state::app::AppAction;
use crate::state::owner_form::{OwnerAction, OwnerField, OwnerForm};

/// First run: the person creating the owner account owns the agency's data.
#[component]
pub fn CreateOwnerPage() -> Html {
    // A language chosen here is sent with the new account, to be the owner's own.
    let chosen = use_state(|| None::<WindowPreferences>);
    let chosen_now = *chosen;
    let form = use_form(
        OwnerForm::default,
        true,
        move |form: &OwnerForm, submission| {
            let app = submission.app();
            submission.call(
                commands::CREATE_OWNER,
                form.request(chosen_now),
                move |session: SessionInfo, dispatcher| {
                    dispatcher.dispatch(FormAction::Own(OwnerAction::Succeeded));
                    app.emit(AppAction::SignedIn(session));
                },
            );
        },
    );
    // Moving to a new computer: the agency's data comes from a backup instead.
    let restoring = use_state(|| false);
    // A new desk of an agency that already works with Keydesk: it joins instead.
    let joining = use_state(|| false);
    let toggle = form.own(|()| OwnerAction::ToggleShowPassword);
    let words = use_words();
    let field = |field: OwnerField| {
        // Only the password has the eye; `Html::default()` keeps the others plain.
        let action = if field == OwnerField::Password {
            html! {
                <PasswordToggle id="owner-password-toggle"
                    controls="owner-password owner-password-confirm"
                    shown={form.show_password} ontoggle={toggle.clone()} />
            }
        } else {
            Html::default()
        };
        let password = password_type(form.show_password);
        let (label, input_type, autocomplete) = match field {
            OwnerField::Email => ("owner-email", "email", "username"),
            OwnerField::DisplayName => ("owner-display-name", "text", "name"),
            OwnerField::Password => ("owner-password", password, "new-password"),
            OwnerField::PasswordConfirm => ("owner-password-confirm", password, "new-password"),
        };
        let label = words.t(label);
        html! {
            <TextField
                id={field.input_id()}
                {label}
                {input_type}
                {autocomplete}
                autofocus={field == OwnerField::Email}
                value={form.value(field).to_owned()}
                error={form.field_error(field)}
                input_ref={form.node(field)}
                oninput={form.edit(field)}
                onblur={form.blur(field)}
                onkeydown={matches!(field, OwnerField::Password | OwnerField::PasswordConfirm)
                    .then(|| reveal_keys(toggle.clone())).flatten()}
            >
                { action }
            </TextField>
        }
    };

    html! {
        <main class="auth">
            <section class="card auth-card" aria-labelledby="create-owner-title">
                <div class="auth-brand">
                    <LogoMark size={32} />
                    <span class="brand-name">{ words.t("app-name") }</span>
                    <WindowLanguage id="create-owner-language"
                        onchosen={chosen.setter().to_callback().reform(Some)} />
                </div>
                <h1 class="auth-title" id="create-owner-title">{ words.t("owner-title") }</h1>
                <p class="auth-lead">{ words.t("owner-lead") }</p>
                if let Some(message) = form.banner() {
                    <Banner id="create-owner-error" {message} ondismiss={form.dismiss()} />
                }
                <form class="form" novalidate=true onsubmit={form.onsubmit()} onkeydown={form.onkeydown()}>
                    { field(OwnerField::Email) }
                    { field(OwnerField::DisplayName) }
                    { field(OwnerField::Password) }
                    <StrengthMeter password={form.password.clone()} user_inputs={form.user_inputs()} />
                    { field(OwnerField::PasswordConfirm) }
                    <SubmitButton
                        id="create-owner-submit"
                        class="btn btn-primary btn-block"
                        label={words.t("owner-submit")}
                        busy_label={words.t("owner-busy")}
                        busy={form.meta.busy}
                    />
                </form>
                <div class="auth-secondary">
                    <button type="button" id="create-owner-restore" class="btn btn-ghost"
                        onclick={{
                            let restoring = restoring.clone();
                            move |_: MouseEvent| restoring.set(true)
                        }}>
                        { words.t("owner-restore") }
                    </button>
                    <button type="button" id="create-owner-join" class="btn btn-ghost"
                        onclick={{
                            let joining = joining.clone();
                            move |_: MouseEvent| joining.set(true)
                        }}>
                        { words.t("owner-join") }
                    </button>
                </div>

            </section>
            if *joining {
                <JoinAgencyDialog oncancel={{
                    let joining = joining.clone();
                    move |()| joining.set(false)
                }} />
            }
            if *restoring {
                <RestoreDialog oncancel={{
                    let restoring = restoring.clone();
                    move |()| restoring.set(false)
                }} />
            }
        </main>
    }
}
