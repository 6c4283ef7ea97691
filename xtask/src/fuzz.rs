//! `cargo xtask fuzz`: runs the fuzz targets of `fuzz/` under libFuzzer, one after the
//! other, each for a fixed time, inside the test sandbox (the customer-import target opens
//! Keydesk, whose vault key lives in the OS keyring). Not part of `cargo xtask test`: it
//! needs the nightly toolchain and takes minutes.
//!
//! Each target starts from its checked-in seeds (`fuzz/corpus/<target>`, only read) and
//! from what earlier runs found (`fuzz/target/corpus/<target>`, where libFuzzer writes), so
//! repeated runs go deeper without the seeds growing in git.

use std::fs::{self, File};
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use crate::setup::Toolchain;
use crate::{cmd, repo_root, sandbox, steps, tools};

/// Where the fuzz crate lives, relative to the repository root.
const FUZZ_DIR: &str = "fuzz";

/// What one target's run came to.
#[derive(Debug, Default, PartialEq)]
struct Outcome {
    executions: Option<u64>,
    execs_per_second: Option<u64>,
    corpus: Option<u64>,
    /// The input that made it fail (`Test unit written to ...`).
    artifact: Option<String>,
    /// The panic message or sanitizer report line, when it failed.
    failure: Option<String>,
}

pub fn run(seconds: u64, wanted: &[String]) -> Result<ExitCode> {
    if seconds == 0 {
        bail!("--seconds must be at least 1");
    }
    let toolchain = Toolchain::installed()?;
    ensure_nightly(&toolchain)?;
    tools::ensure_cargo_fuzz(&toolchain)?;

    let all = fuzz_targets()?;
    let targets: Vec<String> = if wanted.is_empty() {
        all.clone()
    } else {
        for name in wanted {
            if !all.contains(name) {
                bail!(
                    "there is no fuzz target `{name}`; the targets are: {}",
                    all.join(", ")
                );
            }
        }
        wanted.to_vec()
    };

    // Always the fuzz crate's own target dir: the workspace's (CARGO_TARGET_DIR) holds
    // builds without sanitizers, and sharing it would rebuild both each time.
    let target_dir = repo_root().join(FUZZ_DIR).join("target");
    let target_dir = target_dir.to_string_lossy().into_owned();
    println!("\n==> build the fuzz targets (nightly, with sanitizers)");
    cmd::run(toolchain.command("cargo").args([
        "+nightly",
        "fuzz",
        "build",
        "--target-dir",
        &target_dir,
    ]))?;

    let logs = Path::new(&target_dir).join("logs");
    fs::create_dir_all(&logs).with_context(|| format!("Failed to create {}", logs.display()))?;
    // The import target's throwaway data folder and files live here; the process ends
    // without dropping its statics, so the folder is removed here instead.
    let scratch = tempfile::Builder::new()
        .prefix("keydesk-fuzz-")
        .tempdir()
        .context("Failed to create a temporary directory")?;

    let mut rows = Vec::new();
    for target in &targets {
        println!("\n==> fuzz {target} for {seconds} s");
        let started = Instant::now();
        let log = logs.join(format!("{target}.log"));
        let status = fuzz_one(
            &toolchain,
            target,
            seconds,
            &target_dir,
            &log,
            scratch.path(),
        )?;
        let took = started.elapsed();
        let text = fs::read_to_string(&log).unwrap_or_default();
        let outcome = read_outcome(&text);
        let passed = status.success();
        if passed {
            println!(
                "    ok: {} executions in {}",
                show(outcome.executions),
                steps::format_duration(took)
            );
        } else {
            println!(
                "    FAILED ({status}); the whole output is in {}",
                log.display()
            );
            print_tail(&text, 30);
            if let Some(artifact) = &outcome.artifact {
                println!("\n    the input that fails: {artifact}");
                println!(
                    "    reproduce it: cargo +nightly fuzz run {target} {artifact}{}",
                    if target == "csv_import" {
                        " (inside the sandbox: it needs the keyring)"
                    } else {
                        ""
                    }
                );
            }
        }
        rows.push((target.clone(), took, passed, outcome));
    }

    println!("\n{}", table(&rows));
    let failed: Vec<&(String, _, bool, Outcome)> =
        rows.iter().filter(|(_, _, passed, _)| !passed).collect();
    if failed.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    println!();
    for (target, _, _, outcome) in failed {
        println!(
            "{target}: {}; input: {}",
            outcome.failure.as_deref().unwrap_or("the fuzzer failed"),
            outcome.artifact.as_deref().unwrap_or("none written")
        );
    }
    Ok(ExitCode::FAILURE)
}

