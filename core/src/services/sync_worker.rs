//! The background task that keeps a desk in step with its agency server: it pushes soon
//! after changes are made here, pulls as soon as the server says another desk pushed
//! (PostgreSQL's `LISTEN`, on a connection of its own) and at the latest every
//! [`PULL_EVERY`], and when the server cannot be reached tries again later and later
//! (never more than [`LONGEST_BACKOFF`] apart). The window never waits for it: every
//! change is saved here first.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;

use super::Keydesk;
use crate::said::{Explain, Said};

/// How often the worker looks for changes made here (a count of a small table): a change
/// reaches the server within about this long of being saved.
const LOOK_EVERY: Duration = Duration::from_secs(2);
/// How often the worker pulls when nothing was made here.
pub const PULL_EVERY: Duration = Duration::from_secs(45);
/// The first wait after a failed sync; it doubles after each failure in a row.
const FIRST_BACKOFF: Duration = Duration::from_secs(2);
pub const LONGEST_BACKOFF: Duration = Duration::from_secs(60);
/// How long `stop` lets a sync finish before it is cut off (its ops stay queued).
const STOP_GRACE: Duration = Duration::from_secs(5);

/// Where this desk stands with its agency server, for the top bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncState {
    /// A desk of its own: nothing to sync.
    Off,
    /// Syncing now.
    Syncing,
    /// Everything made here is on the server; the last sync ended at `at`. `pulled`
    /// counts the changes of other desks applied here since the worker started, so one
    /// who looks only now and then still sees that something arrived meanwhile.
    Synced { at: DateTime<Utc>, pulled: usize },
    /// The server could not be reached since `since`; `reason` says why.
    Offline { since: DateTime<Utc>, reason: Said },
    /// The server answers but refuses this desk since `since` (revoked, its secret no
    /// longer signs in): someone must act; `reason` says why.
    Refused { since: DateTime<Utc>, reason: Said },
}

/// Listens for the server's word that another desk pushed, in a task of its own, waking
/// `pushed_elsewhere` each time (and when the connection was lost, since word may have
/// been missed). `None` when the server cannot be listened to now: the worker polls.
async fn listen(keydesk: &Keydesk, pushed_elsewhere: &Arc<Notify>) -> Option<JoinHandle<()>> {
    let mut listener = match keydesk.listen_for_agency_changes().await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::debug!(error = %error, "not listening to the agency server");
            return None;
        }
    };
    let wake = Arc::clone(pushed_elsewhere);
    Some(tokio::spawn(async move {
        loop {
            match listener.try_recv().await {
                Ok(_) => wake.notify_one(),
                Err(error) => {
                    tracing::debug!(error = %error, "stopped listening to the agency server");
                    wake.notify_one();
                    return;
                }
            }
        }
    }))
}

/// Syncs in the background until stopped. Start it once the database is open; it does
/// nothing on a desk that does not sync, and starts syncing when the desk joins.
pub struct SyncWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
    state: watch::Receiver<SyncState>,
    /// Asks for a sync now (someone pressed "Sync now").
    nudge: Arc<Notify>,
}

impl SyncWorker {
    /// Spawns the worker on the current tokio runtime.
    pub fn start(keydesk: Arc<Keydesk>) -> Self {
        Self::start_pulling_every(keydesk, PULL_EVERY)
    }

    /// [`SyncWorker::start`], pulling at the latest every `pull_every` when the server
    /// says nothing (tests make it long, to see that the server's word is enough).
    pub fn start_pulling_every(keydesk: Arc<Keydesk>, pull_every: Duration) -> Self {
        let (stop, mut stopped) = watch::channel(false);
        let (shown, state) = watch::channel(SyncState::Off);
        // Only real changes wake those watching: a sync that ended is (its time moved),
        // looking for changes every few seconds is not.
        let set = move |new: SyncState| {
            shown.send_if_modified(|old| {
                let changed = *old != new;
                *old = new;
                changed
            });
        };
        let nudge = Arc::new(Notify::new());
        let nudged = Arc::clone(&nudge);
        let task = tokio::spawn(async move {
            let mut backoff = FIRST_BACKOFF;
            let mut since_pull = pull_every;
            let mut offline_since: Option<DateTime<Utc>> = None;
            let mut pulled_in_all = 0_usize;
            // Woken when the server says another desk pushed.
            let pushed_elsewhere = Arc::new(Notify::new());
            let mut listening: Option<JoinHandle<()>> = None;
            loop {
                if *stopped.borrow() {
                    break;
                }
                // A join under way does its own first pull; the worker waits for it to end.
                let joined = matches!(keydesk.agency_server().await, Ok(Some(s)) if !s.joining);
                let waiting = keydesk.changes_waiting().await.unwrap_or(0);
                let due =
                    joined && (waiting > 0 || since_pull >= pull_every || keydesk.mail_to_report());
                let nap = if !joined {
                    set(SyncState::Off);
                    LOOK_EVERY
                } else if due {
                    set(SyncState::Syncing);
                    match keydesk.sync_now().await {
                        Ok(report) => {
                            backoff = FIRST_BACKOFF;
                            since_pull = Duration::ZERO;
                            offline_since = None;
                            if listening.as_ref().is_none_or(JoinHandle::is_finished) {
                                listening = listen(&keydesk, &pushed_elsewhere).await;
                            }
                            pulled_in_all += report.pulled;
                            set(SyncState::Synced {
                                at: keydesk.clock.now(),
                                pulled: pulled_in_all,
                            });
                            LOOK_EVERY
                        }
                        Err(error) => {
                            let since = *offline_since.get_or_insert_with(|| keydesk.clock.now());
                            tracing::warn!(
                                error = %error,
                                retry_in_s = backoff.as_secs(),
                                "could not sync with the agency server"
                            );
                            let reason = error.explain();
                            set(if error.refuses_this_desk() {
                                SyncState::Refused { since, reason }
                            } else {
                                SyncState::Offline { since, reason }
                            });
                            let wait = backoff;
                            backoff = (backoff * 2).min(LONGEST_BACKOFF);
                            // Try again after the wait, whatever is waiting by then.
                            since_pull = pull_every;
                            wait
                        }
                    }
                } else {
                    LOOK_EVERY
                };
                tokio::select! {
                    () = tokio::time::sleep(nap) => since_pull += nap,
                    () = pushed_elsewhere.notified() => since_pull = pull_every,
                    () = nudged.notified() => {
                        since_pull = pull_every;
                        backoff = FIRST_BACKOFF;
                    }
                    _ = stopped.changed() => break,
                }
            }
            if let Some(task) = listening {
                task.abort();
            }
            tracing::info!("sync worker stopped");
        });
        Self {
            stop,
            task,
            state,
            nudge,
        }
    }

    /// Where the desk stands with its agency server.
    pub fn state(&self) -> SyncState {
        self.state.borrow().clone()
    }

    /// Hears every change of [`SyncWorker::state`].
    pub fn subscribe(&self) -> watch::Receiver<SyncState> {
        self.state.clone()
    }

    /// Syncs now instead of at the next turn (also right after a failure, without waiting
    /// out the backoff).
    pub fn sync_soon(&self) {
        self.nudge.notify_one();
    }

    /// Stops the worker: waits briefly for a sync under way, then cuts it off.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let mut task = self.task;
        if tokio::time::timeout(STOP_GRACE, &mut task).await.is_err() {
            task.abort();
            let _ = task.await;
        }
    }
}
