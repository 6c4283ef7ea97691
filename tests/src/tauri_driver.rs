//! The `tauri-driver` process of one test: it starts the native WebDriver server
//! (WebKitWebDriver / msedgedriver) and, through it, the app.
//!
//! Each one listens on ports nobody else holds, picked by the system, so test runs on one
//! machine (two checkouts, two test binaries) do not reach each other's drivers.

use std::env;
use std::fs::{self, File};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long the drivers may take to listen.
const PORT_TIMEOUT: Duration = Duration::from_secs(20);
/// How long tauri-driver may take to exit after SIGTERM.
const STOP_TIMEOUT: Duration = Duration::from_secs(10);
/// How often a fresh pair of ports is tried: a port is free when picked, but another
/// process may take it before the driver listens on it.
const START_ATTEMPTS: usize = 3;

/// A running tauri-driver; dropping it stops it and the native driver with it.
pub(crate) struct TauriDriver {
    child: Child,
    /// Where tauri-driver takes WebDriver requests.
    port: u16,
    /// Its output, with the native driver's and the app's.
    log: PathBuf,
}

impl TauriDriver {
    /// Starts tauri-driver on two free ports, writing its output to `log`, with `env`
    /// added to the environment it (and so the app) runs in; returns once both the driver
    /// and the native driver listen.
    pub(crate) async fn start(log: &Path, env: &[(&str, &str)]) -> TauriDriver {
        let mut attempt = 1;
        loop {
            let (port, native_port) = free_ports();
            let mut driver = TauriDriver {
                child: spawn(log, env, port, native_port),
                port,
                log: log.to_owned(),
            };
            // Both: tauri-driver forwards the new-session request to the native driver at once.
            let listening = match driver.wait_until_listening(port).await {
                Ok(()) => driver.wait_until_listening(native_port).await,
                failed => failed,
            };
            match listening {
                Ok(()) => return driver,
                Err(problem) if attempt < START_ATTEMPTS => {
                    eprintln!("e2e: {problem}; trying other ports");
                    attempt += 1;
                }
                Err(problem) => panic!("{problem}\n{}", driver.log_tail()),
            }
        }
    }

    /// The address to open a WebDriver session at.
    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The end of tauri-driver's log (it also holds the native driver's and the app's output).
    pub(crate) fn log_tail(&self) -> String {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(40)..].join("\n");
        format!("--- last lines of {} ---\n{tail}", self.log.display())
    }

    async fn wait_until_listening(&mut self, port: u16) -> Result<(), String> {
        let deadline = Instant::now() + PORT_TIMEOUT;
        while !is_listening(port) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "tauri-driver exited ({status}) before port {port} was open"
                ));
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "nothing listens on port {port} {PORT_TIMEOUT:?} after starting tauri-driver"
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(())
    }
}

impl Drop for TauriDriver {
    /// Stops tauri-driver with SIGTERM, on which it also ends the native driver (SIGKILL
    /// would leave WebKitWebDriver listening), and waits for it to exit.
    fn drop(&mut self) {
        let driver = &mut self.child;
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
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                _ => {
                    eprintln!("e2e: tauri-driver did not exit within {STOP_TIMEOUT:?}; killing it");
                    let _ = driver.kill();
                    let _ = driver.wait();
                    return;
                }
            }
        }
    }
}

/// Two distinct ports free on 127.0.0.1 right now (the system's pick for port 0).
fn free_ports() -> (u16, u16) {
    let bind = || {
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .expect("Failed to find a free port on 127.0.0.1 for the drivers")
    };
    // Both held at once, so they differ.
    let (driver, native) = (bind(), bind());
    let port = |listener: &TcpListener| {
        listener
            .local_addr()
            .expect("a bound listener has an address")
            .port()
    };
    (port(&driver), port(&native))
}

/// `tauri-driver` from PATH, else from cargo's bin directory.
fn program() -> PathBuf {
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

fn spawn(log: &Path, env: &[(&str, &str)], port: u16, native_port: u16) -> Child {
    let program = program();
    let stdout =
        File::create(log).unwrap_or_else(|err| panic!("Failed to create {}: {err}", log.display()));
    let stderr = stdout
        .try_clone()
        .expect("Failed to share the tauri-driver log between stdout and stderr");
    Command::new(&program)
        .args(["--port", &port.to_string()])
        .args(["--native-port", &native_port.to_string()])
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
