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
    let security_options = choices(&SmtpSecurity::ALL, SmtpSecurity::as_str, security_label);
    let security_error = state.field_error(SmtpField::Security);
    let security_described = described_by(
        "smtp-security",
        state.is_unsafe().then_some("smtp-security-warning"),
        false,
        security_error.is_some(),
    );
    let save_refused = !props.can_save;
    let text = |span: &'static str,
                field: SmtpField,
                label: &'static str,
                placeholder: Option<&'static str>| {
        let range = field.range();
        let input_type = match field {
            // Text with a numeric keyboard: a number input drops Persian digits.
            _ if range.is_some() => "text",
            SmtpField::FromAddress | SmtpField::ReplyTo => "email",
            _ => "text",
        };
        let hint = (field == SmtpField::PersonalMailsPerHour).then_some(
            "Welcome and login mails with a personal message one staff member may send in an hour.",
        );
        html! {
            <div class={span}>
                <TextField id={field.input_id()} {label} {input_type} {placeholder} {hint}
                    autocomplete={matches!(field, SmtpField::Host | SmtpField::Username).then_some("off")}
                    inputmode={range.as_ref().map(|_| "numeric")} min={range.as_ref().map(|r| r.start().to_string())}
                    max={range.map(|r| r.end().to_string())} value={state.value(field).to_owned()}
                    error={state.field_error(field)} disabled={disabled} oninput={form.edit(field)} />
            </div>
        }
    };
    let test_button = |id: &'static str,
                       task: SmtpTask,
                       label: &'static str,
                       busy_label: &'static str,
                       icon: IconName| {
        html! {
            <BusyButton {id} {busy_label} busy={busy == Some(task)} disabled={disabled || busy.is_some()}
                onclick={start(task)}>
                <Icon name={icon} size={16} />{ label }
            </BusyButton>
        }
    };

    html! {
        <article class="card form-card mail-settings">
            <FormCardHead icon={IconName::Outbox} title_id={props.title_id.clone()} title="Mail server" grow=true
                lead="Welcome mails, login details and codes go out through it; until it is saved, mails wait in the outbox. With an agency server, every desk of the agency uses the settings an owner saves, the password sealed to each desk.">
                if state.load.remote.loaded().is_some() {
                    <Badge id="smtp-configured" tone={if configured { Tone::Success } else { Tone::Warning }}
                        text={if configured { "Set up" } else { "Not set up" }} />
                }
            </FormCardHead>
            <LoadGate what="the mail settings" error_id="smtp-load-error" retry_id="smtp-retry"
                remote={state.load.remote.clone()} onretry={retry}>
                if !props.can_test {
                    <p class="muted small" id="smtp-read-only">
                        { "You can see these settings; your role cannot change them." }
                    </p>
                } else if !props.can_save {
                    <p class="muted small" id="smtp-owner-only">
                        { "Only an owner can save the mail server. You can test the values on screen: for another server or username, type its password." }
                    </p>
                }
                if state.saved.as_ref().is_some_and(|s| s.password_rotation_due) {
                    <Banner id="smtp-rotation-due" tone={Tone::Warning}
                        message="A desk that held this password was revoked. Change the password at your mail provider, then save the new one here: every desk of the agency receives it." />
                }
                <form class="form" novalidate=true onsubmit={form.onsubmit()}>
                    <fieldset class="form-section">
                        <legend class="form-section-title">{ "Server" }</legend>
                        <div class="mail-grid">
                            { text("span-2", SmtpField::Host, "Server name", Some("smtp.example.com")) }
                            { text("span-1", SmtpField::Port, "Port", None) }
                            { text("span-1", SmtpField::TimeoutSeconds, "Timeout (s)", None) }
                            <FieldFrame id="smtp-security" label="Encryption" error={security_error.clone()}>
                                <Select id="smtp-security" value={f.security.as_str()}
                                    options={security_options} onchange={form.edit(SmtpField::Security)} disabled={disabled}
                                    invalid={security_error.is_some()}
                                    aria_describedby={security_described} />
                                if state.is_unsafe() {
                                    <p class="field-warning" id="smtp-security-warning">
                                        <Icon name={IconName::Alert} size={14} />
                                        <span>{ "Unsafe, localhost only: mails and passwords travel unencrypted." }</span>
                                    </p>
                                }
                            </FieldFrame>
                        </div>
                    </fieldset>
                    <fieldset class="form-section">
                        <legend class="form-section-title">{ "Sign-in" }</legend>
                        <div class="mail-grid">
                            { text("span-2", SmtpField::Username, "Username", Some("Empty: no sign-in")) }
                            <div class="span-2">
                                <TextField id={SmtpField::Password.input_id()} label="Password" input_type="password"
                                    value={f.password.clone()} error={state.field_error(SmtpField::Password)}
                                    placeholder={state.keeps_saved_password().then_some(AttrValue::from("•••• saved"))}
                                    hint={if state.must_retype_password() {
                                        "The server or username changed: type the password again. The saved one is only sent to the server and username it was saved for."
                                    } else if password_set {
                                        "Stored in the OS keyring; empty keeps it. Changing the server, port, encryption or username needs it typed again."
                                    } else {
                                        "Stored in the OS keyring."
                                    }}
                                    autocomplete="new-password"
                                    disabled={disabled || f.clear_password} oninput={form.edit(SmtpField::Password)} />
                                if password_set {
                                    <div class="password-saved">
                                        <Badge id="smtp-password-saved" tone={if f.clear_password { Tone::Neutral } else { Tone::Success }}
                                            text={if f.clear_password { "Will be removed" } else { "•••• saved" }} />
                                        <label class="check-inline" for="smtp-clear-password">
                                            <input type="checkbox" id="smtp-clear-password" class="checkbox"
                                                checked={f.clear_password} disabled={disabled}
                                                onchange={on_clear_password} />
                                            { "Remove the saved password" }
                                        </label>
                                    </div>
                                }
                            </div>
                        </div>
                    </fieldset>
                    <fieldset class="form-section">
                        <legend class="form-section-title">{ "Sender" }</legend>
                        <div class="mail-grid">
                            { text("span-2", SmtpField::FromName, "From name", Some("Sunny Travel")) }
                            { text("span-2", SmtpField::FromAddress, "From address", Some("hello@agency.example")) }
                            { text("span-2", SmtpField::ReplyTo, "Reply-to address", Some("Empty: the from address")) }
                        </div>
                    </fieldset>
                    <fieldset class="form-section">
                        <legend class="form-section-title">{ "Limits" }</legend>
                        <div class="mail-grid">
                            { text("span-2", SmtpField::PersonalMailsPerHour, "Personal mails per person per hour", None) }
                        </div>
                    </fieldset>
                    if let Some(outcome) = state.outcome() {
                        <div id="smtp-result" class="mail-result">
                            <Banner id="smtp-result-text" tone={outcome.tone} message={outcome.message}
                                ondismiss={form.dismiss()} />
                        </div>
                    }
                    <div class="form-actions">
                        <SubmitButton id="smtp-save" label="Save mail settings" busy_label="Saving…"
                            busy={busy == Some(SmtpTask::Save)}
                            disabled={disabled || save_refused || busy.is_some()}
                            aria_describedby={save_refused.then_some(AttrValue::from("smtp-owner-only"))}
                            icon={IconName::CheckCircle} />
                        { test_button("smtp-test", SmtpTask::TestConnection, "Test connection", "Testing…", IconName::Refresh) }
                        { test_button("smtp-send-test", SmtpTask::SendTestMail, "Send test mail to me", "Sending…", IconName::Outbox) }
                    </div>
                    <p class="muted small">{ "Testing uses the values on screen, saved or not." }</p>
                </form>
            </LoadGate>
        </article>
    }
}

