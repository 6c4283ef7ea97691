//! One way to write a form: its fields and rules are its own, the rest is shared.
//!
//! A form's state holds its values and a [`FormMeta`]: which fields were left, the
//! shell's errors by field, the banner, whether its call runs, the submit sequence its
//! effect keys on and the attempts that move focus. [`FormState`] says what is particular
//! to a form (how a field is read and written, its checks); [`reduce`] does the rest, and
//! [`use_form`] wires a form to the window. All of it but the hook is pure, so plain
//! `cargo test` covers it (see [`crate::state`]).
//!
//! What a form says (its checks, its refusal, the shell's errors) is kept as a
//! [`Said`], not as words: the state does not know the language, and the hook says it in
//! the language of the moment, so switching language reaches every message on screen.

mod hook;

use std::fmt;
use std::rc::Rc;

use keydesk_api::Error;

use crate::words::Said;

pub use hook::{use_form, Form};

/// `meta()` and `meta_mut()` of a [`FormState`] that keeps its [`FormMeta`] in `meta`.
macro_rules! meta_in_field {
    () => {
        fn meta(&self) -> &$crate::form::FormMeta<Self::Field> {
            &self.meta
        }

        fn meta_mut(&mut self) -> &mut $crate::form::FormMeta<Self::Field> {
            &mut self.meta
        }
    };
}
pub(crate) use meta_in_field;

/// A form's field type with the shell's name and the input's id of each field, in form
/// (and tab) order: an enum, or a unit struct for a form of one field.
macro_rules! fields {
    ($(#[$attr:meta])* $vis:vis enum $name:ident {
        $($variant:ident = $api:literal => $id:literal),+ $(,)?
    }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name {
            $($variant),+
        }

        impl $crate::form::Field for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn api_name(self) -> &'static str {
                match self {
                    $($name::$variant => $api),+
                }
            }

            fn input_id(self) -> &'static str {
                match self {
                    $($name::$variant => $id),+
                }
            }
        }
    };
    ($(#[$attr:meta])* $vis:vis struct $name:ident = $api:literal => $id:literal;) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis struct $name;

        impl $crate::form::Field for $name {
            const ALL: &'static [Self] = &[$name];

            fn api_name(self) -> &'static str {
                $api
            }

            fn input_id(self) -> &'static str {
                $id
            }
        }
    };
}
pub(crate) use fields;

/// `value()` and `set()` of a [`FormState`] whose fields each edit a `String` of its own
/// (`email`, or a path such as `input.email`); `set()` then calls [`FormState::edited`].
macro_rules! text_values {
    ($($field:pat => $($slot:ident).+),+ $(,)?) => {
        fn value(&self, field: Self::Field) -> &str {
            match field {
                $($field => &self.$($slot).+),+
            }
        }

        fn set(&mut self, field: Self::Field, value: String) {
            *match field {
                $($field => &mut self.$($slot).+),+
            } = value;
            self.edited(field);
        }
    };
}
pub(crate) use text_values;

/// The `Reducible` of a form whose actions all go to [`reduce`].
macro_rules! reducible {
    ($form:ty) => {
        impl ::yew::Reducible for $form {
            type Action = $crate::form::FormAction<
                <$form as $crate::form::FormState>::Field,
                <$form as $crate::form::FormState>::Own,
            >;

            fn reduce(self: ::std::rc::Rc<Self>, action: Self::Action) -> ::std::rc::Rc<Self> {
                $crate::form::reduce(self, action)
            }
        }
    };
}
pub(crate) use reducible;

/// A form's field enum.
pub trait Field: Copy + Eq + fmt::Debug + 'static {
    /// Every field in form order, which is also the tab order.
    const ALL: &'static [Self];

    /// The name the shell uses in `Error::field`.
    fn api_name(self) -> &'static str;

    /// The input's element id (a contract with the end-to-end tests).
    fn input_id(self) -> &'static str;

    fn from_api_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.api_name() == name)
    }
}

