//! What the shell holds while the window is open: the core, once it could be opened,
//! who is signed in, and whether the window is idle-locked.

use crate::command_error::CommandError;
use keydesk_api::{ErrorCode, SessionInfo, OUTBOX_CHANGED_EVENT};
use keydesk_core::auth::Actor;
use keydesk_core::clock::SystemClock;
use keydesk_core::keydesk::ImportCancel;
use keydesk_core::mail::OutboxWorker;
use keydesk_core::paths::DataPaths;
use keydesk_core::vault::OsKeyring;
use keydesk_core::{Keydesk, OpenError};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use tauri::{AppHandle, Emitter};
use tokio::sync::OnceCell;

/// Overrides the idle-lock time (in seconds) for tests and demonstrations.
pub const IDLE_LOCK_SECONDS_ENV: &str = "KEYDESK_IDLE_LOCK_SECONDS";

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
    clipboard: Mutex<Option<arboard::Clipboard>>,
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

impl Shell {
    pub fn new(paths: DataPaths) -> Self {
        Self {
            paths,
            keydesk: OnceCell::new(),
            session: Mutex::new(None),
            clipboard: Mutex::new(None),
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
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
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

    pub fn set_locked(&self, locked: bool) {
        if let Some(session) = self.slot().as_mut() {
            session.locked = locked;
        }
    }

    pub fn sign_out(&self) -> Option<Session> {
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

    /// Puts text on the system clipboard. The clipboard handle is kept for the life of
    /// the window: on Linux the copied text is served by its owner, and would vanish
    /// if the handle were dropped.
    pub fn copy_to_clipboard(&self, text: String) -> anyhow::Result<()> {
        let mut slot = self
            .clipboard
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if slot.is_none() {
            *slot = Some(arboard::Clipboard::new()?);
        }
        match slot.as_mut() {
            Some(clipboard) => clipboard.set_text(text).map_err(Into::into),
            None => anyhow::bail!("The clipboard is not available"),
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
