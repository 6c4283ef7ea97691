//! Operating-system packages (Debian names): WebKitGTK and friends to build and run the app,
//! and Xvfb, a keyring daemon, WebKitWebDriver and Python for the tests.

use std::collections::BTreeSet;
use std::env;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::cmd;
use crate::setup::Purpose;

/// Needed to build and run the Tauri app on Linux.
const BUILD_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libsoup-3.0-dev",
    "libgtk-3-dev",
    "libdbus-1-dev",
    "pkg-config",
];

/// Needed by `cargo xtask test`: a display, a session bus with a keyring, WebDriver, screenshots.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "gnome-keyring",
    "dbus",
    "dbus-x11",
    "libsecret-tools",
    "imagemagick",
    "xdotool",
    "xclip",
    // The mail tests' local SMTP server (aiosmtpd from PyPI, in a virtual environment).
    "python3",
    "python3-venv",
    // The SMTP sink's TLS modes make a self-signed certificate with it, and so does the
    // PostgreSQL test cluster.
    "openssl",
    // The agency-server tests run a throwaway cluster (Debian's supported version, 15 or
    // newer).
    "postgresql",
];

pub fn ensure_packages(purpose: Purpose) -> Result<()> {
    if !cfg!(target_os = "linux") {
        println!(
            "    {}: nothing to install from the OS (the system webview is used)",
            env::consts::OS
        );
        return Ok(());
    }
    let mut wanted: Vec<&str> = BUILD_PACKAGES.to_vec();
    if purpose == Purpose::Test {
        wanted.extend_from_slice(TEST_PACKAGES);
    }

    let path = env::var_os("PATH").unwrap_or_default();
    if cmd::find_in_path("apt-get", &path).is_none()
        || cmd::find_in_path("dpkg-query", &path).is_none()
    {
        println!(
            "    no apt-get here: install your distribution's equivalents of these Debian packages:\n    {}",
            wanted.join(" ")
        );
        return Ok(());
    }

    let missing = missing_packages(&wanted)?;
    if missing.is_empty() {
        println!("    all {} packages are installed", wanted.len());
        return Ok(());
    }
    println!("    missing: {}", missing.join(" "));
    if !is_root()? {
        bail!(
            "some system packages are missing; install them with:\n\n    sudo apt-get update && sudo apt-get install -y --no-install-recommends {}\n",
            missing.join(" ")
        );
    }
    cmd::run(
        Command::new("apt-get")
            .arg("update")
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    cmd::run(
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    let still_missing = missing_packages(&missing)?;
    if !still_missing.is_empty() {
        bail!(
            "apt-get finished but these are still not installed: {}",
            still_missing.join(" ")
        );
    }
    Ok(())
}

/// The packages of `wanted` that dpkg does not report as installed.
fn missing_packages<'a>(wanted: &[&'a str]) -> Result<Vec<&'a str>> {
    // dpkg-query exits non-zero when it knows nothing of a package; the others are still listed.
    let output = Command::new("dpkg-query")
        .args(["-W", "-f=${Package} ${Status}\\n"])
        .args(wanted)
        .output()
        .context("Failed to run dpkg-query")?;
    let listing = String::from_utf8_lossy(&output.stdout);
    let installed = installed_names(&listing);
    Ok(wanted
        .iter()
        .copied()
        .filter(|name| !installed.contains(*name))
        .collect())
}

/// Names of installed packages in `dpkg-query -W -f='${Package} ${Status}\n'` output.
fn installed_names(listing: &str) -> BTreeSet<&str> {
    listing
        .lines()
        .filter_map(|line| line.split_once(' '))
        .filter(|(_, status)| status.trim() == "install ok installed")
        .map(|(name, _)| name)
        .collect()
}

/// Whether this process runs as root (installs need no sudo; PostgreSQL needs another user).
pub(crate) fn is_root() -> Result<bool> {
    let uid = cmd::read(Command::new("id").arg("-u"))?;
    Ok(uid.trim() == "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_fully_installed_packages_count() {
        let listing = "xvfb install ok installed\n\
                       xclip deinstall ok config-files\n\
                       dbus install ok installed\n";
        let installed = installed_names(listing);
        assert!(installed.contains("xvfb"));
        assert!(installed.contains("dbus"));
        assert!(!installed.contains("xclip"));
    }
}
