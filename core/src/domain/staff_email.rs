use super::FieldError;
use crate::said::Said;
use std::str::FromStr;

/// A staff member's sign-in email: syntactically valid, trimmed and lower-cased, so
/// `Olivia@Agency.test` and `olivia@agency.test` are the same account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StaffEmail(String);

const MAX_LEN: usize = 254;

impl StaffEmail {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        normalise_email(field, raw).map(Self)
    }
}

/// Checks an email address with the `email_address` crate (RFC 5322 syntax) and asks
/// for a domain a mail can be delivered to (see [`is_host_name`]); returns it trimmed and
/// lower-cased.
pub(super) fn normalise_email(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(FieldError::new(
            field,
            Said::id("error-field-email-missing"),
        ));
    }
    // Checked as it is kept: lower-casing can change an address (`İ` becomes `i` and a
    // combining dot), and what is kept must read back as itself.
    let lowered = trimmed.to_lowercase();
    if lowered.len() > MAX_LEN {
        return Err(FieldError::new(
            field,
            Said::id("error-field-email-too-long"),
        ));
    }
    match email_address::EmailAddress::from_str(&lowered) {
        Ok(parsed) if is_host_name(parsed.domain()) => Ok(lowered),
        _ => Err(FieldError::new(
            field,
            Said::id("error-field-email-invalid"),
        )),
    }
}

/// Whether `domain` is an internet host name: RFC 5322 lets a domain hold characters
/// such as `_` or `!` that no mail server's name has. It must pass IDNA (UTS #46 with
/// the STD3 rules, so international names count in their ASCII form), have at least two
/// labels of letters, digits and inner hyphens, and end in a label that is not a number.
fn is_host_name(domain: &str) -> bool {
    let Ok(ascii) = idna::domain_to_ascii_strict(domain) else {
        return false;
    };
    let labels: Vec<&str> = ascii.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            (1..=63).contains(&label.len()) && !label.starts_with('-') && !label.ends_with('-')
        })
        && labels
            .last()
            .is_some_and(|top| !top.chars().all(|c| c.is_ascii_digit()))
}

impl AsRef<str> for StaffEmail {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises_valid_addresses() {
        for (raw, expected) in [
            ("owner@agency.test", "owner@agency.test"),
            ("  Olivia.Owner@Agency.Test ", "olivia.owner@agency.test"),
            ("a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk"),
            ("anna@Bücher.de", "anna@bücher.de"),
            ("anna@xn--bcher-kva.de", "anna@xn--bcher-kva.de"),
            ("x@a-b.co", "x@a-b.co"),
        ] {
            assert_eq!(StaffEmail::parse("email", raw).unwrap().as_ref(), expected);
        }
    }

    #[test]
    fn refuses_invalid_addresses_with_a_field_message() {
        for raw in [
            "",
            "   ",
            "owner",
            "owner@",
            "@agency.test",
            "a b@agency.test",
            "owner@localhost",
            "owner@agency_test.com",
            "owner@ag!ency.test",
            "owner@-agency.test",
            "owner@agency-.test",
            "owner@agency..test",
            "owner@agency.test.",
            "owner@192.168.1.10",
            "owner@[192.168.1.10]",
            &format!("owner@{}.test", "a".repeat(64)),
            // Valid as typed, but not once lower-cased: `İ` becomes `i` and a combining dot.
            "cnn@example.commple888\u{130}",
        ] {
            let err = StaffEmail::parse("email", raw).unwrap_err();
            assert_eq!(err.field, "email", "{raw:?}");
            assert!(!err.in_english().is_empty());
        }
    }
}
