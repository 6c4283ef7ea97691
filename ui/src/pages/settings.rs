use keydesk_api::{Language, Permission, SessionInfo, Settings};

use crate::components::form_card_head::FormCardHead;
use crate::components::load_gate::LoadGate;
use crate::components::recovery_kit::RecoveryKitCard;
use crate::components::saved_note::SavedNote;
use crate::components::settings_agency::SettingsAgency;
use crate::components::settings_backups::SettingsBackups;
use crate::components::settings_credentials::SettingsCredentials;
use crate::components::settings_mail::{SettingsBranding, SettingsMail};
use crate::components::settings_portal::SettingsPortal;
use crate::components::window_language::WindowPreferencesCard;
use crate::prelude::*;
use crate::state::app::AppAction;
use crate::state::countries::{countries_by_name, country_name};
use crate::state::settings::{
    GeneralForm, IdleMinutesField, RegionField, SecurityForm, SettingsAction, SettingsField,
    SettingsForm, SettingsFormAction, SettingsSection, SettingsState, MAX_IDLE_MINUTES,
    MIN_IDLE_MINUTES,
};
use crate::words::Words;

thread_local! {
    /// The section the next Settings page opens on, when a link elsewhere (the
    /// dashboard's backup reminder) leads to one.
    static OPEN_NEXT: std::cell::Cell<Option<SettingsSection>> = const { std::cell::Cell::new(None) };
}

/// Makes the next Settings page open on `section`; navigate to Settings right after.
pub fn open_settings_at(section: SettingsSection) {
    OPEN_NEXT.with(|next| next.set(Some(section)));
}

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub session: SessionInfo,
}

/// Settings, one section at a time; General and Security have settings today.
#[component]
pub fn SettingsPage(props: &SettingsProps) -> Html {
    let command = use_command();
    let words = use_words();
    let state = use_reducer(|| match OPEN_NEXT.with(std::cell::Cell::take) {
        Some(section) => SettingsState::at(section),
        None => SettingsState::default(),
    });
    let general = use_settings_form::<RegionField>(commands::SAVE_GENERAL_SETTINGS, |_| None);
    let security =
        use_settings_form::<IdleMinutesField>(commands::SAVE_SECURITY_SETTINGS, |settings| {
            let seconds = settings.security.idle_lock_minutes.saturating_mul(60);
            Some(AppAction::IdleLockChanged { seconds })
        });

    {
        let page = state.dispatcher();
        let general = general.dispatcher();
        let security = security.dispatcher();
        use_effect_with(state.load.seq, move |&seq| {
            command.call(
                commands::GET_SETTINGS,
                (),
                move |answer: Result<Settings, _>| {
                    if let Ok(settings) = &answer {
                        let show = || SettingsFormAction::Show(settings.clone());
                        general.dispatch(FormAction::Own(show()));
                        security.dispatch(FormAction::Own(show()));
                    }
                    page.dispatch(SettingsAction::Loaded { seq, answer });
                },
            );
        });
    }

    let dispatch = state.dispatcher().to_callback();
    let can = |permission: Permission| props.session.permissions.contains(&permission);
    let manages_backups = can(Permission::ManageBackups);
    let manages_agency = can(Permission::ManageAgencyServer);
    let exports_portal = can(Permission::ExportPortalAccounts);
    let imports_sign_ins = can(Permission::ImportPortalSignIns);
    let sections = SettingsSection::ALL
        .into_iter()
        // Backups hold everything, and the agency server reaches every desk: owners only.
        .filter(|section| *section != SettingsSection::Backups || manages_backups)
        .filter(|section| *section != SettingsSection::Agency || manages_agency)
        .filter(|section| *section != SettingsSection::Portal || exports_portal || imports_sign_ins)
        .map(|section| {
            let current = section == state.section;
            let onclick = dispatch.reform(move |_: MouseEvent| SettingsAction::Open(section));
            html! {
                <li key={section.slug()}>
                    <button type="button" id={section.button_id()}
                        class={classes!("subnav-item", current.then_some("active"))}
                        aria-current={current.then_some("true")}
                        aria-controls={section.panel_id()}
                        {onclick}>
                        { section.label(&words) }
                    </button>
                </li>
            }
        });

    let panel = match state.section {
        SettingsSection::General => html! {
            <>
                { general_panel(&state, &general, &props.session, &words) }
                <WindowPreferencesCard />
            </>
        },
        SettingsSection::Security => html! {
            <>
                { security_panel(&state, &security, &props.session, &words) }
                // The kit opens every pending login: shown to those who hand them over.
                if can(Permission::HandOverCredentials) {
                    <RecoveryKitCard />
                }
            </>
        },
        SettingsSection::Credentials => html! {
            <SettingsCredentials session={props.session.clone()}
                title_id={SettingsSection::Credentials.title_id()} />
        },
        SettingsSection::Mail => html! {
            <SettingsMail can_test={can(Permission::ManageMailSettings)}
                can_save={can(Permission::ChangeMailServer)}
                title_id={SettingsSection::Mail.title_id()} />
        },
        SettingsSection::Branding => html! {
            <SettingsBranding can_change={can(Permission::ManageMailSettings)}
                title_id={SettingsSection::Branding.title_id()} />
        },
        SettingsSection::Backups if manages_backups => html! {
            <SettingsBackups title_id={SettingsSection::Backups.title_id()} />
        },
        SettingsSection::Backups => html! {
            <p class="muted" id={SettingsSection::Backups.title_id()}>{ words.t("settings-backups-owners") }</p>
        },
        SettingsSection::Agency if manages_agency => html! {
            <SettingsAgency title_id={SettingsSection::Agency.title_id()} />
        },
        SettingsSection::Agency => html! {
            <p class="muted" id={SettingsSection::Agency.title_id()}>{ words.t("settings-agency-owners") }</p>
        },
        SettingsSection::Portal => html! {
            <SettingsPortal title_id={SettingsSection::Portal.title_id()}
                can_export={exports_portal} can_import={imports_sign_ins} />
        },
    };

    html! {
        <section id={Page::Settings.page_id()} class="page" aria-labelledby="page-title">
            <div class="settings-layout">
                <nav class="subnav" aria-label={words.t("settings-sections")}>
                    <ul class="subnav-list">{ for sections }</ul>
                </nav>
                <div class="settings-panel" id={state.section.panel_id()} role="region"
                    aria-labelledby={state.section.title_id()}>
                    { panel }
                </div>
            </div>
        </section>
    }
}

