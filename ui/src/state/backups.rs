//! Settings → Backups and restoring a backup: the card's state (the status, "Back up
//! now" and its progress, which restore dialog is open), the passphrase and folder forms,
//! and the restore flow shared by the card and the first-run screen (file and
//! passphrase, then what the backup holds, then the replacement).

use std::fmt;
use std::rc::Rc;

use keydesk_api::{
    BackupFileRequest, BackupFolderRequest, BackupPassphraseRequest, BackupPreview, BackupProgress,
    BackupStatus, Error,
};
use yew::Reducible;

use super::owner_form::{confirm_diverges, new_password_error};
use crate::form::{self, Field, FormMeta, FormState};
use crate::state::remote::{Remote, Request};
use crate::words::{Said, Words};

/// Which backup the restore dialog opens, if it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreTarget {
    /// One of the list's files.
    Listed(String),
    /// A file whose path the person types.
    Other,
}

/// The Backups card, apart from its forms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BackupsState {
    pub status: Request<BackupStatus>,
    /// "Back up now" runs; `progress` is how far it came.
    pub backing_up: bool,
    pub progress: Option<BackupProgress>,
    /// The passphrase form is open over a passphrase already set.
    pub changing_passphrase: bool,
    pub restoring: Option<RestoreTarget>,
    /// A failed backup, in the card's banner.
    pub error: Option<String>,
    /// The last "Back up now" went through (until the next one).
    pub backed_up: bool,
}

#[derive(Debug)]
pub enum BackupsAction {
    Loaded {
        seq: u64,
        answer: Result<BackupStatus, Error>,
    },
    /// "Try again" after the status would not load.
    Reload,
    /// A form saved, answering with the status as it is now.
    Changed(BackupStatus),
    ChangePassphrase,
    KeepPassphrase,
    BackUp,
    Progress(BackupProgress),
    BackedUp(Result<BackupStatus, Error>),
    OpenRestore(RestoreTarget),
    CloseRestore,
    DismissError,
}

impl BackupsState {
    pub fn started() -> Self {
        Self {
            status: Request::started(),
            ..Self::default()
        }
    }

    pub fn loaded(&self) -> Option<&BackupStatus> {
        self.status.remote.loaded()
    }

    /// The passphrase form shows when none is set yet, or when the person asked to
    /// change it.
    pub fn asks_passphrase(&self) -> bool {
        self.loaded()
            .is_some_and(|status| !status.passphrase_set || self.changing_passphrase)
    }
}

impl Reducible for BackupsState {
    type Action = BackupsAction;

    fn reduce(self: Rc<Self>, action: BackupsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            BackupsAction::Loaded { seq, answer } => {
                if !next.status.finish(seq, answer) {
                    return self;
                }
            }
            BackupsAction::Reload => {
                if next.status.is_loading() {
                    return self;
                }
                next.status.start();
            }
            BackupsAction::Changed(status) => {
                next.status.remote = Remote::Loaded(status);
                next.changing_passphrase = false;
            }
            BackupsAction::ChangePassphrase => next.changing_passphrase = true,
            BackupsAction::KeepPassphrase => next.changing_passphrase = false,
            BackupsAction::BackUp => {
                let ready = next.loaded().is_some_and(|status| status.passphrase_set);
                if next.backing_up || !ready {
                    return self;
                }
                next.backing_up = true;
                next.backed_up = false;
                next.progress = None;
                next.error = None;
            }
            BackupsAction::Progress(progress) => {
                if !next.backing_up {
                    return self;
                }
                next.progress = Some(progress);
            }
            BackupsAction::BackedUp(answer) => {
                next.backing_up = false;
                next.progress = None;
                match answer {
                    Ok(status) => {
                        next.status.remote = Remote::Loaded(status);
                        next.backed_up = true;
                    }
                    Err(error) => next.error = Some(error.message),
                }
            }
            BackupsAction::OpenRestore(target) => {
                if next.backing_up {
                    return self;
                }
                next.restoring = Some(target);
            }
            BackupsAction::CloseRestore => next.restoring = None,
            BackupsAction::DismissError => next.error = None,
        }
        next.into()
    }
}

/// How far a backup or restore came, in whole percent (never past 100: encrypted pages
/// may write a little more than expected).
pub fn percent(progress: &BackupProgress) -> u64 {
    crate::components::progress_bar::percent(progress.written, progress.expected)
}

