//! The dashboard's funnel as a person reads it: each step's count and share of the
//! customers created, and the weekly chart's bars.

use keydesk_api::{Funnel, FunnelCounts, FunnelWeek};

use crate::words::Words;

/// One step of the funnel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The element id's last word (`funnel-step-<key>`).
    pub key: &'static str,
    /// The message naming it.
    pub name: &'static str,
    /// The message of its bar in a week of the chart.
    pub bar: &'static str,
    pub count: i64,
    /// Of the customers created, rounded; 0 when none were.
    pub percent: i64,
}

/// Each step's key, its message and the message of its bar in a week of the chart.
const STEPS: [(&str, &str, &str); 4] = [
    ("created", "funnel-created", "funnel-bar-created"),
    (
        "handed-over",
        "funnel-handed-over",
        "funnel-bar-handed-over",
    ),
    ("verified", "funnel-verified", "funnel-bar-verified"),
    ("signed-in", "funnel-signed-in", "funnel-bar-signed-in"),
];

/// The four steps, in order.
pub fn steps(counts: &FunnelCounts) -> Vec<Step> {
    let share = |n: i64| {
        if counts.created == 0 {
            0
        } else {
            (n * 100 + counts.created / 2) / counts.created
        }
    };
    let sizes = [
        counts.created,
        counts.handed_over,
        counts.verified,
        counts.signed_in,
    ];
    STEPS
        .into_iter()
        .zip(sizes)
        .map(|((key, name, bar), count)| Step {
            key,
            name,
            bar,
            count,
            percent: share(count),
        })
        .collect()
}

/// "Phone 12 · Email 10".
pub fn channels_text(words: &Words, funnel: &Funnel) -> String {
    funnel
        .by_channel
        .iter()
        .map(|c| {
            let channel = words.name(c.channel);
            let n = words.number(c.customers);
            words.t_with("funnel-channel", &[("channel", &channel), ("n", &n)])
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The chart's drawing area, in SVG user units.
pub const CHART_WIDTH: f64 = 640.0;
pub const CHART_HEIGHT: f64 = 160.0;
/// Room under the bars for the weeks' dates.
pub const CHART_LABELS: f64 = 20.0;

/// One bar of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Which step (0 created … 3 signed in): its colour.
    pub step: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub count: i64,
    /// The message of its tooltip, "Week of 2026-11-30: 12 customers created".
    pub message: &'static str,
}

impl Bar {
    /// Its tooltip, in the week starting on `week` (written as the person reads dates).
    pub fn title(&self, words: &Words, week: &str) -> String {
        let n = words.number(self.count);
        words.t_with(self.message, &[("week", week), ("n", &n)])
    }
}

/// A week's group of four bars and where its date goes.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekBars {
    /// The week's Monday, `YYYY-MM-DD`.
    pub starts: String,
    pub label_x: f64,
    pub bars: Vec<Bar>,
}

/// The bars of each week, scaled to the week with the most customers created.
pub fn chart(weeks: &[FunnelWeek]) -> Vec<WeekBars> {
    let highest = weeks
        .iter()
        .map(|w| w.counts.created)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = CHART_WIDTH / weeks.len().max(1) as f64;
    let bar = (slot * 0.8 / 4.0).min(28.0);
    let plot = CHART_HEIGHT - CHART_LABELS;
    weeks
        .iter()
        .enumerate()
        .map(|(i, week)| {
            let group = bar * 4.0;
            let left = slot * i as f64 + (slot - group) / 2.0;
            let bars = steps(&week.counts)
                .into_iter()
                .enumerate()
                .map(|(step, s)| {
                    let height = plot * s.count as f64 / highest;
                    Bar {
                        step,
                        x: left + bar * step as f64,
                        y: plot - height,
                        width: bar - 2.0,
                        height,
                        count: s.count,
                        message: s.bar,
                    }
                })
                .collect();
            WeekBars {
                starts: week.starts.clone(),
                label_x: slot * i as f64 + slot / 2.0,
                bars,
            }
        })
        .collect()
}

/// "2026-11-30" → "Nov 30": a week's label under the chart of an English window in the
/// Gregorian calendar (any other is written by the browser, which knows the calendars).
pub fn short_date(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = date.split('-').skip(1);
    match (
        parts.next().and_then(|m| m.parse::<usize>().ok()),
        parts.next().and_then(|d| d.parse::<u32>().ok()),
    ) {
        (Some(month @ 1..=12), Some(day)) => format!("{} {day}", MONTHS[month - 1]),
        _ => date.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(created: i64, handed_over: i64, verified: i64, signed_in: i64) -> FunnelCounts {
        FunnelCounts {
            created,
            handed_over,
            verified,
            signed_in,
        }
    }

    #[test]
    fn each_step_is_a_share_of_the_customers_created() {
        let percents: Vec<i64> = steps(&counts(3, 2, 1, 0))
            .iter()
            .map(|s| s.percent)
            .collect();
        assert_eq!(percents, vec![100, 67, 33, 0]);
        assert!(steps(&counts(0, 0, 0, 0)).iter().all(|s| s.percent == 0));
    }

    #[test]
    fn the_tallest_bar_is_the_busiest_weeks_created_and_the_rest_scale_to_it() {
        let weeks = vec![
            FunnelWeek {
                starts: "2026-11-23".into(),
                counts: counts(2, 1, 0, 0),
            },
            FunnelWeek {
                starts: "2026-11-30".into(),
                counts: counts(4, 4, 2, 1),
            },
        ];
        let drawn = chart(&weeks);
        assert_eq!(short_date(&drawn[0].starts), "Nov 23");
        let plot = CHART_HEIGHT - CHART_LABELS;
        assert_eq!(drawn[1].bars[0].height, plot);
        assert_eq!(drawn[1].bars[2].height, plot / 2.0);
        assert_eq!(drawn[0].bars[0].height, plot / 2.0);
        assert!(
            drawn[0].bars[3].x < drawn[1].bars[0].x,
            "weeks do not overlap"
        );
        let en = Words::new(crate::words::speaking(keydesk_api::Language::En));
        assert_eq!(
            drawn[1].bars[2].title(&en, &drawn[1].starts),
            "Week of 2026-11-30: 2 email verified"
        );
    }

    #[test]
    fn the_channels_read_as_names_and_counts_in_the_persons_language() {
        use keydesk_api::{ChannelCount, FunnelPeriod, HandoffChannel, Language};
        let funnel = Funnel {
            period: FunnelPeriod::Month,
            staff_id: None,
            counts: counts(22, 22, 0, 0),
            by_channel: vec![
                ChannelCount {
                    channel: HandoffChannel::Phone,
                    customers: 12,
                },
                ChannelCount {
                    channel: HandoffChannel::Email,
                    customers: 10,
                },
            ],
            weeks: Vec::new(),
            oldest_waiting: Vec::new(),
        };
        let en = Words::new(crate::words::speaking(Language::En));
        assert_eq!(channels_text(&en, &funnel), "Phone 12 · Email 10");
        let fa = Words::new(crate::words::speaking(Language::Fa));
        let persian = channels_text(&fa, &funnel);
        assert!(
            persian.contains("تلفن") && persian.contains("۱۲"),
            "{persian}"
        );
    }
}
