//! `#restore-dialog`: restoring a backup, from Settings → Backups or from the first-run
//! screen. The backup is checked whole with its passphrase and what it holds is shown
//! before anything is replaced; after the restore the window goes to sign-in.

use keydesk_api::{BackupPreview, Error, BACKUP_PROGRESS_EVENT};

use super::password_toggle::{password_type, reveal_keys, PasswordToggle};
use super::progress_bar::ProgressBar;
use crate::hooks::shell_event::use_shell_event;
use crate::prelude::*;
use crate::state::app::AppAction;
use crate::state::backups::{percent, size_text, RestoreAction, RestoreField, RestoreForm};
use crate::words::Words;

#[derive(Properties, PartialEq)]
pub struct RestoreDialogProps {
    /// The backup file to restore; `None` asks for its path.
    #[prop_or_default]
    pub path: Option<AttrValue>,
    pub oncancel: Callback<()>,
}

#[component]
pub fn RestoreDialog(props: &RestoreDialogProps) -> Html {
    let words = use_words();
    let command = use_command();
    let path = props.path.as_ref().map(ToString::to_string);
    let form = use_form(
        move || RestoreForm::for_path(path),
        false,
        |form: &RestoreForm, submission| {
            submission.call(
                commands::PREVIEW_BACKUP,
                form.request(),
                |preview: BackupPreview, dispatcher| {
                    dispatcher.dispatch(FormAction::Own(RestoreAction::Previewed(preview)))
                },
            );
        },
    );
    use_shell_event(
        BACKUP_PROGRESS_EVENT,
        form.restoring,
        form.own(RestoreAction::Progress),
    );
    {
        let dispatcher = form.dispatcher();
        let request = form.request();
        let app = command.app();
        use_effect_with(form.restoring, move |&restoring| {
            if restoring {
                command.call(
                    commands::RESTORE_BACKUP,
                    request,
                    move |answer: Result<(), Error>| match answer {
                        Ok(()) => app.emit(AppAction::Restored),
                        Err(error) => {
                            dispatcher.dispatch(FormAction::Own(RestoreAction::RestoreFailed));
                            dispatcher.dispatch(FormAction::Failed(error));
                        }
                    },
                );
            }
        });
    }

    let busy = form.meta.busy || form.restoring;
    let oncancel = props.oncancel.reform(|_: MouseEvent| ());
    let body = match &form.preview {
        None => ask_step(&words, &form, props.path.is_none()),
        Some(preview) => preview_step(&words, &form, preview),
    };
    let onsubmit = match form.preview {
        None => form.onsubmit(),
        Some(_) => form
            .own(|()| RestoreAction::Restore)
            .reform(|e: SubmitEvent| e.prevent_default()),
    };
    let back = form.own(|_: MouseEvent| RestoreAction::Back);

    html! {
        <Modal id="restore-dialog" labelledby="restore-title" onclose={props.oncancel.clone()}
            {busy}>
            <form class="modal-form" novalidate=true {onsubmit} onkeydown={form.onkeydown()}>
                { body }
                if let Some(message) = form.banner() {
                    <Banner id="restore-error" {message} ondismiss={form.dismiss()} />
                }
                <div class="modal-actions">
                    if form.preview.is_some() {
                        <button type="button" id="restore-back" class="btn btn-secondary"
                            disabled={busy} onclick={back}>
                            { words.t("restore-back") }
                        </button>
                        <SubmitButton id="restore-confirm" class="btn btn-danger"
                            label={words.t("restore-confirm")} busy_label={words.t("restore-busy")}
                            busy={form.restoring} />
                    } else {
                        <button type="button" id="restore-cancel" class="btn btn-secondary"
                            disabled={busy} onclick={oncancel}>
                            { words.t("cancel") }
                        </button>
                        <SubmitButton id="restore-check" label={words.t("restore-check")}
                            busy_label={words.t("restore-check-busy")} busy={form.meta.busy} />
                    }
                </div>
            </form>
        </Modal>
    }
}

