//! Validated values: everything a handler touches has been parsed here first
//! ("parse, don't validate"). Each type is built with `TryFrom` and refuses
//! bad input with a [`Invalid`] that names the field and says what is wrong.

mod announcement;
mod comment;
mod event;
mod event_name;
mod experiment;
mod filter;
pub mod followup;
mod identity;
mod origin;
mod project_key;
mod response;
mod response_secret;
mod score;
mod search;
mod server_moment;
mod tag_rule;
mod text;
mod timing;
mod traits;
mod zone;

pub use announcement::{notice_id, text_for, ValidAnnouncement};
pub use comment::Comment;
pub use event::ValidEvent;
pub use event_name::EventName;
pub use experiment::{settle_ended_experiments, VariantId};
pub use filter::{Filter, Tenure};
pub use identity::{user_hash, user_hash_is_valid};
pub use origin::AllowedOrigin;
pub use project_key::ProjectKey;
pub use response::{ClientId, ValidResponse};
pub use response_secret::ResponseSecret;
pub use score::Score;
pub use search::Search;
pub use server_moment::ServerMoment;
pub use tag_rule::{matching_tags, tag, CompiledRule, MAX_PATTERN_BYTES, MAX_RULES};
pub use text::{Locale, PageUrl, UserId};
pub use timing::TimingRules;
pub use traits::ValidTraits;
pub use zone::Zone;

/// Why a value was refused: a stable code for machines and a sentence for
/// people. Maps to HTTP 422.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    /// Stable machine-readable code, e.g. `invalid_score`.
    pub code: &'static str,
    /// Explanation naming the field and the rule.
    pub message: String,
}

impl Invalid {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// True when `s` holds a control character other than tab, CR and LF, which
/// have no business in user-facing text and break logs and CSV exports.
pub(crate) fn has_control_chars(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The rule for one-line texts the admin API takes (a project's name, a
/// moment's question, a tag rule's keywords): no control character at
/// all, line breaks and tabs included. Multi-line texts (a follow-up
/// note, a comment) use [`has_control_chars`].
pub(crate) fn is_one_line(s: &str) -> bool {
    !s.chars().any(char::is_control)
}

/// True when `s` holds an invisible format character that changes how
/// text around it reads: the bidirectional embeddings, overrides and
/// isolates (U+202A-U+202E, U+2066-U+2069; "Trojan Source": a user id
/// that displays as another), the marks U+200E/U+200F/U+061C, zero-width
/// spaces and joiners used to make look-alikes (U+200B, U+2060-U+2064,
/// U+FEFF), the soft hyphen, and the tag characters. Kept out of the
/// identifiers the team reads and filters on: user ids, trait values.
/// ZWNJ and ZWJ (U+200C, U+200D) are allowed: Persian and Indic words and
/// emoji sequences need them, and they reorder nothing.
pub(crate) fn has_invisible_format_chars(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}' | '\u{200E}' | '\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
    })
}
