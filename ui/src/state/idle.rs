//! When the window locks itself: a pure function of timestamps, so it is tested without a
//! clock. The shell feeds it the time of each keyboard, mouse or touch event and asks it
//! once a second; a sleeping laptop that wakes up past the limit locks at the next tick.

/// How often the shell asks whether the window has been idle too long.
pub const CHECK_EVERY_MS: u32 = 1_000;

/// The document events that count as someone being at the window.
pub const ACTIVITY_EVENTS: [&str; 5] = ["keydown", "mousedown", "mousemove", "wheel", "touchstart"];

/// The longest the shell goes without hearing of activity the window saw (it locks on
/// its own too, so it must hear of the person at work well before the limit).
pub const REPORT_EVERY_MAX_MS: f64 = 5_000.0;

/// The last activity, and whether the lock has already been asked for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IdleClock {
    last_activity_ms: f64,
    fired: bool,
    /// When the shell was last told of activity.
    reported_ms: f64,
}

impl IdleClock {
    /// A clock that counts from `now_ms` (the shell opening counts as activity).
    pub fn new(now_ms: f64) -> Self {
        Self {
            last_activity_ms: now_ms,
            fired: false,
            reported_ms: now_ms,
        }
    }

    /// Whether to tell the shell about the activity just seen: at most every
    /// [`REPORT_EVERY_MAX_MS`], and at least four times within the limit, so the shell's
    /// own idle lock never runs ahead of the window's by more than that.
    pub fn report_due(&mut self, now_ms: f64, idle_lock_seconds: u32) -> bool {
        let every_ms = (f64::from(idle_lock_seconds.max(1)) * 250.0).min(REPORT_EVERY_MAX_MS);
        if self.fired || now_ms - self.reported_ms < every_ms {
            return false;
        }
        self.reported_ms = now_ms;
        true
    }

    /// Someone pressed a key, moved the mouse, scrolled or touched the screen.
    pub fn activity(&mut self, now_ms: f64) {
        if now_ms > self.last_activity_ms {
            self.last_activity_ms = now_ms;
        }
    }

    /// Whether to lock now: true once, the first time the idle time reaches the limit.
    pub fn tick(&mut self, now_ms: f64, idle_lock_seconds: u32) -> bool {
        if self.fired || !is_idle_too_long(self.last_activity_ms, now_ms, idle_lock_seconds) {
            return false;
        }
        self.fired = true;
        true
    }
}

/// Whether `idle_lock_seconds` (at least one) have passed since the last activity. A clock
/// that went backwards (the system time was changed) counts as no time passed.
pub fn is_idle_too_long(last_activity_ms: f64, now_ms: f64, idle_lock_seconds: u32) -> bool {
    let limit_ms = f64::from(idle_lock_seconds.max(1)) * 1_000.0;
    now_ms - last_activity_ms >= limit_ms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_is_reported_to_the_shell_a_few_times_within_the_limit() {
        let mut clock = IdleClock::new(0.0);
        // 600 s limit: every 5 s at most.
        assert!(!clock.report_due(4_999.0, 600));
        assert!(clock.report_due(5_000.0, 600));
        assert!(!clock.report_due(9_000.0, 600));
        assert!(clock.report_due(10_000.0, 600));
        // 3 s limit (tests): every 750 ms.
        let mut clock = IdleClock::new(0.0);
        assert!(!clock.report_due(700.0, 3));
        assert!(clock.report_due(750.0, 3));
        // Nothing once the window has locked itself.
        let mut clock = IdleClock::new(0.0);
        assert!(clock.tick(3_000.0, 3));
        assert!(!clock.report_due(10_000.0, 3));
    }

    #[test]
    fn locks_once_the_limit_has_passed_since_the_last_activity() {
        assert!(!is_idle_too_long(0.0, 2_999.0, 3));
        assert!(is_idle_too_long(0.0, 3_000.0, 3));
        assert!(
            is_idle_too_long(0.0, 86_400_000.0, 600),
            "woke up from sleep"
        );
    }

    #[test]
    fn a_clock_that_goes_back_does_not_lock() {
        assert!(!is_idle_too_long(10_000.0, 5_000.0, 1));
    }

    #[test]
    fn zero_seconds_is_treated_as_one() {
        assert!(!is_idle_too_long(0.0, 500.0, 0));
        assert!(is_idle_too_long(0.0, 1_000.0, 0));
    }

    #[test]
    fn activity_restarts_the_count() {
        let mut clock = IdleClock::new(0.0);
        assert!(!clock.tick(2_000.0, 3));
        clock.activity(2_500.0);
        assert!(!clock.tick(4_000.0, 3), "only 1.5 s since the key press");
        assert!(clock.tick(5_500.0, 3));
    }

    #[test]
    fn the_lock_is_asked_for_once() {
        let mut clock = IdleClock::new(0.0);
        assert!(clock.tick(10_000.0, 3));
        assert!(!clock.tick(11_000.0, 3));
    }

    #[test]
    fn late_events_do_not_move_the_clock_back() {
        let mut clock = IdleClock::new(5_000.0);
        clock.activity(1_000.0);
        assert!(!clock.tick(7_000.0, 3));
        assert!(clock.tick(8_000.0, 3));
    }

    #[test]
    fn a_shorter_limit_applies_at_the_next_tick() {
        let mut clock = IdleClock::new(0.0);
        assert!(!clock.tick(120_000.0, 600));
        assert!(clock.tick(121_000.0, 60));
    }
}
