//! The helpers a test drives the window with, one per thing a person does or sees (wait
//! for, fill, click, read, choose, press), each waiting up to [`WAIT_TIMEOUT`] and failing
//! with what it last saw.

use std::fmt::Display;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::Locator;
use serde_json::json;

use crate::Harness;

/// How long the app may take to show what a test waits for.
const WAIT_TIMEOUT: Duration = Duration::from_secs(30);
/// How often a wait checks again.
const POLL_EVERY: Duration = Duration::from_millis(100);

impl Harness {
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
            let texts = self.texts(css).await?;
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
            let texts = self.texts(css).await?;
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
            let output = read_clipboard()?;
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
            let output = read_clipboard()?;
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
        self.wait_for_paint("after resizing").await;
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

    /// Waits until the page has painted twice (or 1 s without a frame), so what follows
    /// sees the page as laid out after the last change.
    pub(crate) async fn wait_for_paint(&self, before: &str) {
        if let Err(err) = self.client().execute_async(AFTER_PAINT, Vec::new()).await {
            eprintln!("e2e: not waiting for a paint {before}: {}", describe(&err));
        }
    }

    /// The rendered texts of every element matching `css` right now (no waiting).
    async fn texts(&self, css: &str) -> Result<Vec<String>, String> {
        let elements = self
            .client()
            .find_all(Locator::Css(css))
            .await
            .map_err(|err| describe(&err))?;
        let mut texts = Vec::with_capacity(elements.len());
        for element in elements {
            texts.push(rendered_text(&element).await?);
        }
        Ok(texts)
    }

    async fn find(&self, css: &str) -> Result<Element, String> {
        self.client()
            .find(Locator::Css(css))
            .await
            .map_err(|err| describe(&err))
    }

    /// Retries `attempt` until it succeeds, panicking with `what` and the last failure after
    /// [`WAIT_TIMEOUT`].
    pub(crate) async fn eventually<T>(
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
}

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

/// What `xclip` reads from the X11 `CLIPBOARD` selection.
fn read_clipboard() -> Result<Output, String> {
    Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .stdin(Stdio::null())
        .output()
        .map_err(|err| format!("cannot run xclip (install it): {err}"))
}

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
pub(crate) fn describe(err: &CmdError) -> String {
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
