//! The mails' message catalogue of `locales/` (`mail.ftl`, Fluent), one bundle per
//! language, embedded at build time; the API crate's build checks that every language
//! holds every message of `en`, with the same variables.
//!
//! In a right-to-left language each value put into a message is isolated (Unicode
//! FSI … PDI), so that an email address or a Latin name inside Persian text keeps its
//! place; left-to-right text is left as written.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use keydesk_api::{Catalogue, Language, Said};
use std::collections::HashMap;
use std::sync::LazyLock;

static BUNDLES: LazyLock<HashMap<Language, FluentBundle<FluentResource>>> = LazyLock::new(|| {
    Language::ALL
        .into_iter()
        .map(|l| (l, bundle(l, Catalogue::Mail)))
        .collect()
});

/// The window's words, for what the core reads back as people write it (a gender named
/// in a spreadsheet, in any language the window speaks) and for the English of what it
/// explains (see [`crate::said`]).
static WINDOW: LazyLock<HashMap<Language, FluentBundle<FluentResource>>> = LazyLock::new(|| {
    Language::ALL
        .into_iter()
        .map(|l| (l, bundle(l, Catalogue::Window)))
        .collect()
});

fn bundle(language: Language, catalogue: Catalogue) -> FluentBundle<FluentResource> {
    let id = language
        .as_str()
        .parse()
        .expect("a language folder is named by its language code");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Mails isolate values in right-to-left text; names read back are compared plain, and
    // the window isolates what it says itself.
    bundle.set_use_isolating(catalogue == Catalogue::Mail && language.is_rtl());
    let source = language.catalogue(catalogue);
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|_| {
        panic!(
            "the {} catalogue was checked at build time",
            language.as_str()
        )
    });
    if let Err(errors) = bundle.add_resource(resource) {
        panic!("the {} catalogue: {errors:?}", language.as_str());
    }
    bundle
}

/// Message `id` in `language` with `args`; `None` when the catalogue has no such message
/// or it needs a value not given.
pub fn message(language: Language, id: &str, args: &[(&str, &str)]) -> Option<String> {
    let bundle = &BUNDLES[&language];
    let pattern = bundle.get_message(id)?.value()?;
    let mut values = FluentArgs::new();
    for (key, value) in args {
        values.set(*key, *value);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&values), &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// What the core explained, in English: the text of its errors' `Display`.
pub fn in_english(said: &Said) -> String {
    in_language(Language::En, said)
}

/// What the core explained, in `language`.
pub fn in_language(language: Language, said: &Said) -> String {
    said.say(&WINDOW[&language], language)
}

/// Whether the window catalogue holds message `id`.
pub fn window_has(id: &str) -> bool {
    WINDOW[&Language::En].has_message(id)
}

/// The window's message `id` (one without values) in every language it speaks.
pub fn window_names(id: &str) -> Vec<String> {
    Language::ALL
        .into_iter()
        .filter_map(|language| {
            let bundle = &WINDOW[&language];
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, None, &mut errors);
            errors.is_empty().then(|| text.into_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_speaks_with_values_isolated_only_right_to_left() {
        let en = message(Language::En, "welcome-subject", &[("agency", "Sunny")]);
        assert_eq!(en.as_deref(), Some("Welcome to Sunny"));
        let fa = message(Language::Fa, "welcome-subject", &[("agency", "Sunny")]).unwrap();
        assert!(fa.contains("\u{2068}Sunny\u{2069}"), "{fa}");
        assert!(fa.contains("خوش آمدید"), "{fa}");
    }

    #[test]
    fn the_windows_names_are_read_in_every_language() {
        assert_eq!(window_names("gender-female"), ["Female", "زن"]);
        assert!(window_names("no-such-message").is_empty());
    }

    #[test]
    fn a_missing_message_or_value_is_none_not_a_blank() {
        assert_eq!(message(Language::En, "no-such-message", &[]), None);
        assert_eq!(message(Language::En, "welcome-subject", &[]), None);
    }
}
