//! A real SMTP server for the mail tests: `core/tests/support/smtp_sink.py` (aiosmtpd)
//! on 127.0.0.1, run with the Python that `cargo xtask setup` prepared.

use keydesk_api::{SmtpSecurity, SmtpSettingsForm};
use keydesk_core::auth::Actor;
use keydesk_core::Keydesk;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

/// The Python with aiosmtpd: `KEYDESK_TEST_PYTHON`, else the virtual environment
/// `cargo xtask setup` creates.
pub fn python() -> PathBuf {
    if let Some(python) = std::env::var_os("KEYDESK_TEST_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(python);
    }
    let venv = directories::BaseDirs::new()
        .expect("a home directory")
        .cache_dir()
        .join("keydesk-dev")
        .join("aiosmtpd-1.4.6");
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

#[derive(Debug, Clone, Default)]
pub struct SinkOptions {
    /// Listen on this port (0: any free one).
    pub port: u16,
    /// Require AUTH with this username and password.
    pub auth: Option<(String, String)>,
    /// Require AUTH and accept any username and password, as a server set up to
    /// collect passwords would.
    pub auth_any: bool,
    /// Answer every recipient with a 5xx refusal.
    pub refuse: bool,
    /// Put this fault in the way of each message's first attempt.
    pub fault: Option<Fault>,
    /// Offer TLS, with a self-signed certificate.
    pub tls: Option<SinkTls>,
}

/// How the sink offers TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinkTls {
    StartTls,
    Implicit,
}

/// What the sink does to the first attempt of each message (told by its Message-ID).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Closes the connection once the content is in, before answering; keeps every
    /// second such message first (it arrived, and the client cannot know).
    Drop,
    /// Keeps the message, then never answers until the client hangs up.
    Stall,
    /// Answers 451 (try again later) and does not keep the message.
    Defer,
}

impl Fault {
    fn arg(self) -> &'static str {
        match self {
            Fault::Drop => "drop",
            Fault::Stall => "stall",
            Fault::Defer => "defer",
        }
    }
}

pub struct SmtpSink {
    pub port: u16,
    pub dir: tempfile::TempDir,
    child: Child,
    /// Held open: the sink stops when it closes (also when the test process dies).
    _stdin: ChildStdin,
}

impl SmtpSink {
    /// A sink with the default options that `owner` saves as the SMTP server.
    pub async fn serving(keydesk: &Keydesk, owner: &Actor) -> Self {
        let sink = Self::start(SinkOptions::default());
        keydesk
            .save_smtp_settings(owner, local_form(sink.port))
            .await
            .unwrap();
        sink
    }

    pub fn start(options: SinkOptions) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_sink.py");
        let mut command = Command::new(python());
        command
            .arg(&script)
            .arg("--dir")
            .arg(dir.path())
            .arg("--port")
            .arg(options.port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some((user, password)) = &options.auth {
            command.args(["--user", user, "--password", password]);
        }
        if options.auth_any {
            command.arg("--auth-any");
        }
        if options.refuse {
            command.arg("--refuse");
        }
        if let Some(fault) = options.fault {
            command.args(["--fault", fault.arg()]);
        }
        match options.tls {
            Some(SinkTls::StartTls) => command.args(["--tls", "starttls"]),
            Some(SinkTls::Implicit) => command.args(["--tls", "implicit"]),
            None => &mut command,
        };
        let mut child = command.spawn().unwrap_or_else(|e| {
            panic!(
                "the SMTP sink needs Python with aiosmtpd 1.4.6 ({}): {e}; run `cargo xtask setup`",
                python().display()
            )
        });
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the sink says its port");
        let port = line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the sink did not start: {line:?}"));
        Self {
            port,
            dir,
            child,
            _stdin: stdin,
        }
    }

    /// Every message received so far, in arrival order.
    pub fn messages(&self) -> Vec<Vec<u8>> {
        read_messages(&self.dir.path().to_path_buf())
    }

    /// Every AUTH the sink received, as (username, password), in arrival order.
    pub fn credentials(&self) -> Vec<(String, String)> {
        let Ok(text) = std::fs::read_to_string(self.dir.path().join("auth.jsonl")) else {
            return Vec::new();
        };
        text.lines()
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line).expect("an AUTH record");
                let field = |name: &str| v[name].as_str().unwrap_or_default().to_owned();
                (field("login"), field("password"))
            })
            .collect()
    }

    /// Waits (at most `timeout`) until at least `count` messages arrived.
    pub fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Vec<u8>> {
        let start = Instant::now();
        loop {
            let messages = self.messages();
            if messages.len() >= count || start.elapsed() > timeout {
                return messages;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn read_messages(dir: &PathBuf) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "eml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// A port nothing listens on (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

/// The form for the local sink: no encryption (allowed for 127.0.0.1 only).
pub fn local_form(port: u16) -> SmtpSettingsForm {
    SmtpSettingsForm {
        host: "127.0.0.1".to_owned(),
        port,
        security: SmtpSecurity::None,
        username: String::new(),
        password: String::new(),
        clear_password: false,
        from_name: "Sunny Travel".to_owned(),
        from_address: "hello@sunny.example".to_owned(),
        reply_to: "desk@sunny.example".to_owned(),
        timeout_seconds: 10,
        personal_mails_per_hour: keydesk_api::DEFAULT_PERSONAL_MAILS_PER_HOUR,
    }
}

/// How often each Message-ID (as the outbox writes it, with `<>`) arrived, after
/// checking that all the mails one recipient got carry one Message-ID: a mail sent
/// again is recognisable as the same mail.
pub fn arrivals(messages: &[Vec<u8>]) -> HashMap<String, usize> {
    let parser = mail_parser::MessageParser::default();
    let mut per_id: HashMap<String, usize> = HashMap::new();
    let mut id_per_recipient: HashMap<String, String> = HashMap::new();
    for raw in messages {
        let mail = parser.parse(raw).expect("a mail");
        let id = format!("<{}>", mail.message_id().expect("a Message-ID"));
        let to = mail
            .to()
            .and_then(|to| to.first())
            .and_then(|a| a.address());
        let to = to.expect("a recipient").to_owned();
        let first_id = id_per_recipient.entry(to.clone()).or_insert(id.clone());
        assert_eq!(
            *first_id, id,
            "a mail to {to} sent again with a new Message-ID"
        );
        *per_id.entry(id).or_default() += 1;
    }
    per_id
}

/// The Message-ID of a raw message, as the parser reads it (without `<>`).
pub fn message_id(raw: &[u8]) -> String {
    mail_parser::MessageParser::default()
        .parse(raw)
        .and_then(|m| m.message_id().map(str::to_owned))
        .expect("a Message-ID")
}
