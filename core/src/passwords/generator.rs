use crate::domain::PlainPassword;
use crate::said::{display_in_english, Explain, Said};
use keydesk_api::{EntropyBand, PasswordPolicySettings, PolicyEntropy};
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
/// Below this many bits a policy reads as weak; from [`STRONG_BITS`] on as strong.
pub const GOOD_BITS: f64 = 60.0;
pub const STRONG_BITS: f64 = 80.0;

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
    Length,
    NoClasses,
}

impl Explain for PolicyError {
    fn explain(&self) -> Said {
        match self {
            Self::Length => Said::id("error-settings-policy-length")
                .arg("min", MIN_LENGTH)
                .arg("max", MAX_LENGTH),
            Self::NoClasses => Said::id("error-settings-policy-no-classes"),
        }
    }
}

display_in_english!(PolicyError);

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

    /// Bits of entropy of a password drawn uniformly under this policy: log2 of the
    /// number of passwords that have every chosen class (counted by inclusion–exclusion
    /// over the classes a password could lack).
    pub fn entropy_bits(&self) -> f64 {
        let classes = self.classes();
        let alphabet: usize = classes.iter().map(Vec::len).sum();
        if alphabet < 2 || classes.is_empty() {
            return 0.0;
        }
        let length = i32::try_from(self.length).unwrap_or(i32::MAX);
        // Σ over subsets S of classes of (-1)^|S| · ((alphabet − |S's characters|) / alphabet)^length:
        // the share of all strings that contain every class.
        let mut share = 0.0;
        for subset in 0..(1u32 << classes.len()) {
            let missing: usize = classes
                .iter()
                .enumerate()
                .filter(|(i, _)| subset & (1 << i) != 0)
                .map(|(_, class)| class.len())
                .sum();
            let term = ((alphabet - missing) as f64 / alphabet as f64).powi(length);
            share += if subset.count_ones() % 2 == 0 {
                term
            } else {
                -term
            };
        }
        if share <= 0.0 {
            return 0.0;
        }
        self.length as f64 * (alphabet as f64).log2() + share.log2()
    }

    /// The entropy as the settings page shows it.
    pub fn entropy(&self) -> PolicyEntropy {
        let bits = self.entropy_bits();
        PolicyEntropy {
            bits: bits.floor().clamp(0.0, f64::from(u32::MAX)) as u32,
            band: entropy_band(bits),
        }
    }

    /// The policy from the settings, or why it cannot be used.
    pub fn from_settings(settings: &PasswordPolicySettings) -> Result<Self, PolicyError> {
        let policy = Self {
            length: usize::try_from(settings.length).unwrap_or(usize::MAX),
            lower: settings.lower,
            upper: settings.upper,
            digits: settings.digits,
            symbols: settings.symbols,
            exclude_lookalikes: settings.exclude_lookalikes,
        };
        policy.validate()?;
        Ok(policy)
    }

    pub fn to_settings(&self) -> PasswordPolicySettings {
        PasswordPolicySettings {
            length: u32::try_from(self.length).unwrap_or(u32::MAX),
            lower: self.lower,
            upper: self.upper,
            digits: self.digits,
            symbols: self.symbols,
            exclude_lookalikes: self.exclude_lookalikes,
        }
    }
}

/// Weak under 60 bits, good under 80, strong from 80 on.
pub fn entropy_band(bits: f64) -> EntropyBand {
    if bits < GOOD_BITS {
        EntropyBand::Weak
    } else if bits < STRONG_BITS {
        EntropyBand::Good
    } else {
        EntropyBand::Strong
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

    #[test]
    fn every_policy_within_bounds_gives_its_length_its_classes_and_no_lookalikes() {
        for length in [MIN_LENGTH, 13, 20, MAX_LENGTH] {
            for mask in 1u8..16 {
                for exclude_lookalikes in [true, false] {
                    let policy = PasswordPolicy {
                        length,
                        lower: mask & 1 != 0,
                        upper: mask & 2 != 0,
                        digits: mask & 4 != 0,
                        symbols: mask & 8 != 0,
                        exclude_lookalikes,
                    };
                    let text = generate_password(&policy).unwrap().expose().to_owned();
                    assert_eq!(text.chars().count(), length, "{policy:?}");
                    let has = |pred: fn(&char) -> bool| text.chars().any(|c| pred(&c));
                    assert_eq!(has(char::is_ascii_lowercase), policy.lower, "{policy:?}");
                    assert_eq!(has(char::is_ascii_uppercase), policy.upper, "{policy:?}");
                    assert_eq!(has(char::is_ascii_digit), policy.digits, "{policy:?}");
                    assert_eq!(has(|c| SYMBOLS.contains(*c)), policy.symbols, "{policy:?}");
                    if exclude_lookalikes {
                        assert!(!text.chars().any(|c| LOOKALIKES.contains(c)), "{text}");
                    }
                }
            }
        }
        for length in [0, MIN_LENGTH - 1, MAX_LENGTH + 1, 1000] {
            let policy = PasswordPolicy {
                length,
                ..PasswordPolicy::default()
            };
            assert_eq!(generate_password(&policy).unwrap_err(), PolicyError::Length);
        }
    }

    #[test]
    fn entropy_counts_only_passwords_with_every_class_and_falls_into_bands() {
        // Digits and lower case, 12 characters, no look-alikes: 8 + 24 characters.
        // Every string minus those with no digit and those with no letter.
        let policy = PasswordPolicy {
            length: 12,
            lower: true,
            upper: false,
            digits: true,
            symbols: false,
            exclude_lookalikes: true,
        };
        let exact = (32f64.powi(12) - 24f64.powi(12) - 8f64.powi(12)).log2();
        assert!(
            (policy.entropy_bits() - exact).abs() < 1e-9,
            "{}",
            policy.entropy_bits()
        );
        assert_eq!(policy.entropy().bits, 59);
        assert_eq!(policy.entropy().band, EntropyBand::Weak);

        assert_eq!(entropy_band(59.99), EntropyBand::Weak);
        assert_eq!(entropy_band(60.0), EntropyBand::Good);
        assert_eq!(entropy_band(79.99), EntropyBand::Good);
        assert_eq!(entropy_band(80.0), EntropyBand::Strong);
        let default = PasswordPolicy::default().entropy();
        assert_eq!(default.band, EntropyBand::Strong);
        assert_eq!(default.bits, 97);

        let digits_only = PasswordPolicy {
            length: 20,
            lower: false,
            upper: false,
            digits: true,
            symbols: false,
            exclude_lookalikes: false,
        };
        assert_eq!(digits_only.entropy().bits, 66);
        assert_eq!(digits_only.entropy().band, EntropyBand::Good);
    }

    #[test]
    fn settings_round_trip_and_bad_settings_are_refused() {
        let policy = PasswordPolicy::default();
        assert_eq!(
            PasswordPolicy::from_settings(&policy.to_settings()).unwrap(),
            policy
        );
        let mut settings = policy.to_settings();
        settings.length = 65;
        assert_eq!(
            PasswordPolicy::from_settings(&settings).unwrap_err(),
            PolicyError::Length
        );
        settings.length = 16;
        settings.lower = false;
        settings.upper = false;
        settings.digits = false;
        settings.symbols = false;
        assert_eq!(
            PasswordPolicy::from_settings(&settings).unwrap_err(),
            PolicyError::NoClasses
        );
    }
}