/// Runs one target in the sandbox with its output in `log`; libFuzzer's exit status.
fn fuzz_one(
    toolchain: &Toolchain,
    target: &str,
    seconds: u64,
    target_dir: &str,
    log: &Path,
    scratch: &Path,
) -> Result<std::process::ExitStatus> {
    let seeds = Path::new(FUZZ_DIR).join("corpus").join(target);
    let found = Path::new(FUZZ_DIR)
        .join("target")
        .join("corpus")
        .join(target);
    fs::create_dir_all(repo_root().join(&found))
        .with_context(|| format!("Failed to create {}", found.display()))?;
    let found = found.to_string_lossy().into_owned();
    let seeds = seeds.to_string_lossy().into_owned();
    let max_time = format!("-max_total_time={seconds}");
    let mut args = vec![
        "+nightly",
        "fuzz",
        "run",
        "--target-dir",
        target_dir,
        target,
        &found,
    ];
    if repo_root().join(&seeds).is_dir() {
        args.push(&seeds);
    }
    args.extend(["--", &max_time, "-print_final_stats=1"]);

    let mut sandboxed = sandbox::wrap(toolchain, "cargo".as_ref(), &args)?;
    let out = File::create(log).with_context(|| format!("Failed to create {}", log.display()))?;
    let err = out.try_clone().context("Failed to share the log file")?;
    let command: &mut Command = &mut sandboxed.command;
    command.env("TMPDIR", scratch).stdout(out).stderr(err);
    println!("    $ cargo {} (in the sandbox)", args.join(" "));
    println!("    output: {}", log.display());
    command
        .status()
        .with_context(|| format!("Failed to start the fuzzer for {target}"))
}

/// Fails with what to install unless rustup lists a nightly toolchain.
fn ensure_nightly(toolchain: &Toolchain) -> Result<()> {
    let Some(list) = cmd::probe(toolchain.command("rustup").args(["toolchain", "list"])) else {
        bail!(
            "rustup was not found: fuzzing needs rustup with the nightly toolchain \
             (https://rustup.rs, then `rustup toolchain install nightly`)"
        );
    };
    if list
        .lines()
        .any(|line| line.trim_start().starts_with("nightly"))
    {
        println!("    the nightly toolchain is installed");
        return Ok(());
    }
    bail!(
        "fuzzing needs the nightly toolchain (libFuzzer's sanitizer flags are nightly-only); \
         install it with:\n\n    rustup toolchain install nightly\n"
    )
}

#[derive(Deserialize)]
struct FuzzManifest {
    #[serde(default)]
    bin: Vec<FuzzBin>,
}

#[derive(Deserialize)]
struct FuzzBin {
    name: String,
}

/// The target names, as `fuzz/Cargo.toml` declares them.
fn fuzz_targets() -> Result<Vec<String>> {
    let path = repo_root().join(FUZZ_DIR).join("Cargo.toml");
    let text =
        fs::read_to_string(&path).with_context(|| format!("Failed to read {}", path.display()))?;
    let manifest: FuzzManifest =
        toml::from_str(&text).with_context(|| format!("Failed to parse {}", path.display()))?;
    Ok(manifest.bin.into_iter().map(|bin| bin.name).collect())
}

/// The numbers and the failure in libFuzzer's output (run with `-print_final_stats=1`).
fn read_outcome(output: &str) -> Outcome {
    let mut outcome = Outcome::default();
    for line in output.lines() {
        let line = line.trim();
        let number = |prefix: &str| {
            line.strip_prefix(prefix)
                .and_then(|rest| rest.trim().parse::<u64>().ok())
        };
        if let Some(n) = number("stat::number_of_executed_units:") {
            outcome.executions = Some(n);
        } else if let Some(n) = number("stat::average_exec_per_sec:") {
            outcome.execs_per_second = Some(n);
        } else if let Some(rest) = line.split_once("Test unit written to ").map(|(_, r)| r) {
            outcome.artifact = Some(rest.trim().to_owned());
        } else if line.contains("panicked at") || (line.starts_with("==") && line.contains("ERROR"))
        {
            outcome.failure.get_or_insert_with(|| line.to_owned());
        } else if outcome.failure.as_deref().is_some_and(|f| f.ends_with(':')) {
            // A panic's message follows the `panicked at file:line:col:` line.
            if let Some(failure) = outcome.failure.as_mut() {
                failure.push(' ');
                failure.push_str(line);
            }
        }
        if line.starts_with('#') {
            if let Some(corpus) = line
                .split_once("corp: ")
                .and_then(|(_, rest)| rest.split('/').next())
                .and_then(|n| n.parse().ok())
            {
                outcome.corpus = Some(corpus);
            }
        }
    }
    outcome
}

