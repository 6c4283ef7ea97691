use keydesk_api::SessionInfo;

use super::password_toggle::{password_type, reveal_keys, PasswordToggle};
use super::saved_note::SavedNote;
use super::strength_meter::StrengthMeter;
use crate::prelude::*;
use crate::state::password_form::{PasswordAction, PasswordField, PasswordForm};

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
    let words = use_words();
    let onchanged = props.onchanged.clone();
    let form = use_form(
        PasswordForm::default,
        props.autofocus,
        move |form: &PasswordForm, submission| {
            submission.call(
                commands::CHANGE_OWN_PASSWORD,
                form.request(),
                move |session: SessionInfo, dispatcher| {
                    dispatcher.dispatch(FormAction::Own(PasswordAction::Succeeded));
                    onchanged.emit(session);
                },
            );
        },
    );
    let toggle = form.own(|()| PasswordAction::ToggleShowPassword);
    let id = |field: PasswordField| field.prefixed_id(&props.id_prefix);
    let field = |field: PasswordField, label: AttrValue, children: Html| {
        html! {
            <TextField
                id={id(field)}
                {label}
                input_type={password_type(form.show_password)}
                autocomplete={if field == PasswordField::Current { "current-password" } else { "new-password" }}
                value={form.value(field).to_owned()}
                error={form.field_error(field)}
                input_ref={form.node(field)}
                oninput={form.edit(field)}
                onblur={form.blur(field)}
                onkeydown={reveal_keys(toggle.clone())}
            >
                { children }
            </TextField>
        }
    };
    let new_id = id(PasswordField::New);
    let controls = format!(
        "{} {new_id} {}",
        id(PasswordField::Current),
        id(PasswordField::Confirm)
    );

    html! {
        <form class="form" novalidate=true onsubmit={form.onsubmit()} onkeydown={form.onkeydown()}>
            if let Some(message) = form.banner() {
                <Banner id={props.banner_id.clone()} {message} ondismiss={form.dismiss()} />
            }
            { field(PasswordField::Current, props.current_label.clone(), Html::default()) }
            { field(PasswordField::New, words.t("new-password").into(), html! {
                <PasswordToggle id={format!("{new_id}-toggle")} controls={controls}
                    shown={form.show_password} ontoggle={toggle.clone()} />
            }) }
            <StrengthMeter
                password={form.new.clone()}
                user_inputs={vec![props.session.email.clone(), props.session.display_name.clone()]}
            />
            { field(PasswordField::Confirm, words.t("confirm-new-password").into(), Html::default()) }
            <div class={classes!("form-actions", props.block_button.then_some("form-actions-block"))}>
                <SubmitButton
                    id={props.submit_id.clone()}
                    class={classes!("btn", "btn-primary", props.block_button.then_some("btn-block")).to_string()}
                    label={props.submit_label.clone()}
                    busy_label={props.busy_label.clone()}
                    busy={form.meta.busy}
                />
                if let (Some(saved_id), true) = (&props.saved_id, form.saved) {
                    <SavedNote id={saved_id.clone()} text={words.t("password-changed")} />
                }
            </div>
        </form>
    }
}
