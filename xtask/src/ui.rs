//! Building the Yew UI into `ui/dist`, which the app embeds (`--features custom-protocol`).

use anyhow::{bail, Result};

use crate::setup::Toolchain;
use crate::{cmd, repo_root};

/// `trunk build --release --config ui/Trunk.toml`, from the repository root. Trunk works in the
/// config file's directory (`ui/`); the config sets `offline = true` and pins wasm-bindgen and
/// wasm-opt, so a missing tool is an error rather than a download.
pub fn build(toolchain: &Toolchain) -> Result<()> {
    let config = repo_root().join("ui").join("Trunk.toml");
    if !config.is_file() {
        bail!("{} is missing", config.display());
    }
    cmd::run(
        toolchain
            .command("trunk")
            .args(["build", "--release", "--config"])
            .arg(&config),
    )?;
    let index = repo_root().join("ui").join("dist").join("index.html");
    if !index.is_file() {
        bail!("trunk finished but {} does not exist", index.display());
    }
    Ok(())
}
