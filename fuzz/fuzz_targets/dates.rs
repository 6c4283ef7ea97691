//! Any text as a birth date, on any day as "today": never a panic; what is accepted lies
//! between 1900-01-01 and today and reads back from its ISO form as the same day.

#![no_main]

use arbitrary::Arbitrary;
use chrono::{Days, NaiveDate};
use keydesk_core::domain::BirthDate;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    /// Today, in days after 1900-01-01 (up to about the year 2120).
    today: u16,
    raw: &'a str,
}

fuzz_target!(|input: Input<'_>| {
    let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a date");
    let today = earliest + Days::new(u64::from(input.today) % 80_000);
    match BirthDate::parse("birth_date", input.raw, today) {
        Ok(birth) => {
            let day = birth.date();
            assert!(earliest <= day && day <= today, "{day} accepted on {today}");
            let iso = day.format("%Y-%m-%d").to_string();
            let again = BirthDate::parse("birth_date", &iso, today)
                .unwrap_or_else(|e| panic!("{iso} was accepted, then refused: {e}"));
            assert_eq!(again, birth);
        }
        Err(refused) => assert_eq!(refused.field, "birth_date"),
    }
});
