//! Tools outside the OS packages: the wasm target, cargo-installed tools and wasm-opt.
//! Each is probed first (`--version` and the like) and installed only when missing or at
//! another version.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context, Result};
use directories::BaseDirs;
use serde::Deserialize;

use crate::setup::Toolchain;
use crate::{cmd, repo_root};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const TRUNK_VERSION: &str = "0.21.14";
const TAURI_DRIVER_VERSION: &str = "2.1.0";
/// `cargo tauri build` makes the installers.
const TAURI_CLI_VERSION: &str = "2.12.4";
/// Runs the fuzz targets of `fuzz/` (with the nightly toolchain) for `cargo xtask fuzz`.
const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// binaryen on npm; its wasm-opt reports `version 132`. Debian's binaryen is too old to read
/// the wasm that current Rust emits.
const BINARYEN_VERSION: &str = "132.0.0";
const WASM_OPT_VERSION_WORDS: &str = "version 132";
/// The SMTP server the core's mail tests send to (PyPI), in a virtual environment of
/// its own in the per-user cache.
const AIOSMTPD_VERSION: &str = "1.4.6";
/// The argon2 the reference customer portal in the core's tests checks passwords with
/// (PyPI; the C reference implementation), in the same environment.
const ARGON2_CFFI_VERSION: &str = "23.1.0";
/// The reference portal's PostgreSQL driver (with its own libpq).
const PSYCOPG_VERSION: &str = "3.2.3";
/// How the core's tests find the Python that runs `core/tests/support/smtp_sink.py`.
pub const TEST_PYTHON_ENV: &str = "KEYDESK_TEST_PYTHON";

/// tauri-driver drives WebKitWebDriver (Linux) or msedgedriver (Windows); macOS has no
/// WebDriver for WKWebView.
pub const TAURI_DRIVER_SUPPORTED: bool = cfg!(any(target_os = "linux", windows));

/// Where `cargo install` puts binaries: `$CARGO_HOME/bin`, by default `~/.cargo/bin`.
pub fn cargo_bin_dir() -> Result<PathBuf> {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return Ok(PathBuf::from(home).join("bin"));
    }
    let dirs = BaseDirs::new().context("Failed to find the home directory")?;
    Ok(dirs.home_dir().join(".cargo").join("bin"))
}

/// The npm prefix binaryen is installed into, in the per-user cache directory
/// (`$XDG_CACHE_HOME` or `~/.cache` on Linux).
fn binaryen_prefix() -> Result<PathBuf> {
    let dirs = BaseDirs::new().context("Failed to find the home directory")?;
    Ok(dirs
        .cache_dir()
        .join("keydesk-dev")
        .join(format!("binaryen-{BINARYEN_VERSION}")))
}

/// The directory holding `wasm-opt`, put first on PATH for trunk.
pub fn binaryen_bin_dir() -> Result<PathBuf> {
    Ok(binaryen_prefix()?.join("node_modules").join(".bin"))
}

/// The virtual environment holding aiosmtpd, e.g. `~/.cache/keydesk-dev/aiosmtpd-1.4.6`.
fn aiosmtpd_venv() -> Result<PathBuf> {
    let dirs = BaseDirs::new().context("Failed to find the home directory")?;
    Ok(dirs
        .cache_dir()
        .join("keydesk-dev")
        .join(format!("aiosmtpd-{AIOSMTPD_VERSION}")))
}

/// The Python of that environment (the tests get its path in [`TEST_PYTHON_ENV`]).
pub fn test_python() -> Result<PathBuf> {
    let venv = aiosmtpd_venv()?;
    Ok(if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    })
}

/// Creates the virtual environment and installs aiosmtpd, argon2-cffi and psycopg into it, unless
/// the right versions already import there.
pub fn ensure_aiosmtpd() -> Result<()> {
    let python = test_python()?;
    let want = format!("{AIOSMTPD_VERSION} {ARGON2_CFFI_VERSION} {PSYCOPG_VERSION}");
    let probe_version = || {
        cmd::probe(Command::new(&python).args([
            "-c",
            "import aiosmtpd, argon2, psycopg; from importlib.metadata import version; \
             print(aiosmtpd.__version__, version('argon2-cffi'), version('psycopg'))",
        ]))
        .map(|out| out.trim().to_owned())
    };
    match probe_version() {
        Some(found) if found == want => {
            println!(
                "    aiosmtpd, argon2-cffi and psycopg {found} ({})",
                python.display()
            );
            return Ok(());
        }
        Some(found) => println!("    found aiosmtpd, argon2-cffi and psycopg {found}, want {want}"),
        None => println!("    aiosmtpd, argon2-cffi or psycopg not found, want {want}"),
    }
    let venv = aiosmtpd_venv()?;
    if !python.exists() {
        let system_python = if cfg!(windows) { "python" } else { "python3" };
        cmd::run(Command::new(system_python).args(["-m", "venv"]).arg(&venv)).context(
            "Failed to create a Python virtual environment (is python3-venv installed?)",
        )?;
    }
    cmd::run(Command::new(&python).args([
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--quiet",
        &format!("aiosmtpd=={AIOSMTPD_VERSION}"),
        &format!("argon2-cffi=={ARGON2_CFFI_VERSION}"),
        &format!("psycopg[binary]=={PSYCOPG_VERSION}"),
    ]))?;
    match probe_version() {
        Some(found) if found == want => {
            println!(
                "    aiosmtpd, argon2-cffi and psycopg {found} ({})",
                python.display()
            );
            Ok(())
        }
        other => bail!(
            "aiosmtpd, argon2-cffi and psycopg did not install: {} reports {other:?}",
            python.display()
        ),
    }
}

