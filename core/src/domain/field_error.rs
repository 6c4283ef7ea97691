use crate::said::Said;
use std::fmt;

/// A refused form value: which field, and what to tell the person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FieldError {
    pub field: &'static str,
    pub message: Said,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<Said>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }

    /// What to tell the person, in English.
    pub fn in_english(&self) -> String {
        crate::catalogue::in_english(&self.message)
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.in_english())
    }
}
