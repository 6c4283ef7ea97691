//! Settings → Credentials: the password policy (with its entropy, asked again as the
//! policy changes), handoff expiry, clipboard clearing and whether agents see a new
//! customer's password once.

use std::rc::Rc;

use keydesk_api::{
    CredentialSettings, CredentialSettingsView, Error, PasswordPolicySettings, PolicyEntropy,
};
use yew::prelude::*;

use crate::form::{self, FormAction, FormMeta, FormState};
use crate::state::remote::{Remote, Request};
use crate::state::settings::{show_at_field, whole_number};
use crate::words::Said;

pub const MIN_LENGTH: u32 = 12;
pub const MAX_LENGTH: u32 = 64;
pub const MIN_EXPIRY_DAYS: u32 = 1;
pub const MAX_EXPIRY_DAYS: u32 = 90;
pub const MAX_CLIPBOARD_SECONDS: u32 = 600;

form::fields! {
    /// A field of the form; `Classes` is the four character-class switches, which share
    /// one error.
    pub enum CredentialField {
        Length = "length" => "credential-length",
        Classes = "character_classes" => "credential-lower",
        ExpiryDays = "handoff_expiry_days" => "credential-expiry-days",
        ClipboardSeconds = "clipboard_clear_seconds" => "credential-clipboard-seconds",
    }
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
    /// The settings as the shell gave them; the form is shown once they are here.
    pub load: Request<()>,
    pub length: String,
    pub expiry_days: String,
    pub clipboard_seconds: String,
    pub lower: bool,
    pub upper: bool,
    pub digits: bool,
    pub symbols: bool,
    pub exclude_lookalikes: bool,
    pub agents_see_once: bool,
    /// The entropy of the policy as typed, asked again as it changes; not loaded while
    /// it cannot be computed.
    pub entropy: Request<PolicyEntropy>,
    pub saved: bool,
    pub meta: FormMeta<CredentialField>,
}

impl Default for CredentialSettingsForm {
    fn default() -> Self {
        Self {
            load: Request::started(),
            length: String::new(),
            expiry_days: String::new(),
            clipboard_seconds: String::new(),
            lower: true,
            upper: true,
            digits: true,
            symbols: true,
            exclude_lookalikes: true,
            agents_see_once: false,
            entropy: Request::default(),
            saved: false,
            meta: FormMeta::default(),
        }
    }
}

pub enum CredentialsAction {
    Reload,
    Loaded {
        seq: u64,
        answer: Result<CredentialSettingsView, Error>,
    },
    Switch(PolicySwitch, bool),
    AgentsSeeOnce(bool),
    /// The policy's entropy, or the shell's refusal of the policy (e.g. no class chosen).
    Entropy {
        seq: u64,
        answer: Result<PolicyEntropy, Error>,
    },
    Saved(CredentialSettingsView),
}

impl CredentialSettingsForm {
    fn has_class(&self) -> bool {
        self.lower || self.upper || self.digits || self.symbols
    }

    /// The policy as typed, once its length reads as a number in range.
    pub fn policy(&self) -> Option<PasswordPolicySettings> {
        let length = whole_number(&self.length, MIN_LENGTH..=MAX_LENGTH)?;
        Some(PasswordPolicySettings {
            length,
            lower: self.lower,
            upper: self.upper,
            digits: self.digits,
            symbols: self.symbols,
            exclude_lookalikes: self.exclude_lookalikes,
        })
    }

    /// The whole form as settings, once every field passes its check.
    pub fn settings(&self) -> Option<CredentialSettings> {
        if !self.is_valid() {
            return None;
        }
        Some(CredentialSettings {
            policy: self.policy()?,
            handoff_expiry_days: number(&self.expiry_days)?,
            clipboard_clear_seconds: number(&self.clipboard_seconds)?,
            agents_see_new_password_once: self.agents_see_once,
        })
    }

