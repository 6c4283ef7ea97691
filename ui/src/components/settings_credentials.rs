use gloo_timers::callback::Timeout;
use keydesk_api::{CredentialSettingsView, EntropyBand, Permission, Role, SessionInfo};
use web_sys::HtmlInputElement;

use super::form_card_head::FormCardHead;
use super::load_gate::LoadGate;
use super::saved_note::SavedNote;
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

    {
        let dispatcher = form.dispatcher();
        let command = command.clone();
        use_effect_with(form.load.seq, move |&seq| {
            command.dispatch0(
                commands::GET_CREDENTIAL_SETTINGS,
                dispatcher,
                move |answer| FormAction::Own(CredentialsAction::Loaded { seq, answer }),
            );
        });
    }
    {
        let dispatcher = form.dispatcher();
        let policy = form.policy();
        use_effect_with(form.entropy_seq, move |&seq| {
            let timer = policy.filter(|_| seq > 0).map(|policy| {
                Timeout::new(ENTROPY_DEBOUNCE_MS, move || {
                    command.dispatch(
                        commands::PASSWORD_POLICY_ENTROPY,
                        policy,
                        dispatcher,
                        move |answer| FormAction::Own(CredentialsAction::Entropy { seq, answer }),
                    );
                })
            });
            move || drop(timer)
        });
    }

    let switch = |which: PolicySwitch| {
        form.own(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            CredentialsAction::Switch(which, on)
        })
    };
    let on_agents = form.own(|e: Event| {
        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
        CredentialsAction::AgentsSeeOnce(on)
    });
    let retry = form.own(|_: MouseEvent| CredentialsAction::Reload);
    let loaded = form.load.remote.loaded().is_some();
    let disabled = !can_change || !loaded || form.meta.busy;
    let class_error = form.field_error(CredentialField::Classes);
    let check = |id: &'static str, label: &'static str, on: bool, which: PolicySwitch| {
        html! {
            <label class="policy-check" for={id}>
                <input type="checkbox" class="checkbox" {id} checked={on} disabled={disabled}
                    onchange={switch(which)} />
                <span>{ label }</span>
            </label>
        }
    };
    let entropy = match form.entropy {
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
                failure={form.load.remote.failure().map(str::to_owned)} {loaded} onretry={retry}>
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
                            <TextField id="credential-length" label="Length (characters)"
                                input_type="number" inputmode="numeric"
                                min={MIN_LENGTH.to_string()} max={MAX_LENGTH.to_string()}
                                value={form.length.clone()} error={form.field_error(CredentialField::Length)}
                                disabled={disabled} input_ref={form.node(CredentialField::Length)}
                                oninput={form.edit(CredentialField::Length)} />
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
                        <div class="check-field">
                            <input type="checkbox" id="credential-lookalikes" class="checkbox"
                                checked={form.exclude_lookalikes} disabled={disabled}
                                onchange={switch(PolicySwitch::ExcludeLookalikes)}
                                aria-describedby="credential-lookalikes-hint" />
                            <div>
                                <label for="credential-lookalikes" class="check-label">{ "Leave out look-alike characters" }</label>
                                <p class="field-hint" id="credential-lookalikes-hint">
                                    { "0 O o 1 l I are never used, so a password read out over the phone is not misheard." }
                                </p>
                            </div>
                        </div>
                    </fieldset>
                    <div class="form-columns">
                        <TextField id="credential-expiry-days" label="Handoffs expire after (days)"
                            input_type="number" inputmode="numeric"
                            min={MIN_EXPIRY_DAYS.to_string()} max={MAX_EXPIRY_DAYS.to_string()}
                            value={form.expiry_days.clone()} error={form.field_error(CredentialField::ExpiryDays)}
                            hint={format!("{MIN_EXPIRY_DAYS} to {MAX_EXPIRY_DAYS}. An expired password is destroyed; reset it to issue a new one.")}
                            disabled={disabled} input_ref={form.node(CredentialField::ExpiryDays)}
                            oninput={form.edit(CredentialField::ExpiryDays)} />
                        <TextField id="credential-clipboard-seconds" label="Clear the clipboard after (seconds)"
                            input_type="number" inputmode="numeric"
                            min="0" max={MAX_CLIPBOARD_SECONDS.to_string()}
                            value={form.clipboard_seconds.clone()} error={form.field_error(CredentialField::ClipboardSeconds)}
                            hint={format!("0 to {MAX_CLIPBOARD_SECONDS}; 0 never clears it. Only cleared if it still holds what Keydesk copied.")}
                            disabled={disabled} input_ref={form.node(CredentialField::ClipboardSeconds)}
                            oninput={form.edit(CredentialField::ClipboardSeconds)} />
                    </div>
                    <div class="check-field">
                        <input type="checkbox" id="credential-agents-see-once" class="checkbox"
                            checked={form.agents_see_once} disabled={disabled || !is_owner}
                            onchange={on_agents} aria-describedby="credential-agents-see-once-hint" />
                        <div>
                            <label for="credential-agents-see-once" class="check-label">
                                { "Agents see a new customer's password once" }
                            </label>
                            <p class="field-hint" id="credential-agents-see-once-hint">
                                { "Right after creating the customer, so they can hand it over on the spot. " }
                                if !is_owner { { "Only the owner can change this." } }
                            </p>
                        </div>
                    </div>
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
