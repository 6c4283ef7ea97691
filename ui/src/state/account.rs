//! My account: the display name form (the password form is [`super::password_form`]).

use std::rc::Rc;

use keydesk_api::{ChangeDisplayNameRequest, Error};
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameForm {
    pub display_name: String,
    pub error: Option<String>,
    pub busy: bool,
    /// Bumped when a save is accepted; the effect that sends it keys on this.
    pub submit_seq: u64,
    /// The last save went through (until the next edit).
    pub saved: bool,
}

pub enum NameAction {
    Edit(String),
    Save,
    Saved(String),
    Failed(Error),
}

/// Shown when the name is left empty.
pub const NAME_MISSING: &str = "Enter the name your colleagues will see.";

impl NameForm {
    pub fn new(display_name: &str) -> Self {
        Self {
            display_name: display_name.to_owned(),
            ..Self::default()
        }
    }

    pub fn request(&self) -> ChangeDisplayNameRequest {
        ChangeDisplayNameRequest {
            display_name: self.display_name.trim().to_owned(),
        }
    }
}

impl Reducible for NameForm {
    type Action = NameAction;

    fn reduce(self: Rc<Self>, action: NameAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            NameAction::Edit(name) => {
                if name == next.display_name {
                    return self;
                }
                next.display_name = name;
                next.error = None;
                next.saved = false;
            }
            NameAction::Save => {
                if next.busy {
                    return self;
                }
                next.saved = false;
                if next.display_name.trim().is_empty() {
                    next.error = Some(NAME_MISSING.to_owned());
                } else {
                    next.error = None;
                    next.busy = true;
                    next.submit_seq += 1;
                }
            }
            NameAction::Saved(name) => {
                next.busy = false;
                next.saved = true;
                next.display_name = name;
            }
            NameAction::Failed(error) => {
                next.busy = false;
                next.error = Some(error.message);
            }
        }
        next.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(form: NameForm, actions: impl IntoIterator<Item = NameAction>) -> NameForm {
        let mut state = Rc::new(form);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    #[test]
    fn an_empty_name_is_refused_without_a_request() {
        let form = apply(
            NameForm::new("Olive"),
            [NameAction::Edit("  ".into()), NameAction::Save],
        );
        assert_eq!(form.error.as_deref(), Some(NAME_MISSING));
        assert_eq!(form.submit_seq, 0);
    }

    #[test]
    fn saving_sends_the_trimmed_name_and_shows_the_saved_one() {
        let form = apply(
            NameForm::new("Olive"),
            [
                NameAction::Edit(" Olivia Owner ".into()),
                NameAction::Save,
                NameAction::Save,
            ],
        );
        assert_eq!(form.submit_seq, 1);
        assert_eq!(form.request().display_name, "Olivia Owner");
        let saved = apply(form, [NameAction::Saved("Olivia Owner".into())]);
        assert!(saved.saved);
        assert_eq!(saved.display_name, "Olivia Owner");
        let edited = apply(saved, [NameAction::Edit("Liv".into())]);
        assert!(!edited.saved);
    }

    #[test]
    fn a_refused_name_shows_the_shells_words() {
        let form = apply(
            NameForm::new("Olive"),
            [
                NameAction::Save,
                NameAction::Failed(Error::for_field("display_name", "Too long.")),
            ],
        );
        assert_eq!(form.error.as_deref(), Some("Too long."));
        assert!(!form.busy);
    }
}
