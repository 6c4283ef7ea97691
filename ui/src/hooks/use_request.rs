//! Sending a request a state asked for.

use yew::prelude::*;

use crate::state::remote::Request;

/// Calls `send` with the request's number each time the state asks for `request` (its
/// `seq` changes; a request never asked for has `seq` 0); the answer then carries that
/// number back.
#[hook]
pub fn use_request<T, F>(request: &Request<T>, send: F)
where
    F: FnOnce(u64) + 'static,
{
    use_effect_with(request.seq, move |&seq| {
        if seq > 0 {
            send(seq);
        }
    });
}
