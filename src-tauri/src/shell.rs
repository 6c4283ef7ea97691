//! What the shell holds while the window is open: the core, once it could be opened,
//! who is signed in, whether the window is idle-locked, the clipboard, and a running
//! "Generate logins".

use crate::command_error::CommandError;
use keydesk_api::{ErrorCode, SessionInfo, HANDOFFS_CHANGED_EVENT, OUTBOX_CHANGED_EVENT};
use keydesk_core::auth::Actor;
use keydesk_core::clock::SystemClock;
use keydesk_core::keydesk::ImportCancel;
use keydesk_core::mail::OutboxWorker;
use keydesk_core::paths::DataPaths;
use keydesk_core::vault::OsKeyring;
use keydesk_core::{Keydesk, OpenError};
use sha2::{Digest, Sha256};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};
use tokio::sync::OnceCell;
use zeroize::Zeroizing;

/// Overrides the idle-lock time (in seconds) for tests and demonstrations.
pub const IDLE_LOCK_SECONDS_ENV: &str = "KEYDESK_IDLE_LOCK_SECONDS";
/// Overrides how long copied credentials stay on the clipboard (in seconds; 0 = not
/// cleared) for tests and demonstrations.
pub const CLIPBOARD_CLEAR_SECONDS_ENV: &str = "KEYDESK_CLIPBOARD_CLEAR_SECONDS";
/// How often handoffs whose time is up are expired while the window is open.
const EXPIRY_SWEEP_EVERY: Duration = Duration::from_secs(60);

/// The system clipboard, kept for the life of the window: on Linux the copied text is
/// served by its owner, and would vanish if the handle were dropped.
#[derive(Default)]
struct ClipboardSlot {
    clipboard: Option<arboard::Clipboard>,
    /// Counts copies, so a clearing timer only acts for the copy that started it.
    copies: u64,
    /// SHA-256 of the text we last put there, to clear it only while it is still ours
    /// (without keeping the secret itself in memory).
    ours: Option<[u8; 32]>,
}

impl ClipboardSlot {
    fn clipboard(&mut self) -> anyhow::Result<&mut arboard::Clipboard> {
        if self.clipboard.is_none() {
            self.clipboard = Some(arboard::Clipboard::new()?);
        }
        self.clipboard
            .as_mut()
            .ok_or_else(|| anyhow::anyhow!("The clipboard is not available"))
    }

    /// Empties the clipboard if it still holds what we put there. True if it did.
    fn clear_if_ours(&mut self) -> anyhow::Result<bool> {
        let Some(ours) = self.ours.take() else {
            return Ok(false);
        };
        let clipboard = self.clipboard()?;
        let now = Zeroizing::new(clipboard.get_text().unwrap_or_default());
        if <[u8; 32]>::from(Sha256::digest(now.as_bytes())) != ours {
            return Ok(false);
        }
        clipboard.clear()?;
        Ok(true)
    }
}

/// Puts `text` on the clipboard marked as concealed, so clipboard history managers and
/// cloud clipboards leave it out.
fn set_concealed(clipboard: &mut arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    let set = clipboard.set();
    // `x-kde-passwordManagerHint`: honoured by KDE Klipper, GNOME clipboard extensions
    // and most Linux clipboard managers.
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
    ))]
    let set = {
        use arboard::SetExtLinux;
        set.exclude_from_history()
    };
    // `ExcludeClipboardContentFromMonitorProcessing` keeps it from every clipboard
    // monitor; `CanIncludeInClipboardHistory` and `CanUploadToCloudClipboard` (both 0) are
    // the flags Windows' own history and cloud sync read, set too as password managers do.
    #[cfg(windows)]
    let set = {
        use arboard::SetExtWindows;
        set.exclude_from_monitoring()
            .exclude_from_history()
            .exclude_from_cloud()
    };
    // `org.nspasteboard.ConcealedType`, the convention macOS clipboard managers follow.
    #[cfg(target_os = "macos")]
    let set = {
        use arboard::SetExtApple;
        set.exclude_from_history()
    };
    set.text(text)
}

/// The signed-in person of this window.
#[derive(Clone)]
pub struct Session {
    pub actor: Actor,
    pub locked: bool,
}

pub struct Shell {
    paths: DataPaths,
    keydesk: OnceCell<Arc<Keydesk>>,
    session: Mutex<Option<Session>>,
    clipboard: Arc<Mutex<ClipboardSlot>>,
    /// The cancel flag of the "Generate logins" that is running, if one is.
    generating_logins: Mutex<Option<Arc<AtomicBool>>>,
    /// The running customer import's cancel switch.
    import: Arc<Mutex<Option<ImportCancel>>>,
    /// The window's app, for events; set when the app starts.
    app: OnceLock<AppHandle>,
    /// Sends the outbox while Keydesk is open.
    mail_worker: Mutex<Option<OutboxWorker>>,
}

/// A running import; the slot frees itself when this is dropped, however the import ended.
pub struct RunningImport {
    slot: Arc<Mutex<Option<ImportCancel>>>,
    cancel: ImportCancel,
}

impl RunningImport {
    pub fn cancel(&self) -> &ImportCancel {
        &self.cancel
    }
}

