//! The signed head of the audit chain: the id and hash of the last row, MACed under
//! the chain key and kept in the OS keyring beside the vault key, outside the
//! database. Removing rows from the end of the log leaves a chain that still fits
//! together; the head is what shows the log used to be longer.
//!
//! The head is written after the row's transaction commits, so it can lag behind the
//! log but never run ahead of it: a crash between the commit and the keyring write
//! leaves `head.count <= rows`, which verifies (the row the head names must still be
//! there with the hash the head names). Writing the keyring is a D-Bus round trip on
//! Linux, and a slow one: measured against GNOME Keyring, about 0.2 s to read the
//! stored head back and 0.4 s to write the new one (`keyring_head_write_cost` in the
//! core tests). Doing that inside every audited action would make each of them wait
//! over half a second, so heads are written by one background task, at most once per
//! [`HEAD_WRITE_INTERVAL`], each write carrying the newest committed row; *Verify
//! chain* and closing the database write any pending head first. The window this
//! leaves: rows committed in roughly the last second (the interval plus one keyring
//! round trip) before the app is killed or loses power are covered by the chain's
//! MACs but not yet by the head, so someone with the file could cut exactly those
//! rows off without *Verify chain* noticing.
//!
//! Several processes may append to one database (the outbox worker); each keeps the
//! head only moving forward from the one it reads in the keyring, and only when the
//! row that head names is still in the log, so a cut-off tail is never blessed by a
//! later write.

use super::chain::ChainKey;
use crate::store;
use crate::vault::{KeyringUse, TimedKeyring, VaultKey};
use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use sqlx::SqlitePool;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::Duration;
use tokio::sync::Notify;

/// At most one head write per this interval (see the module documentation for the
/// window it leaves).
pub const HEAD_WRITE_INTERVAL: Duration = Duration::from_millis(500);

/// The keyring account that holds this database's signed audit head.
pub fn head_account(installation_id: &str) -> String {
    format!("audit-head:{installation_id}")
}

/// The last row of the log: its id (rows are numbered from 1 without gaps, so also the
/// row count) and its `row_hash`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub count: i64,
    pub hash: String,
}

/// What the keyring holds for this database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredHead {
    /// Nothing yet: no keyed row was committed and sealed so far.
    Missing,
    Valid(Head),
    /// Present but its MAC does not verify under this database's key.
    Invalid,
}

const HEAD_FORMAT: &str = "v1";

impl Head {
    fn message(&self) -> Vec<u8> {
        serde_json::json!(["keydesk audit head", HEAD_FORMAT, self.count, self.hash])
            .to_string()
            .into_bytes()
    }

    /// The text kept in the keyring: the head and its MAC.
    pub fn encode(&self, key: &ChainKey) -> anyhow::Result<String> {
        let mac = key.mac_hex(&self.message())?;
        Ok(format!("{HEAD_FORMAT}:{}:{}:{mac}", self.count, self.hash))
    }

    fn decode(text: &str, key: &ChainKey) -> anyhow::Result<StoredHead> {
        let mut parts = text.split(':');
        let (Some(HEAD_FORMAT), Some(count), Some(hash), Some(mac), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Ok(StoredHead::Invalid);
        };
        let Ok(count) = count.parse::<i64>() else {
            return Ok(StoredHead::Invalid);
        };
        let head = Head {
            count,
            hash: hash.to_owned(),
        };
        Ok(if key.verify_hex(&head.message(), mac)? {
            StoredHead::Valid(head)
        } else {
            StoredHead::Invalid
        })
    }
}

/// The chain key and the keeper of the signed head for one open database.
pub struct ChainSeal {
    key: ChainKey,
    keyring: TimedKeyring,
    account: String,
    reader: SqlitePool,
    /// The newest committed row not yet written to the keyring.
    pending: Mutex<Option<Head>>,
    /// One head write at a time within this process.
    writing: tokio::sync::Mutex<()>,
    wake: Arc<Notify>,
    closed: AtomicBool,
}

impl std::fmt::Debug for ChainSeal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChainSeal")
            .field("account", &self.account)
            .finish_non_exhaustive()
    }
}

impl ChainSeal {
    /// Derives the chain key and starts the task that writes the head. Must be called
    /// within a tokio runtime.
    pub fn start(
        vault_key: &VaultKey,
        keyring: TimedKeyring,
        installation_id: &str,
        reader: SqlitePool,
    ) -> anyhow::Result<Arc<Self>> {
        let seal = Arc::new(Self {
            key: ChainKey::derive(vault_key)?,
            keyring,
            account: head_account(installation_id),
            reader,
            pending: Mutex::new(None),
            writing: tokio::sync::Mutex::new(()),
            wake: Arc::new(Notify::new()),
            closed: AtomicBool::new(false),
        });
        tokio::spawn(keep_head(Arc::downgrade(&seal), seal.wake.clone()));
        Ok(seal)
    }

