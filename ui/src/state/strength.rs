//! How the strength meter draws a [`PasswordStrength`] reading.

use keydesk_api::PasswordStrength;

use super::tone::Tone;

/// Number of segments in the meter.
pub const SEGMENTS: usize = 4;

/// What the meter shows: how many segments are lit, in which tone, with which words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeterReading {
    pub lit: usize,
    pub tone: Tone,
    pub label: &'static str,
    pub hint: Option<String>,
}

/// Shown under an empty password field.
pub const EMPTY_HINT: &str =
    "Use 10 or more characters. A few unrelated words are easy to remember and hard to guess.";

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
        label: strength.band.label(),
        hint: strength.hint.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::StrengthBand;

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
        assert_eq!(weakest.label, "Too weak");
        let fair = reading(Some(&strength(2, StrengthBand::Fair, true))).unwrap();
        assert_eq!((fair.lit, fair.tone), (2, Tone::Warning));
        let strong = reading(Some(&strength(3, StrengthBand::Strong, true))).unwrap();
        assert_eq!(
            (strong.lit, strong.tone, strong.label),
            (3, Tone::Success, "Strong")
        );
        let best = reading(Some(&strength(4, StrengthBand::VeryStrong, true))).unwrap();
        assert_eq!(best.lit, SEGMENTS);
        assert_eq!(best.hint.as_deref(), Some("Add another word"));
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
