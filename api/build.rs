//! The languages Keydesk speaks are the folders of `locales/`: this generates the
//! `Language` vocabulary from them, each with its name and direction as its own
//! `language.ftl` gives them, so that adding a language is adding its folder.
//!
//! It also checks the message catalogues: every language holds exactly the messages of
//! `en` with the same variables, so a missing or half-done translation fails the build
//! instead of leaving a blank in a customer's inbox or in the window. The catalogues
//! (each `.ftl` file but `language.ftl`) are embedded for the core (mails) and the
//! window alike.

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    // Read when the script runs, so the locales are those of the crate being built.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let locales = Path::new(&manifest_dir).join("../locales");
    println!("cargo:rerun-if-changed=../locales");
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
    out.push_str(&check_catalogues(&locales));
    let generated = Path::new(&std::env::var("OUT_DIR").unwrap()).join("language.rs");
    std::fs::write(generated, out).expect("the generated languages");
}

/// Checks every language's catalogues against `en`'s and returns the code that embeds
/// them: a `Catalogue` for each file of `en` and `Language::catalogue`.
fn check_catalogues(locales: &Path) -> String {
    let mut languages: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for dir in std::fs::read_dir(locales).expect("the locales folder") {
        let dir = dir.expect("a locales entry").path();
        if !dir.is_dir() {
            continue;
        }
        let code = dir.file_name().unwrap().to_string_lossy().into_owned();
        languages.insert(code, ftl_files(&dir));
    }
    let english = languages.get("en").expect("locales/en").clone();
    let mut problems = Vec::new();
    for (code, files) in &languages {
        let names: BTreeSet<_> = files.keys().collect();
        let expected: BTreeSet<_> = english.keys().collect();
        if names != expected {
            problems.push(format!(
                "locales/{code} has the files {names:?}, locales/en has {expected:?}"
            ));
            continue;
        }
        let language_file = &files["language.ftl"];
        let language_source = std::fs::read_to_string(language_file).expect("language.ftl");
        let rtl = text_of(&language_source, "language-direction", language_file) == "rtl";
        for (name, path) in files {
            if name == "language.ftl" {
                continue;
            }
            if rtl {
                for id in latin_first(path) {
                    problems.push(format!(
                        "locales/{code}/{name}: {id} starts with a Latin word, so a right-to-left \
                         paragraph of it would read left to right: start it with a word of the \
                         language (or put the Latin part in a variable)"
                    ));
                }
            }
            let theirs = catalogue(path);
            let ours = catalogue(&english[name]);
            // A reference may name a message or term of another file of the catalogue:
            // they load into one bundle.
            let defined: BTreeSet<String> = files
                .iter()
                .filter(|(other, _)| catalogue_of(other) == catalogue_of(name))
                .flat_map(|(_, other)| catalogue(other).defined)
                .collect();
            for id in theirs.references.difference(&defined) {
                problems.push(format!(
                    "locales/{code}/{name}: {id} is used but not defined"
                ));
            }
            for (id, variables) in &ours.messages {
                match theirs.messages.get(id) {
                    None => problems.push(format!("locales/{code}/{name}: {id} is missing")),
                    Some(v) if v != variables => problems.push(format!(
                        "locales/{code}/{name}: {id} uses {v:?}, not {variables:?} as in en"
                    )),
                    Some(_) => {}
                }
            }
            for id in theirs
                .messages
                .keys()
                .filter(|id| !ours.messages.contains_key(*id))
            {
                problems.push(format!("locales/{code}/{name}: {id} is not in en"));
            }
        }
    }
    // The files of one catalogue load into one bundle: an id defined twice would
    // fail there, at run time.
    for (code, files) in &languages {
        let mut seen: BTreeMap<(String, String), &String> = BTreeMap::new();
        for (name, path) in files {
            for id in catalogue(path).defined {
                if let Some(first) = seen.insert((catalogue_of(name), id.clone()), name) {
                    problems.push(format!(
                        "locales/{code}: {id} is defined in both {first} and {name}"
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the message catalogues do not match:\n{}",
        problems.join("\n")
    );
    let mut catalogues: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for name in english.keys().filter(|n| *n != "language.ftl") {
        catalogues.entry(catalogue_of(name)).or_default().push(name);
    }
    let mut out = String::from(
        "\n/// A message catalogue: one `.ftl` file, or a folder of them, in each language's \
         folder.\n#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum Catalogue {\n",
    );
    for (stem, files) in &catalogues {
        writeln!(
            out,
            "    /// `{}`\n    {},",
            files
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join("`, `"),
            variant(stem)
        )
        .unwrap();
    }
    out.push_str(
        "}\n\nimpl Language {\n    /// The source of `catalogue` in this language, embedded (its files one after \
         the other).\n    pub fn catalogue(self, catalogue: Catalogue) -> &'static str {\n        \
         match (self, catalogue) {\n",
    );
    for code in languages.keys() {
        for (stem, files) in &catalogues {
            let sources: Vec<String> = files
                .iter()
                .map(|name| {
                    format!(
                        "include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/../locales/{code}/{name}\"))"
                    )
                })
                .collect();
            writeln!(
                out,
                "            (Self::{}, Catalogue::{}) => concat!({}),",
                variant(code),
                variant(stem),
                sources.join(", \"\\n\", "),
            )
            .unwrap();
        }
    }
    out.push_str("        }\n    }\n}\n");
    out
}

/// The `.ftl` files of a language's folder and of its subfolders (one level: a
/// catalogue split by screen), by their path in it, `/`-separated.
fn ftl_files(dir: &Path) -> BTreeMap<String, PathBuf> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("a language folder") {
        let path = entry.expect("a catalogue file").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            for inner in std::fs::read_dir(&path).expect("a catalogue folder") {
                let inner = inner.expect("a catalogue file").path();
                if inner.extension().is_some_and(|e| e == "ftl") {
                    let file = inner.file_name().unwrap().to_string_lossy().into_owned();
                    files.insert(format!("{name}/{file}"), inner);
                }
            }
        } else if path.extension().is_some_and(|e| e == "ftl") {
            files.insert(name, path);
        }
    }
    files
}

/// The catalogue a file belongs to: `mail.ftl` → `mail`, `window/customers.ftl` →
/// `window`.
fn catalogue_of(name: &str) -> String {
    name.split('/')
        .next()
        .unwrap_or(name)
        .trim_end_matches(".ftl")
        .to_owned()
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

/// The messages of a right-to-left catalogue whose text starts, before any letter of the
/// language, with a Latin letter. The window lets each paragraph take its direction from
/// its first letter (values are isolated, so they do not count), and such a message
/// would be laid out left to right. Messages with no right-to-left letter at all (a
/// name, a shortcut) are left alone.
fn latin_first(path: &Path) -> Vec<String> {
    let source =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let resource = fluent_syntax::parser::parse(source.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
    let rtl_letter =
        |c: char| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF);
    let mut found = Vec::new();
    for entry in &resource.body {
        let Entry::Message(message) = entry else {
            continue;
        };
        let Some(pattern) = &message.value else {
            continue;
        };
        let text: String = pattern
            .elements
            .iter()
            .filter_map(|element| match element {
                PatternElement::TextElement { value } => Some(*value),
                PatternElement::Placeable { .. } => None,
            })
            .collect();
        let first_strong = text.chars().find(|c| c.is_alphabetic());
        if text.chars().any(rtl_letter) && first_strong.is_some_and(|c| !rtl_letter(c)) {
            found.push(message.id.name.to_owned());
        }
    }
    found
}

/// A catalogue file as the check needs it.
#[derive(Default)]
struct Catalogue {
    /// Each message, with the variables it uses.
    messages: BTreeMap<String, BTreeSet<String>>,
    /// The messages and terms (`-name`) it defines.
    defined: BTreeSet<String>,
    /// The messages and terms its patterns refer to.
    references: BTreeSet<String>,
}

fn catalogue(path: &Path) -> Catalogue {
    let source =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let resource = fluent_syntax::parser::parse(source.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
    let mut catalogue = Catalogue::default();
    for entry in &resource.body {
        match entry {
            Entry::Message(message) => {
                let mut found = Found::default();
                if let Some(pattern) = &message.value {
                    found.pattern(pattern);
                }
                for attribute in &message.attributes {
                    found.pattern(&attribute.value);
                }
                catalogue.defined.insert(message.id.name.to_owned());
                catalogue.references.extend(found.references);
                catalogue
                    .messages
                    .insert(message.id.name.to_owned(), found.variables);
            }
            Entry::Term(term) => {
                let mut found = Found::default();
                found.pattern(&term.value);
                catalogue.defined.insert(format!("-{}", term.id.name));
                catalogue.references.extend(found.references);
            }
            _ => {}
        }
    }
    catalogue
}

/// The variables and references of patterns, function arguments and selectors included.
#[derive(Default)]
struct Found {
    variables: BTreeSet<String>,
    references: BTreeSet<String>,
}

impl Found {
    fn pattern(&mut self, pattern: &Pattern<&str>) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, expression: &Expression<&str>) {
        match expression {
            Expression::Inline(inline) => self.inline(inline),
            Expression::Select { selector, variants } => {
                self.inline(selector);
                for variant in variants {
                    self.pattern(&variant.value);
                }
            }
        }
    }

    fn inline(&mut self, expression: &InlineExpression<&str>) {
        match expression {
            InlineExpression::VariableReference { id } => {
                self.variables.insert(id.name.to_owned());
            }
            InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    self.inline(argument);
                }
                for argument in &arguments.named {
                    self.inline(&argument.value);
                }
            }
            InlineExpression::MessageReference { id, .. } => {
                self.references.insert(id.name.to_owned());
            }
            InlineExpression::TermReference { id, arguments, .. } => {
                self.references.insert(format!("-{}", id.name));
                if let Some(arguments) = arguments {
                    for argument in &arguments.named {
                        self.inline(&argument.value);
                    }
                }
            }
            InlineExpression::Placeable { expression } => self.expression(expression),
            InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => {}
        }
    }
}
