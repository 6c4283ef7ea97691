use super::FieldError;
use crate::said::Said;
use keydesk_api::{PasswordStrength, StrengthBand};
use secrecy::{ExposeSecret, SecretString};
use zxcvbn::feedback::{Suggestion, Warning};

/// Shorter passwords are refused whatever their make-up (NIST SP 800-63B asks for
/// length, not composition rules).
pub const MIN_PASSWORD_CHARS: usize = 10;
const MAX_PASSWORD_CHARS: usize = 128;
/// zxcvbn's score below which a password is refused: 0–1 are the common passwords,
/// keyboard walks and repeats an attacker tries first.
const MIN_SCORE: u8 = 2;

/// A password in the clear (typed, generated, or opened from a handoff), held so that it
/// is zeroized on drop and never printed: Debug shows `<redacted>`.
///
/// It deliberately does not implement `serde::Serialize` (checked at compile time
/// below), so it cannot end up in JSON, a settings row or an IPC response by accident;
/// the shell turns it into text only for the one response that shows it.
#[derive(Clone)]
pub struct PlainPassword(SecretString);

/// Compile-time proof that `PlainPassword` is not `Serialize`: with an implementation
/// both blanket impls below would apply and the type of `_` would be ambiguous.
const _: fn() = || {
    trait AmbiguousIfSerialize<A> {
        fn some_item() {}
    }
    impl<T: ?Sized> AmbiguousIfSerialize<()> for T {}
    impl<T: ?Sized + serde::Serialize> AmbiguousIfSerialize<u8> for T {}
    let _ = <PlainPassword as AmbiguousIfSerialize<_>>::some_item;
};