/// The option of the encryption select.
fn security_label(security: SmtpSecurity) -> &'static str {
    match security {
        SmtpSecurity::StartTls => "STARTTLS (usually port 587)",
        SmtpSecurity::ImplicitTls => "TLS from the start (usually port 465)",
        SmtpSecurity::None => "None: unencrypted",
    }
}

#[derive(Properties, PartialEq)]
pub struct SettingsBrandingProps {
    pub title_id: AttrValue,
    pub can_change: bool,
}

const BRANDING_LABELS: [(BrandingField, &str, &str); 5] = [
    (BrandingField::AgencyName, "Agency name", "Shown as the sender and in every mail's header."),
    (BrandingField::LogoUrl, "Logo address", "An https:// address of a small image; empty for none. Mail programs load it, this preview does not."),
    (BrandingField::SupportEmail, "Support email", "Where customers can write for help; empty for none."),
    (BrandingField::PortalUrl, "Portal address", "The customer portal (https://…); login mails link to it. With an agency server, welcome mails also carry its verify-email link."),
    (BrandingField::FooterText, "Footer", "Printed at the foot of every mail: address, legal line."),
];

/// Branding of mails and a preview of each mail with the branding on screen.
#[component]
pub fn SettingsBranding(props: &SettingsBrandingProps) -> Html {
    let command = use_command();
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
    let text_fields = BRANDING_LABELS
        .iter()
        .filter(|(field, _, _)| *field != BrandingField::FooterText)
        .map(|&(field, label, hint)| {
            let input_type = match field {
                BrandingField::SupportEmail => "email",
                BrandingField::LogoUrl | BrandingField::PortalUrl => "url",
                _ => "text",
            };
            html! {
                <TextField id={field.input_id()} label={label} value={state.value(field).to_owned()}
                    input_type={input_type} error={state.field_error(field)} hint={hint}
                    disabled={disabled} oninput={form.edit(field)} />
            }
        });
    let colour_error = state.field_error(BrandingField::AccentColour);
    let footer_error = state.field_error(BrandingField::FooterText);

    let tabs = MailKind::ALL.iter().map(|&kind| {
        let current = kind == state.preview_kind;
        let onclick = form.own(move |_: MouseEvent| BrandingOwn::ShowKind(kind));
        html! {
            <button type="button" role="tab" id={format!("preview-kind-{}", kind.as_str())}
                class={classes!("kind-tab", current.then_some("active"))}
                aria-selected={if current { "true" } else { "false" }} {onclick}>
                { kind.label() }
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
            <p class="muted loading-line"><span class="spinner spinner-sm" aria-hidden="true"></span>{ "Rendering the preview…" }</p>
        },
        Remote::Failed(message) => html! {
            <p id="mail-preview-error" class="text-danger small">{ format!("No preview: {message}") }</p>
        },
        Remote::Loaded(p) => html! {
            <div class="mail-preview-body">
                <dl class="mail-preview-head">
                    <dt>{ "Subject" }</dt>
                    <dd id="mail-preview-subject" dir="auto">{ p.subject.clone() }</dd>
                </dl>
                // No scripts, no same origin: the mail's HTML only draws. Remote images
                // stay out (the window's CSP), like a careful mail program.
                <iframe id="mail-preview-html" class="mail-preview-frame" title="The mail as HTML"
                    sandbox="" referrerpolicy="no-referrer" srcdoc={p.html.clone()} />
                <details class="mail-preview-text">
                    <summary>{ "Plain-text part" }</summary>
                    <pre id="mail-preview-text" dir="auto">{ p.text.clone() }</pre>
                </details>
            </div>
        },
    };

    html! {
        <div class="branding-layout">
            <article class="card form-card">
                <FormCardHead icon={IconName::Dashboard} title_id={props.title_id.clone()} title="Branding"
                    lead="How the agency looks in every mail to customers." />
                <LoadGate what="the branding" error_id="branding-load-error" retry_id="branding-retry"
                    remote={state.load.remote.clone()} onretry={retry}>
                    <form class="form" novalidate=true onsubmit={form.onsubmit()}>
                        { for text_fields }
                        <FieldFrame id="branding-accent-colour" label="Accent colour" error={colour_error.clone()}
                            hint="Buttons and headings in mails, as #rrggbb.">
                            <div class="colour-row">
                                <input type="color" id="branding-accent-colour-picker" class="colour-picker"
                                    aria-label="Pick the accent colour" value={state.colour_for_picker()}
                                    disabled={disabled} oninput={on_colour.clone()} />
                                <input type="text" id="branding-accent-colour" class="input colour-text"
                                    value={b.accent_colour.clone()} maxlength="7" spellcheck="false"
                                    autocomplete="off" disabled={disabled}
                                    aria-invalid={colour_error.is_some().then_some("true")}
                                    aria-describedby={described_by("branding-accent-colour", None, true, colour_error.is_some())}
                                    oninput={on_colour} />
                            </div>
                        </FieldFrame>
                        <FieldFrame id="branding-footer-text" label="Footer" error={footer_error}
                            hint={BRANDING_LABELS[4].2}>
                            <textarea id="branding-footer-text" class="input textarea" rows="3"
                                value={b.footer_text.clone()} disabled={disabled}
                                aria-describedby="branding-footer-text-hint" oninput={on_footer} />
                        </FieldFrame>
                        if let Some(outcome) = state.outcome() {
                            <Banner id="branding-result" tone={outcome.tone} message={outcome.message} ondismiss={form.dismiss()} />
                        }
                        <div class="form-actions">
                            <SubmitButton id="branding-save" label="Save branding" busy_label="Saving…"
                                busy={state.meta.busy} disabled={disabled} />
                        </div>
                    </form>
                </LoadGate>
            </article>
            <article class="card form-card mail-preview" id="mail-preview" aria-labelledby="mail-preview-title">
                <div class="card-title-row">
                    <h2 class="card-title" id="mail-preview-title">{ "Preview" }</h2>
                    <span class="muted small">{ "A sample customer, with the branding on screen" }</span>
                </div>
                <div class="kind-tabs" role="tablist" aria-label="Mail to preview">{ for tabs }</div>
                <label class="preview-language">
                    <span class="muted small">{ "Language" }</span>
                    <Select id="mail-preview-language" value={shown_language.as_str()}
                        options={choices(&Language::ALL, Language::as_str, Language::native_name)}
                        onchange={on_language} aria_label="Language of the preview" />
                </label>
                { preview }
            </article>
        </div>
    }
}
