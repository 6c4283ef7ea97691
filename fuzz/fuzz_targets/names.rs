//! Any text as a person's name, a staff member's display name or free text of any length
//! limit: never a panic; what is accepted is clean (limits kept, no invisible control
//! characters, single-line text on one line) and reads back unchanged.

#![no_main]

use arbitrary::Arbitrary;
use keydesk_core::domain::{DisplayName, FreeText, PersonName};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    max_chars: u16,
    raw: &'a str,
}

fn clean(text: &str, allow_breaks: bool) -> bool {
    text.chars()
        .all(|c| !c.is_control() || (allow_breaks && (c == '\n' || c == '\t')))
        && text == text.trim()
}

fuzz_target!(|input: Input<'_>| {
    let raw = input.raw;
    if let Ok(name) = PersonName::parse("first_name", raw) {
        let text = name.as_ref();
        assert!(!text.is_empty() && text.chars().count() <= 100, "{text:?}");
        assert!(clean(text, false) && !text.contains("  "), "{text:?}");
        assert_eq!(PersonName::parse("first_name", text).as_ref(), Ok(&name));
    }
    if let Ok(name) = DisplayName::parse("display_name", raw) {
        let text = name.as_ref();
        assert!(!text.is_empty() && text.chars().count() <= 80, "{text:?}");
        assert!(clean(text, false) && !text.contains("  "), "{text:?}");
        assert_eq!(DisplayName::parse("display_name", text).as_ref(), Ok(&name));
    }
    // 0–5,000 characters: the limits the forms use lie in this range.
    let max_chars = usize::from(input.max_chars) % 5_001;
    if let Ok(free) = FreeText::parse("notes", raw, max_chars) {
        let text = free.as_ref();
        let single_line = max_chars <= 200;
        assert!(text.chars().count() <= max_chars, "{text:?}");
        assert!(clean(text, !single_line), "{text:?}");
        if single_line {
            assert!(
                !text.contains("  ") && !text.contains(['\n', '\t']),
                "{text:?}"
            );
        }
        assert_eq!(
            FreeText::parse("notes", text, max_chars).as_ref(),
            Ok(&free)
        );
    }
});
