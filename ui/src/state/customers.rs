//! The customer list: search as you type, filters, paging. Every query gets a number;
//! an answer to any but the latest is dropped, so a slow answer never overwrites a newer one.

use std::rc::Rc;

use keydesk_api::{
    CustomerCursor, CustomerPage, CustomerQuery, CustomerSort, CustomerStatus, CustomerSummary,
    Tier,
};
use yew::prelude::*;

use super::tone::Tone;

/// Rows per page.
pub const PAGE_SIZE: u32 = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListStatus {
    Loading,
    Loaded,
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerList {
    /// The search box as typed.
    pub search: String,
    pub status: Option<CustomerStatus>,
    pub tier: Option<Tier>,
    pub sort: CustomerSort,
    pub rows: Vec<CustomerSummary>,
    pub total: i64,
    pub next: Option<CustomerCursor>,
    pub list: ListStatus,
    /// Number of the latest query; the effect that sends it keys on this.
    pub seq: u64,
    /// The latest query continues the list ("Load more") rather than replacing it.
    pub appending: bool,
}

impl Default for CustomerList {
    fn default() -> Self {
        Self {
            search: String::new(),
            status: None,
            tier: None,
            sort: CustomerSort::Newest,
            rows: Vec::new(),
            total: 0,
            next: None,
            list: ListStatus::Loading,
            seq: 1,
            appending: false,
        }
    }
}

pub enum CustomerListAction {
    Search(String),
    FilterStatus(Option<CustomerStatus>),
    FilterTier(Option<Tier>),
    Sort(CustomerSort),
    /// Empties the search and the filters.
    Clear,
    LoadMore,
    Reload,
    Loaded {
        seq: u64,
        page: CustomerPage,
    },
    Failed {
        seq: u64,
        message: String,
    },
}

impl CustomerList {
    /// The query the latest number stands for.
    pub fn query(&self) -> CustomerQuery {
        CustomerQuery {
            search: self.search.trim().to_owned(),
            status: self.status,
            tier: self.tier,
            sort: self.sort,
            after: if self.appending {
                self.next.clone()
            } else {
                None
            },
            limit: PAGE_SIZE,
        }
    }

    /// Whether a search or a filter narrows the list.
    pub fn is_filtered(&self) -> bool {
        !self.search.trim().is_empty() || self.status.is_some() || self.tier.is_some()
    }

    /// "1 customer", "1,234 customers".
    pub fn count_text(&self) -> String {
        count_text(self.total)
    }

    fn restart(mut self, append: bool) -> Self {
        self.seq += 1;
        self.appending = append;
        self.list = ListStatus::Loading;
        self
    }
}

impl Reducible for CustomerList {
    type Action = CustomerListAction;

    fn reduce(self: Rc<Self>, action: CustomerListAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CustomerListAction::Search(text) => {
                if text == next.search {
                    return self;
                }
                next.search = text;
                next.restart(false).into()
            }
            CustomerListAction::FilterStatus(status) => {
                if status == next.status {
                    return self;
                }
                next.status = status;
                next.restart(false).into()
            }
            CustomerListAction::FilterTier(tier) => {
                if tier == next.tier {
                    return self;
                }
                next.tier = tier;
                next.restart(false).into()
            }
            CustomerListAction::Sort(sort) => {
                if sort == next.sort {
                    return self;
                }
                next.sort = sort;
                next.restart(false).into()
            }
            CustomerListAction::Clear => {
                next.search.clear();
                next.status = None;
                next.tier = None;
                next.restart(false).into()
            }
            CustomerListAction::LoadMore => {
                if next.next.is_none() || next.list == ListStatus::Loading {
                    return self;
                }
                next.restart(true).into()
            }
            CustomerListAction::Reload => next.restart(false).into(),
            CustomerListAction::Loaded { seq, page } => {
                if seq != next.seq {
                    return self;
                }
                if next.appending {
                    next.rows.extend(page.rows);
                } else {
                    next.rows = page.rows;
                }
                next.total = page.total;
                next.next = page.next;
                next.appending = false;
                next.list = ListStatus::Loaded;
                next.into()
            }
            CustomerListAction::Failed { seq, message } => {
                if seq != next.seq {
                    return self;
                }
                next.appending = false;
                next.list = ListStatus::Failed(message);
                next.into()
            }
        }
    }
}

