//! What the shell holds while the window is open: the core, once it could be opened (and
//! replaced when a backup is restored), who is signed in, whether the window is
//! idle-locked, the clipboard, and the running import and "Generate logins".
//!
//! The shell enforces the idle lock itself too: the window's timer locks the screen, but a
//! window whose timer never fires (throttled in the background, hung, or bypassed) must
//! not keep a session usable. Every command passes [`gate_commands`] first.

use crate::clipboard::SecretClipboard;
use crate::command_error::CommandError;
use crate::task_slot::{RunningTask, TaskSlot};
use keydesk_api::{
    BackupProgress, EncryptionProgress, ErrorCode, JoinProgress, SessionInfo, SyncChanged,
    BACKUP_PROGRESS_EVENT, DATABASE_ENCRYPTION_PROGRESS_EVENT, HANDOFFS_CHANGED_EVENT,
    JOIN_PROGRESS_EVENT, OUTBOX_CHANGED_EVENT, SYNC_CHANGED_EVENT,
};
use keydesk_core::auth::Actor;
use keydesk_core::clock::SystemClock;
use keydesk_core::domain::PlainPassword;
use keydesk_core::paths::DataPaths;
use keydesk_core::services::ImportCancel;
use keydesk_core::services::RestoreError;
use keydesk_core::services::{OutboxWorker, SyncProgress, SyncState, SyncWorker};
use keydesk_core::vault::{OsKeyring, TimedKeyring, KEYRING_TIME_LIMIT};
use keydesk_core::{Keydesk, OpenError};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};
use tauri::ipc::Invoke;
use tauri::{AppHandle, Emitter, Manager};
use tokio::sync::RwLock;

/// Overrides the idle-lock time (in seconds) for tests and demonstrations; debug builds
/// only (see [`HONOUR_TEST_OVERRIDES`]).
pub const IDLE_LOCK_SECONDS_ENV: &str = "KEYDESK_IDLE_LOCK_SECONDS";
/// Overrides how long copied credentials stay on the clipboard (in seconds; 0 = not
/// cleared) for tests and demonstrations; debug builds only.
pub const CLIPBOARD_CLEAR_SECONDS_ENV: &str = "KEYDESK_CLIPBOARD_CLEAR_SECONDS";
/// The test overrides above are read in debug builds (tests, demonstrations) and ignored
/// in release builds, so nobody can lengthen an installed Keydesk's idle lock or keep
/// passwords on its clipboard through the environment.
const HONOUR_TEST_OVERRIDES: bool = cfg!(debug_assertions);
/// Commands the window sends on its own (timers, shell events), not because the person
/// did something: they are refused when the session is idle, but do not keep it awake.
const BACKGROUND_COMMANDS: &[&str] = &[
    keydesk_api::commands::OUTBOX_STATUS,
    keydesk_api::commands::PENDING_HANDOFF_COUNT,
    keydesk_api::commands::SYNC_STATUS,
    keydesk_api::commands::SYNC_NOTICES,
    keydesk_api::commands::REFRESH_CUSTOMERS,
];
/// How often handoffs whose time is up are expired while the window is open.
const EXPIRY_SWEEP_EVERY: Duration = Duration::from_secs(60);
/// The daily backup's first look, once start-up work has settled: a laptop opened once a
/// day for a few minutes still gets its backup.
const FIRST_BACKUP_CHECK_AFTER: Duration = Duration::from_secs(120);
/// How often the daily backup checks whether one is due after that.
const BACKUP_CHECK_EVERY: Duration = Duration::from_secs(60 * 60);

/// The signed-in person of this window.
#[derive(Clone)]
pub struct Session {
    pub actor: Actor,
    pub locked: bool,
    idle: IdleWatch,
}

/// When the person last did something (a command of theirs, or activity the window
/// reported), for the shell's own idle lock.
#[derive(Clone, Copy, Debug)]
struct IdleWatch {
    last_activity: Instant,
}

impl IdleWatch {
    fn new(now: Instant) -> Self {
        Self { last_activity: now }
    }

