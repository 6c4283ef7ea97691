//! Any text as the verification code a customer reads back: never a panic; only six
//! ASCII digits (spaces and line breaks between them ignored) get through to the hash
//! comparison, and a code read in groups is the same code.

#![no_main]

use keydesk_core::services::read_typed_code;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &str| {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    match read_typed_code(raw) {
        Ok(code) => {
            let code = code.expose();
            assert!(
                code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()),
                "{raw:?} read as {code:?}"
            );
            assert_eq!(code, digits);
            let grouped = format!(" {} {}\n", &code[..3], &code[3..]);
            assert_eq!(
                read_typed_code(&grouped)
                    .map(|c| c.expose().to_owned())
                    .ok()
                    .as_deref(),
                Some(code)
            );
        }
        Err(refused) => {
            assert_eq!(refused.field, "code");
            assert!(
                !(digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())),
                "six digits {raw:?} were refused"
            );
        }
    }
});