/// "1 customer", "1,234 customers".
pub fn count_text(total: i64) -> String {
    if total == 1 {
        "1 customer".to_owned()
    } else {
        format!("{} customers", thousands(total))
    }
}

fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

pub fn status_badge(status: CustomerStatus) -> (Tone, &'static str) {
    match status {
        CustomerStatus::Active => (Tone::Success, "Active"),
        CustomerStatus::Inactive => (Tone::Neutral, "Inactive"),
        CustomerStatus::Archived => (Tone::Neutral, "Archived"),
    }
}

pub fn status_value(status: CustomerStatus) -> &'static str {
    match status {
        CustomerStatus::Active => "active",
        CustomerStatus::Inactive => "inactive",
        CustomerStatus::Archived => "archived",
    }
}

pub const STATUSES: [CustomerStatus; 3] = [
    CustomerStatus::Active,
    CustomerStatus::Inactive,
    CustomerStatus::Archived,
];

pub fn status_from_value(value: &str) -> Option<CustomerStatus> {
    STATUSES.into_iter().find(|s| status_value(*s) == value)
}

pub const TIERS: [Tier; 4] = [Tier::Bronze, Tier::Silver, Tier::Gold, Tier::Platinum];

pub fn tier_value(tier: Tier) -> &'static str {
    match tier {
        Tier::Bronze => "bronze",
        Tier::Silver => "silver",
        Tier::Gold => "gold",
        Tier::Platinum => "platinum",
    }
}

pub fn tier_label(tier: Tier) -> &'static str {
    match tier {
        Tier::Bronze => "Bronze",
        Tier::Silver => "Silver",
        Tier::Gold => "Gold",
        Tier::Platinum => "Platinum",
    }
}

pub fn tier_from_value(value: &str) -> Option<Tier> {
    TIERS.into_iter().find(|t| tier_value(*t) == value)
}

