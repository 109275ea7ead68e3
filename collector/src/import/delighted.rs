//! Delighted's survey responses, as `GET /v1/survey_responses.json` with
//! `expand[]=person` returns them: one JSON array of
//! `{id, person: {id, email, name}, survey_type, score, comment,
//! created_at (Unix s), person_properties, tags, notes: [{text,
//! user_email, created_at}]}`. The array is streamed element by element
//! (serde's sequence visitor), so a file of a million answers is never
//! held whole.
//!
//! The user id is the person's e-mail (else the person's id; the person's
//! name is not kept). `person_properties` become traits (names made valid:
//! `Customer ID` → `Customer_ID`), except `locale`, the prompt's language.

use std::io::Read;

use serde::de::{Deserializer, SeqAccess, Visitor};
use serde_json::Value;

use super::fields::{trait_name, trait_value};
use super::row::{Place, RawNote, RawRow};
use super::ImportError;

/// Reads the array in `input`, calling `each` with every element's place
/// and its raw row, or why the element is not a survey response. JSON that
/// cannot be parsed fails the whole file, naming the element it reached.
pub fn read(
    input: impl Read,
    mut each: impl FnMut(Place, Result<RawRow, String>),
) -> Result<(), ImportError> {
    let mut seen = 0_u64;
    let mut de =
        serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, input));
    let result = de
        .deserialize_seq(Elements {
            each: &mut each,
            seen: &mut seen,
        })
        .and_then(|()| de.end());
    result.map_err(|e| {
        ImportError::File(format!(
            "not a JSON array of survey responses (at row {seen}, line {}, column {}): {e}",
            e.line(),
            e.column()
        ))
    })
}

struct Elements<'a, F> {
    each: &'a mut F,
    seen: &'a mut u64,
}

impl<'de, F: FnMut(Place, Result<RawRow, String>)> Visitor<'de> for Elements<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of survey responses")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(element) = seq.next_element::<Value>()? {
            let index = *self.seen;
            *self.seen += 1;
            let id = element.get("id").and_then(text);
            (self.each)(Place::Index(index, id), raw_row(element));
        }
        Ok(())
    }
}

/// A string, or a number written as one (Delighted's ids are strings;
/// exports rewritten by other tools sometimes make them numbers).
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn raw_row(element: Value) -> Result<RawRow, String> {
    let Value::Object(mut r) = element else {
        return Err("not a JSON object".into());
    };
    if let Some(kind) = r.get("survey_type").and_then(Value::as_str) {
        if kind != "nps" {
            return Err(format!("survey_type {kind:?} is not an NPS survey"));
        }
    }
    let score = match r.get("score") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => return Err(format!("score {other} is not a number")),
    };
    let time = match r.get("created_at") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => return Err(format!("created_at {other} is not Unix seconds")),
    };
    let comment = match r.remove("comment") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => return Err(format!("comment {other} is not text")),
    };
    let user_id = match r.get("person") {
        Some(Value::Object(p)) => p
            .get("email")
            .and_then(Value::as_str)
            .filter(|e| !e.is_empty())
            .map(str::to_owned)
            .or_else(|| p.get("id").and_then(text)),
        Some(other) => text(other),
        None => None,
    };
    let mut row = RawRow {
        id: r.get("id").and_then(text),
        time,
        score,
        comment,
        user_id,
        ..RawRow::default()
    };
    match r.remove("person_properties") {
        None | Some(Value::Null) => {}
        Some(Value::Object(properties)) => {
            for (name, value) in properties {
                if name == "locale" {
                    row.locale = value.as_str().map(str::to_owned);
                } else if let Some(value) = trait_value(&value) {
                    row.traits.insert(trait_name(&name), value);
                }
            }
        }
        Some(_) => return Err("person_properties is not an object".into()),
    }
    match r.remove("tags") {
        None | Some(Value::Null) => {}
        Some(Value::Array(tags)) => {
            for t in tags {
                row.tags.push(
                    t.as_str()
                        .ok_or_else(|| format!("tag {t} is not text"))?
                        .to_owned(),
                );
            }
        }
        Some(_) => return Err("tags is not an array".into()),
    }
    match r.remove("notes") {
        None | Some(Value::Null) => {}
        Some(Value::Array(notes)) => {
            for n in notes {
                row.notes.push(note(&n)?);
            }
        }
        Some(_) => return Err("notes is not an array".into()),
    }
    Ok(row)
}

/// `{text, user_email, created_at}`, or a bare string.
fn note(n: &Value) -> Result<RawNote, String> {
    match n {
        Value::String(s) => Ok(RawNote {
            text: s.clone(),
            ..RawNote::default()
        }),
        Value::Object(o) => Ok(RawNote {
            text: o
                .get("text")
                .and_then(Value::as_str)
                .ok_or("a note has no text")?
                .to_owned(),
            author: o
                .get("user_email")
                .and_then(Value::as_str)
                .map(str::to_owned),
            at: o.get("created_at").and_then(Value::as_i64),
        }),
        other => Err(format!("note {other} is neither text nor an object")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::row::ReadRow;

    fn rows(json: &str) -> Result<Vec<ReadRow>, ImportError> {
        let mut out = Vec::new();
        read(json.as_bytes(), |place, row| out.push((place, row)))?;
        Ok(out)
    }

    #[test]
    fn an_expanded_response_becomes_a_row() {
        let out = rows(r#"[{"id":"17","person":{"id":"5","email":"ann@acme.example","name":"Ann"},
            "survey_type":"nps","score":3,"comment":"Slow","created_at":1700000000,
            "person_properties":{"Customer ID":"c-9","locale":"fr","plan":"pro"},
            "tags":["Billing"],"notes":[{"id":"1","text":"Called her","user_email":"bo@acme.example","created_at":1700003600}]}]"#)
        .unwrap();
        assert_eq!(out[0].0, Place::Index(0, Some("17".into())));
        let row = out[0].1.as_ref().unwrap();
        assert_eq!(row.user_id.as_deref(), Some("ann@acme.example"));
        assert_eq!(row.score.as_deref(), Some("3"));
        assert_eq!(row.time.as_deref(), Some("1700000000"));
        assert_eq!(row.locale.as_deref(), Some("fr"));
        assert!(row.traits.contains_key("Customer_ID") && row.traits.contains_key("plan"));
        assert_eq!(row.tags, vec!["Billing".to_owned()]);
        assert_eq!(row.notes[0].author.as_deref(), Some("bo@acme.example"));
        assert_eq!(row.notes[0].at, Some(1_700_003_600));
    }

    #[test]
    fn bad_elements_are_named_and_bad_json_fails_the_file() {
        let out = rows(r#"[{"id":"1","score":"nine","created_at":1},{"id":"2","survey_type":"csat","score":4,"created_at":1}]"#).unwrap();
        assert!(out[0].1.as_ref().unwrap_err().contains("score"));
        assert_eq!(out[1].0, Place::Index(1, Some("2".into())));
        assert!(out[1].1.as_ref().unwrap_err().contains("csat"));
        let e = rows(r#"[{"id":"1","score":9,"created_at":1},{"id":"2",]"#).unwrap_err();
        assert!(e.to_string().contains("at row 1"), "{e}");
        assert!(rows(r#"{"id":"1"}"#).is_err(), "an object, not an array");
    }
}
