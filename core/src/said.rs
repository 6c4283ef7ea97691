//! How the core explains a refusal: as a [`Said`], a message of the window catalogue
//! with its values, which the window says in the reader's language. The English is the
//! same message said in English: what `Display`, the logs' error names and the tests
//! read.

pub use keydesk_api::Said;

/// An error that explains itself to the person who met it.
pub trait Explain {
    /// What to tell the person, in the catalogue's terms.
    fn explain(&self) -> Said;
}

/// `Display` for an [`Explain`] type: its explanation, in English.
macro_rules! display_in_english {
    ($($ty:ty),+ $(,)?) => {$(
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::catalogue::in_english(&$crate::said::Explain::explain(self)))
            }
        }
    )+};
}
pub(crate) use display_in_english;

/// How a [`Said`] is kept in the database (a row's reason, said again whenever it is
/// shown): its JSON.
pub fn to_stored(said: &Said) -> String {
    serde_json::to_string(said).expect("a message serializes")
}

/// A kept [`Said`]; text an older Keydesk kept as written is shown as it is.
pub fn from_stored(text: String) -> Said {
    serde_json::from_str(&text).unwrap_or(Said::Text(text))
}

/// A wait as people say it: "30 seconds", "2 minutes", "1 hour 5 minutes"; a minute or
/// more is rounded up to the minute.
pub fn wait(wait: chrono::Duration) -> Said {
    let seconds = wait.num_seconds().max(1);
    if seconds < 60 {
        return Said::with("wait-seconds", &[("count", seconds)]);
    }
    let minutes = (seconds + 59) / 60;
    let part = |id, count| Said::with(id, &[("count", count)]);
    match (minutes / 60, minutes % 60) {
        (0, m) => part("wait-minutes", m),
        (h, 0) => part("wait-hours", h),
        (h, m) => Said::id("wait-hours-minutes")
            .arg("hours", part("wait-hours", h))
            .arg("minutes", part("wait-minutes", m)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{in_english, in_language};
    use keydesk_api::Language;

    #[test]
    fn waits_are_said_in_seconds_then_rounded_up_to_the_minute() {
        for (seconds, words) in [
            (1, "1 second"),
            (30, "30 seconds"),
            (60, "1 minute"),
            (61, "2 minutes"),
            (23 * 60, "23 minutes"),
            (3600, "1 hour"),
            (3600 + 5 * 60, "1 hour 5 minutes"),
            (5 * 3600 + 60, "5 hours 1 minute"),
        ] {
            assert_eq!(in_english(&wait(chrono::Duration::seconds(seconds))), words);
        }
        assert_eq!(
            in_language(Language::Fa, &wait(chrono::Duration::seconds(3900))),
            "۱ ساعت و ۵ دقیقه"
        );
    }

    #[test]
    fn a_kept_message_is_said_again_and_old_text_stays_as_written() {
        let said = Said::id("error-locked-out").arg("wait", wait(chrono::Duration::seconds(90)));
        assert_eq!(from_stored(to_stored(&said)), said);
        let old = "The mail server could not be reached.".to_owned();
        assert_eq!(from_stored(old.clone()), Said::Text(old));
    }

    /// Every message id the core's code names exists in English (and so, by the build's
    /// check, in every language).
    #[test]
    fn every_id_the_core_says_is_in_the_window_catalogue() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        for file in rust_files(&root) {
            let text = std::fs::read_to_string(&file).unwrap();
            for call in ["Said::id(\"", "Said::with(\""] {
                for (at, _) in text.match_indices(call) {
                    let rest = &text[at + call.len()..];
                    let id = &rest[..rest.find('"').unwrap()];
                    if !crate::catalogue::window_has(id) {
                        missing.push(format!("{}: {id}", file.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "not in the window catalogue: {missing:#?}"
        );
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
}
