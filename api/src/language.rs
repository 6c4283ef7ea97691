//! The languages Keydesk speaks, generated from the folders of `locales/` (see
//! `build.rs`): the mails go out in the customer's, and a language is added by adding
//! its folder.

include!(concat!(env!("OUT_DIR"), "/language.rs"));

impl Language {
    /// The language a customer's language tag (`fa`, `fa-IR`, `pt-BR`) names, when
    /// Keydesk speaks it: the whole tag first, then its first part.
    pub fn for_tag(tag: &str) -> Option<Self> {
        let tag = tag.trim();
        let whole = Self::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(tag));
        whole.or_else(|| {
            let primary = tag.split(['-', '_']).next()?;
            Self::ALL
                .into_iter()
                .find(|l| l.as_str().eq_ignore_ascii_case(primary))
        })
    }

    /// `text` with its digits 0–9 written as this language writes them.
    pub fn localize_digits(self, text: &str) -> String {
        let digits: Vec<char> = self.digits().chars().collect();
        text.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => digits[d as usize],
                _ => c,
            })
            .collect()
    }

    /// `text` with the digits of every language Keydesk speaks read as 0–9: what a
    /// person types with either keyboard is understood.
    pub fn ascii_digits(text: &str) -> String {
        text.chars()
            .map(|c| {
                Self::ALL
                    .into_iter()
                    .find_map(|l| l.digits().chars().position(|d| d == c))
                    .map_or(c, |d| char::from(b'0' + d as u8))
            })
            .collect()
    }

    /// `rtl` or `ltr`, as HTML's `dir` takes it.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_names_the_language_of_its_first_part() {
        assert_eq!(Language::for_tag("fa"), Some(Language::Fa));
        assert_eq!(Language::for_tag("FA-ir"), Some(Language::Fa));
        assert_eq!(Language::for_tag(" en-GB "), Some(Language::En));
        assert_eq!(Language::for_tag("de"), None);
        assert_eq!(Language::for_tag(""), None);
    }

    #[test]
    fn each_language_knows_its_name_and_direction() {
        assert_eq!(Language::Fa.native_name(), "فارسی");
        assert_eq!(Language::Fa.dir(), "rtl");
        assert_eq!(Language::En.dir(), "ltr");
        assert_eq!("fa".parse::<Language>().unwrap(), Language::Fa);
    }

    #[test]
    fn numbers_read_in_each_language_and_are_understood_back() {
        assert_eq!(Language::Fa.localize_digits("24 h, 10"), "۲۴ h, ۱۰");
        assert_eq!(Language::En.localize_digits("24"), "24");
        assert_eq!(Language::ascii_digits("۱۴۰۳-۰۲-3"), "1403-02-3");
    }
}
