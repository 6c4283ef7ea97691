//! How long ago, or how long until, in the largest whole unit that fits.

const MINUTE: f64 = 60_000.0;
const HOUR: f64 = 60.0 * MINUTE;
const DAY: f64 = 24.0 * HOUR;

/// `ms` in whole units of `size`: "1 hour", "3 days", "5 min" (minutes have no plural).
fn whole(ms: f64, size: f64, unit: &str) -> String {
    let n = (ms / size).floor() as i64;
    if n == 1 || unit == "min" {
        format!("{n} {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// How long ago ("3 days ago"); the exact time goes in a tooltip.
pub fn ago(elapsed_ms: f64) -> String {
    let ms = elapsed_ms.max(0.0);
    let span = if ms < MINUTE {
        return "Just now".to_owned();
    } else if ms < HOUR {
        whole(ms, MINUTE, "min")
    } else if ms < DAY {
        whole(ms, HOUR, "hour")
    } else if ms < 14.0 * DAY {
        whole(ms, DAY, "day")
    } else if ms < 61.0 * DAY {
        whole(ms, 7.0 * DAY, "week")
    } else if ms < 730.0 * DAY {
        whole(ms, 30.44 * DAY, "month")
    } else {
        whole(ms, 365.25 * DAY, "year")
    };
    format!("{span} ago")
}

/// "in 6 days", "in 5 hours", "in 12 min", "now" for a time still ahead.
pub fn expires_in(ms_left: f64) -> String {
    let span = if ms_left < MINUTE {
        return "now".to_owned();
    } else if ms_left < HOUR {
        whole(ms_left, MINUTE, "min")
    } else if ms_left < 2.0 * DAY {
        whole(ms_left, HOUR, "hour")
    } else {
        whole(ms_left, DAY, "day")
    };
    format!("in {span}")
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
