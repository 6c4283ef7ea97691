//! Reducers written as changes made in place.

use std::rc::Rc;

/// Makes the change `update` describes on a copy of `state`, and keeps the copy only
/// when the change went through (`Some`). On `None` the same `Rc` comes back, so an
/// action that changes nothing (a stale answer, a click while busy) renders nothing.
pub fn apply<S: Clone>(state: Rc<S>, update: impl FnOnce(&mut S) -> Option<()>) -> Rc<S> {
    let mut next = (*state).clone();
    match update(&mut next) {
        Some(()) => next.into(),
        None => state,
    }
}

/// Inside an update: drops the action (no change) unless `cond` holds.
macro_rules! ensure {
    ($cond:expr) => {
        if !$cond {
            return None;
        }
    };
}
pub(crate) use ensure;
