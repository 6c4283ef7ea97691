//! "Generate logins" for the customers on show that have none: confirm, run with a
//! progress bar and Cancel, then say what was done.

use std::rc::Rc;

use keydesk_api::{GenerateLoginsOutcome, GenerateLoginsProgress};
use yew::prelude::*;

use crate::words::Words;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GenerateStep {
    Confirm,
    Running {
        done: u64,
        total: u64,
        cancelling: bool,
    },
    Finished(GenerateLoginsOutcome),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateLogins {
    pub customer_ids: Vec<i64>,
    pub step: GenerateStep,
    /// Bumped when the run must start.
    pub run_seq: u64,
}

pub enum GenerateAction {
    Start,
    Progress(GenerateLoginsProgress),
    Cancel,
    /// What the run did, or why it stopped.
    Finished(Result<GenerateLoginsOutcome, String>),
}

impl GenerateLogins {
    pub fn new(customer_ids: Vec<i64>) -> Self {
        Self {
            customer_ids,
            step: GenerateStep::Confirm,
            run_seq: 0,
        }
    }

    pub fn running(&self) -> bool {
        matches!(self.step, GenerateStep::Running { .. })
    }

    /// Percent done, for the bar.
    pub fn percent(&self) -> u64 {
        match self.step {
            GenerateStep::Running { done, total, .. } if total > 0 => {
                crate::components::progress_bar::percent(done, total)
            }
            GenerateStep::Finished(_) => 100,
            _ => 0,
        }
    }
}

/// "3 logins generated, 1 skipped (already had one)."
pub fn outcome_text(words: &Words, outcome: &GenerateLoginsOutcome) -> String {
    let mut done = words.count("generate-logins-generated", outcome.generated as i64);
    let others = [
        ("generate-logins-skipped", outcome.skipped),
        ("generate-logins-not-found", outcome.not_found),
    ];
    for (id, n) in others.into_iter().filter(|&(_, n)| n > 0) {
        let next = words.t_with(id, &[("n", &words.number(n))]);
        done = words.t_with("generate-logins-and", &[("first", &done), ("next", &next)]);
    }
    let then = if outcome.cancelled {
        "generate-logins-cancelled"
    } else {
        "generate-logins-done"
    };
    words.t_with(then, &[("done", &done)])
}

impl Reducible for GenerateLogins {
    type Action = GenerateAction;

    fn reduce(self: Rc<Self>, action: GenerateAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            GenerateAction::Start => {
                if self.running() || self.customer_ids.is_empty() {
                    return self;
                }
                next.step = GenerateStep::Running {
                    done: 0,
                    total: self.customer_ids.len() as u64,
                    cancelling: false,
                };
                next.run_seq += 1;
            }
            GenerateAction::Progress(p) => match &mut next.step {
                GenerateStep::Running { done, total, .. } => {
                    *done = p.done.max(*done);
                    *total = p.total;
                }
                _ => return self,
            },
            GenerateAction::Cancel => match &mut next.step {
                GenerateStep::Running { cancelling, .. } if !*cancelling => *cancelling = true,
                _ => return self,
            },
            GenerateAction::Finished(Ok(outcome)) => next.step = GenerateStep::Finished(outcome),
            GenerateAction::Finished(Err(message)) => next.step = GenerateStep::Failed(message),
        }
        Rc::new(next)
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

    #[test]
    fn a_run_reports_progress_and_cancels_once() {
        let state = Rc::new(GenerateLogins::new(vec![1, 2, 3, 4]));
        let state = state.reduce(GenerateAction::Start);
        assert_eq!(state.run_seq, 1);
        assert_eq!(state.percent(), 0);
        let again = state.clone().reduce(GenerateAction::Start);
        assert_eq!(again.run_seq, 1);
        let state = state.reduce(GenerateAction::Progress(GenerateLoginsProgress {
            done: 1,
            total: 4,
        }));
        assert_eq!(state.percent(), 25);
        // An older event arriving late does not move the bar back.
        let state = state.reduce(GenerateAction::Progress(GenerateLoginsProgress {
            done: 3,
            total: 4,
        }));
        let state = state.reduce(GenerateAction::Progress(GenerateLoginsProgress {
            done: 2,
            total: 4,
        }));
        assert_eq!(state.percent(), 75);
        let state = state.reduce(GenerateAction::Cancel);
        assert!(matches!(
            state.step,
            GenerateStep::Running {
                cancelling: true,
                ..
            }
        ));
        let outcome = GenerateLoginsOutcome {
            generated: 3,
            skipped: 0,
            not_found: 0,
            cancelled: true,
        };
        let state = state.reduce(GenerateAction::Finished(Ok(outcome)));
        assert_eq!(state.percent(), 100);
        assert!(outcome_text(&english(), &outcome).contains("kept"));
    }

    #[test]
    fn nothing_to_do_never_starts() {
        let state = Rc::new(GenerateLogins::new(Vec::new())).reduce(GenerateAction::Start);
        assert_eq!(state.step, GenerateStep::Confirm);
        let text = outcome_text(
            &english(),
            &GenerateLoginsOutcome {
                generated: 1,
                skipped: 2,
                not_found: 1,
                cancelled: false,
            },
        );
        assert_eq!(
            text,
            "1 login generated, 2 skipped (already had one), 1 no longer found. They wait on the dashboard to be handed over."
        );
    }

    #[test]
    fn the_outcome_lists_its_parts_in_the_persons_language() {
        let fa = Words::new(speaking(Language::Fa));
        let text = outcome_text(
            &fa,
            &GenerateLoginsOutcome {
                generated: 3,
                skipped: 1,
                not_found: 0,
                cancelled: false,
            },
        );
        assert!(text.contains("۳") && text.contains("،"), "{text}");
        assert!(!text.contains("no longer"), "{text}");
    }
}