/// Tiers are not statuses: one quiet colour, the word carries the meaning.
pub fn tier_tone(tier: Tier) -> Tone {
    match tier {
        Tier::Bronze | Tier::Silver => Tone::Neutral,
        Tier::Gold | Tier::Platinum => Tone::Accent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(id: i64, last: &str) -> CustomerSummary {
        CustomerSummary {
            id,
            email: format!("c{id}@example.com"),
            first_name: "Ann".into(),
            last_name: last.into(),
            phone: None,
            company: None,
            status: CustomerStatus::Active,
            tier: Tier::Bronze,
        }
    }

    fn page(ids: &[i64], total: i64, more: bool) -> CustomerPage {
        CustomerPage {
            rows: ids.iter().map(|&id| summary(id, "Smith")).collect(),
            total,
            next: more.then(|| CustomerCursor {
                last_name: "Smith".into(),
                first_name: "Ann".into(),
                id: *ids.last().unwrap(),
            }),
        }
    }

    fn reduce(state: CustomerList, action: CustomerListAction) -> CustomerList {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn a_stale_answer_is_ignored() {
        let state = CustomerList::default();
        let first = state.seq;
        let state = reduce(state, CustomerListAction::Search("sm".into()));
        let state = reduce(state, CustomerListAction::Search("smi".into()));
        let latest = state.seq;
        assert!(latest > first);
        let state = reduce(
            state,
            CustomerListAction::Loaded {
                seq: latest - 1,
                page: page(&[1, 2], 2, false),
            },
        );
        assert_eq!(
            state.list,
            ListStatus::Loading,
            "an older answer is dropped"
        );
        assert!(state.rows.is_empty());
        let state = reduce(
            state,
            CustomerListAction::Loaded {
                seq: latest,
                page: page(&[2], 1, false),
            },
        );
        assert_eq!(state.list, ListStatus::Loaded);
        assert_eq!(state.rows.len(), 1);
        assert_eq!(state.query().search, "smi");
        let state = reduce(
            state,
            CustomerListAction::Failed {
                seq: latest - 1,
                message: "late".into(),
            },
        );
        assert_eq!(state.list, ListStatus::Loaded, "a stale failure too");
    }

    #[test]
    fn paging_appends_after_the_cursor() {
        let state = CustomerList::default();
        let seq = state.seq;
        let state = reduce(
            state,
            CustomerListAction::Loaded {
                seq,
                page: page(&[1, 2], 3, true),
            },
        );
        assert!(state.query().after.is_none());
        let state = reduce(state, CustomerListAction::LoadMore);
        assert!(state.appending);
        assert_eq!(state.query().after.map(|c| c.id), Some(2));
        let seq = state.seq;
        let state = reduce(
            state,
            CustomerListAction::Loaded {
                seq,
                page: page(&[3], 3, false),
            },
        );
        let ids: Vec<_> = state.rows.iter().map(|r| r.id).collect();
        assert_eq!(ids, [1, 2, 3]);
        assert!(state.next.is_none());
        let unchanged = reduce(state.clone(), CustomerListAction::LoadMore);
        assert_eq!(unchanged, state, "nothing more to load");
    }

    #[test]
    fn a_filter_change_starts_again_from_the_top() {
        let state = CustomerList::default();
        let seq = state.seq;
        let state = reduce(
            state,
            CustomerListAction::Loaded {
                seq,
                page: page(&[1, 2], 3, true),
            },
        );
        let state = reduce(state, CustomerListAction::LoadMore);
        let state = reduce(state, CustomerListAction::FilterTier(Some(Tier::Gold)));
        assert!(!state.appending);
        assert!(state.query().after.is_none());
        assert_eq!(state.query().tier, Some(Tier::Gold));
        assert!(state.is_filtered());
        let state = reduce(
            state,
            CustomerListAction::FilterStatus(Some(CustomerStatus::Archived)),
        );
        assert_eq!(state.query().status, Some(CustomerStatus::Archived));
        let seq = state.seq;
        let state = reduce(
            state,
            CustomerListAction::Loaded {
                seq,
                page: page(&[9], 1, false),
            },
        );
        let ids: Vec<_> = state.rows.iter().map(|r| r.id).collect();
        assert_eq!(ids, [9], "replaced, not appended");
        let cleared = reduce(state, CustomerListAction::Clear);
        assert!(!cleared.is_filtered());
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(count_text(0), "0 customers");
        assert_eq!(count_text(1), "1 customer");
        assert_eq!(count_text(1234), "1,234 customers");
        assert_eq!(count_text(1_234_567), "1,234,567 customers");
    }

    #[test]
    fn values_round_trip() {
        for s in STATUSES {
            assert_eq!(status_from_value(status_value(s)), Some(s));
        }
        for t in TIERS {
            assert_eq!(tier_from_value(tier_value(t)), Some(t));
        }
        assert_eq!(status_from_value(""), None);
        assert_eq!(status_badge(CustomerStatus::Active).0, Tone::Success);
        assert_eq!(status_badge(CustomerStatus::Archived).1, "Archived");
    }

    #[test]
    fn changing_the_sort_starts_again_from_the_top_and_is_sent() {
        let list = Rc::new(CustomerList::default());
        assert_eq!(
            list.query().sort,
            CustomerSort::Newest,
            "newest first by default"
        );
        let seq = list.seq;
        let sorted = list.reduce(CustomerListAction::Sort(CustomerSort::Name));
        assert_eq!(sorted.seq, seq + 1);
        assert!(!sorted.appending);
        assert_eq!(sorted.query().sort, CustomerSort::Name);
        let same = sorted
            .clone()
            .reduce(CustomerListAction::Sort(CustomerSort::Name));
        assert_eq!(same.seq, sorted.seq, "no reload for the same order");
    }
}
