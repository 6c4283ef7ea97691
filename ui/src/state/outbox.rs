//! The outbox: the mail list with its state filter and paging, the per-row actions,
//! and the words and tones of the status indicator.

use std::rc::Rc;

use keydesk_api::{OutboxMail, OutboxPage, OutboxQuery, OutboxState, OutboxStatus};
use yew::prelude::*;

use super::paging::{Keyed, Page, Paged, PagedState, Paging, PAGE_SIZE};
use super::remote::{Remote, Request};
use super::tone::Tone;
use super::update::{apply, ensure};
use crate::words::Words;

/// Green sent, amber waiting, red failed, grey cancelled.
pub fn state_tone(state: OutboxState) -> Tone {
    match state {
        OutboxState::Sent => Tone::Success,
        OutboxState::Queued | OutboxState::Sending => Tone::Warning,
        OutboxState::Failed => Tone::Danger,
        OutboxState::Cancelled => Tone::Neutral,
    }
}

/// A person may still act on the mail: retry it now or cancel it.
pub fn can_act_on(mail: &OutboxMail) -> bool {
    matches!(mail.state, OutboxState::Queued | OutboxState::Failed)
}

/// The indicator's words and tone, or `None` when nothing needs attention.
pub fn status_summary(words: &Words, status: &OutboxStatus) -> Option<(Tone, String)> {
    if status.failed > 0 {
        let failed = words.count("outbox-indicator-failed", status.failed);
        let text = if status.waiting > 0 {
            words.t_with(
                "outbox-indicator-failed-and-waiting",
                &[
                    ("failed", &failed),
                    ("waiting", &words.number(status.waiting)),
                ],
            )
        } else {
            failed
        };
        return Some((Tone::Danger, text));
    }
    if status.waiting > 0 {
        let id = if !status.smtp_configured {
            "outbox-indicator-waiting-no-server"
        } else if status.offline {
            "outbox-indicator-waiting-offline"
        } else {
            "outbox-indicator-waiting"
        };
        return Some((Tone::Warning, words.count(id, status.waiting)));
    }
    None
}

/// What the banner above the list says after an action, put into words by
/// [`OutboxNote::text`] in the window's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutboxNote {
    /// A row's mail is being tried again.
    Retrying,
    Cancelled {
        recipient: String,
    },
    NothingWaiting,
    /// This many waiting mails are being tried again.
    TryingWaiting(i64),
    /// Each failure carries the core's message.
    RetryFailed(String),
    CancelFailed(String),
    RetryAllFailed(String),
    LoadMoreFailed(String),
}

impl OutboxNote {
    pub fn text(&self, words: &Words) -> String {
        let failed = |id: &str, reason: &str| words.t_with(id, &[("reason", reason)]);
        match self {
            OutboxNote::Retrying => words.t("outbox-retrying"),
            OutboxNote::Cancelled { recipient } => {
                words.t_with("outbox-cancelled", &[("recipient", recipient)])
            }
            OutboxNote::NothingWaiting => words.t("outbox-nothing-waiting"),
            OutboxNote::TryingWaiting(n) => words.count("outbox-trying-waiting", *n),
            OutboxNote::RetryFailed(reason) => failed("outbox-retry-failed", reason),
            OutboxNote::CancelFailed(reason) => failed("outbox-cancel-failed", reason),
            OutboxNote::RetryAllFailed(reason) => failed("outbox-retry-all-failed", reason),
            OutboxNote::LoadMoreFailed(reason) => failed("outbox-load-more-failed", reason),
        }
    }
}

