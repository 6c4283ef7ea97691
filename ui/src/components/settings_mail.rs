//! Settings → Mail (the SMTP server) and Settings → Branding (the agency's look in
//! mails, with a preview of each mail).

use keydesk_api::{Language, MailKind, PreviewMailRequest, SmtpSecurity, SmtpTestReport};

use super::form_card_head::FormCardHead;
use super::load_gate::LoadGate;
use crate::hooks::use_request::use_request;
use crate::prelude::*;
use crate::state::mail_settings::{
    BrandingField, BrandingOwn, BrandingState, MailSettingsState, SmtpField, SmtpOwn, SmtpTask,
};

#[derive(Properties, PartialEq)]
pub struct SettingsMailProps {
    /// `settings-panel-mail-title`: the heading the panel is labelled by.
    pub title_id: AttrValue,
    /// The person may edit the form to test it (else: read only).
    pub can_test: bool,
    /// The person may save the server (owners): it decides where every mail and the
    /// stored password go.
    pub can_save: bool,
}

/// The SMTP server form: save, test the connection, send a test mail to oneself, all
/// with the values on screen.
#[component]
pub fn SettingsMail(props: &SettingsMailProps) -> Html {
    let command = use_command();
    let words = use_words();
    let form = use_form(
        MailSettingsState::default,
        false,
        |state: &MailSettingsState, submission| {
            let Some(request) = state.request() else {
                return;
            };
            let reported = |SmtpTestReport { message, .. }, dispatcher: UseReducerDispatcher<_>| {
                dispatcher.dispatch(FormAction::Own(SmtpOwn::Reported(message)))
            };
            match state.task {
                SmtpTask::Save => submission.call(
                    commands::SAVE_SMTP_SETTINGS,
                    request,
                    |settings, dispatcher| {
                        dispatcher.dispatch(FormAction::Own(SmtpOwn::Saved(settings)))
                    },
                ),
                SmtpTask::TestConnection => {
                    submission.call(commands::TEST_SMTP_CONNECTION, request, reported)
                }
                SmtpTask::SendTestMail => {
                    submission.call(commands::SEND_TEST_MAIL, request, reported)
                }
            }
        },
    );
    let state = &form.state;

    let dispatcher = form.dispatcher();
    use_request(&state.load, move |seq| {
        command.dispatch(commands::GET_SMTP_SETTINGS, (), dispatcher, move |answer| {
            FormAction::Own(SmtpOwn::Loaded { seq, answer })
        });
    });

    let start = |task: SmtpTask| form.own(move |_: MouseEvent| SmtpOwn::Start(task));
    let on_clear_password = form.own(|e| SmtpOwn::SetClearPassword(checked(e)));
    let retry = form.own(|_: MouseEvent| SmtpOwn::Reload);

    let f = &state.fields;
    let disabled = !props.can_test || state.load.remote.loaded().is_none();
    let busy = state.running();
    let password_set = state.saved.as_ref().is_some_and(|s| s.password_set);
    let configured = state.saved.as_ref().is_some_and(|s| s.configured);
    let security_options = words.choices(&SmtpSecurity::ALL);
    let security_error = form.field_error(SmtpField::Security);
    let security_described = described_by(
        "smtp-security",
        state.is_unsafe().then_some("smtp-security-warning"),
        false,
        security_error.is_some(),
    );
    let save_refused = !props.can_save;
    let text = |span: &'static str,
                field: SmtpField,
                label: String,
                placeholder: Option<String>| {
        let range = field.range();
        let input_type = match field {
            // Text with a numeric keyboard: a number input drops Persian digits.
            _ if range.is_some() => "text",
            SmtpField::FromAddress | SmtpField::ReplyTo => "email",
            _ => "text",
        };
        let hint =
            (field == SmtpField::PersonalMailsPerHour).then(|| words.t("smtp-personal-mails-hint"));
        html! {
            <div class={span}>
                <TextField id={field.input_id()} {label} {input_type} {placeholder} {hint}
                    autocomplete={matches!(field, SmtpField::Host | SmtpField::Username).then_some("off")}
                    inputmode={range.as_ref().map(|_| "numeric")} min={range.as_ref().map(|r| r.start().to_string())}
                    max={range.map(|r| r.end().to_string())} value={state.value(field).to_owned()}
                    error={form.field_error(field)} disabled={disabled} oninput={form.edit(field)} />
            </div>
        }
    };
    let test_button =
        |id: &'static str, task: SmtpTask, label: String, busy_label: String, icon: IconName| {
            html! {
                <BusyButton {id} {busy_label} busy={busy == Some(task)}
                    disabled={disabled || busy.is_some()} onclick={start(task)}>
                    <Icon name={icon} size={16} />{ label }
                </BusyButton>
            }
        };

    html! {
        <article class="card form-card mail-settings">
            <FormCardHead icon={IconName::Outbox} title_id={props.title_id.clone()} title={words.t("smtp-title")} grow=true
                lead={words.t("smtp-lead")}>
                if state.load.remote.loaded().is_some() {
                    <Badge id="smtp-configured" tone={if configured { Tone::Success } else { Tone::Warning }}
                        text={words.t(if configured { "smtp-set-up" } else { "smtp-not-set-up" })} />
                }
            </FormCardHead>
            <LoadGate what={words.t("smtp-what")} error_id="smtp-load-error" retry_id="smtp-retry"
                remote={state.load.remote.clone()} onretry={retry}>
                if !props.can_test {
                    <p class="muted small" id="smtp-read-only">
                        { words.t("settings-read-only") }
                    </p>
                } else if !props.can_save {
                    <p class="muted small" id="smtp-owner-only">
                        { words.t("smtp-owner-only") }
                    </p>
                }
                if state.saved.as_ref().is_some_and(|s| s.password_rotation_due) {
                    <Banner id="smtp-rotation-due" tone={Tone::Warning}
                        message={words.t("smtp-rotation-due")} />
                }
                <form class="form" novalidate=true onsubmit={form.onsubmit()}>
                    <fieldset class="form-section">
                        <legend class="form-section-title">{ words.t("smtp-server") }</legend>
                        <div class="mail-grid">
                            { text("span-2", SmtpField::Host, words.t("smtp-host"), Some("smtp.example.com".to_owned())) }
                            { text("span-1", SmtpField::Port, words.t("smtp-port"), None) }
                            { text("span-1", SmtpField::TimeoutSeconds, words.t("smtp-timeout"), None) }
                            <FieldFrame id="smtp-security" label={words.t("smtp-security")} error={security_error.clone()}>
                                <Select id="smtp-security" value={f.security.as_str()}
                                    options={security_options} onchange={form.edit(SmtpField::Security)} disabled={disabled}
                                    invalid={security_error.is_some()}
                                    aria_describedby={security_described} />
                                if state.is_unsafe() {
                                    <p class="field-warning" id="smtp-security-warning">
                                        <Icon name={IconName::Alert} size={14} />
                                        <span>{ words.t("smtp-unsafe") }</span>
                                    </p>
                                }
                            </FieldFrame>
                        </div>
                    </fieldset>
                    <fieldset class="form-section">
                        <legend class="form-section-title">{ words.t("smtp-sign-in") }</legend>
                        <div class="mail-grid">
                            { text("span-2", SmtpField::Username, words.t("smtp-username"), Some(words.t("smtp-username-placeholder"))) }
                            <div class="span-2">
                                <TextField id={SmtpField::Password.input_id()} label={words.t("smtp-password")} input_type="password"
                                    value={f.password.clone()} error={form.field_error(SmtpField::Password)}
                                    placeholder={state.keeps_saved_password().then(|| AttrValue::from(words.t("smtp-password-saved")))}
                                    hint={words.t(if state.must_retype_password() {
                                        "smtp-password-retype"
                                    } else if password_set {
                                        "smtp-password-kept"
                                    } else {
                                        "smtp-password-stored"
                                    })}
                                    autocomplete="new-password"
                                    disabled={disabled || f.clear_password} oninput={form.edit(SmtpField::Password)} />
                                if password_set {
                                    <div class="password-saved">
                                        <Badge id="smtp-password-saved" tone={if f.clear_password { Tone::Neutral } else { Tone::Success }}
                                            text={words.t(if f.clear_password { "smtp-password-will-go" } else { "smtp-password-saved" })} />
                                        <label class="check-inline" for="smtp-clear-password">
                                            <input type="checkbox" id="smtp-clear-password" class="checkbox"
                                                checked={f.clear_password} disabled={disabled}
                                                onchange={on_clear_password} />
                                            { words.t("smtp-password-remove") }
                                        </label>
                                    </div>
                                }
                            </div>
                        </div>
                    </fieldset>
                    <fieldset class="form-section">
                        <legend class="form-section-title">{ words.t("smtp-sender") }</legend>
                        <div class="mail-grid">
                            { text("span-2", SmtpField::FromName, words.t("smtp-from-name"), Some(words.t("smtp-from-name-placeholder"))) }
                            { text("span-2", SmtpField::FromAddress, words.t("smtp-from-address"), Some("hello@agency.example".to_owned())) }
                            { text("span-2", SmtpField::ReplyTo, words.t("smtp-reply-to"), Some(words.t("smtp-reply-to-placeholder"))) }
                        </div>
                    </fieldset>
                    <fieldset class="form-section">
                        <legend class="form-section-title">{ words.t("smtp-limits") }</legend>
                        <div class="mail-grid">
                            { text("span-2", SmtpField::PersonalMailsPerHour, words.t("smtp-personal-mails"), None) }
                        </div>
                    </fieldset>
                    if let Some(outcome) = state.outcome() {
                        <div id="smtp-result" class="mail-result">
                            <Banner id="smtp-result-text" tone={outcome.tone} message={words.say(&outcome.said)}
                                ondismiss={form.dismiss()} />
                        </div>
                    }
                    <div class="form-actions">
                        <SubmitButton id="smtp-save" label={words.t("smtp-save")} busy_label={words.t("saving")}
                            busy={busy == Some(SmtpTask::Save)}
                            disabled={disabled || save_refused || busy.is_some()}
                            aria_describedby={save_refused.then_some(AttrValue::from("smtp-owner-only"))}
                            icon={IconName::CheckCircle} />
                        { test_button("smtp-test", SmtpTask::TestConnection, words.t("smtp-test"), words.t("smtp-testing"), IconName::Refresh) }
                        { test_button("smtp-send-test", SmtpTask::SendTestMail, words.t("smtp-send-test"), words.t("smtp-sending"), IconName::Outbox) }
                    </div>
                    <p class="muted small">{ words.t("smtp-test-note") }</p>
                </form>
            </LoadGate>
        </article>
    }
}

