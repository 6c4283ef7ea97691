//! Settings → Backups, for owners: the backup passphrase, the folder, "Back up now" with
//! its progress, how recent the last backup is, and the backups in the folder, each of
//! which can be restored (as can a backup file elsewhere).

use keydesk_api::{BackupStatus, BACKUP_PROGRESS_EVENT};

use super::form_card_head::FormCardHead;
use super::password_toggle::{password_type, reveal_keys, PasswordToggle};
use super::restore_dialog::{progress_bar, RestoreDialog};
use super::saved_note::SavedNote;
use super::strength_meter::StrengthMeter;
use crate::hooks::shell_event::use_shell_event;
use crate::prelude::*;
use crate::state::backups::{
    percent, size_text, BackupsAction, BackupsState, FolderAction, FolderField, FolderForm,
    PassphraseAction, PassphraseField, PassphraseForm, RestoreTarget,
};
use crate::words::Words;

#[derive(Properties, PartialEq)]
pub struct SettingsBackupsProps {
    /// The id of the panel's heading (`settings-panel-backups-title`).
    pub title_id: AttrValue,
}

#[component]
pub fn SettingsBackups(props: &SettingsBackupsProps) -> Html {
    let words = use_words();
    let command = use_command();
    let state = use_reducer(BackupsState::started);
    let changed = {
        let page = state.dispatcher();
        move |status: BackupStatus| page.dispatch(BackupsAction::Changed(status))
    };
    let passphrase = {
        let changed = changed.clone();
        use_form(
            PassphraseForm::default,
            false,
            move |form: &PassphraseForm, submission| {
                submission.call(
                    commands::SET_BACKUP_PASSPHRASE,
                    form.request(),
                    move |status: BackupStatus, dispatcher| {
                        dispatcher.dispatch(FormAction::Own(PassphraseAction::Succeeded));
                        changed(status);
                    },
                );
            },
        )
    };
    let folder = use_form(
        FolderForm::default,
        false,
        move |form: &FolderForm, submission| {
            submission.call(
                commands::SET_BACKUP_FOLDER,
                form.request(),
                move |status: BackupStatus, dispatcher| {
                    let shown = FolderAction::Show(status.folder.clone());
                    dispatcher.dispatch(FormAction::Own(shown));
                    changed(status);
                },
            );
        },
    );

    {
        let page = state.dispatcher();
        let folder = folder.dispatcher();
        let command = command.clone();
        use_effect_with(state.status.seq, move |&seq| {
            command.call(
                commands::BACKUP_STATUS,
                (),
                move |answer: Result<BackupStatus, _>| {
                    if let Ok(status) = &answer {
                        let shown = FolderAction::Show(status.folder.clone());
                        folder.dispatch(FormAction::Own(shown));
                    }
                    page.dispatch(BackupsAction::Loaded { seq, answer });
                },
            );
        });
    }
    {
        let page = state.dispatcher();
        use_effect_with(state.backing_up, move |&backing_up| {
            if backing_up {
                command.call(commands::BACK_UP_NOW, (), move |answer| {
                    page.dispatch(BackupsAction::BackedUp(answer))
                });
            }
        });
    }
    let dispatch = state.dispatcher().to_callback();
    use_shell_event(
        BACKUP_PROGRESS_EVENT,
        state.backing_up,
        dispatch.reform(BackupsAction::Progress),
    );

    let on = |action: fn() -> BackupsAction| dispatch.reform(move |_: MouseEvent| action());
    let body = match &state.status.remote {
        Remote::Loaded(status) => html! {
            <>
                { status_card(&words, &state, status, &dispatch, &props.title_id) }
                { passphrase_card(&words, &state, &passphrase, &on) }
                { folder_card(&words, &folder, status) }
                { list_card(&words, status, &dispatch) }
            </>
        },
        Remote::Failed(message) => html! {
            <article class="card form-card">
                <Banner id="backups-load-error" message={message.clone()} />
                <div class="form-actions">
                    <button type="button" id="backups-retry" class="btn btn-secondary"
                        onclick={Callback::from({
                            let state = state.clone();
                            move |_: MouseEvent| state.dispatch(BackupsAction::Reload)
                        })}>
                        { words.t("try-again") }
                    </button>
                </div>
            </article>
        },
        Remote::Idle | Remote::Loading => html! {
            <p id="backups-loading" class="muted small">{ words.t("backups-loading") }</p>
        },
    };

    html! {
        <div class="backups" id="backups">
            if state.loaded().is_none() {
                <h2 class="visually-hidden" id={props.title_id.clone()}>{ words.t("settings-backups") }</h2>
            }
            { body }
            if let Some(target) = &state.restoring {
                <RestoreDialog
                    path={match target {
                        RestoreTarget::Listed(path) => Some(AttrValue::from(path.clone())),
                        RestoreTarget::Other => None,
                    }}
                    oncancel={dispatch.reform(|()| BackupsAction::CloseRestore)} />
            }
        </div>
    }
}

