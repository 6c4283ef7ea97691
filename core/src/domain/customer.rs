//! The parts of a customer record, each valid by construction.

use super::staff_email::normalise_email;
use super::FieldError;
use crate::said::Said;
use chrono::NaiveDate;
use phonenumber::Mode;

/// A customer's email; unique among customers whatever its case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CustomerEmail(String);

impl CustomerEmail {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        normalise_email(field, raw).map(Self)
    }
}

impl AsRef<str> for CustomerEmail {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// An ISO 3166-1 alpha-2 region code that libphonenumber knows, e.g. `GB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionCode(phonenumber::country::Id);

impl RegionCode {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        raw.trim()
            .to_ascii_uppercase()
            .parse::<phonenumber::country::Id>()
            .map(Self)
            .map_err(|_| FieldError::new(field, Said::id("error-field-country")))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_ref()
    }
}

/// A phone number in E.164 form (`+441632960961`), parsed with libphonenumber's rules.
/// Numbers typed without a country code are read in the agency's default region.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneE164(String);

impl PhoneE164 {
    pub fn parse(
        field: &'static str,
        raw: &str,
        default_region: RegionCode,
    ) -> Result<Self, FieldError> {
        // Digits typed with a Persian keyboard are the same digits.
        let typed = keydesk_api::Language::ascii_digits(raw);
        let trimmed = typed.trim();
        if trimmed.is_empty() {
            return Err(FieldError::new(
                field,
                Said::id("error-field-phone-missing"),
            ));
        }
        let invalid = || FieldError::new(field, Said::id("error-field-phone-invalid"));
        // A number with its country code is read without the home region: libphonenumber
        // otherwise refuses some stored numbers from elsewhere (an Italian `+3902…` from GB)
        // that it accepted when they were typed.
        let region = (!trimmed.starts_with('+')).then_some(default_region.0);
        let number = phonenumber::parse(region, trimmed).map_err(|_| invalid())?;
        if !phonenumber::is_valid(&number) {
            return Err(invalid());
        }
        Ok(Self(number.format().mode(Mode::E164).to_string()))
    }
}

impl AsRef<str> for PhoneE164 {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A first or last name: trimmed, inner spaces collapsed, 1–100 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let text = FreeText::parse(field, raw, 100)?;
        if text.as_ref().is_empty() {
            return Err(FieldError::new(field, Said::id("error-field-name-missing")));
        }
        Ok(Self(text.0))
    }
}

impl AsRef<str> for PersonName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Optional free text (company, address, notes): trimmed, length-limited, without
/// invisible control characters (line breaks are kept).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FreeText(String);

impl FreeText {
    pub fn parse(field: &'static str, raw: &str, max_chars: usize) -> Result<Self, FieldError> {
        let trimmed = raw.trim();
        let single_line = max_chars <= 200;
        let cleaned: String = if single_line {
            trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            trimmed.to_owned()
        };
        if cleaned.chars().count() > max_chars {
            return Err(FieldError::new(
                field,
                Said::id("error-field-too-long").arg("max", max_chars),
            ));
        }
        if cleaned
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err(FieldError::new(
                field,
                Said::id("error-field-control-characters"),
            ));
        }
        Ok(Self(cleaned))
    }
}

impl AsRef<str> for FreeText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A date of birth: a real calendar date, not in the future, not before 1900.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BirthDate(NaiveDate);

impl BirthDate {
    pub fn parse(field: &'static str, raw: &str, today: NaiveDate) -> Result<Self, FieldError> {
        let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
            .map_err(|_| FieldError::new(field, Said::id("error-field-date")))?;
        let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
        if date > today {
            return Err(FieldError::new(
                field,
                Said::id("error-field-birth-date-future"),
            ));
        }
        if date < earliest {
            return Err(FieldError::new(
                field,
                Said::id("error-field-birth-date-early"),
            ));
        }
        Ok(Self(date))
    }

