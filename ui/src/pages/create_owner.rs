use keydesk_api::{commands, PasswordStrength, SessionInfo};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::banner::Banner;
use crate::components::icon::{Icon, IconName, LogoMark};
use crate::components::strength_meter::StrengthMeter;
use crate::components::text_field::TextField;
use crate::dom::{focus, is_reveal_shortcut};
use crate::ipc;
use crate::state::app::{AppAction, AppDispatch};
use crate::state::owner_form::{OwnerField, OwnerForm, OwnerFormAction};

/// First run: the person creating the owner account owns the agency's data.
#[component]
pub fn CreateOwnerPage() -> Html {
    let app = use_context::<AppDispatch>();
    let form = use_reducer(OwnerForm::default);
    let refs = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
    let field_ref = |field: OwnerField| refs[field as usize].clone();

    {
        let email = field_ref(OwnerField::Email);
        use_effect_with((), move |_| focus(&email));
    }

    // Ask for a strength reading whenever the password changes.
    {
        let form = form.clone();
        use_effect_with(form.password_rev, move |&rev| {
            if let Some(request) = form.strength_request() {
                let dispatcher = form.dispatcher();
                spawn_local(async move {
                    let answer: Result<PasswordStrength, _> =
                        ipc::call(commands::PASSWORD_STRENGTH, &request).await;
                    dispatcher.dispatch(match answer {
                        Ok(strength) => OwnerFormAction::StrengthLoaded { rev, strength },
                        Err(e) => OwnerFormAction::StrengthFailed {
                            rev,
                            message: e.message,
                        },
                    });
                });
            }
        });
    }

    // Send the form once the reducer has accepted a submit.
    {
        let form = form.clone();
        let app = app.clone();
        use_effect_with(form.submit_seq, move |&seq| {
            if seq > 0 && form.busy {
                let request = form.request();
                let dispatcher = form.dispatcher();
                spawn_local(async move {
                    let answer: Result<SessionInfo, _> =
                        ipc::call(commands::CREATE_OWNER, &request).await;
                    match answer {
                        Ok(session) => {
                            dispatcher.dispatch(OwnerFormAction::Succeeded);
                            if let Some(app) = app {
                                app.dispatch(AppAction::SignedIn(session));
                            }
                        }
                        Err(error) => {
                            dispatcher.dispatch(OwnerFormAction::Failed(error.clone()));
                            if let Some(app) = app {
                                app.dispatch(AppAction::Failed(error));
                            }
                        }
                    }
                });
            }
        });
    }

    // After a refused submit, put focus on the first field that needs attention.
    {
        let form = form.clone();
        let refs = refs.clone();
        use_effect_with(form.attempts, move |&attempts| {
            if attempts > 0 && !form.busy {
                if let Some(field) = form.first_error_field() {
                    focus(&refs[field as usize]);
                }
            }
        });
    }

    let onsubmit = {
        let dispatcher = form.dispatcher();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatcher.dispatch(OwnerFormAction::Submit);
        })
    };
    let onkeydown_form = {
        let dispatcher = form.dispatcher();
        let has_banner = form.banner.is_some();
        Callback::from(move |e: KeyboardEvent| {
            if has_banner && e.key() == "Escape" {
                dispatcher.dispatch(OwnerFormAction::DismissBanner);
            }
        })
    };
    let edit = |field: OwnerField| {
        let dispatcher = form.dispatcher();
        Callback::from(move |value: String| {
            dispatcher.dispatch(OwnerFormAction::Edit(field, value))
        })
    };
    let blur = |field: OwnerField| {
        let dispatcher = form.dispatcher();
        Some(Callback::from(move |()| {
            dispatcher.dispatch(OwnerFormAction::Blur(field))
        }))
    };
    let toggle_show = {
        let dispatcher = form.dispatcher();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(OwnerFormAction::ToggleShowPassword)
        })
    };
    let keep_focus = Callback::from(|e: MouseEvent| e.prevent_default());
    let reveal_keys = {
        let dispatcher = form.dispatcher();
        Some(Callback::from(move |e: KeyboardEvent| {
            if is_reveal_shortcut(&e) {
                e.prevent_default();
                dispatcher.dispatch(OwnerFormAction::ToggleShowPassword);
            }
        }))
    };
    let dismiss_banner = {
        let dispatcher = form.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(OwnerFormAction::DismissBanner))
    };

    let password_type = if form.show_password {
        "text"
    } else {
        "password"
    };
    let (toggle_label, toggle_icon) = if form.show_password {
        ("Hide passwords", IconName::EyeOff)
    } else {
        ("Show passwords", IconName::Eye)
    };

    html! {
        <main class="auth">
            <section class="card auth-card" aria-labelledby="create-owner-title">
                <div class="auth-brand">
                    <LogoMark size={32} />
                    <span class="brand-name">{ "Keydesk" }</span>
                </div>
                <h1 class="auth-title" id="create-owner-title">{ "Create the owner account" }</h1>
                <p class="auth-lead">
                    { "The owner holds the agency's data: every customer, the credentials to hand over, staff and settings." }
                </p>
                if let Some(message) = &form.banner {
                    <Banner id="create-owner-error" message={message.clone()} ondismiss={dismiss_banner} />
                }
                <form class="form" novalidate=true {onsubmit} onkeydown={onkeydown_form}>
                    <TextField
                        id={OwnerField::Email.input_id()}
                        label="Email"
                        input_type="email"
                        autocomplete="username"
                        autofocus=true
                        value={form.email.clone()}
                        error={form.field_error(OwnerField::Email)}
                        input_ref={field_ref(OwnerField::Email)}
                        oninput={edit(OwnerField::Email)}
                        onblur={blur(OwnerField::Email)}
                    />
                    <TextField
                        id={OwnerField::DisplayName.input_id()}
                        label="Display name"
                        autocomplete="name"
                        value={form.display_name.clone()}
                        error={form.field_error(OwnerField::DisplayName)}
                        input_ref={field_ref(OwnerField::DisplayName)}
                        oninput={edit(OwnerField::DisplayName)}
                        onblur={blur(OwnerField::DisplayName)}
                    />
                    <TextField
                        id={OwnerField::Password.input_id()}
                        label="Password"
                        input_type={password_type}
                        autocomplete="new-password"
                        value={form.password.clone()}
                        error={form.field_error(OwnerField::Password)}
                        input_ref={field_ref(OwnerField::Password)}
                        oninput={edit(OwnerField::Password)}
                        onblur={blur(OwnerField::Password)}
                        onkeydown={reveal_keys.clone()}
                    >
                        <button
                            type="button"
                            id="owner-password-toggle"
                            class="input-action"
                            tabindex="-1"
                            aria-label={toggle_label}
                            aria-pressed={if form.show_password { "true" } else { "false" }}
                            aria-controls="owner-password owner-password-confirm"
                            title={format!("{toggle_label} (Alt+F8)")}
                            onmousedown={keep_focus}
                            onclick={toggle_show}
                        >
                            <Icon name={toggle_icon} size={18} />
                        </button>
                    </TextField>
                    <StrengthMeter
                        strength={form.strength.clone()}
                        has_password={!form.password.is_empty()}
                        error={form.strength_error.clone()}
                    />
                    <TextField
                        id={OwnerField::PasswordConfirm.input_id()}
                        label="Confirm password"
                        input_type={password_type}
                        autocomplete="new-password"
                        value={form.password_confirm.clone()}
                        error={form.field_error(OwnerField::PasswordConfirm)}
                        input_ref={field_ref(OwnerField::PasswordConfirm)}
                        oninput={edit(OwnerField::PasswordConfirm)}
                        onblur={blur(OwnerField::PasswordConfirm)}
                        onkeydown={reveal_keys}
                    />
                    <button
                        type="submit"
                        id="create-owner-submit"
                        class="btn btn-primary btn-block"
                        disabled={form.busy}
                        aria-busy={form.busy.then_some("true")}
                    >
                        if form.busy {
                            <span class="spinner spinner-sm" aria-hidden="true"></span>
                            { "Creating account…" }
                        } else {
                            { "Create owner account" }
                        }
                    </button>
                </form>
            </section>
        </main>
    }
}
