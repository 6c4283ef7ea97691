//! The owner's dashboard funnel: of the customers created in a period, how many were
//! handed their login, verified their email and signed in on the portal.

use serde::{Deserialize, Serialize};

use crate::HandoffChannel;

wire_enum! {
    /// How far back the funnel looks.
    pub enum FunnelPeriod {
        Week = "7d",
        Month = "30d",
        Quarter = "90d",
    }
}

impl FunnelPeriod {
    pub fn days(self) -> i64 {
        match self {
            FunnelPeriod::Week => 7,
            FunnelPeriod::Month => 30,
            FunnelPeriod::Quarter => 90,
        }
    }

    /// "Last 7 days".
    pub fn label(self) -> String {
        format!("Last {} days", self.days())
    }
}

/// The funnel of one period: everyone's customers, or those one member created (agents
/// always get their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelRequest {
    pub period: FunnelPeriod,
    pub staff_id: Option<i64>,
}

/// How many customers a step of the funnel holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FunnelCounts {
    /// Customers created in the period.
    pub created: i64,
    /// Of them, those whose login was handed over.
    pub handed_over: i64,
    /// Of them, those who verified their email.
    pub verified: i64,
    /// Of them, those who signed in on the portal.
    pub signed_in: i64,
}

/// Logins handed over through one channel (the first hand-over of each customer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelCount {
    pub channel: HandoffChannel,
    pub customers: i64,
}

/// The customers created in one week (Monday to Sunday) of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelWeek {
    /// The week's Monday, `YYYY-MM-DD`.
    pub starts: String,
    pub counts: FunnelCounts,
}

/// A login still waiting to be handed over, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingLogin {
    pub customer_id: i64,
    pub name: String,
    /// When the login was made (RFC 3339).
    pub since: String,
}

/// The dashboard's funnel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    pub period: FunnelPeriod,
    /// Whose customers; `None` for everyone's.
    pub staff_id: Option<i64>,
    pub counts: FunnelCounts,
    pub by_channel: Vec<ChannelCount>,
    pub weeks: Vec<FunnelWeek>,
    pub oldest_waiting: Vec<WaitingLogin>,
}

/// How many waiting logins the funnel lists.
pub const OLDEST_WAITING_SHOWN: i64 = 5;
