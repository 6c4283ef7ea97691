use super::FieldError;
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
/// for a dotted domain, as every deliverable address has; returns it trimmed and
/// lower-cased.
pub(super) fn normalise_email(field: &'static str, raw: &str) -> Result<String, FieldError> {
    {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(FieldError::new(field, "Enter an email address."));
        }
        if trimmed.len() > MAX_LEN {
            return Err(FieldError::new(field, "This email address is too long."));
        }
        let parsed = email_address::EmailAddress::from_str(trimmed).map_err(|_| {
            FieldError::new(field, "Enter a valid email address, like name@agency.com.")
        })?;
        if !parsed.domain().contains('.') {
            return Err(FieldError::new(
                field,
                "Enter a valid email address, like name@agency.com.",
            ));
        }
        Ok(trimmed.to_lowercase())
    }
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
        ] {
            let err = StaffEmail::parse("email", raw).unwrap_err();
            assert_eq!(err.field, "email", "{raw:?}");
            assert!(!err.message.is_empty());
        }
    }
}
