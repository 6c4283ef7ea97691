//! Rebuilds the core when a migration is added: `sqlx::migrate!` embeds the migration
//! folders at compile time, and cargo only notices changed source files by itself.
//!
//! Checks the message catalogues of `locales/`: every language holds exactly the
//! messages of `en` with the same variables, so a missing or half-done translation
//! fails the build instead of leaving a blank in a customer's inbox. It also lists the
//! catalogue files for the core to embed (`catalogues.rs`).

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
    println!("cargo:rerun-if-changed=../server/migrations");
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let mut languages: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for dir in std::fs::read_dir(&locales).expect("the locales folder") {
        let dir = dir.expect("a locales entry").path();
        if !dir.is_dir() {
            continue;
        }
        let code = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files = BTreeMap::new();
        for file in std::fs::read_dir(&dir).expect("a language folder") {
            let file = file.expect("a catalogue file").path();
            if file.extension().is_some_and(|e| e == "ftl") {
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                files.insert(name, file.canonicalize().expect("a catalogue path"));
            }
        }
        languages.insert(code, files);
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
        for (name, path) in files {
            if name == "language.ftl" {
                continue;
            }
            let theirs = catalogue(path);
            let ours = catalogue(&english[name]);
            for id in theirs.references.difference(&theirs.defined) {
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
    assert!(
        problems.is_empty(),
        "the message catalogues do not match:\n{}",
        problems.join("\n")
    );
    let mut out = String::from(
        "/// The catalogue files of each language, embedded.\n\
         fn catalogue_sources(language: keydesk_api::Language) -> &'static [&'static str] {\n    \
         match language.as_str() {\n",
    );
    for (code, files) in &languages {
        let sources: Vec<String> = files
            .iter()
            .filter(|(name, _)| *name != "language.ftl")
            .map(|(_, path)| format!("include_str!({:?})", path.display().to_string()))
            .collect();
        writeln!(out, "        {code:?} => &[{}],", sources.join(", ")).unwrap();
    }
    out.push_str("        _ => &[],\n    }\n}\n");
    let generated = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalogues.rs");
    std::fs::write(generated, out).expect("the catalogue list");
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
