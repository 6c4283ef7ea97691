//! `cargo xtask bench`: every measurement of Keydesk in one run, each next to a baseline
//! measured in the same run where one exists, as one table (printed, and written as JSON
//! to `target/bench/bench.json`) with a description of the machine.
//!
//! In order: the core benches (list query, CSV import at 10,000 and 100,000 rows, bulk
//! login generation, mail outbox, backup and restore); the release builds of Keydesk and
//! of the empty window it is compared with (`bench/empty-window`); start to the first
//! screen and memory of both; the search latency run at 100,000 customers; sizes. Every measurement prints its
//! figures as `bench-result {"figure":…,"value":…,"unit":…}` lines, which are read here.
//! A step that fails leaves its rows "missing" and the others still run; the command fails
//! when a step failed, not when a goal is missed (the table says that).

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::bundle::{self, Profile};
use crate::setup::{self, Purpose, Toolchain};
use crate::steps::Steps;
use crate::{cmd, repo_root, test, tools, ui};

/// What a measurement prints before the JSON of one figure.
const RESULT_PREFIX: &str = "bench-result ";

/// One measured figure, as a measurement prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Figure {
    figure: String,
    value: f64,
    unit: String,
}

/// The figure on a `bench-result` line; `None` for any other line.
fn parse_result_line(line: &str) -> Option<Result<Figure>> {
    let json = line.trim_end().strip_prefix(RESULT_PREFIX)?;
    Some(serde_json::from_str(json).with_context(|| format!("Malformed result line: {line}")))
}

/// Runs `command`, echoing its output, and returns the figures it printed; an error
/// unless it succeeds.
fn run_collecting(command: &mut Command, shown: &str) -> Result<Vec<Figure>> {
    println!("    $ {shown}");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("Failed to start `{shown}`"))?;
    let stdout = child.stdout.take().context("the child's output is piped")?;
    let mut figures = Vec::new();
    let mut problem = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.with_context(|| format!("Failed to read the output of `{shown}`"))?;
        println!("{line}");
        match parse_result_line(&line) {
            Some(Ok(figure)) => figures.push(figure),
            Some(Err(err)) => problem = Some(err),
            None => {}
        }
    }
    let status = child.wait().context("Failed to wait for a measurement")?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    match problem {
        Some(err) => Err(err),
        None => Ok(figures),
    }
}

/// What a row asks of its figure.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Goal {
    /// figure / baseline at most this.
    RatioAtMost(f64),
    /// figure / baseline at least this.
    RatioAtLeast(f64),
    /// The figure itself at most this, in its unit.
    AtMost(f64),
    /// Nothing: the figure is reported.
    Report,
}

