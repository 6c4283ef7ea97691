//! Settings → Credentials: the password policy (with its entropy, asked again as the
//! policy changes), handoff expiry, clipboard clearing and whether agents see a new
//! customer's password once.

use std::rc::Rc;

use keydesk_api::{
    CredentialSettings, CredentialSettingsView, Error, PasswordPolicySettings, PolicyEntropy,
};
use yew::prelude::*;

pub const MIN_LENGTH: u32 = 12;
pub const MAX_LENGTH: u32 = 64;
pub const MIN_EXPIRY_DAYS: u32 = 1;
pub const MAX_EXPIRY_DAYS: u32 = 90;
pub const MAX_CLIPBOARD_SECONDS: u32 = 600;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialsLoad {
    Loading,
    Loaded,
    Failed(String),
}

/// A number field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberField {
    Length,
    ExpiryDays,
    ClipboardSeconds,
}

/// A character class (or the look-alikes switch) of the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicySwitch {
    Lower,
    Upper,
    Digits,
    Symbols,
    ExcludeLookalikes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialSettingsForm {
    pub load: CredentialsLoad,
    pub load_seq: u64,
    pub length: String,
    pub expiry_days: String,
    pub clipboard_seconds: String,
    pub lower: bool,
    pub upper: bool,
    pub digits: bool,
    pub symbols: bool,
    pub exclude_lookalikes: bool,
    pub agents_see_once: bool,
    /// The entropy of the policy as typed; `None` while it cannot be computed.
    pub entropy: Option<PolicyEntropy>,
    /// Bumped when the policy changed and its entropy must be asked again.
    pub entropy_seq: u64,
    /// Field-level errors: `(field, message)`, field as the shell names it.
    pub errors: Vec<(String, String)>,
    pub banner: Option<String>,
    pub busy: bool,
    /// Bumped when a save must go out.
    pub save_seq: u64,
    pub saved: bool,
}

impl Default for CredentialSettingsForm {
    fn default() -> Self {
        Self {
            load: CredentialsLoad::Loading,
            load_seq: 1,
            length: String::new(),
            expiry_days: String::new(),
            clipboard_seconds: String::new(),
            lower: true,
            upper: true,
            digits: true,
            symbols: true,
            exclude_lookalikes: true,
            agents_see_once: false,
            entropy: None,
            entropy_seq: 0,
            errors: Vec::new(),
            banner: None,
            busy: false,
            save_seq: 0,
            saved: false,
        }
    }
}

pub enum CredentialsAction {
    Reload,
    Loaded {
        seq: u64,
        view: CredentialSettingsView,
    },
    LoadFailed {
        seq: u64,
        message: String,
    },
    Number(NumberField, String),
    Switch(PolicySwitch, bool),
    AgentsSeeOnce(bool),
    Entropy {
        seq: u64,
        entropy: PolicyEntropy,
    },
    /// The shell refused the policy for its entropy (e.g. no class chosen).
    EntropyRefused {
        seq: u64,
        error: Error,
    },
    Save,
    Saved(CredentialSettingsView),
    SaveFailed(Error),
    DismissBanner,
}

fn parse_in(value: &str, min: u32, max: u32, what: &str) -> Result<u32, String> {
    match value.trim().parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "Enter a whole number of {what} from {min} to {max}."
        )),
    }
}

impl CredentialSettingsForm {
    /// The policy as typed, once its length reads as a number in range.
    pub fn policy(&self) -> Option<PasswordPolicySettings> {
        let length = parse_in(&self.length, MIN_LENGTH, MAX_LENGTH, "characters").ok()?;
        Some(PasswordPolicySettings {
            length,
            lower: self.lower,
            upper: self.upper,
            digits: self.digits,
            symbols: self.symbols,
            exclude_lookalikes: self.exclude_lookalikes,
        })
    }

