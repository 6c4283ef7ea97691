//! The audit log page: keyset paging (newest first) and the chain check.

use std::rc::Rc;

use keydesk_api::{AuditEntry, AuditPage, AuditPageRequest, ChainVerification};
use yew::prelude::*;

use super::tone::Tone;

/// Rows asked for per page.
pub const PAGE_SIZE: u32 = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadStatus {
    Idle,
    /// `more` tells a "Load more" apart from the first page (or a refresh).
    Loading {
        more: bool,
    },
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyStatus {
    Idle,
    Running,
    Done(ChainVerification),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditState {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub next_before_id: Option<i64>,
    /// The first page has arrived at least once (until then the table shows "Loading").
    pub loaded: bool,
    pub load: LoadStatus,
    /// The page request in flight; the effect that sends it keys on `load_seq`.
    pub pending: Option<AuditPageRequest>,
    pub load_seq: u64,
    pub verify: VerifyStatus,
    /// Bumped when a chain check is asked for; the effect that sends it keys on this.
    pub verify_seq: u64,
}

impl Default for AuditState {
    /// Starts by asking for the newest page.
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            total: 0,
            next_before_id: None,
            loaded: false,
            load: LoadStatus::Loading { more: false },
            pending: Some(first_page()),
            load_seq: 1,
            verify: VerifyStatus::Idle,
            verify_seq: 0,
        }
    }
}

fn first_page() -> AuditPageRequest {
    AuditPageRequest {
        before_id: None,
        limit: PAGE_SIZE,
    }
}

pub enum AuditAction {
    /// Reload from the newest row (the Refresh button; also after a failed first load).
    Refresh,
    LoadMore,
    PageLoaded {
        seq: u64,
        page: AuditPage,
    },
    LoadFailed {
        seq: u64,
        message: String,
    },
    Verify,
    Verified {
        seq: u64,
        result: ChainVerification,
    },
    VerifyFailed {
        seq: u64,
        message: String,
    },
}

impl AuditState {
    pub fn is_loading(&self) -> bool {
        matches!(self.load, LoadStatus::Loading { .. })
    }

    pub fn can_load_more(&self) -> bool {
        self.next_before_id.is_some() && !self.is_loading()
    }

    fn start_load(&mut self, request: AuditPageRequest) {
        self.load = LoadStatus::Loading {
            more: request.before_id.is_some(),
        };
        self.pending = Some(request);
        self.load_seq += 1;
    }
}

impl Reducible for AuditState {
    type Action = AuditAction;

