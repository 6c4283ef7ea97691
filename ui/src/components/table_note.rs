//! The row a list table shows instead of its rows: loading, empty or failed.

use crate::prelude::*;

/// A row across the table's `columns` that says why no rows are shown.
pub fn table_note(columns: u32, note: impl Into<Html>) -> Html {
    html! { <tr class="table-note"><td colspan={columns.to_string()}>{ note.into() }</td></tr> }
}

/// [`table_note`] with a spinner: the rows are on their way.
pub fn table_loading(columns: u32, note: String) -> Html {
    let spinner = html! { <span class="spinner spinner-sm" aria-hidden="true"></span> };
    table_note(columns, html! { <>{ spinner }{ note }</> })
}