    /// The whole form as settings, or the field errors that keep it from saving.
    pub fn settings(&self) -> Result<CredentialSettings, Vec<(String, String)>> {
        let mut errors = Vec::new();
        let length = parse_in(&self.length, MIN_LENGTH, MAX_LENGTH, "characters")
            .map_err(|e| errors.push(("length".to_owned(), e)));
        let days = parse_in(&self.expiry_days, MIN_EXPIRY_DAYS, MAX_EXPIRY_DAYS, "days")
            .map_err(|e| errors.push(("handoff_expiry_days".to_owned(), e)));
        let seconds = parse_in(&self.clipboard_seconds, 0, MAX_CLIPBOARD_SECONDS, "seconds")
            .map_err(|e| errors.push(("clipboard_clear_seconds".to_owned(), e)));
        if !(self.lower || self.upper || self.digits || self.symbols) {
            errors.push((
                "character_classes".to_owned(),
                "Choose at least one kind of character.".to_owned(),
            ));
        }
        match (length, days, seconds) {
            (Ok(length), Ok(days), Ok(seconds)) if errors.is_empty() => Ok(CredentialSettings {
                policy: PasswordPolicySettings {
                    length,
                    lower: self.lower,
                    upper: self.upper,
                    digits: self.digits,
                    symbols: self.symbols,
                    exclude_lookalikes: self.exclude_lookalikes,
                },
                handoff_expiry_days: days,
                clipboard_clear_seconds: seconds,
                agents_see_new_password_once: self.agents_see_once,
            }),
            _ => Err(errors),
        }
    }

    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
    }

    fn fill(&mut self, view: CredentialSettingsView) {
        let s = view.settings;
        self.length = s.policy.length.to_string();
        self.lower = s.policy.lower;
        self.upper = s.policy.upper;
        self.digits = s.policy.digits;
        self.symbols = s.policy.symbols;
        self.exclude_lookalikes = s.policy.exclude_lookalikes;
        self.expiry_days = s.handoff_expiry_days.to_string();
        self.clipboard_seconds = s.clipboard_clear_seconds.to_string();
        self.agents_see_once = s.agents_see_new_password_once;
        self.entropy = Some(view.entropy);
    }

    /// The policy changed: its entropy is asked again, or dropped if it cannot be.
    fn policy_changed(&mut self) {
        self.saved = false;
        self.entropy_seq += 1;
        let length_error = self.policy().is_none().then(|| {
            format!("Enter a whole number of characters from {MIN_LENGTH} to {MAX_LENGTH}.")
        });
        self.errors
            .retain(|(f, _)| f != "length" && f != "character_classes");
        if let Some(e) = length_error {
            self.errors.push(("length".to_owned(), e));
            self.entropy = None;
        }
        if !(self.lower || self.upper || self.digits || self.symbols) {
            self.errors.push((
                "character_classes".to_owned(),
                "Choose at least one kind of character.".to_owned(),
            ));
            self.entropy = None;
        }
    }
}

impl Reducible for CredentialSettingsForm {
    type Action = CredentialsAction;

