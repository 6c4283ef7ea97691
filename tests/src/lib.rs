//! The end-to-end harness: starts the real Keydesk app on a fresh data directory under
//! `tauri-driver`, and gives one helper per user action (wait for, fill, click, read, take a
//! screenshot). Run the tests with `cargo xtask test`, which builds the app and provides the
//! display and keyring they need.
//!
//! tauri-driver listens on fixed ports, so tests run one at a time (`--test-threads=1`), and
//! they need a multi-threaded runtime (`#[tokio::test(flavor = "multi_thread")]`) so the
//! WebDriver session can be closed when a [`Harness`] is dropped, also after a failure.

use std::env;
use std::fmt::Display;
use std::fs::{self, File};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tempfile::TempDir;

pub mod smtp_sink;

/// Where tauri-driver listens.
const DRIVER_PORT: u16 = 4444;
/// Where tauri-driver starts the native driver (WebKitWebDriver / msedgedriver).
const NATIVE_PORT: u16 = 4445;
/// How long the drivers may take to listen, or a stale one to go away.
const PORT_TIMEOUT: Duration = Duration::from_secs(20);
/// How long starting the app and opening the WebDriver session may take.
const SESSION_TIMEOUT: Duration = Duration::from_secs(60);
/// How long the app may take to show what a test waits for.
const WAIT_TIMEOUT: Duration = Duration::from_secs(30);
/// How often a wait checks again.
const POLL_EVERY: Duration = Duration::from_millis(100);
/// How long closing the session (and so the app) may take before tauri-driver is stopped.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long tauri-driver may take to exit after SIGTERM.
const STOP_TIMEOUT: Duration = Duration::from_secs(10);