/// The sidebar count: mails that still need the server or a person.
pub fn attention_count(status: &OutboxStatus) -> i64 {
    status.waiting + status.failed
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutboxList {
    pub filter: Option<OutboxState>,
    pub list: Paged<OutboxMail>,
    /// Row ids with an action under way.
    pub busy_ids: Vec<i64>,
    /// "Retry all waiting" on its way.
    pub retry_all: Request<()>,
    pub error: Option<OutboxNote>,
    pub notice: Option<OutboxNote>,
}

impl Keyed for OutboxMail {
    fn id(&self) -> i64 {
        self.id
    }
}

impl From<OutboxPage> for Page<OutboxMail> {
    fn from(page: OutboxPage) -> Self {
        Page {
            rows: page.rows,
            total: page.total,
            next_before_id: page.next_before_id,
        }
    }
}

pub enum OutboxAction {
    SetFilter(Option<OutboxState>),
    /// Something changed (an event, an action): load the first page again.
    Refresh,
    Page(Paging<OutboxPage>),
    RowBusy(i64),
    /// A row's action is over: the notice to show, or the error.
    RowDone {
        id: i64,
        result: Result<OutboxNote, OutboxNote>,
    },
    RetryAll,
    RetryAllDone {
        seq: u64,
        result: Result<OutboxStatus, String>,
    },
    Dismiss,
}

impl OutboxList {
    pub fn is_busy(&self, id: i64) -> bool {
        self.busy_ids.contains(&id)
    }
}

impl PagedState for OutboxList {
    type Row = OutboxMail;
    type Page = OutboxPage;
    type Query = OutboxQuery;

    fn paged(&self) -> &Paged<OutboxMail> {
        &self.list
    }

    fn page_query(&self, before_id: Option<i64>) -> OutboxQuery {
        OutboxQuery {
            state: self.filter,
            before_id,
            limit: PAGE_SIZE,
        }
    }

    fn paging(paging: Paging<OutboxPage>) -> OutboxAction {
        OutboxAction::Page(paging)
    }
}

impl Reducible for OutboxList {
    type Action = OutboxAction;

    fn reduce(self: Rc<Self>, action: OutboxAction) -> Rc<Self> {
        apply(self, |next| {
            match action {
                OutboxAction::SetFilter(filter) => {
                    ensure!(filter != next.filter);
                    next.filter = filter;
                    next.list.rows.clear();
                    next.list.reload();
                }
                // Keep the rows on show while the fresh page loads.
                OutboxAction::Refresh => next.list.refresh(),
                OutboxAction::Page(paging) => {
                    ensure!(next.list.apply(paging));
                    // A failed "Load more" is told in the banner instead.
                    if let Some(message) = next.list.more.remote.failure() {
                        next.error = Some(OutboxNote::LoadMoreFailed(message.to_owned()));
                        next.list.more.remote = Remote::Idle;
                    }
                }
                OutboxAction::RowBusy(id) => {
                    ensure!(!next.is_busy(id));
                    next.busy_ids.push(id);
                    next.error = None;
                }
                OutboxAction::RowDone { id, result } => {
                    next.busy_ids.retain(|b| *b != id);
                    match result {
                        Ok(notice) => {
                            next.notice = Some(notice);
                            next.list.refresh();
                        }
                        Err(message) => next.error = Some(message),
                    }
                }
                OutboxAction::RetryAll if next.retry_all.is_loading() => return None,
                OutboxAction::RetryAll => {
                    next.retry_all.start();
                    next.error = None;
                }
                OutboxAction::RetryAllDone { seq, result } => {
                    ensure!(next.retry_all.answered(seq));
                    match result {
                        Err(message) => next.error = Some(OutboxNote::RetryAllFailed(message)),
                        Ok(status) => {
                            next.notice = Some(match status.waiting {
                                0 => OutboxNote::NothingWaiting,
                                n => OutboxNote::TryingWaiting(n),
                            });
                            next.list.refresh();
                        }
                    }
                }
                OutboxAction::Dismiss => {
                    next.error = None;
                    next.notice = None;
                }
            }
            Some(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::MailKind;

    fn mail(id: i64, state: OutboxState) -> OutboxMail {
        OutboxMail {
            id,
            kind: MailKind::Welcome,
            customer_id: Some(1),
            customer_name: Some("Ada Lovelace".into()),
            recipient: "ada@example.com".into(),
            state,
            attempts: 0,
            next_attempt_at: None,
            last_error: None,
            message_id: format!("m{id}@keydesk"),
            created_at: "2026-11-22T04:00:00Z".into(),
            created_by: Some("Olivia".into()),
            sent_at: None,
        }
    }

    fn status(waiting: i64, failed: i64, offline: bool, configured: bool) -> OutboxStatus {
        OutboxStatus {
            waiting,
            failed,
            offline,
            smtp_configured: configured,
            next_attempt_at: None,
            last_error: None,
        }
    }

    fn en() -> Words {
        Words::new(crate::words::speaking(keydesk_api::Language::En))
    }

    #[test]
    fn the_indicator_says_what_waits_and_why() {
        let words = en();
        assert_eq!(status_summary(&words, &status(0, 0, false, true)), None);
        assert_eq!(
            status_summary(&words, &status(3, 0, true, true)),
            Some((Tone::Warning, "3 mails waiting (offline)".into()))
        );
        assert_eq!(
            status_summary(&words, &status(1, 0, false, false)),
            Some((Tone::Warning, "1 mail waiting (no mail server set)".into()))
        );
        assert_eq!(
            status_summary(&words, &status(2, 1, true, true)),
            Some((Tone::Danger, "1 mail failed, 2 waiting".into()))
        );
        assert_eq!(
            status_summary(&words, &status(0, 2, false, true)),
            Some((Tone::Danger, "2 mails failed".into()))
        );
        assert_eq!(attention_count(&status(2, 1, true, true)), 3);
    }

    #[test]
    fn pages_append_and_a_filter_starts_over() {
        let s = Rc::new(OutboxList::default()).reduce(OutboxAction::Page(Paging::Loaded {
            seq: 1,
            result: Ok(OutboxPage {
                rows: vec![mail(9, OutboxState::Sent), mail(8, OutboxState::Queued)],
                total: 3,
                next_before_id: Some(8),
            }),
        }));
        assert_eq!(s.list.next_before_id, Some(8));
        let s = s.reduce(OutboxAction::Page(Paging::More));
        assert!(s.list.is_loading_more());
        let s = s.reduce(OutboxAction::Page(Paging::MoreLoaded {
            seq: 1,
            result: Ok(OutboxPage {
                rows: vec![mail(8, OutboxState::Queued), mail(7, OutboxState::Failed)],
                total: 3,
                next_before_id: None,
            }),
        }));
        assert_eq!(
            s.list.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            [9, 8, 7]
        );
        assert_eq!(s.list.next_before_id, None);
        let s = s.reduce(OutboxAction::SetFilter(Some(OutboxState::Failed)));
        assert!(s.list.rows.is_empty());
        assert!(s.list.load.is_loading());
        assert_eq!(s.page_query(None).state, Some(OutboxState::Failed));
    }

    #[test]
    fn a_refresh_keeps_the_rows_and_drops_stale_answers() {
        let s = Rc::new(OutboxList::default()).reduce(OutboxAction::Page(Paging::Loaded {
            seq: 1,
            result: Ok(OutboxPage {
                rows: vec![mail(1, OutboxState::Queued)],
                total: 1,
                next_before_id: None,
            }),
        }));
        let s = s.reduce(OutboxAction::Refresh);
        assert_eq!(s.list.rows.len(), 1);
        let s = s.reduce(OutboxAction::Page(Paging::Loaded {
            seq: 1,
            result: Ok(OutboxPage {
                rows: vec![],
                total: 0,
                next_before_id: None,
            }),
        }));
        assert_eq!(s.list.rows.len(), 1);
    }

    #[test]
    fn a_failed_load_more_is_told_in_the_banner() {
        let s = Rc::new(OutboxList::default())
            .reduce(OutboxAction::Page(Paging::Loaded {
                seq: 1,
                result: Ok(OutboxPage {
                    rows: vec![mail(9, OutboxState::Sent)],
                    total: 2,
                    next_before_id: Some(9),
                }),
            }))
            .reduce(OutboxAction::Page(Paging::More))
            .reduce(OutboxAction::Page(Paging::MoreLoaded {
                seq: 1,
                result: Err("Database is busy.".into()),
            }));
        assert_eq!(
            s.error.as_ref().map(|e| e.text(&en())).as_deref(),
            Some("Could not load more mails: Database is busy.")
        );
        assert!(!s.list.is_loading_more());
    }

    #[test]
    fn row_actions_mark_the_row_busy_then_reload() {
        let s = Rc::new(OutboxList::default()).reduce(OutboxAction::RowBusy(4));
        assert!(s.is_busy(4));
        let seq = s.list.load.seq;
        let s = s.reduce(OutboxAction::RowDone {
            id: 4,
            result: Ok(OutboxNote::Cancelled {
                recipient: "ada@example.com".into(),
            }),
        });
        assert!(!s.is_busy(4));
        assert_eq!(s.list.load.seq, seq + 1);
        let s = s
            .reduce(OutboxAction::RowBusy(5))
            .reduce(OutboxAction::RowDone {
                id: 5,
                result: Err(OutboxNote::CancelFailed("Already sent.".into())),
            });
        assert_eq!(
            s.error.as_ref().map(|e| e.text(&en())).as_deref(),
            Some("Could not cancel the mail: Already sent.")
        );
        assert!(can_act_on(&mail(1, OutboxState::Failed)));
        assert!(!can_act_on(&mail(1, OutboxState::Sent)));
    }

    #[test]
    fn notes_after_an_action() {
        let words = en();
        let said = |note: OutboxNote| note.text(&words);
        assert_eq!(said(OutboxNote::Retrying), "Trying that mail again now.");
        assert_eq!(
            said(OutboxNote::Cancelled {
                recipient: "ada@example.com".into()
            }),
            "The mail to ada@example.com is cancelled."
        );
        assert_eq!(said(OutboxNote::NothingWaiting), "Nothing is waiting.");
        assert_eq!(
            said(OutboxNote::TryingWaiting(1)),
            "Trying 1 waiting mail now."
        );
        assert_eq!(
            said(OutboxNote::TryingWaiting(3)),
            "Trying 3 waiting mails now."
        );
        assert_eq!(
            said(OutboxNote::RetryFailed("Offline.".into())),
            "Could not retry the mail: Offline."
        );
        assert_eq!(
            said(OutboxNote::RetryAllFailed("Offline.".into())),
            "Could not retry the waiting mails: Offline."
        );
    }
}
