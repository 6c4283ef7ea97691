//! Hooks that tie state to the browser (events, timers).

pub mod idle_lock;
pub mod outbox_status;
