use chrono::{TimeZone, Utc};
use keydesk_api::{
    AuditEntry, ChainVerification, CreateCustomerOutcome, CreateCustomerRequest, Customer,
    CustomerInput, CustomerQuery, HandoffHistoryPage, HandoffHistoryRequest, OutboxMail,
    PendingHandoff, Role,
};
use keydesk_core::auth::Actor;
use keydesk_core::clock::ManualClock;
use keydesk_core::domain::{CustomerId, HandoffId, OutboxId, PlainPassword};
use keydesk_core::paths::DataPaths;
use keydesk_core::services::{
    NewLogin, OwnerForm, PasswordChange, RestoreError, ServiceError, SignInError,
};
use keydesk_core::store::encryption::connect_options_from_keyring;
use keydesk_core::vault::{OsKeyring, TimedKeyring, KEYRING_TIME_LIMIT};
use keydesk_core::Keydesk;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::ConnectOptions;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const OWNER_EMAIL: &str = "owner@agency.test";
pub const OWNER_PASSWORD: &str = "correct horse battery staple 42";

/// A Keydesk on a fresh data folder with the real keyring and a clock the test moves.
pub struct TestApp {
    pub keydesk: Keydesk,
    pub clock: ManualClock,
    pub paths: DataPaths,
    /// How long each keyring call may take (the app's default unless a test shortens it).
    keyring_limit: std::time::Duration,
    /// The options that open the database file, its key read from the keyring when
    /// Keydesk opened (so a test can open the file while the keyring is locked).
    file_options: SqliteConnectOptions,
    _dir: tempfile::TempDir,
}

impl TestApp {
    /// Imports `file` with the mapping the preview guessed, skipping customers already
    /// here, as a person who accepts every suggestion would.
    pub async fn import_as_guessed(
        &self,
        actor: &Actor,
        file: &Path,
    ) -> Result<keydesk_api::ImportOutcome, ServiceError> {
        let preview = self.keydesk.preview_customer_import(actor, file).await?;
        self.keydesk
            .import_customers(
                actor,
                file,
                &preview.mapping,
                keydesk_api::DuplicatePolicy::Skip,
                &|_: keydesk_api::ImportProgress| {},
                &keydesk_core::services::ImportCancel::default(),
            )
            .await
    }

    pub async fn spawn() -> Self {
        Self::spawn_in(tempfile::tempdir().expect("temp dir")).await
    }

    /// [`TestApp::spawn`] with the data folder inside `dir` (e.g. a small tmpfs).
    pub async fn spawn_in(dir: tempfile::TempDir) -> Self {
        Self::spawn_with(dir, KEYRING_TIME_LIMIT).await
    }

    /// [`TestApp::spawn`] with each keyring call limited to `keyring_limit`.
    pub async fn spawn_with_keyring_limit(keyring_limit: std::time::Duration) -> Self {
        Self::spawn_with(tempfile::tempdir().expect("temp dir"), keyring_limit).await
    }

