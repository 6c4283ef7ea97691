//! The live strength check of a password being typed, and how the meter draws it.

use std::rc::Rc;

use keydesk_api::{Error, PasswordStrength, Said, StrengthBand};
use yew::prelude::*;

use super::remote::{Remote, Request};
use super::tone::Tone;
use super::update::{apply, ensure};

/// Number of segments in the meter.
pub const SEGMENTS: usize = 4;

/// What the meter shows: how many segments are lit, in which tone, with which words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeterReading {
    pub lit: usize,
    pub tone: Tone,
    pub band: StrengthBand,
    pub hint: Option<Said>,
}

/// `None` before anything has been typed (or while the first reading is on its way).
pub fn reading(strength: Option<&PasswordStrength>) -> Option<MeterReading> {
    let strength = strength?;
    let score = usize::from(strength.score.min(4));
    // A non-empty password always lights one segment so the colour is visible.
    let lit = score.clamp(1, SEGMENTS);
    let tone = match score {
        0 | 1 => Tone::Danger,
        2 => Tone::Warning,
        _ => Tone::Success,
    };
    let tone = if strength.acceptable || tone == Tone::Danger {
        tone
    } else {
        Tone::Warning
    };
    Some(MeterReading {
        lit,
        tone,
        band: strength.band,
        hint: strength.hint.clone(),
    })
}

/// The latest reading for the password as it is now: each change asks again, and a
/// reading asked for before the last change is dropped when it comes back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StrengthCheck {
    /// The last reading stays on show while the next is on its way.
    pub reading: Request<PasswordStrength>,
    typed: bool,
}

pub enum StrengthAction {
    /// The password changed (`typed`: it is not empty).
    Changed { typed: bool },
    /// The reading asked for with request `seq`, or why there is none.
    Answered {
        seq: u64,
        answer: Result<PasswordStrength, Error>,
    },
}

impl Reducible for StrengthCheck {
    type Action = StrengthAction;

    fn reduce(self: Rc<Self>, action: StrengthAction) -> Rc<Self> {
        apply(self, |next| {
            match action {
                StrengthAction::Changed { typed } => {
                    next.typed = typed;
                    if !typed || next.reading.remote.failure().is_some() {
                        next.reading.remote = Remote::Idle;
                    }
                    next.reading.refresh();
                }
                StrengthAction::Answered { seq, answer } => {
                    // A reading for a password since emptied is dropped; its failure is not.
                    ensure!(answer.is_err() || next.typed);
                    ensure!(next.reading.finish(seq, answer));
                }
            }
            Some(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::StrengthBand;

    fn check(actions: impl IntoIterator<Item = StrengthAction>) -> StrengthCheck {
        let mut state = Rc::new(StrengthCheck::default());
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn strong() -> PasswordStrength {
        strength(4, StrengthBand::VeryStrong, true)
    }

    #[test]
    fn stale_readings_are_dropped() {
        let typed = || StrengthAction::Changed { typed: true };
        let loaded = |seq| StrengthAction::Answered {
            seq,
            answer: Ok(strong()),
        };
        let stale = check([typed(), typed(), loaded(1)]);
        assert_eq!(stale.reading.remote.loaded(), None);
        let fresh = check([typed(), typed(), loaded(2)]);
        assert_eq!(fresh.reading.remote.loaded(), Some(&strong()));
    }

    #[test]
    fn clearing_the_password_clears_the_meter() {
        let cleared = check([
            StrengthAction::Changed { typed: true },
            StrengthAction::Answered {
                seq: 1,
                answer: Ok(strong()),
            },
            StrengthAction::Changed { typed: false },
        ]);
        assert_eq!(cleared.reading.remote.loaded(), None);
    }

    #[test]
    fn a_failed_reading_is_shown_until_the_next_change() {
        let failed = check([
            StrengthAction::Changed { typed: true },
            StrengthAction::Answered {
                seq: 1,
                answer: Err(Error::new(
                    keydesk_api::ErrorCode::Internal,
                    "The strength check failed.",
                )),
            },
        ]);
        assert_eq!(
            failed.reading.remote.failure(),
            Some("The strength check failed.")
        );
        let typed = Rc::new(failed).reduce(StrengthAction::Changed { typed: true });
        assert_eq!(typed.reading.remote.failure(), None);
    }

    fn strength(score: u8, band: StrengthBand, acceptable: bool) -> PasswordStrength {
        PasswordStrength {
            score,
            band,
            acceptable,
            hint: Some("Add another word".into()),
        }
    }

    #[test]
    fn nothing_typed_shows_no_reading() {
        assert_eq!(reading(None), None);
    }

    #[test]
    fn score_lights_segments_and_picks_the_tone() {
        let weakest = reading(Some(&strength(0, StrengthBand::TooWeak, false))).unwrap();
        assert_eq!((weakest.lit, weakest.tone), (1, Tone::Danger));
        assert_eq!(weakest.band, StrengthBand::TooWeak);
        let fair = reading(Some(&strength(2, StrengthBand::Fair, true))).unwrap();
        assert_eq!((fair.lit, fair.tone), (2, Tone::Warning));
        let strong = reading(Some(&strength(3, StrengthBand::Strong, true))).unwrap();
        assert_eq!(
            (strong.lit, strong.tone, strong.band),
            (3, Tone::Success, StrengthBand::Strong)
        );
        let best = reading(Some(&strength(4, StrengthBand::VeryStrong, true))).unwrap();
        assert_eq!(best.lit, SEGMENTS);
        assert_eq!(best.hint, Some(Said::from("Add another word")));
    }

    #[test]
    fn an_unacceptable_password_is_never_green() {
        let r = reading(Some(&strength(3, StrengthBand::Strong, false))).unwrap();
        assert_eq!(r.tone, Tone::Warning);
    }

    #[test]
    fn out_of_range_scores_are_clamped() {
        let r = reading(Some(&strength(9, StrengthBand::VeryStrong, true))).unwrap();
        assert_eq!(r.lit, SEGMENTS);
    }
}
