//! Sending a request a state asked for.

use yew::prelude::*;

use crate::state::remote::Request;

/// Calls `send` with the request's number each time the state starts `request` (its
/// `seq` changes while it is loading); the answer then carries that number back.
#[hook]
pub fn use_request<T, F>(request: &Request<T>, send: F)
where
    F: FnOnce(u64) + 'static,
{
    let loading = request.is_loading();
    use_effect_with(request.seq, move |&seq| {
        if loading {
            send(seq);
        }
    });
}
