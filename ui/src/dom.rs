//! Small things only a browser can do. Never called from native tests.

use keydesk_api::{Calendar, Language, WindowPreferences};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};
use yew::prelude::*;

/// Moves keyboard focus to the element, if it is mounted.
pub fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<HtmlElement>() {
        let _ = element.focus();
    }
}

/// The page's document; absent only outside a browser window.
pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// What the control an input or change event came from holds now: an input, a text area
/// and a select alike.
pub fn typed(e: impl AsRef<Event>) -> String {
    let target = e.as_ref().target().map(JsValue::from).unwrap_or_default();
    js_sys::Reflect::get(&target, &JsValue::from_str("value"))
        .ok()
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

thread_local! {
    /// How the window speaks, for the dates it writes.
    static WINDOW: std::cell::Cell<WindowPreferences> = std::cell::Cell::default();
}

/// Sets the document's language and direction (`<html lang dir>`) and how dates are
/// written from now on (`data-calendar` says which calendar the screen shows).
pub fn speak(window: WindowPreferences) {
    WINDOW.with(|w| w.set(window));
    let language = window.language;
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", language.as_str());
        let _ = root.set_attribute("dir", if language.is_rtl() { "rtl" } else { "ltr" });
        let _ = root.set_attribute("data-calendar", window.calendar.as_str());
    }
}

/// The locale dates are written in: in English the person's own (the system's), in
/// another language that language; with the chosen calendar either way.
fn date_locale(window: WindowPreferences, system: Option<String>) -> String {
    let base = match window.language {
        Language::En => system
            .filter(|tag| is_language_tag(tag))
            .unwrap_or_else(|| "en-US".to_owned()),
        other => other.as_str().to_owned(),
    };
    let calendar = match window.calendar {
        Calendar::Gregorian => "gregory",
        Calendar::SolarHijri => "persian",
    };
    format!("{base}-u-ca-{calendar}")
}

/// Moves keyboard focus to the element with this id, if there is one.
pub fn focus_id(id: &str) {
    let element = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Milliseconds since the epoch, from the webview's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The element that has keyboard focus, if any.
pub fn active_element() -> Option<HtmlElement> {
    document()?.active_element()?.dyn_into().ok()
}

/// What Tab can reach inside a dialog.
const FOCUSABLE: &str =
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// The elements inside `root` that Tab can reach, in document order.
pub fn focusables(root: &Element) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .filter(|element| element.tab_index() >= 0)
        .collect()
}

/// Alt+F8 shows or hides passwords (the toggle button is kept out of the tab order).
pub fn is_reveal_shortcut(e: &KeyboardEvent) -> bool {
    e.alt_key() && e.key() == "F8"
}

/// An RFC 3339 time as the person's own locale writes it, in their time zone
/// (e.g. "Mar 4, 2025, 14:05:09"); the input unchanged if it does not parse.
pub fn local_time(rfc3339: &str) -> String {
    format_time(rfc3339, Some("medium"), "medium")
}

/// Like [`local_time`] without the seconds (e.g. "Mar 4, 2025, 14:05"), for tables where
/// the minute is enough.
pub fn local_time_short(rfc3339: &str) -> String {
    format_time(rfc3339, Some("medium"), "short")
}

/// The time of day alone ("14:05") when `rfc3339` is today, else like
/// [`local_time_short`]: for the top bar, where space is short.
pub fn local_clock(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    let today = js_sys::Date::new_0();
    let same_day = date.get_full_year() == today.get_full_year()
        && date.get_month() == today.get_month()
        && date.get_date() == today.get_date();
    if same_day {
        format_time(rfc3339, None, "short")
    } else {
        local_time_short(rfc3339)
    }
}

fn format_time(rfc3339: &str, date_style: Option<&str>, time_style: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    let styles = [("dateStyle", date_style), ("timeStyle", Some(time_style))];
    for (key, value) in styles {
        if let Some(value) = value {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        }
    }
    let system = web_sys::window().and_then(|w| w.navigator().language());
    let locale = date_locale(WINDOW.with(|w| w.get()), system);
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
    use super::{date_locale, is_language_tag};
    use keydesk_api::{Calendar, Language, WindowPreferences};

    #[test]
    fn dates_are_written_in_the_windows_language_and_calendar() {
        let window = |language, calendar| WindowPreferences { language, calendar };
        let system = || Some("de-CH".to_owned());
        assert_eq!(
            date_locale(window(Language::En, Calendar::Gregorian), system()),
            "de-CH-u-ca-gregory"
        );
        assert_eq!(
            date_locale(window(Language::En, Calendar::SolarHijri), Some("C".into())),
            "en-US-u-ca-persian"
        );
        assert_eq!(
            date_locale(window(Language::Fa, Calendar::SolarHijri), system()),
            "fa-u-ca-persian"
        );
        assert_eq!(
            date_locale(window(Language::Fa, Calendar::Gregorian), system()),
            "fa-u-ca-gregory"
        );
    }

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