impl Drop for RunningImport {
    fn drop(&mut self) {
        self.slot
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
    }
}

/// Marks "Generate logins" as running for as long as it lives.
pub struct GeneratingLogins<'a> {
    shell: &'a Shell,
    pub cancel: Arc<AtomicBool>,
}

impl Drop for GeneratingLogins<'_> {
    fn drop(&mut self) {
        *lock(&self.shell.generating_logins) = None;
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shell {
    pub fn new(paths: DataPaths) -> Self {
        Self {
            paths,
            keydesk: OnceCell::new(),
            session: Mutex::new(None),
            clipboard: Arc::new(Mutex::new(ClipboardSlot::default())),
            generating_logins: Mutex::new(None),
            import: Arc::new(Mutex::new(None)),
            app: OnceLock::new(),
            mail_worker: Mutex::new(None),
        }
    }

    /// Remembers the app, so outbox changes reach the window as events.
    pub fn attach(&self, app: AppHandle) {
        let _ = self.app.set(app);
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

    /// Stops the outbox worker (on exit); a mail cut off is sent again next time.
    pub async fn stop_mail(&self) {
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
        self.keydesk
            .get_or_try_init(|| async {
                let keydesk =
                    Keydesk::open(&self.paths, Arc::new(OsKeyring), Arc::new(SystemClock))
                        .await
                        .map(Arc::new)?;
                self.start_mail(&keydesk);
                Ok(keydesk)
            })
            .await
            .cloned()
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
        });
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
        if let Some(seconds) = std::env::var(IDLE_LOCK_SECONDS_ENV)
            .ok()
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|s| *s > 0)
        {
            info.idle_lock_seconds = seconds;
        }
        Ok(info)
    }

    /// Seconds a copied credential stays on the clipboard: the setting, unless the test
    /// override says otherwise.
    pub fn clipboard_clear_seconds(&self, from_settings: u32) -> u32 {
        std::env::var(CLIPBOARD_CLEAR_SECONDS_ENV)
            .ok()
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(from_settings)
    }

    /// Puts a secret on the system clipboard, marked as concealed, and clears it after
    /// `clear_after_seconds` (0 = never) if the clipboard still holds it then;
    /// `on_cleared` hears when that happened. Returns the seconds, for the window's
    /// countdown.
    pub fn copy_secret(
        &self,
        text: &str,
        clear_after_seconds: u32,
        on_cleared: impl FnOnce() + Send + 'static,
    ) -> anyhow::Result<u32> {
        let copy = {
            let mut slot = lock(&self.clipboard);
            set_concealed(slot.clipboard()?, text)?;
            slot.copies += 1;
            slot.ours = Some(Sha256::digest(text.as_bytes()).into());
            slot.copies
        };
        if clear_after_seconds > 0 {
            let clipboard = Arc::clone(&self.clipboard);
            let wait = Duration::from_secs(u64::from(clear_after_seconds));
            tauri::async_runtime::spawn(async move {
                tokio::time::sleep(wait).await;
                let cleared = {
                    let mut slot = lock(&clipboard);
                    if slot.copies != copy {
                        return;
                    }
                    slot.clear_if_ours()
                };
                match cleared {
                    Ok(true) => on_cleared(),
                    Ok(false) => {}
                    Err(error) => tracing::warn!(%error, "the clipboard could not be cleared"),
                }
            });
        }
        Ok(clear_after_seconds)
    }

    /// Clears the clipboard now if it still holds a secret we put there.
    pub fn clear_clipboard_if_ours(&self) {
        if let Err(error) = lock(&self.clipboard).clear_if_ours() {
            tracing::warn!(%error, "the clipboard could not be cleared");
        }
    }

    /// Claims the import slot, or `None` while another import runs.
    pub fn start_import(&self) -> Option<RunningImport> {
        let mut slot = self.import.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.is_some() {
            return None;
        }
        let cancel = ImportCancel::default();
        *slot = Some(cancel.clone());
        Some(RunningImport {
            slot: Arc::clone(&self.import),
            cancel,
        })
    }

    /// Marks "Generate logins" as running, or refuses if it already is.
    pub fn start_generating_logins(&self) -> Result<GeneratingLogins<'_>, CommandError> {
        let mut running = lock(&self.generating_logins);
        if running.is_some() {
            return Err(CommandError::new(
                ErrorCode::Conflict,
                "Logins are already being generated. Wait for it to finish or cancel it.",
            ));
        }
        let cancel = Arc::new(AtomicBool::new(false));
        *running = Some(Arc::clone(&cancel));
        Ok(GeneratingLogins {
            shell: self,
            cancel,
        })
    }

    pub fn cancel_import(&self) {
        if let Some(cancel) = self
            .import
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
        {
            cancel.cancel();
        }
    }

    /// The cancel flag of a running "Generate logins", if one runs.
    pub fn generating_logins(&self) -> Option<Arc<AtomicBool>> {
        lock(&self.generating_logins).clone()
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

/// Expires handoffs whose time is up every minute while the window is open (the queue
/// also does it whenever it is looked at), and tells the window when some expired.
pub fn start_expiry_sweep(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut every = tokio::time::interval(EXPIRY_SWEEP_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let Some(keydesk) = app.state::<Shell>().keydesk.get().cloned() else {
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