/// How recent the last backup is, and "Back up now".
fn status_card(
    words: &Words,
    state: &BackupsState,
    status: &BackupStatus,
    dispatch: &Callback<BackupsAction>,
    title_id: &AttrValue,
) -> Html {
    let last = match &status.last_backup_at {
        Some(at) => words.t_with("backups-last", &[("at", &local_time(at))]),
        None => words.t("backups-none-yet"),
    };
    let (tone, badge) = if status.overdue {
        (Tone::Warning, words.t("backups-overdue"))
    } else {
        (Tone::Success, words.t("backups-up-to-date"))
    };
    html! {
        <article class="card form-card" id="backups-card">
            <FormCardHead icon={IconName::Download} title_id={title_id.clone()}
                title={words.t("settings-backups")} lead={words.t("backups-lead")} />
            if let Some(message) = &state.error {
                <Banner id="backups-error" message={message.clone()}
                    ondismiss={dispatch.reform(|()| BackupsAction::DismissError)} />
            }
            <div class={classes!("backup-status", status.overdue.then_some("backup-status-overdue"))}>
                <p id="backups-last" class="backup-last" data-overdue={status.overdue.to_string()}>
                    { last }
                </p>
                <Badge {tone} text={badge} />
            </div>
            if status.overdue {
                <p id="backups-overdue" class="backup-note tone-warn-text">
                    if status.last_backup_at.is_some() {
                        { words.t("backups-overdue-old") }
                    } else {
                        { words.t("backups-overdue-never") }
                    }
                </p>
            }
            if let Some(failure) = &status.last_failure {
                <p id="backups-last-failure" class="backup-note tone-danger-text">
                    { words.t_with("backups-last-failure", &[("reason", failure)]) }
                </p>
            }
            if !status.passphrase_set {
                <p id="backups-needs-passphrase" class="muted small">
                    { words.t("backups-needs-passphrase") }
                </p>
            }
            if state.backing_up {
                { progress_bar(words, "backup-progress", words.t("backups-progress"), state.progress.as_ref().map(percent)) }
            }
            <div class="form-actions">
                <BusyButton id="backup-now" class="btn btn-primary" busy_label={words.t("backups-now-busy")}
                    busy={state.backing_up} disabled={!status.passphrase_set}
                    onclick={dispatch.reform(|_: MouseEvent| BackupsAction::BackUp)}>
                    { words.t("backups-now") }
                </BusyButton>
                if state.backed_up {
                    <SavedNote id="backup-done" text={words.t("backups-done")} />
                }
            </div>
        </article>
    }
}

/// Setting the passphrase, or saying one is set with a way to change it.
fn passphrase_card(
    words: &Words,
    state: &BackupsState,
    form: &Form<PassphraseForm>,
    on: &dyn Fn(fn() -> BackupsAction) -> Callback<MouseEvent>,
) -> Html {
    let set = state.loaded().is_some_and(|status| status.passphrase_set);
    let toggle = form.own(|()| PassphraseAction::ToggleShow);
    let field = |field: PassphraseField, label: String, children: Html| {
        html! {
            <TextField
                id={field.input_id()}
                {label}
                input_type={password_type(form.show)}
                autocomplete="new-password"
                value={form.value(field).to_owned()}
                error={form.field_error(field)}
                input_ref={form.node(field)}
                oninput={form.edit(field)}
                onblur={form.blur(field)}
                onkeydown={reveal_keys(toggle.clone())}
                disabled={form.meta.busy}
            >
                { children }
            </TextField>
        }
    };
    html! {
        <article class="card form-card" id="backup-passphrase-card">
            <FormCardHead icon={IconName::Key} title_id="backup-passphrase-title"
                title={words.t("backups-passphrase-title")} lead={words.t("backups-passphrase-lead")} />
            if state.asks_passphrase() {
                <form id="backup-passphrase-form" class="form" novalidate=true
                    onsubmit={form.onsubmit()} onkeydown={form.onkeydown()}>
                    if let Some(message) = form.banner() {
                        <Banner id="backup-passphrase-error" {message} ondismiss={form.dismiss()} />
                    }
                    { field(PassphraseField::Passphrase, if set { words.t("backups-passphrase-new") } else { words.t("backups-passphrase-title") }, html! {
                        <PasswordToggle id="backup-passphrase-toggle"
                            controls="backup-passphrase backup-passphrase-confirm"
                            shown={form.show} ontoggle={toggle.clone()} />
                    }) }
                    <StrengthMeter password={form.passphrase.clone()} user_inputs={Vec::new()} />
                    { field(PassphraseField::Confirm, words.t("backups-passphrase-again"), Html::default()) }
                    if set {
                        <p class="muted small">{ words.t("backups-passphrase-before") }</p>
                    }
                    <div class="form-actions">
                        <SubmitButton id="backup-passphrase-save"
                            label={if set { words.t("backups-passphrase-change") } else { words.t("backups-passphrase-set-one") }}
                            busy_label={words.t("saving")} busy={form.meta.busy} />
                        if set {
                            <button type="button" id="backup-passphrase-keep" class="btn btn-ghost"
                                disabled={form.meta.busy} onclick={on(|| BackupsAction::KeepPassphrase)}>
                                { words.t("backups-passphrase-keep") }
                            </button>
                        }
                    </div>
                </form>
            } else {
                <div class="backup-status">
                    <p id="backup-passphrase-status" class="backup-last">{ words.t("backups-passphrase-is-set") }</p>
                    <Badge tone={Tone::Success} text={words.t("backups-passphrase-set")} />
                </div>
                <div class="form-actions">
                    <button type="button" id="backup-passphrase-change" class="btn btn-secondary"
                        onclick={on(|| BackupsAction::ChangePassphrase)}>
                        { words.t("backups-passphrase-change") }
                    </button>
                    if form.saved {
                        <SavedNote id="backup-passphrase-saved" text={words.t("backups-passphrase-saved")} />
                    }
                </div>
            }
        </article>
    }
}

