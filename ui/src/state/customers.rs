//! The customer list: search as you type, filters, paging, and the CSV export of what
//! the filters leave. Every query gets a number; an answer to any but the latest is
//! dropped, so a slow answer never overwrites a newer one.

use std::rc::Rc;

use keydesk_api::{
    CredentialsState, CustomerCursor, CustomerExport, CustomerPage, CustomerQuery, CustomerSort,
    CustomerStatus, CustomerSummary, StaffMember, StaffStatus, Tier,
};
use yew::prelude::*;

use super::remote::{Remote, Request};
use super::tone::Tone;
use super::update::{self, ensure};
use crate::words::Words;

/// Rows per page.
pub const PAGE_SIZE: u32 = 50;

/// A staff member the Agent filter offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentOption {
    pub id: i64,
    pub name: String,
    /// A disabled member's customers can still be found, so they stay on offer.
    pub disabled: bool,
}

impl AgentOption {
    /// The name the filter shows, saying whether the member is disabled.
    pub fn label(&self, words: &Words) -> String {
        if self.disabled {
            words.t_with("customer-list-agent-disabled", &[("name", &self.name)])
        } else {
            self.name.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerList {
    /// The search (as typed), the filters and the order; [`CustomerList::query`] adds
    /// where the page starts.
    pub filter: CustomerQuery,
    /// Shared, not copied, by each state a keystroke or answer makes, so the table
    /// redraws its rows only when they changed.
    pub rows: Rc<[CustomerSummary]>,
    pub total: i64,
    pub next: Option<CustomerCursor>,
    /// The latest query; the effect that sends it keys on its `seq`.
    pub load: Request<()>,
    /// The latest query continues the list ("Load more") rather than replacing it.
    pub appending: bool,
    /// The latest query was sent because other desks' changes arrived, not by the person.
    pub background: bool,
    /// What the Agent filter offers, by name.
    pub agents: Vec<AgentOption>,
    pub export: Request<CustomerExport>,
    /// The filters the running export was asked with.
    pub export_query: Option<CustomerQuery>,
    /// What just happened elsewhere, said once on the list: a message id (e.g.
    /// `customer-list-erased`).
    pub notice: Option<&'static str>,
}

impl Default for CustomerList {
    fn default() -> Self {
        Self {
            filter: CustomerQuery::default(),
            rows: Rc::default(),
            total: 0,
            next: None,
            load: Request::started(),
            appending: false,
            background: false,
            agents: Vec::new(),
            export: Request::default(),
            export_query: None,
            notice: None,
        }
    }
}

pub enum CustomerListAction {
    Search(String),
    FilterStatus(Option<CustomerStatus>),
    FilterTier(Option<Tier>),
    FilterAgent(Option<i64>),
    FilterVerified(Option<bool>),
    FilterCredentials(Option<CredentialsState>),
    Sort(CustomerSort),
    /// Empties the search and the filters.
    Clear,
    /// The staff list arrived: the Agent filter offers them.
    AgentsLoaded(Vec<StaffMember>),
    /// Save what the search and filters leave as CSV.
    Export,
    Exported {
        seq: u64,
        result: Result<CustomerExport, String>,
    },
    DismissExport,
    /// A message id.
    Notice(&'static str),
    DismissNotice,
    LoadMore,
    Reload,
    /// A sync brought other desks' changes: the list is read again, in the background.
    Refresh,
    Loaded {
        seq: u64,
        result: Result<CustomerPage, String>,
    },
}

impl CustomerList {
    /// The query the latest number stands for.
    pub fn query(&self) -> CustomerQuery {
        CustomerQuery {
            search: self.filter.search.trim().to_owned(),
            after: self.next.clone().filter(|_| self.appending),
            limit: PAGE_SIZE,
            ..self.filter.clone()
        }
    }

    /// Whether a search or a filter narrows the list.
    pub fn is_filtered(&self) -> bool {
        let f = &self.filter;
        !f.search.trim().is_empty()
            || f.status.is_some()
            || f.tier.is_some()
            || f.agent.is_some()
            || f.verified.is_some()
            || f.credentials.is_some()
    }

    /// The customers on show that have no login yet.
    pub fn without_login(&self) -> impl Iterator<Item = i64> + '_ {
        self.rows
            .iter()
            .filter(|r| r.credentials == CredentialsState::NoLogin)
            .map(|r| r.id)
    }

    /// The result of the last export, as a person reads it.
    pub fn export_text(&self, words: &Words) -> Option<String> {
        self.export
            .remote
            .loaded()
            .map(|export| export_text(words, export))
    }

    fn restart(&mut self, append: bool) {
        self.load.start();
        self.appending = append;
        self.background = false;
    }

    /// A new search, filter or order: the list starts again from the top.
    fn narrow<T: PartialEq>(
        &mut self,
        slot: fn(&mut CustomerQuery) -> &mut T,
        value: T,
    ) -> Option<()> {
        let slot = slot(&mut self.filter);
        ensure!(*slot != value);
        *slot = value;
        self.restart(false);
        Some(())
    }

    fn update(&mut self, action: CustomerListAction) -> Option<()> {
        match action {
            CustomerListAction::Search(text) => self.narrow(|f| &mut f.search, text)?,
            CustomerListAction::FilterStatus(status) => self.narrow(|f| &mut f.status, status)?,
            CustomerListAction::FilterTier(tier) => self.narrow(|f| &mut f.tier, tier)?,
            CustomerListAction::FilterAgent(agent) => self.narrow(|f| &mut f.agent, agent)?,
            CustomerListAction::FilterVerified(on) => self.narrow(|f| &mut f.verified, on)?,
            CustomerListAction::FilterCredentials(c) => self.narrow(|f| &mut f.credentials, c)?,
            CustomerListAction::Sort(sort) => self.narrow(|f| &mut f.sort, sort)?,
            CustomerListAction::Clear => {
                // The order is no filter: it stays.
                let sort = self.filter.sort;
                self.filter = CustomerQuery {
                    sort,
                    ..CustomerQuery::default()
                };
                self.restart(false);
            }
            CustomerListAction::AgentsLoaded(members) => {
                let mut agents: Vec<AgentOption> = members
                    .into_iter()
                    .map(|m| AgentOption {
                        id: m.id,
                        name: m.display_name,
                        disabled: m.status == StaffStatus::Disabled,
                    })
                    .collect();
                agents.sort_by_key(|a| a.name.to_lowercase());
                self.agents = agents;
            }
            CustomerListAction::Export => {
                ensure!(!self.export.is_loading());
                self.export.start();
                let mut query = self.query();
                query.after = None;
                self.export_query = Some(query);
            }
            CustomerListAction::Exported { seq, result } => {
                ensure!(self.export.finish(seq, result));
                self.export_query = None;
            }
            CustomerListAction::DismissExport => {
                ensure!(!matches!(
                    self.export.remote,
                    Remote::Idle | Remote::Loading
                ));
                self.export.remote = Remote::Idle;
            }
            CustomerListAction::Notice(text) => self.notice = Some(text),
            CustomerListAction::DismissNotice => {
                ensure!(self.notice.is_some());
                self.notice = None;
            }
            CustomerListAction::LoadMore => {
                ensure!(self.next.is_some() && !self.load.is_loading());
                self.restart(true);
            }
            CustomerListAction::Reload => self.restart(false),
            CustomerListAction::Refresh => {
                self.restart(false);
                self.background = true;
            }
            CustomerListAction::Loaded { seq, result } => {
                // The copy these rows go to is dropped when the answer is stale.
                let result = result.map(|page| {
                    self.rows = if self.appending {
                        self.rows.iter().cloned().chain(page.rows).collect()
                    } else {
                        page.rows.into()
                    };
                    self.total = page.total;
                    self.next = page.next;
                });
                ensure!(self.load.finish(seq, result));
                self.appending = false;
            }
        }
        Some(())
    }
}

impl Reducible for CustomerList {
    type Action = CustomerListAction;

    fn reduce(self: Rc<Self>, action: CustomerListAction) -> Rc<Self> {
        update::apply(self, |next| next.update(action))
    }
}

/// "1 customer", "1,234 customers".
pub fn count_text(words: &Words, total: i64) -> String {
    // The catalogue's plural rules choose the words; the number it shows is then
    // grouped by thousands, which a plural message's `$n` is not.
    let counted = words.count("customer-list-count", total);
    let grouped = words.number(thousands(total, &words.t("customer-list-thousands")));
    counted.replacen(&words.number(total), &grouped, 1)
}

/// "Saved 1 customer to …", "Saved 12 customers to …", and that the file is not encrypted.
pub fn export_text(words: &Words, export: &CustomerExport) -> String {
    words.t_with(
        "customer-list-exported",
        &[
            ("customers", &count_text(words, export.rows)),
            ("path", &export.path),
        ],
    )
}

fn thousands(n: i64, separator: &str) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// A customer's status: green active, grey otherwise; its name is the vocabulary's.
pub fn status_tone(status: CustomerStatus) -> Tone {
    match status {
        CustomerStatus::Active => Tone::Success,
        CustomerStatus::Inactive | CustomerStatus::Archived => Tone::Neutral,
    }
}

/// The Verified filter: all, verified only, not verified only.
pub fn verified_value(verified: Option<bool>) -> &'static str {
    match verified {
        None => "",
        Some(true) => "yes",
        Some(false) => "no",
    }
}

pub fn verified_from_value(value: &str) -> Option<bool> {
    match value {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// A login's verification: its colour and the message id of its words.
pub fn verified_badge(verified: bool) -> (Tone, &'static str) {
    if verified {
        (Tone::Success, "customer-badge-verified")
    } else {
        (Tone::Warning, "customer-badge-not-verified")
    }
}

/// Where the login stands: grey none, amber still to hand over, green handed over.
pub fn credentials_tone(state: CredentialsState) -> Tone {
    match state {
        CredentialsState::NoLogin => Tone::Neutral,
        CredentialsState::Pending => Tone::Warning,
        CredentialsState::Sent => Tone::Success,
    }
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
    use crate::words::speaking;
    use keydesk_api::Language;

    fn english() -> Words {
        Words::new(speaking(Language::En))
    }

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
            verified: false,
            credentials: CredentialsState::NoLogin,
            last_login_at: None,
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
                last_login_at: None,
            }),
        }
    }

