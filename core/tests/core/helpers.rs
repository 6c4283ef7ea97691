use chrono::{TimeZone, Utc};
use keydesk_api::Role;
use keydesk_core::auth::Actor;
use keydesk_core::clock::ManualClock;
use keydesk_core::domain::PlainPassword;
use keydesk_core::paths::DataPaths;
use keydesk_core::services::{OwnerForm, PasswordChange};
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

    /// Closes the database, keeping the folder and keyring entry (another process
    /// may use them); [`TestApp::reopen`] opens them again.
    pub async fn close_keeping_data(self) -> Self {
        self.keydesk.close().await;
        self
    }

    /// Opens the data folder again after [`TestApp::close_keeping_data`].
    pub async fn reopen(self) -> Self {
        let keydesk = Keydesk::open(
            &self.paths,
            Arc::new(OsKeyring),
            Arc::new(self.clock.clone()),
        )
        .await
        .expect("reopen");
        Self { keydesk, ..self }
    }

    /// The test clock's time.
    pub fn clock_now(&self) -> chrono::DateTime<Utc> {
        keydesk_core::clock::Clock::now(&self.clock)
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
    ) -> Result<Actor, keydesk_core::services::SignInError> {
        self.keydesk
            .sign_in(OWNER_EMAIL, PlainPassword::new(password.to_owned()))
            .await
    }

    /// Adds a member as `by`, signs them in with the temporary password and replaces
    /// it, as a new member would. Returns the member's session and password.
    pub async fn add_member(&self, by: &Actor, email: &str, role: Role) -> (Actor, String) {
        let added = self
            .keydesk
            .add_staff(by, email, &format!("Member {role}"), Some(role))
            .await
            .expect("member added");
        let temporary = added.temporary_password.expose().to_owned();
        let first = self
            .keydesk
            .sign_in(email, PlainPassword::new(temporary.clone()))
            .await
            .expect("signs in with the temporary password");
        assert!(first.must_change_password());
        let chosen = format!("{role} chooses a sturdy passphrase {}", email.len());
        let change = PasswordChange {
            current: PlainPassword::new(temporary),
            new: PlainPassword::new(chosen.clone()),
            confirm: PlainPassword::new(chosen.clone()),
        };
        let actor = self
            .keydesk
            .change_own_password(&first, change)
            .await
            .expect("password changed");
        (actor, chosen)
    }

    /// Signs in a member whose password was set by [`TestApp::add_member`].
    pub async fn sign_in_as(&self, email: &str) -> Actor {
        let role = if email.starts_with("admin") {
            "Admin"
        } else {
            "Agent"
        };
        let password = format!("{role} chooses a sturdy passphrase {}", email.len());
        self.keydesk
            .sign_in(email, PlainPassword::new(password))
            .await
            .expect("member signs in")
    }

    /// Audit actions, oldest first.
    pub async fn audit_actions(&self, actor: &Actor) -> Vec<String> {
        let page = self
            .keydesk
            .audit_page(actor, &Default::default(), None, 500)
            .await
            .expect("audit page");
        page.entries.into_iter().rev().map(|e| e.action).collect()
    }

    pub async fn cleanup(self) {
        let account = self.keydesk.keyring_account().to_owned();
        self.keydesk.close().await;
        OsKeyring::delete(&account).expect("keyring entry removed");
        let smtp = account.replacen("vault-key:", "smtp-password:", 1);
        OsKeyring::delete(&smtp).expect("SMTP password entry removed");
    }
}
