//! The recovery kit card in Settings → Security: whether a kit exists, the words of a
//! kit just made (shown once: gone as soon as the person says they stored them, or
//! leaves), removing it, and the form that uses the words.

use std::fmt;
use std::rc::Rc;

use keydesk_api::{Error, RecoveryKeyStatus, RecoveryKit, RecoveryOutcome, UseRecoveryKeyRequest};
use yew::Reducible;

use crate::form::{self, FormMeta, FormState};
use crate::state::remote::{Remote, Request};
use crate::words::{Said, Words};

/// How many words a kit has.
pub const WORD_COUNT: usize = 24;

/// The card's state, apart from the form that uses the words.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct RecoveryState {
    pub status: Request<RecoveryKeyStatus>,
    /// The kit just made, until the person is done with it.
    pub kit: Option<RecoveryKit>,
    pub creating: bool,
    /// The confirm dialog of a removal is open.
    pub confirming_removal: bool,
    pub removing: bool,
    /// A failed create or remove, in the card's banner.
    pub error: Option<String>,
    /// What the last use of the words did.
    pub used: Option<RecoveryOutcome>,
}

impl fmt::Debug for RecoveryState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecoveryState")
            .field("status", &self.status)
            .field("kit", &self.kit.as_ref().map(|_| "<redacted>"))
            .field("creating", &self.creating)
            .field("confirming_removal", &self.confirming_removal)
            .field("removing", &self.removing)
            .field("error", &self.error)
            .field("used", &self.used)
            .finish()
    }
}

#[derive(Debug)]
pub enum RecoveryAction {
    Loaded {
        seq: u64,
        answer: Result<RecoveryKeyStatus, Error>,
    },
    Create,
    Created(Result<RecoveryKit, Error>),
    /// "I have stored it": the words leave the window for good.
    DoneWithKit,
    AskRemoval,
    CancelRemoval,
    Remove,
    Removed(Result<(), Error>),
    Used(RecoveryOutcome),
    DismissError,
}

impl RecoveryState {
    pub fn started() -> Self {
        Self {
            status: Request::started(),
            ..Self::default()
        }
    }

    /// When the kit in force was made (RFC 3339), once the status is known.
    pub fn made_at(&self) -> Option<&str> {
        self.status.remote.loaded()?.created_at.as_deref()
    }

    pub fn exists(&self) -> bool {
        self.made_at().is_some()
    }
}

impl Reducible for RecoveryState {
    type Action = RecoveryAction;

    fn reduce(self: Rc<Self>, action: RecoveryAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            RecoveryAction::Loaded { seq, answer } => {
                if !next.status.finish(seq, answer) {
                    return self;
                }
            }
            RecoveryAction::Create => {
                if next.creating || next.kit.is_some() {
                    return self;
                }
                next.creating = true;
                next.error = None;
                next.used = None;
            }
            RecoveryAction::Created(answer) => {
                next.creating = false;
                match answer {
                    Ok(mut kit) => {
                        next.status.remote = Remote::Loaded(std::mem::take(&mut kit.status));
                        next.kit = Some(kit);
                    }
                    Err(error) => next.error = Some(error.message),
                }
            }
            RecoveryAction::DoneWithKit => {
                if next.kit.is_none() {
                    return self;
                }
                next.kit = None;
            }
            RecoveryAction::AskRemoval => {
                if !next.exists() || next.removing {
                    return self;
                }
                next.confirming_removal = true;
                next.error = None;
            }
            RecoveryAction::CancelRemoval => {
                if next.removing {
                    return self;
                }
                next.confirming_removal = false;
            }
            RecoveryAction::Remove => {
                if next.removing || !next.confirming_removal {
                    return self;
                }
                next.removing = true;
            }
            RecoveryAction::Removed(answer) => {
                next.removing = false;
                next.confirming_removal = false;
                match answer {
                    Ok(()) => {
                        next.kit = None;
                        next.status.remote = Remote::Loaded(RecoveryKeyStatus::default());
                    }
                    Err(error) => next.error = Some(error.message),
                }
            }
            RecoveryAction::Used(outcome) => {
                next.used = Some(outcome);
                next.status.refresh();
            }
            RecoveryAction::DismissError => next.error = None,
        }
        next.into()
    }
}

