//! Figures for `cargo xtask bench`, which runs the measurements among the e2e tests
//! (ignored by default) and reads these lines from their output.

/// Prints `bench-result {"figure":…,"value":…,"unit":…}`: one measured figure.
pub fn result(figure: &str, value: f64, unit: &str) {
    let line = serde_json::json!({ "figure": figure, "value": value, "unit": unit });
    println!("bench-result {line}");
}
