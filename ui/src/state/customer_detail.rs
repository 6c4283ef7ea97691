//! One customer on show: loading it and its history, archiving or restoring it, taking
//! in edits, the relationship notes of its links to staff, and erasing it.

use std::rc::Rc;

use keydesk_api::{AuditEntry, Customer, CustomerStatus, Error, ErrorCode, LinkedAgent};
use yew::prelude::*;

use super::remote::{Remote, Request};
use super::update::{self, ensure};

/// The relationship notes of one link, being edited in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesEdit {
    pub staff_id: i64,
    pub text: String,
    pub error: Option<String>,
}

/// The erase dialog: what has been typed to confirm, and how the erase went.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EraseDialog {
    pub typed: String,
    /// The shell refused the confirmation.
    pub error: Option<String>,
    /// Something else went wrong.
    pub banner: Option<String>,
}

/// Whether `typed` repeats the customer's email (as the shell compares it: trimmed,
/// any case).
pub fn confirms_erase(typed: &str, email: &str) -> bool {
    typed.trim().eq_ignore_ascii_case(email.trim()) && !email.trim().is_empty()
}

/// Who may change the notes of a link: those who see every customer change any link,
/// the others only their own.
pub fn may_edit_notes(agent: &LinkedAgent, own_staff_id: i64, sees_all: bool) -> bool {
    sees_all || agent.staff_id == own_staff_id
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomerDetail {
    pub id: i64,
    /// The customer, or `None` when it is not there or not linked to the person (agents
    /// see only their own customers); its `seq` is bumped when it must be (re)loaded.
    pub load: Request<Option<Box<Customer>>>,
    /// The archive confirmation is on show.
    pub confirm_archive: bool,
    /// An archive or restore, to the state in `archive_to`.
    pub archive: Request<()>,
    pub archive_to: bool,
    pub error: Option<String>,
    /// Asked for on show, and again after every change.
    pub history: Request<Vec<AuditEntry>>,
    pub notes: Option<NotesEdit>,
    /// The notes on show being saved.
    pub save_notes: Request<()>,
    pub erase: Option<EraseDialog>,
    /// The erase confirmed in the dialog.
    pub erasing: Request<()>,
}

pub enum DetailAction {
    Reload,
    Loaded {
        seq: u64,
        result: Result<Box<Customer>, Error>,
    },
    AskArchive,
    CancelArchive,
    /// Archive (after the confirmation) or restore (at once).
    SetArchived(bool),
    ArchiveDone {
        seq: u64,
        result: Result<Box<Customer>, String>,
    },
    /// The customer as an edit (or a reload) left it.
    Changed(Box<Customer>),
    DismissError,
    HistoryLoaded {
        seq: u64,
        result: Result<Vec<AuditEntry>, String>,
    },
    /// Start editing the notes of the link with this staff member.
    EditNotes(i64),
    NotesTyped(String),
    SaveNotes,
    NotesSaved {
        seq: u64,
        result: Result<Box<Customer>, String>,
    },
    CancelNotes,
    AskErase,
    EraseTyped(String),
    /// Erase, if what was typed confirms it.
    Erase,
    EraseFailed {
        seq: u64,
        error: Error,
    },
    CancelErase,
}

impl CustomerDetail {
    pub fn new(id: i64) -> Self {
        Self {
            id,
            load: Request::started(),
            history: Request::started(),
            ..Self::default()
        }
    }

    /// Whether the erase dialog holds a confirmation that matches (and is not running).
    pub fn may_erase(&self) -> bool {
        let (Some(erase), Some(customer)) = (&self.erase, self.customer()) else {
            return false;
        };
        !self.erasing.is_loading() && confirms_erase(&erase.typed, &customer.email)
    }

    /// The customer as a change made here left it; the history now says more.
    fn show_changed(&mut self, customer: Box<Customer>) -> Option<()> {
        ensure!(customer.id == self.id);
        self.load.remote = Remote::Loaded(Some(customer));
        self.history.refresh();
        Some(())
    }

    pub fn customer(&self) -> Option<&Customer> {
        self.load.remote.loaded().and_then(|c| c.as_deref())
    }

    pub fn is_archived(&self) -> bool {
        self.customer()
            .is_some_and(|c| c.status == CustomerStatus::Archived)
    }

    fn update(&mut self, action: DetailAction) -> Option<()> {
        match action {
            DetailAction::Reload => {
                if self.customer().is_some() {
                    self.load.refresh();
                } else {
                    self.load.start();
                }
                self.history.refresh();
            }
            DetailAction::Loaded { seq, result } => {
                ensure!(seq == self.load.seq);
                self.load.remote = match result {
                    Ok(customer) => {
                        ensure!(customer.id == self.id);
                        Remote::Loaded(Some(customer))
                    }
                    Err(error) => match error.code {
                        ErrorCode::Conflict | ErrorCode::Forbidden => Remote::Loaded(None),
                        _ => Remote::Failed(error.message),
                    },
                };
            }
            DetailAction::AskArchive => {
                ensure!(
                    self.customer().is_some() && !self.is_archived() && !self.archive.is_loading()
                );
                self.confirm_archive = true;
            }
            DetailAction::CancelArchive => {
                ensure!(!self.archive.is_loading());
                self.confirm_archive = false;
            }
            DetailAction::SetArchived(archived) => {
                ensure!(!self.archive.is_loading() && self.customer().is_some());
                self.archive.start();
                self.archive_to = archived;
                self.error = None;
            }
            DetailAction::ArchiveDone { seq, result } => {
                ensure!(self.archive.answered(seq));
                self.confirm_archive = false;
                match result {
                    Ok(customer) => self.show_changed(customer)?,
                    Err(message) => self.error = Some(message),
                }
            }
            DetailAction::Changed(customer) => self.show_changed(customer)?,
            DetailAction::DismissError => self.error = None,
            DetailAction::HistoryLoaded { seq, result } => {
                ensure!(self.history.finish(seq, result))
            }
            DetailAction::EditNotes(staff_id) => {
                ensure!(!self.save_notes.is_loading());
                let customer = self.customer()?;
                let agent = customer.agents.iter().find(|a| a.staff_id == staff_id)?;
                self.notes = Some(NotesEdit {
                    staff_id,
                    text: agent.notes.clone(),
                    error: None,
                });
            }
            DetailAction::NotesTyped(text) => {
                ensure!(!self.save_notes.is_loading());
                let notes = self.notes.as_mut()?;
                notes.text = text;
                notes.error = None;
            }
            DetailAction::SaveNotes => {
                ensure!(!self.save_notes.is_loading());
                self.notes.as_mut()?.error = None;
                self.save_notes.start();
            }
            DetailAction::NotesSaved { seq, result } => {
                ensure!(self.save_notes.answered(seq));
                match result {
                    Ok(customer) => {
                        self.notes = None;
                        self.show_changed(customer)?;
                    }
                    Err(message) => self.notes.as_mut()?.error = Some(message),
                }
            }
            DetailAction::CancelNotes => {
                ensure!(self.notes.is_some() && !self.save_notes.is_loading());
                self.notes = None;
            }
            DetailAction::AskErase => {
                ensure!(self.customer().is_some() && self.erase.is_none());
                self.erase = Some(EraseDialog::default());
            }
            DetailAction::EraseTyped(typed) => {
                ensure!(!self.erasing.is_loading());
                let erase = self.erase.as_mut()?;
                erase.typed = typed;
                erase.error = None;
            }
            DetailAction::Erase => {
                ensure!(self.may_erase());
                let erase = self.erase.as_mut()?;
                erase.error = None;
                erase.banner = None;
                self.erasing.start();
            }
            DetailAction::EraseFailed { seq, error } => {
                ensure!(self.erasing.answered(seq));
                let erase = self.erase.as_mut()?;
                if error.field.as_deref() == Some("confirmation") {
                    erase.error = Some(error.message);
                } else {
                    erase.banner = Some(error.message);
                }
            }
            DetailAction::CancelErase => {
                ensure!(self.erase.is_some() && !self.erasing.is_loading());
                self.erase = None;
            }
        }
        Some(())
    }
}

impl Reducible for CustomerDetail {
    type Action = DetailAction;

    fn reduce(self: Rc<Self>, action: DetailAction) -> Rc<Self> {
        update::apply(self, |next| next.update(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::Tier;

    fn customer(id: i64, status: CustomerStatus) -> Box<Customer> {
        Box::new(Customer {
            id,
            email: "ann@example.com".into(),
            first_name: "Ann".into(),
            last_name: "Smith".into(),
            phone: None,
            company: None,
            address: None,
            city: None,
            country: None,
            birth_date: None,
            preferred_language: None,
            contact_method: None,
            status,
            tier: Tier::Bronze,
            notes: String::new(),
            marketing_consent: false,
            gender: None,
            special_requirements: String::new(),
            version: 1,
            number: None,
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
            updated_by: "owner@agency.test".into(),
            agents: vec![agent(1, "met at the fair"), agent(2, "")],
            account: None,
        })
    }

    fn agent(staff_id: i64, notes: &str) -> LinkedAgent {
        LinkedAgent {
            staff_id,
            display_name: format!("Agent {staff_id}"),
            created_it: staff_id == 1,
            linked_at: "2026-01-01T00:00:00Z".into(),
            notes: notes.into(),
        }
    }

    fn reduce(state: CustomerDetail, action: DetailAction) -> CustomerDetail {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn loads_and_ignores_stale_answers() {
        let state = CustomerDetail::new(5);
        let state = reduce(state, DetailAction::Reload);
        let stale = reduce(
            state.clone(),
            DetailAction::Loaded {
                seq: 1,
                result: Ok(customer(5, CustomerStatus::Active)),
            },
        );
        assert_eq!(stale, state);
        let state = reduce(
            state,
            DetailAction::Loaded {
                seq: 2,
                result: Ok(customer(5, CustomerStatus::Active)),
            },
        );
        assert_eq!(state.customer().map(|c| c.id), Some(5));
    }

    #[test]
    fn a_customer_one_may_not_see_reads_as_not_found() {
        let state = reduce(
            CustomerDetail::new(5),
            DetailAction::Loaded {
                seq: 1,
                result: Err(Error::new(ErrorCode::Conflict, "No such customer.")),
            },
        );
        assert_eq!(state.load.remote, Remote::Loaded(None), "not found");
        let failed = reduce(
            CustomerDetail::new(5),
            DetailAction::Loaded {
                seq: 1,
                result: Err(Error::new(ErrorCode::Internal, "Disk full.")),
            },
        );
        assert_eq!(failed.load.remote.failure(), Some("Disk full."));
    }

    #[test]
    fn archiving_asks_first_and_restoring_does_not() {
        let state = reduce(
            CustomerDetail::new(5),
            DetailAction::Loaded {
                seq: 1,
                result: Ok(customer(5, CustomerStatus::Active)),
            },
        );
        let state = reduce(state, DetailAction::AskArchive);
        assert!(state.confirm_archive);
        let state = reduce(state, DetailAction::SetArchived(true));
        assert!(state.archive.is_loading() && state.archive_to);
        let seq = state.archive.seq;
        let state = reduce(
            state,
            DetailAction::ArchiveDone {
                seq,
                result: Ok(customer(5, CustomerStatus::Archived)),
            },
        );
        assert!(!state.confirm_archive && !state.archive.is_loading());
        assert!(state.is_archived());
        let asked = reduce(state.clone(), DetailAction::AskArchive);
        assert!(!asked.confirm_archive, "already archived");

        let state = reduce(state, DetailAction::SetArchived(false));
        let seq = state.archive.seq;
        let state = reduce(
            state,
            DetailAction::ArchiveDone {
                seq,
                result: Err("No.".into()),
            },
        );
        assert_eq!(state.error.as_deref(), Some("No."));
        assert!(state.is_archived());
    }

    #[test]
    fn an_edit_replaces_the_customer_on_show() {
        let state = reduce(
            CustomerDetail::new(5),
            DetailAction::Loaded {
                seq: 1,
                result: Ok(customer(5, CustomerStatus::Active)),
            },
        );
        let mut edited = customer(5, CustomerStatus::Active);
        edited.first_name = "Anne".into();
        let state = reduce(state, DetailAction::Changed(edited));
        assert_eq!(
            state.customer().map(|c| c.first_name.as_str()),
            Some("Anne")
        );
        let other = reduce(
            state.clone(),
            DetailAction::Changed(customer(6, CustomerStatus::Active)),
        );
        assert_eq!(other, state);
    }

    fn notes_of(state: &CustomerDetail, staff_id: i64) -> Option<&NotesEdit> {
        state.notes.as_ref().filter(|n| n.staff_id == staff_id)
    }

    fn loaded() -> CustomerDetail {
        reduce(
            CustomerDetail::new(5),
            DetailAction::Loaded {
                seq: 1,
                result: Ok(customer(5, CustomerStatus::Active)),
            },
        )
    }

    fn entry(id: i64) -> AuditEntry {
        AuditEntry {
            id,
            at: "2026-01-01T00:00:00Z".into(),
            actor: "owner@agency.test".into(),
            action: "customer.edited".into(),
            action_label: "Customer edited".into(),
            detail: format!("customer #5 ({id})"),
        }
    }

    #[test]
    fn the_history_loads_and_reloads_after_every_change() {
        let state = loaded();
        assert!(state.history.is_loading());
        let seq = state.history.seq;
        let state = reduce(
            state,
            DetailAction::HistoryLoaded {
                seq,
                result: Ok(vec![entry(2), entry(1)]),
            },
        );
        assert!(matches!(&state.history.remote, Remote::Loaded(e) if e.len() == 2));

        let edited = reduce(
            state.clone(),
            DetailAction::Changed(customer(5, CustomerStatus::Active)),
        );
        assert_eq!(edited.history.seq, seq + 1, "an edit");
        let late = reduce(
            edited.clone(),
            DetailAction::HistoryLoaded {
                seq,
                result: Ok(Vec::new()),
            },
        );
        assert_eq!(late, edited, "an answer for the history before the edit");

        let archived = reduce(state.clone(), DetailAction::SetArchived(true));
        let archive_seq = archived.archive.seq;
        let archived = reduce(
            archived,
            DetailAction::ArchiveDone {
                seq: archive_seq,
                result: Ok(customer(5, CustomerStatus::Archived)),
            },
        );
        assert_eq!(archived.history.seq, seq + 1, "an archive");

        let noted = reduce(state, DetailAction::EditNotes(2));
        let noted = reduce(noted, DetailAction::SaveNotes);
        let notes_seq = noted.save_notes.seq;
        let noted = reduce(
            noted,
            DetailAction::NotesSaved {
                seq: notes_seq,
                result: Ok(customer(5, CustomerStatus::Active)),
            },
        );
        assert_eq!(noted.history.seq, seq + 1, "a notes change");
        let failed = reduce(
            noted.clone(),
            DetailAction::HistoryLoaded {
                seq: seq + 1,
                result: Err("Disk full.".into()),
            },
        );
        assert_eq!(failed.history.remote.failure(), Some("Disk full."));
    }

    #[test]
    fn notes_are_edited_from_what_is_stored_and_errors_keep_the_text() {
        let state = reduce(loaded(), DetailAction::EditNotes(1));
        assert_eq!(
            notes_of(&state, 1).map(|n| n.text.as_str()),
            Some("met at the fair")
        );
        assert!(notes_of(&state, 2).is_none());
        let state = reduce(state, DetailAction::NotesTyped("met twice".into()));
        let state = reduce(state, DetailAction::SaveNotes);
        assert!(notes_of(&state, 1).is_some() && state.save_notes.is_loading());
        let typing = reduce(state.clone(), DetailAction::NotesTyped("x".into()));
        assert_eq!(typing, state, "no typing while saving");
        let cancel = reduce(state.clone(), DetailAction::CancelNotes);
        assert_eq!(cancel, state, "no cancel while saving");
        let other = reduce(state.clone(), DetailAction::EditNotes(2));
        assert_eq!(other, state, "no other link while saving");

        let seq = state.save_notes.seq;
        let refused = reduce(
            state,
            DetailAction::NotesSaved {
                seq,
                result: Err("You can only change the notes of your own link.".into()),
            },
        );
        let notes = notes_of(&refused, 1).expect("still editing");
        assert!(!refused.save_notes.is_loading());
        assert_eq!(notes.text, "met twice");
        assert_eq!(
            notes.error.as_deref(),
            Some("You can only change the notes of your own link.")
        );
        let cancelled = reduce(refused, DetailAction::CancelNotes);
        assert_eq!(cancelled.notes, None);
        let unknown = reduce(cancelled.clone(), DetailAction::EditNotes(99));
        assert_eq!(unknown, cancelled, "no such link");
    }

    #[test]
    fn who_may_edit_which_notes() {
        let own = agent(1, "");
        let other = agent(2, "");
        assert!(may_edit_notes(&own, 1, false));
        assert!(!may_edit_notes(&other, 1, false));
        assert!(may_edit_notes(&other, 1, true));
    }

    #[test]
    fn erasing_needs_the_email_typed_and_shows_a_refusal_by_the_field() {
        let state = reduce(loaded(), DetailAction::AskErase);
        assert!(state.erase.is_some());
        let early = reduce(state.clone(), DetailAction::Erase);
        assert_eq!(early, state, "nothing typed yet");
        let state = reduce(state, DetailAction::EraseTyped("ann@example".into()));
        assert!(!state.may_erase());
        let state = reduce(state, DetailAction::EraseTyped(" Ann@Example.com ".into()));
        assert!(state.may_erase(), "trimmed, any case");
        let state = reduce(state, DetailAction::Erase);
        assert!(state.erase.is_some() && state.erasing.is_loading());
        assert_eq!(state.erasing.seq, 1);
        let twice = reduce(state.clone(), DetailAction::Erase);
        assert_eq!(twice.erasing.seq, 1, "sent once");
        let cancel = reduce(state.clone(), DetailAction::CancelErase);
        assert_eq!(cancel, state, "no cancel while erasing");

        let refused = reduce(
            state.clone(),
            DetailAction::EraseFailed {
                seq: 1,
                error: Error::for_field(
                    "confirmation",
                    "Type the customer's email exactly to confirm.",
                ),
            },
        );
        let erase = refused.erase.clone().expect("still open");
        assert!(!refused.erasing.is_loading());
        assert_eq!(
            erase.error.as_deref(),
            Some("Type the customer's email exactly to confirm.")
        );
        let forbidden = reduce(
            state,
            DetailAction::EraseFailed {
                seq: 1,
                error: Error::new(ErrorCode::Forbidden, "Only owners erase customers."),
            },
        );
        let erase = forbidden.erase.clone().expect("still open");
        assert_eq!(
            erase.banner.as_deref(),
            Some("Only owners erase customers.")
        );
        assert_eq!(erase.error, None);
        let closed = reduce(forbidden, DetailAction::CancelErase);
        assert_eq!(closed.erase, None);
        assert!(confirms_erase("a@b.c", "A@B.C"));
        assert!(!confirms_erase("", ""));
    }
}