    /// At a command sent at `now`: true when the session has been idle for `limit` or
    /// longer (the command is refused and the session locks). Otherwise a command of the
    /// person's counts as activity; a background one does not.
    fn idle_at_command(&mut self, now: Instant, limit: Duration, by_person: bool) -> bool {
        if now.saturating_duration_since(self.last_activity) >= limit {
            return true;
        }
        if by_person {
            self.last_activity = self.last_activity.max(now);
        }
        false
    }
}

/// Whether `command` is sent because the person did something (see
/// [`BACKGROUND_COMMANDS`]).
fn sent_by_person(command: &str) -> bool {
    !BACKGROUND_COMMANDS.contains(&command)
}

/// Reads a test override of `name` (whole seconds), only when `honoured`
/// ([`HONOUR_TEST_OVERRIDES`] in the app).
fn test_override(name: &str, honoured: bool) -> Option<u32> {
    if !honoured {
        return None;
    }
    std::env::var(name).ok()?.parse().ok()
}

/// The idle-lock time in force: the setting, or the test override.
fn idle_lock_seconds(from_settings: u32, honoured: bool) -> u32 {
    test_override(IDLE_LOCK_SECONDS_ENV, honoured)
        .filter(|seconds| *seconds > 0)
        .unwrap_or(from_settings)
}

/// Passes every command of the window through [`Shell::before_command`] (the shell's
/// idle lock) before `commands` runs it. Commands Keydesk does not know go straight on.
pub fn gate_commands<H>(commands: H) -> impl Fn(Invoke) -> bool + Send + Sync + 'static
where
    H: Fn(Invoke) -> bool + Send + Sync + 'static,
{
    let commands = Arc::new(commands);
    move |invoke: Invoke| {
        let name = invoke.message.command();
        let Some(command) = keydesk_api::commands::ALL
            .iter()
            .copied()
            .find(|known| *known == name)
        else {
            return commands(invoke);
        };
        let app = invoke.message.webview_ref().app_handle().clone();
        let commands = Arc::clone(&commands);
        let sent_at = Instant::now();
        tauri::async_runtime::spawn(async move {
            app.state::<Shell>().before_command(command, sent_at).await;
            commands(invoke);
        });
        true
    }
}

pub struct Shell {
    paths: DataPaths,
    /// The OS keyring, one for every attempt to open (see [`Keydesk::open_with`]).
    keyring: TimedKeyring,
    /// The open core. Restoring a backup closes it and puts the restored one in its
    /// place; the write lock keeps every other command waiting meanwhile.
    keydesk: RwLock<Option<Arc<Keydesk>>>,
    session: Mutex<Option<Session>>,
    clipboard: SecretClipboard,
    /// The running "Generate logins", if one is.
    generating_logins: TaskSlot<Arc<AtomicBool>>,
    /// The running customer import, if one is.
    import: TaskSlot<ImportCancel>,
    /// The window's app, for events; set when the app starts.
    app: OnceLock<AppHandle>,
    /// Sends the outbox while Keydesk is open.
    mail_worker: Mutex<Option<OutboxWorker>>,
    /// Keeps the desk in step with its agency server while Keydesk is open.
    sync_worker: Mutex<Option<SyncWorker>>,
}

