//! The free-text answer to "why?".

use super::{has_control_chars, Invalid};

/// A non-empty comment of at most [`Comment::MAX_CHARS`] characters, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment(String);

impl Comment {
    /// Longest comment accepted, in characters (not bytes, so French and
    /// emoji are not penalised).
    pub const MAX_CHARS: usize = 5_000;

    /// Parses an optional comment: blank text means "no comment".
    pub fn parse_optional(raw: Option<String>) -> Result<Option<Self>, Invalid> {
        match raw {
            Some(text) if !text.trim().is_empty() => Self::try_from(text).map(Some),
            _ => Ok(None),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Comment {
    type Error = Invalid;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        let text = raw.trim();
        let chars = text.chars().count();
        if chars == 0 {
            return Err(Invalid::new("invalid_comment", "comment is empty"));
        }
        if chars > Self::MAX_CHARS {
            return Err(Invalid::new(
                "comment_too_long",
                format!(
                    "comment must be at most {} characters, got {chars}",
                    Self::MAX_CHARS
                ),
            ));
        }
        if text.contains('\0') || has_control_chars(text) {
            return Err(Invalid::new(
                "invalid_comment",
                "comment contains control characters",
            ));
        }
        Ok(Self(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_is_trimmed() {
        let c = Comment::try_from("  Great tool \n".to_owned()).unwrap();
        assert_eq!(c.as_str(), "Great tool");
    }

    #[test]
    fn exactly_the_limit_is_accepted_and_one_more_is_refused() {
        let at_limit = "é".repeat(Comment::MAX_CHARS);
        assert!(Comment::try_from(at_limit).is_ok());
        let over = "é".repeat(Comment::MAX_CHARS + 1);
        assert_eq!(
            Comment::try_from(over).unwrap_err().code,
            "comment_too_long"
        );
    }

    #[test]
    fn blank_optional_comments_mean_none() {
        assert_eq!(Comment::parse_optional(Some("   ".into())), Ok(None));
        assert_eq!(Comment::parse_optional(None), Ok(None));
    }

    #[test]
    fn control_characters_are_refused() {
        let err = Comment::try_from("bad\u{7}bell".to_owned()).unwrap_err();
        assert_eq!(err.code, "invalid_comment");
    }
}
