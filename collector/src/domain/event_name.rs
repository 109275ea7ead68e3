//! The name of a tracked moment, e.g. `onboarding_completed` or
//! `feature_used:reports`.

use super::Invalid;

/// 1–64 characters from `A–Z a–z 0–9 _ - . : /`, starting with a letter or
/// digit. Narrow on purpose: names end up in config files, URLs and logs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventName(String);

impl EventName {
    /// Longest name accepted.
    pub const MAX_LEN: usize = 64;

    /// The bucket an answer or event is stored under when it names a
    /// moment the project does not configure (any more): a stale widget
    /// loses no answer, and nobody can grow the statistics with invented
    /// names. The parentheses make it impossible to collide with a real
    /// moment's name.
    pub const UNCONFIGURED: &'static str = "(other)";

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// This moment if the project configures it, the
    /// [`UNCONFIGURED`](Self::UNCONFIGURED) bucket otherwise.
    pub fn or_unconfigured(self, configured: impl Fn(&str) -> bool) -> Self {
        if configured(&self.0) {
            self
        } else {
            Self(Self::UNCONFIGURED.to_owned())
        }
    }
}

impl TryFrom<String> for EventName {
    type Error = Invalid;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        let starts_well = raw
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let allowed = raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '/'));
        if starts_well && allowed && raw.len() <= Self::MAX_LEN {
            Ok(Self(raw))
        } else {
            Err(Invalid::new(
                "invalid_event_name",
                format!(
                    "event names are 1-{} characters from A-Z a-z 0-9 _ - . : / starting with a letter or digit, got {raw:?}",
                    Self::MAX_LEN
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_moment_names_are_accepted() {
        for name in [
            "onboarding_completed",
            "feature_used:reports",
            "plan.upgraded",
            "v2/export",
        ] {
            assert!(EventName::try_from(name.to_owned()).is_ok(), "{name}");
        }
    }

    #[test]
    fn odd_names_are_refused() {
        let too_long = "a".repeat(65);
        for name in [
            "",
            "_leading",
            "with space",
            "<script>",
            "é",
            too_long.as_str(),
        ] {
            assert!(EventName::try_from(name.to_owned()).is_err(), "{name:?}");
        }
    }
}