    async fn spawn_with(dir: tempfile::TempDir, keyring_limit: std::time::Duration) -> Self {
        let paths = DataPaths::portable(dir.path().join("data"));
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap());
        let keydesk = open(&paths, &clock, keyring_limit).await;
        let file_options = file_options(&paths);
        Self {
            keydesk,
            file_options,
            clock,
            paths,
            keyring_limit,
            _dir: dir,
        }
    }

    /// [`TestApp::spawn`] with the owner created and signed in.
    pub async fn with_owner() -> (Self, Actor) {
        let app = Self::spawn().await;
        let owner = app.create_owner().await;
        (app, owner)
    }

    /// Reopens the same data folder, as a restart of the app would.
    pub async fn restart(self) -> Self {
        self.close_keeping_data().await.reopen().await
    }

    /// Closes the database, keeping the folder and keyring entry (another process
    /// may use them); [`TestApp::reopen`] opens them again.
    pub async fn close_keeping_data(self) -> Self {
        self.keydesk.close().await;
        self
    }

    /// Opens the data folder again after [`TestApp::close_keeping_data`].
    pub async fn reopen(self) -> Self {
        let keydesk = open(&self.paths, &self.clock, self.keyring_limit).await;
        let file_options = file_options(&self.paths);
        Self {
            keydesk,
            file_options,
            ..self
        }
    }

    /// A connection of its own to the database file, as someone holding the file and
    /// the keyring would open it.
    pub async fn open_file(&self) -> SqliteConnection {
        self.file_options().connect().await.unwrap()
    }

    /// The options that open the database file with its key.
    pub fn file_options(&self) -> SqliteConnectOptions {
        self.file_options.clone()
    }

    /// Sets this desk's clock to the real time: a desk of an agency whose clock differs
    /// from the agency server's by weeks would see its logins expire by the server's.
    pub fn on_real_time(&self) {
        self.clock.advance(Utc::now() - self.clock_now());
    }

    /// The test clock's time.
    pub fn clock_now(&self) -> chrono::DateTime<Utc> {
        keydesk_core::clock::Clock::now(&self.clock)
    }

    pub fn owner_form() -> OwnerForm {
        OwnerForm {
            email: OWNER_EMAIL.to_owned(),
            display_name: "Olivia Owner".to_owned(),
            password: pw(OWNER_PASSWORD),
            password_confirm: pw(OWNER_PASSWORD),
        }
    }

    pub async fn create_owner(&self) -> Actor {
        self.keydesk
            .create_owner(Self::owner_form())
            .await
            .expect("owner created")
    }

    pub async fn sign_in(&self, password: &str) -> Result<Actor, SignInError> {
        self.sign_in_with(OWNER_EMAIL, password).await
    }

    pub async fn sign_in_with(&self, email: &str, password: &str) -> Result<Actor, SignInError> {
        self.keydesk.sign_in(email, pw(password)).await
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
            .sign_in_with(email, &temporary)
            .await
            .expect("signs in with the temporary password");
        assert!(first.must_change_password());
        let chosen = format!("{role} chooses a sturdy passphrase {}", email.len());
        let change = password_change(&temporary, &chosen, &chosen);
        let actor = self
            .keydesk
            .change_own_password(&first, change)
            .await
            .expect("password changed");
        (actor, chosen)
    }

    /// [`TestApp::add_member`] when the test needs the session only.
    pub async fn member(&self, by: &Actor, email: &str, role: Role) -> Actor {
        self.add_member(by, email, role).await.0
    }

    /// Creates a customer as `actor`, which must not exist yet.
    pub async fn add_customer(&self, actor: &Actor, form: CustomerInput) -> Customer {
        match self.keydesk.create_customer(actor, form).await.unwrap() {
            CreateCustomerOutcome::Created { customer } => *customer,
            other => panic!("expected a new customer, got {other:?}"),
        }
    }

    /// Creates a customer from `form` with a generated login, as the window's form does.
    pub async fn add_customer_with_login(&self, actor: &Actor, form: CustomerInput) -> NewLogin {
        let request = CreateCustomerRequest {
            input: form,
            generate_login: true,
        };
        let created = self
            .keydesk
            .create_customer_with_login(actor, request)
            .await
            .expect("customer created");
        assert!(matches!(
            created.outcome,
            CreateCustomerOutcome::Created { .. }
        ));
        created.login.expect("a login was generated")
    }

    /// The password handoff `handoff` carries, revealed by `actor`.
    pub async fn reveal(&self, actor: &Actor, handoff: HandoffId) -> PlainPassword {
        let secret = self.keydesk.reveal_handoff_password(actor, handoff).await;
        secret.expect("password revealed").password
    }

    /// Whether `password` signs customer `customer` in, checked against the stored hash.
    pub async fn password_works(&self, customer: CustomerId, password: &str) -> bool {
        let verified = self.keydesk.verify_customer_password(customer, password);
        verified.await.unwrap()
    }

    /// Reveals every login in `logins` as `actor`, checks each password against the hash
    /// its account holds, and returns the passwords in order.
    pub async fn reveal_each(&self, actor: &Actor, logins: &[NewLogin]) -> Vec<PlainPassword> {
        let mut passwords = Vec::new();
        for login in logins {
            let password = self.reveal(actor, login.handoff_id).await;
            assert!(
                self.password_works(login.customer_id, password.expose())
                    .await,
                "the password opened is the one whose hash the account holds"
            );
            passwords.push(password);
        }
        passwords
    }

    /// The handoffs waiting to be handed over, as `actor` sees them.
    pub async fn pending_handoffs(&self, actor: &Actor) -> Vec<PendingHandoff> {
        self.keydesk.list_pending_handoffs(actor).await.unwrap()
    }

    /// The newest `limit` rows of the handoff history, of one customer or of all.
    pub async fn handoffs(
        &self,
        actor: &Actor,
        customer_id: Option<i64>,
        limit: u32,
    ) -> HandoffHistoryPage {
        let request = HandoffHistoryRequest {
            customer_id,
            limit,
            ..Default::default()
        };
        self.keydesk.handoff_history(actor, &request).await.unwrap()
    }

    /// Customer `id`'s audit rows as `actor` sees them, newest first.
    pub async fn history(&self, actor: &Actor, id: CustomerId) -> Vec<AuditEntry> {
        self.keydesk.customer_history(actor, id).await.unwrap()
    }

    /// The outbox row of mail `id`, which must exist.
    pub async fn outbox_row(&self, id: OutboxId) -> OutboxMail {
        let row = self.keydesk.outbox_mail(id).await.unwrap();
        row.expect("the mail is in the outbox")
    }

    /// Customer `id` as `actor` sees it.
    /// This desk's id at the agency server it syncs with.
    pub async fn desk(&self) -> uuid::Uuid {
        let server = self.keydesk.agency_server().await.unwrap();
        server.expect("this desk syncs with an agency server").desk
    }

    pub async fn customer(&self, actor: &Actor, id: i64) -> Customer {
        self.keydesk.customer(actor, CustomerId(id)).await.unwrap()
    }

    /// The emails of the customers `actor` finds with these words, all on one page.
    pub async fn search(&self, actor: &Actor, text: &str) -> Vec<String> {
        let query = CustomerQuery {
            search: text.to_owned(),
            limit: 50,
            ..CustomerQuery::default()
        };
        let page = self.keydesk.list_customers(actor, &query).await.unwrap();
        assert_eq!(page.total as usize, page.rows.len());
        page.rows.into_iter().map(|r| r.email).collect()
    }

    /// Signs in a member whose password was set by [`TestApp::add_member`].
    pub async fn sign_in_as(&self, email: &str) -> Actor {
        let role = if email.starts_with("admin") {
            "Admin"
        } else {
            "Agent"
        };
        let password = format!("{role} chooses a sturdy passphrase {}", email.len());
        self.sign_in_with(email, &password)
            .await
            .expect("member signs in")
    }

    /// The audit log, newest first.
    pub async fn audit_entries(&self, actor: &Actor) -> Vec<AuditEntry> {
        let page = self
            .keydesk
            .audit_page(actor, &Default::default(), None, 500)
            .await
            .expect("audit page");
        page.entries
    }

    /// Audit actions, oldest first.
    pub async fn audit_actions(&self, actor: &Actor) -> Vec<String> {
        let entries = self.audit_entries(actor).await;
        entries.into_iter().rev().map(|e| e.action).collect()
    }

    /// Asserts that the audit log records each of `expected` at least once.
    pub async fn assert_audited(&self, actor: &Actor, expected: &[&str]) {
        let actions = self.audit_actions(actor).await;
        for action in expected {
            assert!(
                actions.iter().any(|a| a == action),
                "{action} in {actions:?}"
            );
        }
    }

    /// How many audit rows record `action`.
    pub async fn audit_count(&self, actor: &Actor, action: &str) -> usize {
        let actions = self.audit_actions(actor).await;
        actions.iter().filter(|a| *a == action).count()
    }

    pub async fn assert_chain_intact(&self, actor: &Actor) {
        let verification = self.keydesk.verify_audit_chain(actor).await.unwrap();
        assert!(
            matches!(verification, ChainVerification::Intact { .. }),
            "{verification:?}"
        );
    }

    /// Asserts that the audit chain breaks first at row `id`, for a reason that says `why`.
    pub async fn assert_chain_broken(&self, actor: &Actor, id: i64, why: &str) {
        match self.keydesk.verify_audit_chain(actor).await.unwrap() {
            ChainVerification::Broken {
                first_bad_id,
                reason,
            } => {
                let reason = keydesk_core::catalogue::in_english(&reason);
                assert_eq!(first_bad_id, id, "{reason}");
                assert!(reason.contains(why), "{reason}");
            }
            other => panic!("expected a break at row {id} ({why}), got {other:?}"),
        }
    }

    /// The keyring entry of the stored SMTP password.
    pub fn smtp_account(&self) -> String {
        self.keydesk
            .keyring_account()
            .replacen("vault-key:", "smtp-password:", 1)
    }

    /// The desk's Keydesk, to share with a background worker, and its data folder (kept
    /// until dropped).
    pub fn into_shared(self) -> (Arc<Keydesk>, tempfile::TempDir) {
        (Arc::new(self.keydesk), self._dir)
    }

    pub async fn cleanup(self) {
        let id = self.keydesk.installation_id().to_owned();
        self.keydesk.close().await;
        forget_installation(&id);
    }

    /// Closes the database and restores the backup at `file` over it, as the window's
    /// Restore does; `by` is the signed-in owner, or nobody on the first-run screen.
    pub async fn restore(
        self,
        file: &Path,
        passphrase: &str,
        by: Option<&Actor>,
        progress: &(dyn Fn(keydesk_api::BackupProgress) + Send + Sync),
    ) -> (Self, Result<(), RestoreError>) {
        self.keydesk.close().await;
        let keyring = TimedKeyring::new(Arc::new(OsKeyring), self.keyring_limit);
        let restored = Keydesk::restore_backup(
            &self.paths,
            keyring,
            Arc::new(self.clock.clone()),
            file,
            &pw(passphrase),
            by,
            progress,
        )
        .await;
        match restored {
            Ok(keydesk) => {
                let file_options = file_options(&self.paths);
                let app = Self {
                    keydesk,
                    file_options,
                    ..self
                };
                (app, Ok(()))
            }
            Err(error) => (self.reopen().await, Err(error)),
        }
    }
}