/// Locks a mutex whose data stays usable after a panic elsewhere (every value kept
/// behind one is whole at all times).
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shell {
    pub fn new(paths: DataPaths) -> Self {
        Self {
            paths,
            keyring: TimedKeyring::new(Arc::new(OsKeyring), KEYRING_TIME_LIMIT),
            keydesk: RwLock::new(None),
            session: Mutex::new(None),
            clipboard: SecretClipboard::default(),
            generating_logins: TaskSlot::default(),
            import: TaskSlot::default(),
            app: OnceLock::new(),
            mail_worker: Mutex::new(None),
            sync_worker: Mutex::new(None),
        }
    }

    /// Remembers the app, so outbox changes reach the window as events.
    pub fn attach(&self, app: AppHandle) {
        let _ = self.app.set(app);
    }

    /// Starts the background workers for the newly opened Keydesk: the sync worker (idle
    /// on a desk of its own) and the outbox worker.
    fn start_workers(&self, keydesk: &Arc<Keydesk>) {
        let worker = SyncWorker::start(Arc::clone(keydesk));
        if let Some(app) = self.app.get().cloned() {
            forward_sync_changes(app, worker.subscribe());
        }
        *lock(&self.sync_worker) = Some(worker);
        self.start_mail(keydesk);
    }

    /// Where this desk stands with its agency server (off until Keydesk is open).
    pub fn sync_state(&self) -> SyncState {
        lock(&self.sync_worker)
            .as_ref()
            .map_or(SyncState::Off, SyncWorker::state)
    }

    /// Asks the sync worker to sync now.
    pub fn sync_soon(&self) {
        if let Some(worker) = lock(&self.sync_worker).as_ref() {
            worker.sync_soon();
        }
    }

    /// Stops the background workers (on exit, or before a restore replaces the database).
    pub async fn stop_workers(&self) {
        let sync = lock(&self.sync_worker).take();
        if let Some(worker) = sync {
            worker.stop().await;
        }
        self.stop_mail().await;
    }

    /// Starts the outbox worker for the newly opened Keydesk, and forwards every change
    /// of a mail's state to the window as [`OUTBOX_CHANGED_EVENT`].
    fn start_mail(&self, keydesk: &Arc<Keydesk>) {
        if let Some(app) = self.app.get().cloned() {
            let mut changes = keydesk.subscribe_outbox();
            tokio::spawn(async move {
                loop {
                    match changes.recv().await {
                        Ok(change) => {
                            if let Err(error) = app.emit(OUTBOX_CHANGED_EVENT, change) {
                                tracing::warn!(%error, "could not tell the window about a mail");
                            }
                        }
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(missed)) => {
                            tracing::debug!(missed, "outbox events dropped");
                        }
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                    }
                }
            });
        }
        let worker = OutboxWorker::start(Arc::clone(keydesk));
        *self
            .mail_worker
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(worker);
    }

    /// Stops the outbox worker; a mail cut off is sent again next time.
    async fn stop_mail(&self) {
        let worker = self
            .mail_worker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(worker) = worker {
            worker.stop().await;
        }
    }

    /// The open core, opening it on first use. A failure (no keyring) is not kept, so
    /// "Try again" in the window retries after the person fixed the cause.
    pub async fn open(&self) -> Result<Arc<Keydesk>, OpenError> {
        if let Some(keydesk) = self.current().await {
            return Ok(keydesk);
        }
        let mut slot = self.keydesk.write().await;
        // Another command may have opened it while this one waited for the lock.
        if let Some(keydesk) = slot.as_ref() {
            return Ok(Arc::clone(keydesk));
        }
        let keydesk = self.open_fresh().await?;
        *slot = Some(Arc::clone(&keydesk));
        Ok(keydesk)
    }

    /// Opens the database in the data folder and starts sending its outbox.
    /// A database left by an earlier version is encrypted first; the window, waiting on
    /// its loading screen, hears how far that has come.
    async fn open_fresh(&self) -> Result<Arc<Keydesk>, OpenError> {
        let keyring = self.keyring.clone();
        let app = self.app.get().cloned();
        let progress = move |progress: EncryptionProgress| {
            tracing::info!(
                progress.written,
                progress.expected,
                "encrypting the database"
            );
            if let Some(app) = &app {
                if let Err(error) = app.emit(DATABASE_ENCRYPTION_PROGRESS_EVENT, progress) {
                    tracing::warn!(%error, "could not send the encryption's progress to the window");
                }
            }
        };
        let keydesk =
            Keydesk::open_reporting(&self.paths, keyring, Arc::new(SystemClock), &progress)
                .await
                .map(Arc::new)?;
        self.start_workers(&keydesk);
        Ok(keydesk)
    }

    /// The open core, if it is open (background work does not open it).
    async fn current(&self) -> Option<Arc<Keydesk>> {
        self.keydesk.read().await.clone()
    }

    /// Replaces the whole database by the backup at `path`: stops the mail, closes the
    /// core, restores, opens the restored database and signs the window out (its
    /// session belongs to the database that is gone). `by` (already allowed by
    /// [`Keydesk::authorize_restore`]) is named in the restored audit log.
    ///
    /// If the restore fails, the database from before is open again, and the error says
    /// why; if even that one will not open, the next command tries again and shows why.
    pub async fn restore_backup(
        &self,
        path: &std::path::Path,
        passphrase: &PlainPassword,
        by: Option<&Actor>,
        progress: &(dyn Fn(BackupProgress) + Send + Sync),
    ) -> Result<(), RestoreError> {
        let mut slot = self.keydesk.write().await;
        self.stop_workers().await;
        if let Some(old) = slot.take() {
            old.close().await;
        }
        let restored = Keydesk::restore_backup(
            &self.paths,
            self.keyring.clone(),
            Arc::new(SystemClock),
            path,
            passphrase,
            by,
            progress,
        )
        .await;
        match restored {
            Ok(keydesk) => {
                let keydesk = Arc::new(keydesk);
                self.start_workers(&keydesk);
                *slot = Some(keydesk);
                self.sign_out();
                tracing::info!(path = %path.display(), "backup restored");
                Ok(())
            }
            Err(error) => {
                // Nothing was replaced, or the old database was put back: open it again.
                match self.open_fresh().await {
                    Ok(keydesk) => *slot = Some(keydesk),
                    Err(reopen) => {
                        tracing::error!(%reopen, "the database could not be opened again after a failed restore");
                    }
                }
                Err(error)
            }
        }
    }

    pub async fn keydesk(&self) -> Result<Arc<Keydesk>, CommandError> {
        self.open().await.map_err(CommandError::from)
    }

    fn slot(&self) -> MutexGuard<'_, Option<Session>> {
        lock(&self.session)
    }

    /// The signed-in, unlocked staff member, or the error that sends the window to
    /// sign-in or to the lock screen.
    pub fn actor(&self) -> Result<Actor, CommandError> {
        match self.slot().as_ref() {
            None => Err(CommandError::not_signed_in()),
            Some(session) if session.locked => Err(CommandError::new(
                ErrorCode::SessionLocked,
                "Keydesk is locked. Enter your password to continue.",
            )),
            Some(session) => Ok(session.actor.clone()),
        }
    }

    /// The signed-in member even while locked (for unlock and sign-out).
    pub fn session(&self) -> Option<Session> {
        self.slot().clone()
    }

    pub fn sign_in(&self, actor: Actor) {
        *self.slot() = Some(Session {
            actor,
            locked: false,
            idle: IdleWatch::new(Instant::now()),
        });
    }

    /// Runs before each command the window sent at `sent_at`: a session idle past the
    /// limit is locked (as the window's timer would have done, audited the same way), so
    /// the command is refused as "locked"; otherwise the person's command keeps it awake.
    pub async fn before_command(&self, command: &str, sent_at: Instant) {
        let Some(keydesk) = self.current().await else {
            return;
        };
        if self.slot().as_ref().is_none_or(|session| session.locked) {
            return;
        }
        let minutes = match keydesk.security_settings().await {
            Ok(security) => security.idle_lock_minutes,
            Err(error) => {
                // Unknown limit: the shortest allowed one, rather than none.
                tracing::warn!(error = format!("{error:#}"), "idle limit unreadable");
                *keydesk_core::services::IDLE_LOCK_MINUTES.start()
            }
        };
        let seconds = idle_lock_seconds(minutes.saturating_mul(60), HONOUR_TEST_OVERRIDES);
        let limit = Duration::from_secs(u64::from(seconds));
        let locked = {
            let mut slot = self.slot();
            match slot.as_mut() {
                Some(session) if !session.locked => {
                    let idle =
                        session
                            .idle
                            .idle_at_command(sent_at, limit, sent_by_person(command));
                    session.locked = idle;
                    idle.then(|| session.actor.clone())
                }
                _ => None,
            }
        };
        if let Some(actor) = locked {
            tracing::info!(staff_id = actor.id().0, "idle session locked by the shell");
            self.clear_clipboard_if_ours();
            if let Err(error) = keydesk.lock_session(&actor).await {
                tracing::warn!(%error, "could not audit the idle lock");
            }
        }
    }

    /// Locks or unlocks the window; locking also clears a credential still on the
    /// clipboard.
    pub fn set_locked(&self, locked: bool) {
        if let Some(session) = self.slot().as_mut() {
            session.locked = locked;
        }
        if locked {
            self.clear_clipboard_if_ours();
        }
    }

    /// Ends the window's session and clears a credential still on the clipboard.
    pub fn sign_out(&self) -> Option<Session> {
        self.clear_clipboard_if_ours();
        self.slot().take()
    }

    /// What the window may know about `actor`, with the test override of the idle time.
    pub async fn session_info(
        &self,
        keydesk: &Keydesk,
        actor: &Actor,
    ) -> Result<SessionInfo, CommandError> {
        let mut info = keydesk.session_info(actor).await?;
        info.idle_lock_seconds = idle_lock_seconds(info.idle_lock_seconds, HONOUR_TEST_OVERRIDES);
        Ok(info)
    }

    /// Seconds a copied credential stays on the clipboard: the setting, unless the test
    /// override says otherwise.
    pub fn clipboard_clear_seconds(&self, from_settings: u32) -> u32 {
        test_override(CLIPBOARD_CLEAR_SECONDS_ENV, HONOUR_TEST_OVERRIDES).unwrap_or(from_settings)
    }

    /// The clipboard copied credentials go through.
    pub fn clipboard(&self) -> &SecretClipboard {
        &self.clipboard
    }

    /// What Keydesk does as it quits: a password still on the clipboard is cleared (one
    /// the person replaced since is left alone), so it neither outlives the app nor is
    /// handed to a clipboard manager as the app exits; a mail being sent may finish
    /// (briefly).
    pub fn at_exit(&self) {
        self.clear_clipboard_if_ours();
        tauri::async_runtime::block_on(async {
            self.stop_workers().await;
            // Closing writes the audit log's pending head to the keyring, so the rows of
            // the last moments are covered too.
            if let Some(keydesk) = self.current().await {
                keydesk.close().await;
            }
        });
    }

    /// Clears the clipboard now if it still holds a secret we put there.
    fn clear_clipboard_if_ours(&self) {
        self.clipboard.clear_if_ours();
    }

    /// Claims the import slot, or refuses while another import runs.
    /// Refuses to replace the database while an import or "Generate logins" writes to it.
    pub fn refuse_restore_while_busy(&self) -> Result<(), CommandError> {
        if self.import.current().is_some() || self.generating_logins.current().is_some() {
            return Err(CommandError::new(
                ErrorCode::Conflict,
                "An import or \"Generate logins\" is running. Wait for it to finish or cancel \
                 it, then restore.",
            ));
        }
        Ok(())
    }

    pub fn start_import(&self) -> Result<RunningTask<ImportCancel>, CommandError> {
        self.import.start().ok_or_else(|| {
            CommandError::new(
                ErrorCode::Conflict,
                "An import is already running. Wait for it to finish or cancel it.",
            )
        })
    }

    /// Marks "Generate logins" as running, or refuses if it already is.
    pub fn start_generating_logins(&self) -> Result<RunningTask<Arc<AtomicBool>>, CommandError> {
        self.generating_logins.start().ok_or_else(|| {
            CommandError::new(
                ErrorCode::Conflict,
                "Logins are already being generated. Wait for it to finish or cancel it.",
            )
        })
    }

    pub fn cancel_import(&self) {
        if let Some(cancel) = self.import.current() {
            cancel.cancel();
        }
    }

    /// The cancel flag of a running "Generate logins", if one runs.
    pub fn generating_logins(&self) -> Option<Arc<AtomicBool>> {
        self.generating_logins.current()
    }

    /// Where exports go: the person's Downloads folder, else their home folder.
    pub fn export_dir(&self) -> std::path::PathBuf {
        directories::UserDirs::new()
            .and_then(|dirs| {
                dirs.download_dir()
                    .map(ToOwned::to_owned)
                    .or_else(|| Some(dirs.home_dir().to_owned()))
            })
            .unwrap_or_else(|| self.paths.data_dir.clone())
    }
}

