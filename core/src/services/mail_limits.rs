//! How many mails staff may cause: verification codes per customer, and mails with a
//! personal message per staff member. Both count the outbox rows (so a restart or a
//! cancelled mail does not reset them) against the injected clock.

use super::{Keydesk, ServiceError};
use crate::auth::Actor;
use crate::domain::CustomerId;
use crate::said::{self, Said};
use crate::store::{self, Tx};
use chrono::{DateTime, Duration, Utc};
use keydesk_api::DEFAULT_PERSONAL_MAILS_PER_HOUR;

/// Verification codes one customer may be sent in an hour.
pub const CODES_PER_HOUR: usize = 5;
/// Verification codes one customer may be sent in 24 hours.
pub const CODES_PER_DAY: usize = 10;

/// When `times` (oldest first, all within `window` before `now`) leave room for one
/// more under `limit`: `None` now, else the wait until the oldest that must age out
/// leaves the window.
fn wait_for_room(
    times: &[DateTime<Utc>],
    limit: usize,
    window: Duration,
    now: DateTime<Utc>,
) -> Option<Duration> {
    if times.len() < limit {
        return None;
    }
    let must_age_out = times[times.len() - limit];
    Some(must_age_out + window - now).filter(|wait| *wait > Duration::zero())
}

impl Keydesk {
    /// Refuses a new verification code for the customer once 5 went out in the last
    /// hour or 10 in the last 24 hours, saying how long to wait. Runs inside the
    /// transaction that queues the code, so two quick clicks cannot both slip through.
    pub(super) async fn check_verification_code_limit(
        &self,
        tx: &mut Tx,
        customer_id: CustomerId,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let day = Duration::hours(24);
        let times =
            store::mail_limits::verification_codes_since(&mut *tx, customer_id, now - day).await?;
        let hour = Duration::hours(1);
        let last_hour: Vec<_> = times.iter().copied().filter(|t| *t > now - hour).collect();
        if let Some(wait) = wait_for_room(&last_hour, CODES_PER_HOUR, hour, now) {
            return Err(ServiceError::Conflict(
                Said::id("error-codes-per-hour").arg("wait", said::wait(wait)),
            ));
        }
        if let Some(wait) = wait_for_room(&times, CODES_PER_DAY, day, now) {
            return Err(ServiceError::Conflict(
                Said::id("error-codes-per-day").arg("wait", said::wait(wait)),
            ));
        }
        Ok(())
    }

    /// Refuses a mail with a personal message once the acting staff member queued as
    /// many in the last hour as the mail settings allow (20 by default): the agency's
    /// server must not become a way to send any text to anyone. Mails without a
    /// personal message are not counted.
    pub(super) async fn check_personal_mail_limit(
        &self,
        actor: &Actor,
        message: &str,
    ) -> Result<(), ServiceError> {
        if message.trim().is_empty() {
            return Ok(());
        }
        let limit = self
            .smtp_config()
            .await?
            .map_or(DEFAULT_PERSONAL_MAILS_PER_HOUR, |c| {
                c.personal_mails_per_hour
            });
        let limit = usize::try_from(limit).unwrap_or(usize::MAX).max(1);
        let now = self.clock.now();
        let hour = Duration::hours(1);
        let mut conn = self.store.reader().acquire().await?;
        let times =
            store::mail_limits::personal_mails_since(&mut conn, actor.id().0, now - hour).await?;
        if let Some(wait) = wait_for_room(&times, limit, hour, now) {
            return Err(ServiceError::Conflict(
                Said::id("error-personal-mails-per-hour")
                    .arg("count", limit)
                    .arg("wait", said::wait(wait)),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn room_comes_back_when_the_oldest_counted_mail_ages_out() {
        let start = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
        let times: Vec<_> = (0..5).map(|i| start + Duration::minutes(i * 5)).collect();
        let hour = Duration::hours(1);
        assert_eq!(wait_for_room(&times[..4], 5, hour, start), None);
        let now = start + Duration::minutes(37);
        assert_eq!(
            wait_for_room(&times, 5, hour, now),
            Some(Duration::minutes(23))
        );
        assert_eq!(wait_for_room(&times, 5, hour, start + hour), None);
    }
}
