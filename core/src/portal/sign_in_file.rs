//! The portal's sign-in file: one line per sign-in, `email, time[, IP]` (separated by
//! commas, semicolons or tabs, as the first line is).
//!
//! A first line naming the columns (`email`, `time`, `ip`, in any order) is optional;
//! without one the columns are read in that order. Times are RFC 3339
//! (`2026-11-28T09:15:00Z`, any offset) or a date and time without an offset, read as
//! UTC. A line that cannot be read is reported with its number and skipped; the others
//! are recorded.

use crate::csv_text::{sniff_delimiter, LineCounter};
use crate::said::Said;
use chrono::{DateTime, NaiveDateTime, SubsecRound as _, Utc};
use std::net::IpAddr;

/// One sign-in the file reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignIn {
    pub line: u64,
    /// As written, trimmed; matched to customers whatever its case.
    pub email: String,
    pub at: DateTime<Utc>,
    pub ip: Option<IpAddr>,
}

/// A line that is not a sign-in, and why, for the person who chose the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: u64,
    pub message: Said,
}

/// The file, read.
#[derive(Debug, Default)]
pub struct SignInFile {
    pub sign_ins: Vec<SignIn>,
    pub problems: Vec<LineProblem>,
}

/// Where each column is.
struct Columns {
    email: usize,
    time: usize,
    ip: Option<usize>,
}

/// Reads the file's text; `now` refuses sign-ins from the future (beyond a few minutes
/// of clock difference). Fails only when the text is not CSV at all.
pub fn read(text: &str, now: DateTime<Utc>) -> Result<SignInFile, Said> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut file = SignInFile::default();
    let mut columns = None;
    let latest = now + chrono::Duration::minutes(5);
    let mut lines = LineCounter::new(text);
    for record in reader.records() {
        let record = record.map_err(|error| {
            let line = error.position().map_or(0, csv::Position::line);
            Said::id("error-portal-sign-ins-not-csv")
                .arg("line", i64::try_from(line).unwrap_or(i64::MAX))
        })?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = lines.line_of(&record);
        let columns = match &columns {
            Some(columns) => columns,
            None => {
                let (found, is_header) = columns_of(&record);
                if !is_header && !record.get(found.email).unwrap_or_default().contains('@') {
                    return Err(Said::id("error-portal-sign-ins-no-columns").arg(
                        "found",
                        shorten(&record.iter().collect::<Vec<_>>().join(", ")),
                    ));
                }
                columns = Some(found);
                if is_header {
                    continue;
                }
                columns.as_ref().expect("just set")
            }
        };
        match sign_in(&record, columns, latest) {
            Ok((email, at, ip)) => file.sign_ins.push(SignIn {
                line,
                email,
                at,
                ip,
            }),
            Err(message) => file.problems.push(LineProblem { line, message }),
        }
    }
    Ok(file)
}

/// The columns a first line names, and whether it was a line of names at all.
fn columns_of(first: &csv::StringRecord) -> (Columns, bool) {
    let named = |names: &[&str]| {
        first.iter().position(|cell| {
            let cell = cell.to_ascii_lowercase().replace(['-', ' '], "_");
            names.contains(&cell.as_str())
        })
    };
    let email = named(&["email", "e_mail", "mail", "email_address", "e_mail_address"]);
    // A name that says "time" before one that may name a date alone.
    let time = named(&[
        "time",
        "signed_in_at",
        "sign_in_time",
        "signed_in",
        "login_time",
        "logged_in_at",
        "timestamp",
        "datetime",
        "date_time",
        "at",
        "when",
    ])
    .or_else(|| named(&["date"]));
    match (email, time) {
        (Some(email), Some(time)) => (
            Columns {
                email,
                time,
                ip: named(&["ip", "ip_address", "address"]),
            },
            true,
        ),
        _ => (
            Columns {
                email: 0,
                time: 1,
                ip: Some(2),
            },
            false,
        ),
    }
}

type Read = (String, DateTime<Utc>, Option<IpAddr>);

