//! What Keydesk has to say to a person, kept apart from its words so that it is said in
//! the reader's language at the moment it is read: one of the window catalogue's
//! messages with its values, or text shown as it came (a mail server's reply, a
//! record). The core says its refusals this way; the window says them in the language
//! the person chose, and says them again when that language changes.

use crate::Language;
use fluent_bundle::bundle::FluentBundle;
use fluent_bundle::memoizer::MemoizerKind;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::borrow::{Borrow, Cow};

/// Something to say: a catalogue message, or text as it came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Said {
    Message(Message),
    Text(String),
}

/// A message of the window catalogue (`locales/<language>/window/`) and its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

/// A value in a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arg {
    /// Shown as it is (a name, an address, a server's words).
    Text(String),
    /// Shown in the language's digits. Named `count`, it also chooses the plural form
    /// and is shown as `$n`.
    Number(i64),
    /// Something else said, in the same language.
    Said(Box<Said>),
}

impl Said {
    /// Message `id`.
    pub fn id(id: &'static str) -> Self {
        Self::Message(Message {
            id: Cow::Borrowed(id),
            args: Vec::new(),
        })
    }

    /// Message `id` with numbers, e.g. `Said::with("check-password-short", &[("min", 12)])`.
    pub fn with(id: &'static str, numbers: &[(&'static str, i64)]) -> Self {
        numbers
            .iter()
            .fold(Self::id(id), |said, &(name, n)| said.arg(name, n))
    }

    /// The same with one more value (text as it came is left as it is).
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        if let Self::Message(message) = &mut self {
            message.args.push((Cow::Borrowed(name), value.into()));
        }
        self
    }

    /// The message, when this is one.
    pub fn message(&self) -> Option<&Message> {
        match self {
            Self::Message(message) => Some(message),
            Self::Text(_) => None,
        }
    }

    /// What was said, in the language of `bundle`, which speaks `language`. A message
    /// the bundle does not hold shows its id in brackets rather than a blank: every id
    /// is checked against English by tests, and every language against English at build
    /// time, so that is a bug, shown plainly.
    pub fn say<R, M>(&self, bundle: &FluentBundle<R, M>, language: Language) -> String
    where
        R: Borrow<FluentResource>,
        M: MemoizerKind,
    {
        let Message { id, args } = match self {
            Self::Message(message) => message,
            Self::Text(text) => return text.clone(),
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return format!("[{id}]");
        };
        let mut values = FluentArgs::new();
        for (name, value) in args {
            if let ("count", Arg::Number(n)) = (name.as_ref(), value) {
                values.set("count", FluentValue::from(*n));
                values.set("n", language.localize_digits(&n.to_string()));
                continue;
            }
            let value = match value {
                Arg::Text(text) => text.clone(),
                Arg::Number(n) => language.localize_digits(&n.to_string()),
                Arg::Said(said) => said.say(bundle, language),
            };
            values.set(name.clone(), value);
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&values), &mut errors)
            .into_owned()
    }
}

impl From<String> for Said {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&str> for Said {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Self::Number(n)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Self::Number(n.into())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Self::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<Said> for Arg {
    fn from(said: Said) -> Self {
        Self::Said(Box::new(said))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_crosses_ipc_as_its_id_and_values() {
        let said = Said::with("check-password-short", &[("min", 12)]).arg("name", "Léa");
        let json = serde_json::to_value(&said).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"message": {
                "id": "check-password-short",
                "args": [["min", {"number": 12}], ["name", {"text": "Léa"}]]
            }})
        );
        assert_eq!(serde_json::from_value::<Said>(json).unwrap(), said);
    }

    fn bundle(source: &str) -> fluent_bundle::FluentBundle<FluentResource> {
        let mut bundle = fluent_bundle::FluentBundle::new(vec!["fa".parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle
            .add_resource(FluentResource::try_new(source.to_owned()).unwrap())
            .unwrap();
        bundle
    }

    #[test]
    fn numbers_are_said_in_the_languages_digits_and_choose_the_plural() {
        let fa = bundle(
            "wait = { $count ->\n [one] یک دقیقه\n *[other] { $n } دقیقه\n} در { $where }\n\
             where = دفتر { $desk }\n",
        );
        let said =
            Said::with("wait", &[("count", 12)]).arg("where", Said::with("where", &[("desk", 3)]));
        assert_eq!(said.say(&fa, Language::Fa), "۱۲ دقیقه در دفتر ۳");
    }

    #[test]
    fn text_is_said_as_it_came_and_an_unknown_id_shows_itself() {
        let fa = bundle("x = y\n");
        assert_eq!(Said::from("421 busy").say(&fa, Language::Fa), "421 busy");
        assert_eq!(Said::id("nope").say(&fa, Language::Fa), "[nope]");
    }
}