/// Where backups go.
fn folder_card(words: &Words, form: &Form<FolderForm>, status: &BackupStatus) -> Html {
    let use_default = {
        let dispatcher = form.dispatcher();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(FormAction::Own(FolderAction::UseDefault));
            dispatcher.dispatch(FormAction::Submit);
        })
    };
    html! {
        <article class="card form-card" id="backup-folder-card">
            <FormCardHead icon={IconName::Download} title_id="backup-folder-title"
                title={words.t("backups-folder-title")} lead={words.t("backups-folder-lead")} />
            <form id="backup-folder-form" class="form" novalidate=true
                onsubmit={form.onsubmit()} onkeydown={form.onkeydown()}>
                if let Some(message) = form.banner() {
                    <Banner id="backup-folder-error" {message} ondismiss={form.dismiss()} />
                }
                <TextField
                    id={FolderField.input_id()}
                    label={words.t("backups-folder")}
                    autocomplete="off"
                    hint={if status.default_folder {
                        words.t("backups-folder-default-hint")
                    } else {
                        words.t("backups-folder-hint")
                    }}
                    value={form.folder.clone()}
                    error={form.field_error(FolderField)}
                    input_ref={form.node(FolderField)}
                    oninput={form.edit(FolderField)}
                    onblur={form.blur(FolderField)}
                    disabled={form.meta.busy}
                />
                <div class="form-actions">
                    <SubmitButton id="backup-folder-save" label={words.t("backups-folder-save")} busy_label={words.t("saving")}
                        busy={form.meta.busy} />
                    if !status.default_folder {
                        <button type="button" id="backup-folder-default" class="btn btn-ghost"
                            disabled={form.meta.busy} onclick={use_default}>
                            { words.t("backups-folder-use-default") }
                        </button>
                    }
                    if form.saved {
                        <SavedNote id="backup-folder-saved" text={words.t("backups-folder-saved")} />
                    }
                </div>
            </form>
        </article>
    }
}

/// The backups in the folder, newest first, and restoring one.
fn list_card(words: &Words, status: &BackupStatus, dispatch: &Callback<BackupsAction>) -> Html {
    let rows = status.backups.iter().map(|file| {
        let path = file.path.clone();
        let onclick = dispatch.reform(move |_: MouseEvent| {
            BackupsAction::OpenRestore(RestoreTarget::Listed(path.clone()))
        });
        html! {
            <tr key={file.path.clone()} class="backup-row" data-path={file.path.clone()}>
                <td class="backup-name">{ file.name.clone() }</td>
                <td>{ local_time(&file.made_at) }</td>
                <td class="col-num">{ size_text(words, file.bytes) }</td>
                <td class="col-row-actions">
                    <button type="button" class="btn btn-secondary btn-sm backup-restore"
                        aria-label={words.t_with("backups-restore-named", &[("name", &file.name)])} {onclick}>
                        { words.t("backups-restore") }
                    </button>
                </td>
            </tr>
        }
    });
    html! {
        <article class="card form-card" id="backup-list-card">
            <FormCardHead icon={IconName::Refresh} title_id="backup-list-title"
                title={words.t("backups-list-title")} lead={words.t("backups-list-lead")} />
            if status.backups.is_empty() {
                <p id="backup-list-empty" class="muted">
                    { words.t("backups-list-empty") }
                </p>
            } else {
                <div class="table-wrap backup-table-wrap">
                    <table id="backup-list" class="table">
                        <thead>
                            <tr>
                                <th scope="col">{ words.t("backups-col-backup") }</th>
                                <th scope="col">{ words.t("backups-col-made") }</th>
                                <th scope="col" class="col-num">{ words.t("backups-col-size") }</th>
                                <th scope="col" class="col-row-actions"><span class="visually-hidden">{ words.t("backups-col-actions") }</span></th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
            <div class="form-actions">
                <button type="button" id="backup-restore-other" class="btn btn-secondary"
                    onclick={dispatch.reform(|_: MouseEvent| BackupsAction::OpenRestore(RestoreTarget::Other))}>
                    { words.t("backups-restore-other") }
                </button>
            </div>
        </article>
    }
}
