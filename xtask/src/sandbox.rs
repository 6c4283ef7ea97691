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
    /// The stock session bus configuration, which the sandbox's configuration extends.
    const SESSION_CONFIG: &str = "/usr/share/dbus-1/session.conf";
    /// Started by the bus if the keyring daemon is gone: the bus's own environment still
    /// holds the keyring's password and folder (only the wrapped command's is cleared).
    const RESTART: &str = r#"printf %s "$KEYDESK_SANDBOX_KEYRING_PASSWORD" | XDG_DATA_HOME="$KEYDESK_SANDBOX_KEYRING_DATA" exec gnome-keyring-daemon --unlock --foreground --components=secrets"#;
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
        if !std::path::Path::new(SESSION_CONFIG).is_file() {
            bail!("{SESSION_CONFIG} is missing: install D-Bus (`cargo xtask setup`)");
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
        argv.extend(["dbus-run-session", "--config-file"].map(OsString::from));
        argv.push(restarting_bus_config(keyring_data.path())?.into_os_string());
        argv.extend(["--", "sh", "-c", UNLOCK_THEN_EXEC, "sh"].map(OsString::from));
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

    /// GNOME Keyring has a known crash when clients connect and go at a high rate, which a
    /// test run does. After a crash the bus would start the stock daemon on the next call,
    /// with no unlocked keyring and no entries, and every test after it would fail. This
    /// bus configuration (written into `dir`) starts, instead, the same unlocked daemon on
    /// the same keyring files, so the entries written so far are still there.
    fn restarting_bus_config(dir: &std::path::Path) -> Result<std::path::PathBuf> {
        let services = dir.join("services");
        std::fs::create_dir_all(&services).context("Failed to create the bus's service folder")?;
        std::fs::write(
            services.join("org.freedesktop.secrets.service"),
            format!("[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/sh -c '{RESTART}'\n"),
        )
        .context("Failed to write the keyring's service file")?;
        let config = dir.join("session.conf");
        std::fs::write(
            &config,
            format!(
                "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" \
                 \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n\
                 <busconfig>\n  <servicedir>{}</servicedir>\n  <include>{SESSION_CONFIG}</include>\n</busconfig>\n",
                services.display()
            ),
        )
        .context("Failed to write the session bus's configuration")?;
        Ok(config)
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

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// Kills the sandbox's keyring daemon as a crash would, then asks the Secret Service
    /// again: the answer must come from an unlocked keyring on the same files.
    const CRASH_THEN_ASK: &str = r#"set -e
ask() { dbus-send --session --print-reply --dest=org.freedesktop.secrets "$@"; }
ask /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias string:default | grep -q collection/login
pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets | awk '/uint32/ {print $2}')
kill -9 "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
ask /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias string:default | grep collection/login
ask /org/freedesktop/secrets/collection/login org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked | grep boolean
again=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets | awk '/uint32/ {print $2}')
[ "$again" != "$pid" ] && echo "a new daemon"
"#;

    #[test]
    fn a_crashed_keyring_daemon_comes_back_unlocked_on_the_same_keyring() {
        let toolchain = Toolchain::installed().unwrap();
        let mut sandboxed = wrap(&toolchain, "sh".as_ref(), &["-c", CRASH_THEN_ASK]).unwrap();
        let out = sandboxed.command.output().expect("the sandbox runs");
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{shown}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            shown.contains("/org/freedesktop/secrets/collection/login"),
            "{shown}"
        );
        assert!(
            shown.contains("boolean false"),
            "the keyring is unlocked: {shown}"
        );
        assert!(shown.contains("a new daemon"), "{shown}");
    }
}
