//! Which backups a folder keeps: the newest of each of the last 7 days that have one,
//! and the newest of each of the last 4 weeks that have one (days and ISO weeks in UTC,
//! as the file names are). Everything else made by Keydesk is removed after each new
//! backup; files of other names are never touched.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::BTreeSet;

pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;

/// The indexes of `made_at` (any order) that are not kept.
pub fn to_remove(made_at: &[DateTime<Utc>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..made_at.len()).collect();
    // Newest first, so the first seen of each day or week is its newest.
    order.sort_by(|a, b| made_at[*b].cmp(&made_at[*a]));
    let mut days: BTreeSet<NaiveDate> = BTreeSet::new();
    let mut weeks: BTreeSet<(i32, u32)> = BTreeSet::new();
    let mut remove = Vec::new();
    for index in order {
        let day = made_at[index].date_naive();
        let week = (day.iso_week().year(), day.iso_week().week());
        let mut keep = false;
        if !days.contains(&day) && days.len() < KEEP_DAILY {
            days.insert(day);
            keep = true;
        }
        if !weeks.contains(&week) && weeks.len() < KEEP_WEEKLY {
            weeks.insert(week);
            keep = true;
        }
        if !keep {
            remove.push(index);
        }
    }
    remove.sort_unstable();
    remove
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_backup_a_day_for_two_months_keeps_seven_days_and_four_weeks() {
        // Monday 2026-10-05 to Sunday 2026-11-29, one backup at 09:00 each day.
        let first = at("2026-10-05T09:00:00Z");
        let made: Vec<_> = (0..56).map(|d| first + Duration::days(d)).collect();
        let removed = to_remove(&made);
        let kept: Vec<String> = (0..made.len())
            .filter(|i| !removed.contains(i))
            .map(|i| made[i].format("%Y-%m-%d").to_string())
            .collect();
        // The last 7 days, and the newest (Sunday) of the 4 newest weeks: the last week's
        // Sunday is one of the 7 days, so three more weeks reach back.
        assert_eq!(
            kept,
            [
                "2026-11-08",
                "2026-11-15",
                "2026-11-22",
                "2026-11-23",
                "2026-11-24",
                "2026-11-25",
                "2026-11-26",
                "2026-11-27",
                "2026-11-28",
                "2026-11-29",
            ]
        );
    }

    #[test]
    fn several_backups_in_a_day_keep_the_newest_of_that_day() {
        let made = [
            at("2026-12-01T08:00:00Z"),
            at("2026-12-01T17:30:00Z"),
            at("2026-12-01T12:00:00Z"),
        ];
        assert_eq!(to_remove(&made), [0, 2]);
    }

    #[test]
    fn few_backups_are_all_kept() {
        let made = [at("2026-11-01T08:00:00Z"), at("2026-12-01T08:00:00Z")];
        assert!(to_remove(&made).is_empty());
        assert!(to_remove(&[]).is_empty());
    }
}