/// "12.4 MB", "880 KB", "512 bytes", in the language's digits. The tenths are a value of
/// their own because Persian writes its decimal separator (٫), not a full stop.
pub fn size_text(words: &Words, bytes: u64) -> String {
    const KB: u64 = 1_000;
    const MB: u64 = 1_000_000;
    const GB: u64 = 1_000_000_000;
    let decimal = |id: &str, unit: u64| {
        let tenths = (bytes.saturating_mul(10) + unit / 2) / unit;
        let whole = words.number(tenths / 10);
        let tenth = words.number(tenths % 10);
        words.t_with(id, &[("whole", &whole), ("tenth", &tenth)])
    };
    match bytes {
        b if b >= GB => decimal("backups-size-gb", GB),
        b if b >= MB => decimal("backups-size-mb", MB),
        b if b >= KB => words.t_with(
            "backups-size-kb",
            &[("n", &words.number((b + KB / 2) / KB))],
        ),
        b => words.count("backups-size-bytes", b as i64),
    }
}

form::fields! {
    pub enum PassphraseField {
        Passphrase = "passphrase" => "backup-passphrase",
        Confirm = "passphrase_confirm" => "backup-passphrase-confirm",
    }
}

/// Setting or changing the backup passphrase: typed twice, with the strength shown.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PassphraseForm {
    pub passphrase: String,
    pub confirm: String,
    pub show: bool,
    /// The last change went through (until the next edit).
    pub saved: bool,
    pub meta: FormMeta<PassphraseField>,
}

impl fmt::Debug for PassphraseForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PassphraseForm")
            .field("passphrase", &"<redacted>")
            .field("confirm", &"<redacted>")
            .field("saved", &self.saved)
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

#[derive(Debug)]
pub enum PassphraseAction {
    ToggleShow,
    /// Set: the fields are emptied so the passphrase does not stay in the page.
    Succeeded,
}

impl PassphraseForm {
    pub fn request(&self) -> BackupPassphraseRequest {
        BackupPassphraseRequest {
            passphrase: self.passphrase.clone(),
        }
    }
}

impl FormState for PassphraseForm {
    type Field = PassphraseField;
    type Own = PassphraseAction;

    form::meta_in_field!();

    form::text_values!(
        PassphraseField::Passphrase => passphrase,
        PassphraseField::Confirm => confirm,
    );

    fn edited(&mut self, field: PassphraseField) {
        self.saved = false;
        if field == PassphraseField::Passphrase {
            self.meta.clear_server_error(PassphraseField::Confirm);
        }
    }

    fn check(&self, field: PassphraseField) -> Option<Said> {
        let id = match field {
            PassphraseField::Passphrase if self.passphrase.is_empty() => "check-passphrase-missing",
            PassphraseField::Passphrase => return new_password_error(&self.passphrase),
            PassphraseField::Confirm if self.confirm.is_empty() => "check-passphrase-again",
            PassphraseField::Confirm if self.confirm != self.passphrase => {
                "check-passphrases-differ"
            }
            PassphraseField::Confirm => return None,
        };
        Some(Said::id(id))
    }

    fn shows_early(&self, field: PassphraseField) -> bool {
        field == PassphraseField::Confirm && confirm_diverges(&self.passphrase, &self.confirm)
    }

    fn on_submit(&mut self) {
        self.saved = false;
    }

    fn own(&mut self, action: PassphraseAction) -> bool {
        match action {
            PassphraseAction::ToggleShow => self.show = !self.show,
            PassphraseAction::Succeeded => {
                self.passphrase.clear();
                self.confirm.clear();
                self.saved = true;
                self.meta.reset();
            }
        }
        true
    }
}

form::reducible!(PassphraseForm);

form::fields! {
    pub struct FolderField = "folder" => "backup-folder";
}

/// Where backups go.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FolderForm {
    pub folder: String,
    /// The last save went through (until the next edit).
    pub saved: bool,
    /// The save asked for the default folder (the field's text is not sent).
    pub to_default: bool,
    pub meta: FormMeta<FolderField>,
}

#[derive(Debug)]
pub enum FolderAction {
    /// The folder in force, from the status (also after a save).
    Show(String),
    /// "Use the default folder": a save of an empty folder.
    UseDefault,
}

impl FolderForm {
    pub fn request(&self) -> BackupFolderRequest {
        BackupFolderRequest {
            folder: if self.to_default {
                String::new()
            } else {
                self.folder.trim().to_owned()
            },
        }
    }
}

impl FormState for FolderForm {
    type Field = FolderField;
    type Own = FolderAction;

    form::meta_in_field!();

    form::text_values!(FolderField => folder);

    fn edited(&mut self, _field: FolderField) {
        self.saved = false;
    }

    fn check(&self, _field: FolderField) -> Option<Said> {
        (!self.to_default && self.folder.trim().is_empty())
            .then(|| Said::id("check-backup-folder-missing"))
    }

