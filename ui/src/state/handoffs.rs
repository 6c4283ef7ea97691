//! The owner's "Credentials to hand over" queue: the pending handoffs, the one password
//! on show (hidden again after its time), the clipboard countdown, and the mark-as-sent,
//! send-by-mail and revoke dialogs.

use std::rc::Rc;

use keydesk_api::{
    ClipboardCopy, HandoffChannel, HandoffIdRequest, MarkHandoffSentRequest, PendingHandoff,
    RevealedPassword, SendHandoffMailRequest,
};
use yew::prelude::*;

use super::remote::Request;
use super::update::{self, ensure};
use crate::words::Words;

/// How long the "Clipboard cleared" toast stays after the clipboard was cleared.
const CLEARED_TOAST_MS: f64 = 4_000.0;

/// A password on show; gone at `hide_at_ms`.
#[derive(Clone, PartialEq)]
pub struct Shown {
    pub handoff_id: i64,
    pub password: String,
    pub hide_at_ms: f64,
}

/// What was copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    Username,
    Password,
}

impl Copied {
    /// The message naming what was copied.
    pub fn message(self) -> &'static str {
        match self {
            Copied::Username => "handoff-username",
            Copied::Password => "handoff-password",
        }
    }
}

/// The toast about the clipboard after a copy.
#[derive(Debug, Clone, PartialEq)]
pub struct ClipboardToast {
    pub copied: Copied,
    /// When the shell clears the clipboard; `None` when it never does.
    pub clear_at_ms: Option<f64>,
    /// Set once the shell said it cleared the clipboard: the toast goes then.
    pub gone_at_ms: Option<f64>,
}

impl ClipboardToast {
    pub fn cleared(&self) -> bool {
        self.gone_at_ms.is_some()
    }

    /// What the toast says at `now_ms`, e.g. "Password copied · Clipboard clears in 29 s".
    pub fn text(&self, words: &Words, now_ms: f64) -> String {
        if self.cleared() {
            return words.t("handoff-clipboard-cleared");
        }
        let what = words.t(self.copied.message());
        match self.clear_at_ms {
            Some(at) => words.t_with(
                "handoff-copied-clears",
                &[
                    ("what", &what),
                    ("n", &words.number(seconds_left(at, now_ms))),
                ],
            ),
            None => words.t_with("handoff-copied-kept", &[("what", &what)]),
        }
    }
}

/// The longest note a handoff keeps.
pub const MAX_NOTE_CHARS: usize = 500;

/// The dialog on show about one handoff; asking for another closes it, so there is one
/// at most.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dialog {
    pub handoff_id: i64,
    pub kind: DialogKind,
    /// Its action is running: Esc and Cancel wait for it.
    pub busy: bool,
    pub error: Option<String>,
    /// The mark-as-sent note is longer than [`MAX_NOTE_CHARS`]: refused until it changes.
    /// A fact, not a sentence: the screen says it in the person's language.
    pub note_too_long: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogKind {
    /// How the login reached the customer.
    MarkSent {
        channel: HandoffChannel,
        note: String,
    },
    /// Where the login mail goes: the username, or the customer's current email when it
    /// changed since the login was made.
    SendMail {
        recipient: String,
    },
    Revoke,
}

impl Dialog {
    /// Not while its action runs, nor while a mark-as-sent note is refused (the error
    /// stays until the note changes); a mail that failed can be sent again.
    fn can_confirm(&self) -> bool {
        let refused = matches!(self.kind, DialogKind::MarkSent { .. })
            && (self.error.is_some() || self.note_too_long);
        !self.busy && !refused
    }

    /// The dialog as the screen shows it: a note too long is said in `words`.
    pub fn said(&self, words: &Words) -> Dialog {
        let mut dialog = self.clone();
        if self.note_too_long {
            let max = words.number(MAX_NOTE_CHARS);
            dialog.error = Some(words.t_with("handoff-note-too-long", &[("max", &max)]));
        }
        dialog
    }
}

/// The call a confirmed dialog makes.
#[derive(Debug, PartialEq)]
pub enum Confirmed {
    MarkSent(MarkHandoffSentRequest),
    SendMail(SendHandoffMailRequest),
    Revoke(HandoffIdRequest),
}

#[derive(Clone, PartialEq)]
pub struct HandoffQueue {
    pub rows: Vec<PendingHandoff>,
    /// The queue's request; its `seq` is bumped when the queue must be (re)loaded.
    pub load: Request<()>,
    pub shown: Option<Shown>,
    /// A reveal or copy is running for this handoff.
    pub working: Option<i64>,
    pub toast: Option<ClipboardToast>,
    pub dialog: Option<Dialog>,
    pub error: Option<String>,
    /// A login mail was queued: to whom.
    pub mailed: Option<String>,
    /// The clock of the last tick, for the countdowns.
    pub now_ms: f64,
}

