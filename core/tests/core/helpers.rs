use chrono::{TimeZone, Utc};
use keydesk_core::auth::Actor;
use keydesk_core::clock::ManualClock;
use keydesk_core::domain::PlainPassword;
use keydesk_core::keydesk::OwnerForm;
use keydesk_core::paths::DataPaths;
use keydesk_core::vault::OsKeyring;
use keydesk_core::Keydesk;
use std::sync::Arc;

pub const OWNER_EMAIL: &str = "owner@agency.test";
pub const OWNER_PASSWORD: &str = "correct horse battery staple 42";

/// A Keydesk on a fresh data folder with the real keyring and a clock the test moves.
pub struct TestApp {
    pub keydesk: Keydesk,
    pub clock: ManualClock,
    pub paths: DataPaths,
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub async fn spawn() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = DataPaths::portable(dir.path().join("data"));
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap());
        let keydesk = Keydesk::open(&paths, Arc::new(OsKeyring), Arc::new(clock.clone()))
            .await
            .expect("Keydesk opens with the OS keyring (run inside `cargo xtask test`)");
        Self {
            keydesk,
            clock,
            paths,
            _dir: dir,
        }
    }

    /// Reopens the same data folder, as a restart of the app would.
    pub async fn restart(self) -> Self {
        self.keydesk.close().await;
        let keydesk = Keydesk::open(
            &self.paths,
            Arc::new(OsKeyring),
            Arc::new(self.clock.clone()),
        )
        .await
        .expect("reopen");
        Self { keydesk, ..self }
    }

    pub fn owner_form() -> OwnerForm {
        OwnerForm {
            email: OWNER_EMAIL.to_owned(),
            display_name: "Olivia Owner".to_owned(),
            password: PlainPassword::new(OWNER_PASSWORD.to_owned()),
            password_confirm: PlainPassword::new(OWNER_PASSWORD.to_owned()),
        }
    }

    pub async fn create_owner(&self) -> Actor {
        self.keydesk
            .create_owner(Self::owner_form())
            .await
            .expect("owner created")
    }

    pub async fn sign_in(
        &self,
        password: &str,
    ) -> Result<Actor, keydesk_core::keydesk::SignInError> {
        self.keydesk
            .sign_in(OWNER_EMAIL, PlainPassword::new(password.to_owned()))
            .await
    }

    /// Audit actions, oldest first.
    pub async fn audit_actions(&self, actor: &Actor) -> Vec<String> {
        let page = self
            .keydesk
            .audit_page(actor, None, 500)
            .await
            .expect("audit page");
        page.entries.into_iter().rev().map(|e| e.action).collect()
    }

    pub async fn cleanup(self) {
        let account = self.keydesk.keyring_account().to_owned();
        self.keydesk.close().await;
        OsKeyring::delete(&account).expect("keyring entry removed");
    }
}