    fn reduce(self: Rc<Self>, action: CredentialsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CredentialsAction::Reload => {
                next.load_seq += 1;
                next.load = CredentialsLoad::Loading;
            }
            CredentialsAction::Loaded { seq, view } => {
                if seq != self.load_seq {
                    return self;
                }
                next.load = CredentialsLoad::Loaded;
                next.fill(view);
            }
            CredentialsAction::LoadFailed { seq, message } => {
                if seq != self.load_seq {
                    return self;
                }
                next.load = CredentialsLoad::Failed(message);
            }
            CredentialsAction::Number(field, value) => {
                next.saved = false;
                match field {
                    NumberField::Length => {
                        next.length = value;
                        next.policy_changed();
                    }
                    NumberField::ExpiryDays => {
                        next.expiry_days = value;
                        next.errors.retain(|(f, _)| f != "handoff_expiry_days");
                    }
                    NumberField::ClipboardSeconds => {
                        next.clipboard_seconds = value;
                        next.errors.retain(|(f, _)| f != "clipboard_clear_seconds");
                    }
                }
            }
            CredentialsAction::Switch(switch, on) => {
                match switch {
                    PolicySwitch::Lower => next.lower = on,
                    PolicySwitch::Upper => next.upper = on,
                    PolicySwitch::Digits => next.digits = on,
                    PolicySwitch::Symbols => next.symbols = on,
                    PolicySwitch::ExcludeLookalikes => next.exclude_lookalikes = on,
                }
                next.policy_changed();
            }
            CredentialsAction::AgentsSeeOnce(on) => {
                next.saved = false;
                next.agents_see_once = on;
            }
            CredentialsAction::Entropy { seq, entropy } => {
                if seq != self.entropy_seq {
                    return self;
                }
                next.entropy = Some(entropy);
            }
            CredentialsAction::EntropyRefused { seq, error } => {
                if seq != self.entropy_seq {
                    return self;
                }
                next.entropy = None;
                if let Some(field) = error.field {
                    next.errors.retain(|(f, _)| *f != field);
                    next.errors.push((field, error.message));
                }
            }
            CredentialsAction::Save => {
                if self.busy || self.load != CredentialsLoad::Loaded {
                    return self;
                }
                match self.settings() {
                    Ok(_) => {
                        next.busy = true;
                        next.banner = None;
                        next.save_seq += 1;
                    }
                    Err(errors) => next.errors = errors,
                }
            }
            CredentialsAction::Saved(view) => {
                next.busy = false;
                next.saved = true;
                next.errors.clear();
                next.fill(view);
            }
            CredentialsAction::SaveFailed(error) => {
                next.busy = false;
                match error.field {
                    Some(field) => next.errors.push((field, error.message)),
                    None => next.banner = Some(error.message),
                }
            }
            CredentialsAction::DismissBanner => next.banner = None,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::{EntropyBand, ErrorCode};

    fn view() -> CredentialSettingsView {
        CredentialSettingsView {
            settings: CredentialSettings {
                policy: PasswordPolicySettings {
                    length: 16,
                    lower: true,
                    upper: true,
                    digits: true,
                    symbols: true,
                    exclude_lookalikes: true,
                },
                handoff_expiry_days: 7,
                clipboard_clear_seconds: 30,
                agents_see_new_password_once: false,
            },
            entropy: PolicyEntropy {
                bits: 100,
                band: EntropyBand::Strong,
            },
        }
    }

    fn loaded() -> Rc<CredentialSettingsForm> {
        Rc::new(CredentialSettingsForm::default()).reduce(CredentialsAction::Loaded {
            seq: 1,
            view: view(),
        })
    }

    #[test]
    fn the_loaded_settings_fill_the_form() {
        let form = loaded();
        assert_eq!(form.length, "16");
        assert_eq!(form.clipboard_seconds, "30");
        assert_eq!(form.settings().unwrap(), view().settings);
    }

    #[test]
    fn a_policy_change_asks_for_its_entropy_and_drops_stale_answers() {
        let form = loaded().reduce(CredentialsAction::Switch(PolicySwitch::Symbols, false));
        assert_eq!(form.entropy_seq, 1);
        let form = form.reduce(CredentialsAction::Number(NumberField::Length, "20".into()));
        let weak = PolicyEntropy {
            bits: 50,
            band: EntropyBand::Weak,
        };
        let stale = form.clone().reduce(CredentialsAction::Entropy {
            seq: 1,
            entropy: weak,
        });
        assert_eq!(stale.entropy.unwrap().band, EntropyBand::Strong);
        let fresh = form.reduce(CredentialsAction::Entropy {
            seq: 2,
            entropy: weak,
        });
        assert_eq!(fresh.entropy, Some(weak));
    }

    #[test]
    fn a_length_out_of_range_or_no_class_is_an_error_at_the_field() {
        let form = loaded().reduce(CredentialsAction::Number(NumberField::Length, "8".into()));
        assert!(form.error("length").is_some());
        assert!(form.entropy.is_none());
        let form = loaded()
            .reduce(CredentialsAction::Switch(PolicySwitch::Lower, false))
            .reduce(CredentialsAction::Switch(PolicySwitch::Upper, false))
            .reduce(CredentialsAction::Switch(PolicySwitch::Digits, false))
            .reduce(CredentialsAction::Switch(PolicySwitch::Symbols, false));
        assert!(form.error("character_classes").is_some());
        let form = form.reduce(CredentialsAction::Save);
        assert!(!form.busy);
    }

    #[test]
    fn saving_checks_every_number_then_reports_the_shells_refusal_at_its_field() {
        let form = loaded()
            .reduce(CredentialsAction::Number(
                NumberField::ClipboardSeconds,
                "900".into(),
            ))
            .reduce(CredentialsAction::Save);
        assert!(!form.busy);
        assert!(form.error("clipboard_clear_seconds").is_some());
        let form = form
            .reduce(CredentialsAction::Number(
                NumberField::ClipboardSeconds,
                "0".into(),
            ))
            .reduce(CredentialsAction::Save);
        assert!(form.busy);
        assert_eq!(form.save_seq, 1);
        let mut refusal = Error::new(ErrorCode::InvalidInput, "Too many days.");
        refusal.field = Some("handoff_expiry_days".to_owned());
        let form = form.reduce(CredentialsAction::SaveFailed(refusal));
        assert!(!form.busy);
        assert_eq!(
            form.error("handoff_expiry_days").as_deref(),
            Some("Too many days.")
        );
        let form = form.reduce(CredentialsAction::Saved(view()));
        assert!(form.saved);
        assert!(form.errors.is_empty());
    }
}
