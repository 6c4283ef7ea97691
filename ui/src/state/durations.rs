//! How long ago, or how long until, in the largest whole unit that fits.

use keydesk_api::{Language, WindowPreferences};

use crate::words::Words;

const MINUTE: f64 = 60_000.0;
const HOUR: f64 = 60.0 * MINUTE;
const DAY: f64 = 24.0 * HOUR;

/// `ms` in whole units of `size`, said by the plural message `id` ("3 days ago").
fn whole(words: &Words, id: &str, ms: f64, size: f64) -> String {
    words.count(id, (ms / size).floor() as i64)
}

/// How long ago ("3 days ago"); the exact time goes in a tooltip.
pub fn ago_in(words: &Words, elapsed_ms: f64) -> String {
    let ms = elapsed_ms.max(0.0);
    if ms < MINUTE {
        words.t("duration-just-now")
    } else if ms < HOUR {
        whole(words, "duration-minutes-ago", ms, MINUTE)
    } else if ms < DAY {
        whole(words, "duration-hours-ago", ms, HOUR)
    } else if ms < 14.0 * DAY {
        whole(words, "duration-days-ago", ms, DAY)
    } else if ms < 61.0 * DAY {
        whole(words, "duration-weeks-ago", ms, 7.0 * DAY)
    } else if ms < 730.0 * DAY {
        whole(words, "duration-months-ago", ms, 30.44 * DAY)
    } else {
        whole(words, "duration-years-ago", ms, 365.25 * DAY)
    }
}

thread_local! {
    /// Parsed once: [`ago`] runs for every row of a list.
    static ENGLISH: Words = Words::new(WindowPreferences {
        language: Language::En,
        ..WindowPreferences::default()
    });
}

/// [`ago_in`] in English, for the screens whose words are not in the catalogue yet.
pub fn ago(elapsed_ms: f64) -> String {
    ENGLISH.with(|english| ago_in(english, elapsed_ms))
}

/// "in 6 days", "in 5 hours", "in 12 min", "now" for a time still ahead.
pub fn expires_in(words: &Words, ms_left: f64) -> String {
    if ms_left < MINUTE {
        words.t("duration-now")
    } else if ms_left < HOUR {
        whole(words, "duration-in-minutes", ms_left, MINUTE)
    } else if ms_left < 2.0 * DAY {
        whole(words, "duration-in-hours", ms_left, HOUR)
    } else {
        whole(words, "duration-in-days", ms_left, DAY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::speaking;

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
        let fa = Words::new(speaking(Language::Fa));
        let persian = ago_in(&fa, 13.5 * DAY);
        assert!(
            persian.contains("۱۳") && persian.ends_with("روز پیش"),
            "{persian}"
        );
    }

    #[test]
    fn expiry_reads_as_time_left() {
        let en = Words::new(speaking(Language::En));
        assert_eq!(expires_in(&en, 6.5 * 86_400_000.0), "in 6 days");
        assert_eq!(expires_in(&en, 30.0 * 3_600_000.0), "in 30 hours");
        assert_eq!(expires_in(&en, 90_000.0), "in 1 min");
        assert_eq!(expires_in(&en, 10.0), "now");
    }
}