/// Removes every keyring entry of the installation `id`, as if its machine were gone.
pub fn forget_installation(id: &str) {
    for account in [
        keydesk_core::vault::keyring_account(id),
        keydesk_core::vault::database_key_account(id),
        keydesk_core::vault::smtp_password_account(id),
        keydesk_core::vault::backup_key_account(id),
        keydesk_core::audit::head_account(id),
    ] {
        OsKeyring::delete(&account).expect("keyring entry removed");
    }
}

/// The options that open the database in `paths` with its key from the keyring.
pub fn file_options(paths: &DataPaths) -> SqliteConnectOptions {
    connect_options_from_keyring(&paths.database_file(), &OsKeyring).unwrap()
}

async fn open(
    paths: &DataPaths,
    clock: &ManualClock,
    keyring_limit: std::time::Duration,
) -> Keydesk {
    let keyring = TimedKeyring::new(Arc::new(OsKeyring), keyring_limit);
    Keydesk::open_with(paths, keyring, Arc::new(clock.clone()))
        .await
        .expect("Keydesk opens with the OS keyring (run inside `cargo xtask test`)")
}

pub fn pw(text: &str) -> PlainPassword {
    PlainPassword::new(text.to_owned())
}

pub fn password_change(current: &str, new: &str, confirm: &str) -> PasswordChange {
    PasswordChange {
        current: pw(current),
        new: pw(new),
        confirm: pw(confirm),
    }
}