/// Opens the core while the window is still loading its page, so the first screen does
/// not wait for the database and the keyring after the page has loaded. A failure is
/// only logged: the window's first call opens again and shows it.
pub fn open_early(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        if let Err(error) = app.state::<Shell>().open().await {
            tracing::debug!(%error, "opening before the window asked failed");
        }
    });
}

/// Expires handoffs whose time is up every minute while the window is open (the queue
/// also does it whenever it is looked at), and tells the window when some expired.
pub fn start_expiry_sweep(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut every = tokio::time::interval(EXPIRY_SWEEP_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let Some(keydesk) = app.state::<Shell>().current().await else {
                continue;
            };
            match keydesk.expire_handoffs().await {
                Ok(0) => {}
                Ok(expired) => {
                    if let Err(error) = app.emit(HANDOFFS_CHANGED_EVENT, expired) {
                        tracing::warn!(%error, "could not tell the window about expired handoffs");
                    }
                }
                Err(error) => tracing::error!(error = format!("{error:#}"), "expiry sweep failed"),
            }
        }
    });
}

/// Makes the daily backup while the window is open: a first look shortly after start,
/// then every hour; the core decides whether one is due. A failure is logged here and
/// kept by the core for the Backups screen.
pub fn start_backup_schedule(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        let first = tokio::time::Instant::now() + FIRST_BACKUP_CHECK_AFTER;
        let mut every = tokio::time::interval_at(first, BACKUP_CHECK_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let Some(keydesk) = app.state::<Shell>().current().await else {
                continue;
            };
            match keydesk.back_up_if_due().await {
                Ok(true) => tracing::info!("daily backup made"),
                Ok(false) => {}
                Err(error) => tracing::warn!(error = format!("{error:#}"), "daily backup failed"),
            }
        }
    });
}

