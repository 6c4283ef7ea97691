//! Colours with a fixed meaning.

/// Meaning of a colour; the CSS maps each to one of the fixed status colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Neutral,
    Success,
    Warning,
    Danger,
    Accent,
}

impl Tone {
    /// Suffix of the CSS classes (`badge-ok`, `seg-danger` ...).
    pub fn class(self) -> &'static str {
        match self {
            Tone::Neutral => "neutral",
            Tone::Success => "ok",
            Tone::Warning => "warn",
            Tone::Danger => "danger",
            Tone::Accent => "accent",
        }
    }
}
