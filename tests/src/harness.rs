//! Starting the app under test: a fresh data directory (and, where a test asks for it, a
//! Downloads folder or no keyring) per test, its own tauri-driver, and the WebDriver
//! session to it; screenshots, and what a failed test leaves behind to look at.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::json;
use tempfile::TempDir;

use crate::session::describe;
use crate::tauri_driver::TauriDriver;

/// How long starting the app and opening the WebDriver session may take.
const SESSION_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a quitting app may take to let go of its data folder (it writes the last of
/// its write-ahead log into the database first).
const QUIT_TIMEOUT: Duration = Duration::from_secs(300);
/// How long the app may take to quit once its session closed before it is asked to end.
const SESSION_CLOSES_APP: Duration = Duration::from_secs(15);
/// How long closing the session (and so the app) may take before tauri-driver is stopped.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(10);

/// The app under test, started on its own fresh data directory with its own tauri-driver.
/// Dropping it closes the session (which closes the app) and stops tauri-driver; after a
/// failed test it keeps the data directory and the driver's log and says where they are.
pub struct Harness {
    client: Option<Client>,
    driver: Option<TauriDriver>,
    /// Holds `data/` (the app's data directory) and `tauri-driver.log`.
    workdir: Option<TempDir>,
    screenshots: PathBuf,
    /// The app binary the session started.
    app: PathBuf,
    /// When the session, and so the app, was asked for (tauri-driver already listening).
    session_requested: Option<Instant>,
}

/// An app that was quit, with its data directory kept for [`QuitApp::start`].
pub struct QuitApp {
    app: PathBuf,
    workdir: TempDir,
}

impl QuitApp {
    /// The app's data directory, as it left it.
    pub fn data_dir(&self) -> PathBuf {
        self.workdir.path().join("data")
    }

    /// Starts the app again on the same data directory.
    pub async fn start(self) -> Harness {
        Harness::start_in(self.app, self.workdir, &[]).await
    }
}

impl Harness {
    /// Starts tauri-driver and, through it, the app at `$KEYDESK_APP` with
    /// `--data-dir <fresh temporary directory>`.
    pub async fn start() -> Harness {
        Self::start_with_env(&[]).await
    }

    /// Starts the app as a machine without a reachable keyring would: its session bus
    /// address points nowhere, so the Secret Service cannot be asked for the vault key.
    pub async fn start_without_keyring() -> Harness {
        Self::start_with_env(&[(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/keydesk-test-no-session-bus",
        )])
        .await
    }

    /// Like [`Harness::start`], with extra environment variables for the driver and so
    /// for the app it starts.
    pub async fn start_with_env(env: &[(&str, &str)]) -> Harness {
        Self::start_in(app_path(), new_workdir(), env).await
    }

    /// Like [`Harness::start`], with the binary `app` instead of `$KEYDESK_APP` (e.g. a
    /// window Keydesk is measured against).
    pub async fn start_program(app: &Path) -> Harness {
        let app = app
            .canonicalize()
            .unwrap_or_else(|err| panic!("{} cannot be used: {err}", app.display()));
        Self::start_in(app, new_workdir(), &[]).await
    }

    /// Like [`Harness::start`], with the person's Downloads folder inside the test's own
    /// directory (see [`Harness::downloads_dir`]), so an export lands there: the app finds
    /// it in `$XDG_CONFIG_HOME/user-dirs.dirs`, which points it there.
    pub async fn start_with_downloads_dir() -> Harness {
        let workdir = new_workdir();
        let config = workdir.path().join("config");
        let downloads = workdir.path().join("Downloads");
        for dir in [&config, &downloads] {
            fs::create_dir(dir)
                .unwrap_or_else(|err| panic!("Failed to create {}: {err}", dir.display()));
        }
        let user_dirs = format!("XDG_DOWNLOAD_DIR=\"{}\"\n", downloads.display());
        fs::write(config.join("user-dirs.dirs"), user_dirs)
            .expect("Failed to write user-dirs.dirs for the test");
        let config = config.to_string_lossy().into_owned();
        Self::start_in(app_path(), workdir, &[("XDG_CONFIG_HOME", &config)]).await
    }

    /// Quits the app and starts it again on the same data directory, as a person closing
    /// and reopening it would (the keyring entry stays).
    #[cfg(target_os = "linux")]
    pub async fn restart(self) -> Harness {
        self.quit().await.start().await
    }

    /// Quits the app and waits until its process is gone, keeping its data directory:
    /// a test may change what is there (as an earlier version would have left it) before
    /// [`QuitApp::start`].
    #[cfg(target_os = "linux")]
    pub async fn quit(mut self) -> QuitApp {
        use crate::process_memory::find_descendant;

        let app = self.app.clone();
        let running = find_descendant(std::process::id(), &app)
            .unwrap_or_else(|err| panic!("Failed to list the running processes: {err}"));
        if let Some(client) = self.client.take() {
            if let Err(err) = client.close().await {
                eprintln!(
                    "e2e: closing the WebDriver session failed: {}",
                    describe(&err)
                );
            }
        }
        drop(self.driver.take());
        // The data folder is the app's until its process is gone.
        if let Some(pid) = running {
            let asked = Instant::now();
            // WebKitWebDriver does not always close the app with the session: then the
            // app is idle with its window open, and is asked to end.
            while process_alive(pid) && asked.elapsed() < SESSION_CLOSES_APP {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            if process_alive(pid) {
                eprintln!("e2e: the app outlived its session; sending it SIGTERM");
                terminate(pid);
            }
            while process_alive(pid) {
                assert!(
                    asked.elapsed() < QUIT_TIMEOUT,
                    "the app did not quit within {QUIT_TIMEOUT:?}"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            eprintln!(
                "e2e: the app quit in {:.1} s",
                asked.elapsed().as_secs_f64()
            );
        }
        let workdir = self
            .workdir
            .take()
            .expect("the work directory lives as long as the harness");
        QuitApp { app, workdir }
    }

    async fn start_in(app: PathBuf, workdir: TempDir, env: &[(&str, &str)]) -> Harness {
        let screenshots = screenshots_dir();
        let data_dir = workdir.path().join("data");
        fs::create_dir_all(&data_dir).expect("Failed to create the app's data directory");
        let driver_log = workdir.path().join("tauri-driver.log");
        // Built first, so a failed start still keeps the directory and the driver's log.
        let mut harness = Harness {
            client: None,
            driver: None,
            workdir: Some(workdir),
            screenshots,
            app: app.clone(),
            session_requested: None,
        };
        let driver = harness
            .driver
            .insert(TauriDriver::start(&driver_log, env).await);

        let capabilities = json!({
            "tauri:options": {
                "application": app,
                "args": ["--data-dir", data_dir],
            }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!("capabilities are a JSON object")
        };
        // A test that also links Keydesk's core has both of rustls' crypto providers (ring
        // from the mail code, aws-lc-rs from the WebDriver client), and rustls then will
        // not pick one by itself. The first call installs ring; later calls find it set.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder =
            ClientBuilder::rustls().expect("Failed to set up rustls for the WebDriver client");
        builder.capabilities(capabilities);
        let url = driver.url();
        harness.session_requested = Some(Instant::now());
        let connecting = builder.connect(&url);
        let client = match tokio::time::timeout(SESSION_TIMEOUT, connecting).await {
            Ok(Ok(client)) => client,
            Ok(Err(err)) => panic!(
                "Failed to start the app through tauri-driver: {err}\n{}",
                driver.log_tail()
            ),
            Err(_) => panic!(
                "The app did not open a WebDriver session within {SESSION_TIMEOUT:?}\n{}",
                driver.log_tail()
            ),
        };
        harness.client = Some(client);
        harness.record_page_errors().await;
        harness
    }

    /// Once the app's page has loaded, keeps its JavaScript errors (uncaught exceptions,
    /// unhandled rejections, `console.error`) in the page, so a failed test can print them.
    async fn record_page_errors(&self) {
        self.eventually("the app's page has loaded", async || {
            let loaded = self
                .client()
                .execute(PAGE_LOADED, Vec::new())
                .await
                .map_err(|err| describe(&err))?;
            match loaded {
                serde_json::Value::Bool(true) => Ok(()),
                other => Err(format!("document state {other}")),
            }
        })
        .await;
        if let Err(err) = self.client().execute(RECORD_ERRORS, Vec::new()).await {
            eprintln!("e2e: cannot record the page's errors: {}", describe(&err));
        }
    }

    /// When the WebDriver session, and with it the app, was asked for: tauri-driver was
    /// already listening, so what follows is the app starting (and WebKitWebDriver
    /// attaching to it).
    pub fn session_requested(&self) -> Instant {
        self.session_requested
            .expect("a harness is returned only after its session was requested")
    }

    /// The memory the app takes now: the PSS of its process and every process it started
    /// (WebKit's web and network processes), in bytes; `None` where the OS does not tell
    /// (it is read from Linux's /proc).
    pub fn memory_pss_bytes(&self) -> Option<u64> {
        #[cfg(target_os = "linux")]
        {
            use crate::process_memory::{find_descendant, tree_pss_bytes};
            let app = find_descendant(std::process::id(), &self.app)
                .unwrap_or_else(|err| panic!("Failed to list the running processes: {err}"))
                .unwrap_or_else(|| panic!("{} is not running under this test", self.app.display()));
            Some(
                tree_pss_bytes(app)
                    .unwrap_or_else(|err| panic!("Failed to read the app's memory: {err}")),
            )
        }
        #[cfg(not(target_os = "linux"))]
        {
            None
        }
    }

    /// The app's data directory (database and logs) of this test.
    pub fn data_dir(&self) -> PathBuf {
        self.workdir
            .as_ref()
            .expect("the work directory lives as long as the harness")
            .path()
            .join("data")
    }

    /// The Downloads folder the app was given by [`Harness::start_with_downloads_dir`].
    pub fn downloads_dir(&self) -> PathBuf {
        self.workdir
            .as_ref()
            .expect("the work directory lives as long as the harness")
            .path()
            .join("Downloads")
    }

    /// Every file the app wrote in its data directory (database, WAL, logs), with its
    /// bytes, for checks that no secret rests there in the clear.
    pub fn data_files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        let mut pending = vec![self.data_dir()];
        while let Some(dir) = pending.pop() {
            let entries = fs::read_dir(&dir)
                .unwrap_or_else(|err| panic!("Failed to list {}: {err}", dir.display()));
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else if let Ok(bytes) = fs::read(&path) {
                    files.push((path, bytes));
                }
            }
        }
        files
    }

    /// The WebDriver client, for what the helpers do not cover.
    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("the session is open")
    }

    /// Saves a PNG of the window as `$KEYDESK_SCREENSHOTS/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        // A snapshot taken right after a change can show the frame before it: let the page
        // paint twice first.
        self.wait_for_paint(&format!("before {name}")).await;
        let png =
            self.client().screenshot().await.unwrap_or_else(|err| {
                panic!("Failed to take screenshot {name}: {}", describe(&err))
            });
        let path = self.screenshots.join(format!("{name}.png"));
        // Written whole, then renamed, so a reader never sees half a PNG.
        let partial = self.screenshots.join(format!("{name}.png.tmp"));
        fs::write(&partial, png)
            .and_then(|()| fs::rename(&partial, &path))
            .unwrap_or_else(|err| panic!("Failed to save {}: {err}", path.display()));
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            // After a failure, keep what the window showed: a screenshot named after the test
            // next to the others, and the page's HTML next to the driver's log.
            let evidence = std::thread::panicking()
                .then(|| {
                    let workdir = self.workdir.as_ref()?;
                    let test = std::thread::current()
                        .name()
                        .unwrap_or("unnamed")
                        .replace("::", "-");
                    Some(Evidence {
                        screenshot: self.screenshots.join(format!("failed-{test}.png")),
                        page: workdir.path().join("page.html"),
                    })
                })
                .flatten();
            close_session(client, evidence);
        }
        // Stopped after the session, which closes the app, and before the directory holding
        // its log is kept or removed.
        drop(self.driver.take());
        if let Some(workdir) = self.workdir.take() {
            if std::thread::panicking() {
                let kept = workdir.keep();
                eprintln!(
                    "e2e: kept the app's data directory and tauri-driver.log in {}",
                    kept.display()
                );
            }
        }
    }
}