/// Tells the window each time the sync worker's state changes, as [`SYNC_CHANGED_EVENT`]
/// (with how many changes of other desks the sync applied), until the worker stops.
fn forward_sync_changes(app: AppHandle, mut states: tokio::sync::watch::Receiver<SyncState>) {
    tokio::spawn(async move {
        // The worker counts what it applied since it started; the window hears what is
        // new since it last heard, even when a state it did not see came in between.
        let mut told = 0_usize;
        while states.changed().await.is_ok() {
            let pulled = match &*states.borrow_and_update() {
                SyncState::Synced { pulled, .. } => {
                    let new = pulled.saturating_sub(told) as u64;
                    told = *pulled;
                    new
                }
                _ => 0,
            };
            if let Err(error) = app.emit(SYNC_CHANGED_EVENT, SyncChanged { pulled }) {
                tracing::warn!(%error, "could not tell the window about a sync");
            }
        }
    });
}

/// Sends how far a join's first pull has come to the window as [`JOIN_PROGRESS_EVENT`].
pub fn join_progress(app: AppHandle) -> impl Fn(SyncProgress) + Send + Sync {
    move |progress| {
        let progress = JoinProgress {
            done: u64::try_from(progress.done).unwrap_or(0),
            latest: u64::try_from(progress.latest).unwrap_or(0),
        };
        if let Err(error) = app.emit(JOIN_PROGRESS_EVENT, progress) {
            tracing::warn!(%error, "could not send join progress to the window");
        }
    }
}