/// What every form keeps besides its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormMeta<F> {
    /// A field shows its own check once left (or after a submit attempt).
    touched: Vec<F>,
    /// Errors from the shell, shown until that field is edited.
    server_errors: Vec<(F, Said)>,
    /// An error that concerns no single field.
    pub banner: Option<Said>,
    /// The form's call is running.
    pub busy: bool,
    /// Bumped when a submit is accepted; the effect that sends the request keys on it.
    pub submit_seq: u64,
    /// Bumped on every refused submit and every failure, so focus can move to the first
    /// field that needs attention.
    pub attempts: u64,
}

impl<F> Default for FormMeta<F> {
    fn default() -> Self {
        Self {
            touched: Vec::new(),
            server_errors: Vec::new(),
            banner: None,
            busy: false,
            submit_seq: 0,
            attempts: 0,
        }
    }
}

impl<F: Field> FormMeta<F> {
    pub fn is_touched(&self, field: F) -> bool {
        self.touched.contains(&field)
    }

    /// Marks a field as left; false when it already was.
    pub fn touch(&mut self, field: F) -> bool {
        if self.is_touched(field) {
            return false;
        }
        self.touched.push(field);
        true
    }

    /// Hides the field's check again, for a form that says its checks only on submit.
    pub fn untouch(&mut self, field: F) {
        self.touched.retain(|f| *f != field);
    }

    pub fn server_error(&self, field: F) -> Option<&Said> {
        self.server_errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, message)| message)
    }

    /// Forgets the shell's error on a field, which no longer holds once it changed.
    pub fn clear_server_error(&mut self, field: F) {
        self.server_errors.retain(|(f, _)| *f != field);
    }

    /// Shows an error from the shell that came outside the form's own call (e.g. a live
    /// check), without touching the call's state.
    pub fn set_server_error(&mut self, field: F, message: impl Into<Said>) {
        self.clear_server_error(field);
        self.server_errors.push((field, message.into()));
    }

    /// Forgets every error from the shell, for a form whose submit replaces them all.
    pub fn clear_server_errors(&mut self) {
        self.server_errors.clear();
    }

    /// Back to a fresh form after a success; the counters stay, so the effects keyed on
    /// them do not fire again.
    pub fn reset(&mut self) {
        *self = Self {
            submit_seq: self.submit_seq,
            attempts: self.attempts,
            ..Self::default()
        };
    }

    /// Takes a failed answer: on its field, or in the banner when it names none.
    pub fn fail(&mut self, field: Option<F>, message: impl Into<Said>) {
        let message = message.into();
        self.busy = false;
        self.attempts += 1;
        match field {
            Some(field) => self.set_server_error(field, message),
            None => self.banner = Some(message),
        }
    }
}

/// What a person (or an answer) does to a form; `Own` carries a form's own actions.
#[derive(Debug)]
pub enum FormAction<F, Own = ()> {
    Edit(F, String),
    Blur(F),
    /// Enter or the button: checks the fields and, if they pass, starts the request.
    Submit,
    Failed(Error),
    DismissBanner,
    Own(Own),
}

/// What is particular to a form; the provided methods are the same for every form.
pub trait FormState: Clone + 'static {
    type Field: Field;
    /// The form's own actions (`()` when it has none).
    type Own;

    fn meta(&self) -> &FormMeta<Self::Field>;
    fn meta_mut(&mut self) -> &mut FormMeta<Self::Field>;
    fn value(&self, field: Self::Field) -> &str;
    /// Takes an edit (the field's server error is already gone).
    fn set(&mut self, field: Self::Field, value: String);

    /// What else an edit changes, for a form whose `set()` comes from [`text_values!`].
    fn edited(&mut self, _field: Self::Field) {}

    /// The form's own opinion of a field, whether or not it is shown yet: a message of the
    /// window's, said when shown, so a change of language reaches it.
    fn check(&self, _field: Self::Field) -> Option<Said> {
        None
    }

    /// Whether a field's check shows before the field is left.
    fn shows_early(&self, _field: Self::Field) -> bool {
        false
    }

    /// Why the form will not send, for a form that says it in the banner.
    fn refusal(&self) -> Option<Said> {
        None
    }

    /// The field a failure concerns: the one the shell named, if the form has it.
    fn failed_field(&self, error: &Error) -> Option<Self::Field> {
        error.field.as_deref().and_then(Self::Field::from_api_name)
    }

    /// What else a submit that is not ignored changes, before the checks.
    fn on_submit(&mut self) {}

    /// What else a failure changes, before its message is placed.
    fn on_failed(&mut self, _field: Option<Self::Field>) {}

    /// Applies one of the form's own actions; false when nothing changed.
    fn own(&mut self, _action: Self::Own) -> bool {
        false
    }

    /// False for a form whose messages say what to fix while focus stays on the button
    /// pressed.
    const MOVES_FOCUS: bool = true;

    /// Where focus goes after a refused submit or a failure.
    fn focus_target(&self) -> Option<Self::Field> {
        if Self::MOVES_FOCUS {
            self.first_error_field()
        } else {
            None
        }
    }

    /// The error to show under a field now, if any: the shell's first, then the form's
    /// own once the field was left.
    fn field_error(&self, field: Self::Field) -> Option<Said> {
        if let Some(server) = self.meta().server_error(field) {
            return Some(server.clone());
        }
        if self.meta().is_touched(field) || self.shows_early(field) {
            self.check(field)
        } else {
            None
        }
    }

    /// The first field with a visible error.
    fn first_error_field(&self) -> Option<Self::Field> {
        Self::Field::ALL
            .iter()
            .copied()
            .find(|&f| self.field_error(f).is_some())
    }

    fn is_valid(&self) -> bool {
        self.refusal().is_none() && Self::Field::ALL.iter().all(|&f| self.check(f).is_none())
    }
}