/// Which file, and its passphrase.
fn ask_step(words: &Words, form: &Form<RestoreForm>, asks_path: bool) -> Html {
    let toggle = form.own(|()| RestoreAction::ToggleShow);
    let file_name = form
        .path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .to_owned();
    html! {
        <>
            <ModalHead icon={IconName::Upload} title_id="restore-title" title={words.t("restore-title")}>
                <p class="muted small">
                    { words.t("restore-lead") }
                </p>
            </ModalHead>
            if asks_path {
                <TextField
                    id={RestoreField::Path.input_id()}
                    label={words.t("restore-file")}
                    placeholder="/media/usb/keydesk-2026-11-30.kdbackup"
                    hint={words.t("restore-file-hint")}
                    autocomplete="off"
                    autofocus={true}
                    value={form.path.clone()}
                    error={form.field_error(RestoreField::Path)}
                    input_ref={form.node(RestoreField::Path)}
                    oninput={form.edit(RestoreField::Path)}
                    onblur={form.blur(RestoreField::Path)}
                    disabled={form.meta.busy}
                />
            } else {
                <p class="restore-file" id="restore-file">
                    <span class="muted">{ words.t("restore-file") }</span>
                    <span class="restore-file-name" title={form.path.clone()}>{ file_name }</span>
                </p>
            }
            <TextField
                id={RestoreField::Passphrase.input_id()}
                label={words.t("restore-passphrase")}
                input_type={password_type(form.show)}
                autocomplete="off"
                autofocus={!asks_path}
                hint={words.t("restore-passphrase-hint")}
                value={form.passphrase.clone()}
                error={form.field_error(RestoreField::Passphrase)}
                input_ref={form.node(RestoreField::Passphrase)}
                oninput={form.edit(RestoreField::Passphrase)}
                onblur={form.blur(RestoreField::Passphrase)}
                onkeydown={reveal_keys(toggle.clone())}
                disabled={form.meta.busy}
            >
                <PasswordToggle id="restore-passphrase-toggle" controls="restore-passphrase"
                    shown={form.show} ontoggle={toggle} />
            </TextField>
        </>
    }
}

/// What the backup holds, the warning, and the restore's progress.
fn preview_step(words: &Words, form: &Form<RestoreForm>, preview: &BackupPreview) -> Html {
    let row = |id: &'static str, label: String, value: String| {
        let wide = id == "restore-made-at";
        html! {
            <div class={classes!("restore-fact", wide.then_some("restore-fact-wide"))}>
                <dt>{ label }</dt>
                <dd {id}>{ value }</dd>
            </div>
        }
    };
    html! {
        <>
            <ModalHead icon={IconName::Alert} tone={Tone::Danger} title_id="restore-title"
                title={words.t("restore-replace-title")}>
                <p class="muted small" id="restore-lead">
                    { words.t("restore-replace-lead") }
                </p>
            </ModalHead>
            <dl id="restore-preview" class="restore-facts">
                { row("restore-made-at", words.t("restore-made"), local_time(&preview.made_at)) }
                { row("restore-staff", words.t("restore-staff"),
                    words.count("restore-staff-count", preview.staff as i64)) }
                { row("restore-customers", words.t("restore-customers"),
                    words.count("restore-customers-count", preview.customers as i64)) }
                { row("restore-pending-logins", words.t("restore-pending-logins"),
                    words.count("restore-logins-count", preview.pending_logins as i64)) }
                { row("restore-mails", words.t("restore-mails"),
                    words.count("restore-mails-count", preview.mails as i64)) }
                { row("restore-size", words.t("restore-size"), size_text(words, preview.bytes)) }
            </dl>
            if form.restoring {
                { progress_bar(words, "restore-progress", words.t("restore-progress"), form.progress.as_ref().map(percent)) }
            }
        </>
    }
}

/// A backup's or a restore's bar, with its percent in words below it.
pub fn progress_bar(words: &Words, id: &'static str, label: String, pct: Option<u64>) -> Html {
    html! {
        <div class="backup-progress">
            <ProgressBar {id} {label} percent={pct} />
            <p id={format!("{id}-text")} class="small muted" aria-live="polite">
                { pct.map_or_else(
                    || words.t("backups-starting"),
                    |p| words.t_with("backups-percent", &[("n", &words.number(p))]),
                ) }
            </p>
        </div>
    }
}