    fn on_submit(&mut self) {
        self.saved = false;
    }

    fn on_failed(&mut self, _field: Option<FolderField>) {
        self.to_default = false;
    }

    fn own(&mut self, action: FolderAction) -> bool {
        match action {
            FolderAction::Show(folder) => {
                let saved = self.meta.busy;
                self.folder = folder;
                self.to_default = false;
                self.meta.reset();
                self.saved = saved;
            }
            FolderAction::UseDefault => {
                if self.meta.busy {
                    return false;
                }
                // Submitted right after, by the same click.
                self.to_default = true;
            }
        }
        true
    }
}

form::reducible!(FolderForm);

form::fields! {
    pub enum RestoreField {
        Path = "path" => "restore-path",
        Passphrase = "passphrase" => "restore-passphrase",
    }
}

/// The restore flow: which file and its passphrase (sent to be looked into), then what
/// the backup holds, then the restore itself with its progress.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct RestoreForm {
    pub path: String,
    /// The file was chosen from the list: its path is not a field, so what is said
    /// about it goes to the banner.
    pub fixed_path: bool,
    pub passphrase: String,
    pub show: bool,
    /// What the backup holds, once it was looked into with this passphrase.
    pub preview: Option<BackupPreview>,
    /// The restore runs; `progress` is how far it came.
    pub restoring: bool,
    pub progress: Option<BackupProgress>,
    pub meta: FormMeta<RestoreField>,
}

impl fmt::Debug for RestoreForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RestoreForm")
            .field("path", &self.path)
            .field("passphrase", &"<redacted>")
            .field("preview", &self.preview)
            .field("restoring", &self.restoring)
            .field("progress", &self.progress)
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

#[derive(Debug)]
pub enum RestoreAction {
    ToggleShow,
    Previewed(BackupPreview),
    /// Back from the preview to the file and passphrase.
    Back,
    Restore,
    Progress(BackupProgress),
    /// The restore failed: back to the file and passphrase, with the reason.
    RestoreFailed,
}

impl RestoreForm {
    /// The flow for the file at `path`, or for a file still to be typed.
    pub fn for_path(path: Option<String>) -> Self {
        Self {
            fixed_path: path.is_some(),
            path: path.unwrap_or_default(),
            ..Self::default()
        }
    }

    pub fn request(&self) -> BackupFileRequest {
        BackupFileRequest {
            path: self.path.trim().to_owned(),
            passphrase: self.passphrase.clone(),
        }
    }
}

impl FormState for RestoreForm {
    type Field = RestoreField;
    type Own = RestoreAction;

    form::meta_in_field!();

    form::text_values!(
        RestoreField::Path => path,
        RestoreField::Passphrase => passphrase,
    );

    fn edited(&mut self, _field: RestoreField) {
        self.preview = None;
    }

    fn check(&self, field: RestoreField) -> Option<Said> {
        let id = match field {
            RestoreField::Path if self.path.trim().is_empty() => "check-restore-path-missing",
            RestoreField::Passphrase if self.passphrase.is_empty() => {
                "check-restore-passphrase-missing"
            }
            _ => return None,
        };
        Some(Said::id(id))
    }

    fn failed_field(&self, error: &Error) -> Option<RestoreField> {
        let field = RestoreField::from_api_name(error.field.as_deref()?)?;
        (field != RestoreField::Path || !self.fixed_path).then_some(field)
    }

    fn on_failed(&mut self, field: Option<RestoreField>) {
        if field == Some(RestoreField::Passphrase) {
            self.passphrase.clear();
        }
    }

    fn own(&mut self, action: RestoreAction) -> bool {
        match action {
            RestoreAction::ToggleShow => self.show = !self.show,
            RestoreAction::Previewed(preview) => {
                self.meta.busy = false;
                self.preview = Some(preview);
            }
            RestoreAction::Back => {
                if self.restoring {
                    return false;
                }
                self.preview = None;
            }
            RestoreAction::Restore => {
                if self.restoring || self.preview.is_none() {
                    return false;
                }
                self.restoring = true;
                self.progress = None;
            }
            RestoreAction::Progress(progress) => {
                if !self.restoring {
                    return false;
                }
                self.progress = Some(progress);
            }
            RestoreAction::RestoreFailed => {
                self.restoring = false;
                self.progress = None;
                self.preview = None;
            }
        }
        true
    }
}