/// The app under test, started on its own fresh data directory with its own tauri-driver.
/// Dropping it closes the session (which closes the app) and stops tauri-driver; after a
/// failed test it keeps the data directory and the driver's log and says where they are.
pub struct Harness {
    client: Option<Client>,
    driver: Option<Child>,
    /// Holds `data/` (the app's data directory) and `tauri-driver.log`.
    workdir: Option<TempDir>,
    screenshots: PathBuf,
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
        Self::start_in(new_workdir(), env).await
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
        Self::start_in(workdir, &[("XDG_CONFIG_HOME", &config)]).await
    }

    async fn start_in(workdir: TempDir, env: &[(&str, &str)]) -> Harness {
        let app = app_path();
        let screenshots = screenshots_dir();
        let data_dir = workdir.path().join("data");
        fs::create_dir(&data_dir).expect("Failed to create the app's data directory");
        let driver_log = workdir.path().join("tauri-driver.log");

        wait_until_free(DRIVER_PORT).await;
        wait_until_free(NATIVE_PORT).await;
        let driver = spawn_driver(&driver_log, env);
        let mut harness = Harness {
            client: None,
            driver: Some(driver),
            workdir: Some(workdir),
            screenshots,
        };
        // Both: tauri-driver forwards the new-session request to the native driver at once.
        harness.wait_until_listening(DRIVER_PORT, &driver_log).await;
        harness.wait_until_listening(NATIVE_PORT, &driver_log).await;

        let capabilities = json!({
            "tauri:options": {
                "application": app,
                "args": ["--data-dir", data_dir],
            }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!("capabilities are a JSON object")
        };
        let mut builder =
            ClientBuilder::rustls().expect("Failed to set up rustls for the WebDriver client");
        builder.capabilities(capabilities);
        let url = format!("http://127.0.0.1:{DRIVER_PORT}");
        let connecting = builder.connect(&url);
        let client = match tokio::time::timeout(SESSION_TIMEOUT, connecting).await {
            Ok(Ok(client)) => client,
            Ok(Err(err)) => panic!(
                "Failed to start the app through tauri-driver: {err}\n{}",
                log_tail(&driver_log)
            ),
            Err(_) => panic!(
                "The app did not open a WebDriver session within {SESSION_TIMEOUT:?}\n{}",
                log_tail(&driver_log)
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

    /// Waits until an element matching `css` exists.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.client()
            .wait()
            .at_most(WAIT_TIMEOUT)
            .every(POLL_EVERY)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|err| {
                panic!(
                    "`{css}` did not appear within {WAIT_TIMEOUT:?}: {}",
                    describe(&err)
                )
            })
    }

    /// Waits until an element matching `css` exists and is visible (see [`VISIBLE`]).
    pub async fn wait_for_visible(&self, css: &str) -> Element {
        self.eventually(format!("`{css}` is visible"), async || {
            let element = self.find(css).await?;
            let visible = self
                .client()
                .execute(VISIBLE, vec![json!(css)])
                .await
                .map_err(|err| describe(&err))?;
            match visible {
                serde_json::Value::Bool(true) => Ok(element),
                _ => Err("present but not visible".to_owned()),
            }
        })
        .await
    }

    /// Replaces the value of the input matching `css` by typing `text`.
    pub async fn fill(&self, css: &str, text: &str) {
        let input = self.wait_for(css).await;
        input
            .clear()
            .await
            .unwrap_or_else(|err| panic!("Failed to clear `{css}`: {}", describe(&err)));
        input
            .send_keys(text)
            .await
            .unwrap_or_else(|err| panic!("Failed to type into `{css}`: {}", describe(&err)));
    }

    /// Clicks the element matching `css` once it exists.
    pub async fn click(&self, css: &str) {
        self.wait_for(css)
            .await
            .click()
            .await
            .unwrap_or_else(|err| panic!("Failed to click `{css}`: {}", describe(&err)));
    }

    /// The rendered text of the element matching `css` (see [`rendered_text`]), trimmed, once
    /// it exists.
    pub async fn text(&self, css: &str) -> String {
        let element = self.wait_for(css).await;
        rendered_text(&element)
            .await
            .unwrap_or_else(|err| panic!("Failed to read the text of `{css}`: {err}"))
    }

    /// Waits until the (trimmed) text of the element matching `css` is exactly `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) {
        self.wait_for_text_where(css, format!("reads {expected:?}"), |text| text == expected)
            .await;
    }

    /// Waits until the text of the element matching `css` satisfies `wanted`; returns it.
    pub async fn wait_for_text_where(
        &self,
        css: &str,
        what: impl Display,
        wanted: impl Fn(&str) -> bool,
    ) -> String {
        self.eventually(format!("`{css}` {what}"), async || {
            let text = rendered_text(&self.find(css).await?).await?;
            if wanted(&text) {
                Ok(text)
            } else {
                Err(format!("text {text:?}"))
            }
        })
        .await
    }

    /// Waits until, for each of `needles`, some element matching `css` has it in its text;
    /// returns the texts of all matching elements.
    pub async fn wait_for_rows_containing(&self, css: &str, needles: &[&str]) -> Vec<String> {
        self.eventually(format!("`{css}` rows contain {needles:?}"), async || {
            let elements = self
                .client()
                .find_all(Locator::Css(css))
                .await
                .map_err(|err| describe(&err))?;
            let mut texts = Vec::with_capacity(elements.len());
            for element in elements {
                texts.push(rendered_text(&element).await?);
            }
            if needles
                .iter()
                .all(|needle| texts.iter().any(|text| text.contains(needle)))
            {
                Ok(texts)
            } else {
                Err(format!("rows {texts:?}"))
            }
        })
        .await
    }

    /// Waits until there is at least one element matching `css` and the texts of all of
    /// them satisfy `wanted`; returns the texts.
    pub async fn wait_for_texts_where(
        &self,
        css: &str,
        what: impl Display,
        wanted: impl Fn(&[String]) -> bool,
    ) -> Vec<String> {
        self.eventually(format!("`{css}` {what}"), async || {
            let elements = self
                .client()
                .find_all(Locator::Css(css))
                .await
                .map_err(|err| describe(&err))?;
            let mut texts = Vec::with_capacity(elements.len());
            for element in elements {
                texts.push(rendered_text(&element).await?);
            }
            if !texts.is_empty() && wanted(&texts) {
                Ok(texts)
            } else {
                Err(format!("texts {texts:?}"))
            }
        })
        .await
    }

    /// The current `value` of the input or select matching `css`, once it exists.
    pub async fn value(&self, css: &str) -> String {
        let element = self.wait_for(css).await;
        element
            .prop("value")
            .await
            .unwrap_or_else(|err| panic!("Failed to read the value of `{css}`: {}", describe(&err)))
            .unwrap_or_default()
    }

    /// Waits until the `value` of the input or select matching `css` satisfies `wanted`.
    pub async fn wait_for_value_where(
        &self,
        css: &str,
        what: impl Display,
        wanted: impl Fn(&str) -> bool,
    ) -> String {
        self.eventually(format!("the value of `{css}` {what}"), async || {
            let value = self
                .find(css)
                .await?
                .prop("value")
                .await
                .map_err(|err| describe(&err))?
                .unwrap_or_default();
            if wanted(&value) {
                Ok(value)
            } else {
                Err(format!("value {value:?}"))
            }
        })
        .await
    }

    /// Chooses the option with `value` in the `<select>` matching `css`, once that option
    /// exists, as a person picking it would: the select's value changes and it fires
    /// `input` and `change` (which bubble, so the page's handlers see them).
    pub async fn select_option(&self, css: &str, value: &str) {
        self.eventually(
            format!("`{css}` offers {value:?} and takes it"),
            async || {
                let select = self.find(css).await?;
                let chosen = self
                    .client()
                    .execute(SELECT_OPTION, vec![json!(css), json!(value)])
                    .await
                    .map_err(|err| describe(&err))?;
                match chosen {
                    serde_json::Value::Bool(true) => Ok(select),
                    other => Err(format!("not chosen: {other}")),
                }
            },
        )
        .await;
    }

    /// Presses `key` (e.g. `Key::Escape`, `Key::Enter`) with focus on the element matching
    /// `css`.
    pub async fn press(&self, css: &str, key: fantoccini::key::Key) {
        let text = String::from(char::from(key));
        self.wait_for(css)
            .await
            .send_keys(&text)
            .await
            .unwrap_or_else(|err| panic!("Failed to press a key in `{css}`: {}", describe(&err)));
    }

    /// Waits until no element matches `css` (e.g. a dialog has closed).
    pub async fn wait_until_gone(&self, css: &str) {
        self.eventually(format!("`{css}` is gone"), async || {
            if self.is_present(css).await {
                Err("still there".to_owned())
            } else {
                Ok(())
            }
        })
        .await;
    }

    /// The text on the system clipboard (X11 `CLIPBOARD` selection, read with `xclip`), once
    /// it is not empty.
    pub async fn clipboard_text(&self) -> String {
        self.eventually("the clipboard holds text", async || {
            let output = Command::new("xclip")
                .args(["-o", "-selection", "clipboard"])
                .stdin(Stdio::null())
                .output()
                .map_err(|err| format!("cannot run xclip (install it): {err}"))?;
            let text = String::from_utf8_lossy(&output.stdout).into_owned();
            if output.status.success() && !text.is_empty() {
                Ok(text)
            } else {
                Err(format!(
                    "empty ({}{})",
                    output.status,
                    String::from_utf8_lossy(&output.stderr).trim()
                ))
            }
        })
        .await
    }

    /// Waits until the system clipboard holds no text (e.g. after the app cleared it);
    /// a clipboard nobody owns any more counts as empty.
    pub async fn wait_for_clipboard_empty(&self) {
        self.eventually("the clipboard is empty", async || {
            let output = Command::new("xclip")
                .args(["-o", "-selection", "clipboard"])
                .stdin(Stdio::null())
                .output()
                .map_err(|err| format!("cannot run xclip (install it): {err}"))?;
            if output.stdout.is_empty() {
                Ok(())
            } else {
                Err(format!("holds {} bytes", output.stdout.len()))
            }
        })
        .await
    }

    /// Presses Ctrl together with `key` (e.g. `'n'`) with focus on the element matching
    /// `css`, as a keyboard shortcut.
    pub async fn press_ctrl(&self, css: &str, key: char) {
        let chord = format!("{}{key}", char::from(fantoccini::key::Key::Control));
        self.wait_for(css)
            .await
            .send_keys(&chord)
            .await
            .unwrap_or_else(|err| {
                panic!("Failed to press Ctrl+{key} in `{css}`: {}", describe(&err))
            });
    }

    /// Resizes the window (e.g. to check a page at 1024×768 before a screenshot).
    pub async fn set_window_size(&self, width: u32, height: u32) {
        self.client()
            .set_window_size(width, height)
            .await
            .unwrap_or_else(|err| {
                panic!(
                    "Failed to resize the window to {width}×{height}: {}",
                    describe(&err)
                )
            });
        // Let the page lay itself out again before anything reads it.
        if let Err(err) = self.client().execute_async(AFTER_PAINT, Vec::new()).await {
            eprintln!(
                "e2e: not waiting for a paint after resizing: {}",
                describe(&err)
            );
        }
    }

    /// Calls a shell command the way the window does (`req` is its one argument), but
    /// behind the window's back: a change made elsewhere, e.g. at another desk, while
    /// the window shows a form. Returns the answer, or the error the shell rejected with.
    pub async fn invoke(
        &self,
        command: &str,
        req: serde_json::Value,
    ) -> Result<serde_json::Value, serde_json::Value> {
        let answer = self
            .client()
            .execute_async(INVOKE, vec![json!(command), json!({ "req": req })])
            .await
            .unwrap_or_else(|err| panic!("Failed to call `{command}`: {}", describe(&err)));
        match answer {
            serde_json::Value::Object(mut answer) => match answer.remove("ok") {
                Some(value) => Ok(value),
                None => Err(answer.remove("err").unwrap_or_default()),
            },
            other => panic!("`{command}` answered in an unknown shape: {other}"),
        }
    }

    /// Waits until the control matching `css` exists and is enabled.
    pub async fn wait_for_enabled(&self, css: &str) -> Element {
        self.eventually(format!("`{css}` is enabled"), async || {
            let element = self.find(css).await?;
            if element.is_enabled().await.map_err(|err| describe(&err))? {
                Ok(element)
            } else {
                Err("disabled".to_owned())
            }
        })
        .await
    }

    /// The value of the attribute `name` of the element matching `css`, once it exists.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.wait_for(css)
            .await
            .attr(name)
            .await
            .unwrap_or_else(|err| panic!("Failed to read `{name}` of `{css}`: {}", describe(&err)))
    }

    /// Whether an element matching `css` exists right now (no waiting).
    pub async fn is_present(&self, css: &str) -> bool {
        self.find(css).await.is_ok()
    }

    /// Saves a PNG of the window as `$KEYDESK_SCREENSHOTS/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        // A snapshot taken right after a change can show the frame before it: let the page
        // paint twice first.
        if let Err(err) = self.client().execute_async(AFTER_PAINT, Vec::new()).await {
            eprintln!(
                "e2e: not waiting for a paint before {name}: {}",
                describe(&err)
            );
        }
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

    async fn find(&self, css: &str) -> Result<Element, String> {
        self.client()
            .find(Locator::Css(css))
            .await
            .map_err(|err| describe(&err))
    }

    /// Retries `attempt` until it succeeds, panicking with `what` and the last failure after
    /// [`WAIT_TIMEOUT`].
    async fn eventually<T>(
        &self,
        what: impl Display,
        mut attempt: impl AsyncFnMut() -> Result<T, String>,
    ) -> T {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        loop {
            match attempt().await {
                Ok(value) => return value,
                Err(last) if Instant::now() >= deadline => {
                    panic!("expected {what} within {WAIT_TIMEOUT:?}; last seen: {last}")
                }
                Err(_) => tokio::time::sleep(POLL_EVERY).await,
            }
        }
    }

    async fn wait_until_listening(&mut self, port: u16, driver_log: &Path) {
        let deadline = Instant::now() + PORT_TIMEOUT;
        while !is_listening(port) {
            let driver = self.driver.as_mut().expect("tauri-driver was started");
            if let Ok(Some(status)) = driver.try_wait() {
                panic!(
                    "tauri-driver exited ({status}) before port {port} was open\n{}",
                    log_tail(driver_log)
                );
            }
            if Instant::now() >= deadline {
                panic!(
                    "nothing listens on port {port} {PORT_TIMEOUT:?} after starting tauri-driver\n{}",
                    log_tail(driver_log)
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
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
        if let Some(driver) = self.driver.take() {
            stop_driver(driver);
        }
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
fn app_path() -> PathBuf {
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

/// `tauri-driver` from PATH, else from cargo's bin directory.
fn driver_program() -> PathBuf {
    let name = format!("tauri-driver{}", env::consts::EXE_SUFFIX);
    let on_path = env::var_os("PATH")
        .into_iter()
        .flat_map(|path| env::split_paths(&path).collect::<Vec<_>>())
        .map(|dir| dir.join(&name))
        .find(|candidate| candidate.is_file());
    let cargo_bin = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .map(|cargo_home| cargo_home.join("bin").join(&name))
        .filter(|candidate| candidate.is_file());
    on_path.or(cargo_bin).unwrap_or_else(|| {
        panic!("tauri-driver not found on PATH or in ~/.cargo/bin: run `cargo xtask setup`")
    })
}

fn spawn_driver(log: &Path, env: &[(&str, &str)]) -> Child {
    let program = driver_program();
    let stdout =
        File::create(log).unwrap_or_else(|err| panic!("Failed to create {}: {err}", log.display()));
    let stderr = stdout
        .try_clone()
        .expect("Failed to share the tauri-driver log between stdout and stderr");
    Command::new(&program)
        .args(["--port", &DRIVER_PORT.to_string()])
        .args(["--native-port", &NATIVE_PORT.to_string()])
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .unwrap_or_else(|err| panic!("Failed to start {}: {err}", program.display()))
}

fn is_listening(port: u16) -> bool {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok()
}

/// Waits for a driver of an earlier test to let go of `port`: a stale WebKitWebDriver
/// would otherwise be reused silently.
async fn wait_until_free(port: u16) {
    let deadline = Instant::now() + PORT_TIMEOUT;
    while is_listening(port) {
        if Instant::now() >= deadline {
            panic!(
                "port {port} is still in use after {PORT_TIMEOUT:?}: a tauri-driver or \
                 WebKitWebDriver from an earlier run is probably still running (stop it and retry)"
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
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

/// Stops tauri-driver with SIGTERM, on which it also ends the native driver (SIGKILL would
/// leave WebKitWebDriver listening), and waits for it to exit.
fn stop_driver(mut driver: Child) {
    #[cfg(unix)]
    {
        use nix::sys::signal::{kill, Signal};
        use nix::unistd::Pid;

        let pid = i32::try_from(driver.id()).expect("process ids fit in i32");
        if let Err(err) = kill(Pid::from_raw(pid), Signal::SIGTERM) {
            eprintln!("e2e: failed to send SIGTERM to tauri-driver: {err}");
        }
    }
    #[cfg(not(unix))]
    {
        // On Windows tauri-driver holds the native driver in a job that ends with it.
        let _ = driver.kill();
    }
    let deadline = Instant::now() + STOP_TIMEOUT;
    loop {
        match driver.try_wait() {
            Ok(Some(_)) => return,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                eprintln!("e2e: tauri-driver did not exit within {STOP_TIMEOUT:?}; killing it");
                let _ = driver.kill();
                let _ = driver.wait();
                return;
            }
        }
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

/// Whether the element matching `arguments[0]` is rendered and not `visibility: hidden`.
/// WebDriver's own "is displayed" (and "get element text", which returns "" for what it
/// deems hidden) misjudges elements with `overflow: hidden`, such as a name truncated with an
/// ellipsis, so the browser is asked directly.
const VISIBLE: &str = "const element = document.querySelector(arguments[0]); \
    return element !== null && element.checkVisibility({ visibilityProperty: true });";

/// Calls back after the page has painted twice (two animation frames), or after 1 s if
/// no frame comes (a hidden window gets none).
const AFTER_PAINT: &str = "const done = arguments[arguments.length - 1]; \
    const timer = setTimeout(() => done(false), 1000); \
    requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(timer); done(true); }));";

/// Calls `window.__TAURI__.core.invoke(arguments[0], arguments[1])` and calls back with
/// `{ok: answer}` or `{err: rejection}`.
const INVOKE: &str = "const done = arguments[arguments.length - 1]; \
    window.__TAURI__.core.invoke(arguments[0], arguments[1]).then( \
        (value) => done({ ok: value === undefined ? null : value }), \
        (error) => done({ err: error === undefined ? null : error }));";

/// Chooses option `arguments[1]` of the select matching `arguments[0]`; false until the
/// select and that option exist.
const SELECT_OPTION: &str = "const select = document.querySelector(arguments[0]); \
    if (select === null || !Array.from(select.options).some((o) => o.value === arguments[1])) { \
        return false; \
    } \
    select.focus(); \
    select.value = arguments[1]; \
    select.dispatchEvent(new Event('input', { bubbles: true })); \
    select.dispatchEvent(new Event('change', { bubbles: true })); \
    return select.value === arguments[1];";

/// The element's text as rendered (`innerText`), trimmed. Not WebDriver's "get element text":
/// see [`VISIBLE`] for why.
async fn rendered_text(element: &Element) -> Result<String, String> {
    let text = element
        .prop("innerText")
        .await
        .map_err(|err| describe(&err))?;
    Ok(text.unwrap_or_default().trim().to_owned())
}

/// A WebDriver error with its status: fantoccini's Display shows only the message, which
/// WebKitWebDriver often leaves empty.
fn describe(err: &CmdError) -> String {
    match err {
        CmdError::Standard(webdriver) if webdriver.message.is_empty() => {
            format!("WebDriver error: {}", webdriver.error)
        }
        CmdError::Standard(webdriver) => {
            format!(
                "WebDriver error: {}: {}",
                webdriver.error, webdriver.message
            )
        }
        CmdError::WaitTimeout => "timed out".to_owned(),
        other => other.to_string(),
    }
}

/// The end of tauri-driver's log (it also holds the native driver's and the app's output).
fn log_tail(log: &Path) -> String {
    let text = fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let tail = lines[lines.len().saturating_sub(40)..].join("\n");
    format!("--- last lines of {} ---\n{tail}", log.display())
}
