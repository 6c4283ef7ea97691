//! The countries the window offers by name, for a customer's country and the default
//! phone region alike; any other two-letter code can be typed.

use crate::words::Words;

/// ISO 3166-1 codes, each named by `country-<code>` in the catalogue.
pub const COUNTRIES: [&str; 33] = [
    "AR", "AU", "AT", "BE", "BR", "CA", "CN", "DK", "FI", "FR", "DE", "GR", "IN", "IR", "IE", "IT",
    "JP", "LU", "MX", "NL", "NZ", "NO", "PL", "PT", "SG", "ZA", "ES", "SE", "CH", "TR", "AE", "GB",
    "US",
];

/// The name of a country the list knows ("de" → "Germany"), whatever the case typed.
pub fn country_name(words: &Words, code: &str) -> Option<String> {
    let code = code.trim();
    COUNTRIES
        .iter()
        .find(|c| c.eq_ignore_ascii_case(code))
        .map(|c| words.t(&format!("country-{}", c.to_ascii_lowercase())))
}

/// `(code, name)` of every country, by name in the window's language.
pub fn countries_by_name(words: &Words) -> Vec<(&'static str, String)> {
    let mut named: Vec<_> = COUNTRIES
        .iter()
        .map(|&code| (code, country_name(words, code).unwrap_or_default()))
        .collect();
    named.sort_by(|a, b| a.1.cmp(&b.1));
    named
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::speaking;
    use keydesk_api::Language;

    #[test]
    fn every_country_is_named_in_every_language_once() {
        for language in Language::ALL {
            let words = Words::new(speaking(language));
            let mut names: Vec<String> = countries_by_name(&words)
                .into_iter()
                .map(|(_, n)| n)
                .collect();
            assert!(
                names.iter().all(|n| !n.is_empty() && !n.starts_with('[')),
                "{names:?}"
            );
            names.dedup();
            assert_eq!(names.len(), COUNTRIES.len(), "{language:?}");
        }
        let en = Words::new(speaking(Language::En));
        let fa = Words::new(speaking(Language::Fa));
        assert_eq!(country_name(&en, " de ").as_deref(), Some("Germany"));
        assert_eq!(country_name(&fa, "ir").as_deref(), Some("ایران"));
        assert_eq!(country_name(&en, "QQ"), None);
    }
}