/// A fresh directory for one test: the app's data, the driver's log, and what else the
/// test needs (e.g. a Downloads folder).
fn new_workdir() -> TempDir {
    tempfile::Builder::new()
        .prefix("keydesk-e2e-")
        .tempdir()
        .expect("Failed to create a temporary directory for the test")
}

/// `$KEYDESK_APP`, the app binary to test, as an absolute path.
pub fn app_path() -> PathBuf {
    let Some(app) = env::var_os("KEYDESK_APP") else {
        panic!(
            "KEYDESK_APP is not set: run the end-to-end tests through `cargo xtask test`, \
             which builds the app, sets KEYDESK_APP and provides a display and a keyring"
        );
    };
    let app = PathBuf::from(app);
    app.canonicalize().unwrap_or_else(|err| {
        panic!(
            "KEYDESK_APP={} cannot be used ({err}): run `cargo xtask test`, which builds it",
            app.display()
        )
    })
}

/// `$KEYDESK_SCREENSHOTS`, by default `target/screenshots`; created if missing.
fn screenshots_dir() -> PathBuf {
    let dir = env::var_os("KEYDESK_SCREENSHOTS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots"),
        PathBuf::from,
    );
    fs::create_dir_all(&dir)
        .unwrap_or_else(|err| panic!("Failed to create {}: {err}", dir.display()));
    dir
}

