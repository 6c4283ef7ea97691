//! Small things only a browser can do. Never called from native tests.

use wasm_bindgen::JsValue;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Moves keyboard focus to the element, if it is mounted.
pub fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<HtmlElement>() {
        let _ = element.focus();
    }
}

/// Alt+F8 shows or hides passwords (the toggle button is kept out of the tab order).
pub fn is_reveal_shortcut(e: &KeyboardEvent) -> bool {
    e.alt_key() && e.key() == "F8"
}

/// An RFC 3339 time as the person's own locale writes it, in their time zone
/// (e.g. "Mar 4, 2025, 14:05:09"); the input unchanged if it does not parse.
pub fn local_time(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "medium")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let locale = web_sys::window()
        .and_then(|w| w.navigator().language())
        .filter(|tag| is_language_tag(tag))
        .unwrap_or_else(|| "en-US".to_owned());
    date.to_locale_string(&locale, &options).into()
}

/// Whether a language reported by the webview is a BCP 47 tag `Date` accepts. Under a
/// POSIX locale (`LANG=C`) WebKitGTK reports `"C"`, which would make formatting throw.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::is_language_tag;

    #[test]
    fn posix_locales_are_not_language_tags() {
        for tag in ["en", "en-US", "de-CH", "zh-Hant-TW", "fil"] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for tag in ["C", "POSIX", "", "en_US", "en-", "c.UTF-8"] {
            assert!(!is_language_tag(tag), "{tag}");
        }
    }
}