fn show(value: Option<u64>) -> String {
    value.map_or_else(|| "-".to_owned(), |n| n.to_string())
}

/// One line per target: how long it ran, executions, speed, corpus size, result.
fn table(rows: &[(String, std::time::Duration, bool, Outcome)]) -> String {
    let mut out = format!(
        "{:<20} {:>8} {:>12} {:>8} {:>8}  result\n",
        "target", "ran", "executions", "exec/s", "corpus"
    );
    for (target, took, passed, outcome) in rows {
        out.push_str(&format!(
            "{:<20} {:>8} {:>12} {:>8} {:>8}  {}\n",
            target,
            steps::format_duration(*took),
            show(outcome.executions),
            show(outcome.execs_per_second),
            show(outcome.corpus),
            if *passed { "ok" } else { "CRASH" }
        ));
    }
    out.trim_end().to_owned()
}

fn print_tail(text: &str, lines: usize) {
    let all: Vec<&str> = text.lines().collect();
    for line in &all[all.len().saturating_sub(lines)..] {
        println!("    | {line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_numbers_of_a_clean_run() {
        let output = "\
INFO: Seed: 1234
#2      INITED cov: 10 ft: 11 corp: 1/1b exec/s: 0 rss: 30Mb
#4096   pulse  cov: 120 ft: 300 corp: 40/2Kb lim: 43 exec/s: 2048 rss: 40Mb
#52113  DONE   cov: 130 ft: 320 corp: 44/2.5Kb lim: 400 exec/s: 5211 rss: 41Mb
Done 52113 runs in 11 second(s)
stat::number_of_executed_units: 52113
stat::average_exec_per_sec:     4737
stat::new_units_added:          50
";
        assert_eq!(
            read_outcome(output),
            Outcome {
                executions: Some(52113),
                execs_per_second: Some(4737),
                corpus: Some(44),
                artifact: None,
                failure: None,
            }
        );
    }

    #[test]
    fn reads_the_panic_and_the_failing_input() {
        let output = "\
#1024   pulse  cov: 120 ft: 300 corp: 40/2Kb lim: 43 exec/s: 512 rss: 40Mb

thread '<unnamed>' panicked at fuzz_targets/emails.rs:20:13:
\"a@b.co\" was accepted, then refused
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
==123== ERROR: libFuzzer: deadly signal
artifact_prefix='fuzz/artifacts/emails/'; Test unit written to fuzz/artifacts/emails/crash-0a1b
stat::number_of_executed_units: 1200
stat::average_exec_per_sec:     600
";
        let outcome = read_outcome(output);
        assert_eq!(
            outcome.failure.as_deref(),
            Some(
                "thread '<unnamed>' panicked at fuzz_targets/emails.rs:20:13: \
                 \"a@b.co\" was accepted, then refused"
            )
        );
        assert_eq!(
            outcome.artifact.as_deref(),
            Some("fuzz/artifacts/emails/crash-0a1b")
        );
        assert_eq!(outcome.executions, Some(1200));
    }

    #[test]
    fn the_table_has_a_line_per_target() {
        let rows = vec![
            (
                "emails".to_owned(),
                std::time::Duration::from_secs(60),
                true,
                Outcome {
                    executions: Some(10),
                    ..Outcome::default()
                },
            ),
            (
                "fts_query".to_owned(),
                std::time::Duration::from_secs(3),
                false,
                Outcome::default(),
            ),
        ];
        let table = table(&rows);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].starts_with("emails") && lines[1].ends_with("ok"));
        assert!(lines[2].starts_with("fts_query") && lines[2].ends_with("CRASH"));
    }
}