/// Where to save what the window showed when a test failed.
struct Evidence {
    screenshot: PathBuf,
    page: PathBuf,
}

impl Evidence {
    async fn save(&self, client: &Client) {
        match client.screenshot().await {
            Ok(png) => match fs::write(&self.screenshot, png) {
                Ok(()) => eprintln!("e2e: screenshot at failure: {}", self.screenshot.display()),
                Err(err) => eprintln!("e2e: failed to save {}: {err}", self.screenshot.display()),
            },
            Err(err) => eprintln!("e2e: no screenshot at failure: {}", describe(&err)),
        }
        if let Ok(html) = client.source().await {
            if fs::write(&self.page, html).is_ok() {
                eprintln!("e2e: page HTML at failure: {}", self.page.display());
            }
        }
        if let Ok(serde_json::Value::Array(errors)) =
            client.execute(RECORDED_ERRORS, Vec::new()).await
        {
            for error in errors {
                eprintln!(
                    "e2e: error in the page: {}",
                    error.as_str().unwrap_or_default()
                );
            }
        }
    }
}

/// Ends the WebDriver session, which closes the app. Drop cannot await, so the close runs
/// on the test's runtime from a helper thread while this one waits.
/// Whether `pid` still runs: a process that has exited but not been waited for yet (a
/// zombie) has already let go of its files.
#[cfg(target_os = "linux")]
/// Asks process `pid` to end (SIGTERM).
#[cfg(target_os = "linux")]
fn terminate(pid: u32) {
    use nix::sys::signal::{kill, Signal};
    use nix::unistd::Pid;

    let Ok(pid) = i32::try_from(pid) else {
        return;
    };
    if let Err(err) = kill(Pid::from_raw(pid), Signal::SIGTERM) {
        eprintln!("e2e: could not ask the app to end: {err}");
    }
}

