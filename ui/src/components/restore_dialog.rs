//! `#restore-dialog`: restoring a backup, from Settings → Backups or from the first-run
//! screen. The backup is checked whole with its passphrase and what it holds is shown
//! before anything is replaced; after the restore the window goes to sign-in.

use keydesk_api::{BackupPreview, Error, BACKUP_PROGRESS_EVENT};

use super::password_toggle::{password_type, reveal_keys, PasswordToggle};
use super::progress_bar::ProgressBar;
use crate::hooks::shell_event::use_shell_event;
use crate::prelude::*;
use crate::state::app::AppAction;
use crate::state::backups::{
    count_text, percent, size_text, RestoreAction, RestoreField, RestoreForm,
};

#[derive(Properties, PartialEq)]
pub struct RestoreDialogProps {
    /// The backup file to restore; `None` asks for its path.
    #[prop_or_default]
    pub path: Option<AttrValue>,
    pub oncancel: Callback<()>,
}

#[component]
pub fn RestoreDialog(props: &RestoreDialogProps) -> Html {
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
        None => ask_step(&form, props.path.is_none()),
        Some(preview) => preview_step(&form, preview),
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
                if let Some(message) = &form.meta.banner {
                    <Banner id="restore-error" message={message.clone()} ondismiss={form.dismiss()} />
                }
                <div class="modal-actions">
                    if form.preview.is_some() {
                        <button type="button" id="restore-back" class="btn btn-secondary"
                            disabled={busy} onclick={back}>
                            { "Back" }
                        </button>
                        <SubmitButton id="restore-confirm" class="btn btn-danger"
                            label="Replace all data with this backup" busy_label="Restoring…"
                            busy={form.restoring} />
                    } else {
                        <button type="button" id="restore-cancel" class="btn btn-secondary"
                            disabled={busy} onclick={oncancel}>
                            { "Cancel" }
                        </button>
                        <SubmitButton id="restore-check" label="Check the backup"
                            busy_label="Checking every page…" busy={form.meta.busy} />
                    }
                </div>
            </form>
        </Modal>
    }
}

/// Which file, and its passphrase.
fn ask_step(form: &Form<RestoreForm>, asks_path: bool) -> Html {
    let toggle = form.own(|()| RestoreAction::ToggleShow);
    let file_name = form
        .path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .to_owned();
    html! {
        <>
            <ModalHead icon={IconName::Upload} title_id="restore-title" title="Restore a backup">
                <p class="muted small">
                    { "Keydesk first checks the backup with its passphrase and shows what it holds. Nothing changes until you confirm." }
                </p>
            </ModalHead>
            if asks_path {
                <TextField
                    id={RestoreField::Path.input_id()}
                    label="Backup file"
                    placeholder="/media/usb/keydesk-2026-11-30.kdbackup"
                    hint="The full path of the backup file, for example on a USB drive."
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
                    <span class="muted">{ "Backup file" }</span>
                    <span class="restore-file-name" title={form.path.clone()}>{ file_name }</span>
                </p>
            }
            <TextField
                id={RestoreField::Passphrase.input_id()}
                label="Backup passphrase"
                input_type={password_type(form.show)}
                autocomplete="off"
                autofocus={!asks_path}
                hint="The passphrase that was set when the backup was made."
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
fn preview_step(form: &Form<RestoreForm>, preview: &BackupPreview) -> Html {
    let row = |id: &'static str, label: &'static str, value: String| {
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
                title="Replace all data with this backup?">
                <p class="muted small" id="restore-lead">
                    { "Everything in Keydesk now is replaced by what the backup holds: customers, staff, logins to hand over, mails and settings. Whatever was added since it was made is gone. Everyone then signs in with the password they had in the backup." }
                </p>
            </ModalHead>
            <dl id="restore-preview" class="restore-facts">
                { row("restore-made-at", "Made", local_time(&preview.made_at)) }
                { row("restore-staff", "Staff", count_text(preview.staff, "member", "members")) }
                { row("restore-customers", "Customers", count_text(preview.customers, "customer", "customers")) }
                { row("restore-pending-logins", "Logins to hand over", count_text(preview.pending_logins, "login", "logins")) }
                { row("restore-mails", "Mails", count_text(preview.mails, "mail", "mails")) }
                { row("restore-size", "Size", size_text(preview.bytes)) }
            </dl>
            if form.restoring {
                { progress_bar("restore-progress", "Restore progress", form.progress.as_ref().map(percent)) }
            }
        </>
    }
}

/// A backup's or a restore's bar, with its percent in words below it.
pub fn progress_bar(id: &'static str, label: &'static str, pct: Option<u64>) -> Html {
    html! {
        <div class="backup-progress">
            <ProgressBar {id} {label} percent={pct} />
            <p id={format!("{id}-text")} class="small muted" aria-live="polite">
                { pct.map_or_else(|| "Starting…".to_owned(), |p| format!("{p}%")) }
            </p>
        </div>
    }
}
