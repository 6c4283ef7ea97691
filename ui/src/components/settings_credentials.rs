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
use crate::words::Words;

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

/// The band's name: the policy's own scale, not a password's strength meter.
fn band_name(words: &Words, band: EntropyBand) -> String {
    match band {
        EntropyBand::Weak => words.t("settings-credential-band-weak"),
        EntropyBand::Good => words.t("settings-credential-band-good"),
        EntropyBand::Strong => words.t("settings-credential-band-strong"),
    }
}

/// Settings → Credentials: how customer passwords are made, how long they wait to be
/// handed over, and how long a copied one stays on the clipboard.
#[component]
pub fn SettingsCredentials(props: &SettingsCredentialsProps) -> Html {
    let command = use_command();
    let words = use_words();
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
    let check = |id: &'static str, label: String, on: bool, which: PolicySwitch| {
        html! {
            <label class="policy-check" for={id}>
                <input type="checkbox" class="checkbox" {id} checked={on} disabled={disabled}
                    onchange={switch(which).reform(checked)} />
                <span>{ label }</span>
            </label>
        }
    };
    let number = |field: CredentialField, label: String, min: u32, max: u32, hint| {
        html! {
            // Text, not `number`: a number input drops Persian digits before anyone reads them.
            <TextField id={field.input_id()} {label} input_type="text" inputmode="numeric"
                min={min.to_string()} max={max.to_string()} value={form.value(field).to_owned()}
                error={form.field_error(field)} hint={hint} disabled={disabled}
                input_ref={form.node(field)} oninput={form.edit(field)} />
        }
    };
    let range_hint = |id: &str, min: u32, max: u32| {
        let (min, max) = (words.number(min), words.number(max));
        Some(words.t_with(id, &[("min", &min), ("max", &max)]))
    };
    let entropy = match form.entropy.remote.loaded() {
        Some(entropy) => html! {
            <span id="credential-entropy" class="entropy" aria-live="polite">
                <Badge tone={band_tone(entropy.band)} text={band_name(&words, entropy.band)} />
                <span class="muted small">
                    { words.t_with("settings-credential-entropy-bits", &[("bits", &words.number(entropy.bits))]) }
                </span>
            </span>
        },
        None => html! {
            <span id="credential-entropy" class="entropy muted small" aria-live="polite">
                { words.t("settings-credential-entropy-none") }
            </span>
        },
    };

    html! {
        <article class="card form-card" id="settings-credentials">
            <FormCardHead icon={IconName::Key} title_id={props.title_id.clone()} title={words.t("settings-credentials")}
                lead={words.t("settings-credential-lead")} />
            <LoadGate what={words.t("settings-what")} error_id="credential-load-error" retry_id="credential-retry"
                remote={form.load.remote.clone()} onretry={retry}>
                if !can_change {
                    <p class="muted small" id="credential-read-only">
                        { words.t("settings-read-only") }
                    </p>
                }
                if let Some(message) = form.banner() {
                    <Banner id="credential-error" {message} ondismiss={form.dismiss()} />
                }
                <form class="form" novalidate=true onsubmit={form.onsubmit()}>
                    <fieldset class="policy-fieldset">
                        <legend class="field-label">{ words.t("settings-credential-policy") }</legend>
                        <div class="policy-top">
                            { number(CredentialField::Length, words.t("settings-credential-length"), MIN_LENGTH, MAX_LENGTH, None) }
                            <div class="entropy-wrap">
                                <span class="field-label">{ words.t("settings-credential-strength") }</span>
                                { entropy }
                            </div>
                        </div>
                        <div class="policy-checks" role="group" aria-label={words.t("settings-credential-classes")}>
                            { check("credential-lower", words.t("settings-credential-lower"), form.lower, PolicySwitch::Lower) }
                            { check("credential-upper", words.t("settings-credential-upper"), form.upper, PolicySwitch::Upper) }
                            { check("credential-digits", words.t("settings-credential-digits"), form.digits, PolicySwitch::Digits) }
                            { check("credential-symbols", words.t("settings-credential-symbols"), form.symbols, PolicySwitch::Symbols) }
                        </div>
                        <FieldError id="credential-classes-error" error={class_error} />
                        <CheckField id="credential-lookalikes" label={words.t("settings-credential-lookalikes")}
                            checked={form.exclude_lookalikes} disabled={disabled}
                            onchange={switch(PolicySwitch::ExcludeLookalikes)}>
                            { words.t("settings-credential-lookalikes-hint") }
                        </CheckField>
                    </fieldset>
                    <div class="form-columns">
                        { number(CredentialField::ExpiryDays, words.t("settings-credential-expiry-days"), MIN_EXPIRY_DAYS, MAX_EXPIRY_DAYS,
                            range_hint("settings-credential-expiry-days-hint", MIN_EXPIRY_DAYS, MAX_EXPIRY_DAYS)) }
                        { number(CredentialField::ClipboardSeconds, words.t("settings-credential-clipboard-seconds"), 0, MAX_CLIPBOARD_SECONDS,
                            range_hint("settings-credential-clipboard-seconds-hint", 0, MAX_CLIPBOARD_SECONDS)) }
                    </div>
                    <CheckField id="credential-agents-see-once" label={words.t("settings-credential-agents-see-once")}
                        checked={form.agents_see_once} disabled={disabled || !is_owner}
                        onchange={form.own(CredentialsAction::AgentsSeeOnce)}>
                        { words.t(if is_owner {
                            "settings-credential-agents-see-once-hint"
                        } else {
                            "settings-credential-agents-see-once-hint-not-owner"
                        }) }
                    </CheckField>
                    <div class="form-actions">
                        <SubmitButton id="credential-save" label={words.t("settings-credential-save")}
                            busy_label={words.t("saving")} busy={form.meta.busy} disabled={disabled} />
                        if form.saved {
                            <SavedNote id="credential-saved" text={words.t("settings-credential-saved")} />
                        }
                    </div>
                </form>
            </LoadGate>
        </article>
    }
}
