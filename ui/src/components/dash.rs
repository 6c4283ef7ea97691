use crate::prelude::*;

/// A value, or a muted dash for none.
pub fn dash(value: Option<&str>) -> Html {
    match value.filter(|v| !v.trim().is_empty()) {
        Some(value) => html! { { value.to_owned() } },
        None => html! { <span class="muted">{ "—" }</span> },
    }
}
