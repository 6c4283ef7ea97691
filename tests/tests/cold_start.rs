//! Measurement, not a test: how long Keydesk takes from being started to its first
//! interactive screen (the create-owner form, on a fresh data directory), and how much
//! memory its processes take then, next to an empty Tauri + Yew window built the same way
//! (`$KEYDESK_EMPTY_WINDOW_APP`, from `bench/empty-window`).
//!
//! Both are started the same way, alternately, each on a fresh data directory: through
//! tauri-driver (already listening) from the WebDriver new-session request until the
//! first screen's element is found (polled over WebDriver). So both figures include
//! WebKitWebDriver attaching to the window; the files are in the OS cache (one start of
//! each, not counted, comes first). `cargo xtask bench` has both paint on the CPU
//! (`WEBKIT_SKIA_ENABLE_CPU_RENDERING=1`, unless set already), which Keydesk chooses by
//! itself on a machine without a GPU and the empty window would not.
//!
//! Ignored by default; `cargo xtask bench` runs it against the release builds.

// Memory is read from /proc.
#![cfg(target_os = "linux")]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use keydesk_e2e::{bench, Harness};

const RUNS: usize = 10;
/// How long a start may take before the measurement gives up.
const START_TIMEOUT: Duration = Duration::from_secs(60);

struct App {
    name: &'static str,
    binary: PathBuf,
    /// An element of the first screen a person can use.
    first_screen: &'static str,
}

struct Start {
    to_first_screen: Duration,
    pss_bytes: u64,
}

fn app_from_env(variable: &str) -> PathBuf {
    std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("{variable} is not set: run this through `cargo xtask bench`"))
}

async fn start(app: &App) -> Start {
    let harness = Harness::start_program(&app.binary).await;
    while !harness.is_present(app.first_screen).await {
        assert!(
            harness.session_requested().elapsed() < START_TIMEOUT,
            "{}: `{}` did not appear within {START_TIMEOUT:?}",
            app.name,
            app.first_screen
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let to_first_screen = harness.session_requested().elapsed();
    Start {
        to_first_screen,
        pss_bytes: harness
            .memory_pss_bytes()
            .expect("Linux tells each process's PSS"),
    }
}

fn median<T: Ord + Copy>(mut values: Vec<T>) -> T {
    values.sort_unstable();
    values[values.len() / 2]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run with `cargo xtask bench`"]
async fn start_to_first_screen_and_memory_next_to_an_empty_window() {
    let apps = [
        App {
            name: "empty window",
            binary: app_from_env("KEYDESK_EMPTY_WINDOW_APP"),
            first_screen: "#ready",
        },
        App {
            name: "Keydesk",
            binary: app_from_env("KEYDESK_APP"),
            first_screen: "#create-owner-title",
        },
    ];
    for app in &apps {
        start(app).await;
    }
    let mut starts: Vec<Vec<Start>> = apps.iter().map(|_| Vec::new()).collect();
    let began = Instant::now();
    for run in 1..=RUNS {
        for (app, starts) in apps.iter().zip(&mut starts) {
            let measured = start(app).await;
            println!(
                "run {run:>2}  {:<13} {:>6.1} ms to the first screen, PSS {:>6.1} MiB",
                app.name,
                measured.to_first_screen.as_secs_f64() * 1e3,
                mib(measured.pss_bytes)
            );
            starts.push(measured);
        }
    }
    println!(
        "{RUNS} starts of each, alternately, in {:.1} s",
        began.elapsed().as_secs_f64()
    );
    for (app, starts) in apps.iter().zip(starts) {
        let time = median(starts.iter().map(|s| s.to_first_screen).collect());
        let pss = median(starts.iter().map(|s| s.pss_bytes).collect());
        bench::result(
            &format!("cold start, {}, median of {RUNS}", app.name),
            time.as_secs_f64() * 1e3,
            "ms",
        );
        bench::result(
            &format!("memory PSS at the first screen, {}", app.name),
            mib(pss),
            "MiB",
        );
    }
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
