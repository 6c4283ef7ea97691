//! Any text as a phone number, read in any of several home regions: never a panic; what is
//! accepted is an E.164 number that reads back as the same number from any region.
//! Region codes too: what is accepted names itself.

#![no_main]

use arbitrary::Arbitrary;
use keydesk_core::domain::{PhoneE164, RegionCode};
use libfuzzer_sys::fuzz_target;

const REGIONS: [&str; 10] = ["GB", "DE", "US", "FR", "AU", "JP", "IN", "BR", "IT", "NL"];

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    home: u8,
    elsewhere: u8,
    raw: &'a str,
}

fn region(index: u8) -> RegionCode {
    let code = REGIONS[usize::from(index) % REGIONS.len()];
    RegionCode::parse("country", code).expect("a known region")
}

fuzz_target!(|input: Input<'_>| {
    if let Ok(code) = RegionCode::parse("country", input.raw) {
        let again = RegionCode::parse("country", code.as_str()).expect("a region reads back");
        assert_eq!(again, code);
        assert_eq!(code.as_str(), input.raw.trim().to_ascii_uppercase());
    }
    match PhoneE164::parse("phone", input.raw, region(input.home)) {
        Ok(phone) => {
            let e164 = phone.as_ref();
            assert!(
                e164.starts_with('+') && e164[1..].chars().all(|c| c.is_ascii_digit()),
                "{e164:?} is not E.164"
            );
            assert!(e164.len() <= 16, "{e164:?} is longer than E.164 allows");
            let again = PhoneE164::parse("phone", e164, region(input.elsewhere))
                .unwrap_or_else(|e| panic!("{e164:?} (from {:?}) was refused: {e}", input.raw));
            assert_eq!(again, phone);
        }
        Err(refused) => assert_eq!(refused.field, "phone"),
    }
});