form::reducible!(RestoreForm);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormAction;
    use crate::words::speaking;
    use keydesk_api::{BackupFile, ErrorCode, Language};

    fn run<S: Reducible + Clone>(state: S, actions: impl IntoIterator<Item = S::Action>) -> S {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn status(passphrase_set: bool) -> BackupStatus {
        BackupStatus {
            passphrase_set,
            folder: "/data/backups".to_owned(),
            default_folder: true,
            last_backup_at: None,
            overdue: true,
            last_failure: None,
            backups: Vec::new(),
        }
    }

    fn loaded(passphrase_set: bool) -> BackupsState {
        let state = BackupsState::started();
        let seq = state.status.seq;
        run(
            state,
            [BackupsAction::Loaded {
                seq,
                answer: Ok(status(passphrase_set)),
            }],
        )
    }

    fn preview() -> BackupPreview {
        BackupPreview {
            path: "/data/backups/a.kdbackup".to_owned(),
            made_at: "2026-11-30T12:00:00+00:00".to_owned(),
            staff: 2,
            customers: 5,
            pending_logins: 1,
            mails: 3,
            bytes: 40_960,
        }
    }

    #[test]
    fn backups_wait_for_a_passphrase_and_run_one_at_a_time() {
        let state = loaded(false);
        assert!(state.asks_passphrase());
        assert_eq!(run(state.clone(), [BackupsAction::BackUp]), state);

        let state = run(state, [BackupsAction::Changed(status(true))]);
        assert!(!state.asks_passphrase());
        let state = run(state, [BackupsAction::BackUp]);
        assert!(state.backing_up);
        let state = run(
            state,
            [BackupsAction::Progress(BackupProgress {
                written: 50,
                expected: 100,
            })],
        );
        assert_eq!(state.progress.map(|p| percent(&p)), Some(50));
        assert_eq!(run(state.clone(), [BackupsAction::BackUp]), state);

        let mut made = status(true);
        made.last_backup_at = Some("2026-11-30T12:00:00+00:00".to_owned());
        made.backups.push(BackupFile {
            path: "/data/backups/a.kdbackup".to_owned(),
            name: "a.kdbackup".to_owned(),
            made_at: "2026-11-30T12:00:00+00:00".to_owned(),
            bytes: 40_960,
        });
        let state = run(state, [BackupsAction::BackedUp(Ok(made))]);
        assert!(!state.backing_up && state.backed_up);
        assert!(state.progress.is_none());
        assert_eq!(state.loaded().unwrap().backups.len(), 1);

        let error = Error::new(ErrorCode::Internal, "The backup folder is full.");
        let state = run(
            state,
            [BackupsAction::BackUp, BackupsAction::BackedUp(Err(error))],
        );
        assert_eq!(state.error.as_deref(), Some("The backup folder is full."));
        assert!(!state.backed_up);
    }

    #[test]
    fn changing_the_passphrase_opens_and_closes_its_form() {
        let state = run(loaded(true), [BackupsAction::ChangePassphrase]);
        assert!(state.asks_passphrase());
        assert!(!run(state.clone(), [BackupsAction::KeepPassphrase]).asks_passphrase());
        assert!(!run(state, [BackupsAction::Changed(status(true))]).asks_passphrase());
    }

    #[test]
    fn the_passphrase_is_typed_twice_and_never_printed() {
        let edit = |field, text: &str| FormAction::Edit(field, text.to_owned());
        let form = run(
            PassphraseForm::default(),
            [
                edit(PassphraseField::Passphrase, "correct horse battery"),
                edit(PassphraseField::Confirm, "correct horse batterx"),
                FormAction::Submit,
            ],
        );
        assert!(!form.meta.busy);
        assert!(form.field_error(PassphraseField::Confirm).is_some());
        assert!(!format!("{form:?}").contains("horse"));
        let form = run(
            form,
            [
                edit(PassphraseField::Confirm, "correct horse battery"),
                FormAction::Submit,
            ],
        );
        assert!(form.meta.busy);
        let form = run(form, [FormAction::Own(PassphraseAction::Succeeded)]);
        assert!(form.passphrase.is_empty() && form.confirm.is_empty() && form.saved);
    }

    #[test]
    fn the_default_folder_is_asked_for_with_an_empty_folder() {
        let form = run(
            FolderForm::default(),
            [FormAction::Own(FolderAction::Show(
                "/data/backups".to_owned(),
            ))],
        );
        assert_eq!(form.request().folder, "/data/backups");
        assert!(!form.saved);
        let form = run(
            form,
            [
                FormAction::Edit(FolderField, " /mnt/usb/keydesk ".to_owned()),
                FormAction::Submit,
            ],
        );
        assert_eq!(form.request().folder, "/mnt/usb/keydesk");
        let form = run(
            form,
            [FormAction::Own(FolderAction::Show(
                "/mnt/usb/keydesk".to_owned(),
            ))],
        );
        assert!(form.saved);
        let form = run(
            form,
            [
                FormAction::Own(FolderAction::UseDefault),
                FormAction::Submit,
            ],
        );
        assert_eq!(form.request().folder, "");
        assert!(form.meta.busy);
    }

    #[test]
    fn a_wrong_passphrase_lands_on_its_field_and_the_restore_waits_for_a_preview() {
        let form = RestoreForm::for_path(Some("/data/backups/a.kdbackup".to_owned()));
        assert_eq!(
            run(form.clone(), [FormAction::Own(RestoreAction::Restore)]),
            form
        );
        let form = run(
            form,
            [
                FormAction::Edit(RestoreField::Passphrase, "wrong one".to_owned()),
                FormAction::Submit,
            ],
        );
        assert!(form.meta.busy);
        let wrong = Error::for_field("passphrase", "This passphrase does not open the backup.");
        let form = run(form, [FormAction::Failed(wrong)]);
        assert_eq!(
            crate::words::in_english(form.field_error(RestoreField::Passphrase)).as_deref(),
            Some("This passphrase does not open the backup.")
        );
        assert!(form.passphrase.is_empty());
        assert!(!format!("{form:?}").contains("wrong one"));

        let form = run(
            form,
            [
                FormAction::Edit(RestoreField::Passphrase, "right one".to_owned()),
                FormAction::Submit,
                FormAction::Own(RestoreAction::Previewed(preview())),
                FormAction::Own(RestoreAction::Restore),
            ],
        );
        assert!(form.restoring && !form.meta.busy);
        assert_eq!(form.request().passphrase, "right one");
        let form = run(form, [FormAction::Own(RestoreAction::RestoreFailed)]);
        assert!(!form.restoring && form.preview.is_none());
    }

    /// What the window shows bare, without the isolation marks around values in
    /// right-to-left text.
    fn bare(text: String) -> String {
        text.replace(['\u{2068}', '\u{2069}'], "")
    }

    #[test]
    fn sizes_counts_and_percent_read_well() {
        let en = Words::new(speaking(Language::En));
        assert_eq!(size_text(&en, 512), "512 bytes");
        assert_eq!(size_text(&en, 1), "1 byte");
        assert_eq!(size_text(&en, 40_960), "41 KB");
        assert_eq!(size_text(&en, 12_400_000), "12.4 MB");
        assert_eq!(size_text(&en, 3_050_000_000), "3.1 GB");
        assert_eq!(en.count("restore-customers-count", 1), "1 customer");
        assert_eq!(en.count("restore-customers-count", 0), "0 customers");
        assert_eq!(en.count("restore-staff-count", 1), "1 member");
        assert_eq!(en.count("restore-logins-count", 2), "2 logins");
        let fa = Words::new(speaking(Language::Fa));
        assert_eq!(bare(size_text(&fa, 12_400_000)), "۱۲٫۴ مگابایت");
        assert_eq!(bare(size_text(&fa, 512)), "۵۱۲ بایت");
        assert_eq!(bare(fa.count("restore-customers-count", 3)), "۳ مشتری");
        let over = BackupProgress {
            written: 130,
            expected: 100,
        };
        assert_eq!(percent(&over), 100);
        assert_eq!(
            percent(&BackupProgress {
                written: 5,
                expected: 0
            }),
            0
        );
        assert_eq!(
            RestoreField::from_api_name("passphrase"),
            Some(RestoreField::Passphrase)
        );
    }

    #[test]
    fn a_file_from_the_list_hears_about_its_path_in_the_banner() {
        let damaged = Error::for_field("path", "This file is not a Keydesk backup.");
        let listed = run(
            RestoreForm::for_path(Some("/b/a.kdbackup".to_owned())),
            [
                FormAction::Edit(RestoreField::Passphrase, "x".to_owned()),
                FormAction::Submit,
                FormAction::Failed(damaged.clone()),
            ],
        );
        assert_eq!(
            crate::words::in_english(listed.meta.banner.clone()).as_deref(),
            Some("This file is not a Keydesk backup.")
        );
        let typed = run(
            RestoreForm::for_path(None),
            [
                FormAction::Edit(RestoreField::Path, "/b/a.kdbackup".to_owned()),
                FormAction::Edit(RestoreField::Passphrase, "x".to_owned()),
                FormAction::Submit,
                FormAction::Failed(damaged),
            ],
        );
        assert!(typed.field_error(RestoreField::Path).is_some());
        assert!(typed.meta.banner.is_none());
    }
}
