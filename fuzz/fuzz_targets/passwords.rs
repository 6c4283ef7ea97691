//! Any text as a new password, with any names and emails counted against it: never a
//! panic; the policy and the strength meter agree on what is acceptable, and what is
//! accepted once is accepted again.

#![no_main]

use arbitrary::Arbitrary;
use keydesk_core::domain::{estimate_strength, NewPassword, PlainPassword, MIN_PASSWORD_CHARS};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    password: &'a str,
    user_inputs: Vec<&'a str>,
}

fuzz_target!(|input: Input<'_>| {
    let user_inputs: Vec<&str> = input.user_inputs.iter().copied().take(4).collect();
    let plain = PlainPassword::new(input.password.to_owned());
    let meter = estimate_strength(&plain, &user_inputs);
    assert!(meter.score <= 4);
    let chars = input.password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        assert!(!meter.acceptable);
    }
    match NewPassword::parse("password", plain.clone(), &user_inputs) {
        Ok(accepted) => {
            assert!(meter.acceptable, "accepted what the meter calls too weak");
            assert_eq!(accepted.plain().expose(), input.password);
            assert!(NewPassword::parse("password", plain, &user_inputs).is_ok());
        }
        Err(refused) => {
            assert!(!meter.acceptable, "refused what the meter calls acceptable");
            assert_eq!(refused.field, "password");
            assert!(!refused.message.is_empty());
        }
    }
});