impl PlainPassword {
    pub fn new(raw: String) -> Self {
        Self(SecretString::from(raw))
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl std::fmt::Debug for PlainPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A password someone chose for their own account that passed the policy.
#[derive(Debug, Clone)]
pub struct NewPassword(PlainPassword);

impl NewPassword {
    /// Checks the policy; `user_inputs` (email, name) count against the strength.
    pub fn parse(
        field: &'static str,
        password: PlainPassword,
        user_inputs: &[&str],
    ) -> Result<Self, FieldError> {
        let chars = password.expose().chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(FieldError::new(field, too_short()));
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(FieldError::new(
                field,
                Said::id("error-field-password-long").arg("max", MAX_PASSWORD_CHARS),
            ));
        }
        let strength = estimate_strength(&password, user_inputs);
        if !strength.acceptable {
            let hint = strength
                .hint
                .unwrap_or_else(|| Said::id("password-hint-more-words"));
            return Err(FieldError::new(
                field,
                Said::id("error-field-password-guessable").arg("hint", hint),
            ));
        }
        Ok(Self(password))
    }

    pub fn plain(&self) -> &PlainPassword {
        &self.0
    }
}

fn too_short() -> Said {
    Said::id("error-field-password-short").arg("min", MIN_PASSWORD_CHARS)
}

/// The strength meter's reading: zxcvbn's score, band and first suggestion, which the
/// window says in its language.
pub fn estimate_strength(password: &PlainPassword, user_inputs: &[&str]) -> PasswordStrength {
    let text = password.expose();
    if text.is_empty() {
        return PasswordStrength {
            score: 0,
            band: StrengthBand::TooWeak,
            acceptable: false,
            hint: None,
        };
    }
    // zxcvbn's cost grows with length; beyond the maximum the policy refuses anyway.
    let probe: String = text.chars().take(MAX_PASSWORD_CHARS).collect();
    let entropy = zxcvbn::zxcvbn(&probe, user_inputs);
    let score = u8::from(entropy.score());
    let chars = text.chars().count();
    let long_enough = chars >= MIN_PASSWORD_CHARS;
    let band = match score {
        _ if !long_enough => StrengthBand::TooWeak,
        0 | 1 => StrengthBand::TooWeak,
        2 => StrengthBand::Fair,
        3 => StrengthBand::Strong,
        _ => StrengthBand::VeryStrong,
    };
    let hint = if !long_enough {
        Some(too_short())
    } else {
        entropy.feedback().and_then(|f| {
            f.warning()
                .map(warning)
                .or_else(|| f.suggestions().first().copied().map(suggestion))
        })
    };
    PasswordStrength {
        score,
        band,
        acceptable: long_enough && chars <= MAX_PASSWORD_CHARS && score >= MIN_SCORE,
        hint,
    }
}

/// zxcvbn's warning, as the catalogue says it.
fn warning(warning: Warning) -> Said {
    match warning {
        Warning::StraightRowsOfKeysAreEasyToGuess => Said::id("password-hint-straight-rows"),
        Warning::ShortKeyboardPatternsAreEasyToGuess => {
            Said::id("password-hint-short-keyboard-patterns")
        }
        Warning::RepeatsLikeAaaAreEasyToGuess => Said::id("password-hint-repeats-aaa"),
        Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => {
            Said::id("password-hint-repeats-abcabc")
        }
        Warning::ThisIsATop10Password => Said::id("password-hint-top-10"),
        Warning::ThisIsATop100Password => Said::id("password-hint-top-100"),
        Warning::ThisIsACommonPassword => Said::id("password-hint-very-common"),
        Warning::ThisIsSimilarToACommonlyUsedPassword => {
            Said::id("password-hint-similar-to-common")
        }
        Warning::SequencesLikeAbcAreEasyToGuess => Said::id("password-hint-sequences"),
        Warning::RecentYearsAreEasyToGuess => Said::id("password-hint-recent-years"),
        Warning::AWordByItselfIsEasyToGuess => Said::id("password-hint-single-word"),
        Warning::DatesAreOftenEasyToGuess => Said::id("password-hint-dates"),
        Warning::NamesAndSurnamesByThemselvesAreEasyToGuess => {
            Said::id("password-hint-names-alone")
        }
        Warning::CommonNamesAndSurnamesAreEasyToGuess => Said::id("password-hint-common-names"),
    }
}

/// zxcvbn's suggestion, as the catalogue says it.
fn suggestion(suggestion: Suggestion) -> Said {
    match suggestion {
        Suggestion::UseAFewWordsAvoidCommonPhrases => Said::id("password-hint-use-a-few-words"),
        Suggestion::NoNeedForSymbolsDigitsOrUppercaseLetters => {
            Said::id("password-hint-no-need-for-symbols")
        }
        Suggestion::AddAnotherWordOrTwo => Said::id("password-hint-add-a-word"),
        Suggestion::CapitalizationDoesntHelpVeryMuch => Said::id("password-hint-capitals"),
        Suggestion::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => {
            Said::id("password-hint-all-capitals")
        }
        Suggestion::ReversedWordsArentMuchHarderToGuess => Said::id("password-hint-reversed-words"),
        Suggestion::PredictableSubstitutionsDontHelpVeryMuch => {
            Said::id("password-hint-substitutions")
        }
        Suggestion::UseALongerKeyboardPatternWithMoreTurns => {
            Said::id("password-hint-longer-keyboard-pattern")
        }
        Suggestion::AvoidRepeatedWordsAndCharacters => Said::id("password-hint-avoid-repeats"),
        Suggestion::AvoidSequences => Said::id("password-hint-avoid-sequences"),
        Suggestion::AvoidRecentYears => Said::id("password-hint-avoid-recent-years"),
        Suggestion::AvoidYearsThatAreAssociatedWithYou => {
            Said::id("password-hint-avoid-your-years")
        }
        Suggestion::AvoidDatesAndYearsThatAreAssociatedWithYou => {
            Said::id("password-hint-avoid-your-dates")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pw(s: &str) -> PlainPassword {
        PlainPassword::new(s.to_owned())
    }

    #[test]
    fn debug_output_never_shows_the_password() {
        let p = pw("correct horse battery staple");
        assert_eq!(format!("{p:?}"), "<redacted>");
        let n = NewPassword::parse("password", p, &[]).unwrap();
        assert!(!format!("{n:?}").contains("horse"));
    }

    #[test]
    fn refuses_short_common_and_personal_passwords() {
        for (candidate, inputs) in [
            ("short1!", vec![]),
            ("password123", vec![]),
            ("qwertyuiop", vec![]),
            ("1234567890", vec![]),
            ("aaaaaaaaaaaa", vec![]),
            ("oliviaowner", vec!["olivia", "owner"]),
        ] {
            let result = NewPassword::parse("password", pw(candidate), &inputs);
            assert!(result.is_err(), "{candidate} should be refused");
        }
    }

    #[test]
    fn accepts_long_uncommon_passphrases() {
        for candidate in [
            "correct horse battery staple 42",
            "Tangerine-Lighthouse-Quarry-88",
        ] {
            assert!(
                NewPassword::parse("password", pw(candidate), &[]).is_ok(),
                "{candidate}"
            );
        }
    }

    #[test]
    fn strength_meter_bands_follow_the_score() {
        assert_eq!(estimate_strength(&pw(""), &[]).band, StrengthBand::TooWeak);
        assert_eq!(
            estimate_strength(&pw("abc"), &[]).band,
            StrengthBand::TooWeak
        );
        let strong = estimate_strength(&pw("correct horse battery staple 42"), &[]);
        assert!(strong.acceptable);
        assert!(matches!(
            strong.band,
            StrengthBand::Strong | StrengthBand::VeryStrong
        ));
    }

    #[test]
    fn zxcvbns_advice_is_said_in_its_own_english() {
        use Suggestion as S;
        use Warning as W;
        let english = crate::catalogue::in_english;
        for w in [
            W::StraightRowsOfKeysAreEasyToGuess,
            W::ShortKeyboardPatternsAreEasyToGuess,
            W::RepeatsLikeAaaAreEasyToGuess,
            W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
            W::ThisIsATop10Password,
            W::ThisIsATop100Password,
            W::ThisIsACommonPassword,
            W::ThisIsSimilarToACommonlyUsedPassword,
            W::SequencesLikeAbcAreEasyToGuess,
            W::RecentYearsAreEasyToGuess,
            W::AWordByItselfIsEasyToGuess,
            W::DatesAreOftenEasyToGuess,
            W::NamesAndSurnamesByThemselvesAreEasyToGuess,
            W::CommonNamesAndSurnamesAreEasyToGuess,
        ] {
            assert_eq!(english(&warning(w)), w.to_string());
        }
        for s in [
            S::UseAFewWordsAvoidCommonPhrases,
            S::NoNeedForSymbolsDigitsOrUppercaseLetters,
            S::AddAnotherWordOrTwo,
            S::CapitalizationDoesntHelpVeryMuch,
            S::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase,
            S::ReversedWordsArentMuchHarderToGuess,
            S::PredictableSubstitutionsDontHelpVeryMuch,
            S::UseALongerKeyboardPatternWithMoreTurns,
            S::AvoidRepeatedWordsAndCharacters,
            S::AvoidSequences,
            S::AvoidRecentYears,
            S::AvoidYearsThatAreAssociatedWithYou,
            S::AvoidDatesAndYearsThatAreAssociatedWithYou,
        ] {
            assert_eq!(english(&suggestion(s)), s.to_string());
        }
        let refused = NewPassword::parse("password", pw("password123"), &[]).unwrap_err();
        assert!(
            refused
                .in_english()
                .starts_with("This password is too easy to guess. This is a "),
            "{}",
            refused.in_english()
        );
        assert_eq!(
            estimate_strength(&pw("abc"), &[]).hint.map(|h| english(&h)),
            Some("Use at least 10 characters.".to_owned())
        );
    }
}