impl Goal {
    fn describe(self, unit: &str) -> String {
        match self {
            Goal::RatioAtMost(limit) => format!("≤ {limit}×"),
            Goal::RatioAtLeast(limit) => format!("≥ {limit}×"),
            Goal::AtMost(limit) => format!("≤ {limit} {unit}"),
            Goal::Report => "report".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Verdict {
    Met,
    NotMet,
    Reported,
    /// A figure the goal needs was not measured (its step failed).
    Missing,
}

impl Verdict {
    fn word(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::NotMet => "NOT MET",
            Verdict::Reported => "–",
            Verdict::Missing => "missing",
        }
    }
}

/// One line of the table: a figure, the baseline it is compared with, and the goal.
#[derive(Debug, Serialize)]
struct Row {
    row: String,
    figure: Option<Figure>,
    baseline: Option<Figure>,
    ratio: Option<f64>,
    goal: String,
    verdict: Verdict,
}

impl Row {
    fn new(row: &str, figure: Option<&Figure>, baseline: Option<&Figure>, goal: Goal) -> Row {
        let ratio = figure
            .zip(baseline)
            .filter(|(_, baseline)| baseline.value != 0.0)
            .map(|(figure, baseline)| figure.value / baseline.value);
        let verdict = match (goal, figure, ratio) {
            (_, None, _) => Verdict::Missing,
            (Goal::Report, Some(_), _) => Verdict::Reported,
            (Goal::AtMost(limit), Some(figure), _) => met(figure.value <= limit),
            (Goal::RatioAtMost(limit), _, Some(ratio)) => met(ratio <= limit),
            (Goal::RatioAtLeast(limit), _, Some(ratio)) => met(ratio >= limit),
            (Goal::RatioAtMost(_) | Goal::RatioAtLeast(_), _, None) => Verdict::Missing,
        };
        Row {
            row: row.to_owned(),
            figure: figure.cloned(),
            baseline: baseline.cloned(),
            ratio,
            goal: goal.describe(figure.map_or("", |figure| &figure.unit)),
            verdict,
        }
    }
}

fn met(yes: bool) -> Verdict {
    if yes {
        Verdict::Met
    } else {
        Verdict::NotMet
    }
}

// The figures' names, as the measurements print them: `core/benches/*.rs`,
// `tests/tests/cold_start.rs`, `tests/tests/search_latency.rs` and [`sizes`].
const LIST_QUERY_PREFIX: &str = "list query p95, worst, ";
const LIST_QUERY_BASELINE: &str = "LIKE scan";

/// The table: one row per goal, in a fixed order; the list query has a row per sort the
/// list offers (as many as the bench measured).
fn table_rows(figures: &[Figure]) -> Vec<Row> {
    let find = |name: &str| figures.iter().find(|figure| figure.figure == name);
    let row = |label: &str, figure: &str, baseline: Option<&str>, goal: Goal| {
        Row::new(label, find(figure), baseline.and_then(find), goal)
    };
    let mut rows = vec![
        row(
            "cold start to the first screen (median of 10)",
            "cold start, Keydesk, median of 10",
            Some("cold start, empty window, median of 10"),
            Goal::RatioAtMost(1.3),
        ),
        row(
            "memory (PSS of the process tree), 100,000 customers, list open",
            "memory PSS, Keydesk, 100,000 customers, list open",
            Some("memory PSS at the first screen, empty window"),
            Goal::RatioAtMost(1.3),
        ),
        row(
            "memory (PSS of the process tree) at the first screen",
            "memory PSS at the first screen, Keydesk",
            Some("memory PSS at the first screen, empty window"),
            Goal::Report,
        ),
        row(
            "keystroke → results painted p50, 100,000 customers (worst query)",
            "keystroke to painted p50, worst query",
            Some("IPC alone p50, worst query"),
            Goal::Report,
        ),
        row(
            "keystroke → results painted p95, 100,000 customers (worst query)",
            "keystroke to painted p95, worst query",
            Some("IPC alone p95, worst query"),
            Goal::AtMost(50.0),
        ),
    ];
    let baseline = find(&format!("{LIST_QUERY_PREFIX}{LIST_QUERY_BASELINE}"));
    let sorts: Vec<&Figure> = figures
        .iter()
        .filter(|figure| {
            figure
                .figure
                .strip_prefix(LIST_QUERY_PREFIX)
                .is_some_and(|sort| sort != LIST_QUERY_BASELINE)
        })
        .collect();
    if sorts.is_empty() {
        rows.push(Row::new(
            "list query p95, 100,000 customers",
            None,
            baseline,
            Goal::AtMost(2.0),
        ));
    }
    for figure in sorts {
        let sort = &figure.figure[LIST_QUERY_PREFIX.len()..];
        rows.push(Row::new(
            &format!("list query p95, 100,000 customers, sort {sort} (worst query)"),
            Some(figure),
            baseline,
            Goal::AtMost(2.0),
        ));
    }
    rows.extend([
        row(
            "encryption: list query p95 (worst query of every sort), encrypted vs plain",
            "encrypted list query p95, worst query of every sort",
            Some("plain list query p95, worst query of every sort"),
            Goal::RatioAtMost(1.15),
        ),
        row(
            "dashboard funnel p95, 100,000 customers (worst period and scope)",
            "funnel p95, 100,000 customers, worst period",
            None,
            Goal::Report,
        ),
        row(
            "CSV import of 10,000 rows (median)",
            "CSV import, 10000 rows",
            None,
            Goal::Report,
        ),
        row(
            "encryption: CSV import of 10,000 rows (median), encrypted vs plain",
            "CSV import, 10000 rows",
            Some("CSV import, 10000 rows, plain"),
            Goal::RatioAtMost(1.15),
        ),
        row(
            "CSV import of 100,000 rows (median)",
            "CSV import, 100000 rows",
            None,
            Goal::Report,
        ),
        row(
            "bulk login generation vs cores / t_hash",
            "bulk login generation",
            Some("cores / t_hash"),
            Goal::RatioAtLeast(0.85),
        ),
        row(
            "outbox: 1,000 mails pooled vs one connection per mail",
            "outbox, pooled",
            Some("outbox, one connection per mail"),
            Goal::RatioAtLeast(10.0),
        ),
        row(
            "backup: back up 100,000 customers (median)",
            "backup, 100000 customers",
            None,
            Goal::Report,
        ),
        row(
            "backup: open and check every page, 100,000 customers (median)",
            "backup check, 100000 customers",
            None,
            Goal::Report,
        ),
        row(
            "backup: restore 100,000 customers on a new machine (median)",
            "restore, 100000 customers",
            None,
            Goal::Report,
        ),
        row(
            "sync: 50 desks pushing 100 ops each at once (ops/s)",
            "sync push, 50 desks at once",
            None,
            Goal::Report,
        ),
        row(
            "sync: one push of 10 ops p95, 50 desks at once",
            "sync push p95, 50 desks at once",
            None,
            Goal::Report,
        ),
        row(
            "sync: a new desk's first pull of 100,000 customers",
            "sync first pull, 100,000 customers",
            None,
            Goal::Report,
        ),
        row(
            "sync: saving a new customer p50, desk that syncs vs desk of its own",
            "save p50, desk that syncs",
            Some("save p50, desk of its own"),
            Goal::RatioAtMost(1.15),
        ),
        row(
            "size: .deb",
            "size, deb, Keydesk",
            Some("size, deb, empty window"),
            Goal::Report,
        ),
        row(
            "size: binary",
            "size, binary, Keydesk",
            Some("size, binary, empty window"),
            Goal::Report,
        ),
        row(
            "size: wasm, gzipped",
            "size, wasm gz, Keydesk",
            Some("size, wasm gz, empty window"),
            Goal::Report,
        ),
    ]);
    rows
}

/// A figure with as many digits as help reading it.
fn format_value(figure: &Figure) -> String {
    let value = figure.value;
    let digits = match value.abs() {
        v if v >= 100.0 => 0,
        v if v >= 10.0 => 1,
        v if v >= 1.0 => 2,
        _ => 3,
    };
    format!("{value:.digits$} {}", figure.unit)
}

/// The table as Markdown, ready to paste.
fn format_table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| figure | Keydesk | baseline (same run) | ratio | goal | |\n|---|---|---|---|---|---|\n",
    );
    for row in rows {
        let figure = row.figure.as_ref().map_or("–".to_owned(), format_value);
        let baseline = row.baseline.as_ref().map_or("–".to_owned(), format_value);
        let ratio = row
            .ratio
            .map_or("–".to_owned(), |ratio| format!("{ratio:.2}×"));
        let _ = writeln!(
            out,
            "| {} | {figure} | {baseline} | {ratio} | {} | {} |",
            row.row,
            row.goal,
            row.verdict.word()
        );
    }
    out
}

