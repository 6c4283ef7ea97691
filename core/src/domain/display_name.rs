use super::FieldError;
use crate::said::Said;

/// How a staff member is named on screen and in the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

const MAX_CHARS: usize = 80;

impl DisplayName {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            return Err(FieldError::new(field, Said::id("error-field-name-missing")));
        }
        if collapsed.chars().count() > MAX_CHARS {
            return Err(FieldError::new(
                field,
                Said::id("error-field-name-too-long").arg("max", MAX_CHARS),
            ));
        }
        if collapsed.chars().any(char::is_control) {
            return Err(FieldError::new(
                field,
                Said::id("error-field-name-control-characters"),
            ));
        }
        Ok(Self(collapsed))
    }
}

impl AsRef<str> for DisplayName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_collapses_spaces() {
        assert_eq!(
            DisplayName::parse("n", "  Olivia   Owner ")
                .unwrap()
                .as_ref(),
            "Olivia Owner"
        );
    }

    #[test]
    fn refuses_empty_long_and_control_characters() {
        assert!(DisplayName::parse("n", "   ").is_err());
        assert!(DisplayName::parse("n", &"x".repeat(81)).is_err());
        assert!(DisplayName::parse("n", "a\u{7}b").is_err());
        assert!(DisplayName::parse("n", &"é".repeat(80)).is_ok());
    }
}
