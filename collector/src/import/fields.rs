//! One field of an imported row, from a source's text to our value: the
//! stored id derived from the source's own, a time in the forms sources
//! write, and property and tag names made valid.

use nps_protocol::TraitValue;
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::domain::{ClientId, EventName};
use crate::store::to_millis;

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
}