fn process_alive(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z'))
    })
}

fn close_session(client: Client, evidence: Option<Evidence>) {
    use tokio::runtime::{Handle, RuntimeFlavor};

    let Ok(runtime) = Handle::try_current() else {
        return;
    };
    if runtime.runtime_flavor() != RuntimeFlavor::MultiThread {
        eprintln!(
            "e2e: not closing the WebDriver session: use #[tokio::test(flavor = \"multi_thread\")]"
        );
        return;
    }
    let closing = std::thread::spawn(move || {
        runtime.block_on(async {
            if let Some(evidence) = evidence {
                let _ = tokio::time::timeout(CLOSE_TIMEOUT, evidence.save(&client)).await;
            }
            tokio::time::timeout(CLOSE_TIMEOUT, client.close()).await
        })
    });
    match closing.join() {
        Ok(Ok(Ok(()))) => {}
        Ok(Ok(Err(err))) => eprintln!(
            "e2e: closing the WebDriver session failed: {}",
            describe(&err)
        ),
        Ok(Err(_)) => eprintln!("e2e: closing the WebDriver session took over {CLOSE_TIMEOUT:?}"),
        Err(_) => eprintln!("e2e: closing the WebDriver session panicked"),
    }
}

/// Whether the app's own page (not the blank one a webview starts with) has loaded.
const PAGE_LOADED: &str =
    "return document.readyState === 'complete' && location.href !== 'about:blank';";

/// Keeps the page's JavaScript errors in `window.__keydeskE2eErrors`.
const RECORD_ERRORS: &str = "if (!window.__keydeskE2eErrors) { \
    const errors = (window.__keydeskE2eErrors = []); \
    window.addEventListener('error', (event) => errors.push(String(event.message))); \
    window.addEventListener('unhandledrejection', \
        (event) => errors.push('unhandled rejection: ' + String(event.reason))); \
    const consoleError = console.error.bind(console); \
    console.error = (...args) => { errors.push(args.map(String).join(' ')); consoleError(...args); }; \
}";

/// The errors [`RECORD_ERRORS`] kept.
const RECORDED_ERRORS: &str = "return window.__keydeskE2eErrors || [];";
