//! Any text as a customer's or a staff member's email: never a panic; what is accepted
//! is the trimmed, lower-cased input and reads back as itself; both kinds follow one rule.

#![no_main]

use keydesk_core::domain::{CustomerEmail, StaffEmail};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &str| {
    let customer = CustomerEmail::parse("email", raw);
    let staff = StaffEmail::parse("email", raw);
    assert_eq!(
        customer.as_ref().map(AsRef::as_ref).ok(),
        staff.as_ref().map(AsRef::as_ref).ok(),
        "customer and staff emails disagree on {raw:?}"
    );
    match customer {
        Ok(email) => {
            assert_eq!(email.as_ref(), raw.trim().to_lowercase());
            let again = CustomerEmail::parse("email", email.as_ref())
                .unwrap_or_else(|e| panic!("{:?} was accepted, then refused: {e}", email.as_ref()));
            assert_eq!(again, email);
        }
        Err(refused) => {
            assert_eq!(refused.field, "email");
            assert!(!refused.message.is_empty());
        }
    }
});