/// A settings form that saves with the command `save`; `announce` makes what the whole
/// window must learn of a save, if anything.
#[hook]
fn use_settings_form<F: SettingsField>(
    save: &'static str,
    announce: fn(&Settings) -> Option<AppAction>,
) -> Form<SettingsForm<F>> {
    use_form(
        SettingsForm::default,
        false,
        move |form: &SettingsForm<F>, submission| {
            if let Some(request) = form.request() {
                let app = submission.app();
                submission.call(save, request, move |settings: Settings, dispatcher| {
                    let action = announce(&settings);
                    dispatcher.dispatch(FormAction::Own(SettingsFormAction::Saved(settings)));
                    if let Some(action) = action {
                        app.emit(action);
                    }
                });
            }
        },
    )
}

/// What a settings card says around its fields: messages `settings-<slug>-lead` and
/// `settings-<slug>-saved`.
struct Card {
    section: SettingsSection,
    icon: IconName,
    permission: Permission,
}

/// A settings form in its card: shown once the settings are loaded, read only without
/// the card's permission. `fields` draws the form's fields, disabled or not.
fn settings_card<F: SettingsField>(
    state: &UseReducerHandle<SettingsState>,
    form: &Form<SettingsForm<F>>,
    session: &SessionInfo,
    card: Card,
    words: &Words,
    fields: impl FnOnce(bool) -> Html,
) -> Html {
    let can_change = session.permissions.contains(&card.permission);
    let slug = card.section.slug();
    // The security card came first and keeps the unprefixed ids.
    let prefix = match card.section {
        SettingsSection::Security => "settings".to_owned(),
        _ => format!("settings-{slug}"),
    };
    let loaded = state.load.remote.loaded().is_some();
    let disabled = !can_change || !loaded;
    let retry = state
        .dispatcher()
        .to_callback()
        .reform(|_: MouseEvent| SettingsAction::Reload);

    html! {
        <article class="card form-card">
            <FormCardHead icon={card.icon} title_id={card.section.title_id()}
                title={card.section.label(words)} lead={words.t(&format!("settings-{slug}-lead"))} />
            <LoadGate what={words.t("settings-what")} error_id="settings-error" retry_id="settings-retry"
                remote={state.load.remote.clone()} onretry={retry}>
                if !can_change {
                    <p class="muted small" id={format!("{prefix}-read-only")}>
                        { words.t("settings-read-only") }
                    </p>
                }
                if let Some(message) = form.banner() {
                    <Banner id={format!("{prefix}-error")} {message} ondismiss={form.dismiss()} />
                }
                <form class="form" novalidate=true onsubmit={form.onsubmit()}>
                    { fields(disabled) }
                    <div class="form-actions">
                        <SubmitButton id={format!("settings-{slug}-save")} label={words.t(&format!("settings-{slug}-save"))}
                            busy_label={words.t("saving")} busy={form.meta.busy} disabled={disabled} />
                        if form.saved {
                            <SavedNote id={format!("settings-{slug}-saved")} text={words.t(&format!("settings-{slug}-saved"))} />
                        }
                    </div>
                </form>
            </LoadGate>
        </article>
    }
}

