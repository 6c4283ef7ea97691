//! The closed sets of words the window, the shell and the database share.
//!
//! Each word is written once, in a `wire_enum!`: the same text is what serde sends over
//! IPC, what `as_str` stores in SQLite and what `FromStr` reads back, so the three
//! cannot drift apart.

use std::fmt;

/// Declares an enum whose variants each stand for one fixed word, with `ALL` (in
/// declaration order), `as_str`, `FromStr` and serde all using that word.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $text:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                #[serde(rename = $text)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in the order they are declared (and offered in the window).
            pub const ALL: [Self; [$(stringify!($variant)),+].len()] = [$(Self::$variant),+];

            /// The word for this value, as stored and sent.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }
        }

        impl $crate::Vocabulary for $name {
            const SET: &'static str = stringify!($name);

            fn every() -> &'static [Self] {
                &Self::ALL
            }

            fn word(self) -> &'static str {
                self.as_str()
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::UnknownValue;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($text => Ok(Self::$variant),)+
                    _ => Err($crate::UnknownValue::new(stringify!($name), text)),
                }
            }
        }
    };
}

/// A closed set of words (declared with `wire_enum!`). A set the window names to people
/// has a message per value in the window's catalogue, under the id
/// [`Vocabulary::message_id`] derives from the set and the word, so no screen keeps its
/// own list of labels (the window's tests list the sets it names).
pub trait Vocabulary: Copy + 'static {
    /// The set's name, e.g. `CustomerStatus`.
    const SET: &'static str;

    /// Every value, in the order they are offered.
    fn every() -> &'static [Self];

    /// The value's word, as stored and sent.
    fn word(self) -> &'static str;

    /// The id of the message naming this value: `CustomerStatus::Active` →
    /// `customer-status-active`, `HandoffChannel::InPerson` → `handoff-channel-in-person`.
    fn message_id(self) -> String {
        let mut id = String::new();
        for (i, c) in Self::SET.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                id.push('-');
            }
            id.push(c.to_ascii_lowercase());
        }
        id.push('-');
        id.extend(self.word().chars().map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        }));
        id
    }
}

/// A word that names no value of the set it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The set, e.g. `Tier`.
    pub set: &'static str,
    /// The word as found.
    pub value: String,
}

impl UnknownValue {
    pub fn new(set: &'static str, value: &str) -> Self {
        Self {
            set,
            value: value.to_owned(),
        }
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} {:?}", self.set, self.value)
    }
}

impl std::error::Error for UnknownValue {}

#[cfg(test)]
mod tests {
    use crate::*;
    use serde::{de::DeserializeOwned, Serialize};
    use std::fmt::Debug;
    use std::str::FromStr;

    /// `as_str`, `FromStr` and serde agree on every value, and each word is distinct.
    fn agree<T>(all: &[T], as_str: fn(T) -> &'static str)
    where
        T: Copy + PartialEq + Debug + Serialize + DeserializeOwned + FromStr<Err = UnknownValue>,
    {
        for &value in all {
            let word = as_str(value);
            assert_eq!(T::from_str(word), Ok(value), "{word}");
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(json, format!("\"{word}\""));
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), value);
        }
        let mut words: Vec<_> = all.iter().map(|&v| as_str(v)).collect();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), all.len(), "a word stands for two values");
        let unknown = T::from_str("no such word").unwrap_err();
        assert_eq!(unknown.value, "no such word");
        assert!(unknown.to_string().contains("no such word"));
    }

    #[test]
    fn tier() {
        agree(&Tier::ALL, Tier::as_str);
        assert_eq!(Tier::Platinum.as_str(), "platinum");
    }

    #[test]
    fn smtp_security() {
        agree(&SmtpSecurity::ALL, SmtpSecurity::as_str);
        assert_eq!(SmtpSecurity::ImplicitTls.as_str(), "implicit_tls");
    }

    #[test]
    fn customer_status() {
        agree(&CustomerStatus::ALL, CustomerStatus::as_str);
        assert_eq!(CustomerStatus::Inactive.as_str(), "inactive");
    }

    #[test]
    fn contact_method() {
        agree(&ContactMethod::ALL, ContactMethod::as_str);
        assert_eq!(ContactMethod::Whatsapp.as_str(), "whatsapp");
    }

    #[test]
    fn credentials_state() {
        agree(&CredentialsState::ALL, CredentialsState::as_str);
        assert_eq!(CredentialsState::NoLogin.as_str(), "no_login");
    }

    #[test]
    fn customer_sort() {
        agree(&CustomerSort::ALL, CustomerSort::as_str);
        assert_eq!(CustomerSort::LastLogin.as_str(), "last_login");
        assert_eq!(CustomerSort::default(), CustomerSort::Newest);
    }

    #[test]
    fn role() {
        agree(&Role::ALL, Role::as_str);
        assert_eq!(Role::Owner.as_str(), "owner");
    }

    #[test]
    fn handoff_state() {
        agree(&HandoffState::ALL, HandoffState::as_str);
        assert_eq!(HandoffState::Revoked.as_str(), "revoked");
    }

    #[test]
    fn handoff_channel() {
        agree(&HandoffChannel::ALL, HandoffChannel::as_str);
        assert_eq!(HandoffChannel::InPerson.as_str(), "in_person");
    }

    #[test]
    fn handoff_reason() {
        agree(&HandoffReason::ALL, HandoffReason::as_str);
        assert_eq!(HandoffReason::NewCustomer.as_str(), "new_customer");
    }

    #[test]
    fn mail_kind() {
        agree(&MailKind::ALL, MailKind::as_str);
        assert_eq!(MailKind::WelcomeCredentials.as_str(), "welcome_credentials");
    }

    #[test]
    fn outbox_state() {
        agree(&OutboxState::ALL, OutboxState::as_str);
        assert_eq!(OutboxState::Cancelled.as_str(), "cancelled");
    }

    #[test]
    fn import_field() {
        agree(&ImportField::ALL, ImportField::as_str);
        assert_eq!(
            ImportField::PreferredLanguage.as_str(),
            "preferred_language"
        );
    }

    #[test]
    fn text_encoding() {
        agree(&TextEncoding::ALL, TextEncoding::as_str);
        assert_eq!(TextEncoding::Windows1252.as_str(), "windows-1252");
        assert_eq!(TextEncoding::Windows1252.label(), "Western (Windows-1252)");
        let mut labels: Vec<_> = TextEncoding::ALL.iter().map(|e| e.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(
            labels.len(),
            TextEncoding::ALL.len(),
            "two encodings read alike"
        );
    }

    #[test]
    fn message_ids_are_the_set_and_the_word_in_kebab_case() {
        use crate::Vocabulary;
        assert_eq!(
            CustomerStatus::Active.message_id(),
            "customer-status-active"
        );
        assert_eq!(
            HandoffChannel::InPerson.message_id(),
            "handoff-channel-in-person"
        );
        assert_eq!(
            TextEncoding::Iso8859_15.message_id(),
            "text-encoding-iso-8859-15"
        );
        assert_eq!(Calendar::SolarHijri.message_id(), "calendar-solar-hijri");
        assert_eq!(Role::Owner.message_id(), "role-owner");
    }

    #[test]
    fn encoding_source() {
        agree(&EncodingSource::ALL, EncodingSource::as_str);
        assert_eq!(EncodingSource::ByteOrderMark.as_str(), "byte_order_mark");
    }
}