    pub fn date(&self) -> NaiveDate {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(code: &str) -> RegionCode {
        RegionCode::parse("country", code).unwrap()
    }

    #[test]
    fn a_stored_phone_reads_back_as_itself_from_every_region() {
        let raws = [
            ("+39 02 1234 5678", "GB"),
            ("02 1234 5678", "IT"),
            ("\u{f}020 w946 0958", "IT"),
        ];
        for (raw, home) in raws {
            let Ok(phone) = PhoneE164::parse("phone", raw, region(home)) else {
                continue;
            };
            for elsewhere in ["GB", "DE", "US", "IT", "JP"] {
                let again = PhoneE164::parse("phone", phone.as_ref(), region(elsewhere));
                assert_eq!(
                    again.as_ref().ok(),
                    Some(&phone),
                    "{raw:?} from {elsewhere}"
                );
            }
        }
    }

    #[test]
    fn a_phone_typed_with_persian_digits_is_the_same_number() {
        let persian = PhoneE164::parse("phone", "۰۹۱۲ ۳۴۵ ۶۷۸۹", region("IR")).unwrap();
        let latin = PhoneE164::parse("phone", "0912 345 6789", region("IR")).unwrap();
        assert_eq!(persian, latin);
        assert_eq!(persian.as_ref(), "+989123456789");
    }

    #[test]
    fn phones_from_several_regions_become_e164() {
        for (raw, default, expected) in [
            ("020 7946 0958", "GB", "+442079460958"),
            ("+44 20 7946 0958", "DE", "+442079460958"),
            ("(201) 555-0123", "US", "+12015550123"),
            ("030 901820", "DE", "+4930901820"),
            ("06 12 34 56 78", "FR", "+33612345678"),
            ("+81 3-1234-5678", "GB", "+81312345678"),
            ("0412 345 678", "AU", "+61412345678"),
        ] {
            let phone = PhoneE164::parse("phone", raw, region(default))
                .unwrap_or_else(|e| panic!("{raw} in {default}: {e:?}"));
            assert_eq!(phone.as_ref(), expected, "{raw} in {default}");
        }
    }

    #[test]
    fn invalid_phones_are_refused_with_a_field_message() {
        for raw in [
            "",
            "12",
            "hello",
            "+44 20 7946",
            "+999 123 456 789",
            "020 7946 0958 0000 99",
        ] {
            let err = PhoneE164::parse("phone", raw, region("GB")).unwrap_err();
            assert_eq!(err.field, "phone", "{raw}");
        }
    }

    #[test]
    fn customer_emails_follow_the_same_rules_as_staff_emails() {
        assert_eq!(
            CustomerEmail::parse("email", " Ann@Example.COM ")
                .unwrap()
                .as_ref(),
            "ann@example.com"
        );
        for raw in [
            "",
            "ann",
            "ann@",
            "ann@example",
            "a b@example.com",
            "ann@@example.com",
        ] {
            assert!(CustomerEmail::parse("email", raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn names_text_and_dates_are_checked() {
        assert_eq!(
            PersonName::parse("first_name", "  Ann   Marie ")
                .unwrap()
                .as_ref(),
            "Ann Marie"
        );
        assert!(PersonName::parse("first_name", " ").is_err());
        assert!(PersonName::parse("first_name", &"x".repeat(101)).is_err());
        assert_eq!(
            FreeText::parse("notes", " line 1\nline 2 ", 5000)
                .unwrap()
                .as_ref(),
            "line 1\nline 2"
        );
        assert!(FreeText::parse("company", "bad\u{0}byte", 200).is_err());
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert!(BirthDate::parse("birth_date", "1980-02-29", today).is_ok());
        for raw in ["1981-02-29", "2027-01-01", "1899-12-31", "22/11/1980", ""] {
            assert!(BirthDate::parse("birth_date", raw, today).is_err(), "{raw}");
        }
        assert!(RegionCode::parse("country", "xx").is_err());
        assert_eq!(region("gb").as_str(), "GB");
    }
}