fn general_panel(
    state: &UseReducerHandle<SettingsState>,
    form: &Form<GeneralForm>,
    session: &SessionInfo,
    words: &Words,
) -> Html {
    let on_region = form.edit(RegionField).reform(|e: InputEvent| typed(e));
    let region_error = form.field_error(RegionField);
    let described = described_by(RegionField.input_id(), None, true, region_error.is_some());
    let card = Card {
        section: SettingsSection::General,
        icon: IconName::Settings,
        permission: Permission::ChangeGeneralSettings,
    };
    let on_language =
        form.own(|code: String| SettingsFormAction::SetLanguage(code.parse().unwrap_or_default()));

    settings_card(state, form, session, card, words, |disabled| {
        html! {
            <>
            <FieldFrame id={RegionField.input_id()} label={words.t("settings-phone-region")} error={region_error.clone()}
                hint={words.t("settings-phone-region-hint")}>
                <div class="input-wrap region-wrap">
                    <input id="setting-default-phone-region" class="input region-input"
                        list="setting-default-phone-region-list" maxlength="2"
                        autocomplete="off" spellcheck="false" autocapitalize="characters"
                        value={form.text.clone()} disabled={disabled}
                        aria-invalid={region_error.is_some().then_some("true")}
                        aria-describedby={described} ref={form.node(RegionField)}
                        oninput={on_region} />
                    <span id="setting-default-phone-region-name" class="region-name muted">
                        { country_name(words, &form.text).unwrap_or_default() }
                    </span>
                </div>
                <datalist id="setting-default-phone-region-list">
                    for (code, name) in countries_by_name(words) {
                        <option value={code}>{ name }</option>
                    }
                </datalist>
            </FieldFrame>
            <FieldFrame id="setting-mail-language" label={words.t("settings-mail-language")}
                hint={words.t("settings-mail-language-hint")}>
                <Select id="setting-mail-language" class="language-select" value={form.choices.language.as_str()}
                    options={choices(&Language::ALL, Language::as_str, Language::native_name)}
                    disabled={disabled} onchange={on_language}
                    aria_describedby="setting-mail-language-hint" />
            </FieldFrame>
            </>
        }
    })
}

fn security_panel(
    state: &UseReducerHandle<SettingsState>,
    form: &Form<SecurityForm>,
    session: &SessionInfo,
    words: &Words,
) -> Html {
    let card = Card {
        section: SettingsSection::Security,
        icon: IconName::Lock,
        permission: Permission::ChangeSecuritySettings,
    };
    let minutes = [
        ("min", words.number(MIN_IDLE_MINUTES)),
        ("max", words.number(MAX_IDLE_MINUTES)),
    ];
    let minutes: Vec<(&str, &str)> = minutes.iter().map(|(k, v)| (*k, v.as_str())).collect();

    settings_card(state, form, session, card, words, |disabled| {
        html! {
            <>
                <TextField
                    id="setting-idle-lock-minutes"
                    label={words.t("settings-idle-minutes")}
                    input_type="text"
                    inputmode="numeric"
                    min={MIN_IDLE_MINUTES.to_string()}
                    max={MAX_IDLE_MINUTES.to_string()}
                    value={form.text.clone()}
                    error={form.field_error(IdleMinutesField)}
                    hint={words.t_with("settings-idle-minutes-hint", &minutes)}
                    disabled={disabled}
                    input_ref={form.node(IdleMinutesField)}
                    oninput={form.edit(IdleMinutesField)}
                />
                <CheckField id="setting-lockout-enabled" label={words.t("settings-lockout")}
                    checked={form.choices.switch} disabled={disabled} onchange={form.own(SettingsFormAction::SetSwitch)}>
                    { words.t("settings-lockout-hint") }
                </CheckField>
            </>
        }
    })
}
