//! Properties every parser of typed input keeps, whatever it is given: it never panics,
//! what it accepts it accepts again unchanged (so a stored value reads back as itself), and
//! well-formed input of its kind is accepted.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::customer::{BirthDate, CustomerEmail, FreeText, PersonName, PhoneE164, RegionCode};
use super::display_name::DisplayName;
use super::staff_email::StaffEmail;

fn region(code: &str) -> RegionCode {
    RegionCode::parse("country", code).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

/// Addresses of the usual shape: a plain local part (dots only between its words) and a
/// host name of two or three labels.
fn plain_address() -> impl Strategy<Value = String> {
    let label = "[a-zA-Z0-9]{1,6}(-[a-zA-Z0-9]{1,6})?";
    (
        "[a-zA-Z0-9_+-]{1,8}([.][a-zA-Z0-9_+-]{1,8})?",
        proptest::collection::vec(label, 1..3),
        "[a-zA-Z]{2,6}",
    )
        .prop_map(|(local, labels, top)| format!("{local}@{}.{top}", labels.join(".")))
}

proptest! {
    #[test]
    fn emails_are_read_once_and_for_all(raw in ".{0,80}") {
        if let Ok(email) = CustomerEmail::parse("email", &raw) {
            let again = CustomerEmail::parse("email", email.as_ref()).unwrap();
            prop_assert_eq!(again.as_ref(), email.as_ref());
            prop_assert_eq!(email.as_ref(), email.as_ref().trim().to_lowercase());
        }
        let _ = StaffEmail::parse("email", &raw);
    }

    #[test]
    fn plain_addresses_are_accepted_lower_cased(raw in plain_address()) {
        let email = StaffEmail::parse("email", &raw).unwrap();
        prop_assert_eq!(email.as_ref(), raw.to_lowercase());
    }

    #[test]
    fn an_accepted_phone_is_the_same_number_read_from_anywhere(
        raw in "[+]?[0-9 ()-]{0,20}",
        home in prop::sample::select(vec!["GB", "DE", "US", "FR"]),
        elsewhere in prop::sample::select(vec!["GB", "DE", "US", "FR"]),
    ) {
        if let Ok(phone) = PhoneE164::parse("phone", &raw, region(home)) {
            prop_assert!(phone.as_ref().starts_with('+'));
            let again = PhoneE164::parse("phone", phone.as_ref(), region(elsewhere)).unwrap();
            prop_assert_eq!(again.as_ref(), phone.as_ref());
        }
    }

    #[test]
    fn names_and_texts_are_kept_clean_and_read_back_unchanged(raw in "\\PC{0,120}|.{0,120}") {
        if let Ok(name) = PersonName::parse("first_name", &raw) {
            prop_assert!(!name.as_ref().is_empty() && name.as_ref().chars().count() <= 100);
            prop_assert!(!name.as_ref().contains("  ") && !name.as_ref().chars().any(char::is_control));
            let again = PersonName::parse("first_name", name.as_ref()).unwrap();
            prop_assert_eq!(again.as_ref(), name.as_ref());
        }
        if let Ok(name) = DisplayName::parse("display_name", &raw) {
            let again = DisplayName::parse("display_name", name.as_ref()).unwrap();
            prop_assert_eq!(again.as_ref(), name.as_ref());
        }
        if let Ok(notes) = FreeText::parse("notes", &raw, 2000) {
            let again = FreeText::parse("notes", notes.as_ref(), 2000).unwrap();
            prop_assert_eq!(again.as_ref(), notes.as_ref());
        }
    }

    #[test]
    fn every_day_since_1900_is_a_birth_date_and_no_later_one(days in 0_i64..60_000) {
        let day = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(days as u64);
        let parsed = BirthDate::parse("birth_date", &day.format("%Y-%m-%d").to_string(), today());
        if day <= today() {
            prop_assert_eq!(parsed.unwrap().date(), day);
        } else {
            prop_assert!(parsed.is_err());
        }
    }

    #[test]
    fn any_text_as_a_birth_date_is_an_answer_not_a_panic(raw in ".{0,30}") {
        let _ = BirthDate::parse("birth_date", &raw, today());
    }
}