    fn reduce(state: CustomerList, action: CustomerListAction) -> CustomerList {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn a_stale_answer_is_ignored() {
        let state = CustomerList::default();
        let first = state.load.seq;
        let state = reduce(state, CustomerListAction::Search("sm".into()));
        let state = reduce(state, CustomerListAction::Search("smi".into()));
        let latest = state.load.seq;
        assert!(latest > first);
        let state = reduce(
            state,
            CustomerListAction::Loaded {
                seq: latest - 1,
                result: Ok(page(&[1, 2], 2, false)),
            },
        );
        assert!(state.load.is_loading(), "an older answer is dropped");
        assert!(state.rows.is_empty());
        let state = reduce(
            state,
            CustomerListAction::Loaded {
                seq: latest,
                result: Ok(page(&[2], 1, false)),
            },
        );
        assert_eq!(state.load.remote, Remote::Loaded(()));
        assert_eq!(state.rows.len(), 1);
        assert_eq!(state.query().search, "smi");
        let state = reduce(
            state,
            CustomerListAction::Loaded {
                seq: latest - 1,
                result: Err("late".into()),
            },
        );
        assert_eq!(state.load.remote, Remote::Loaded(()), "a stale failure too");
    }

    #[test]
    fn paging_appends_after_the_cursor() {
        let state = CustomerList::default();
        let seq = state.load.seq;
        let state = reduce(
            state,
            CustomerListAction::Loaded {
                seq,
                result: Ok(page(&[1, 2], 3, true)),
            },
        );
        assert!(state.query().after.is_none());
        let state = reduce(state, CustomerListAction::LoadMore);
        assert!(state.appending);
        assert_eq!(state.query().after.map(|c| c.id), Some(2));
        let seq = state.load.seq;
        let state = reduce(
            state,
            CustomerListAction::Loaded {
                seq,
                result: Ok(page(&[3], 3, false)),
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
        let seq = state.load.seq;
        let state = reduce(
            state,
            CustomerListAction::Loaded {
                seq,
                result: Ok(page(&[1, 2], 3, true)),
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
        let seq = state.load.seq;
        let state = reduce(
            state,
            CustomerListAction::Loaded {
                seq,
                result: Ok(page(&[9], 1, false)),
            },
        );
        let ids: Vec<_> = state.rows.iter().map(|r| r.id).collect();
        assert_eq!(ids, [9], "replaced, not appended");
        let cleared = reduce(state, CustomerListAction::Clear);
        assert!(!cleared.is_filtered());
    }

    #[test]
    fn counts_read_naturally() {
        let en = english();
        assert_eq!(count_text(&en, 0), "0 customers");
        assert_eq!(count_text(&en, 1), "1 customer");
        assert_eq!(count_text(&en, 1234), "1,234 customers");
        assert_eq!(count_text(&en, 1_234_567), "1,234,567 customers");
        let fa = Words::new(speaking(Language::Fa));
        assert!(
            count_text(&fa, 1234).contains("۱٬۲۳۴"),
            "Persian digits, grouped the Persian way"
        );
    }

    #[test]
    fn values_round_trip() {
        for v in [None, Some(true), Some(false)] {
            assert_eq!(verified_from_value(verified_value(v)), v);
        }
        assert_eq!(status_tone(CustomerStatus::Active), Tone::Success);
        assert_eq!(english().name(CustomerStatus::Archived), "Archived");
    }

    #[test]
    fn changing_the_sort_starts_again_from_the_top_and_is_sent() {
        let list = Rc::new(CustomerList::default());
        assert_eq!(
            list.query().sort,
            CustomerSort::Newest,
            "newest first by default"
        );
        let seq = list.load.seq;
        let sorted = list.reduce(CustomerListAction::Sort(CustomerSort::Name));
        assert_eq!(sorted.load.seq, seq + 1);
        assert!(!sorted.appending);
        assert_eq!(sorted.query().sort, CustomerSort::Name);
        let same = sorted
            .clone()
            .reduce(CustomerListAction::Sort(CustomerSort::Name));
        assert_eq!(
            same.load.seq, sorted.load.seq,
            "no reload for the same order"
        );
    }

    #[test]
    fn login_filters_are_sent_and_cleared_with_the_rest() {
        let state = CustomerList::default();
        let state = reduce(state, CustomerListAction::FilterVerified(Some(false)));
        let state = reduce(
            state,
            CustomerListAction::FilterCredentials(Some(CredentialsState::Pending)),
        );
        let seq = state.load.seq;
        let state = reduce(state, CustomerListAction::FilterAgent(Some(7)));
        assert_eq!(state.load.seq, seq + 1, "each filter asks again");
        let query = state.query();
        assert_eq!(query.verified, Some(false));
        assert_eq!(query.credentials, Some(CredentialsState::Pending));
        assert_eq!(query.agent, Some(7));
        assert!(state.is_filtered());
        let same = reduce(state.clone(), CustomerListAction::FilterAgent(Some(7)));
        assert_eq!(
            same.load.seq, state.load.seq,
            "no reload for the same agent"
        );

        let cleared = reduce(state, CustomerListAction::Clear);
        assert!(!cleared.is_filtered());
        let query = cleared.query();
        assert_eq!(
            (query.verified, query.credentials, query.agent),
            (None, None, None)
        );
    }

    #[test]
    fn agents_are_offered_by_name_and_disabled_ones_say_so() {
        let member = |id: i64, name: &str, status: StaffStatus| StaffMember {
            id,
            email: format!("{id}@agency.test"),
            display_name: name.into(),
            role: keydesk_api::Role::Agent,
            status,
            must_change_password: false,
            last_sign_in_at: None,
            created_at: "2026-01-01T00:00:00Z".into(),
        };
        let state = reduce(
            CustomerList::default(),
            CustomerListAction::AgentsLoaded(vec![
                member(1, "zoe", StaffStatus::Active),
                member(2, "Alex", StaffStatus::Disabled),
                member(3, "Bea", StaffStatus::Active),
            ]),
        );
        let en = english();
        let labels: Vec<_> = state.agents.iter().map(|a| a.label(&en)).collect();
        assert_eq!(labels, ["Alex (disabled)", "Bea", "zoe"]);
        assert_eq!(
            state.load.seq,
            CustomerList::default().load.seq,
            "no reload"
        );
    }

    #[test]
    fn the_export_takes_the_filters_of_the_moment_and_says_where_it_went() {
        let state = reduce(
            CustomerList::default(),
            CustomerListAction::FilterTier(Some(Tier::Gold)),
        );
        let state = reduce(state, CustomerListAction::Search(" ann ".into()));
        let state = reduce(state, CustomerListAction::Export);
        assert!(state.export.is_loading());
        let query = state.export_query.clone().expect("the export's query");
        assert_eq!(query.tier, Some(Tier::Gold));
        assert_eq!(query.search, "ann");
        assert!(query.after.is_none());
        let again = reduce(state.clone(), CustomerListAction::Export);
        assert_eq!(again.export.seq, state.export.seq, "one export at a time");

        let seq = state.export.seq;
        let stale = reduce(
            state.clone(),
            CustomerListAction::Exported {
                seq: seq - 1,
                result: Err("late".into()),
            },
        );
        assert!(stale.export.is_loading());
        let done = reduce(
            state,
            CustomerListAction::Exported {
                seq,
                result: Ok(CustomerExport {
                    path: "/home/ann/Downloads/keydesk-customers.csv".into(),
                    rows: 3,
                }),
            },
        );
        assert_eq!(
            done.export_text(&english()).as_deref(),
            Some(
                "Saved 3 customers to /home/ann/Downloads/keydesk-customers.csv. \
                 This file is not encrypted: keep it somewhere safe and delete it when you are done."
            )
        );
        let dismissed = reduce(done, CustomerListAction::DismissExport);
        assert_eq!(dismissed.export.remote, Remote::Idle);
    }

    #[test]
    fn a_notice_stays_until_dismissed() {
        let state = reduce(
            CustomerList::default(),
            CustomerListAction::Notice("customer-list-erased"),
        );
        assert_eq!(state.notice, Some("customer-list-erased"));
        let state = reduce(state, CustomerListAction::Reload);
        assert_eq!(state.notice, Some("customer-list-erased"));
        let state = reduce(state, CustomerListAction::DismissNotice);
        assert_eq!(state.notice, None);
    }

    #[test]
    fn a_refresh_after_a_sync_is_sent_in_the_background_and_the_persons_next_is_not() {
        let state = reduce(CustomerList::default(), CustomerListAction::Refresh);
        assert!(state.background && state.load.is_loading());
        let seq = state.load.seq;
        let state = reduce(state, CustomerListAction::Reload);
        assert!(!state.background);
        assert!(state.load.seq > seq);
    }

    #[test]
    fn login_states_carry_words_and_fixed_colours() {
        let en = english();
        let said = |state: CredentialsState| (credentials_tone(state), en.name(state));
        assert_eq!(
            said(CredentialsState::Pending),
            (Tone::Warning, "To hand over".into())
        );
        assert_eq!(said(CredentialsState::Sent), (Tone::Success, "Sent".into()));
        assert_eq!(
            said(CredentialsState::NoLogin),
            (Tone::Neutral, "No login".into())
        );
        assert_eq!(
            verified_badge(true),
            (Tone::Success, "customer-badge-verified")
        );
        assert_eq!(en.t(verified_badge(true).1), "Verified");
        assert_eq!(en.t(verified_badge(false).1), "Not verified");
    }

    /// Every id the verification badge gives is in the catalogue.
    #[test]
    fn every_label_names_its_value_in_the_catalogue() {
        for language in Language::ALL {
            let words = Words::new(speaking(language));
            for id in [verified_badge(true).1, verified_badge(false).1] {
                assert!(!words.t(id).starts_with('['), "{id} in {language:?}");
            }
        }
    }
}
