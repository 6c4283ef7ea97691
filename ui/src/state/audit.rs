//! The audit log page: filters, keyset paging (newest first), the chain check and the
//! CSV export.

use std::rc::Rc;

use keydesk_api::{
    AuditEntry, AuditExport, AuditFilter, AuditFilterOptions, AuditPage, AuditPageRequest,
    ChainVerification, DeskChain,
};
use yew::prelude::*;

use super::paging::{Keyed, Page, Paged, PagedState, Paging, PAGE_SIZE};
use super::remote::{Remote, Request};
use super::tone::Tone;
use super::update::{apply, ensure};
use crate::words::Words;

/// How long typing in the search box must pause before the log is searched.
pub const SEARCH_DEBOUNCE_MS: u32 = 250;

/// Starts by asking for the newest page of the whole log.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuditState {
    pub list: Paged<AuditEntry>,
    pub verify: Request<ChainVerification>,
    /// The filter the rows shown match (and "Load more" and the export use).
    pub filter: AuditFilter,
    /// The search box as typed; it becomes part of `filter` once typing pauses.
    pub search_input: String,
    /// Bumped on every keystroke in the search box; the debounce timer keys on it.
    pub search_rev: u64,
    pub export: Request<AuditExport>,
}

impl Keyed for AuditEntry {
    fn id(&self) -> i64 {
        self.id
    }
}

impl From<AuditPage> for Page<AuditEntry> {
    fn from(page: AuditPage) -> Self {
        Page {
            rows: page.entries,
            total: page.total,
            next_before_id: page.next_before_id,
        }
    }
}

