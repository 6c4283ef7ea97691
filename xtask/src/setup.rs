//! `cargo xtask setup`: everything building and testing need, each part checked cheaply first.

use std::ffi::{OsStr, OsString};
use std::process::{Command, ExitCode};

use anyhow::Result;

use crate::steps::Steps;
use crate::{cmd, repo_root, system, tools};

/// What the tools are set up for: `run` needs less than `test`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Build and start the app.
    Run,
    /// Build the installers: also the Tauri CLI.
    Bundle,
    /// Also run the tests (one of them installs the .deb): Xvfb, a keyring daemon,
    /// WebDriver, the Tauri CLI.
    Test,
}

/// What later steps get from setup: a PATH under which the installed tools are found first.
pub struct Toolchain {
    path: OsString,
}

impl Toolchain {
    /// The tools already installed, cargo-installed ones first on PATH, without setting
    /// anything up (for commands such as `fuzz` that check their own few tools).
    pub fn installed() -> Result<Self> {
        Ok(Self {
            path: cmd::prepend_to_path(&[tools::cargo_bin_dir()?])?,
        })
    }

    /// A command run from the repository root with the toolchain's PATH.
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut command = Command::new(program);
        command.env("PATH", &self.path).current_dir(repo_root());
        command
    }

    /// `cargo`, run from the repository root with the toolchain's PATH.
    pub fn cargo(&self) -> Command {
        self.command(crate::cargo_program())
    }

    pub fn path(&self) -> &OsStr {
        &self.path
    }
}

/// Installs what is missing for `purpose`, recording one step per part.
pub fn setup(steps: &mut Steps, purpose: Purpose) -> Result<Toolchain> {
    steps.run("setup: system packages", || {
        system::ensure_packages(purpose)
    })?;
    steps.run("setup: wasm32 target", tools::ensure_wasm_target)?;

    let toolchain = Toolchain {
        path: cmd::prepend_to_path(&[tools::binaryen_bin_dir()?, tools::cargo_bin_dir()?])?,
    };
    steps.run("setup: trunk", || tools::ensure_trunk(&toolchain))?;
    steps.run("setup: wasm-bindgen-cli", || {
        tools::ensure_wasm_bindgen(&toolchain)
    })?;
    if purpose != Purpose::Run {
        steps.run("setup: tauri-cli", || tools::ensure_tauri_cli(&toolchain))?;
    }
    if purpose == Purpose::Test {
        if tools::TAURI_DRIVER_SUPPORTED {
            steps.run("setup: tauri-driver", || {
                tools::ensure_tauri_driver(&toolchain)
            })?;
        } else {
            steps.skip("setup: tauri-driver", "no WebDriver for Tauri on this OS");
        }
    }
    if purpose == Purpose::Test {
        steps.run("setup: aiosmtpd (mail tests)", tools::ensure_aiosmtpd)?;
    }
    steps.run("setup: wasm-opt (binaryen)", || {
        tools::ensure_wasm_opt(&toolchain)
    })?;
    steps.run("setup: cargo fetch", || {
        cmd::run(toolchain.cargo().arg("fetch"))
    })?;
    Ok(toolchain)
}

/// `cargo xtask setup`: set up for everything, print the summary.
pub fn run_alone() -> Result<ExitCode> {
    let mut steps = Steps::new();
    let result = setup(&mut steps, Purpose::Test);
    println!("{}", steps.summary());
    result.map(|_| ExitCode::SUCCESS)
}
