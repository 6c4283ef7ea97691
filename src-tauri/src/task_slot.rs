//! Long tasks the window starts and may cancel (a customer import, "Generate logins"):
//! one of a kind at a time, each with the switch that stops it.

use crate::shell::lock;
use std::sync::{Arc, Mutex};

/// Where the running task of one kind keeps its cancel switch `C`, if one runs.
pub struct TaskSlot<C> {
    running: Arc<Mutex<Option<C>>>,
}

impl<C> Default for TaskSlot<C> {
    fn default() -> Self {
        Self {
            running: Arc::new(Mutex::new(None)),
        }
    }
}

impl<C: Clone + Default> TaskSlot<C> {
    /// Claims the slot with a fresh switch, or `None` while a task of this kind runs.
    pub fn start(&self) -> Option<RunningTask<C>> {
        let mut slot = lock(&self.running);
        if slot.is_some() {
            return None;
        }
        let cancel = C::default();
        *slot = Some(cancel.clone());
        Some(RunningTask {
            slot: Arc::clone(&self.running),
            cancel,
        })
    }

    /// The running task's switch, if one runs.
    pub fn current(&self) -> Option<C> {
        lock(&self.running).clone()
    }
}

/// A running task; the slot frees itself when this is dropped, however the task ended.
pub struct RunningTask<C> {
    slot: Arc<Mutex<Option<C>>>,
    cancel: C,
}

impl<C> RunningTask<C> {
    pub fn cancel(&self) -> &C {
        &self.cancel
    }
}

impl<C> Drop for RunningTask<C> {
    fn drop(&mut self) {
        lock(&self.slot).take();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn one_task_at_a_time_and_the_slot_frees_itself() {
        let slot = TaskSlot::<Arc<AtomicBool>>::default();
        assert!(slot.current().is_none());
        let running = slot.start().expect("the slot is free");
        assert!(slot.start().is_none(), "a second task waits for the first");
        slot.current().unwrap().store(true, Ordering::SeqCst);
        assert!(
            running.cancel().load(Ordering::SeqCst),
            "the switch is shared"
        );
        drop(running);
        assert!(slot.current().is_none());
        let again = slot.start().expect("free again");
        assert!(!again.cancel().load(Ordering::SeqCst), "a fresh switch");
    }
}