#[derive(Properties, PartialEq)]
pub struct SettingsBrandingProps {
    pub title_id: AttrValue,
    pub can_change: bool,
}

/// Branding of mails and a preview of each mail with the branding on screen.
#[component]
pub fn SettingsBranding(props: &SettingsBrandingProps) -> Html {
    let command = use_command();
    let words = use_words();
    let form = use_form(
        BrandingState::default,
        false,
        |state: &BrandingState, submission| {
            submission.call(
                commands::SAVE_BRANDING,
                state.fields.clone(),
                |branding, dispatcher| {
                    dispatcher.dispatch(FormAction::Own(BrandingOwn::Saved(branding)))
                },
            );
        },
    );
    let state = &form.state;

    let (dispatcher, load) = (form.dispatcher(), command.clone());
    use_request(&state.load, move |seq| {
        load.dispatch(commands::GET_BRANDING, (), dispatcher, move |answer| {
            FormAction::Own(BrandingOwn::Loaded { seq, answer })
        });
    });
    let (dispatcher, kind, language, branding) = (
        form.dispatcher(),
        state.preview_kind,
        state.preview_language,
        state.fields.clone(),
    );
    use_request(&state.preview, move |seq| {
        let request = PreviewMailRequest {
            kind,
            branding: Some(branding),
            welcome_message: String::new(),
            language,
        };
        // Typing quickly sends many; only the newest answer is kept.
        command.dispatch(commands::PREVIEW_MAIL, request, dispatcher, move |answer| {
            FormAction::Own(BrandingOwn::Preview { seq, answer })
        });
    });

    let disabled = !props.can_change || state.load.remote.loaded().is_none();
    let retry = form.own(|_: MouseEvent| BrandingOwn::Reload);
    let on_colour = form
        .edit(BrandingField::AccentColour)
        .reform(|e: InputEvent| typed(e));
    let on_footer = form
        .edit(BrandingField::FooterText)
        .reform(|e: InputEvent| typed(e));
    let b = &state.fields;
    let text_fields = [
        (
            BrandingField::AgencyName,
            words.t("branding-agency-name"),
            words.t("branding-agency-name-hint"),
        ),
        (
            BrandingField::LogoUrl,
            words.t("branding-logo-url"),
            words.t("branding-logo-url-hint"),
        ),
        (
            BrandingField::SupportEmail,
            words.t("branding-support-email"),
            words.t("branding-support-email-hint"),
        ),
        (
            BrandingField::PortalUrl,
            words.t("branding-portal-url"),
            words.t("branding-portal-url-hint"),
        ),
    ];
    let text_fields = text_fields.into_iter().map(|(field, label, hint)| {
        let input_type = match field {
            BrandingField::SupportEmail => "email",
            BrandingField::LogoUrl | BrandingField::PortalUrl => "url",
            _ => "text",
        };
        html! {
            <TextField id={field.input_id()} {label} value={state.value(field).to_owned()}
                input_type={input_type} error={form.field_error(field)} {hint}
                disabled={disabled} oninput={form.edit(field)} />
        }
    });
    let colour_error = form.field_error(BrandingField::AccentColour);
    let footer_error = form.field_error(BrandingField::FooterText);

    let tabs = MailKind::ALL.iter().map(|&kind| {
        let current = kind == state.preview_kind;
        let onclick = form.own(move |_: MouseEvent| BrandingOwn::ShowKind(kind));
        html! {
            <button type="button" role="tab" id={format!("preview-kind-{}", kind.as_str())}
                class={classes!("kind-tab", current.then_some("active"))}
                aria-selected={if current { "true" } else { "false" }} {onclick}>
                { words.name(kind) }
            </button>
        }
    });
    let shown_language = match (&state.preview.remote, state.preview_language) {
        (_, Some(language)) => language,
        (Remote::Loaded(p), None) => p.language,
        _ => Language::default(),
    };
    let on_language = form.own(|code: String| BrandingOwn::ShowLanguage(code.parse().ok()));
    let preview = match &state.preview.remote {
        Remote::Idle | Remote::Loading => html! {
            <p class="muted loading-line"><span class="spinner spinner-sm" aria-hidden="true"></span>{ words.t("branding-preview-rendering") }</p>
        },
        Remote::Failed(message) => html! {
            <p id="mail-preview-error" class="text-danger small">{ words.t_with("branding-preview-failed", &[("reason", message)]) }</p>
        },
        Remote::Loaded(p) => html! {
            <div class="mail-preview-body">
                <dl class="mail-preview-head">
                    <dt>{ words.t("branding-preview-subject") }</dt>
                    <dd id="mail-preview-subject" dir="auto">{ p.subject.clone() }</dd>
                </dl>
                // No scripts, no same origin: the mail's HTML only draws. Remote images
                // stay out (the window's CSP), like a careful mail program.
                <iframe id="mail-preview-html" class="mail-preview-frame" title={words.t("branding-preview-html")}
                    sandbox="" referrerpolicy="no-referrer" srcdoc={p.html.clone()} />
                <details class="mail-preview-text">
                    <summary>{ words.t("branding-preview-text") }</summary>
                    <pre id="mail-preview-text" dir="auto">{ p.text.clone() }</pre>
                </details>
            </div>
        },
    };

    html! {
        <div class="branding-layout">
            <article class="card form-card">
                <FormCardHead icon={IconName::Dashboard} title_id={props.title_id.clone()} title={words.t("settings-branding")}
                    lead={words.t("branding-lead")} />
                <LoadGate what={words.t("branding-what")} error_id="branding-load-error" retry_id="branding-retry"
                    remote={state.load.remote.clone()} onretry={retry}>
                    <form class="form" novalidate=true onsubmit={form.onsubmit()}>
                        { for text_fields }
                        <FieldFrame id="branding-accent-colour" label={words.t("branding-accent-colour")} error={colour_error.clone()}
                            hint={words.t("branding-accent-colour-hint")}>
                            <div class="colour-row">
                                <input type="color" id="branding-accent-colour-picker" class="colour-picker"
                                    aria-label={words.t("branding-accent-colour-pick")} value={state.colour_for_picker()}
                                    disabled={disabled} oninput={on_colour.clone()} />
                                <input type="text" id="branding-accent-colour" class="input colour-text"
                                    value={b.accent_colour.clone()} maxlength="7" spellcheck="false"
                                    autocomplete="off" disabled={disabled}
                                    aria-invalid={colour_error.is_some().then_some("true")}
                                    aria-describedby={described_by("branding-accent-colour", None, true, colour_error.is_some())}
                                    oninput={on_colour} />
                            </div>
                        </FieldFrame>
                        <FieldFrame id="branding-footer-text" label={words.t("branding-footer-text")} error={footer_error}
                            hint={words.t("branding-footer-text-hint")}>
                            <textarea id="branding-footer-text" class="input textarea" rows="3"
                                value={b.footer_text.clone()} disabled={disabled}
                                aria-describedby="branding-footer-text-hint" oninput={on_footer} />
                        </FieldFrame>
                        if let Some(outcome) = state.outcome() {
                            <Banner id="branding-result" tone={outcome.tone} message={words.say(&outcome.said)} ondismiss={form.dismiss()} />
                        }
                        <div class="form-actions">
                            <SubmitButton id="branding-save" label={words.t("branding-save")} busy_label={words.t("saving")}
                                busy={state.meta.busy} disabled={disabled} />
                        </div>
                    </form>
                </LoadGate>
            </article>
            <article class="card form-card mail-preview" id="mail-preview" aria-labelledby="mail-preview-title">
                <div class="card-title-row">
                    <h2 class="card-title" id="mail-preview-title">{ words.t("branding-preview") }</h2>
                    <span class="muted small">{ words.t("branding-preview-sample") }</span>
                </div>
                <div class="kind-tabs" role="tablist" aria-label={words.t("branding-preview-kinds")}>{ for tabs }</div>
                <label class="preview-language">
                    <span class="muted small">{ words.t("language") }</span>
                    <Select id="mail-preview-language" value={shown_language.as_str()}
                        options={choices(&Language::ALL, Language::as_str, Language::native_name)}
                        onchange={on_language} aria_label={words.t("branding-preview-language")} />
                </label>
                { preview }
            </article>
        </div>
    }
}
