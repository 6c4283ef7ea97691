//! `cargo xtask bundle`: the app as shipped and its installers for this system, built by
//! the Tauri CLI (pinned in `tools.rs`) around the UI `ui::build` made, then their sizes.
//!
//! AppImage is left out: its bundler downloads linuxdeploy and AppRun from GitHub while it
//! builds, which an offline build machine cannot do. `.deb` and `.rpm` need nothing fetched.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::setup::{self, Purpose, Toolchain};
use crate::steps::Steps;
use crate::{cmd, repo_root, ui};

/// The UI is built by `ui::build` before the CLI runs, with the toolchain's PATH; the
/// config's `beforeBuildCommand` (for people running `cargo tauri build` by hand) is
/// switched off so it is not built twice. A JSON merge patch: `null` removes the key.
const SKIP_UI_BUILD: &str = r#"{"build":{"beforeBuildCommand":null}}"#;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// What people install: optimised, the UI embedded.
    Release,
    /// The same package around the debug build the tests already made: quick to produce,
    /// and it installs and starts the same way.
    Debug,
}

impl Profile {
    fn dir(self) -> &'static str {
        match self {
            Profile::Release => "release",
            Profile::Debug => "debug",
        }
    }
}

/// The installer formats built on this system (tauri.conf.json lists those of every system).
pub fn native_formats() -> &'static [&'static str] {
    if cfg!(target_os = "linux") {
        &["deb", "rpm"]
    } else if cfg!(target_os = "macos") {
        &["app", "dmg"]
    } else {
        &["nsis", "msi"]
    }
}

/// Compiles the release app and packages it for `formats` (`cargo tauri build`); the
/// installers land under `<target>/release/bundle/`. `extra` goes to the CLI as given
/// (e.g. `--config signing.json`).
pub fn build_release(
    toolchain: &Toolchain,
    formats: &[&str],
    extra: &[OsString],
) -> Result<PathBuf> {
    let mut tauri = tauri_cli(toolchain, "build", formats);
    // After `--`, for cargo: the app package (the workspace's default members leave it out).
    tauri.args(extra).args(["--", "-p", "keydesk"]);
    cmd::run(&mut tauri)?;
    bundle_dir(toolchain, Profile::Release)
}

/// Packages the app `cargo build --features custom-protocol` already built in `profile`
/// (`cargo tauri bundle`), so nothing is compiled twice. `app_dir` holds its
/// `tauri.conf.json`: the repository root for Keydesk.
pub fn package(
    toolchain: &Toolchain,
    app_dir: &Path,
    profile: Profile,
    formats: &[&str],
) -> Result<PathBuf> {
    let mut tauri = tauri_cli(toolchain, "bundle", formats);
    tauri.current_dir(app_dir);
    if profile == Profile::Debug {
        tauri.arg("--debug");
    }
    cmd::run(&mut tauri)?;
    bundle_dir(toolchain, profile)
}

fn tauri_cli(toolchain: &Toolchain, subcommand: &str, formats: &[&str]) -> Command {
    let mut tauri = toolchain.cargo();
    tauri.args([
        "tauri",
        subcommand,
        "--bundles",
        &formats.join(","),
        // The feature set of the builds `cargo xtask test` and `bench` make.
        "--features",
        "custom-protocol",
        "--config",
        SKIP_UI_BUILD,
    ]);
    tauri
}

fn bundle_dir(toolchain: &Toolchain, profile: Profile) -> Result<PathBuf> {
    Ok(crate::target_dir(toolchain)?
        .join(profile.dir())
        .join("bundle"))
}

/// The one file with `extension` in `<bundle>/<format>/`.
pub fn installer(bundle: &Path, format: &str, extension: &str) -> Result<PathBuf> {
    let dir = bundle.join(format);
    let found: Vec<PathBuf> = fs::read_dir(&dir)
        .with_context(|| format!("Failed to list {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => bail!("{} holds no .{extension} file", dir.display()),
        _ => bail!(
            "{} holds several .{extension} files: remove the old ones",
            dir.display()
        ),
    }
}

/// One measured size, in bytes.
pub struct Size {
    pub what: &'static str,
    pub bytes: u64,
}

/// The sizes people download and install: the Linux packages, the binary and the UI's
/// WebAssembly (as built, and gzip-compressed as it would travel).
pub fn sizes(toolchain: &Toolchain, bundle: &Path) -> Result<Vec<Size>> {
    let file_size = |path: &Path| -> Result<u64> {
        Ok(fs::metadata(path)
            .with_context(|| format!("Failed to read {}", path.display()))?
            .len())
    };
    let mut sizes = Vec::new();
    if cfg!(target_os = "linux") {
        for (what, format) in [(".deb", "deb"), (".rpm", "rpm")] {
            let package = installer(bundle, format, format)?;
            sizes.push(Size {
                what,
                bytes: file_size(&package)?,
            });
        }
    }
    let binary = crate::target_dir(toolchain)?
        .join(Profile::Release.dir())
        .join(format!("keydesk{}", std::env::consts::EXE_SUFFIX));
    sizes.push(Size {
        what: "binary",
        bytes: file_size(&binary)?,
    });
    let wasm = ui_wasm()?;
    let raw = fs::read(&wasm).with_context(|| format!("Failed to read {}", wasm.display()))?;
    sizes.push(Size {
        what: "wasm",
        bytes: raw.len() as u64,
    });
    sizes.push(Size {
        what: "wasm (gzip)",
        bytes: gzip_len(&raw)?,
    });
    Ok(sizes)
}

/// The UI's WebAssembly in `ui/dist` (trunk names it with a content hash).
fn ui_wasm() -> Result<PathBuf> {
    let dist = repo_root().join("ui").join("dist");
    fs::read_dir(&dist)
        .with_context(|| format!("Failed to list {}", dist.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .find(|path| path.extension().is_some_and(|ext| ext == "wasm"))
        .with_context(|| format!("{} holds no .wasm file: build the UI first", dist.display()))
}

/// How many bytes `bytes` take gzip-compressed at the highest level, as a web server
/// would send them.
pub fn gzip_len(bytes: &[u8]) -> Result<u64> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(bytes)?;
    Ok(gz.finish()?.len() as u64)
}

/// Bytes as people read them: `12.3 MB`, `845 KB`.
pub fn human(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    let bytes = bytes as f64;
    if bytes >= KB * KB {
        format!("{:.1} MB", bytes / (KB * KB))
    } else {
        format!("{:.0} KB", bytes / KB)
    }
}

/// `cargo xtask bundle [-- tauri build args]`.
pub fn run(extra: &[OsString]) -> Result<ExitCode> {
    let mut steps = Steps::new();
    let result = (|| -> Result<Vec<Size>> {
        let toolchain = setup::setup(&mut steps, Purpose::Bundle)?;
        steps.run("ui build", || ui::build(&toolchain))?;
        let bundle = steps.run("bundle (release)", || {
            build_release(&toolchain, native_formats(), extra)
        })?;
        println!("\n    installers in {}", bundle.display());
        sizes(&toolchain, &bundle)
    })();
    println!("{}", steps.summary());
    let sizes = result?;
    println!("\n{:<12} {:>10}", "what", "size");
    for size in &sizes {
        println!("{:<12} {:>10}", size.what, human(size.bytes));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human(845_123), "845 KB");
        assert_eq!(human(12_345_678), "12.3 MB");
    }

    #[test]
    fn gzip_shrinks_repetitive_bytes() {
        let bytes = vec![b'a'; 10_000];
        assert!(gzip_len(&bytes).unwrap() < 200);
    }
}