    /// A number must be in its range, and the policy must use some kind of character.
    fn problem(&self, field: CredentialField) -> Option<Said> {
        let (text, min, max, id) = match field {
            CredentialField::Length => (
                &self.length,
                MIN_LENGTH,
                MAX_LENGTH,
                "settings-credential-check-length",
            ),
            CredentialField::Classes => {
                return (!self.has_class()).then(|| Said::id("settings-credential-check-classes"))
            }
            CredentialField::ExpiryDays => (
                &self.expiry_days,
                MIN_EXPIRY_DAYS,
                MAX_EXPIRY_DAYS,
                "settings-credential-check-expiry-days",
            ),
            CredentialField::ClipboardSeconds => (
                &self.clipboard_seconds,
                0,
                MAX_CLIPBOARD_SECONDS,
                "settings-credential-check-clipboard-seconds",
            ),
        };
        whole_number(text, min..=max)
            .is_none()
            .then(|| Said::with(id, &[("min", min.into()), ("max", max.into())]))
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
        self.entropy.remote = Remote::Loaded(view.entropy);
    }

    /// The policy changed: its entropy is asked again, or dropped if it cannot be.
    fn policy_changed(&mut self) {
        self.saved = false;
        self.entropy.refresh();
        self.meta.clear_server_error(CredentialField::Length);
        self.meta.clear_server_error(CredentialField::Classes);
        if self.policy().is_none() || !self.has_class() {
            self.entropy.remote = Remote::Idle;
        }
    }
}

impl FormState for CredentialSettingsForm {
    type Field = CredentialField;
    type Own = CredentialsAction;

    form::meta_in_field!();

    fn value(&self, field: CredentialField) -> &str {
        match field {
            CredentialField::Length => &self.length,
            CredentialField::Classes => "",
            CredentialField::ExpiryDays => &self.expiry_days,
            CredentialField::ClipboardSeconds => &self.clipboard_seconds,
        }
    }

    /// A number's check is said on save and forgotten on its next edit; the policy's
    /// are said as it changes.
    fn set(&mut self, field: CredentialField, value: String) {
        self.saved = false;
        match field {
            CredentialField::Length => {
                self.length = value;
                self.policy_changed();
            }
            CredentialField::Classes => {}
            CredentialField::ExpiryDays => self.expiry_days = value,
            CredentialField::ClipboardSeconds => self.clipboard_seconds = value,
        }
        self.meta.untouch(field);
    }

    fn check(&self, field: CredentialField) -> Option<Said> {
        self.problem(field)
    }

    fn shows_early(&self, field: CredentialField) -> bool {
        matches!(field, CredentialField::Length | CredentialField::Classes)
    }

    const MOVES_FOCUS: bool = false;

    fn own(&mut self, action: CredentialsAction) -> bool {
        match action {
            CredentialsAction::Reload => self.load.start(),
            CredentialsAction::Loaded { seq, answer } => {
                if seq != self.load.seq {
                    return false;
                }
                let answer = answer.map(|view| self.fill(view));
                self.load.finish(seq, answer);
            }
            CredentialsAction::Switch(switch, on) => {
                match switch {
                    PolicySwitch::Lower => self.lower = on,
                    PolicySwitch::Upper => self.upper = on,
                    PolicySwitch::Digits => self.digits = on,
                    PolicySwitch::Symbols => self.symbols = on,
                    PolicySwitch::ExcludeLookalikes => self.exclude_lookalikes = on,
                }
                self.policy_changed();
            }
            CredentialsAction::AgentsSeeOnce(on) => {
                self.saved = false;
                self.agents_see_once = on;
            }
            CredentialsAction::Entropy { seq, answer } => {
                if seq != self.entropy.seq {
                    return false;
                }
                if let Err(error) = &answer {
                    show_at_field(self, error);
                }
                self.entropy.finish(seq, answer);
            }
            CredentialsAction::Saved(view) => {
                self.meta.reset();
                self.saved = true;
                self.fill(view);
            }
        }
        true
    }
}

impl Reducible for CredentialSettingsForm {
    type Action = FormAction<CredentialField, CredentialsAction>;