/// A drop-down or date value: empty means "no filter".
fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// Whether `value` is a `YYYY-MM-DD` date as `<input type=date>` gives it.
pub fn is_iso_date(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

pub enum AuditAction {
    /// Reload from the newest row (the Refresh button; also after a failed first load).
    Refresh,
    Page(Paging<AuditPage>),
    Verify,
    Verified {
        seq: u64,
        result: Result<ChainVerification, String>,
    },
    /// Empty is "All people".
    FilterActor(String),
    /// Empty is "All actions".
    FilterAction(String),
    /// A `YYYY-MM-DD` day, or empty for no bound; anything else is ignored.
    FilterFrom(String),
    FilterTo(String),
    /// A keystroke in the search box.
    SearchTyped(String),
    /// Typing paused after keystroke number `rev`: search for what is in the box.
    SearchSettled {
        rev: u64,
    },
    ClearFilters,
    Export,
    Exported {
        seq: u64,
        result: Result<AuditExport, String>,
    },
}

impl AuditState {
    /// Whether the first page (a refresh, a new filter) is on its way.
    pub fn is_refreshing(&self) -> bool {
        self.list.load.is_loading()
    }

    pub fn can_load_more(&self) -> bool {
        self.list.next_before_id.is_some() && !self.is_refreshing() && !self.list.is_loading_more()
    }

    /// Whether any filter (or a search being typed) narrows the log.
    pub fn is_filtered(&self) -> bool {
        self.filter != AuditFilter::default() || !self.search_input.trim().is_empty()
    }

    /// Applies `change` to the filter: back to the newest matching row. An export result
    /// said what the old filter matched, so it goes.
    fn refilter(&mut self, change: impl FnOnce(&mut AuditFilter)) {
        let before = self.filter.clone();
        change(&mut self.filter);
        if self.filter == before {
            return;
        }
        self.list.reload();
        if !self.export.is_loading() {
            self.export.remote = Remote::Idle;
        }
    }
}

impl PagedState for AuditState {
    type Row = AuditEntry;
    type Page = AuditPage;
    type Query = AuditPageRequest;

    fn paged(&self) -> &Paged<AuditEntry> {
        &self.list
    }

    fn page_query(&self, before_id: Option<i64>) -> AuditPageRequest {
        AuditPageRequest {
            before_id,
            limit: PAGE_SIZE,
            filter: self.filter.clone(),
        }
    }

    fn paging(paging: Paging<AuditPage>) -> AuditAction {
        AuditAction::Page(paging)
    }
}

impl Reducible for AuditState {
    type Action = AuditAction;

    fn reduce(self: Rc<Self>, action: AuditAction) -> Rc<Self> {
        apply(self, |next| {
            match action {
                AuditAction::Refresh => {
                    ensure!(!next.is_refreshing());
                    next.list.reload();
                }
                // One page at a time: not while the first page is on its way either.
                AuditAction::Page(Paging::More) if next.is_refreshing() => return None,
                AuditAction::Page(paging) => ensure!(next.list.apply(paging)),
                AuditAction::Verify if next.verify.is_loading() => return None,
                AuditAction::Verify => next.verify.start(),
                AuditAction::Verified { seq, result } => ensure!(next.verify.finish(seq, result)),
                AuditAction::FilterActor(actor) => next.refilter(|f| f.actor = non_empty(&actor)),
                AuditAction::FilterAction(action) => {
                    next.refilter(|f| f.action = non_empty(&action));
                }
                AuditAction::FilterFrom(day) | AuditAction::FilterTo(day)
                    if non_empty(&day).is_some_and(|d| !is_iso_date(&d)) =>
                {
                    return None;
                }
                AuditAction::FilterFrom(day) => next.refilter(|f| f.from_date = non_empty(&day)),
                AuditAction::FilterTo(day) => next.refilter(|f| f.to_date = non_empty(&day)),
                AuditAction::SearchTyped(text) if text == next.search_input => return None,
                AuditAction::SearchTyped(text) => {
                    next.search_input = text;
                    next.search_rev += 1;
                }
                AuditAction::SearchSettled { rev } if rev != next.search_rev => return None,
                AuditAction::SearchSettled { .. } => {
                    let search = non_empty(&next.search_input);
                    next.refilter(|f| f.search = search);
                }
                AuditAction::ClearFilters if !next.is_filtered() => return None,
                AuditAction::ClearFilters => {
                    next.search_input.clear();
                    // A search still waiting for its pause is dropped with the rest.
                    next.search_rev += 1;
                    next.refilter(|f| *f = AuditFilter::default());
                }
                AuditAction::Export if next.export.is_loading() => return None,
                AuditAction::Export => next.export.start(),
                AuditAction::Exported { seq, result } => ensure!(next.export.finish(seq, result)),
            }
            Some(())
        })
    }
}

/// What the action drop-down offers, by label.
pub fn sorted_actions(words: &Words, options: &AuditFilterOptions) -> Vec<(String, String)> {
    let mut actions: Vec<(String, String)> = options
        .actions
        .iter()
        .map(|o| (o.action.clone(), action_name(words, &o.action, &o.label)))
        .collect();
    actions.sort_by_key(|(_, name)| name.to_lowercase());
    actions
}

/// An action's name in the window's language, from its stored name; an action this
/// window does not know (written by a newer desk) keeps the label the core gave it.
pub fn action_name(words: &Words, action: &str, label: &str) -> String {
    let name = words.t(&keydesk_api::audit_action_message_id(action));
    if name.starts_with('[') {
        label.to_owned()
    } else {
        name
    }
}

/// The colour of an action's badge, from its machine name (`sign_in.failed`, ...).
pub fn action_tone(action: &str) -> Tone {
    const FAILED: [&str; 9] = [
        "fail", "failed", "failure", "locked", "lockout", "denied", "refused", "rejected", "broken",
    ];
    const OK: [&str; 7] = [
        "ok",
        "created",
        "succeeded",
        "success",
        "sent",
        "verified",
        "done",
    ];
    let words: Vec<String> = action
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let has = |set: &[&str]| words.iter().any(|w| set.contains(&w.as_str()));
    if has(&FAILED) {
        Tone::Danger
    } else if has(&OK) {
        Tone::Success
    } else {
        Tone::Neutral
    }
}

/// The table's footer: how many rows there are ("1 entry", "42 matching entries" with a
/// filter), and how many of them are shown.
pub fn count_text(words: &Words, shown: usize, total: i64, filtered: bool) -> String {
    let id = if filtered {
        "audit-count-matching"
    } else {
        "audit-count"
    };
    let count = words.count(id, total);
    match i64::try_from(shown) {
        Ok(shown) if shown < total => words.t_with(
            "audit-showing",
            &[("shown", &words.number(shown)), ("entries", &count)],
        ),
        _ => count,
    }
}

/// "Saved 12 rows to /home/olive/Downloads/keydesk-audit.csv", and that the file is not
/// encrypted.
pub fn export_text(words: &Words, export: &AuditExport) -> String {
    let rows = words.count("audit-export-rows", export.rows);
    words.t_with(
        "audit-export-saved",
        &[("rows", &rows), ("path", &export.path)],
    )
}

/// The text of the chain check's result.
pub fn verification_text(words: &Words, result: &ChainVerification) -> String {
    match result {
        ChainVerification::Intact { rows } => {
            words.t_with("audit-chain-intact", &[("rows", &words.number(rows))])
        }
        ChainVerification::Broken {
            first_bad_id,
            reason,
        } => words.t_with(
            "audit-chain-broken",
            &[
                ("row", &words.number(first_bad_id)),
                ("reason", &words.say(reason)),
            ],
        ),
        ChainVerification::TailRemoved {
            rows,
            expected_rows,
        } => {
            let removed = expected_rows - rows;
            let id = if removed == 1 {
                "audit-chain-last-row-removed"
            } else {
                "audit-chain-rows-removed"
            };
            words.t_with(
                id,
                &[
                    ("removed", &words.number(removed)),
                    ("rows", &words.number(rows)),
                    ("expected", &words.number(expected_rows)),
                ],
            )
        }
    }
}

/// One desk's line under *Verify chain*: whose desk, and what was found.
pub fn desk_chain_text(words: &Words, desk: &DeskChain) -> String {
    let member = words.say(&desk.member);
    let whose = if desk.this_desk {
        words.t_with(
            "agency-chain-desk-here",
            &[("desk", &desk.label), ("member", &member)],
        )
    } else {
        words.t_with(
            "agency-chain-desk",
            &[("desk", &desk.label), ("member", &member)],
        )
    };
    match &desk.verification {
        ChainVerification::Intact { rows } => words.t_with(
            "agency-chain-desk-intact",
            &[("whose", &whose), ("rows", &words.number(rows))],
        ),
        ChainVerification::Broken {
            first_bad_id,
            reason,
        } => words.t_with(
            "agency-chain-desk-broken",
            &[
                ("whose", &whose),
                ("row", &words.number(first_bad_id)),
                ("reason", &words.say(reason)),
            ],
        ),
        ChainVerification::TailRemoved { rows, .. } => words.t_with(
            "agency-chain-desk-tail-removed",
            &[("whose", &whose), ("row", &words.number(rows))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::FILE_NOT_ENCRYPTED as NOT_ENCRYPTED;

    #[test]
    fn actions_are_named_in_the_window_language_and_unknown_ones_keep_their_label() {
        let fa = Words::new(crate::words::speaking(keydesk_api::Language::Fa));
        assert_eq!(
            action_name(&en(), "customer.created", "Customer created"),
            "Customer created"
        );
        assert_eq!(
            action_name(&fa, "customer.created", "Customer created"),
            "مشتری ساخته شد"
        );
        assert_eq!(
            action_name(&fa, "sign_in.refused_locked", "x"),
            "ورود رد شد (قفل)"
        );
        assert_eq!(
            action_name(&fa, "desk.teleported", "Desk teleported"),
            "Desk teleported"
        );
    }

    fn en() -> Words {
        Words::new(crate::words::speaking(keydesk_api::Language::En))
    }

    fn entry(id: i64) -> AuditEntry {
        AuditEntry {
            id,
            at: "2025-01-02T03:04:05Z".into(),
            actor: "olive@agency.test".into(),
            action: "sign_in.ok".into(),
            action_label: "Signed in".into(),
            detail: String::new(),
        }
    }

    fn page(ids: std::ops::RangeInclusive<i64>, total: i64, next: Option<i64>) -> AuditPage {
        AuditPage {
            entries: ids.rev().map(entry).collect(),
            total,
            next_before_id: next,
        }
    }

    fn loaded_page(seq: u64, result: Result<AuditPage, String>) -> AuditAction {
        AuditAction::Page(Paging::Loaded { seq, result })
    }

    fn first_page(filter: &AuditFilter) -> AuditPageRequest {
        AuditPageRequest {
            before_id: None,
            limit: PAGE_SIZE,
            filter: filter.clone(),
        }
    }

    /// The request on its way: the first page, or the next one ("Load more").
    fn pending(state: &AuditState) -> Option<AuditPageRequest> {
        if state.is_refreshing() {
            Some(state.page_query(None))
        } else if state.list.is_loading_more() {
            Some(state.page_query(state.list.next_before_id))
        } else {
            None
        }
    }

    fn apply(state: AuditState, actions: impl IntoIterator<Item = AuditAction>) -> AuditState {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    #[test]
    fn starts_by_asking_for_the_newest_page() {
        let state = AuditState::default();
        assert_eq!(pending(&state), Some(first_page(&AuditFilter::default())));
        assert!(state.is_refreshing());
        assert!(!state.list.loaded);
    }

    #[test]
    fn pages_append_older_rows_and_stop_at_the_end() {
        let state = apply(
            AuditState::default(),
            [loaded_page(1, Ok(page(51..=100, 120, Some(51))))],
        );
        assert_eq!(state.list.rows.len(), 50);
        assert!(state.can_load_more());
        let state = apply(state, [AuditAction::Page(Paging::More)]);
        assert_eq!(
            pending(&state),
            Some(AuditPageRequest {
                before_id: Some(51),
                limit: PAGE_SIZE,
                filter: AuditFilter::default(),
            })
        );
        assert!(!state.can_load_more(), "no second Load more while one runs");
        let seq = state.list.more.seq;
        let state = apply(
            state,
            [AuditAction::Page(Paging::MoreLoaded {
                seq,
                result: Ok(page(1..=51, 120, None)),
            })],
        );
        assert_eq!(state.list.rows.len(), 100);
        assert!(!state.can_load_more());
        assert_eq!(state.list.more.remote, Remote::Loaded(()));
    }

    #[test]
    fn load_more_waits_for_the_first_page() {
        let state = apply(AuditState::default(), [AuditAction::Page(Paging::More)]);
        assert_eq!(pending(&state), Some(first_page(&AuditFilter::default())));
    }

    #[test]
    fn refresh_replaces_rows_and_drops_the_answer_it_overtook() {
        let state = apply(
            AuditState::default(),
            [
                loaded_page(1, Ok(page(51..=100, 100, Some(51)))),
                AuditAction::Page(Paging::More),
                AuditAction::Refresh,
            ],
        );
        let stale_seq = state.list.more.seq;
        let state = apply(
            state,
            [AuditAction::Page(Paging::MoreLoaded {
                seq: stale_seq,
                result: Ok(page(1..=50, 100, None)),
            })],
        );
        assert_eq!(
            state.list.rows.len(),
            50,
            "the Load more answer was overtaken"
        );
        let seq = state.list.load.seq;
        let state = apply(state, [loaded_page(seq, Ok(page(52..=101, 101, Some(52))))]);
        assert_eq!(state.list.rows.first().map(|e| e.id), Some(101));
        assert_eq!(state.list.total, 101);
    }

    #[test]
    fn load_failure_is_kept_for_the_view() {
        let state = apply(
            AuditState::default(),
            [loaded_page(1, Err("Database is busy.".into()))],
        );
        assert_eq!(state.list.load.remote.failure(), Some("Database is busy."));
        let retry = apply(state, [AuditAction::Refresh]);
        assert!(retry.is_refreshing());
    }

    #[test]
    fn verification_runs_once_at_a_time() {
        let state = apply(
            AuditState::default(),
            [AuditAction::Verify, AuditAction::Verify],
        );
        assert_eq!(state.verify.seq, 1);
        let done = apply(
            state,
            [AuditAction::Verified {
                seq: 1,
                result: Ok(ChainVerification::Intact { rows: 7 }),
            }],
        );
        assert_eq!(
            done.verify.remote,
            Remote::Loaded(ChainVerification::Intact { rows: 7 })
        );
    }

    #[test]
    fn verification_texts() {
        assert_eq!(
            verification_text(&en(), &ChainVerification::Intact { rows: 12 }),
            "Chain intact — 12 rows verified"
        );
        assert_eq!(
            verification_text(
                &en(),
                &ChainVerification::Broken {
                    first_bad_id: 7,
                    reason: "hash mismatch".into()
                }
            ),
            "Chain broken at row #7: hash mismatch"
        );
        assert_eq!(
            verification_text(
                &en(),
                &ChainVerification::TailRemoved {
                    rows: 40,
                    expected_rows: 43
                }
            ),
            "The last 3 rows were removed: the log ends at row #40, but it had 43 rows when \
             last sealed"
        );
        assert_eq!(
            verification_text(
                &en(),
                &ChainVerification::TailRemoved {
                    rows: 42,
                    expected_rows: 43
                }
            ),
            "The last row was removed: the log ends at row #42, but it had 43 rows when last \
             sealed"
        );
    }

    #[test]
    fn action_tones() {
        assert_eq!(action_tone("sign_in.failed"), Tone::Danger);
        assert_eq!(action_tone("sign_in.locked_out"), Tone::Danger);
        assert_eq!(action_tone("sign_in.ok"), Tone::Success);
        assert_eq!(action_tone("owner.created"), Tone::Success);
        assert_eq!(action_tone("sign_out"), Tone::Neutral);
        assert_eq!(
            action_tone("settings.booked"),
            Tone::Neutral,
            "whole words only"
        );
    }

    #[test]
    fn entry_counts() {
        assert_eq!(count_text(&en(), 0, 0, false), "0 entries");
        assert_eq!(count_text(&en(), 1, 1, false), "1 entry");
        assert_eq!(count_text(&en(), 250, 250, false), "250 entries");
        assert_eq!(count_text(&en(), 1, 1, true), "1 matching entry");
        assert_eq!(
            count_text(&en(), 0, 12, true),
            "Showing 0 of 12 matching entries"
        );
        assert_eq!(count_text(&en(), 12, 12, true), "12 matching entries");
        assert_eq!(
            count_text(&en(), 50, 120, false),
            "Showing 50 of 120 entries"
        );
        let fa = Words::new(crate::words::speaking(keydesk_api::Language::Fa));
        let showing = count_text(&fa, 50, 120, false).replace(['\u{2068}', '\u{2069}'], "");
        assert_eq!(showing, "نمایش ۵۰ از ۱۲۰ رویداد");
    }

    #[test]
    fn export_texts() {
        let export = AuditExport {
            path: "/home/olive/Downloads/audit.csv".into(),
            rows: 12,
        };
        assert_eq!(
            export_text(&en(), &export),
            format!("Saved 12 rows to /home/olive/Downloads/audit.csv. {NOT_ENCRYPTED}")
        );
        let one = AuditExport { rows: 1, ..export };
        assert_eq!(
            export_text(&en(), &one),
            format!("Saved 1 row to /home/olive/Downloads/audit.csv. {NOT_ENCRYPTED}")
        );
    }

    fn loaded() -> AuditState {
        apply(
            AuditState::default(),
            [loaded_page(1, Ok(page(51..=100, 120, Some(51))))],
        )
    }

    fn failed_sign_ins() -> AuditFilter {
        AuditFilter {
            action: Some("sign_in.failed".into()),
            ..AuditFilter::default()
        }
    }

    #[test]
    fn a_filter_reloads_from_the_first_page_and_load_more_keeps_it() {
        let state = apply(
            loaded(),
            [AuditAction::FilterAction("sign_in.failed".into())],
        );
        assert_eq!(state.filter, failed_sign_ins());
        assert_eq!(pending(&state), Some(first_page(&failed_sign_ins())));
        assert!(state.is_filtered());
        let seq = state.list.load.seq;
        let state = apply(
            state,
            [
                loaded_page(seq, Ok(page(30..=79, 60, Some(30)))),
                AuditAction::Page(Paging::More),
            ],
        );
        assert_eq!(
            state.list.rows.len(),
            50,
            "the filtered page replaced the rows"
        );
        assert_eq!(
            pending(&state),
            Some(AuditPageRequest {
                before_id: Some(30),
                limit: PAGE_SIZE,
                filter: failed_sign_ins(),
            })
        );
    }

    #[test]
    fn choosing_the_same_value_again_sends_nothing() {
        let state = apply(loaded(), [AuditAction::FilterActor("system".into())]);
        let again = apply(state.clone(), [AuditAction::FilterActor("system".into())]);
        assert_eq!(again.list.load.seq, state.list.load.seq);
        let all = apply(again, [AuditAction::FilterActor(String::new())]);
        assert_eq!(all.filter, AuditFilter::default(), "empty is everyone");
    }

    #[test]
    fn dates_must_be_whole_days() {
        let state = apply(
            loaded(),
            [
                AuditAction::FilterFrom("2025-03-01".into()),
                AuditAction::FilterTo("2025-3-9".into()),
            ],
        );
        assert_eq!(state.filter.from_date.as_deref(), Some("2025-03-01"));
        assert_eq!(state.filter.to_date, None, "a half-typed day is ignored");
        assert!(is_iso_date("2025-12-31"));
        assert!(!is_iso_date("31.12.2025"));
    }

    #[test]
    fn search_waits_for_typing_to_pause() {
        let state = apply(
            loaded(),
            [
                AuditAction::SearchTyped("ol".into()),
                AuditAction::SearchTyped("olive".into()),
            ],
        );
        assert_eq!(state.list.load.seq, 1, "no request per keystroke");
        let stale = apply(state.clone(), [AuditAction::SearchSettled { rev: 1 }]);
        assert_eq!(stale.list.load.seq, 1, "an overtaken pause does nothing");
        let settled = apply(state, [AuditAction::SearchSettled { rev: 2 }]);
        assert_eq!(settled.filter.search.as_deref(), Some("olive"));
        assert_eq!(settled.list.load.seq, 2);
        let blank = apply(
            settled,
            [
                AuditAction::SearchTyped("   ".into()),
                AuditAction::SearchSettled { rev: 3 },
            ],
        );
        assert_eq!(blank.filter.search, None);
    }

    #[test]
    fn clearing_resets_every_filter_and_drops_a_pending_search() {
        let state = apply(
            loaded(),
            [
                AuditAction::FilterAction("sign_in.failed".into()),
                AuditAction::SearchTyped("olive".into()),
                AuditAction::ClearFilters,
            ],
        );
        assert_eq!(state.filter, AuditFilter::default());
        assert_eq!(state.search_input, "");
        assert!(!state.is_filtered());
        assert_eq!(pending(&state), Some(first_page(&AuditFilter::default())));
        let rev = state.search_rev - 1;
        let late = apply(state.clone(), [AuditAction::SearchSettled { rev }]);
        assert_eq!(late, state);
        assert_eq!(apply(state.clone(), [AuditAction::ClearFilters]), state);
    }

    #[test]
    fn export_runs_once_and_a_new_filter_hides_the_old_result() {
        let state = apply(loaded(), [AuditAction::Export, AuditAction::Export]);
        assert_eq!(state.export.seq, 1);
        let export = AuditExport {
            path: "/tmp/a.csv".into(),
            rows: 120,
        };
        let done = apply(
            state,
            [AuditAction::Exported {
                seq: 1,
                result: Ok(export.clone()),
            }],
        );
        assert_eq!(done.export.remote, Remote::Loaded(export));
        let filtered = apply(done, [AuditAction::FilterActor("system".into())]);
        assert_eq!(filtered.export.remote, Remote::Idle);
    }

    #[test]
    fn action_options_are_sorted_by_label() {
        let options = AuditFilterOptions {
            actors: vec!["olive@agency.test".into()],
            actions: vec![
                keydesk_api::AuditActionOption {
                    action: "sign_out".into(),
                    label: "Signed out".into(),
                },
                keydesk_api::AuditActionOption {
                    action: "owner.created".into(),
                    label: "Owner account created".into(),
                },
            ],
        };
        let names = |words: &Words| -> Vec<String> {
            sorted_actions(words, &options)
                .into_iter()
                .map(|(_, name)| name)
                .collect()
        };
        assert_eq!(names(&en()), ["Owner account created", "Signed out"]);
        // By the names shown: in Persian «حساب مالک…» comes before «خروج».
        let fa = Words::new(crate::words::speaking(keydesk_api::Language::Fa));
        assert_eq!(names(&fa), ["حساب مالک ساخته شد", "خروج"]);
    }
}
