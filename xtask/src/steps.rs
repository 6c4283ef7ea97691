//! Named, timed steps and the summary printed at the end of a command.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use anyhow::Result;

enum Outcome {
    Passed,
    Failed,
    Skipped(String),
}

struct Record {
    name: String,
    took: Duration,
    outcome: Outcome,
}

/// The steps a command ran, in order, with their outcome and duration.
#[derive(Default)]
pub struct Steps {
    records: Vec<Record>,
}

impl Steps {
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs one step: prints its name, runs it, prints how long it took and whether it passed.
    pub fn run<T>(&mut self, name: &str, step: impl FnOnce() -> Result<T>) -> Result<T> {
        println!("\n==> {name}");
        let started = Instant::now();
        let result = step();
        let took = started.elapsed();
        let outcome = match &result {
            Ok(_) => {
                println!("    ok: {name} ({})", format_duration(took));
                Outcome::Passed
            }
            Err(err) => {
                println!("    FAILED: {name} ({}): {err:#}", format_duration(took));
                Outcome::Failed
            }
        };
        self.records.push(Record {
            name: name.to_owned(),
            took,
            outcome,
        });
        result
    }

    /// Records a step that was not run, and why.
    pub fn skip(&mut self, name: &str, reason: &str) {
        println!("\n==> {name}: skipped ({reason})");
        self.records.push(Record {
            name: name.to_owned(),
            took: Duration::ZERO,
            outcome: Outcome::Skipped(reason.to_owned()),
        });
    }

    pub fn any_failed(&self) -> bool {
        self.records
            .iter()
            .any(|record| matches!(record.outcome, Outcome::Failed))
    }

    /// One line per step: outcome, duration, name.
    pub fn summary(&self) -> String {
        let mut out = String::from("\nSummary\n");
        let mut total = Duration::ZERO;
        for record in &self.records {
            total += record.took;
            let (word, note) = match &record.outcome {
                Outcome::Passed => ("ok", String::new()),
                Outcome::Failed => ("FAILED", String::new()),
                Outcome::Skipped(reason) => ("skipped", format!(" ({reason})")),
            };
            let _ = writeln!(
                out,
                "  {word:<8}{:>9}  {}{note}",
                format_duration(record.took),
                record.name
            );
        }
        let verdict = if self.any_failed() { "FAILED" } else { "ok" };
        let _ = write!(out, "  {verdict:<8}{:>9}  total", format_duration(total));
        out
    }
}

pub fn format_duration(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs < 1.0 {
        format!("{} ms", duration.as_millis())
    } else if secs < 60.0 {
        format!("{secs:.1} s")
    } else {
        let whole = duration.as_secs();
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_well() {
        assert_eq!(format_duration(Duration::from_millis(42)), "42 ms");
        assert_eq!(format_duration(Duration::from_millis(1234)), "1.2 s");
        assert_eq!(format_duration(Duration::from_secs(61)), "1m01s");
        assert_eq!(format_duration(Duration::from_secs(16 * 60 + 5)), "16m05s");
    }

    #[test]
    fn summary_lists_every_step_and_the_verdict() {
        let mut steps = Steps::new();
        steps.run("fmt", || Ok(())).unwrap();
        let _ = steps.run("clippy", || -> Result<()> { anyhow::bail!("lint") });
        steps.skip("e2e tests", "the app did not build");
        let summary = steps.summary();
        assert!(summary.contains("ok") && summary.contains("fmt"));
        assert!(summary.contains("FAILED") && summary.contains("clippy"));
        assert!(summary.contains("skipped") && summary.contains("the app did not build"));
        assert!(summary.trim_end().ends_with("total"));
        assert!(steps.any_failed());
    }
}
