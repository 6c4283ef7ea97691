//! A real SMTP server for the mail tests: the core's `tests/support/smtp_sink.py`
//! (aiosmtpd) on a free 127.0.0.1 port, saving every message it accepts into a
//! temporary directory.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The Python with aiosmtpd: `KEYDESK_TEST_PYTHON`, else the virtual environment
/// `cargo xtask setup` creates in the user's cache directory.
pub fn python() -> PathBuf {
    if let Some(python) = std::env::var_os("KEYDESK_TEST_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(python);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .expect("a home directory");
    cache
        .join("keydesk-dev")
        .join("aiosmtpd-1.4.6")
        .join("bin")
        .join("python")
}

/// The sink; stops when dropped (and when the test process dies: its stdin closes).
pub struct SmtpSink {
    pub port: u16,
    dir: TempDir,
    child: Child,
    _stdin: ChildStdin,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let dir = tempfile::tempdir().expect("a temporary directory for the sink");
        let script =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/support/smtp_sink.py");
        let mut child = Command::new(python())
            .arg(&script)
            .arg("--dir")
            .arg(dir.path())
            .args(["--port", "0"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "the SMTP sink needs Python with aiosmtpd 1.4.6 ({}): {e}; run `cargo xtask setup`",
                    python().display()
                )
            });
        let stdin = child.stdin.take().expect("the sink's stdin");
        let stdout = child.stdout.take().expect("the sink's stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the sink says its port");
        let port = line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the SMTP sink did not start: {line:?}"));
        SmtpSink {
            port,
            dir,
            child,
            _stdin: stdin,
        }
    }

    /// Every message received so far, in arrival order, as text.
    pub fn messages(&self) -> Vec<String> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .map(|raw| String::from_utf8_lossy(&raw).into_owned())
            .collect()
    }

    /// Waits (at most 30 s) for a message that `wanted` accepts, and returns it.
    pub fn wait_for_message(&self, what: &str, wanted: impl Fn(&Message) -> bool) -> Message {
        let start = Instant::now();
        loop {
            let messages: Vec<Message> = self.messages().into_iter().map(Message).collect();
            if let Some(found) = messages.iter().find(|m| wanted(m)) {
                return found.clone();
            }
            if start.elapsed() > Duration::from_secs(30) {
                let subjects: Vec<String> = messages.iter().map(Message::subject).collect();
                panic!("the SMTP sink never received {what}; it has {subjects:?}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One received message, raw.
#[derive(Debug, Clone)]
pub struct Message(pub String);

impl Message {
    /// A header's value (folded lines joined), or "" without it.
    pub fn header(&self, name: &str) -> String {
        let text = self.0.replace("\r\n", "\n");
        let head = text.split("\n\n").next().unwrap_or_default();
        let mut value: Option<String> = None;
        for line in head.lines() {
            if let Some(current) = value.as_mut() {
                if line.starts_with([' ', '\t']) {
                    current.push(' ');
                    current.push_str(line.trim());
                    continue;
                }
                break;
            }
            if let Some((key, rest)) = line.split_once(':') {
                if key.eq_ignore_ascii_case(name) {
                    value = Some(rest.trim().to_owned());
                }
            }
        }
        value.unwrap_or_default()
    }

    pub fn subject(&self) -> String {
        self.header("Subject")
    }

    pub fn to(&self) -> String {
        self.header("To")
    }
}