impl Default for HandoffQueue {
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            load: Request::started(),
            shown: None,
            working: None,
            toast: None,
            dialog: None,
            error: None,
            mailed: None,
            now_ms: 0.0,
        }
    }
}

pub enum QueueAction {
    Reload,
    Loaded {
        seq: u64,
        result: Result<Vec<PendingHandoff>, String>,
    },
    /// A reveal or copy of this handoff started.
    Working(i64),
    Revealed {
        result: Result<RevealedPassword, String>,
        now_ms: f64,
    },
    Hide,
    Copied {
        copied: Copied,
        result: Result<ClipboardCopy, String>,
        now_ms: f64,
    },
    /// The shell's `clipboard-cleared` event, heard at this time.
    ClipboardCleared(f64),
    DismissToast,
    Tick(f64),
    DismissError,
    AskMarkSent(i64),
    Channel(HandoffChannel),
    Note(String),
    /// Marked as sent: the dialog closes and the queue reloads.
    MarkedSent(Result<(), String>),
    AskSendMail(i64),
    /// The address chosen in the send-by-mail dialog.
    Recipient(String),
    /// The login mail is queued (to this address): the dialog closes.
    MailQueued(Result<String, String>),
    DismissMailed,
    AskRevoke(i64),
    /// Revoked: the dialog closes and the queue reloads.
    Revoked(Result<(), String>),
    /// Enter or the confirm button in the dialog on show: its call goes out.
    Confirm,
    /// Esc or Cancel in the dialog on show; ignored while its action runs.
    CancelDialog,
}

/// Whole seconds left until `at_ms`, rounded up, never below zero.
pub fn seconds_left(at_ms: f64, now_ms: f64) -> u32 {
    ((at_ms - now_ms) / 1000.0).ceil().max(0.0) as u32
}

/// Under a day left: the expiry is shown as a warning.
pub fn expires_soon(ms_left: f64) -> bool {
    ms_left < 24.0 * 3_600_000.0
}

impl HandoffQueue {
    /// The password on show for `handoff_id`, if any.
    pub fn shown_for(&self, handoff_id: i64) -> Option<&Shown> {
        self.shown.as_ref().filter(|s| s.handoff_id == handoff_id)
    }

    pub fn row(&self, handoff_id: i64) -> Option<&PendingHandoff> {
        self.rows.iter().find(|r| r.handoff_id == handoff_id)
    }

    /// The call the dialog on show makes when confirmed; none while it cannot be.
    pub fn confirmed(&self) -> Option<Confirmed> {
        let dialog = self.dialog.as_ref().filter(|d| d.can_confirm())?;
        let handoff_id = dialog.handoff_id;
        Some(match &dialog.kind {
            DialogKind::MarkSent { channel, note } => Confirmed::MarkSent(MarkHandoffSentRequest {
                handoff_id,
                channel: *channel,
                note: note.trim().to_owned(),
            }),
            DialogKind::SendMail { recipient } => Confirmed::SendMail(SendHandoffMailRequest {
                handoff_id,
                welcome_message: String::new(),
                recipient: Some(recipient.clone()),
            }),
            DialogKind::Revoke => Confirmed::Revoke(HandoffIdRequest { handoff_id }),
        })
    }

    fn open(&mut self, handoff_id: i64, kind: DialogKind) {
        self.dialog = Some(Dialog {
            handoff_id,
            kind,
            busy: false,
            error: None,
            note_too_long: false,
        });
    }

    /// Marked as sent or revoked: the row goes, the dialog closes and the queue reloads.
    fn done(&mut self) {
        if let Some(id) = self.dialog.take().map(|d| d.handoff_id) {
            self.rows.retain(|r| r.handoff_id != id);
            if self.shown_for(id).is_some() {
                self.shown = None;
            }
        }
        self.load.refresh();
    }