    /// A save waits for the settings; it replaces the shell's errors with the form's own,
    /// and a refused one leaves the banner as it was.
    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        if !matches!(action, FormAction::Submit) {
            return form::reduce(self, action);
        }
        if self.meta.busy || self.load.remote.loaded().is_none() {
            return self;
        }
        let banner = self.meta.banner.clone();
        let mut next = (*self).clone();
        next.meta.clear_server_errors();
        let mut next = form::reduce(Rc::new(next), action);
        if !next.meta.busy {
            Rc::make_mut(&mut next).meta.banner = banner;
        }
        next
    }
}

/// A field's whole number, typed with either digits.
fn number<T: std::str::FromStr>(text: &str) -> Option<T> {
    keydesk_api::Language::ascii_digits(text)
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Field;
    use crate::words::{in_english, in_persian, Words};
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

    use CredentialField as F;
    use CredentialsAction as A;

    fn own(action: CredentialsAction) -> FormAction<CredentialField, CredentialsAction> {
        FormAction::Own(action)
    }

    fn loaded() -> Rc<CredentialSettingsForm> {
        Rc::new(CredentialSettingsForm::default()).reduce(own(A::Loaded {
            seq: 1,
            answer: Ok(view()),
        }))
    }

    #[test]
    fn the_loaded_settings_fill_the_form() {
        let form = loaded();
        assert_eq!(form.length, "16");
        assert_eq!(form.clipboard_seconds, "30");
        assert_eq!(form.settings().unwrap(), view().settings);
    }

    #[test]
    fn numbers_typed_in_persian_digits_are_the_same_settings() {
        let form = loaded()
            .reduce(FormAction::Edit(F::Length, "۱۶".into()))
            .reduce(FormAction::Edit(F::ClipboardSeconds, "۳۰".into()));
        assert_eq!(form.field_error(F::ClipboardSeconds), None);
        assert_eq!(form.settings().unwrap(), view().settings);
    }

    #[test]
    fn every_check_is_said_in_every_language() {
        // Empty numbers and no kind of character: every check at once. Length and
        // classes are said before a save.
        let form = CredentialSettingsForm {
            lower: false,
            upper: false,
            digits: false,
            symbols: false,
            ..CredentialSettingsForm::default()
        };
        let checks: Vec<Said> = CredentialField::ALL
            .iter()
            .filter_map(|&field| form.check(field))
            .collect();
        assert_eq!(checks.len(), 4);
        for language in keydesk_api::Language::ALL {
            let words = Words::new(crate::words::speaking(language));
            for check in &checks {
                assert!(!words.say(check).starts_with('['), "{check:?}");
            }
        }
        assert_eq!(
            in_english(form.field_error(F::Length)).as_deref(),
            Some("Enter a whole number of characters from 12 to 64.")
        );
        assert_eq!(
            in_english(form.field_error(F::Classes)).as_deref(),
            Some("Choose at least one kind of character.")
        );
        assert_eq!(
            in_persian(form.field_error(F::Length)),
            Some(
                Words::new(crate::words::speaking(keydesk_api::Language::Fa)).t_with(
                    "settings-credential-check-length",
                    &[("min", "۱۲"), ("max", "۶۴")]
                )
            )
        );
    }

    #[test]
    fn a_late_load_is_dropped_and_a_failed_one_says_why() {
        let form = Rc::new(CredentialSettingsForm::default()).reduce(own(A::Reload));
        let stale = form.clone().reduce(own(A::Loaded {
            seq: 1,
            answer: Ok(view()),
        }));
        assert!(stale.load.is_loading());
        assert_eq!(stale.length, "");
        let failed = form.reduce(own(A::Loaded {
            seq: 2,
            answer: Err(Error::new(ErrorCode::Internal, "Disk full.")),
        }));
        assert_eq!(failed.load.remote.failure(), Some("Disk full."));
        assert!(!failed.reduce(FormAction::Submit).meta.busy);
    }

    #[test]
    fn a_policy_change_asks_for_its_entropy_and_drops_stale_answers() {
        let form = loaded().reduce(own(A::Switch(PolicySwitch::Symbols, false)));
        assert_eq!(form.entropy.seq, 1);
        let form = form.reduce(FormAction::Edit(F::Length, "20".into()));
        let weak = PolicyEntropy {
            bits: 50,
            band: EntropyBand::Weak,
        };
        let stale = form.clone().reduce(own(A::Entropy {
            seq: 1,
            answer: Ok(weak),
        }));
        assert_eq!(
            stale.entropy.remote.loaded().unwrap().band,
            EntropyBand::Strong
        );
        let fresh = form.reduce(own(A::Entropy {
            seq: 2,
            answer: Ok(weak),
        }));
        assert_eq!(fresh.entropy.remote.loaded(), Some(&weak));
    }

    #[test]
    fn a_length_out_of_range_or_no_class_is_an_error_at_the_field() {
        let form = loaded().reduce(FormAction::Edit(F::Length, "8".into()));
        assert!(form.field_error(F::Length).is_some());
        assert!(form.entropy.remote.loaded().is_none());
        let form = loaded()
            .reduce(own(A::Switch(PolicySwitch::Lower, false)))
            .reduce(own(A::Switch(PolicySwitch::Upper, false)))
            .reduce(own(A::Switch(PolicySwitch::Digits, false)))
            .reduce(own(A::Switch(PolicySwitch::Symbols, false)));
        assert!(form.field_error(F::Classes).is_some());
        let form = form.reduce(FormAction::Submit);
        assert!(!form.meta.busy);
    }

    #[test]
    fn the_shells_refusal_of_a_policy_shows_at_its_field_until_it_changes() {
        let form = loaded().reduce(own(A::Switch(PolicySwitch::Symbols, false)));
        let refused = form.reduce(own(A::Entropy {
            seq: 1,
            answer: Err(Error::for_field("length", "Too short.")),
        }));
        assert!(refused.entropy.remote.loaded().is_none());
        assert_eq!(
            crate::words::in_english(refused.field_error(F::Length)).as_deref(),
            Some("Too short.")
        );
        let changed = refused.reduce(own(A::Switch(PolicySwitch::Symbols, true)));
        assert_eq!(changed.field_error(F::Length), None);
    }

    #[test]
    fn saving_checks_every_number_then_reports_the_shells_refusal_at_its_field() {
        let form = loaded()
            .reduce(FormAction::Edit(F::ClipboardSeconds, "900".into()))
            .reduce(FormAction::Submit);
        assert!(!form.meta.busy);
        assert!(form.field_error(F::ClipboardSeconds).is_some());
        let typing = form
            .clone()
            .reduce(FormAction::Edit(F::ClipboardSeconds, "9000".into()));
        assert_eq!(typing.field_error(F::ClipboardSeconds), None);
        let form = form
            .reduce(FormAction::Edit(F::ClipboardSeconds, "0".into()))
            .reduce(FormAction::Submit);
        assert!(form.meta.busy);
        assert_eq!(form.meta.submit_seq, 1);
        let mut refusal = Error::new(ErrorCode::InvalidInput, "Too many days.");
        refusal.field = Some("handoff_expiry_days".to_owned());
        let form = form.reduce(FormAction::Failed(refusal));
        assert!(!form.meta.busy);
        assert_eq!(
            crate::words::in_english(form.field_error(F::ExpiryDays)).as_deref(),
            Some("Too many days.")
        );
        let form = form.reduce(own(A::Saved(view())));
        assert!(form.saved);
        assert_eq!(form.first_error_field(), None);
    }

    #[test]
    fn a_refused_save_keeps_the_banner_and_a_sent_one_clears_it() {
        let form = loaded()
            .reduce(FormAction::Submit)
            .reduce(FormAction::Failed(Error::new(
                ErrorCode::Forbidden,
                "Owner only.",
            )));
        let refused = form
            .clone()
            .reduce(FormAction::Edit(F::ExpiryDays, "0".into()))
            .reduce(FormAction::Submit);
        assert_eq!(
            crate::words::in_english(refused.meta.banner.clone()).as_deref(),
            Some("Owner only.")
        );
        let sent = form.reduce(FormAction::Submit);
        assert!(sent.meta.busy);
        assert_eq!(sent.meta.banner, None);
    }
}
