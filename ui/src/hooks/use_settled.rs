//! Waiting for typing to pause before acting on it.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// Runs `settled` once `rev` has stood still for `ms` milliseconds: a newer `rev` drops
/// the timer of the one before. `rev` 0 (nothing typed yet) runs nothing.
#[hook]
pub fn use_settled<F: FnOnce() + 'static>(rev: u64, ms: u32, settled: F) {
    use_effect_with(rev, move |&rev| {
        let timer = (rev > 0).then(|| Timeout::new(ms, settled));
        move || drop(timer)
    });
}
