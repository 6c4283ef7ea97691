//! The test sandbox. On Linux: a private D-Bus session with a fresh, unlocked
//! gnome-keyring (so the OS-keyring code runs for real and each run starts empty), inside a
//! virtual X display when there is no display. Elsewhere the native keyring and display are
//! used as they are.

use std::ffi::{OsStr, OsString};
use std::process::Command;

use anyhow::Result;
use tempfile::TempDir;

use crate::setup::Toolchain;

/// A sandboxed command, and what must live until it has finished.
pub struct Sandboxed {
    pub command: Command,
    /// The command as shown in the log: the wrapped command and what wraps it, in words.
    shown: String,
    /// The keyring daemon's data directory, removed when this is dropped.
    _keyring_data: Option<TempDir>,
}

impl Sandboxed {
    /// Runs the command; an error unless it succeeds.
    pub fn run(&mut self) -> Result<()> {
        crate::cmd::run_shown_as(&mut self.command, &self.shown)
    }

    /// The command as shown in the log.
    pub fn shown(&self) -> &str {
        &self.shown
    }
}

/// `program args` for the log.
fn show(wrappers: &str, program: &OsStr, args: &[&str]) -> String {
    let mut shown = Command::new(program);
    shown.args(args);
    format!("{wrappers}{}", crate::cmd::display(&shown))
}

#[cfg(target_os = "linux")]
mod linux {
    use anyhow::{bail, Context, Result};
    use rand::distr::Alphanumeric;
    use rand::Rng;

    use super::*;
    use crate::cmd;

    const PASSWORD_VAR: &str = "KEYDESK_SANDBOX_KEYRING_PASSWORD";
    const DATA_DIR_VAR: &str = "KEYDESK_SANDBOX_KEYRING_DATA";

    /// Run by `sh -c` inside the session bus: start and unlock a keyring daemon that keeps its
    /// keyrings in a throwaway `XDG_DATA_HOME` (set for the daemon only: cargo and the tests
    /// keep the real HOME); wait (at most 5 s) until it owns the Secret Service name, as it
    /// registers only after `--unlock` returns; then replace the shell with the wrapped command.
    const UNLOCK_THEN_EXEC: &str = r#"printf '%s' "$KEYDESK_SANDBOX_KEYRING_PASSWORD" | XDG_DATA_HOME="$KEYDESK_SANDBOX_KEYRING_DATA" gnome-keyring-daemon --unlock --components=secrets --replace >/dev/null || { echo 'xtask sandbox: gnome-keyring-daemon could not start an unlocked keyring' >&2; exit 1; }
unset KEYDESK_SANDBOX_KEYRING_PASSWORD KEYDESK_SANDBOX_KEYRING_DATA
tries=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
  tries=$((tries + 1)); [ "$tries" -ge 100 ] && break; sleep 0.05
done
exec "$@""#;

    pub fn wrap(toolchain: &Toolchain, program: &OsStr, args: &[&str]) -> Result<Sandboxed> {
        let display_needed = std::env::var_os("DISPLAY").is_none_or(|display| display.is_empty());
        let mut needed = vec!["dbus-run-session", "dbus-send", "gnome-keyring-daemon"];
        if display_needed {
            needed.push("xvfb-run");
        }
        for tool in needed {
            if cmd::find_in_path(tool, toolchain.path()).is_none() {
                bail!("`{tool}` is not installed: run `cargo xtask setup`");
            }
        }

        let keyring_data = tempfile::Builder::new()
            .prefix("keydesk-keyring-")
            .tempdir()
            .context("Failed to create the keyring's temporary directory")?;
        let password: String = rand::rng()
            .sample_iter(&Alphanumeric)
            .take(32)
            .map(char::from)
            .collect();

        let mut argv: Vec<OsString> = Vec::new();
        if display_needed {
            argv.extend(["xvfb-run", "-a", "-s", "-screen 0 1280x900x24"].map(OsString::from));
        }
        argv.extend(
            ["dbus-run-session", "--", "sh", "-c", UNLOCK_THEN_EXEC, "sh"].map(OsString::from),
        );
        argv.push(program.to_owned());
        argv.extend(args.iter().map(OsString::from));

        let mut command = toolchain.command(&argv[0]);
        command
            .args(&argv[1..])
            .env(PASSWORD_VAR, password)
            .env(DATA_DIR_VAR, keyring_data.path());
        let wrappers = if display_needed {
            "[sandbox: xvfb-run, dbus-run-session, fresh gnome-keyring] "
        } else {
            "[sandbox: dbus-run-session, fresh gnome-keyring] "
        };
        Ok(Sandboxed {
            command,
            shown: show(wrappers, program, args),
            _keyring_data: Some(keyring_data),
        })
    }
}

/// `program args` inside the sandbox.
pub fn wrap(toolchain: &Toolchain, program: &OsStr, args: &[&str]) -> Result<Sandboxed> {
    #[cfg(target_os = "linux")]
    {
        linux::wrap(toolchain, program, args)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let mut command = toolchain.command(program);
        command.args(args);
        Ok(Sandboxed {
            command,
            shown: show("", program, args),
            _keyring_data: None,
        })
    }
}