/// The reducer every form's `Reducible` hands its actions to. A second submit while the
/// call runs is ignored; nothing changed gives back the same state (no new render).
pub fn reduce<S: FormState>(state: Rc<S>, action: FormAction<S::Field, S::Own>) -> Rc<S> {
    let mut next = (*state).clone();
    if apply(&mut next, action) {
        next.into()
    } else {
        state
    }
}

fn apply<S: FormState>(form: &mut S, action: FormAction<S::Field, S::Own>) -> bool {
    match action {
        FormAction::Edit(field, value) => {
            if form.value(field) == value {
                return false;
            }
            form.meta_mut().clear_server_error(field);
            form.set(field, value);
        }
        FormAction::Blur(field) => return form.meta_mut().touch(field),
        FormAction::Submit => {
            if form.meta().busy {
                return false;
            }
            form.on_submit();
            let valid = form.is_valid();
            let banner = form.refusal();
            let meta = form.meta_mut();
            meta.touched = S::Field::ALL.to_vec();
            meta.attempts += 1;
            meta.banner = banner;
            if valid {
                meta.server_errors.clear();
                meta.busy = true;
                meta.submit_seq += 1;
            }
        }
        FormAction::Failed(error) => {
            let field = form.failed_field(&error);
            form.on_failed(field);
            form.meta_mut().fail(field, error.said());
        }
        FormAction::DismissBanner => {
            if form.meta().banner.is_none() {
                return false;
            }
            form.meta_mut().banner = None;
        }
        FormAction::Own(action) => return form.own(action),
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use keydesk_api::ErrorCode;

    /// The probe's checks, which are never said.
    const NAME_MISSING: &str = "probe-name-missing";
    const CODE_MISSING: &str = "probe-code-missing";

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Probe {
        Name,
        Code,
    }

    impl Field for Probe {
        const ALL: &'static [Self] = &[Probe::Name, Probe::Code];

        fn api_name(self) -> &'static str {
            match self {
                Probe::Name => "name",
                Probe::Code => "code",
            }
        }

        fn input_id(self) -> &'static str {
            match self {
                Probe::Name => "probe-name",
                Probe::Code => "probe-code",
            }
        }
    }

    #[derive(Debug, Clone, Default)]
    struct ProbeForm {
        name: String,
        code: String,
        meta: FormMeta<Probe>,
    }

    impl FormState for ProbeForm {
        type Field = Probe;
        type Own = ();

        meta_in_field!();

        fn value(&self, field: Probe) -> &str {
            match field {
                Probe::Name => &self.name,
                Probe::Code => &self.code,
            }
        }

        fn set(&mut self, field: Probe, value: String) {
            match field {
                Probe::Name => self.name = value,
                Probe::Code => self.code = value,
            }
        }

        fn check(&self, field: Probe) -> Option<Said> {
            let id = match field {
                Probe::Name => NAME_MISSING,
                Probe::Code => CODE_MISSING,
            };
            self.value(field).is_empty().then(|| Said::id(id))
        }
    }

    fn run(form: ProbeForm, actions: impl IntoIterator<Item = FormAction<Probe>>) -> ProbeForm {
        let mut state = Rc::new(form);
        for action in actions {
            state = reduce(state, action);
        }
        (*state).clone()
    }

    fn filled() -> ProbeForm {
        run(
            ProbeForm::default(),
            [
                FormAction::Edit(Probe::Name, "Olive".into()),
                FormAction::Edit(Probe::Code, "42".into()),
            ],
        )
    }

    #[test]
    fn errors_wait_until_a_field_is_left() {
        let form = ProbeForm::default();
        assert_eq!(form.field_error(Probe::Name), None);
        let left = run(form, [FormAction::Blur(Probe::Name)]);
        assert_eq!(left.field_error(Probe::Name), Some(Said::id(NAME_MISSING)));
        assert_eq!(left.field_error(Probe::Code), None);
        let fixed = run(left, [FormAction::Edit(Probe::Name, "Olive".into())]);
        assert_eq!(fixed.field_error(Probe::Name), None);
    }

    #[test]
    fn a_refused_submit_shows_every_error_and_sends_nothing() {
        let form = run(ProbeForm::default(), [FormAction::Submit]);
        assert!(!form.meta.busy);
        assert_eq!(form.meta.submit_seq, 0);
        assert_eq!(form.meta.attempts, 1);
        assert!(form.field_error(Probe::Code).is_some());
        assert_eq!(form.focus_target(), Some(Probe::Name));
    }

    #[test]
    fn a_valid_form_is_sent_once_while_busy() {
        let form = run(filled(), [FormAction::Submit, FormAction::Submit]);
        assert!(form.meta.busy);
        assert_eq!(form.meta.submit_seq, 1);
        assert_eq!(form.meta.attempts, 1);
    }

    #[test]
    fn server_errors_land_on_their_field_until_edited() {
        let form = run(
            filled(),
            [
                FormAction::Submit,
                FormAction::Failed(Error::for_field("code", "Already taken.")),
            ],
        );
        assert!(!form.meta.busy);
        assert_eq!(form.meta.banner, None);
        // The shell's words, as they came.
        assert_eq!(
            form.field_error(Probe::Code),
            Some(Said::Text("Already taken.".into()))
        );
        assert_eq!(form.focus_target(), Some(Probe::Code));
        assert_eq!(form.meta.attempts, 2);
        let edited = run(form, [FormAction::Edit(Probe::Code, "43".into())]);
        assert_eq!(edited.field_error(Probe::Code), None);
    }

    #[test]
    fn other_errors_go_to_the_banner_until_dismissed_or_submitted() {
        for error in [
            Error::new(ErrorCode::Forbidden, "Not allowed."),
            Error::for_field("agency", "Not allowed."),
        ] {
            let form = run(filled(), [FormAction::Submit, FormAction::Failed(error)]);
            assert_eq!(form.meta.banner, Some(Said::Text("Not allowed.".into())));
            assert_eq!(form.focus_target(), None);
            let dismissed = run(form.clone(), [FormAction::DismissBanner]);
            assert_eq!(dismissed.meta.banner, None);
            let again = run(form, [FormAction::Submit]);
            assert_eq!(again.meta.banner, None);
            assert_eq!(again.meta.submit_seq, 2);
        }
    }

    #[test]
    fn nothing_changed_keeps_the_same_state() {
        let form = Rc::new(run(filled(), [FormAction::Blur(Probe::Name)]));
        for action in [
            FormAction::Edit(Probe::Name, "Olive".into()),
            FormAction::Blur(Probe::Name),
            FormAction::DismissBanner,
        ] {
            assert!(Rc::ptr_eq(&form, &reduce(form.clone(), action)));
        }
        let busy = Rc::new(run(filled(), [FormAction::Submit]));
        assert!(Rc::ptr_eq(&busy, &reduce(busy.clone(), FormAction::Submit)));
    }

    #[test]
    fn fields_are_found_by_their_api_name() {
        assert_eq!(Probe::from_api_name("code"), Some(Probe::Code));
        assert_eq!(Probe::from_api_name("nickname"), None);
    }
}
