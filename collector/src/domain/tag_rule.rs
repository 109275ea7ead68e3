//! Automatic tags: a rule names a tag and either keywords (any of them,
//! case-insensitive) or a regular expression; an answer whose comment
//! matches gets the tag. Parsed once, so a bad expression is refused when
//! the rule is created, not when an answer arrives.

use regex::{Regex, RegexBuilder};

use super::{EventName, Invalid};

/// A rule ready to apply.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    /// The tag it sets.
    pub tag: String,
    keywords: Vec<String>,
    regex: Option<Regex>,
}

/// A tag: shaped like an event name (`export`, `pricing/too-high`).
pub fn tag(raw: &str) -> Result<String, Invalid> {
    EventName::try_from(raw.trim().to_owned())
        .map(|t| t.as_str().to_owned())
        .map_err(|_| {
            Invalid::new(
                "invalid_tag",
                "a tag is 1-64 characters from A-Z a-z 0-9 _ - . : /",
            )
        })
}

impl CompiledRule {
    /// Checks and compiles a rule.
    pub fn new(tag_name: &str, keywords: &[String], regex: Option<&str>) -> Result<Self, Invalid> {
        let tag = tag(tag_name)?;
        let keywords: Vec<String> = keywords
            .iter()
            .map(|k| k.trim().to_lowercase())
            .filter(|k| !k.is_empty())
            .collect();
        if keywords.len() > 100 || keywords.iter().any(|k| k.chars().count() > 100) {
            return Err(Invalid::new(
                "invalid_rule",
                "at most 100 keywords of at most 100 characters",
            ));
        }
        let regex = regex
            .filter(|r| !r.is_empty())
            .map(|r| {
                // Bounded so a rule cannot make every answer's arrival slow.
                RegexBuilder::new(r)
                    .case_insensitive(true)
                    .size_limit(1 << 20)
                    .build()
                    .map_err(|e| Invalid::new("invalid_rule", format!("regex: {e}")))
            })
            .transpose()?;
        if keywords.is_empty() && regex.is_none() {
            return Err(Invalid::new("invalid_rule", "give keywords or a regex"));
        }
        Ok(Self {
            tag,
            keywords,
            regex,
        })
    }

    /// Whether `comment` gets the tag.
    pub fn matches(&self, comment: &str) -> bool {
        let lower = comment.to_lowercase();
        self.keywords.iter().any(|k| lower.contains(k.as_str()))
            || self.regex.as_ref().is_some_and(|r| r.is_match(comment))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_match_in_any_case_and_regexes_too() {
        let words =
            CompiledRule::new("export", &["CSV export".into(), "excel".into()], None).unwrap();
        assert!(words.matches("The csv Export is broken"));
        assert!(words.matches("need EXCEL"));
        assert!(!words.matches("love it"));
        let re = CompiledRule::new("pricing", &[], Some(r"\b(price|expensive)\b")).unwrap();
        assert!(re.matches("Too EXPENSIVE for us"));
        assert!(!re.matches("priceless"));
    }

    #[test]
    fn bad_rules_are_refused_when_created() {
        assert!(CompiledRule::new("x", &[], Some("(unclosed")).is_err());
        assert!(
            CompiledRule::new("x", &[], None).is_err(),
            "nothing to match"
        );
        assert!(CompiledRule::new("has space", &["a".into()], None).is_err());
    }
}