fn sign_in(
    record: &csv::StringRecord,
    columns: &Columns,
    latest: DateTime<Utc>,
) -> Result<Read, Said> {
    let email = record.get(columns.email).unwrap_or_default();
    if email.is_empty() {
        return Err(Said::id("error-portal-sign-in-no-email"));
    }
    if !email.contains('@') || email.chars().count() > 254 {
        return Err(Said::id("error-portal-sign-in-not-an-email").arg("found", shorten(email)));
    }
    let time = record.get(columns.time).unwrap_or_default();
    let at = parse_time(time)
        .ok_or_else(|| Said::id("error-portal-sign-in-not-a-time").arg("found", shorten(time)))?;
    if at > latest {
        return Err(Said::id("error-portal-sign-in-in-future").arg("time", at.to_rfc3339()));
    }
    let ip =
        match columns.ip.and_then(|i| record.get(i)).unwrap_or_default() {
            "" => None,
            ip => Some(ip.parse::<IpAddr>().map_err(|_| {
                Said::id("error-portal-sign-in-not-an-ip").arg("found", shorten(ip))
            })?),
        };
    Ok((email.to_owned(), at, ip))
}

/// The time, to the second: a sign-in is one customer at one second.
fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let at = match DateTime::parse_from_rfc3339(text) {
        Ok(at) => at.with_timezone(&Utc),
        Err(_) => [
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())?
        .and_utc(),
    };
    Some(at.trunc_subsecs(0))
}

/// At most 40 characters of what was found, for a message.
fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::in_english;

    fn now() -> DateTime<Utc> {
        "2026-12-01T12:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_named_first_line_sets_the_columns_in_any_order() {
        let text = "IP,Signed in at,Email\n203.0.113.9,2026-11-28T09:15:00+01:00,Ana@Example.com\n";
        let file = read(text, now()).unwrap();
        assert_eq!(file.problems, vec![]);
        assert_eq!(
            file.sign_ins,
            vec![SignIn {
                line: 2,
                email: "Ana@Example.com".into(),
                at: "2026-11-28T08:15:00Z".parse().unwrap(),
                ip: Some("203.0.113.9".parse().unwrap()),
            }]
        );
    }

    #[test]
    fn without_names_the_columns_are_email_time_ip_and_ip_is_optional() {
        let text = "ana@example.com,2026-11-28 09:15:00\r\n\r\nbo@example.com, 2026-11-29T10:00:00Z ,2001:db8::1\n";
        let file = read(text, now()).unwrap();
        assert_eq!(file.sign_ins.len(), 2);
        assert_eq!(file.sign_ins[0].ip, None);
        assert_eq!(file.sign_ins[1].line, 3);
        assert_eq!(file.sign_ins[1].ip, Some("2001:db8::1".parse().unwrap()));
    }

    #[test]
    fn bad_lines_are_reported_with_their_number_and_the_rest_is_kept() {
        let text = "email,time,ip\n\
                    ana@example.com,yesterday,\n\
                    ,2026-11-28T09:15:00Z\n\
                    bo@example.com,2026-11-28T09:15:00Z,999.1.1.1\n\
                    cy@example.com,2027-01-01T00:00:00Z\n\
                    di@example.com,2026-11-28T09:15:00Z\n";
        let file = read(text, now()).unwrap();
        let lines: Vec<u64> = file.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5]);
        assert!(in_english(&file.problems[0].message).contains("“yesterday” is not a time"));
        assert!(in_english(&file.problems[3].message).contains("in the future"));
        assert_eq!(file.sign_ins.len(), 1);
        assert_eq!(file.sign_ins[0].email, "di@example.com");
    }

    #[test]
    fn a_first_line_of_unknown_names_is_refused_not_read_as_a_sign_in() {
        let refused = read(
            "Customer,When did they come\nana@example.com,2026-11-28T09:15:00Z\n",
            now(),
        );
        assert!(in_english(&refused.unwrap_err()).contains("names no email and time columns"));
    }

    #[test]
    fn the_same_second_written_another_way_is_the_same_sign_in() {
        let text =
            "ana@example.com,2026-11-28T09:15:00.250Z\nana@example.com,2026-11-28 10:15:00+01:00\n";
        let file = read(text, now()).unwrap();
        assert_eq!(file.sign_ins[0].at, file.sign_ins[1].at);
        let bad = read("email,time\nana.example.com,2026-11-28T09:15:00Z\n", now()).unwrap();
        assert_eq!(
            in_english(&bad.problems[0].message),
            "“ana.example.com” is not an email address."
        );
    }

    #[test]
    fn a_line_with_a_stray_quote_is_still_read_or_refused_without_panicking() {
        for text in [
            "\"ana@example.com,2026-11-28T09:15:00Z\n",
            "a\"b,c\n",
            "\u{feff}x\n",
        ] {
            let _ = read(text, now());
        }
    }
}
