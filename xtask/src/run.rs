//! `cargo xtask run [-- app args]`: set up, build the UI, start the app with it embedded.

use std::ffi::OsString;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::setup::{self, Purpose};
use crate::steps::Steps;
use crate::{cmd, ui};

pub fn run(app_args: &[OsString]) -> Result<ExitCode> {
    let mut steps = Steps::new();
    let toolchain = setup::setup(&mut steps, Purpose::Run)?;
    steps.run("ui build", || ui::build(&toolchain))?;

    let mut app = toolchain.cargo();
    app.args([
        "run",
        "-p",
        "keydesk",
        "--features",
        "custom-protocol",
        "--",
    ])
    .args(app_args);
    println!("\n==> app");
    println!("    $ {}", cmd::display(&app));
    let status = app.status().context("Failed to start cargo run")?;
    // The app's own exit code, so scripts can tell how it ended.
    Ok(status
        .code()
        .and_then(|code| u8::try_from(code).ok())
        .map_or(ExitCode::FAILURE, ExitCode::from))
}
