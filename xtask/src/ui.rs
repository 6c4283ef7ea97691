//! Building the Yew UI into `ui/dist`, which the app embeds (`--features custom-protocol`).

use std::path::Path;

use anyhow::{bail, Result};

use crate::setup::Toolchain;
use crate::{cmd, repo_root};

/// `trunk build --release --config ui/Trunk.toml`, from the repository root. Trunk works in the
/// config file's directory (`ui/`); the config sets `offline = true` and pins wasm-bindgen and
/// wasm-opt, so a missing tool is an error rather than a download.
pub fn build(toolchain: &Toolchain) -> Result<()> {
    build_in(toolchain, &repo_root().join("ui"))
}

/// Like [`build`], for the UI crate in `dir` (its `Trunk.toml` and `dist/` are there).
pub fn build_in(toolchain: &Toolchain, dir: &Path) -> Result<()> {
    let config = dir.join("Trunk.toml");
    if !config.is_file() {
        bail!("{} is missing", config.display());
    }
    cmd::run(
        toolchain
            .command("trunk")
            .args(["build", "--release", "--config"])
            .arg(&config),
    )?;
    let index = dir.join("dist").join("index.html");
    if !index.is_file() {
        bail!("trunk finished but {} does not exist", index.display());
    }
    Ok(())
}