    fn update(&mut self, action: QueueAction) -> Option<()> {
        match action {
            // Rows on show stay while the queue reloads.
            QueueAction::Reload => match self.load.remote.loaded() {
                Some(()) => self.load.refresh(),
                None => self.load.start(),
            },
            QueueAction::Loaded { seq, result } => {
                // These changes are dropped with the copy when the answer is stale.
                let result = result.map(|rows| {
                    let has = |id: i64| rows.iter().any(|r| r.handoff_id == id);
                    if self.shown.as_ref().is_some_and(|s| !has(s.handoff_id)) {
                        self.shown = None;
                    }
                    if self.dialog.as_ref().is_some_and(|d| !has(d.handoff_id)) {
                        self.dialog = None;
                    }
                    self.rows = rows;
                });
                ensure!(self.load.finish(seq, result));
            }
            QueueAction::Working(id) => {
                self.working = Some(id);
                self.error = None;
            }
            QueueAction::Revealed {
                result: Err(message),
                ..
            }
            | QueueAction::Copied {
                result: Err(message),
                ..
            } => {
                self.working = None;
                self.error = Some(message);
            }
            QueueAction::Revealed {
                result: Ok(revealed),
                now_ms,
            } => {
                self.working = None;
                self.now_ms = now_ms;
                self.shown = Some(Shown {
                    handoff_id: revealed.handoff_id,
                    password: revealed.password,
                    hide_at_ms: now_ms + f64::from(revealed.hide_after_seconds) * 1000.0,
                });
            }
            QueueAction::Hide => self.shown = None,
            QueueAction::Copied {
                copied,
                result: Ok(copy),
                now_ms,
            } => {
                self.working = None;
                self.now_ms = now_ms;
                self.toast = Some(ClipboardToast {
                    copied,
                    clear_at_ms: (copy.clear_after_seconds > 0)
                        .then(|| now_ms + f64::from(copy.clear_after_seconds) * 1000.0),
                    gone_at_ms: None,
                });
            }
            QueueAction::ClipboardCleared(now_ms) => {
                self.toast.as_mut()?.gone_at_ms = Some(now_ms + CLEARED_TOAST_MS);
            }
            QueueAction::DismissToast => self.toast = None,
            QueueAction::Tick(now_ms) => {
                self.now_ms = now_ms;
                if self.shown.as_ref().is_some_and(|s| now_ms >= s.hide_at_ms) {
                    self.shown = None;
                }
                if self
                    .toast
                    .as_ref()
                    .and_then(|t| t.gone_at_ms)
                    .is_some_and(|at| now_ms >= at)
                {
                    self.toast = None;
                }
            }
            QueueAction::DismissError => self.error = None,
            QueueAction::AskMarkSent(id) => {
                let kind = DialogKind::MarkSent {
                    channel: HandoffChannel::InPerson,
                    note: String::new(),
                };
                self.open(id, kind);
            }
            QueueAction::AskSendMail(id) => {
                let recipient = self.row(id)?.username.clone();
                self.mailed = None;
                self.open(id, DialogKind::SendMail { recipient });
            }
            QueueAction::AskRevoke(id) => self.open(id, DialogKind::Revoke),
            QueueAction::Channel(chosen) => match &mut self.dialog.as_mut()?.kind {
                DialogKind::MarkSent { channel, .. } => *channel = chosen,
                _ => return None,
            },
            QueueAction::Note(text) => {
                let dialog = self.dialog.as_mut()?;
                let DialogKind::MarkSent { note, .. } = &mut dialog.kind else {
                    return None;
                };
                dialog.note_too_long = text.chars().count() > MAX_NOTE_CHARS;
                dialog.error = None;
                *note = text;
            }
            QueueAction::Recipient(address) => {
                let dialog = self.dialog.as_mut().filter(|d| !d.busy)?;
                let DialogKind::SendMail { recipient } = &mut dialog.kind else {
                    return None;
                };
                *recipient = address;
                dialog.error = None;
            }
            QueueAction::Confirm => {
                let dialog = self.dialog.as_mut().filter(|d| d.can_confirm())?;
                dialog.busy = true;
                dialog.error = None;
            }
            QueueAction::MarkedSent(Ok(())) | QueueAction::Revoked(Ok(())) => self.done(),
            QueueAction::MarkedSent(Err(message)) | QueueAction::MailQueued(Err(message)) => {
                let dialog = self.dialog.as_mut()?;
                dialog.busy = false;
                dialog.error = Some(message);
            }
            QueueAction::MailQueued(Ok(to)) => {
                self.dialog = None;
                self.mailed = Some(to);
            }
            QueueAction::DismissMailed => self.mailed = None,
            QueueAction::Revoked(Err(message)) => {
                self.dialog = None;
                self.error = Some(message);
            }
            QueueAction::CancelDialog => {
                ensure!(self.dialog.as_ref().is_some_and(|d| !d.busy));
                self.dialog = None;
            }
        }
        Some(())
    }
}

impl Reducible for HandoffQueue {
    type Action = QueueAction;

