//! The Mail card of a customer: their mails, the welcome mail and the verification code.

use std::rc::Rc;

use keydesk_api::{Error, OutboxMail};
use yew::prelude::*;

use super::remote::Request;
use super::update::{self, ensure};

/// What the card is doing right now (one thing at a time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailTask {
    SendWelcome,
    SendCode,
    CheckCode,
}

/// Why the code typed cannot be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    /// Not six digits: not worth asking the shell.
    Incomplete,
    /// The shell's answer.
    Refused(String),
}

/// A task that went through: which, and the address its mail went to (none for a
/// checked code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub task: MailTask,
    pub recipient: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomerMails {
    pub mails: Request<Vec<OutboxMail>>,
    /// The welcome form is open, with its optional message.
    pub welcome_open: bool,
    pub welcome_message: String,
    pub code: String,
    pub code_error: Option<CodeError>,
    pub busy: Option<MailTask>,
    pub task_seq: u64,
    /// What the last task came to, or why it failed.
    pub outcome: Option<Result<Done, String>>,
}

pub enum CustomerMailsAction {
    Reload,
    Loaded {
        seq: u64,
        result: Result<Vec<OutboxMail>, String>,
    },
    OpenWelcome,
    CloseWelcome,
    EditWelcome(String),
    EditCode(String),
    Start(MailTask),
    /// The task is over: the address its mail went to, or why not.
    Done {
        task: MailTask,
        result: Result<String, Error>,
    },
    Dismiss,
}

impl CustomerMails {
    pub fn new() -> Self {
        Self {
            mails: Request::started(),
            ..Self::default()
        }
    }

    /// The code as the shell takes it: digits only.
    /// The code as typed, without spaces; Persian digits (a Persian keyboard) read as 0–9.
    pub fn code_digits(&self) -> String {
        keydesk_api::Language::ascii_digits(&self.code)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    }

    fn update(&mut self, action: CustomerMailsAction) -> Option<()> {
        match action {
            CustomerMailsAction::Reload => self.mails.refresh(),
            CustomerMailsAction::Loaded { seq, result } => ensure!(self.mails.finish(seq, result)),
            CustomerMailsAction::OpenWelcome => {
                self.welcome_open = true;
                self.outcome = None;
            }
            CustomerMailsAction::CloseWelcome => {
                ensure!(self.busy != Some(MailTask::SendWelcome));
                self.welcome_open = false;
            }
            CustomerMailsAction::EditWelcome(text) => self.welcome_message = text,
            CustomerMailsAction::EditCode(code) => {
                self.code = code;
                self.code_error = None;
            }
            CustomerMailsAction::Start(task) => {
                ensure!(self.busy.is_none());
                if task == MailTask::CheckCode {
                    let digits = self.code_digits();
                    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
                        self.code_error = Some(CodeError::Incomplete);
                        return Some(());
                    }
                }
                self.busy = Some(task);
                self.task_seq += 1;
                self.outcome = None;
            }
            CustomerMailsAction::Done { task, result } => {
                ensure!(self.busy == Some(task));
                self.busy = None;
                match result {
                    Ok(recipient) => {
                        self.outcome = Some(Ok(Done { task, recipient }));
                        match task {
                            MailTask::SendWelcome => {
                                self.welcome_open = false;
                                self.welcome_message.clear();
                            }
                            MailTask::CheckCode => self.code.clear(),
                            MailTask::SendCode => {}
                        }
                        self.mails.refresh();
                    }
                    Err(error)
                        if task == MailTask::CheckCode
                            && error.field.as_deref() == Some("code") =>
                    {
                        self.code_error = Some(CodeError::Refused(error.message));
                    }
                    Err(error) => self.outcome = Some(Err(error.message)),
                }
            }
            CustomerMailsAction::Dismiss => self.outcome = None,
        }
        Some(())
    }
}

impl Reducible for CustomerMails {
    type Action = CustomerMailsAction;

    fn reduce(self: Rc<Self>, action: CustomerMailsAction) -> Rc<Self> {
        update::apply(self, |next| next.update(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::ErrorCode;

    #[test]
    fn a_code_must_be_six_digits_before_it_goes_out() {
        let s = Rc::new(CustomerMails::new())
            .reduce(CustomerMailsAction::EditCode("12 34".into()))
            .reduce(CustomerMailsAction::Start(MailTask::CheckCode));
        assert_eq!(s.busy, None);
        assert_eq!(s.code_error, Some(CodeError::Incomplete));
        let s = s
            .reduce(CustomerMailsAction::EditCode("123 456".into()))
            .reduce(CustomerMailsAction::Start(MailTask::CheckCode));
        assert_eq!(s.code_digits(), "123456");
        assert_eq!(s.busy, Some(MailTask::CheckCode));
        assert_eq!(s.task_seq, 1);
        // Typed with a Persian keyboard: the same six digits.
        let persian = Rc::new(CustomerMails::new())
            .reduce(CustomerMailsAction::EditCode("۱۲۳ ۴۵۶".into()))
            .reduce(CustomerMailsAction::Start(MailTask::CheckCode));
        assert_eq!(persian.code_error, None);
        assert_eq!(persian.code_digits(), "123456");
    }

    #[test]
    fn a_wrong_code_lands_on_the_field_and_other_errors_in_the_banner() {
        let s = Rc::new(CustomerMails::new())
            .reduce(CustomerMailsAction::EditCode("123456".into()))
            .reduce(CustomerMailsAction::Start(MailTask::CheckCode))
            .reduce(CustomerMailsAction::Done {
                task: MailTask::CheckCode,
                result: Err(Error::for_field(
                    "code",
                    "That code is not right; 4 tries left.",
                )),
            });
        assert_eq!(
            s.code_error,
            Some(CodeError::Refused(
                "That code is not right; 4 tries left.".into()
            ))
        );
        assert_eq!(s.outcome, None);
        let s = s
            .reduce(CustomerMailsAction::Start(MailTask::SendCode))
            .reduce(CustomerMailsAction::Done {
                task: MailTask::SendCode,
                result: Err(Error::new(
                    ErrorCode::Conflict,
                    "Wait a minute before sending another code.",
                )),
            });
        assert!(matches!(&s.outcome, Some(Err(e)) if e.contains("Wait a minute")));
    }

    #[test]
    fn sending_the_welcome_closes_the_form_and_reloads_the_timeline() {
        let s = Rc::new(CustomerMails::new())
            .reduce(CustomerMailsAction::OpenWelcome)
            .reduce(CustomerMailsAction::EditWelcome("See you in Lisbon".into()))
            .reduce(CustomerMailsAction::Start(MailTask::SendWelcome));
        let same = s.clone().reduce(CustomerMailsAction::CloseWelcome);
        assert!(same.welcome_open, "not while sending");
        let s = s.reduce(CustomerMailsAction::Done {
            task: MailTask::SendWelcome,
            result: Ok("ann@example.com".into()),
        });
        assert_eq!(
            s.outcome,
            Some(Ok(Done {
                task: MailTask::SendWelcome,
                recipient: "ann@example.com".into()
            }))
        );
        assert!(!s.welcome_open);
        assert!(s.welcome_message.is_empty());
        assert_eq!(s.mails.seq, 2);
        assert_eq!(s.busy, None);
    }
}