    fn reduce(self: Rc<Self>, action: AuditAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            AuditAction::Refresh => {
                if matches!(next.load, LoadStatus::Loading { more: false }) {
                    return self;
                }
                next.start_load(first_page());
            }
            AuditAction::LoadMore => {
                let Some(before_id) = next.next_before_id.filter(|_| !next.is_loading()) else {
                    return self;
                };
                next.start_load(AuditPageRequest {
                    before_id: Some(before_id),
                    limit: PAGE_SIZE,
                });
            }
            AuditAction::PageLoaded { seq, page } => {
                if seq != next.load_seq {
                    return self;
                }
                let more = next.pending.as_ref().is_some_and(|r| r.before_id.is_some());
                if more {
                    // Keyset paging: keep only rows older than the ones already shown.
                    let oldest = next.entries.last().map_or(i64::MAX, |e| e.id);
                    next.entries
                        .extend(page.entries.into_iter().filter(|e| e.id < oldest));
                } else {
                    next.entries = page.entries;
                }
                next.total = page.total;
                next.next_before_id = page.next_before_id;
                next.loaded = true;
                next.load = LoadStatus::Idle;
                next.pending = None;
            }
            AuditAction::LoadFailed { seq, message } => {
                if seq != next.load_seq {
                    return self;
                }
                next.load = LoadStatus::Failed(message);
                next.pending = None;
            }
            AuditAction::Verify => {
                if next.verify == VerifyStatus::Running {
                    return self;
                }
                next.verify = VerifyStatus::Running;
                next.verify_seq += 1;
            }
            AuditAction::Verified { seq, result } => {
                if seq != next.verify_seq {
                    return self;
                }
                next.verify = VerifyStatus::Done(result);
            }
            AuditAction::VerifyFailed { seq, message } => {
                if seq != next.verify_seq {
                    return self;
                }
                next.verify = VerifyStatus::Failed(message);
            }
        }
        next.into()
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

/// "1 entry", "42 entries".
pub fn entry_count(total: i64) -> String {
    if total == 1 {
        "1 entry".to_owned()
    } else {
        format!("{total} entries")
    }
}

/// The text of the chain check's result.
pub fn verification_text(result: &ChainVerification) -> String {
    match result {
        ChainVerification::Intact { rows } => format!("Chain intact — {rows} rows verified"),
        ChainVerification::Broken {
            first_bad_id,
            reason,
        } => format!("Chain broken at row #{first_bad_id}: {reason}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(state.pending, Some(first_page()));
        assert!(state.is_loading());
        assert!(!state.loaded);
    }

    #[test]
    fn pages_append_older_rows_and_stop_at_the_end() {
        let state = apply(
            AuditState::default(),
            [AuditAction::PageLoaded {
                seq: 1,
                page: page(51..=100, 120, Some(51)),
            }],
        );
        assert_eq!(state.entries.len(), 50);
        assert!(state.can_load_more());
        let state = apply(state, [AuditAction::LoadMore]);
        assert_eq!(
            state.pending,
            Some(AuditPageRequest {
                before_id: Some(51),
                limit: PAGE_SIZE
            })
        );
        assert!(!state.can_load_more(), "no second Load more while one runs");
        let seq = state.load_seq;
        // The page overlaps the one shown by a row; it must not appear twice.
        let state = apply(
            state,
            [AuditAction::PageLoaded {
                seq,
                page: page(1..=51, 120, None),
            }],
        );
        let ids: Vec<_> = state.entries.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), 100);
        assert!(
            ids.windows(2).all(|w| w[0] > w[1]),
            "newest first, no repeats"
        );
        assert_eq!(state.next_before_id, None);
        assert!(!state.can_load_more());
        assert_eq!(state.load, LoadStatus::Idle);
    }

    #[test]
    fn refresh_replaces_rows_and_drops_the_answer_it_overtook() {
        let state = apply(
            AuditState::default(),
            [
                AuditAction::PageLoaded {
                    seq: 1,
                    page: page(51..=100, 100, Some(51)),
                },
                AuditAction::LoadMore,
                AuditAction::Refresh,
            ],
        );
        let stale_seq = state.load_seq - 1;
        let state = apply(
            state,
            [AuditAction::PageLoaded {
                seq: stale_seq,
                page: page(1..=50, 100, None),
            }],
        );
        assert_eq!(
            state.entries.len(),
            50,
            "the Load more answer was overtaken"
        );
        let seq = state.load_seq;
        let state = apply(
            state,
            [AuditAction::PageLoaded {
                seq,
                page: page(52..=101, 101, Some(52)),
            }],
        );
        assert_eq!(state.entries.first().map(|e| e.id), Some(101));
        assert_eq!(state.total, 101);
    }

    #[test]
    fn load_failure_is_kept_for_the_view() {
        let state = apply(
            AuditState::default(),
            [AuditAction::LoadFailed {
                seq: 1,
                message: "Database is busy.".into(),
            }],
        );
        assert_eq!(state.load, LoadStatus::Failed("Database is busy.".into()));
        let retry = apply(state, [AuditAction::Refresh]);
        assert!(retry.is_loading());
    }

    #[test]
    fn verification_runs_once_at_a_time() {
        let state = apply(
            AuditState::default(),
            [AuditAction::Verify, AuditAction::Verify],
        );
        assert_eq!(state.verify_seq, 1);
        let done = apply(
            state,
            [AuditAction::Verified {
                seq: 1,
                result: ChainVerification::Intact { rows: 7 },
            }],
        );
        assert_eq!(
            done.verify,
            VerifyStatus::Done(ChainVerification::Intact { rows: 7 })
        );
    }

    #[test]
    fn verification_texts() {
        assert_eq!(
            verification_text(&ChainVerification::Intact { rows: 12 }),
            "Chain intact — 12 rows verified"
        );
        assert_eq!(
            verification_text(&ChainVerification::Broken {
                first_bad_id: 7,
                reason: "hash mismatch".into()
            }),
            "Chain broken at row #7: hash mismatch"
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
        assert_eq!(entry_count(0), "0 entries");
        assert_eq!(entry_count(1), "1 entry");
        assert_eq!(entry_count(250), "250 entries");
    }
}