/// Sends how far a backup or a restore has come to the window as
/// [`BACKUP_PROGRESS_EVENT`].
pub fn backup_progress(app: AppHandle) -> impl Fn(BackupProgress) + Send + Sync {
    move |progress| {
        if let Err(error) = app.emit(BACKUP_PROGRESS_EVENT, progress) {
            tracing::warn!(%error, "could not send backup progress to the window");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Duration = Duration::from_secs(600);

    #[test]
    fn a_command_after_the_idle_limit_is_refused_however_the_window_behaved() {
        let start = Instant::now();
        let at = |seconds| start + Duration::from_secs(seconds);
        let mut watch = IdleWatch::new(start);
        assert!(!watch.idle_at_command(at(599), LIMIT, true));
        // The person's command at 599 s counts as activity: the limit runs from there.
        assert!(!watch.idle_at_command(at(1_198), LIMIT, true));
        assert!(watch.idle_at_command(at(1_798), LIMIT, true));
        // A background command is refused too once idle...
        let mut watch = IdleWatch::new(start);
        assert!(watch.idle_at_command(at(600), LIMIT, false));
    }

    #[test]
    fn background_commands_do_not_keep_an_idle_session_awake() {
        let start = Instant::now();
        let at = |seconds| start + Duration::from_secs(seconds);
        let mut watch = IdleWatch::new(start);
        for seconds in (30..600).step_by(30) {
            let by_person = sent_by_person(keydesk_api::commands::OUTBOX_STATUS);
            assert!(!watch.idle_at_command(at(seconds), LIMIT, by_person));
        }
        assert!(watch.idle_at_command(at(600), LIMIT, false));
        assert!(!sent_by_person(
            keydesk_api::commands::PENDING_HANDOFF_COUNT
        ));
        assert!(sent_by_person(keydesk_api::commands::LIST_CUSTOMERS));
        assert!(sent_by_person(keydesk_api::commands::NOTE_ACTIVITY));
    }

    #[test]
    fn commands_arriving_out_of_order_never_move_the_activity_back() {
        let start = Instant::now();
        let mut watch = IdleWatch::new(start + Duration::from_secs(100));
        // A command sent before the last activity does not count from its own time.
        assert!(!watch.idle_at_command(start + Duration::from_secs(50), LIMIT, true));
        assert!(!watch.idle_at_command(start + Duration::from_secs(699), LIMIT, false));
        assert!(watch.idle_at_command(start + Duration::from_secs(700), LIMIT, false));
    }

    #[test]
    fn nobody_signed_in_is_refused_what_needs_a_session() {
        // Every command that needs a session (`note_activity` included) asks for the
        // actor, or for the session, before anything else.
        let shell = Shell::new(DataPaths::portable(
            std::env::temp_dir().join("keydesk-stranger"),
        ));
        assert!(shell.session().is_none());
        let refused = shell.actor().expect_err("refused");
        let refused = serde_json::to_value(refused).unwrap();
        assert_eq!(refused["code"], "not_signed_in");
    }

    /// The system clipboard as another program sees it.
    fn clipboard_now() -> String {
        let output = std::process::Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .output()
            .expect("xclip runs (the test needs an X display and xclip)");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    #[test]
    fn quitting_clears_our_secret_but_not_what_the_person_copied_since() {
        let shell = Shell::new(DataPaths::portable(
            std::env::temp_dir().join("keydesk-exit"),
        ));
        shell
            .clipboard()
            .copy_secret("Quit-Secret-7f3a", 0, || {})
            .expect("the clipboard is usable (run under an X display)");
        assert_eq!(clipboard_now(), "Quit-Secret-7f3a");
        shell.at_exit();
        assert_eq!(clipboard_now(), "", "our secret is gone");

        shell
            .clipboard()
            .copy_secret("Quit-Secret-8b1c", 0, || {})
            .unwrap();
        arboard::Clipboard::new()
            .unwrap()
            .set_text("the person's own text")
            .unwrap();
        shell.at_exit();
        assert_eq!(
            clipboard_now(),
            "the person's own text",
            "theirs is left alone"
        );
    }

    #[test]
    fn release_builds_ignore_the_test_overrides() {
        // Names of this test only: the environment is shared by the tests of this binary.
        let name = "KEYDESK_TEST_OVERRIDE_OF_THIS_TEST";
        std::env::set_var(name, "7");
        assert_eq!(test_override(name, true), Some(7));
        assert_eq!(test_override(name, false), None);
        std::env::set_var(name, "seven");
        assert_eq!(test_override(name, true), None);
        std::env::remove_var(name);

        std::env::set_var(IDLE_LOCK_SECONDS_ENV, "3");
        std::env::set_var(CLIPBOARD_CLEAR_SECONDS_ENV, "0");
        assert_eq!(idle_lock_seconds(600, false), 600, "release: the setting");
        assert_eq!(idle_lock_seconds(600, true), 3, "debug: the override");
        assert_eq!(test_override(CLIPBOARD_CLEAR_SECONDS_ENV, false), None);
        assert_eq!(test_override(CLIPBOARD_CLEAR_SECONDS_ENV, true), Some(0));
        std::env::set_var(IDLE_LOCK_SECONDS_ENV, "0");
        assert_eq!(idle_lock_seconds(600, true), 600, "0 is no override");
        std::env::remove_var(IDLE_LOCK_SECONDS_ENV);
        std::env::remove_var(CLIPBOARD_CLEAR_SECONDS_ENV);
        assert_eq!(HONOUR_TEST_OVERRIDES, cfg!(debug_assertions));
    }
}
