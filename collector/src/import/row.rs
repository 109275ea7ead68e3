//! One row of an import as its format reads it ([`RawRow`]: text and
//! values, nothing checked yet) and as the store takes it ([`Row`]: the
//! same validated [`ValidResponse`] as a live answer, its original time,
//! its tags and notes), with where it was in the file ([`Place`]) so every
//! refusal names it.

use nps_protocol::Traits;
use time::OffsetDateTime;

use super::fields::{derived_id, parse_time, tag_name};
use crate::domain::{
    has_control_chars, tag, Comment, EventName, Locale, ProjectKey, Score, UserId, ValidResponse,
    ValidTraits,
};
use crate::store::imported::ImportedNote;
use crate::store::to_millis;

/// Where a row was: a CSV line (of its first field, from 1, the header
/// being line 1), or a JSON array's element (from 0) and its source id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A CSV record starting on this line.
    Line(u64),
    /// The element at this index of a JSON array, with its `id` if read.
    Index(u64, Option<String>),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Line(n) => write!(f, "line {n}"),
            Self::Index(i, Some(id)) => write!(f, "row {i} (id {id})"),
            Self::Index(i, None) => write!(f, "row {i}"),
        }
    }
}

/// A note as the source has it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawNote {
    /// Its text.
    pub text: String,
    /// Its author's e-mail, if given.
    pub author: Option<String>,
    /// When it was written (Unix seconds), if given.
    pub at: Option<i64>,
}

/// A row as read, before any check.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawRow {
    /// The source's own id of the answer.
    pub id: Option<String>,
    /// When it was answered: RFC 3339, `YYYY-MM-DD` or Unix seconds.
    pub time: Option<String>,
    /// 0–10, as text.
    pub score: Option<String>,
    /// The comment.
    pub comment: Option<String>,
    /// The host app's user id.
    pub user_id: Option<String>,
    /// The moment answered.
    pub moment: Option<String>,
    /// The prompt's language.
    pub locale: Option<String>,
    /// Traits, by (already valid) name.
    pub traits: Traits,
    /// The source's tags.
    pub tags: Vec<String>,
    /// The source's notes.
    pub notes: Vec<RawNote>,
}

/// A row as a reader hands it over: where it was, and the row or why it
/// could not be read.
pub type ReadRow = (Place, Result<RawRow, String>);

/// A row ready for the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The answer, marked imported, with its derived id.
    pub response: ValidResponse,
    /// Its original time.
    pub at: OffsetDateTime,
    /// Its tags, normalised.
    pub tags: Vec<String>,
    /// Its notes.
    pub notes: Vec<ImportedNote>,
}

/// Checks a raw row as a live answer is checked; `now` bounds its time (an
/// answer from the future is a wrong column or a wrong unit).
pub fn validate(
    raw: RawRow,
    source: &str,
    key: &ProjectKey,
    now: OffsetDateTime,
) -> Result<Row, String> {
    let present = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let id = present(raw.id).ok_or("no id")?;
    let score = present(raw.score).ok_or("no score")?;
    let score = score
        .parse::<u8>()
        .ok()
        .and_then(|s| Score::try_from(s).ok())
        .ok_or_else(|| format!("score {score:?} is not a whole number from 0 to 10"))?;
    let at = parse_time(&present(raw.time).ok_or("no time")?)?;
    if at > now {
        return Err(format!("time {at} is in the future"));
    }
    let field = |name: &str, e: crate::domain::Invalid| format!("{name}: {}", e.message);
    let comment = Comment::parse_optional(raw.comment).map_err(|e| field("comment", e))?;
    let user_id = present(raw.user_id)
        .map(UserId::try_from)
        .transpose()
        .map_err(|e| field("user_id", e))?;
    let moment = present(raw.moment)
        .map(EventName::try_from)
        .transpose()
        .map_err(|e| field("moment", e))?;
    let locale = present(raw.locale)
        .map(Locale::try_from)
        .transpose()
        .map_err(|e| field("locale", e))?;
    let traits = ValidTraits::try_from(raw.traits).map_err(|e| field("traits", e))?;
    let tags = raw
        .tags
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| tag(&tag_name(t)).map_err(|e| format!("tag {t:?}: {}", e.message)))
        .collect::<Result<Vec<_>, _>>()?;
    let notes = raw
        .notes
        .into_iter()
        .filter(|n| !n.text.trim().is_empty())
        .map(|n| note(n, at))
        .collect::<Result<Vec<_>, _>>()?;
    let response = ValidResponse {
        id: derived_id(source, &id, at),
        key: key.clone(),
        score,
        comment,
        user_id,
        user_hash: None,
        moment,
        traits,
        locale,
        url: None,
        secret: None,
        identity_unverified: false,
        imported: true,
        variant: None,
    };
    Ok(Row {
        response,
        at,
        tags,
        notes,
    })
}

/// A note as a follow-up note: at most 5,000 characters, as the
/// follow-up's `PATCH` takes; undated, it is dated as its answer.
fn note(raw: RawNote, answered: OffsetDateTime) -> Result<ImportedNote, String> {
    let text = raw.text.trim().to_owned();
    if text.chars().count() > 5_000 || has_control_chars(&text.replace(['\n', '\r', '\t'], " ")) {
        return Err("a note is at most 5,000 characters of text".into());
    }
    let at = match raw.at {
        Some(s) => OffsetDateTime::from_unix_timestamp(s)
            .map_err(|_| format!("note time {s} is out of range"))?,
        None => answered,
    };
    let author = raw
        .author
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty() && a.len() <= 200 && !has_control_chars(a))
        .unwrap_or_else(|| "import".to_owned());
    Ok(ImportedNote {
        text,
        author,
        at: to_millis(at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_refused_with_the_reason() {
        let key = ProjectKey::try_from("demo".to_owned()).unwrap();
        let now = OffsetDateTime::now_utc();
        let good = RawRow {
            id: Some("1".into()),
            time: Some("2024-01-02".into()),
            score: Some("9".into()),
            ..RawRow::default()
        };
        assert!(validate(good.clone(), "csv", &key, now).is_ok());
        let cases = [
            (
                "no id",
                RawRow {
                    id: None,
                    ..good.clone()
                },
                "no id",
            ),
            (
                "no score",
                RawRow {
                    score: None,
                    ..good.clone()
                },
                "no score",
            ),
            (
                "score 11",
                RawRow {
                    score: Some("11".into()),
                    ..good.clone()
                },
                "score \"11\"",
            ),
            (
                "no time",
                RawRow {
                    time: None,
                    ..good.clone()
                },
                "no time",
            ),
            (
                "bad time",
                RawRow {
                    time: Some("soon".into()),
                    ..good.clone()
                },
                "time \"soon\"",
            ),
            (
                "future",
                RawRow {
                    time: Some("2999-01-01".into()),
                    ..good.clone()
                },
                "future",
            ),
            (
                "user id",
                RawRow {
                    user_id: Some("a\u{0}b".into()),
                    ..good.clone()
                },
                "user_id",
            ),
            (
                "tag",
                RawRow {
                    tags: vec!["café!".into()],
                    ..good.clone()
                },
                "tag",
            ),
        ];
        for (case, raw, says) in cases {
            let error = validate(raw, "csv", &key, now).expect_err(case);
            assert!(error.contains(says), "{case}: {error}");
        }
    }
}
