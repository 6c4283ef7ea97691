use keydesk_api::{CredentialSettingsView, EntropyBand, Permission, Role, SessionInfo};

use super::form_card_head::FormCardHead;
use super::load_gate::LoadGate;
use super::saved_note::SavedNote;
use crate::hooks::use_request::use_request;
use crate::hooks::use_settled::use_settled;
use crate::prelude::*;
use crate::state::credential_settings::{
    CredentialField, CredentialSettingsForm, CredentialsAction, PolicySwitch,
    MAX_CLIPBOARD_SECONDS, MAX_EXPIRY_DAYS, MAX_LENGTH, MIN_EXPIRY_DAYS, MIN_LENGTH,
};

/// Pause after the last change before the shell is asked for the policy's entropy.
const ENTROPY_DEBOUNCE_MS: u32 = 150;

#[derive(Properties, PartialEq)]
pub struct SettingsCredentialsProps {
    pub session: SessionInfo,
    /// The id of the panel's heading (`settings-panel-credentials-title`).
    pub title_id: AttrValue,
}

fn band_tone(band: EntropyBand) -> Tone {
    match band {
        EntropyBand::Weak => Tone::Danger,
        EntropyBand::Good => Tone::Warning,
        EntropyBand::Strong => Tone::Success,
    }
}

