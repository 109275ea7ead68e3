//! One row of an import as its format reads it ([`RawRow`]: text and
//! values, nothing checked yet) and as the store takes it ([`Row`]: the
//! same validated [`ValidResponse`] as a live answer, its original time,
//! its tags and notes), with where it was in the file ([`Place`]) so every
//! refusal names it.

use nps_protocol::{TraitValue, Traits};
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::domain::{
    has_control_chars, tag, ClientId, Comment, EventName, Locale, ProjectKey, Score, UserId,
    ValidResponse, ValidTraits,
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

/// The stored id of source `source`'s answer `id`, answered at `at`: the
/// same every time, so importing a file again finds its answers stored
/// (idempotent), and distinct across sources. A UUIDv7 as the widget's
/// ids are: the answer's time in milliseconds, then SHA-256 of
/// `source:id`. Time-ordered ids keep the inserts of a file in time order
/// at the end of the id index instead of all over it (random ids made a
/// million rows 10× slower once the index outgrew the page cache).
pub fn derived_id(source: &str, id: &str, at: OffsetDateTime) -> ClientId {
    let digest = Sha256::digest(format!("{source}:{id}").as_bytes());
    let mut rest = [0_u8; 10];
    rest.copy_from_slice(&digest[..10]);
    let millis = u64::try_from(to_millis(at)).unwrap_or(0);
    let uuid = uuid::Builder::from_unix_timestamp_millis(millis, &rest).into_uuid();
    ClientId::try_from(uuid.to_string().as_str()).expect("a derived UUID is never nil")
}

/// A time as a source writes it: Unix seconds, RFC 3339, or a plain date
/// (midnight UTC).
pub fn parse_time(raw: &str) -> Result<OffsetDateTime, String> {
    let raw = raw.trim();
    if let Ok(seconds) = raw.parse::<i64>() {
        return OffsetDateTime::from_unix_timestamp(seconds)
            .map_err(|_| format!("time {raw:?} is out of range"));
    }
    if let Ok(t) = OffsetDateTime::parse(raw, &Rfc3339) {
        return Ok(t);
    }
    let date = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(d) = Date::parse(raw, &date) {
        return Ok(d.midnight().assume_utc());
    }
    Err(format!(
        "time {raw:?} is not RFC 3339 (2025-03-01T09:30:00Z), a date (2025-03-01) or Unix seconds"
    ))
}

/// A source's property name as a trait name: characters a trait name may
/// not hold become `_` (`Customer ID` → `Customer_ID`), cut at 64.
pub fn trait_name(raw: &str) -> String {
    let mut name: String = raw
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '/') {
                c
            } else {
                '_'
            }
        })
        .take(EventName::MAX_LEN)
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        name.insert(0, 't');
        name.truncate(EventName::MAX_LEN);
    }
    name
}

/// A source's tag as ours are: lower case, words joined by `-`
/// (`Feature request` → `feature-request`).
pub fn tag_name(raw: &str) -> String {
    raw.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
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

/// A JSON scalar as a trait value (`None` for null, arrays and objects).
pub fn trait_value(v: &serde_json::Value) -> Option<TraitValue> {
    match v {
        serde_json::Value::String(s) => Some(TraitValue::Text(s.clone())),
        serde_json::Value::Number(n) => n.as_f64().map(TraitValue::Number),
        serde_json::Value::Bool(b) => Some(TraitValue::Bool(*b)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_in_the_three_documented_forms() {
        let cases = [
            ("1700000000", 1_700_000_000),
            ("2023-11-14T22:13:20Z", 1_700_000_000),
            ("2023-11-14T23:13:20+01:00", 1_700_000_000),
            ("2023-11-14", 1_699_920_000),
        ];
        for (raw, unix) in cases {
            let t = parse_time(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(t.unix_timestamp(), unix, "{raw}");
        }
        for bad in ["14/11/2023", "yesterday", "2023-13-01", ""] {
            assert!(parse_time(bad).is_err(), "{bad:?} is refused");
        }
    }

    #[test]
    fn the_same_source_id_always_gives_the_same_stored_id_and_sources_differ() {
        let at = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        let later = at + time::Duration::seconds(1);
        assert_eq!(derived_id("csv", "42", at), derived_id("csv", "42", at));
        assert_ne!(
            derived_id("csv", "42", at),
            derived_id("delighted", "42", at)
        );
        assert_ne!(derived_id("csv", "42", at), derived_id("csv", "43", at));
        assert!(
            derived_id("csv", "9", at).uuid() < derived_id("csv", "1", later).uuid(),
            "ids follow the answers' times"
        );
    }

    #[test]
    fn property_names_become_valid_trait_names() {
        assert_eq!(trait_name("Customer ID"), "Customer_ID");
        assert_eq!(trait_name("plan"), "plan");
        assert_eq!(trait_name("_hidden"), "t_hidden");
        for raw in ["Customer ID", "_x", "é", &"x".repeat(100)] {
            let name = trait_name(raw);
            assert!(
                EventName::try_from(name.clone()).is_ok(),
                "{raw:?} → {name:?}"
            );
        }
    }

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
