use chrono::Duration;

/// Consecutive failed sign-ins after which the account has to wait.
pub const LOCKOUT_THRESHOLD: u32 = 5;
const FIRST_WAIT_SECS: i64 = 30;
const LONGEST_WAIT_SECS: i64 = 15 * 60;

/// How long an account waits after `failures` consecutive failed sign-ins: nothing
/// before the threshold, then 30 s, 1 min, 2 min ... doubling up to 15 min, so a
/// person who mistyped a few times is barely slowed and a guesser is slowed a lot.
pub fn lockout_after(failures: u32) -> Option<Duration> {
    let over = failures.checked_sub(LOCKOUT_THRESHOLD)?;
    let factor = 1_i64.checked_shl(over.min(16)).unwrap_or(i64::MAX);
    let secs = FIRST_WAIT_SECS
        .saturating_mul(factor)
        .min(LONGEST_WAIT_SECS);
    Some(Duration::seconds(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_from_thirty_seconds_to_fifteen_minutes() {
        let waits: Vec<_> = (1..=12)
            .map(|f| lockout_after(f).map(|d| d.num_seconds()))
            .collect();
        assert_eq!(
            waits,
            vec![
                None,
                None,
                None,
                None,
                Some(30),
                Some(60),
                Some(120),
                Some(240),
                Some(480),
                Some(900),
                Some(900),
                Some(900),
            ]
        );
        assert_eq!(lockout_after(u32::MAX), Some(Duration::seconds(900)));
    }
}
