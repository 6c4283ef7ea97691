use keydesk_api::{commands, PasswordStrength, SessionInfo};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::banner::Banner;
use super::icon::{Icon, IconName};
use super::strength_meter::StrengthMeter;
use super::text_field::TextField;
use crate::dom::{focus, is_reveal_shortcut};
use crate::ipc;
use crate::state::app::{AppAction, AppDispatch};
use crate::state::password_form::{PasswordField, PasswordForm, PasswordFormAction};

#[derive(Properties, PartialEq)]
pub struct PasswordChangeFormProps {
    /// Prefix of the input ids: `""` gives `#current-password`, `"account-"` gives
    /// `#account-current-password` (errors at `#<id>-error`).
    #[prop_or_default]
    pub id_prefix: AttrValue,
    /// Whose password: their email and name must not carry it.
    pub session: SessionInfo,
    pub current_label: AttrValue,
    pub submit_id: AttrValue,
    pub submit_label: AttrValue,
    pub busy_label: AttrValue,
    /// The id of the banner for errors that concern no single field.
    pub banner_id: AttrValue,
    /// Where "Password changed" is said after a change, if the form stays on screen.
    #[prop_or_default]
    pub saved_id: Option<AttrValue>,
    /// A full-width button, as on the sign-in card.
    #[prop_or_default]
    pub block_button: bool,
    #[prop_or_default]
    pub autofocus: bool,
    /// The shell accepted the new password; the session as it is now.
    pub onchanged: Callback<SessionInfo>,
}

