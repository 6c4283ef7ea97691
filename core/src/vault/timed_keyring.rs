//! Every keyring call goes through [`TimedKeyring`]. A locked Secret Service collection
//! does not refuse a call: the call waits, with no limit of its own, until someone
//! answers the unlock prompt the desktop shows. Without a limit of our own, the command
//! that made the call (and the window waiting on it) would never answer.
//!
//! A call past its limit cannot be cancelled: its thread stays blocked until the prompt
//! is answered or dismissed. So at most [`MAX_CALLS`] calls run at once, and a call that
//! finds no room while another is stuck fails at once with the same "locked" error
//! instead of adding a thread. Writes run one at a time, so a write that outlived its
//! limit and lands later can never land after a newer write and undo it.

use super::{KeyStore, KeyringError, KeyringUse, VaultKey};
use crate::said::Said;
use secrecy::SecretString;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// How long a keyring call may take: long enough for a person to notice the unlock
/// prompt and type their keyring password, short enough that a window never waits
/// forever.
pub const KEYRING_TIME_LIMIT: Duration = Duration::from_secs(60);

/// How many keyring calls may run (or be stuck) at once.
pub const MAX_CALLS: usize = 4;

const RUNNING: u8 = 0;
const TIMED_OUT: u8 = 1;
const DONE: u8 = 2;

/// The keyring as the core calls it: off the async workers, within a time limit, with
/// a bound on the threads a locked keyring can hold. Clones share the bound, so one
/// value can serve every attempt to open the database in a process.
#[derive(Clone)]
pub struct TimedKeyring {
    store: Arc<dyn KeyStore>,
    limit: Duration,
    calls: Arc<Semaphore>,
    writes: Arc<Semaphore>,
    /// Calls past their limit whose thread has not returned yet.
    stuck: Arc<AtomicUsize>,
}

impl std::fmt::Debug for TimedKeyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TimedKeyring")
            .field("limit", &self.limit)
            .field("stuck", &self.stuck.load(Ordering::SeqCst))
            .finish_non_exhaustive()
    }
}

impl TimedKeyring {
    pub fn new(store: Arc<dyn KeyStore>, limit: Duration) -> Self {
        Self {
            store,
            limit,
            calls: Arc::new(Semaphore::new(MAX_CALLS)),
            writes: Arc::new(Semaphore::new(1)),
            stuck: Arc::default(),
        }
    }

    /// Runs `call` on a blocking thread. Past the time limit, or when the keyring is
    /// already known to be stuck and there is no room for another call, it returns
    /// [`KeyringError::Locked`] naming `task`; the thread is left to finish on its own.
    pub async fn run<T: Send + 'static>(
        &self,
        task: KeyringUse,
        call: impl FnOnce(&dyn KeyStore) -> Result<T, KeyringError> + Send + 'static,
    ) -> Result<T, KeyringError> {
        let deadline = Instant::now() + self.limit;
        let write = if task.writes() {
            Some(self.permit(&self.writes, task, deadline).await?)
        } else {
            None
        };
        let slot = self.permit(&self.calls, task, deadline).await?;
        let state = Arc::new(AtomicU8::new(RUNNING));
        let finish = Finish {
            state: state.clone(),
            stuck: self.stuck.clone(),
            _permits: (slot, write),
        };
        let store = self.store.clone();
        let mut handle = tokio::task::spawn_blocking(move || {
            let _finish = finish;
            call(store.as_ref())
        });
        let joined = match tokio::time::timeout_at(deadline, &mut handle).await {
            Ok(joined) => joined,
            Err(_) => {
                // Counted first, so the thread's own uncounting never comes before it.
                self.stuck.fetch_add(1, Ordering::SeqCst);
                if state
                    .compare_exchange(RUNNING, TIMED_OUT, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
                {
                    tracing::warn!(?task, "keyring call past its time limit; keyring locked?");
                    return Err(KeyringError::Locked(task));
                }
                // It finished just as the limit passed: take its answer.
                self.stuck.fetch_sub(1, Ordering::SeqCst);
                handle.await
            }
        };
        joined.map_err(|e| {
            KeyringError::Unreachable(
                Said::id("error-keyring-call-stopped").arg("error", e.to_string()),
            )
        })?
    }

    /// A place among the calls (or the one writer's place): at once if one is free;
    /// if none is, a refusal at once while some call is stuck, else whichever comes
    /// first of a free place and the deadline.
    async fn permit(
        &self,
        places: &Arc<Semaphore>,
        task: KeyringUse,
        deadline: Instant,
    ) -> Result<OwnedSemaphorePermit, KeyringError> {
        if let Ok(permit) = places.clone().try_acquire_owned() {
            return Ok(permit);
        }
        if self.stuck.load(Ordering::SeqCst) > 0 {
            return Err(KeyringError::Locked(task));
        }
        match tokio::time::timeout_at(deadline, places.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_)) | Err(_) => Err(KeyringError::Locked(task)),
        }
    }

    pub async fn load_key(&self, account: &str) -> Result<Option<VaultKey>, KeyringError> {
        let account = account.to_owned();
        self.run(KeyringUse::ReadVaultKey, move |store| store.load(&account))
            .await
    }

    pub async fn load_secret(
        &self,
        task: KeyringUse,
        account: &str,
    ) -> Result<Option<SecretString>, KeyringError> {
        let account = account.to_owned();
        self.run(task, move |store| store.load_secret(&account))
            .await
    }

    pub async fn store_secret(
        &self,
        task: KeyringUse,
        account: &str,
        secret: SecretString,
    ) -> Result<(), KeyringError> {
        let account = account.to_owned();
        self.run(task, move |store| store.store_secret(&account, &secret))
            .await
    }

    pub async fn delete_secret(&self, task: KeyringUse, account: &str) -> Result<(), KeyringError> {
        let account = account.to_owned();
        self.run(task, move |store| store.delete_secret(&account))
            .await
    }
}

