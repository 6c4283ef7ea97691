//! The background task that sends the outbox.

use super::Keydesk;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// Longest sleep between passes, so a clock change or a missed wake-up costs little.
const LONGEST_NAP: Duration = Duration::from_secs(30);
/// How long `stop` lets a pass finish before it is cut off (the interrupted mail goes
/// back to the queue at the next start).
const STOP_GRACE: Duration = Duration::from_secs(5);

/// Sends due mails in the background until stopped. Start it once the database is
/// open; it first puts mails left `sending` by an earlier run back in the queue.
pub struct OutboxWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl OutboxWorker {
    /// Spawns the worker on the current tokio runtime.
    pub fn start(keydesk: Arc<Keydesk>) -> Self {
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            match keydesk.requeue_interrupted_mail().await {
                Ok(0) => {}
                Ok(n) => tracing::warn!(mails = n, "mails interrupted by a stop are queued again"),
                Err(error) => {
                    tracing::error!(error = format!("{error:#}"), "outbox recovery failed")
                }
            }
            let wake = keydesk.outbox_wake();
            loop {
                if *stopped.borrow() {
                    break;
                }
                let configured = match keydesk.send_due_mail().await {
                    Ok(pass) => !pass.not_configured,
                    Err(error) => {
                        tracing::error!(error = format!("{error:#}"), "outbox pass failed");
                        true
                    }
                };
                // Without a server, mails wait until settings are saved (which wakes us).
                let nap = match keydesk.time_to_next_mail().await {
                    Ok(Some(wait)) if configured => {
                        wait.clamp(Duration::from_millis(200), LONGEST_NAP)
                    }
                    _ => LONGEST_NAP,
                };
                tokio::select! {
                    () = tokio::time::sleep(nap) => {}
                    () = wake.notified() => {}
                    _ = stopped.changed() => break,
                }
            }
            tracing::info!("outbox worker stopped");
        });
        Self { stop, task }
    }

    /// Stops the worker: waits briefly for the mail being sent, then cuts it off.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let mut task = self.task;
        if tokio::time::timeout(STOP_GRACE, &mut task).await.is_err() {
            task.abort();
            let _ = task.await;
        }
    }
}
