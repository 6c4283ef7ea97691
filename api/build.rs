//! The languages Keydesk speaks are the folders of `locales/`: this generates the
//! `Language` vocabulary from them, each with its name and direction as its own
//! `language.ftl` gives them, so that adding a language is adding its folder.

use fluent_syntax::ast::{Entry, PatternElement};
use std::fmt::Write;
use std::path::Path;

fn main() {
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let mut languages = Vec::new();
    for entry in std::fs::read_dir(&locales).expect("the locales folder") {
        let dir = entry.expect("a locales entry").path();
        if !dir.is_dir() {
            continue;
        }
        let code = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a language folder named by its code")
            .to_owned();
        if code.parse::<unic_langid::LanguageIdentifier>().is_err() {
            panic!("locales/{code}: a language folder is named by a language code (en, fa, pt-BR)");
        }
        let file = dir.join("language.ftl");
        let source =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let name = text_of(&source, "language-name", &file);
        let direction = text_of(&source, "language-direction", &file);
        assert!(
            direction == "ltr" || direction == "rtl",
            "{}: language-direction is ltr or rtl, not {direction}",
            file.display()
        );
        let digits = optional_text_of(&source, "language-digits", &file)
            .unwrap_or_else(|| "0123456789".to_owned());
        assert_eq!(
            digits.chars().count(),
            10,
            "{}: language-digits is the ten digits, 0 to 9",
            file.display()
        );
        languages.push((code, name, direction == "rtl", digits));
    }
    languages.sort();
    assert!(
        languages.iter().any(|(code, ..)| code == "en"),
        "locales/en is the language every other is checked against"
    );
    let mut out = String::from(
        "wire_enum! {\n    /// A language Keydesk speaks: one folder of `locales/`. English is the default.\n    \
         #[derive(Default)]\n    pub enum Language {\n",
    );
    for (code, ..) in &languages {
        if code == "en" {
            out.push_str("        #[default]\n");
        }
        writeln!(out, "        {} = {code:?},", variant(code)).unwrap();
    }
    out.push_str("    }\n}\n\nimpl Language {\n");
    out.push_str("    /// Its name in itself, as a person looking for it reads it.\n");
    out.push_str("    pub fn native_name(self) -> &'static str {\n        match self {\n");
    for (code, name, _, _) in &languages {
        writeln!(out, "            Self::{} => {name:?},", variant(code)).unwrap();
    }
    out.push_str("        }\n    }\n\n    /// Whether it is written right to left.\n");
    out.push_str("    pub fn is_rtl(self) -> bool {\n        match self {\n");
    for (code, _, rtl, _) in &languages {
        writeln!(out, "            Self::{} => {rtl},", variant(code)).unwrap();
    }
    out.push_str("        }\n    }\n\n    /// Its digits, 0 to 9, as people read numbers in it.\n");
    out.push_str("    pub fn digits(self) -> &'static str {\n        match self {\n");
    for (code, _, _, digits) in &languages {
        writeln!(out, "            Self::{} => {digits:?},", variant(code)).unwrap();
    }
    out.push_str("        }\n    }\n}\n");
    let generated = Path::new(&std::env::var("OUT_DIR").unwrap()).join("language.rs");
    std::fs::write(generated, out).expect("the generated languages");
}

/// `pt-BR` → `PtBr`.
fn variant(code: &str) -> String {
    code.split('-')
        .map(|part| {
            let mut chars = part.chars();
            let first = chars
                .next()
                .expect("a language code part")
                .to_ascii_uppercase();
            first.to_string() + &chars.as_str().to_ascii_lowercase()
        })
        .collect()
}

/// The plain text of message `id` in `source`.
fn text_of(source: &str, id: &str, file: &Path) -> String {
    optional_text_of(source, id, file)
        .unwrap_or_else(|| panic!("{}: {id} is missing or not plain text", file.display()))
}

fn optional_text_of(source: &str, id: &str, file: &Path) -> Option<String> {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", file.display()));
    resource
        .body
        .iter()
        .find_map(|entry| match entry {
            Entry::Message(message) if message.id.name == id => message.value.as_ref(),
            _ => None,
        })
        .and_then(|pattern| match pattern.elements.as_slice() {
            [PatternElement::TextElement { value }] => Some(value.trim().to_owned()),
            _ => None,
        })
}
