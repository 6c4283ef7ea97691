//! Hooks that tie state to the browser (events, timers) and to the app (calls).

pub mod busy_call;
pub mod handoff_count;
pub mod idle_lock;
pub mod outbox_status;
pub mod paging;
pub mod shell_event;
pub mod sync_status;
pub mod use_answer;
pub mod use_command;
pub mod use_request;
pub mod use_settled;