/// A customer form with only the required fields filled.
pub fn customer_form(email: &str, first: &str, last: &str) -> CustomerInput {
    CustomerInput {
        email: email.to_owned(),
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        ..CustomerInput::default()
    }
}

/// Runs one statement that must succeed.
pub async fn exec(conn: &mut SqliteConnection, sql: &'static str) {
    sqlx::query(sql).execute(&mut *conn).await.unwrap();
}

/// Makes the database look as if `version` had never run, so the next open applies it
/// again (after the test put the schema back as it was before).
pub async fn forget_migration(conn: &mut SqliteConnection, version: i64) {
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = ?")
        .bind(version)
        .execute(&mut *conn)
        .await
        .unwrap();
}

/// Asserts that `result` is an error matching `pattern`, showing what came instead.
macro_rules! assert_err {
    ($result:expr, $pattern:pat) => {
        match &$result {
            Err($pattern) => {}
            other => panic!("expected {}, got {other:?}", stringify!($pattern)),
        }
    };
}
pub(crate) use assert_err;

/// Asserts that `result` is a refusal of the form's `field`; returns its message.
pub fn field_error(result: Result<impl std::fmt::Debug, ServiceError>, field: &str) -> String {
    match result {
        Err(ServiceError::Field(error)) if error.field == field => error.in_english(),
        other => panic!("expected a refusal of {field}, got {other:?}"),
    }
}

/// Every file below `dir`, in its subfolders too.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// Every window of `bytes` that is one of `secrets` (all of length `len`).
pub fn hits(bytes: &[u8], secrets: &std::collections::HashSet<Vec<u8>>, len: usize) -> usize {
    bytes
        .windows(len)
        .filter(|window| secrets.contains(*window))
        .count()
}

/// The database file with its WAL and shared-memory files.
pub fn database_files(paths: &DataPaths) -> Vec<PathBuf> {
    let database = paths.database_file();
    ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| PathBuf::from(format!("{}{suffix}", database.display())))
        .collect()
}

