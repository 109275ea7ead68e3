//! Automatic tags: a rule names a tag and either keywords (any of them,
//! case-insensitive) or a regular expression; an answer whose comment
//! matches gets the tag. Parsed once, so a bad expression is refused when
//! the rule is created, not when an answer arrives; bounded, because every
//! public answer with a comment runs every rule of its project.

use regex::{Regex, RegexBuilder};

use super::{EventName, Invalid};

/// Most rules a project may have: each runs on every comment.
pub const MAX_RULES: usize = 200;
/// Longest regular expression accepted, in bytes.
pub const MAX_PATTERN_BYTES: usize = 1024;
/// The compiled program's bound (`RegexBuilder::size_limit`): a short
/// pattern such as `\w{1000}` can still compile to megabytes.
const PROGRAM_BYTES: usize = 256 * 1024;
/// The lazy DFA's cache per expression (`RegexBuilder::dfa_size_limit`),
/// times [`MAX_RULES`] at most per project.
const DFA_BYTES: usize = 256 * 1024;

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
        if !keywords.iter().all(|k| super::is_one_line(k)) || !regex.is_none_or(super::is_one_line)
        {
            return Err(Invalid::new(
                "invalid_rule",
                "keywords and regex may not hold control characters (write \\t, \\n in a regex)",
            ));
        }
        let regex = regex
            .filter(|r| !r.is_empty())
            .map(|r| {
                if r.len() > MAX_PATTERN_BYTES {
                    return Err(Invalid::new(
                        "invalid_rule",
                        format!("a regex is at most {MAX_PATTERN_BYTES} bytes"),
                    ));
                }
                // Bounded so a rule cannot make every answer's arrival slow.
                RegexBuilder::new(r)
                    .case_insensitive(true)
                    .size_limit(PROGRAM_BYTES)
                    .dfa_size_limit(DFA_BYTES)
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
        self.matches_lowered(comment, &comment.to_lowercase())
    }

    /// [`Self::matches`] with the comment lower-cased once for all rules.
    fn matches_lowered(&self, comment: &str, lower: &str) -> bool {
        self.keywords.iter().any(|k| lower.contains(k.as_str()))
            || self.regex.as_ref().is_some_and(|r| r.is_match(comment))
    }
}

/// The tags of the `rules` that `comment` matches.
pub fn matching_tags<'a>(rules: &'a [CompiledRule], comment: &str) -> Vec<&'a str> {
    let lower = comment.to_lowercase();
    rules
        .iter()
        .filter(|r| r.matches_lowered(comment, &lower))
        .map(|r| r.tag.as_str())
        .collect()
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
        assert!(
            CompiledRule::new("x", &["a\u{7}".into()], None).is_err(),
            "BEL"
        );
    }

    #[test]
    fn long_or_huge_expressions_are_refused() {
        let long = "a".repeat(MAX_PATTERN_BYTES + 1);
        assert!(CompiledRule::new("x", &[], Some(&long)).is_err(), "1 KB");
        // Short, but it compiles to far more than the program bound.
        assert!(CompiledRule::new("x", &[], Some(r"\w{1000}")).is_err());
        assert!(CompiledRule::new("x", &[], Some(&"a".repeat(MAX_PATTERN_BYTES))).is_ok());
    }
}