/// Current password, new password twice, and the strength meter; sends
/// `change_own_password` and forgets every password once it went through.
#[component]
pub fn PasswordChangeForm(props: &PasswordChangeFormProps) -> Html {
    let app = use_context::<AppDispatch>();
    let form = use_reducer(PasswordForm::default);
    let refs = [use_node_ref(), use_node_ref(), use_node_ref()];
    let id = |field: PasswordField| field.input_id(&props.id_prefix);

    {
        let first = refs[0].clone();
        let autofocus = props.autofocus;
        use_effect_with((), move |_| {
            if autofocus {
                focus(&first);
            }
        });
    }
    {
        let form = form.clone();
        let words = vec![
            props.session.email.clone(),
            props.session.display_name.clone(),
        ];
        use_effect_with(form.password_rev, move |&rev| {
            if let Some(request) = form.strength_request(&words) {
                let dispatcher = form.dispatcher();
                spawn_local(async move {
                    let answer: Result<PasswordStrength, _> =
                        ipc::call(commands::PASSWORD_STRENGTH, &request).await;
                    dispatcher.dispatch(match answer {
                        Ok(strength) => PasswordFormAction::StrengthLoaded { rev, strength },
                        Err(e) => PasswordFormAction::StrengthFailed {
                            rev,
                            message: e.message,
                        },
                    });
                });
            }
        });
    }
    {
        let form = form.clone();
        let onchanged = props.onchanged.clone();
        use_effect_with(form.submit_seq, move |&seq| {
            if seq > 0 && form.busy {
                let request = form.request();
                let dispatcher = form.dispatcher();
                spawn_local(async move {
                    let answer: Result<SessionInfo, _> =
                        ipc::call(commands::CHANGE_OWN_PASSWORD, &request).await;
                    match answer {
                        Ok(session) => {
                            dispatcher.dispatch(PasswordFormAction::Succeeded);
                            onchanged.emit(session);
                        }
                        Err(error) => {
                            dispatcher.dispatch(PasswordFormAction::Failed(error.clone()));
                            if let Some(app) = app {
                                app.dispatch(AppAction::Failed(error));
                            }
                        }
                    }
                });
            }
        });
    }
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
            dispatcher.dispatch(PasswordFormAction::Submit);
        })
    };
    let onkeydown_form = {
        let dispatcher = form.dispatcher();
        let has_banner = form.banner.is_some();
        Callback::from(move |e: KeyboardEvent| {
            if has_banner && e.key() == "Escape" {
                dispatcher.dispatch(PasswordFormAction::DismissBanner);
            }
        })
    };
    let edit = |field: PasswordField| {
        let dispatcher = form.dispatcher();
        Callback::from(move |value: String| {
            dispatcher.dispatch(PasswordFormAction::Edit(field, value))
        })
    };
    let blur = |field: PasswordField| {
        let dispatcher = form.dispatcher();
        Some(Callback::from(move |()| {
            dispatcher.dispatch(PasswordFormAction::Blur(field))
        }))
    };
    let toggle_show = {
        let dispatcher = form.dispatcher();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(PasswordFormAction::ToggleShowPassword)
        })
    };
    let keep_focus = Callback::from(|e: MouseEvent| e.prevent_default());
    let reveal_keys = {
        let dispatcher = form.dispatcher();
        Some(Callback::from(move |e: KeyboardEvent| {
            if is_reveal_shortcut(&e) {
                e.prevent_default();
                dispatcher.dispatch(PasswordFormAction::ToggleShowPassword);
            }
        }))
    };
    let dismiss_banner = {
        let dispatcher = form.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(PasswordFormAction::DismissBanner))
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
    let new_id = id(PasswordField::New);
    let confirm_id = id(PasswordField::Confirm);

    html! {
        <form class="form" novalidate=true {onsubmit} onkeydown={onkeydown_form}>
            if let Some(message) = &form.banner {
                <Banner id={props.banner_id.clone()} message={message.clone()} ondismiss={dismiss_banner} />
            }
            <TextField
                id={id(PasswordField::Current)}
                label={props.current_label.clone()}
                input_type={password_type}
                autocomplete="current-password"
                value={form.current.clone()}
                error={form.field_error(PasswordField::Current)}
                input_ref={refs[0].clone()}
                oninput={edit(PasswordField::Current)}
                onblur={blur(PasswordField::Current)}
                onkeydown={reveal_keys.clone()}
            />
            <TextField
                id={new_id.clone()}
                label="New password"
                input_type={password_type}
                autocomplete="new-password"
                value={form.new.clone()}
                error={form.field_error(PasswordField::New)}
                input_ref={refs[1].clone()}
                oninput={edit(PasswordField::New)}
                onblur={blur(PasswordField::New)}
                onkeydown={reveal_keys.clone()}
            >
                <button
                    type="button"
                    id={format!("{new_id}-toggle")}
                    class="input-action"
                    tabindex="-1"
                    aria-label={toggle_label}
                    aria-pressed={if form.show_password { "true" } else { "false" }}
                    aria-controls={format!("{} {new_id} {confirm_id}", id(PasswordField::Current))}
                    title={format!("{toggle_label} (Alt+F8)")}
                    onmousedown={keep_focus}
                    onclick={toggle_show}
                >
                    <Icon name={toggle_icon} size={18} />
                </button>
            </TextField>
            <StrengthMeter
                strength={form.strength.clone()}
                has_password={!form.new.is_empty()}
                error={form.strength_error.clone()}
            />
            <TextField
                id={confirm_id.clone()}
                label="Confirm new password"
                input_type={password_type}
                autocomplete="new-password"
                value={form.confirm.clone()}
                error={form.field_error(PasswordField::Confirm)}
                input_ref={refs[2].clone()}
                oninput={edit(PasswordField::Confirm)}
                onblur={blur(PasswordField::Confirm)}
                onkeydown={reveal_keys}
            />
            <div class={classes!("form-actions", props.block_button.then_some("form-actions-block"))}>
                <button
                    type="submit"
                    id={props.submit_id.clone()}
                    class={classes!("btn", "btn-primary", props.block_button.then_some("btn-block"))}
                    disabled={form.busy}
                    aria-busy={form.busy.then_some("true")}
                >
                    if form.busy {
                        <span class="spinner spinner-sm" aria-hidden="true"></span>
                        { props.busy_label.clone() }
                    } else {
                        { props.submit_label.clone() }
                    }
                </button>
                if let (Some(saved_id), true) = (&props.saved_id, form.saved) {
                    <p id={saved_id.clone()} class="saved-note" role="status">
                        <Icon name={IconName::CheckCircle} size={16} />
                        <span>{ "Password changed. Use the new one from now on." }</span>
                    </p>
                }
            </div>
        </form>
    }
}