/// Asserts that none of `secrets` (all of length `len`) is in any of `files`, which must
/// all exist. Returns how many bytes were scanned.
pub fn assert_no_secret_in(
    files: &[PathBuf],
    secrets: &std::collections::HashSet<Vec<u8>>,
    len: usize,
) -> usize {
    scan_for_secrets(files, secrets, len, false)
}

/// [`assert_no_secret_in`] for files another process keeps writing, renaming and
/// removing (a database server's): a file gone by the time it is read is skipped.
pub fn assert_no_secret_in_live(
    files: &[PathBuf],
    secrets: &std::collections::HashSet<Vec<u8>>,
    len: usize,
) -> usize {
    scan_for_secrets(files, secrets, len, true)
}

fn scan_for_secrets(
    files: &[PathBuf],
    secrets: &std::collections::HashSet<Vec<u8>>,
    len: usize,
    skip_gone: bool,
) -> usize {
    let mut total_bytes = 0;
    for file in files {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) if skip_gone && e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => panic!("{}: {e}", file.display()),
        };
        total_bytes += bytes.len();
        assert_eq!(
            hits(&bytes, secrets, len),
            0,
            "a secret in {}",
            file.display()
        );
    }
    total_bytes
}

/// Asserts that `result` is a conflict; returns its message.
pub fn conflict_message(result: Result<impl std::fmt::Debug, ServiceError>) -> String {
    match result {
        Err(ServiceError::Conflict(message)) => keydesk_core::catalogue::in_english(&message),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// `target/<profile>/examples/<name>`, built by `cargo test` with the tests.
pub fn example_binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// Polls `done` every 10 ms until it holds or `timeout` passes; says whether it held.
pub fn wait_until(timeout: std::time::Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < timeout {
        if done() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    done()
}

/// One number from the database file, as `sql` (a `SELECT count(*) ...`) gives it.
pub async fn count(conn: &mut SqliteConnection, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&mut *conn).await.unwrap()
}

/// Asserts that SQLite finds the database file sound, page by page.
pub async fn assert_integrity_ok(conn: &mut SqliteConnection) {
    let report: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    assert_eq!(report, ["ok"], "integrity_check");
}

/// A tmpfs mounted on a fresh folder (the tests run as root in their sandbox), unmounted
/// when dropped, also when a test fails.
pub struct TmpfsMount {
    dir: tempfile::TempDir,
}

impl TmpfsMount {
    /// Mounts a tmpfs of `size` (as `mount -o size=` reads it, e.g. `8m`), or says
    /// why it could not (not root, no mount permission in this container).
    pub fn new(size: &str) -> Result<Self, String> {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = format!("size={size},mode=0700");
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &options, "tmpfs"])
            .arg(dir.path())
            .output()
            .map_err(|e| format!("mount could not run: {e}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_owned());
        }
        Ok(Self { dir })
    }

    /// The mounted folder, as a temp dir a [`TestApp`] can own; the mount outlives it.
    pub fn folder(&self) -> tempfile::TempDir {
        tempfile::TempDir::new_in(self.dir.path()).expect("folder on the tmpfs")
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Remounts read-only (`true`) or read-write.
    pub fn set_read_only(&self, read_only: bool) {
        let options = if read_only {
            "remount,ro"
        } else {
            "remount,rw"
        };
        let status = std::process::Command::new("mount")
            .args(["-o", options])
            .arg(self.dir.path())
            .status()
            .expect("mount runs");
        assert!(status.success(), "mount -o {options}");
    }
}

impl Drop for TmpfsMount {
    fn drop(&mut self) {
        let unmount = |lazy: bool| {
            let mut command = std::process::Command::new("umount");
            if lazy {
                command.arg("-l");
            }
            command
                .arg(self.dir.path())
                .status()
                .is_ok_and(|s| s.success())
        };
        // A failed test may still hold files open there: detach it then.
        if !unmount(false) && !unmount(true) {
            eprintln!("could not unmount {}", self.dir.path().display());
        }
    }
}

/// Everything the calling test's thread logs, at every level, written to `file` until the
/// guard is dropped (the global subscriber belongs to another test), so a test can scan
/// the log for secrets.
pub fn trace_to_file(file: &Path) -> tracing::subscriber::DefaultGuard {
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let writer = Arc::new(std::fs::File::create(file).unwrap());
    tracing::subscriber::set_default(
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(writer)
            .finish(),
    )
}