/// "7 pending logins can be opened with it."
pub fn sealed_text(words: &Words, count: u64) -> String {
    words.count("recovery-kit-sealed", count as i64)
}

/// What a use of the words did, in a sentence.
pub fn used_text(words: &Words, outcome: &RecoveryOutcome) -> String {
    let logins = words.count("recovery-used-logins", outcome.logins as i64);
    let owners = words.count("recovery-used-owners", outcome.owners as i64);
    words.t_with("recovery-used", &[("logins", &logins), ("owners", &owners)])
}

form::fields! {
    pub struct RecoveryWordsField = "words" => "recovery-words";
}

/// The form that uses the kit's words.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct UseRecoveryForm {
    pub words: String,
    pub meta: FormMeta<RecoveryWordsField>,
}

impl fmt::Debug for UseRecoveryForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UseRecoveryForm")
            .field("words", &"<redacted>")
            .field("meta", &self.meta)
            .finish()
    }
}

/// The form's own actions.
#[derive(Debug)]
pub enum UseRecoveryAction {
    /// The words worked: they leave the form.
    Done,
}

impl UseRecoveryForm {
    pub fn request(&self) -> UseRecoveryKeyRequest {
        UseRecoveryKeyRequest {
            words: self.words.clone(),
        }
    }

    fn word_count(&self) -> usize {
        self.words.split_whitespace().count()
    }
}

impl FormState for UseRecoveryForm {
    type Field = RecoveryWordsField;
    type Own = UseRecoveryAction;

    form::meta_in_field!();

    form::text_values!(RecoveryWordsField => words);

    fn check(&self, _field: RecoveryWordsField) -> Option<Said> {
        match self.word_count() {
            0 => Some(Said::id("check-recovery-words-missing").arg("words", WORD_COUNT)),
            WORD_COUNT => None,
            n => Some(
                Said::id("check-recovery-words-count")
                    .arg("words", WORD_COUNT)
                    .arg("count", n),
            ),
        }
    }

    fn own(&mut self, action: UseRecoveryAction) -> bool {
        match action {
            UseRecoveryAction::Done => {
                self.words.clear();
                self.meta.reset();
                true
            }
        }
    }
}

