//! `cargo xtask test`: every check CI runs, in order, each step reported with its duration.
//! A failed step does not stop the ones that do not depend on it, so one run shows every
//! problem; the exit code is non-zero if any step failed.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::bundle::{self, Profile};
use crate::setup::{self, Purpose, Toolchain};
use crate::steps::Steps;
use crate::{cmd, postgres, repo_root, sandbox, tools, ui};

pub fn run() -> Result<ExitCode> {
    let mut steps = Steps::new();
    let result = run_steps(&mut steps);
    println!("{}", steps.summary());
    result?;
    Ok(if steps.any_failed() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn run_steps(steps: &mut Steps) -> Result<()> {
    let toolchain = setup::setup(steps, Purpose::Test)?;

    let _ = steps.run("fmt", || {
        cmd::run(toolchain.cargo().args(["fmt", "--all", "--", "--check"]))
    });

    let ui_built = steps.run("ui build", || ui::build(&toolchain)).is_ok();

    // The agency-server tests (core and e2e) share one throwaway PostgreSQL cluster, each
    // test in databases of its own; it is stopped and removed when the run ends.
    let postgres = steps
        .run("PostgreSQL test cluster", postgres::Cluster::start)
        .ok();

    // clippy and the app embed ui/dist, so both need the UI built.
    let app_built = if ui_built {
        let _ = steps.run("clippy", || {
            cmd::run(toolchain.cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--features",
                "keydesk/custom-protocol",
                // The bench's baseline window embeds a UI only `cargo xtask bench` builds.
                "--exclude",
                "keydesk-empty-window",
                "--exclude",
                "keydesk-empty-window-ui",
                "--",
                "-D",
                "warnings",
            ]))
        });
        steps
            .run("build app", || {
                cmd::run(toolchain.cargo().args([
                    "build",
                    "-p",
                    "keydesk",
                    "--features",
                    "custom-protocol",
                ]))
            })
            .is_ok()
    } else {
        steps.skip("clippy", "the UI did not build");
        steps.skip("build app", "the UI did not build");
        false
    };

    let _ = steps.run("unit tests", || {
        let mut tests = sandbox::wrap(
            &toolchain,
            crate::cargo_program().as_os_str(),
            &[
                "test",
                "--workspace",
                "--exclude",
                "keydesk",
                "--exclude",
                "keydesk-e2e",
                // The bench's baseline window embeds a UI only `cargo xtask bench` builds.
                "--exclude",
                "keydesk-empty-window",
                "--exclude",
                "keydesk-empty-window-ui",
            ],
        )?;
        // The core's mail tests run a local SMTP server with this Python.
        tests
            .command
            .env(tools::TEST_PYTHON_ENV, tools::test_python()?);
        postgres::pass_to(&mut tests.command, postgres.as_ref());
        tests.run()
    });

    // The shell's own unit tests (idle lock, clipboard at exit) need the built UI too, and
    // a display and a clipboard: they run in the sandbox like the rest.
    if app_built {
        let _ = steps.run("app unit tests", || {
            sandbox::wrap(
                &toolchain,
                crate::cargo_program().as_os_str(),
                &[
                    "test",
                    "-p",
                    "keydesk",
                    "--features",
                    "custom-protocol",
                    "--bin",
                    "keydesk",
                ],
            )?
            .run()
        });
    } else {
        steps.skip("app unit tests", "the app did not build");
    }

    // The installed-package test installs this .deb and starts the app it installed.
    let deb = if !cfg!(target_os = "linux") {
        steps.skip("bundle .deb (debug)", "Debian packages are built on Linux");
        None
    } else if app_built {
        steps
            .run("bundle .deb (debug)", || {
                let bundle = bundle::package(&toolchain, repo_root(), Profile::Debug, &["deb"])?;
                bundle::installer(&bundle, "deb", "deb")
            })
            .ok()
    } else {
        steps.skip("bundle .deb (debug)", "the app did not build");
        None
    };

    if !tools::TAURI_DRIVER_SUPPORTED {
        steps.skip("e2e tests", "no WebDriver for Tauri on this OS");
    } else if !app_built {
        steps.skip("e2e tests", "the app did not build");
    } else {
        let _ = steps.run("e2e tests", || {
            run_e2e(&toolchain, deb.as_deref(), postgres.as_ref())
        });
    }
    Ok(())
}

/// `cargo xtask measure-search`: builds the app as shipped (release), imports 100,000
/// customers through the window and prints how long a keystroke in the search takes to
/// show results.
pub fn measure_search() -> Result<ExitCode> {
    let mut steps = Steps::new();
    let toolchain = setup::setup(&mut steps, Purpose::Test)?;
    let measured = steps
        .run("ui build", || ui::build(&toolchain))
        .and_then(|()| {
            steps.run("build app (release)", || {
                cmd::run(toolchain.cargo().args([
                    "build",
                    "--release",
                    "-p",
                    "keydesk",
                    "--features",
                    "custom-protocol",
                ]))
            })
        })
        .and_then(|()| {
            steps.run("measure search", || {
                e2e_tests(
                    &toolchain,
                    "release",
                    &["--test", "search_latency", "--", "--ignored", "--nocapture"],
                )?
                .run()
            })
        });
    println!("{}", steps.summary());
    Ok(if measured.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The end-to-end tests, one at a time (they share the clipboard, keyring and display),
/// against the debug build of the app and, when it was built, its .deb.
fn run_e2e(
    toolchain: &Toolchain,
    deb: Option<&Path>,
    postgres: Option<&postgres::Cluster>,
) -> Result<()> {
    let mut tests = e2e_tests(toolchain, "debug", &["--", "--test-threads=1"])?;
    if let Some(deb) = deb {
        println!("    KEYDESK_DEB={}", deb.display());
        tests.command.env("KEYDESK_DEB", deb);
    }
    postgres::pass_to(&mut tests.command, postgres);
    tests.run()
}

/// The e2e crate's tests (`extra` selects them) against the app built in `profile`, in the
/// sandbox, ready to run.
pub(crate) fn e2e_tests(
    toolchain: &Toolchain,
    profile: &str,
    extra: &[&str],
) -> Result<sandbox::Sandboxed> {
    let target = crate::target_dir(toolchain)?;
    let app = target
        .join(profile)
        .join(format!("keydesk{}", std::env::consts::EXE_SUFFIX));
    let screenshots = target.join("screenshots");
    // Old screenshots would pass for this run's.
    if screenshots.exists() {
        fs::remove_dir_all(&screenshots)
            .with_context(|| format!("Failed to clear {}", screenshots.display()))?;
    }
    fs::create_dir_all(&screenshots)
        .with_context(|| format!("Failed to create {}", screenshots.display()))?;
    println!("    KEYDESK_APP={}", app.display());
    println!("    KEYDESK_SCREENSHOTS={}", screenshots.display());

    let mut args = vec!["test", "-p", "keydesk-e2e"];
    args.extend_from_slice(extra);
    let mut tests = sandbox::wrap(toolchain, crate::cargo_program().as_os_str(), &args)?;
    tests
        .command
        .env("KEYDESK_APP", &app)
        .env("KEYDESK_SCREENSHOTS", &screenshots)
        // The mail tests run a local SMTP server with this Python.
        .env(tools::TEST_PYTHON_ENV, tools::test_python()?);
    Ok(tests)
}