pub fn ensure_wasm_target() -> Result<()> {
    let Some(installed) =
        cmd::probe(Command::new("rustup").args(["target", "list", "--installed"]))
    else {
        println!(
            "    rustup not found: make sure your Rust toolchain has the {WASM_TARGET} target"
        );
        return Ok(());
    };
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("    {WASM_TARGET} is installed");
        return Ok(());
    }
    cmd::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

pub fn ensure_trunk(toolchain: &Toolchain) -> Result<()> {
    let installed = version_from_flag(toolchain, "trunk");
    ensure_cargo_tool(toolchain, "trunk", TRUNK_VERSION, true, installed)
}

/// wasm-bindgen-cli must match the `wasm-bindgen` crate in Cargo.lock exactly.
pub fn ensure_wasm_bindgen(toolchain: &Toolchain) -> Result<()> {
    let lock_path = repo_root().join("Cargo.lock");
    let lock = fs::read_to_string(&lock_path)
        .with_context(|| format!("Failed to read {}", lock_path.display()))?;
    let wanted = locked_version(&lock, "wasm-bindgen")?;
    println!("    Cargo.lock has wasm-bindgen {wanted}");
    let installed = version_from_flag(toolchain, "wasm-bindgen");
    // Not `--locked`: the CLI's own lock file pins a yanked crate.
    ensure_cargo_tool(toolchain, "wasm-bindgen-cli", &wanted, false, installed)
}

pub fn ensure_tauri_driver(toolchain: &Toolchain) -> Result<()> {
    // tauri-driver has no `--version` (it would start serving).
    let installed = cargo_installed(toolchain, "tauri-driver", "tauri-driver")?;
    ensure_cargo_tool(
        toolchain,
        "tauri-driver",
        TAURI_DRIVER_VERSION,
        true,
        installed,
    )
}

pub fn ensure_tauri_cli(toolchain: &Toolchain) -> Result<()> {
    let installed = cargo_installed(toolchain, "tauri-cli", "cargo-tauri")?;
    ensure_cargo_tool(toolchain, "tauri-cli", TAURI_CLI_VERSION, true, installed)
}

/// The version of `krate` that `cargo install --list` reports, if its `binary` is still on disk.
fn cargo_installed(toolchain: &Toolchain, krate: &str, binary: &str) -> Result<Option<String>> {
    let on_disk = cmd::find_in_dir(binary, &cargo_bin_dir()?).is_some();
    Ok(cmd::probe(toolchain.cargo().args(["install", "--list"]))
        .and_then(|list| cargo_installed_version(&list, krate))
        .filter(|_| on_disk))
}

pub fn ensure_cargo_fuzz(toolchain: &Toolchain) -> Result<()> {
    // `cargo-fuzz --version` prints `cargo-fuzz 0.13.2`.
    let installed = version_from_flag(toolchain, "cargo-fuzz");
    ensure_cargo_tool(toolchain, "cargo-fuzz", CARGO_FUZZ_VERSION, true, installed)
}

fn ensure_cargo_tool(
    toolchain: &Toolchain,
    krate: &str,
    version: &str,
    locked: bool,
    installed: Option<String>,
) -> Result<()> {
    match installed.as_deref() {
        Some(found) if found == version => {
            println!("    {krate} {version} is installed");
            return Ok(());
        }
        Some(found) => println!("    found {krate} {found}, want {version}"),
        None => println!("    {krate} not found, want {version}"),
    }
    let mut install = toolchain.cargo();
    install
        .args(["install", krate, "--version", &format!("={version}")])
        // Away from the repository, so its .cargo/config.toml does not apply.
        .current_dir(std::env::temp_dir());
    if locked {
        install.arg("--locked");
    }
    cmd::run(&mut install)
}

