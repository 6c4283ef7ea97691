//! What the window says, in the language of the person at it: every sentence comes from
//! `locales/<language>/window/` (Fluent, a file per part of the window), checked at build
//! time against English.
//!
//! The app provides the current [`Words`] as a context; a component reads it with
//! [`use_words`]. Choosing another language swaps the context, so every screen speaks
//! the new language at once, without a restart.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
#[cfg(test)]
use keydesk_api::Language;
use keydesk_api::{Catalogue, Vocabulary, WindowPreferences};
use std::rc::Rc;
use yew::prelude::*;

/// The window's messages in one language.
#[derive(Clone)]
pub struct Words {
    window: WindowPreferences,
    bundle: Rc<FluentBundle<FluentResource>>,
}

impl PartialEq for Words {
    fn eq(&self, other: &Self) -> bool {
        self.window == other.window
    }
}

impl Default for Words {
    fn default() -> Self {
        Self::new(WindowPreferences::default())
    }
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Words").field(&self.window).finish()
    }
}

impl Words {
    pub fn new(window: WindowPreferences) -> Self {
        let language = window.language;
        let id = language
            .as_str()
            .parse()
            .expect("a language folder is named by its language code");
        let mut bundle = FluentBundle::new(vec![id]);
        // Values are isolated from the text around them only in right-to-left text, where
        // a Latin name or an address would otherwise move.
        bundle.set_use_isolating(language.is_rtl());
        let source = language.catalogue(Catalogue::Window).to_owned();
        let resource = FluentResource::try_new(source)
            .unwrap_or_else(|_| panic!("the {} window catalogue parses", language.as_str()));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|_| panic!("the {} window catalogue loads", language.as_str()));
        Self {
            window,
            bundle: Rc::new(bundle),
        }
    }

    /// How the window speaks now.
    pub fn window(&self) -> WindowPreferences {
        self.window
    }

    /// Message `id`.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// Message `id` with values; numbers are best given through [`Words::number`].
    pub fn t_with(&self, id: &str, values: &[(&str, &str)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in values {
            args.set(*name, FluentValue::from(*value));
        }
        self.format(id, Some(&args))
    }

    /// Message `id` with a count: `$count` chooses the plural form and is shown in the
    /// language's digits.
    pub fn count(&self, id: &str, count: i64) -> String {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count));
        args.set("n", FluentValue::from(self.number(count)));
        self.format(id, Some(&args))
    }

    /// A role's name.
    pub fn role(&self, role: keydesk_api::Role) -> String {
        self.name(role)
    }

    /// The name of a vocabulary's value (a status, a tier, a channel…), from the
    /// catalogue's `vocabulary.ftl`.
    pub fn name<T: Vocabulary>(&self, value: T) -> String {
        self.t(&value.message_id())
    }

    /// `(value, name)` options of a drop-down offering `items`, in order.
    pub fn choices<T: Vocabulary>(&self, items: &[T]) -> Vec<(AttrValue, AttrValue)> {
        items
            .iter()
            .map(|&item| (item.word().into(), self.name(item).into()))
            .collect()
    }

    /// The same led by `none` (message id), the empty value ("All", "No preference").
    pub fn choices_or<T: Vocabulary>(
        &self,
        none: &str,
        items: &[T],
    ) -> Vec<(AttrValue, AttrValue)> {
        let mut options = vec![("".into(), self.t(none).into())];
        options.extend(self.choices(items));
        options
    }

    /// A password strength band's name.
    pub fn strength(&self, band: keydesk_api::StrengthBand) -> String {
        use keydesk_api::StrengthBand as Band;
        match band {
            Band::TooWeak => self.t("strength-too-weak"),
            Band::Weak => self.t("strength-weak"),
            Band::Fair => self.t("strength-fair"),
            Band::Strong => self.t("strength-strong"),
            Band::VeryStrong => self.t("strength-very-strong"),
        }
    }

    /// A number as people read it in this language (Persian digits in Persian).
    pub fn number(&self, n: impl std::fmt::Display) -> String {
        self.window.language.localize_digits(&n.to_string())
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            // Every id the window uses is checked by a test against English, and every
            // language against English at build time: this is a bug, shown plainly.
            return format!("[{id}]");
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

/// What the window has to say, kept apart from its words so that it is said in the
/// language of the moment rather than the one it was found in: one of the window's
/// messages (its own, or a refusal the core explained), or text shown as it came.
pub use keydesk_api::Said;

impl Words {
    /// What was said, in this language.
    pub fn say(&self, said: &Said) -> String {
        said.say(&*self.bundle, self.window.language)
    }

    /// The error a call answered, its message said in this language when the core
    /// gave it as a catalogue message.
    pub fn error(&self, mut error: keydesk_api::Error) -> keydesk_api::Error {
        if let Some(message) = &error.said {
            error.message = self.say(&Said::Message(message.clone()));
        }
        error
    }
}

/// The window's words in the language of the person at it.
#[hook]
pub fn use_words() -> Words {
    use_context::<Words>().unwrap_or_default()
}

/// What every export says of its file, in English, as tests expect to read it.
#[cfg(test)]
pub(crate) const FILE_NOT_ENCRYPTED: &str =
    "This file is not encrypted: keep it somewhere safe and delete it when you are done.";

/// What a form says, in English, as the tests read it.
#[cfg(test)]
pub(crate) fn in_english(said: Option<Said>) -> Option<String> {
    said.map(|said| Words::default().say(&said))
}

/// The same in Persian.
#[cfg(test)]
pub(crate) fn in_persian(said: Option<Said>) -> Option<String> {
    said.map(|said| Words::new(speaking(Language::Fa)).say(&said))
}

#[cfg(test)]
pub(crate) fn speaking(language: Language) -> WindowPreferences {
    WindowPreferences {
        language,
        ..WindowPreferences::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_words_and_numbers_in_its_digits() {
        let en = Words::new(speaking(Language::En));
        let fa = Words::new(speaking(Language::Fa));
        assert_eq!(en.t("page-customers"), "Customers");
        assert_eq!(fa.t("page-customers"), "مشتریان");
        assert_eq!(fa.number(2026), "۲۰۲۶");
        assert_eq!(en.number(2026), "2026");
    }

    /// Every value of every vocabulary the window names is named in every language.
    #[test]
    fn every_vocabulary_the_window_names_is_named_in_every_language() {
        use keydesk_api::*;
        fn named<T: Vocabulary + std::fmt::Debug>(words: &Words, missing: &mut Vec<String>) {
            for &value in T::every() {
                if words.name(value).starts_with('[') {
                    missing.push(format!("{value:?} ({})", value.message_id()));
                }
            }
        }
        for language in Language::ALL {
            let words = Words::new(speaking(language));
            let mut missing = Vec::new();
            named::<Role>(&words, &mut missing);
            named::<Calendar>(&words, &mut missing);
            named::<CustomerStatus>(&words, &mut missing);
            named::<Tier>(&words, &mut missing);
            named::<ContactMethod>(&words, &mut missing);
            named::<CredentialsState>(&words, &mut missing);
            named::<CustomerSort>(&words, &mut missing);
            named::<HandoffState>(&words, &mut missing);
            named::<HandoffChannel>(&words, &mut missing);
            named::<HandoffReason>(&words, &mut missing);
            named::<ImportField>(&words, &mut missing);
            named::<EncodingSource>(&words, &mut missing);
            named::<FunnelPeriod>(&words, &mut missing);
            named::<SmtpSecurity>(&words, &mut missing);
            named::<MailKind>(&words, &mut missing);
            named::<OutboxState>(&words, &mut missing);
            named::<RefusalReason>(&words, &mut missing);
            named::<Gender>(&words, &mut missing);
            assert!(
                missing.is_empty(),
                "{language:?} does not name {missing:#?}"
            );
        }
        let en = Words::new(speaking(Language::En));
        assert_eq!(
            en.choices_or("choice-all", &[Tier::Gold])
                .iter()
                .map(|(v, l)| (v.to_string(), l.to_string()))
                .collect::<Vec<_>>(),
            [("".into(), "All".into()), ("gold".into(), "Gold".into())]
        );
    }

    #[test]
    fn what_is_said_is_said_in_the_language_of_the_moment() {
        let en = Words::new(speaking(Language::En));
        let fa = Words::new(speaking(Language::Fa));
        let said = Said::id("page-customers");
        assert_eq!(en.say(&said), "Customers");
        assert_eq!(fa.say(&said), "مشتریان");
        // The core's own words pass through as they came, in any language.
        let core = Said::from("Disk full.".to_owned());
        assert_eq!(en.say(&core), "Disk full.");
        assert_eq!(fa.say(&core), "Disk full.");
    }

    #[test]
    fn numbers_in_what_is_said_take_the_language_s_digits() {
        let said = Said::with(
            "settings-credential-check-length",
            &[("min", 12), ("max", 64)],
        );
        let en = Words::new(speaking(Language::En)).say(&said);
        let fa = Words::new(speaking(Language::Fa)).say(&said);
        assert!(en.contains("12") && en.contains("64"), "{en}");
        assert!(fa.contains("۱۲") && fa.contains("۶۴"), "{fa}");
        assert!(!fa.contains("12"), "{fa}");
    }

    #[test]
    fn an_unknown_id_shows_itself_rather_than_a_blank() {
        assert_eq!(
            Words::new(speaking(Language::Fa)).t("no-such-message"),
            "[no-such-message]"
        );
    }

    /// Every message id the window's code asks for exists in English (and so, by the
    /// build's check, in every language).
    #[test]
    fn every_id_the_code_uses_is_in_the_catalogue() {
        let en = Words::new(speaking(Language::En));
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        // This file's own tests name ids on purpose (and the patterns searched for).
        for file in rust_files(&root)
            .into_iter()
            .filter(|f| !f.ends_with("words.rs"))
        {
            let text = std::fs::read_to_string(&file).unwrap();
            for id in ids_in(&text) {
                if en.bundle.get_message(&id).is_none() {
                    missing.push(format!("{}: {id}", file.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "not in the window catalogue: {missing:#?}"
        );
    }

    /// Words meant for people written into a screen: a text node `{ "…" }`, a label,
    /// title, placeholder, hint, lead or text attribute, or a `format!`, holding a
    /// capital, a letter beyond ASCII or words apart (not an id, a class, a role name or
    /// a style); and the English `label()` of the API's vocabularies.
    fn literal_words(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        let openers = [
            "{ \"",
            "label=\"",
            "title=\"",
            "placeholder=\"",
            "hint=\"",
            "lead=\"",
            "text=\"",
            "aria-label=\"",
            "format!(\"",
        ];
        for opener in openers {
            for (at, _) in text.match_indices(opener) {
                let rest = &text[at + opener.len()..];
                let Some(end) = rest.find('"') else { continue };
                // A format's placeholders (`{}`, `{day}`) are not words.
                let literal: String = rest[..end]
                    .split('{')
                    .map(|part| part.split_once('}').map_or(part, |(_, after)| after))
                    .collect();
                let literal = literal.as_str();
                let letters = literal.chars().any(char::is_alphabetic);
                let words = literal
                    .chars()
                    .any(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_ascii()))
                    || (letters && literal.contains(' ') && !literal.contains(':'));
                if words {
                    found.push(rest[..end].to_owned());
                }
            }
        }
        // The English names the API gives its vocabularies.
        found.extend(text.matches(".label()").map(str::to_owned));
        found
    }

    /// Screens, and the states, hooks and forms behind them: their own unit tests may
    /// name English, their code may not.
    #[test]
    fn screens_say_nothing_outside_the_catalogue() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut problems = Vec::new();
        for file in rust_files(&root)
            .into_iter()
            .filter(|f| !f.ends_with("words.rs"))
        {
            let name = file.strip_prefix(&root).unwrap().display().to_string();
            let text = std::fs::read_to_string(&file).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let code: String = code
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .map(|line| format!("{line}\n"))
                .collect();
            let mut literals = literal_words(&code);
            // A state may name what is a name in every language (an identity product).
            if !(name.starts_with("components") || name.starts_with("pages")) {
                literals.retain(|literal| literal != ".label()");
            }
            if !literals.is_empty() {
                problems.push(format!("{name} writes words of its own: {literals:?}"));
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files.extend(rust_files(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
        files
    }

    /// The literal ids of `.t("…")`, `.t_with("…"`, `.count("…"` and `Said` calls.
    fn ids_in(text: &str) -> Vec<String> {
        let mut ids = Vec::new();
        for call in [
            ".t(\"",
            ".t_with(\"",
            ".count(\"",
            "Said::id(\"",
            "Said::with(\"",
        ] {
            for (at, _) in text.match_indices(call) {
                let rest = &text[at + call.len()..];
                if let Some(end) = rest.find('"') {
                    let id = &rest[..end];
                    if id != "no-such-message" {
                        ids.push(id.to_owned());
                    }
                }
            }
        }
        ids
    }
}
