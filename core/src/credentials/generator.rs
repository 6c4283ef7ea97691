use crate::domain::PlainPassword;
use rand::rngs::OsRng;
use rand::seq::IndexedRandom;
use rand::TryRngCore;

const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
/// Symbols that survive being read aloud, typed on foreign keyboards and pasted into
/// web forms: no quotes, backslashes, spaces or brackets.
const SYMBOLS: &str = "!#$%&*+-=?@^_~";
/// Characters easily mistaken for one another when read off a screen or paper.
const LOOKALIKES: &str = "0O1lIo";

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 64;

/// How generated passwords are made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordPolicy {
    pub length: usize,
    pub lower: bool,
    pub upper: bool,
    pub digits: bool,
    pub symbols: bool,
    pub exclude_lookalikes: bool,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            length: 16,
            lower: true,
            upper: true,
            digits: true,
            symbols: true,
            exclude_lookalikes: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("Length must be between {MIN_LENGTH} and {MAX_LENGTH} characters.")]
    Length,
    #[error("Choose at least one kind of character.")]
    NoClasses,
}

impl PasswordPolicy {
    /// The character classes in use, each already without look-alikes if asked.
    fn classes(&self) -> Vec<Vec<char>> {
        [
            (self.lower, LOWER),
            (self.upper, UPPER),
            (self.digits, DIGITS),
            (self.symbols, SYMBOLS),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, chars)| {
            chars
                .chars()
                .filter(|c| !(self.exclude_lookalikes && LOOKALIKES.contains(*c)))
                .collect()
        })
        .collect()
    }

    fn validate(&self) -> Result<Vec<Vec<char>>, PolicyError> {
        if !(MIN_LENGTH..=MAX_LENGTH).contains(&self.length) {
            return Err(PolicyError::Length);
        }
        let classes = self.classes();
        if classes.is_empty() {
            return Err(PolicyError::NoClasses);
        }
        Ok(classes)
    }

    /// Bits of entropy of a password drawn uniformly under this policy (the "at least
    /// one of each class" rule removes a negligible share of the space).
    pub fn entropy_bits(&self) -> f64 {
        let alphabet: usize = self.classes().iter().map(Vec::len).sum();
        if alphabet < 2 {
            return 0.0;
        }
        self.length as f64 * (alphabet as f64).log2()
    }
}

/// A new password: each character chosen uniformly from the policy's alphabet with the
/// operating system's random number generator (rand's `choose` samples without modulo
/// bias). A draw missing one of the chosen classes is thrown away and drawn again,
/// which keeps the result uniform over all passwords that satisfy the policy.
pub fn generate_password(policy: &PasswordPolicy) -> Result<PlainPassword, PolicyError> {
    let classes = policy.validate()?;
    let alphabet: Vec<char> = classes.iter().flatten().copied().collect();
    let mut rng = OsRng.unwrap_err();
    loop {
        let candidate: String = (0..policy.length)
            .filter_map(|_| alphabet.choose(&mut rng).copied())
            .collect();
        let has_every_class = classes
            .iter()
            .all(|class| candidate.chars().any(|c| class.contains(&c)));
        if has_every_class {
            return Ok(PlainPassword::new(candidate));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    #[test]
    fn default_passwords_have_sixteen_characters_of_every_class_and_no_lookalikes() {
        for _ in 0..200 {
            let pw = generate_password(&PasswordPolicy::default()).unwrap();
            let text = pw.expose();
            assert_eq!(text.chars().count(), 16);
            assert!(text.chars().any(|c| c.is_ascii_lowercase()), "{text}");
            assert!(text.chars().any(|c| c.is_ascii_uppercase()), "{text}");
            assert!(text.chars().any(|c| c.is_ascii_digit()), "{text}");
            assert!(text.chars().any(|c| SYMBOLS.contains(c)), "{text}");
            assert!(!text.chars().any(|c| LOOKALIKES.contains(c)), "{text}");
        }
    }

    #[test]
    fn passwords_do_not_repeat() {
        let seen: HashSet<String> = (0..1000)
            .map(|_| {
                generate_password(&PasswordPolicy::default())
                    .unwrap()
                    .expose()
                    .to_owned()
            })
            .collect();
        assert_eq!(seen.len(), 1000);
    }

    #[test]
    fn characters_are_drawn_evenly() {
        // Digits only, look-alikes out: 8 symbols, 64 × 2,000 draws → 16,000 expected
        // each. A biased generator (e.g. modulo) would skew some far beyond 5 %.
        let policy = PasswordPolicy {
            length: 64,
            lower: false,
            upper: false,
            digits: true,
            symbols: false,
            exclude_lookalikes: true,
        };
        let mut counts: HashMap<char, usize> = HashMap::new();
        for _ in 0..2000 {
            for c in generate_password(&policy).unwrap().expose().chars() {
                *counts.entry(c).or_default() += 1;
            }
        }
        assert_eq!(counts.len(), 8, "{counts:?}");
        for (c, n) in counts {
            assert!((15_200..=16_800).contains(&n), "{c} drawn {n} times");
        }
    }

    #[test]
    fn policy_limits_are_refused_and_entropy_grows_with_length() {
        let short = PasswordPolicy {
            length: 11,
            ..PasswordPolicy::default()
        };
        assert_eq!(generate_password(&short).unwrap_err(), PolicyError::Length);
        let none = PasswordPolicy {
            lower: false,
            upper: false,
            digits: false,
            symbols: false,
            ..PasswordPolicy::default()
        };
        assert_eq!(
            generate_password(&none).unwrap_err(),
            PolicyError::NoClasses
        );
        let default_bits = PasswordPolicy::default().entropy_bits();
        assert!(
            default_bits > 95.0 && default_bits < 100.0,
            "{default_bits}"
        );
        let long = PasswordPolicy {
            length: 32,
            ..PasswordPolicy::default()
        };
        assert!(long.entropy_bits() > 2.0 * default_bits - 0.1);
    }
}