/// `x.y.z` from the first line of `<program> --version` (e.g. `trunk 0.21.14`).
fn version_from_flag(toolchain: &Toolchain, program: &str) -> Option<String> {
    let output = cmd::probe(toolchain.command(program).arg("--version"))?;
    let first_line = output.lines().next()?;
    first_line
        .split_whitespace()
        .last()
        .map(|word| word.trim_start_matches('v').to_owned())
}

/// The version `cargo install --list` reports for `krate` (lines like `tauri-driver v2.1.0:`).
fn cargo_installed_version(list: &str, krate: &str) -> Option<String> {
    list.lines().find_map(|line| {
        let rest = line.strip_prefix(krate)?.strip_prefix(" v")?;
        let version = rest.split([':', ' ']).next()?;
        Some(version.to_owned())
    })
}

#[derive(Deserialize)]
struct Lockfile {
    #[serde(default)]
    package: Vec<LockedPackage>,
}

#[derive(Deserialize)]
struct LockedPackage {
    name: String,
    version: String,
}

/// The one version of `name` in a Cargo.lock.
fn locked_version(lock: &str, name: &str) -> Result<String> {
    let lock: Lockfile = toml::from_str(lock).context("Failed to parse Cargo.lock")?;
    let mut versions: Vec<String> = lock
        .package
        .into_iter()
        .filter(|package| package.name == name)
        .map(|package| package.version)
        .collect();
    versions.dedup();
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => bail!("Cargo.lock has no `{name}` package (is `ui` a workspace member?)"),
        several => bail!(
            "Cargo.lock has several `{name}` versions ({}): wasm-bindgen-cli can match only one",
            several.join(", ")
        ),
    }
}

pub fn ensure_wasm_opt(toolchain: &Toolchain) -> Result<()> {
    let prefix = binaryen_prefix()?;
    let bin_dir = binaryen_bin_dir()?;
    if let Some(wasm_opt) = cmd::find_in_dir("wasm-opt", &bin_dir) {
        let reported = cmd::probe(Command::new(&wasm_opt).arg("--version")).unwrap_or_default();
        if reported.contains(WASM_OPT_VERSION_WORDS) {
            println!("    {} ({})", reported.trim(), wasm_opt.display());
            return Ok(());
        }
        println!("    {} reports {:?}", wasm_opt.display(), reported.trim());
    }
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    if cmd::find_in_path("npm", toolchain.path()).is_none() {
        bail!(
            "npm (Node.js) is needed to install wasm-opt (npm package binaryen@{BINARYEN_VERSION}); \
             install Node.js 18 or newer and run this again"
        );
    }
    fs::create_dir_all(&prefix)
        .with_context(|| format!("Failed to create {}", prefix.display()))?;
    cmd::run(
        toolchain
            .command(npm)
            .arg("install")
            .arg("--prefix")
            .arg(&prefix)
            .args([
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                &format!("binaryen@{BINARYEN_VERSION}"),
            ]),
    )?;
    let wasm_opt = cmd::find_in_dir("wasm-opt", &bin_dir).with_context(|| {
        format!(
            "npm installed binaryen but {} has no wasm-opt",
            bin_dir.display()
        )
    })?;
    let reported = cmd::probe(Command::new(&wasm_opt).arg("--version")).unwrap_or_default();
    if !reported.contains(WASM_OPT_VERSION_WORDS) {
        bail!(
            "{} reports {:?}, want {WASM_OPT_VERSION_WORDS}",
            wasm_opt.display(),
            reported.trim()
        );
    }
    println!("    {}", reported.trim());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_locked_wasm_bindgen() {
        let lock = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"
"#;
        assert_eq!(locked_version(lock, "wasm-bindgen").unwrap(), "0.2.130");
        assert!(locked_version(lock, "trunk").is_err());
    }

    #[test]
    fn two_locked_versions_are_an_error() {
        let lock = r#"
[[package]]
name = "wasm-bindgen"
version = "0.2.100"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
"#;
        let err = locked_version(lock, "wasm-bindgen").unwrap_err();
        assert!(err.to_string().contains("0.2.100, 0.2.130"));
    }

    #[test]
    fn reads_cargo_install_list() {
        let list = "tauri-driver v2.1.0:\n    tauri-driver\ntrunk v0.21.14:\n    trunk\n";
        assert_eq!(
            cargo_installed_version(list, "tauri-driver").as_deref(),
            Some("2.1.0")
        );
        assert_eq!(
            cargo_installed_version(list, "trunk").as_deref(),
            Some("0.21.14")
        );
        assert_eq!(cargo_installed_version(list, "tauri"), None);
    }
}
