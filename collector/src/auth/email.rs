//! A member's sign-in e-mail, in the one form it is stored, looked up and
//! rate-limited under: NFKC, case-folded, trimmed.
//!
//! Two spellings a person cannot tell apart must be one member, or a
//! "different" account (`ＭＡＲＩＡ@acme.example`, fullwidth) could be added
//! beside the real one, and revoking `Maria@…` would miss `maria@…`'s
//! sessions. Characters that show nothing or reorder the text around them
//! (zero-width space, U+202E RIGHT-TO-LEFT OVERRIDE, other format and
//! default-ignorable characters) are refused rather than dropped: an
//! address holding one was made to deceive.

use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::domain::Invalid;

/// A valid, normalised sign-in e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Format (Cf: bidi controls, zero-width joiners, tags), default-ignorable
/// (variation selectors, Hangul fillers), control, private-use, unassigned
/// and line/paragraph separators.
fn hidden() -> &'static Regex {
    static HIDDEN: OnceLock<Regex> = OnceLock::new();
    HIDDEN.get_or_init(|| {
        Regex::new(r"[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Co}\p{Cn}\p{Zl}\p{Zp}]")
            .expect("a valid character class")
    })
}

fn invalid() -> Invalid {
    Invalid::new(
        "invalid_email",
        "give an e-mail address such as maria@acme.example (no invisible or direction characters)",
    )
}

impl TryFrom<&str> for Email {
    type Error = Invalid;

    fn try_from(raw: &str) -> Result<Self, Invalid> {
        let raw = raw.trim();
        // Checked before normalising (which could hide what was sent) and
        // after (a compatibility mapping could, in principle, produce one).
        if raw.len() > 1_000 || hidden().is_match(raw) {
            return Err(invalid());
        }
        let nfkc: String = raw.nfkc().collect();
        let e: String = caseless::default_case_fold_str(&nfkc).nfkc().collect();
        let shaped = (3..=254).contains(&e.len())
            && e.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty() && (domain.contains('.') || domain == "localhost")
            })
            && !e.chars().any(char::is_whitespace)
            && !hidden().is_match(&e);
        if shaped {
            Ok(Self(e))
        } else {
            Err(invalid())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(raw: &str) -> Result<String, Invalid> {
        Email::try_from(raw).map(|e| e.0)
    }

    #[test]
    fn emails_are_trimmed_and_case_folded() {
        assert_eq!(email(" Maria@ACME.example ").unwrap(), "maria@acme.example");
        assert_eq!(
            email("STRASSE@acme.example").unwrap(),
            "strasse@acme.example"
        );
        assert_eq!(
            email("Straße@acme.example").unwrap(),
            "strasse@acme.example",
            "full case folding, not lower-casing"
        );
    }

    #[test]
    fn compatibility_forms_become_one_address() {
        let cases = [
            ("ＭＡＲＩＡ@acme.example", "fullwidth letters"),
            ("maria@acme\u{FF0E}example", "fullwidth full stop"),
            ("\u{FB01}@acme.example", "the fi ligature"),
        ];
        for (raw, case) in cases {
            let e = email(raw).unwrap_or_else(|e| panic!("{case}: {e}"));
            assert!(e.is_ascii(), "{case}: {e}");
        }
        assert_eq!(
            email("ＭＡＲＩＡ@acme.example").unwrap(),
            "maria@acme.example"
        );
    }

    #[test]
    fn invisible_and_direction_characters_are_refused() {
        let cases = [
            ("mar\u{200B}ia@acme.example", "zero-width space"),
            ("maria\u{202E}@acme.example", "right-to-left override"),
            ("maria@acme.example\u{200F}", "right-to-left mark"),
            ("mar\u{00AD}ia@acme.example", "soft hyphen"),
            ("mar\u{2060}ia@acme.example", "word joiner"),
            ("\u{FEFF}maria@acme.example", "byte order mark"),
            ("mar\u{2066}ia@acme.example", "left-to-right isolate"),
            ("mari\u{FE0F}a@acme.example", "variation selector"),
            ("maria@acme.example\u{E0041}", "tag character"),
            ("ma\u{0000}ria@acme.example", "NUL"),
        ];
        for (raw, case) in cases {
            assert_eq!(
                email(raw).map_err(|e| e.code),
                Err("invalid_email"),
                "{case}"
            );
        }
    }

    #[test]
    fn malformed_addresses_are_refused() {
        let long = format!("{}@acme.example", "a".repeat(250));
        for raw in ["not-an-email", "a b@c.d", "@acme.example", "a@b", &long] {
            assert!(email(raw).is_err(), "{raw}");
        }
        assert!(email("root@localhost").is_ok());
    }
}