    pub fn key(&self) -> &ChainKey {
        &self.key
    }

    /// Notes a committed row as the new end of the log; the background task writes it.
    pub fn committed(&self, head: Head) {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        if pending.as_ref().is_none_or(|p| head.count > p.count) {
            *pending = Some(head);
        }
        drop(pending);
        self.wake.notify_one();
    }

    /// Writes the pending head now (before *Verify chain* and on close). A keyring that
    /// refuses (or is locked) is logged, not fatal: the chain itself still protects
    /// every row, and the head stays pending for the next write.
    pub async fn flush(&self) {
        let _writing = self.writing.lock().await;
        let next = self
            .pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(next) = next {
            if let Err(error) = self.advance(next.clone()).await {
                tracing::warn!(error = %format!("{error:#}"), "audit chain head not written");
                let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
                if pending.is_none() {
                    *pending = Some(next);
                }
            }
        }
    }

    /// Writes any pending head and stops the background task.
    pub async fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        self.flush().await;
        self.wake.notify_one();
    }

    /// Reads and checks the head kept in the keyring.
    pub async fn load_head(&self) -> anyhow::Result<StoredHead> {
        let stored = self
            .keyring
            .load_secret(KeyringUse::ReadAuditHead, &self.account)
            .await
            .context("Failed to read the audit chain head from the system keyring")?;
        match stored {
            None => Ok(StoredHead::Missing),
            Some(text) => Head::decode(text.expose_secret(), &self.key),
        }
    }

    /// Moves the keyring's head forward to `next`, only from a head whose row is still
    /// in the log as it was.
    async fn advance(&self, next: Head) -> anyhow::Result<()> {
        match self.load_head().await? {
            StoredHead::Invalid => {
                tracing::warn!("audit chain head in the keyring does not verify; left as is");
                return Ok(());
            }
            StoredHead::Valid(current) if current.count >= next.count => return Ok(()),
            StoredHead::Valid(current) if current.count > 0 => {
                let hash = store::audit_log::row_hash(&self.reader, current.count).await?;
                if hash.as_deref() != Some(current.hash.as_str()) {
                    tracing::warn!(
                        head = current.count,
                        "the audit log no longer holds the row its head names; head left as is"
                    );
                    return Ok(());
                }
            }
            StoredHead::Valid(_) | StoredHead::Missing => {}
        }
        let text = SecretString::from(next.encode(&self.key)?);
        self.keyring
            .store_secret(KeyringUse::SaveAuditHead, &self.account, text)
            .await
            .context("Failed to write the audit chain head to the system keyring")?;
        Ok(())
    }
}

impl Drop for ChainSeal {
    fn drop(&mut self) {
        // Lets the background task see that the seal is gone and end.
        self.wake.notify_one();
    }
}

/// Writes the newest pending head whenever rows are committed, then waits
/// [`HEAD_WRITE_INTERVAL`] so a burst of commits costs one keyring write.
async fn keep_head(seal: Weak<ChainSeal>, wake: Arc<Notify>) {
    loop {
        wake.notified().await;
        let Some(seal) = seal.upgrade() else { return };
        if seal.closed.load(Ordering::SeqCst) {
            return;
        }
        seal.flush().await;
        drop(seal);
        tokio::time::sleep(HEAD_WRITE_INTERVAL).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_verifies_only_as_written_and_under_its_own_key() {
        let key = ChainKey::derive(&VaultKey::generate().unwrap()).unwrap();
        let head = Head {
            count: 42,
            hash: "ab".repeat(32),
        };
        let text = head.encode(&key).unwrap();
        assert_eq!(
            Head::decode(&text, &key).unwrap(),
            StoredHead::Valid(head.clone())
        );
        let longer = text.replacen(":42:", ":43:", 1);
        assert_eq!(Head::decode(&longer, &key).unwrap(), StoredHead::Invalid);
        let other = ChainKey::derive(&VaultKey::generate().unwrap()).unwrap();
        assert_eq!(Head::decode(&text, &other).unwrap(), StoredHead::Invalid);
        assert_eq!(Head::decode("v1:42", &key).unwrap(), StoredHead::Invalid);
    }
}
