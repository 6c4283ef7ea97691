//! One customer on show: loading it, archiving or restoring it, and taking in edits.

use std::rc::Rc;

use keydesk_api::{Customer, CustomerStatus, Error, ErrorCode};
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailStatus {
    Loading,
    Loaded(Box<Customer>),
    /// Not there, or not linked to the person (agents see only their own customers).
    NotFound,
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerDetail {
    pub id: i64,
    pub status: DetailStatus,
    /// Bumped when the customer must be (re)loaded.
    pub load_seq: u64,
    /// The archive confirmation is on show.
    pub confirm_archive: bool,
    /// An archive or restore is running.
    pub archiving: bool,
    /// Bumped when an archive or restore is sent; carries the wanted state.
    pub archive_seq: u64,
    pub archive_to: bool,
    pub error: Option<String>,
}

pub enum DetailAction {
    Reload,
    Loaded {
        seq: u64,
        customer: Box<Customer>,
    },
    LoadFailed {
        seq: u64,
        error: Error,
    },
    AskArchive,
    CancelArchive,
    /// Archive (after the confirmation) or restore (at once).
    SetArchived(bool),
    ArchiveDone {
        seq: u64,
        customer: Box<Customer>,
    },
    ArchiveFailed {
        seq: u64,
        message: String,
    },
    /// The customer as an edit (or a reload) left it.
    Changed(Box<Customer>),
    DismissError,
}

impl CustomerDetail {
    pub fn new(id: i64) -> Self {
        Self {
            id,
            status: DetailStatus::Loading,
            load_seq: 1,
            confirm_archive: false,
            archiving: false,
            archive_seq: 0,
            archive_to: false,
            error: None,
        }
    }

    pub fn customer(&self) -> Option<&Customer> {
        match &self.status {
            DetailStatus::Loaded(customer) => Some(customer),
            _ => None,
        }
    }

    pub fn is_archived(&self) -> bool {
        self.customer()
            .is_some_and(|c| c.status == CustomerStatus::Archived)
    }
}

impl Reducible for CustomerDetail {
    type Action = DetailAction;

    fn reduce(self: Rc<Self>, action: DetailAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            DetailAction::Reload => {
                next.load_seq += 1;
                if next.customer().is_none() {
                    next.status = DetailStatus::Loading;
                }
                next.into()
            }
            DetailAction::Loaded { seq, customer } => {
                if seq != next.load_seq || customer.id != next.id {
                    return self;
                }
                next.status = DetailStatus::Loaded(customer);
                next.into()
            }
            DetailAction::LoadFailed { seq, error } => {
                if seq != next.load_seq {
                    return self;
                }
                next.status = match error.code {
                    ErrorCode::Conflict | ErrorCode::Forbidden => DetailStatus::NotFound,
                    _ => DetailStatus::Failed(error.message),
                };
                next.into()
            }
            DetailAction::AskArchive => {
                if next.customer().is_none() || next.is_archived() || next.archiving {
                    return self;
                }
                next.confirm_archive = true;
                next.into()
            }
            DetailAction::CancelArchive => {
                if next.archiving {
                    return self;
                }
                next.confirm_archive = false;
                next.into()
            }
            DetailAction::SetArchived(archived) => {
                if next.archiving || next.customer().is_none() {
                    return self;
                }
                next.archiving = true;
                next.archive_to = archived;
                next.archive_seq += 1;
                next.error = None;
                next.into()
            }
            DetailAction::ArchiveDone { seq, customer } => {
                if seq != next.archive_seq {
                    return self;
                }
                next.archiving = false;
                next.confirm_archive = false;
                next.status = DetailStatus::Loaded(customer);
                next.into()
            }
            DetailAction::ArchiveFailed { seq, message } => {
                if seq != next.archive_seq {
                    return self;
                }
                next.archiving = false;
                next.confirm_archive = false;
                next.error = Some(message);
                next.into()
            }
            DetailAction::Changed(customer) => {
                if customer.id != next.id {
                    return self;
                }
                next.status = DetailStatus::Loaded(customer);
                next.into()
            }
            DetailAction::DismissError => {
                next.error = None;
                next.into()
            }
        }
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
            version: 1,
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
            agents: Vec::new(),
        })
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
                customer: customer(5, CustomerStatus::Active),
            },
        );
        assert_eq!(stale, state);
        let state = reduce(
            state,
            DetailAction::Loaded {
                seq: 2,
                customer: customer(5, CustomerStatus::Active),
            },
        );
        assert_eq!(state.customer().map(|c| c.id), Some(5));
    }

    #[test]
    fn a_customer_one_may_not_see_reads_as_not_found() {
        let state = reduce(
            CustomerDetail::new(5),
            DetailAction::LoadFailed {
                seq: 1,
                error: Error::new(ErrorCode::Conflict, "No such customer."),
            },
        );
        assert_eq!(state.status, DetailStatus::NotFound);
        let failed = reduce(
            CustomerDetail::new(5),
            DetailAction::LoadFailed {
                seq: 1,
                error: Error::new(ErrorCode::Internal, "Disk full."),
            },
        );
        assert_eq!(failed.status, DetailStatus::Failed("Disk full.".into()));
    }

    #[test]
    fn archiving_asks_first_and_restoring_does_not() {
        let state = reduce(
            CustomerDetail::new(5),
            DetailAction::Loaded {
                seq: 1,
                customer: customer(5, CustomerStatus::Active),
            },
        );
        let state = reduce(state, DetailAction::AskArchive);
        assert!(state.confirm_archive);
        let state = reduce(state, DetailAction::SetArchived(true));
        assert!(state.archiving && state.archive_to);
        let seq = state.archive_seq;
        let state = reduce(
            state,
            DetailAction::ArchiveDone {
                seq,
                customer: customer(5, CustomerStatus::Archived),
            },
        );
        assert!(!state.confirm_archive && !state.archiving);
        assert!(state.is_archived());
        let asked = reduce(state.clone(), DetailAction::AskArchive);
        assert!(!asked.confirm_archive, "already archived");

        let state = reduce(state, DetailAction::SetArchived(false));
        let seq = state.archive_seq;
        let state = reduce(
            state,
            DetailAction::ArchiveFailed {
                seq,
                message: "No.".into(),
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
                customer: customer(5, CustomerStatus::Active),
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
}