/// Settings → Credentials: how customer passwords are made, how long they wait to be
/// handed over, and how long a copied one stays on the clipboard.
#[component]
pub fn SettingsCredentials(props: &SettingsCredentialsProps) -> Html {
    let command = use_command();
    let form = use_form(
        CredentialSettingsForm::default,
        false,
        |form: &CredentialSettingsForm, submission| {
            if let Some(settings) = form.settings() {
                submission.call(
                    commands::SAVE_CREDENTIAL_SETTINGS,
                    settings,
                    |view: CredentialSettingsView, dispatcher| {
                        dispatcher.dispatch(FormAction::Own(CredentialsAction::Saved(view)))
                    },
                );
            }
        },
    );
    let can_change = props
        .session
        .permissions
        .contains(&Permission::ChangeCredentialSettings);
    let is_owner = props.session.role == Role::Owner;

    let (dispatcher, load) = (form.dispatcher(), command.clone());
    use_request(&form.load, move |seq| {
        load.dispatch(
            commands::GET_CREDENTIAL_SETTINGS,
            (),
            dispatcher,
            move |answer| FormAction::Own(CredentialsAction::Loaded { seq, answer }),
        );
    });
    {
        let (seq, policy, dispatcher) = (form.entropy.seq, form.policy(), form.dispatcher());
        use_settled(seq, ENTROPY_DEBOUNCE_MS, move || {
            if let Some(policy) = policy {
                command.dispatch(
                    commands::PASSWORD_POLICY_ENTROPY,
                    policy,
                    dispatcher,
                    move |answer| FormAction::Own(CredentialsAction::Entropy { seq, answer }),
                );
            }
        });
    }

    let switch = |which: PolicySwitch| form.own(move |on| CredentialsAction::Switch(which, on));
    let retry = form.own(|_: MouseEvent| CredentialsAction::Reload);
    let loaded = form.load.remote.loaded().is_some();
    let disabled = !can_change || !loaded || form.meta.busy;
    let class_error = form.field_error(CredentialField::Classes);
    let check = |id: &'static str, label: &'static str, on: bool, which: PolicySwitch| {
        html! {
            <label class="policy-check" for={id}>
                <input type="checkbox" class="checkbox" {id} checked={on} disabled={disabled}
                    onchange={switch(which).reform(checked)} />
                <span>{ label }</span>
            </label>
        }
    };
    let number = |field: CredentialField, label: &'static str, min: u32, max: u32, hint| {
        html! {
            // Text, not `number`: a number input drops Persian digits before anyone reads them.
            <TextField id={field.input_id()} {label} input_type="text" inputmode="numeric"
                min={min.to_string()} max={max.to_string()} value={form.value(field).to_owned()}
                error={form.field_error(field)} hint={hint} disabled={disabled}
                input_ref={form.node(field)} oninput={form.edit(field)} />
        }
    };
    let entropy = match form.entropy.remote.loaded() {
        Some(entropy) => html! {
            <span id="credential-entropy" class="entropy" aria-live="polite">
                <Badge tone={band_tone(entropy.band)} text={entropy.band.label()} />
                <span class="muted small">{ format!("about {} bits", entropy.bits) }</span>
            </span>
        },
        None => html! {
            <span id="credential-entropy" class="entropy muted small" aria-live="polite">
                { "Fix the policy to see its strength" }
            </span>
        },
    };

    html! {
        <article class="card form-card" id="settings-credentials">
            <FormCardHead icon={IconName::Key} title_id={props.title_id.clone()} title="Credentials"
                lead="How customers' portal passwords are made, and how long they wait to be handed over." />
            <LoadGate what="the settings" error_id="credential-load-error" retry_id="credential-retry"
                remote={form.load.remote.clone()} onretry={retry}>
                if !can_change {
                    <p class="muted small" id="credential-read-only">
                        { "You can see these settings; your role cannot change them." }
                    </p>
                }
                if let Some(message) = &form.meta.banner {
                    <Banner id="credential-error" message={message.clone()} ondismiss={form.dismiss()} />
                }
                <form class="form" novalidate=true onsubmit={form.onsubmit()}>
                    <fieldset class="policy-fieldset">
                        <legend class="field-label">{ "Password policy" }</legend>
                        <div class="policy-top">
                            { number(CredentialField::Length, "Length (characters)", MIN_LENGTH, MAX_LENGTH, None) }
                            <div class="entropy-wrap">
                                <span class="field-label">{ "Strength" }</span>
                                { entropy }
                            </div>
                        </div>
                        <div class="policy-checks" role="group" aria-label="Characters used">
                            { check("credential-lower", "Lowercase a–z", form.lower, PolicySwitch::Lower) }
                            { check("credential-upper", "Uppercase A–Z", form.upper, PolicySwitch::Upper) }
                            { check("credential-digits", "Digits 0–9", form.digits, PolicySwitch::Digits) }
                            { check("credential-symbols", "Symbols !#%…", form.symbols, PolicySwitch::Symbols) }
                        </div>
                        <FieldError id="credential-classes-error" error={class_error} />
                        <CheckField id="credential-lookalikes" label="Leave out look-alike characters"
                            checked={form.exclude_lookalikes} disabled={disabled}
                            onchange={switch(PolicySwitch::ExcludeLookalikes)}>
                            { "0 O o 1 l I are never used, so a password read out over the phone is not misheard." }
                        </CheckField>
                    </fieldset>
                    <div class="form-columns">
                        { number(CredentialField::ExpiryDays, "Handoffs expire after (days)", MIN_EXPIRY_DAYS, MAX_EXPIRY_DAYS,
                            Some(format!("{MIN_EXPIRY_DAYS} to {MAX_EXPIRY_DAYS}. An expired password is destroyed; reset it to issue a new one."))) }
                        { number(CredentialField::ClipboardSeconds, "Clear the clipboard after (seconds)", 0, MAX_CLIPBOARD_SECONDS,
                            Some(format!("0 to {MAX_CLIPBOARD_SECONDS}; 0 never clears it. Only cleared if it still holds what Keydesk copied."))) }
                    </div>
                    <CheckField id="credential-agents-see-once" label="Agents see a new customer's password once"
                        checked={form.agents_see_once} disabled={disabled || !is_owner}
                        onchange={form.own(CredentialsAction::AgentsSeeOnce)}>
                        { "Right after creating the customer, so they can hand it over on the spot. " }
                        if !is_owner { { "Only the owner can change this." } }
                    </CheckField>
                    <div class="form-actions">
                        <SubmitButton id="credential-save" label="Save credential settings"
                            busy_label="Saving…" busy={form.meta.busy} disabled={disabled} />
                        if form.saved {
                            <SavedNote id="credential-saved" text="Saved. New logins follow this policy." />
                        }
                    </div>
                </form>
            </LoadGate>
        </article>
    }
}
