//! Whether the collector will keep what this page sends, read from what it
//! answered: to the configuration's `GET`, and to a queued write it refused
//! for good.
//!
//! The widget asks only what can be kept. It prompts only once the
//! project's configuration was read: a page on an origin the project does
//! not allow is refused its configuration (403 `origin_not_allowed`) and
//! would be refused its answers too, and a configuration that could not be
//! read at all says nothing of whether they would be kept. A page whose
//! writes are refused for a reason that holds for every later one (its
//! origin, its key) asks nothing more. The machine applies this
//! (`machine::State::refusal`); the browser layer only reads the problem's
//! `code`.

/// Why the collector will not keep this page's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The configuration could not be read: no answer, one worth
    /// retrying (5xx, 408, 429), or not a configuration.
    Unreachable,
    /// 403 `origin_not_allowed`: the page's origin is not one of the
    /// project's allowed origins.
    Origin,
    /// 404 `unknown_key`: the collector has no project with this key.
    UnknownKey,
    /// Another 4xx: this request will never be accepted.
    Refused,
}

impl Refusal {
    /// Reads a request refused for good (a 4xx other than 408 and 429, as
    /// the outbox classifies it) by its problem `code`. (The collector
    /// sends a problem document with every such status; without one, a
    /// configuration's `GET` is [`Refusal::Unreachable`].)
    pub fn of(code: Option<&str>) -> Self {
        match code {
            Some("origin_not_allowed") => Self::Origin,
            Some("unknown_key") => Self::UnknownKey,
            _ => Self::Refused,
        }
    }

    /// Whether every later request of this page to the project will be
    /// refused the same way, not only the one that was: the page's origin,
    /// the project's key.
    pub fn holds_for_the_page(self) -> bool {
        matches!(self, Self::Origin | Self::UnknownKey)
    }

    /// Why the widget does not prompt, for the console.
    pub fn sentence(self) -> &'static str {
        match self {
            Self::Unreachable => "not prompting: no configuration",
            Self::Origin => "not prompting: this page's origin is not allowed (origin_not_allowed)",
            Self::UnknownKey => "not prompting: unknown key (unknown_key)",
            Self::Refused => "not prompting: configuration refused",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_origin_the_project_does_not_allow_is_told_apart_by_its_code() {
        assert_eq!(Refusal::of(Some("origin_not_allowed")), Refusal::Origin);
        assert_eq!(Refusal::of(Some("unknown_key")), Refusal::UnknownKey);
        assert_eq!(
            Refusal::of(Some("invalid_score")),
            Refusal::Refused,
            "another refusal"
        );
        assert_eq!(Refusal::of(None), Refusal::Refused, "no problem");
    }

    #[test]
    fn only_the_origin_and_the_key_hold_for_every_later_request() {
        assert!(Refusal::Origin.holds_for_the_page());
        assert!(Refusal::UnknownKey.holds_for_the_page());
        assert!(!Refusal::Refused.holds_for_the_page(), "one payload");
        assert!(!Refusal::Unreachable.holds_for_the_page());
    }

    #[test]
    fn each_sentence_says_why_and_the_origins_names_them() {
        let all = [
            Refusal::Unreachable,
            Refusal::Origin,
            Refusal::UnknownKey,
            Refusal::Refused,
        ];
        for r in all {
            assert!(r.sentence().starts_with("not prompting: "), "{r:?}");
        }
        assert!(Refusal::Origin.sentence().contains("origin is not allowed"));
    }
}
