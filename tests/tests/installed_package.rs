//! The Debian package as people install it: `dpkg -i`, the desktop entry and icon a
//! launcher shows, the installed app starting on a fresh data folder to its first screen,
//! then `dpkg -r` leaving none of its files behind. `cargo xtask test` builds the package
//! and passes it in `KEYDESK_DEB`.
//!
//! Installing needs root; elsewhere the package is unpacked into a throwaway root with
//! `dpkg -x` instead, which checks the same files and starts the same binary.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use keydesk_e2e::Harness;

const PACKAGE: &str = "keydesk";
const BINARY: &str = "usr/bin/keydesk";
const DESKTOP_ENTRY: &str = "usr/share/applications/Keydesk.desktop";
/// The icon sizes the package ships (tauri.conf.json's PNG icons).
const ICON_SIZES: [&str; 3] = ["32x32", "64x64", "128x128"];

/// `$KEYDESK_DEB`, the package to test.
fn deb() -> PathBuf {
    let deb = env::var_os("KEYDESK_DEB").unwrap_or_else(|| {
        panic!(
            "KEYDESK_DEB is not set: run the end-to-end tests through `cargo xtask test`, \
             which builds the .deb and sets it"
        )
    });
    PathBuf::from(deb)
}

fn output(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|err| panic!("Failed to run {program}: {err}"))
}

/// Runs a command that must succeed; its standard output.
fn run(program: &str, args: &[&str]) -> String {
    let out = output(program, args);
    assert!(
        out.status.success(),
        "`{program} {}` failed ({}): {}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn is_root() -> bool {
    run("id", &["-u"]).trim() == "0"
}

/// The package installed for the test's duration: `dpkg -i` as root (removed again when
/// dropped, also after a failure), else unpacked into a temporary root.
struct Installed {
    root: PathBuf,
    dpkg: bool,
    _unpacked: Option<tempfile::TempDir>,
}

impl Installed {
    fn new(deb: &Path) -> Installed {
        let deb = deb.to_str().expect("a UTF-8 path");
        if is_root() {
            run("dpkg", &["-i", deb]);
            Installed {
                root: PathBuf::from("/"),
                dpkg: true,
                _unpacked: None,
            }
        } else {
            let dir = tempfile::tempdir().expect("a temporary root");
            run("dpkg", &["-x", deb, dir.path().to_str().expect("UTF-8")]);
            Installed {
                root: dir.path().to_owned(),
                dpkg: false,
                _unpacked: Some(dir),
            }
        }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn remove(&mut self) {
        if std::mem::take(&mut self.dpkg) {
            run("dpkg", &["-r", PACKAGE]);
        }
    }
}

impl Drop for Installed {
    fn drop(&mut self) {
        if self.dpkg {
            let _ = output("dpkg", &["-r", PACKAGE]);
        }
    }
}

/// The `key=value` lines of the desktop entry's main group.
fn desktop_entry(text: &str) -> Vec<(String, String)> {
    text.lines()
        .skip_while(|line| line.trim() != "[Desktop Entry]")
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
        .collect()
}

fn entry_value<'a>(entry: &'a [(String, String)], key: &str) -> &'a str {
    entry
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("the desktop entry has no {key}: {entry:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deb_installs_starts_on_the_first_run_screen_and_uninstalls_cleanly() {
    let deb = deb();
    let deb_str = deb.to_str().expect("a UTF-8 path");
    assert_eq!(
        run("dpkg-deb", &["--field", deb_str, "Package"]).trim(),
        PACKAGE
    );
    let depends = run("dpkg-deb", &["--field", deb_str, "Depends"]);
    assert!(
        depends.contains("libwebkit2gtk-4.1-0"),
        "the package must depend on the webview it links: {depends}"
    );

    let mut installed = Installed::new(&deb);
    let binary = installed.path(BINARY);
    assert!(binary.is_file(), "{} was not installed", binary.display());

    // What a launcher shows: the name, the command it runs, the icon it draws.
    let desktop = installed.path(DESKTOP_ENTRY);
    let text = fs::read_to_string(&desktop)
        .unwrap_or_else(|err| panic!("{} was not installed: {err}", desktop.display()));
    let entry = desktop_entry(&text);
    assert_eq!(entry_value(&entry, "Type"), "Application");
    assert_eq!(entry_value(&entry, "Name"), "Keydesk");
    assert_eq!(entry_value(&entry, "Exec"), "keydesk");
    let icon = entry_value(&entry, "Icon");
    for size in ICON_SIZES {
        let png = installed.path(&format!("usr/share/icons/hicolor/{size}/apps/{icon}.png"));
        let bytes =
            fs::read(&png).unwrap_or_else(|err| panic!("{} is missing: {err}", png.display()));
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{} is not a PNG",
            png.display()
        );
    }

    // The installed binary, on a fresh data folder and keyring, opens on the first-run screen.
    {
        let app = Harness::start_program(&binary).await;
        app.wait_for_visible("#create-owner-title").await;
        assert_eq!(
            app.text("#create-owner-title").await,
            "Create the owner account"
        );
        assert_eq!(
            app.client().title().await.expect("the window's title"),
            "Keydesk"
        );
        app.screenshot("installed-first-run").await;
    }

    if installed.dpkg {
        installed.remove();
        for file in [BINARY, DESKTOP_ENTRY] {
            let path = installed.path(file);
            assert!(!path.exists(), "{} is left after dpkg -r", path.display());
        }
        let status = output("dpkg-query", &["--show", "--showformat=${Status}", PACKAGE]);
        assert_ne!(
            String::from_utf8_lossy(&status.stdout),
            "install ok installed",
            "dpkg still lists {PACKAGE} as installed"
        );
    }
}
