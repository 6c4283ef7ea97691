//! What the shell holds while the window is open: the core, once it could be opened,
//! and who is signed in.

use crate::command_error::CommandError;
use keydesk_core::auth::Actor;
use keydesk_core::clock::SystemClock;
use keydesk_core::paths::DataPaths;
use keydesk_core::vault::OsKeyring;
use keydesk_core::{Keydesk, OpenError};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::OnceCell;

pub struct Shell {
    paths: DataPaths,
    keydesk: OnceCell<Arc<Keydesk>>,
    session: Mutex<Option<Actor>>,
}

impl Shell {
    pub fn new(paths: DataPaths) -> Self {
        Self {
            paths,
            keydesk: OnceCell::new(),
            session: Mutex::new(None),
        }
    }

    /// The open core, opening it on first use. A failure (no keyring) is not kept, so
    /// "Try again" in the window retries after the person fixed the cause.
    pub async fn open(&self) -> Result<Arc<Keydesk>, OpenError> {
        self.keydesk
            .get_or_try_init(|| async {
                Keydesk::open(&self.paths, Arc::new(OsKeyring), Arc::new(SystemClock))
                    .await
                    .map(Arc::new)
            })
            .await
            .cloned()
    }

    pub async fn keydesk(&self) -> Result<Arc<Keydesk>, CommandError> {
        self.open().await.map_err(CommandError::from)
    }

    /// The signed-in staff member, or the error that sends the window to sign-in.
    pub fn actor(&self) -> Result<Actor, CommandError> {
        self.session
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
            .ok_or_else(CommandError::not_signed_in)
    }

    pub fn current_actor(&self) -> Option<Actor> {
        self.session
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn set_actor(&self, actor: Option<Actor>) {
        *self.session.lock().unwrap_or_else(PoisonError::into_inner) = actor;
    }
}
