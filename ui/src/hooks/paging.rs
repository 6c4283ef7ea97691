//! Sending the page requests of a paged list.

use serde::de::DeserializeOwned;
use serde::Serialize;
use yew::prelude::*;

use super::use_command::use_command;
use super::use_request::use_request;
use crate::state::paging::{PagedState, Paging};

/// Calls `command` for the first page whenever the state asks for one (its `load.seq`
/// changes, at the start too) and for the next page whenever "Load more" asks (its
/// `more.seq`), and dispatches the answers as [`Paging`] actions.
#[hook]
pub fn use_paging<S>(state: &UseReducerHandle<S>, command: &'static str)
where
    S: PagedState + 'static,
    S::Page: DeserializeOwned + 'static,
    S::Query: Serialize + 'static,
{
    let call = use_command();
    {
        let state = state.clone();
        let call = call.clone();
        use_effect_with(state.paged().load.seq, move |&seq| {
            let query = state.page_query(None);
            call.load(command, query, state.dispatcher(), move |result| {
                S::paging(Paging::Loaded { seq, result })
            });
        });
    }
    let query = state
        .paged()
        .next_before_id
        .map(|before| state.page_query(Some(before)));
    let dispatcher = state.dispatcher();
    use_request(&state.paged().more, move |seq| {
        if let Some(query) = query {
            call.load(command, query, dispatcher, move |result| {
                S::paging(Paging::MoreLoaded { seq, result })
            });
        }
    });
}
