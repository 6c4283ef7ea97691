//! The dashboard's funnel: is the agency's work reaching its customers?

use super::{Keydesk, ServiceError};
use crate::auth::{allows, Actor, Permission};
use crate::domain::StaffId;
use crate::store::{self, funnel::FunnelCell};
use chrono::{Datelike as _, NaiveDate};
use keydesk_api::{
    ChannelCount, Funnel, FunnelCounts, FunnelRequest, FunnelWeek, OLDEST_WAITING_SHOWN,
};

impl Keydesk {
    /// The funnel of the customers created in `request.period`: everyone's or one
    /// member's (those linked to them) for those who see every customer; an agent's
    /// own, always, for agents.
    pub async fn customer_funnel(
        &self,
        actor: &Actor,
        request: FunnelRequest,
    ) -> Result<Funnel, ServiceError> {
        let actor = self.authorize(actor, Permission::CreateCustomer).await?;
        let staff = if allows(actor.role(), Permission::SeeAllCustomers) {
            request.staff_id.map(StaffId)
        } else {
            match request.staff_id {
                Some(id) if id != actor.id().0 => {
                    return Err(crate::services::AccessError::Forbidden.into())
                }
                _ => Some(actor.id()),
            }
        };
        let now = self.clock.now();
        let since = now - chrono::Duration::days(request.period.days());
        let pool = self.store.reader();
        let cells = store::funnel::cells(pool, since, staff).await?;
        let (counts, weeks, by_channel) = add_up(&cells);
        let weeks = every_week(weeks, since.date_naive(), now.date_naive());
        Ok(Funnel {
            period: request.period,
            staff_id: staff.map(|s| s.0),
            counts,
            by_channel,
            weeks,
            oldest_waiting: store::funnel::oldest_waiting(pool, staff, OLDEST_WAITING_SHOWN)
                .await?,
        })
    }
}

fn add(total: &mut FunnelCounts, more: &FunnelCounts) {
    total.created += more.created;
    total.handed_over += more.handed_over;
    total.verified += more.verified;
    total.signed_in += more.signed_in;
}

/// The period's counts, each week's (oldest first), and the hand-overs per channel
/// (most first), from the week × channel cells.
fn add_up(cells: &[FunnelCell]) -> (FunnelCounts, Vec<FunnelWeek>, Vec<ChannelCount>) {
    let mut total = FunnelCounts::default();
    let mut weeks: Vec<FunnelWeek> = Vec::new();
    let mut by_channel: Vec<ChannelCount> = Vec::new();
    for cell in cells {
        add(&mut total, &cell.counts);
        match weeks.last_mut() {
            Some(week) if week.starts == cell.week => add(&mut week.counts, &cell.counts),
            _ => weeks.push(FunnelWeek {
                starts: cell.week.clone(),
                counts: cell.counts,
            }),
        }
        if let Some(channel) = cell.channel {
            match by_channel.iter_mut().find(|c| c.channel == channel) {
                Some(known) => known.customers += cell.counts.handed_over,
                None => by_channel.push(ChannelCount {
                    channel,
                    customers: cell.counts.handed_over,
                }),
            }
        }
    }
    by_channel.sort_by(|a, b| {
        b.customers
            .cmp(&a.customers)
            .then_with(|| a.channel.as_str().cmp(b.channel.as_str()))
    });
    (total, weeks, by_channel)
}

/// The Monday on or before `day`.
fn monday_of(day: NaiveDate) -> NaiveDate {
    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Every week from the one holding `first` to the one holding `last`, those without
/// customers at zero, so the chart's weeks are evenly spaced in time.
fn every_week(known: Vec<FunnelWeek>, first: NaiveDate, last: NaiveDate) -> Vec<FunnelWeek> {
    let mut known = known.into_iter().peekable();
    let mut weeks = Vec::new();
    let mut monday = monday_of(first);
    while monday <= last {
        let starts = monday.format("%Y-%m-%d").to_string();
        match known.peek() {
            Some(week) if week.starts == starts => weeks.extend(known.next()),
            _ => weeks.push(FunnelWeek {
                starts,
                counts: FunnelCounts::default(),
            }),
        }
        monday += chrono::Duration::days(7);
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::HandoffChannel;

    fn cell(week: &str, channel: Option<HandoffChannel>, created: i64, handed: i64) -> FunnelCell {
        FunnelCell {
            week: week.into(),
            channel,
            counts: FunnelCounts {
                created,
                handed_over: handed,
                verified: 1,
                signed_in: 0,
            },
        }
    }

    #[test]
    fn every_week_of_the_period_is_there_in_order_and_empty_ones_are_zero() {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        // Sunday 2026-11-29 is in the week of Monday 2026-11-23.
        assert_eq!(monday_of(day("2026-11-29")), day("2026-11-23"));
        assert_eq!(monday_of(day("2026-11-30")), day("2026-11-30"));
        let known = vec![FunnelWeek {
            starts: "2026-11-30".into(),
            counts: FunnelCounts {
                created: 2,
                ..FunnelCounts::default()
            },
        }];
        let weeks = every_week(known, day("2026-11-18"), day("2026-12-08"));
        let starts: Vec<&str> = weeks.iter().map(|w| w.starts.as_str()).collect();
        assert_eq!(
            starts,
            ["2026-11-16", "2026-11-23", "2026-11-30", "2026-12-07"]
        );
        let created: Vec<i64> = weeks.iter().map(|w| w.counts.created).collect();
        assert_eq!(created, [0, 0, 2, 0]);
    }

    #[test]
    fn cells_add_up_to_weeks_channels_and_the_period() {
        let cells = [
            cell("2026-11-23", None, 3, 0),
            cell("2026-11-23", Some(HandoffChannel::Phone), 2, 2),
            cell("2026-11-30", None, 1, 0),
            cell("2026-11-30", Some(HandoffChannel::Email), 2, 2),
            cell("2026-11-30", Some(HandoffChannel::Phone), 1, 1),
        ];
        let (total, weeks, channels) = add_up(&cells);
        assert_eq!(
            (total.created, total.handed_over, total.verified),
            (9, 5, 5)
        );
        assert_eq!(weeks.len(), 2);
        assert_eq!((weeks[0].counts.created, weeks[1].counts.created), (5, 4));
        assert_eq!(
            channels,
            vec![
                ChannelCount {
                    channel: HandoffChannel::Phone,
                    customers: 3
                },
                ChannelCount {
                    channel: HandoffChannel::Email,
                    customers: 2
                },
            ]
        );
    }
}