    fn reduce(self: Rc<Self>, action: QueueAction) -> Rc<Self> {
        update::apply(self, |next| next.update(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::speaking;
    use keydesk_api::{HandoffReason, Language};

    fn english() -> Words {
        Words::new(speaking(Language::En))
    }

    fn row(id: i64) -> PendingHandoff {
        PendingHandoff {
            handoff_id: id,
            customer_id: id * 10,
            customer_name: format!("Customer {id}"),
            username: format!("c{id}@example.com"),
            reason: HandoffReason::NewCustomer,
            created_by: "Olivia Owner".to_owned(),
            created_at: "2026-01-01T10:00:00Z".to_owned(),
            expires_at: "2026-01-08T10:00:00Z".to_owned(),
            current_email: None,
            you_can_open: true,
            an_owner_can_open: true,
        }
    }

    fn loaded(ids: &[i64]) -> Rc<HandoffQueue> {
        let queue = Rc::new(HandoffQueue::default());
        let seq = queue.load.seq;
        queue.reduce(QueueAction::Loaded {
            seq,
            result: Ok(ids.iter().map(|&id| row(id)).collect()),
        })
    }

    fn revealed(id: i64, seconds: u32) -> RevealedPassword {
        RevealedPassword {
            handoff_id: id,
            username: format!("c{id}@example.com"),
            password: "Xy7-secret".to_owned(),
            hide_after_seconds: seconds,
        }
    }

    #[test]
    fn a_stale_answer_is_dropped() {
        let queue = Rc::new(HandoffQueue::default()).reduce(QueueAction::Reload);
        let stale = queue.clone().reduce(QueueAction::Loaded {
            seq: 1,
            result: Ok(vec![row(1)]),
        });
        assert!(stale.rows.is_empty());
        assert!(stale.load.is_loading());
    }

    #[test]
    fn a_revealed_password_hides_itself_after_its_time() {
        let queue = loaded(&[1, 2]).reduce(QueueAction::Revealed {
            result: Ok(revealed(2, 20)),
            now_ms: 1_000.0,
        });
        assert!(queue.shown_for(2).is_some());
        assert!(queue.shown_for(1).is_none());
        let queue = queue.reduce(QueueAction::Tick(20_999.0));
        assert!(queue.shown_for(2).is_some());
        let queue = queue.reduce(QueueAction::Tick(21_000.0));
        assert!(queue.shown.is_none());
    }

    #[test]
    fn the_clipboard_toast_counts_down_then_says_cleared() {
        let queue = loaded(&[1]).reduce(QueueAction::Copied {
            copied: Copied::Password,
            result: Ok(ClipboardCopy {
                clear_after_seconds: 30,
            }),
            now_ms: 0.0,
        });
        let toast = queue.toast.clone().unwrap();
        let en = english();
        assert_eq!(
            toast.text(&en, 500.0),
            "Password copied · Clipboard clears in 30 s"
        );
        assert_eq!(
            toast.text(&en, 1_200.0),
            "Password copied · Clipboard clears in 29 s"
        );
        let queue = queue.reduce(QueueAction::ClipboardCleared(30_000.0));
        assert_eq!(
            queue.toast.as_ref().unwrap().text(&en, 30_000.0),
            "Clipboard cleared"
        );
        let queue = queue.reduce(QueueAction::Tick(34_000.0));
        assert!(queue.toast.is_none());
    }

    #[test]
    fn a_clipboard_never_cleared_says_so() {
        let queue = loaded(&[1]).reduce(QueueAction::Copied {
            copied: Copied::Username,
            result: Ok(ClipboardCopy {
                clear_after_seconds: 0,
            }),
            now_ms: 0.0,
        });
        let text = queue.toast.as_ref().unwrap().text(&english(), 99_000.0);
        assert!(text.starts_with("Username copied"), "{text}");
        assert!(text.contains("not cleared"), "{text}");
    }

    #[test]
    fn marking_sent_removes_the_row_and_forgets_its_password() {
        let queue = loaded(&[1, 2])
            .reduce(QueueAction::Revealed {
                result: Ok(revealed(1, 20)),
                now_ms: 0.0,
            })
            .reduce(QueueAction::AskMarkSent(1))
            .reduce(QueueAction::Channel(HandoffChannel::Whatsapp))
            .reduce(QueueAction::Note("  on the phone after ".to_owned()));
        let request = MarkHandoffSentRequest {
            handoff_id: 1,
            channel: HandoffChannel::Whatsapp,
            note: "on the phone after".to_owned(),
        };
        assert_eq!(queue.confirmed(), Some(Confirmed::MarkSent(request)));
        let queue = queue.reduce(QueueAction::Confirm);
        assert!(queue.dialog.as_ref().unwrap().busy);
        // Esc while it runs does not close the dialog.
        let queue = queue.reduce(QueueAction::CancelDialog);
        assert!(queue.dialog.is_some());
        let seq = queue.load.seq;
        let queue = queue.reduce(QueueAction::MarkedSent(Ok(())));
        assert!(queue.dialog.is_none());
        assert!(queue.shown.is_none());
        assert_eq!(queue.rows.len(), 1);
        assert_eq!(queue.load.seq, seq + 1);
    }

    #[test]
    fn a_login_mail_goes_to_the_username_unless_the_current_email_is_chosen() {
        let mut moved = row(2);
        moved.current_email = Some("new2@example.com".to_owned());
        let queue = Rc::new(HandoffQueue::default());
        let seq = queue.load.seq;
        let queue = queue
            .reduce(QueueAction::Loaded {
                seq,
                result: Ok(vec![row(1), moved]),
            })
            .reduce(QueueAction::AskSendMail(2));
        let mail_to = |address: &str| {
            Some(Confirmed::SendMail(SendHandoffMailRequest {
                handoff_id: 2,
                welcome_message: String::new(),
                recipient: Some(address.to_owned()),
            }))
        };
        assert_eq!(queue.confirmed(), mail_to("c2@example.com"));
        let queue = queue.reduce(QueueAction::Recipient("new2@example.com".to_owned()));
        assert_eq!(queue.confirmed(), mail_to("new2@example.com"));
        let queue = queue.reduce(QueueAction::Confirm);
        // Busy: neither the address nor Esc changes anything.
        let queue = queue
            .reduce(QueueAction::Recipient("c2@example.com".to_owned()))
            .reduce(QueueAction::CancelDialog);
        assert_eq!(
            queue.dialog.as_ref().unwrap().kind,
            DialogKind::SendMail {
                recipient: "new2@example.com".to_owned()
            }
        );
        let queue = queue.reduce(QueueAction::MailQueued(Err("refused".to_owned())));
        assert_eq!(
            queue.dialog.as_ref().unwrap().error.as_deref(),
            Some("refused")
        );
        let queue = queue
            .reduce(QueueAction::Confirm)
            .reduce(QueueAction::MailQueued(Ok("new2@example.com".to_owned())));
        assert!(queue.dialog.is_none());
        assert_eq!(queue.mailed.as_deref(), Some("new2@example.com"));
        // The handoff stays in the queue until the server accepts the mail.
        assert_eq!(queue.rows.len(), 2);
    }

    #[test]
    fn a_note_too_long_is_refused_before_sending() {
        let queue = loaded(&[1])
            .reduce(QueueAction::AskMarkSent(1))
            .reduce(QueueAction::Note("x".repeat(MAX_NOTE_CHARS + 1)));
        let dialog = queue.dialog.as_ref().unwrap();
        assert!(dialog.note_too_long);
        assert_eq!(
            dialog.said(&english()).error.as_deref(),
            Some("At most 500 characters.")
        );
        let queue = queue.reduce(QueueAction::Confirm);
        assert!(!queue.dialog.as_ref().unwrap().busy);
    }

    #[test]
    fn a_failed_revoke_closes_the_dialog_and_says_why() {
        let queue = loaded(&[1])
            .reduce(QueueAction::AskRevoke(1))
            .reduce(QueueAction::Confirm)
            .reduce(QueueAction::Revoked(Err("gone".to_owned())));
        assert!(queue.dialog.is_none());
        assert_eq!(queue.error.as_deref(), Some("gone"));
        assert_eq!(queue.rows.len(), 1);
    }

    #[test]
    fn a_reload_without_the_row_drops_its_dialogs() {
        let queue = loaded(&[1, 2])
            .reduce(QueueAction::AskRevoke(2))
            .reduce(QueueAction::Reload);
        let seq = queue.load.seq;
        let queue = queue.reduce(QueueAction::Loaded {
            seq,
            result: Ok(vec![row(1)]),
        });
        assert!(queue.dialog.is_none());
    }

    #[test]
    fn expiry_is_soon_under_a_day_and_seconds_round_up() {
        assert!(expires_soon(3_600_000.0));
        assert!(!expires_soon(2.0 * 86_400_000.0));
        assert_eq!(seconds_left(2_500.0, 0.0), 3);
        assert_eq!(seconds_left(0.0, 5_000.0), 0);
    }
}