/// Dropped when a call's thread returns (or unwinds): frees its places, and if the
/// call had been given up on, no longer counts it as stuck.
struct Finish {
    state: Arc<AtomicU8>,
    stuck: Arc<AtomicUsize>,
    _permits: (OwnedSemaphorePermit, Option<OwnedSemaphorePermit>),
}

impl Drop for Finish {
    fn drop(&mut self) {
        if self.state.swap(DONE, Ordering::SeqCst) == TIMED_OUT {
            self.stuck.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::PromptingKeyStore;

    fn password(text: &str) -> SecretString {
        SecretString::from(text.to_owned())
    }

    /// Reads the test secret; a call that never answers fails the test (after a bound
    /// far above any limit used here) instead of hanging it.
    async fn read(keyring: &TimedKeyring) -> Result<Option<SecretString>, KeyringError> {
        let read = keyring.load_secret(KeyringUse::ReadSmtpPassword, "smtp");
        tokio::time::timeout(Duration::from_secs(30), read)
            .await
            .expect("the keyring call answers")
    }

    /// Saves `text` as the audit head from a task of its own.
    fn spawn_save_head(
        keyring: &TimedKeyring,
        text: &'static str,
    ) -> tokio::task::JoinHandle<Result<(), KeyringError>> {
        let keyring = keyring.clone();
        tokio::spawn(async move {
            keyring
                .store_secret(KeyringUse::SaveAuditHead, "head", password(text))
                .await
        })
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_locked_keyring_answers_locked_within_the_limit_and_piles_up_no_threads() {
        let store = Arc::new(PromptingKeyStore::default());
        let keyring = TimedKeyring::new(store.clone(), Duration::from_millis(200));
        keyring
            .store_secret(KeyringUse::SaveSmtpPassword, "smtp", password("s3cret"))
            .await
            .unwrap();
        store.lock();

        let first = read(&keyring).await;
        assert_eq!(
            first.err(),
            Some(KeyringError::Locked(KeyringUse::ReadSmtpPassword))
        );
        let message = KeyringError::Locked(KeyringUse::ReadSmtpPassword).to_string();
        assert_eq!(
            message,
            "The system keyring is locked, so Keydesk cannot read the SMTP password. Unlock \
             it (your desktop may be showing a prompt), then try again."
        );

        // Many more calls while it stays locked: each still answers "locked", and no
        // more than MAX_CALLS of them ever reach the keyring.
        for _ in 0..3 * MAX_CALLS {
            assert!(matches!(read(&keyring).await, Err(KeyringError::Locked(_))));
        }
        let save = keyring
            .store_secret(KeyringUse::SaveSmtpPassword, "smtp", password("other"))
            .await;
        assert_eq!(
            save,
            Err(KeyringError::Locked(KeyringUse::SaveSmtpPassword))
        );
        assert_eq!(store.calls(), 1 + MAX_CALLS);

        // Once unlocked, the stuck calls end and the keyring works again, holding
        // what it held: the write refused while locked never reached it.
        store.unlock();
        let mut read_back = None;
        for _ in 0..200 {
            match read(&keyring).await {
                Ok(found) => {
                    read_back = found;
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        }
        let read_back = read_back.expect("the keyring answers once unlocked");
        assert_eq!(secrecy::ExposeSecret::expose_secret(&read_back), "s3cret");
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_write_waits_for_a_write_in_progress_but_not_for_a_stuck_one() {
        let store = Arc::new(PromptingKeyStore::default());
        let keyring = TimedKeyring::new(store.clone(), Duration::from_secs(30));
        store.lock();
        let first = spawn_save_head(&keyring, "1");
        let second = spawn_save_head(&keyring, "2");
        while store.calls() == 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        store.unlock();
        first.await.unwrap().unwrap();
        second.await.unwrap().unwrap();
        assert_eq!(store.calls(), 2, "one after the other");

        let short = TimedKeyring::new(store.clone(), Duration::from_millis(100));
        store.lock();
        let stuck = short
            .store_secret(KeyringUse::SaveAuditHead, "head", password("3"))
            .await;
        assert_eq!(stuck, Err(KeyringError::Locked(KeyringUse::SaveAuditHead)));
        // A read still gets a place; a second write would land after the stuck one.
        let reading = tokio::spawn({
            let short = short.clone();
            async move { short.load_secret(KeyringUse::ReadAuditHead, "head").await }
        });
        let refused = short
            .store_secret(KeyringUse::SaveAuditHead, "head", password("4"))
            .await;
        assert_eq!(
            refused,
            Err(KeyringError::Locked(KeyringUse::SaveAuditHead))
        );
        store.unlock();
        let _ = reading.await.unwrap();
        assert_eq!(store.calls(), 4);
    }
}
