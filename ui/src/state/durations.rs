//! How long ago, or how long until, in the largest whole unit that fits.

const MINUTE: f64 = 60_000.0;
const HOUR: f64 = 60.0 * MINUTE;
const DAY: f64 = 24.0 * HOUR;

/// `(below, unit size, unit)`: a span under `below` is counted in that unit; the last unit
/// takes the rest.
type Units = [(f64, f64, &'static str)];

const AGO: &Units = &[
    (HOUR, MINUTE, "min"),
    (DAY, HOUR, "hour"),
    (14.0 * DAY, DAY, "day"),
    (61.0 * DAY, 7.0 * DAY, "week"),
    (730.0 * DAY, 30.44 * DAY, "month"),
    (f64::INFINITY, 365.25 * DAY, "year"),
];

const AHEAD: &Units = &[
    (HOUR, MINUTE, "min"),
    (2.0 * DAY, HOUR, "hour"),
    (f64::INFINITY, DAY, "day"),
];

/// "1 hour", "3 days", "5 min" (minutes have no plural).
fn in_units(ms: f64, units: &Units) -> String {
    let &(_, size, unit) = units
        .iter()
        .find(|(below, ..)| ms < *below)
        .unwrap_or(&units[units.len() - 1]);
    let n = (ms / size).floor() as i64;
    if n == 1 || unit == "min" {
        format!("{n} {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// How long ago ("3 days ago"); the exact time goes in a tooltip.
pub fn ago(elapsed_ms: f64) -> String {
    let elapsed = elapsed_ms.max(0.0);
    if elapsed < MINUTE {
        "Just now".to_owned()
    } else {
        format!("{} ago", in_units(elapsed, AGO))
    }
}

/// "in 6 days", "in 5 hours", "in 12 min", "now" for a time still ahead.
pub fn expires_in(ms_left: f64) -> String {
    if ms_left < MINUTE {
        "now".to_owned()
    } else {
        format!("in {}", in_units(ms_left, AHEAD))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_logins_read_as_how_long_ago() {
        const MIN: f64 = 60_000.0;
        const DAY: f64 = 24.0 * 60.0 * MIN;
        assert_eq!(ago(-5.0), "Just now", "a clock slightly ahead");
        assert_eq!(ago(30_000.0), "Just now");
        assert_eq!(ago(5.0 * MIN), "5 min ago");
        assert_eq!(ago(61.0 * MIN), "1 hour ago");
        assert_eq!(ago(23.0 * 60.0 * MIN), "23 hours ago");
        assert_eq!(ago(DAY), "1 day ago");
        assert_eq!(ago(13.5 * DAY), "13 days ago");
        assert_eq!(ago(14.0 * DAY), "2 weeks ago");
        assert_eq!(ago(70.0 * DAY), "2 months ago");
        assert_eq!(ago(800.0 * DAY), "2 years ago");
    }

    #[test]
    fn expiry_reads_as_time_left() {
        assert_eq!(expires_in(6.5 * 86_400_000.0), "in 6 days");
        assert_eq!(expires_in(30.0 * 3_600_000.0), "in 30 hours");
        assert_eq!(expires_in(90_000.0), "in 1 min");
        assert_eq!(expires_in(10.0), "now");
    }
}