form::reducible!(UseRecoveryForm);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormAction;
    use crate::words::speaking;
    use keydesk_api::{ErrorCode, Language};

    fn run(
        state: RecoveryState,
        actions: impl IntoIterator<Item = RecoveryAction>,
    ) -> RecoveryState {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn kit() -> RecoveryKit {
        RecoveryKit {
            words: vec!["abandon".to_owned(); WORD_COUNT],
            qr_svg: "<svg></svg>".to_owned(),
            status: RecoveryKeyStatus {
                created_at: Some("2026-11-30T12:00:00+00:00".to_owned()),
                sealed_logins: 3,
            },
        }
    }

    fn loaded(created_at: Option<&str>) -> RecoveryState {
        let state = RecoveryState::started();
        let seq = state.status.seq;
        let status = RecoveryKeyStatus {
            created_at: created_at.map(str::to_owned),
            sealed_logins: 0,
        };
        run(
            state,
            [RecoveryAction::Loaded {
                seq,
                answer: Ok(status),
            }],
        )
    }

    #[test]
    fn the_words_are_shown_once_and_the_card_then_says_a_kit_exists() {
        let state = loaded(None);
        assert!(!state.exists());
        let state = run(state, [RecoveryAction::Create]);
        assert!(state.creating);
        let again = run(state.clone(), [RecoveryAction::Create]);
        assert_eq!(again, state, "one at a time");
        let state = run(state, [RecoveryAction::Created(Ok(kit()))]);
        assert!(!state.creating);
        assert_eq!(state.kit.as_ref().unwrap().words.len(), WORD_COUNT);
        assert_eq!(state.made_at(), Some("2026-11-30T12:00:00+00:00"));
        assert_eq!(state.status.remote.loaded().unwrap().sealed_logins, 3);
        let state = run(state, [RecoveryAction::DoneWithKit]);
        assert!(state.kit.is_none(), "the words are gone");
        assert!(state.exists());
        assert!(!format!(
            "{:?}",
            run(loaded(None), [RecoveryAction::Created(Ok(kit()))])
        )
        .contains("abandon"));
    }

    #[test]
    fn a_failed_create_says_why_and_shows_no_words() {
        let error = Error::new(ErrorCode::Conflict, "Your keys are not unlocked.");
        let state = run(
            loaded(None),
            [RecoveryAction::Create, RecoveryAction::Created(Err(error))],
        );
        assert!(state.kit.is_none());
        assert_eq!(state.error.as_deref(), Some("Your keys are not unlocked."));
        assert!(!state.exists());
    }

    #[test]
    fn removing_asks_first_and_then_the_card_says_there_is_none() {
        let state = loaded(Some("2026-11-30T12:00:00+00:00"));
        let unasked = run(state.clone(), [RecoveryAction::Remove]);
        assert!(!unasked.removing, "not without the confirm dialog");
        let state = run(state, [RecoveryAction::AskRemoval, RecoveryAction::Remove]);
        assert!(state.removing && state.confirming_removal);
        let state = run(state, [RecoveryAction::Removed(Ok(()))]);
        assert!(!state.exists() && !state.confirming_removal && !state.removing);
        let cancelled = run(
            loaded(Some("x")),
            [RecoveryAction::AskRemoval, RecoveryAction::CancelRemoval],
        );
        assert!(!cancelled.confirming_removal && cancelled.exists());
    }

    #[test]
    fn the_words_field_wants_24_words_and_takes_the_shells_refusal() {
        let form = Rc::new(UseRecoveryForm::default());
        let form = form.reduce(FormAction::Submit);
        assert_eq!(form.meta.submit_seq, 0, "nothing typed, nothing sent");
        assert_eq!(
            crate::words::in_english(form.field_error(RecoveryWordsField)).as_deref(),
            Some("Type the 24 words of the recovery kit.")
        );
        let form = form.reduce(FormAction::Edit(
            RecoveryWordsField,
            "abandon ability".into(),
        ));
        assert_eq!(
            crate::words::in_english(form.field_error(RecoveryWordsField)).as_deref(),
            Some("The kit has 24 words; 2 are typed.")
        );
        let one = form
            .clone()
            .reduce(FormAction::Edit(RecoveryWordsField, "abandon".into()));
        assert_eq!(
            crate::words::in_english(one.field_error(RecoveryWordsField)).as_deref(),
            Some("The kit has 24 words; 1 is typed.")
        );
        let persian = crate::words::in_persian(one.field_error(RecoveryWordsField)).unwrap();
        assert!(persian.contains('۲') && persian.contains('۱'), "{persian}");
        let words = vec!["abandon"; WORD_COUNT].join(" ");
        let form = form.reduce(FormAction::Edit(RecoveryWordsField, words.clone()));
        let form = form.reduce(FormAction::Submit);
        assert!(form.meta.busy);
        assert_eq!(form.request().words, words);
        let refusal = Error::for_field("words", "These words do not check out.");
        let form = form.reduce(FormAction::Failed(refusal));
        assert_eq!(
            crate::words::in_english(form.field_error(RecoveryWordsField)).as_deref(),
            Some("These words do not check out.")
        );
        assert!(form.meta.banner.is_none());
        assert!(!format!("{form:?}").contains("abandon"));
        let form = form.reduce(FormAction::Own(UseRecoveryAction::Done));
        assert!(form.words.is_empty());
    }

    #[test]
    fn counts_read_as_sentences() {
        let en = Words::new(speaking(Language::En));
        assert_eq!(
            sealed_text(&en, 1),
            "1 pending login can be opened with it."
        );
        assert_eq!(
            sealed_text(&en, 0),
            "0 pending logins can be opened with it."
        );
        let outcome = RecoveryOutcome {
            logins: 5,
            owners: 1,
        };
        assert_eq!(
            used_text(&en, &outcome),
            "Done: 5 pending logins can be opened again by 1 owner."
        );
        let fa = Words::new(speaking(Language::Fa));
        let used = used_text(&fa, &outcome).replace(['\u{2068}', '\u{2069}'], "");
        assert!(used.starts_with("انجام شد"), "{used}");
        assert!(used.contains("۵ ") && used.contains("۱ مالک"), "{used}");
    }
}