/// Where and when the figures were measured.
#[derive(Debug, Serialize)]
struct Machine {
    cpu: String,
    cores: usize,
    memory_gib: Option<f64>,
    os: String,
    kernel: String,
    rustc: String,
    date: String,
    /// 1, 5 and 15 minute load averages when the run ended: other work on the machine
    /// makes every figure noisier.
    load_average: Option<String>,
}

impl Machine {
    fn describe(toolchain: &Toolchain) -> Machine {
        let read = |path: &str| fs::read_to_string(path).ok();
        let cpu = read("/proc/cpuinfo")
            .and_then(|info| {
                info.lines()
                    .find_map(|line| line.strip_prefix("model name"))
                    .and_then(|rest| rest.split_once(':'))
                    .map(|(_, model)| model.trim().to_owned())
            })
            .unwrap_or_else(|| std::env::consts::ARCH.to_owned());
        let memory_gib = read("/proc/meminfo").and_then(|info| {
            let kib: f64 = info
                .lines()
                .find_map(|line| line.strip_prefix("MemTotal:"))?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse()
                .ok()?;
            Some((kib / (1024.0 * 1024.0) * 10.0).round() / 10.0)
        });
        let os = read("/etc/os-release")
            .and_then(|release| {
                release.lines().find_map(|line| {
                    Some(
                        line.strip_prefix("PRETTY_NAME=")?
                            .trim_matches('"')
                            .to_owned(),
                    )
                })
            })
            .unwrap_or_else(|| std::env::consts::OS.to_owned());
        let kernel = read("/proc/sys/kernel/osrelease")
            .map(|release| format!("Linux {}", release.trim()))
            .unwrap_or_else(|| "unknown".to_owned());
        let rustc = cmd::probe(toolchain.command("rustc").arg("--version"))
            .map(|version| version.trim().to_owned())
            .unwrap_or_else(|| "unknown".to_owned());
        Machine {
            cpu,
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            memory_gib,
            os,
            kernel,
            rustc,
            date: chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
            load_average: read("/proc/loadavg").map(|load| {
                load.split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
        }
    }

    fn format(&self) -> String {
        let memory = self
            .memory_gib
            .map_or("unknown".to_owned(), |gib| format!("{gib} GiB"));
        let load = self.load_average.as_deref().unwrap_or("unknown");
        format!(
            "Machine: {} ({} cores), {memory} memory, {}, {}, {}; {}; load average {load}",
            self.cpu, self.cores, self.os, self.kernel, self.rustc, self.date
        )
    }
}

#[derive(Serialize)]
struct Report<'a> {
    machine: &'a Machine,
    rows: &'a [Row],
    /// Every figure measured, also those no row shows.
    figures: &'a [Figure],
}

/// A core bench: `cargo bench -p keydesk-core --bench <name>`, with `env` set, and a
/// PostgreSQL cluster beside it when it needs one.
struct CoreBench {
    step: &'static str,
    name: &'static str,
    env: &'static [(&'static str, &'static str)],
    postgres: bool,
}

const CORE_BENCHES: &[CoreBench] = &[
    CoreBench {
        step: "bench: sync through a PostgreSQL agency server",
        name: "agency_sync",
        env: &[],
        postgres: true,
    },
    CoreBench {
        step: "bench: list query at 100,000 customers",
        name: "customer_search",
        env: &[],
        postgres: false,
    },
    CoreBench {
        step: "bench: dashboard funnel at 100,000 customers",
        name: "funnel",
        env: &[],
        postgres: false,
    },
    CoreBench {
        step: "bench: CSV import, 10,000 rows",
        name: "customer_import",
        env: &[],
        postgres: false,
    },
    CoreBench {
        step: "bench: CSV import, 100,000 rows",
        name: "customer_import",
        env: &[("KEYDESK_BENCH_IMPORT_ROWS", "100000")],
        postgres: false,
    },
    CoreBench {
        step: "bench: bulk login generation",
        name: "credentials_bulk",
        env: &[],
        postgres: false,
    },
    CoreBench {
        step: "bench: mail outbox",
        name: "mail_outbox",
        env: &[],
        postgres: false,
    },
    CoreBench {
        step: "bench: backup and restore at 100,000 customers",
        name: "backup",
        env: &[],
        postgres: false,
    },
];

const APP: &str = "keydesk";
/// WebKitGTK's switch between CPU and GPU painting.
const CPU_PAINTING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
const EMPTY_WINDOW: &str = "keydesk-empty-window";

pub fn run() -> Result<ExitCode> {
    let mut steps = Steps::new();
    let toolchain = setup::setup(&mut steps, Purpose::Test)?;
    println!("\n{}", Machine::describe(&toolchain).format());
    let target = crate::target_dir(&toolchain)?;
    let mut figures = Vec::new();

    for bench in CORE_BENCHES {
        if let Ok(found) = steps.run(bench.step, || {
            let cluster = bench
                .postgres
                .then(crate::postgres::Cluster::start)
                .transpose()?;
            let mut command = toolchain.cargo();
            crate::postgres::pass_to(&mut command, cluster.as_ref());
            command
                .args(["bench", "-p", "keydesk-core", "--bench", bench.name])
                .envs(bench.env.iter().copied())
                // The mail bench's local SMTP server runs on this Python.
                .env(tools::TEST_PYTHON_ENV, tools::test_python()?);
            let shown = cmd::display(&command);
            run_collecting(&mut command, &shown)
        }) {
            figures.extend(found);
        }
    }

    let built = steps
        .run("ui builds (Keydesk, empty window)", || {
            ui::build(&toolchain)?;
            ui::build_in(&toolchain, &repo_root().join("bench/empty-window/ui"))
        })
        .and_then(|()| {
            // One cargo run for both, so the empty window links the very Tauri (same
            // features, same profile) Keydesk does.
            steps.run("build Keydesk and the empty window (release)", || {
                cmd::run(toolchain.cargo().args([
                    "build",
                    "--release",
                    "-p",
                    APP,
                    "-p",
                    EMPTY_WINDOW,
                    "--features",
                    "keydesk/custom-protocol,keydesk-empty-window/custom-protocol",
                ]))
            })
        })
        .is_ok();
    let release = target.join("release");
    if built {
        if let Ok(found) = steps.run("start and memory, Keydesk and the empty window", || {
            let mut tests = test::e2e_tests(
                &toolchain,
                "release",
                &["--test", "cold_start", "--", "--ignored", "--nocapture"],
            )?;
            tests.command.env(
                "KEYDESK_EMPTY_WINDOW_APP",
                executable(&release, EMPTY_WINDOW),
            );
            // Both paint the same way: Keydesk picks CPU painting by itself on a machine
            // without a GPU, and the empty window would not.
            if std::env::var_os(CPU_PAINTING).is_none() {
                tests.command.env(CPU_PAINTING, "1");
            }
            let shown = tests.shown().to_owned();
            run_collecting(&mut tests.command, &shown)
        }) {
            figures.extend(found);
        }
        if let Ok(found) = steps.run("search latency at 100,000 customers", || {
            let mut tests = test::e2e_tests(
                &toolchain,
                "release",
                &["--test", "search_latency", "--", "--ignored", "--nocapture"],
            )?;
            let shown = tests.shown().to_owned();
            run_collecting(&mut tests.command, &shown)
        }) {
            figures.extend(found);
        }
    } else {
        steps.skip("start and memory", "the release builds failed");
        steps.skip("search latency", "the release builds failed");
    }
    if built {
        let _ = steps.run(".deb packages (Keydesk, empty window)", || {
            bundle::package(&toolchain, repo_root(), Profile::Release, &["deb"])?;
            bundle::package(
                &toolchain,
                &repo_root().join("bench/empty-window"),
                Profile::Release,
                &["deb"],
            )
        });
    }
    if let Ok(found) = steps.run("sizes", || sizes(&release)) {
        figures.extend(found);
    }

    // Described again at the end: the load average tells how busy the machine was.
    let machine = Machine::describe(&toolchain);
    let rows = table_rows(&figures);
    let table = format_table(&rows);
    let json_path = target.join("bench").join("bench.json");
    let written = write_json(
        &json_path,
        &Report {
            machine: &machine,
            rows: &rows,
            figures: &figures,
        },
    );
    println!("{}", steps.summary());
    println!("\n{}\n\n{table}", machine.format());
    match written {
        Ok(()) => println!("Written to {}", json_path.display()),
        Err(err) => println!("Not written: {err:#}"),
    }
    Ok(if steps.any_failed() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn write_json(path: &Path, report: &Report) -> Result<()> {
    let dir = path.parent().context("the report's path has a folder")?;
    fs::create_dir_all(dir).with_context(|| format!("Failed to create {}", dir.display()))?;
    let json = serde_json::to_string_pretty(report).context("Failed to write the report")?;
    fs::write(path, json + "\n").with_context(|| format!("Failed to write {}", path.display()))
}

fn executable(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// The sizes of what ships, for Keydesk and the empty window: the release binary, the UI's
/// wasm gzipped (as it would travel compressed) and the .deb where one was bundled.
fn sizes(release: &Path) -> Result<Vec<Figure>> {
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    let mut figures = Vec::new();
    let apps = [
        ("Keydesk", APP, repo_root().join("ui/dist")),
        (
            "empty window",
            EMPTY_WINDOW,
            repo_root().join("bench/empty-window/ui/dist"),
        ),
    ];
    for (label, binary, dist) in apps {
        let binary = executable(release, binary);
        let bytes = fs::metadata(&binary)
            .with_context(|| format!("Failed to read {}", binary.display()))?
            .len();
        figures.push(size_figure(&format!("size, binary, {label}"), mib(bytes)));

        let wasm = only_file_ending(&dist, ".wasm")?
            .with_context(|| format!("{} holds no .wasm", dist.display()))?;
        figures.push(size_figure(
            &format!("size, wasm gz, {label}"),
            mib(gzipped_size(&wasm)?),
        ));
    }
    // Bundles are named `<productName>_<version>_<arch>.deb`.
    let debs = release.join("bundle").join("deb");
    for (label, product) in [
        ("Keydesk", "Keydesk_"),
        ("empty window", "keydesk-empty-window_"),
    ] {
        match newest_file_starting(&debs, product, ".deb")? {
            Some(deb) => {
                println!("    {}", deb.display());
                let bytes = fs::metadata(&deb)?.len();
                figures.push(size_figure(&format!("size, deb, {label}"), mib(bytes)));
            }
            None => println!(
                "    no {product}*.deb in {} (not bundled): no .deb size for the {label}",
                debs.display()
            ),
        }
    }
    for figure in &figures {
        println!("    {}: {}", figure.figure, format_value(figure));
    }
    Ok(figures)
}

fn size_figure(name: &str, mib: f64) -> Figure {
    Figure {
        figure: name.to_owned(),
        value: mib,
        unit: "MiB".to_owned(),
    }
}

/// The one file in `dir` whose name ends with `suffix`; an error if there are several.
fn only_file_ending(dir: &Path, suffix: &str) -> Result<Option<PathBuf>> {
    let mut found = files_in(dir)?
        .into_iter()
        .filter(|path| file_name(path).ends_with(suffix));
    let first = found.next();
    if let Some(second) = found.next() {
        bail!(
            "{} holds several {suffix} files ({} and {})",
            dir.display(),
            file_name(first.as_deref().unwrap_or(&second)),
            file_name(&second)
        );
    }
    Ok(first)
}

/// The most recently written file in `dir` named `<prefix>…<suffix>`, if any.
fn newest_file_starting(dir: &Path, prefix: &str, suffix: &str) -> Result<Option<PathBuf>> {
    if !dir.is_dir() {
        return Ok(None);
    }
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for path in files_in(dir)? {
        let name = file_name(&path);
        if name.starts_with(prefix) && name.ends_with(suffix) {
            found.push((fs::metadata(&path)?.modified()?, path));
        }
    }
    Ok(found.into_iter().max().map(|(_, path)| path))
}

fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = fs::read_dir(dir).with_context(|| format!("Failed to list {}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.is_file() {
            files.push(path);
        }
    }
    Ok(files)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The size of `path` compressed with gzip at its highest level.
fn gzipped_size(path: &Path) -> Result<u64> {
    let bytes = fs::read(path).with_context(|| format!("Failed to read {}", path.display()))?;
    bundle::gzip_len(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(name: &str, value: f64, unit: &str) -> Figure {
        Figure {
            figure: name.to_owned(),
            value,
            unit: unit.to_owned(),
        }
    }

    fn row<'a>(rows: &'a [Row], label: &str) -> &'a Row {
        rows.iter()
            .find(|row| row.row.starts_with(label))
            .unwrap_or_else(|| panic!("no row {label:?}"))
    }

    #[test]
    fn reads_result_lines_and_ignores_the_rest() {
        let line =
            r#"bench-result {"figure":"list query p95, worst, name","value":1.23,"unit":"ms"}"#;
        assert_eq!(
            parse_result_line(line).unwrap().unwrap(),
            figure("list query p95, worst, name", 1.23, "ms")
        );
        assert!(parse_result_line("search \"m\" (1 chars), by name   p50 0.1 ms").is_none());
        assert!(parse_result_line("  bench-result {}").is_none());
        let broken = parse_result_line(r#"bench-result {"figure":"x","value":"fast"}"#);
        assert!(broken.unwrap().is_err());
    }

    #[test]
    fn a_command_s_figures_are_collected_from_its_output() {
        let script = r#"echo 'seeded 100000 customers'; echo 'bench-result {"figure":"outbox, pooled","value":400.5,"unit":"mails/s"}'"#;
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        let figures = run_collecting(&mut command, "sh -c …").unwrap();
        assert_eq!(figures, vec![figure("outbox, pooled", 400.5, "mails/s")]);

        let mut failing = Command::new("sh");
        failing.args(["-c", "exit 3"]);
        assert!(run_collecting(&mut failing, "sh -c 'exit 3'").is_err());
    }

    #[test]
    fn ratios_are_judged_against_their_goals() {
        let figures = [
            figure("cold start, Keydesk, median of 10", 390.0, "ms"),
            figure("cold start, empty window, median of 10", 300.0, "ms"),
            figure("bulk login generation", 17.0, "logins/s"),
            figure("cores / t_hash", 20.0, "hashes/s"),
            figure("outbox, pooled", 500.0, "mails/s"),
            figure("outbox, one connection per mail", 40.0, "mails/s"),
        ];
        let rows = table_rows(&figures);

        let start = row(&rows, "cold start");
        assert!((start.ratio.unwrap() - 1.3).abs() < 1e-9);
        assert_eq!(start.verdict, Verdict::Met, "exactly at the limit is met");
        assert_eq!(start.goal, "≤ 1.3×");

        let bulk = row(&rows, "bulk login generation");
        assert!((bulk.ratio.unwrap() - 0.85).abs() < 1e-9);
        assert_eq!(bulk.verdict, Verdict::Met);

        let outbox = row(&rows, "outbox");
        assert!((outbox.ratio.unwrap() - 12.5).abs() < 1e-9);
        assert_eq!(outbox.verdict, Verdict::Met);
        assert_eq!(outbox.goal, "≥ 10×");

        let slower = table_rows(&[
            figure("cold start, Keydesk, median of 10", 391.0, "ms"),
            figure("cold start, empty window, median of 10", 300.0, "ms"),
            figure("outbox, pooled", 399.0, "mails/s"),
            figure("outbox, one connection per mail", 40.0, "mails/s"),
        ]);
        assert_eq!(row(&slower, "cold start").verdict, Verdict::NotMet);
        assert_eq!(row(&slower, "outbox").verdict, Verdict::NotMet);
    }

    #[test]
    fn absolute_goals_need_no_baseline_but_ratio_goals_do() {
        let rows = table_rows(&[
            figure("keystroke to painted p95, worst query", 48.0, "ms"),
            figure(
                "memory PSS, Keydesk, 100,000 customers, list open",
                300.0,
                "MiB",
            ),
        ]);
        let keystroke = row(&rows, "keystroke → results painted p95");
        assert_eq!(keystroke.verdict, Verdict::Met);
        assert_eq!(keystroke.ratio, None);
        assert_eq!(keystroke.goal, "≤ 50 ms");

        let memory = row(&rows, "memory (PSS of the process tree), 100,000");
        assert_eq!(memory.verdict, Verdict::Missing);
        assert_eq!(row(&rows, "cold start").verdict, Verdict::Missing);
        assert_eq!(row(&rows, "size: binary").verdict, Verdict::Missing);
    }

    #[test]
    fn the_list_query_has_a_row_per_sort_against_the_like_scan() {
        let rows = table_rows(&[
            figure("list query p95, worst, newest", 0.8, "ms"),
            figure("list query p95, worst, name", 2.5, "ms"),
            figure("list query p95, worst, last_login", 1.9, "ms"),
            figure("list query p95, worst, LIKE scan", 40.0, "ms"),
        ]);
        let list: Vec<&Row> = rows
            .iter()
            .filter(|row| row.row.starts_with("list query"))
            .collect();
        assert_eq!(list.len(), 3, "no row for the LIKE scan itself");
        let verdicts: Vec<(&str, Verdict)> = list
            .iter()
            .map(|row| (row.figure.as_ref().unwrap().figure.as_str(), row.verdict))
            .collect();
        assert_eq!(
            verdicts,
            [
                ("list query p95, worst, newest", Verdict::Met),
                ("list query p95, worst, name", Verdict::NotMet),
                ("list query p95, worst, last_login", Verdict::Met),
            ]
        );
        assert!((list[0].ratio.unwrap() - 0.02).abs() < 1e-9);

        let none = table_rows(&[]);
        let missing = row(&none, "list query");
        assert_eq!(missing.verdict, Verdict::Missing);
    }

    #[test]
    fn reported_figures_show_their_ratio_without_a_verdict() {
        let rows = table_rows(&[
            figure("size, binary, Keydesk", 24.0, "MiB"),
            figure("size, binary, empty window", 8.0, "MiB"),
            figure("CSV import, 10000 rows", 1.5, "s"),
        ]);
        let binary = row(&rows, "size: binary");
        assert_eq!(binary.verdict, Verdict::Reported);
        assert!((binary.ratio.unwrap() - 3.0).abs() < 1e-9);
        let import = row(&rows, "CSV import of 10,000");
        assert_eq!(import.verdict, Verdict::Reported);
        assert_eq!(import.ratio, None);
        assert_eq!(
            row(&rows, "CSV import of 100,000").verdict,
            Verdict::Missing
        );
    }

    #[test]
    fn encryption_is_judged_against_the_plain_database() {
        let rows = table_rows(&[
            figure(
                "encrypted list query p95, worst query of every sort",
                2.2,
                "ms",
            ),
            figure("plain list query p95, worst query of every sort", 2.0, "ms"),
            figure("CSV import, 10000 rows", 1.3, "s"),
            figure("CSV import, 10000 rows, plain", 1.0, "s"),
        ]);
        let list = row(&rows, "encryption: list query");
        assert!((list.ratio.unwrap() - 1.1).abs() < 1e-9);
        assert_eq!(list.verdict, Verdict::Met);
        let import = row(&rows, "encryption: CSV import");
        assert_eq!(import.verdict, Verdict::NotMet);
        assert_eq!(import.goal, "≤ 1.15×");
    }

    #[test]
    fn the_table_shows_figure_baseline_ratio_goal_and_verdict() {
        let table = format_table(&table_rows(&[
            figure("outbox, pooled", 512.0, "mails/s"),
            figure("outbox, one connection per mail", 25.0, "mails/s"),
        ]));
        let line = table
            .lines()
            .find(|line| line.contains("outbox"))
            .expect("an outbox line");
        assert_eq!(
            line,
            "| outbox: 1,000 mails pooled vs one connection per mail | 512 mails/s \
             | 25.0 mails/s | 20.48× | ≥ 10× | met |"
        );
        assert!(table.lines().next().unwrap().starts_with("| figure |"));
    }

    #[test]
    fn gzip_shrinks_repetitive_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ui.wasm");
        fs::write(&path, vec![b'a'; 100_000]).unwrap();
        let size = gzipped_size(&path).unwrap();
        assert!(size > 0 && size < 1_000, "{size}");
    }

    #[test]
    fn finds_the_one_wasm_and_the_newest_deb() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("index.html"), "").unwrap();
        assert_eq!(only_file_ending(dir.path(), ".wasm").unwrap(), None);
        fs::write(dir.path().join("keydesk-ui_bg.wasm"), "").unwrap();
        assert_eq!(
            only_file_ending(dir.path(), ".wasm").unwrap(),
            Some(dir.path().join("keydesk-ui_bg.wasm"))
        );
        fs::write(dir.path().join("other_bg.wasm"), "").unwrap();
        assert!(only_file_ending(dir.path(), ".wasm").is_err());

        fs::write(dir.path().join("keydesk-empty-window_0.1.0_amd64.deb"), "").unwrap();
        assert_eq!(
            newest_file_starting(dir.path(), "Keydesk_", ".deb").unwrap(),
            None
        );
        fs::write(dir.path().join("Keydesk_0.1.0_amd64.deb"), "").unwrap();
        assert_eq!(
            newest_file_starting(dir.path(), "Keydesk_", ".deb").unwrap(),
            Some(dir.path().join("Keydesk_0.1.0_amd64.deb"))
        );
        assert_eq!(
            newest_file_starting(&dir.path().join("missing"), "Keydesk_", ".deb").unwrap(),
            None
        );
    }
}
