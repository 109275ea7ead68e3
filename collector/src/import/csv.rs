//! Any CSV with a header row: which column holds which field (the mapping:
//! `--map FIELD=COLUMN`, else a column named like the field), and the
//! records read one at a time (the file is streamed, never held whole).
//!
//! Fields: `id`, `created_at` (or `time`), `score`, `comment`, `user_id`,
//! `moment`, `locale`, and `trait.NAME` for any trait. Columns named
//! `trait.NAME` are traits without a mapping.

use std::io::Read;

use super::row::{Place, RawRow};
use super::ImportError;
use crate::domain::EventName;

/// The fields a column may be mapped to, besides `trait.NAME`.
pub const FIELDS: [&str; 7] = [
    "id",
    "created_at",
    "score",
    "comment",
    "user_id",
    "moment",
    "locale",
];

/// Which column (by position) holds each field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Columns {
    fields: [Option<usize>; 7],
    traits: Vec<(String, usize)>,
}

/// Parses `FIELD=COLUMN` mappings (the field's name case-insensitive,
/// `time` standing for `created_at`).
pub fn parse_mappings(raw: &[String]) -> Result<Vec<(String, String)>, ImportError> {
    raw.iter()
        .map(|m| {
            let (field, column) = m
                .split_once('=')
                .ok_or_else(|| ImportError::Mapping(format!("--map {m:?} is not FIELD=COLUMN")))?;
            let field = canonical(field.trim())?;
            Ok((field, column.to_owned()))
        })
        .collect()
}

fn canonical(field: &str) -> Result<String, ImportError> {
    let lower = field.to_ascii_lowercase();
    let lower = if lower == "time" {
        "created_at".to_owned()
    } else {
        lower
    };
    if FIELDS.contains(&lower.as_str()) {
        return Ok(lower);
    }
    if let Some(name) = field
        .strip_prefix("trait.")
        .or_else(|| field.strip_prefix("traits."))
    {
        if EventName::try_from(name.to_owned()).is_ok() {
            return Ok(format!("trait.{name}"));
        }
        return Err(ImportError::Mapping(format!(
            "trait name {name:?} must be 1-64 characters from A-Z a-z 0-9 _ - . : /"
        )));
    }
    Err(ImportError::Mapping(format!(
        "unknown field {field:?}: map one of {}, or trait.NAME",
        FIELDS.join(", ")
    )))
}

impl Columns {
    /// The columns of `header` for each field: the mapped ones, else the
    /// column named like the field (case-insensitive). `id`, `created_at`
    /// and `score` must be found.
    pub fn resolve(
        header: &csv::StringRecord,
        maps: &[(String, String)],
    ) -> Result<Self, ImportError> {
        let find = |name: &str| {
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name.trim()))
        };
        let mut columns = Self::default();
        for (field, column) in maps {
            let at = find(column).ok_or_else(|| {
                let names: Vec<&str> = header.iter().collect();
                ImportError::Mapping(format!(
                    "--map {field}={column}: the header has no column {column:?} (it has {names:?})"
                ))
            })?;
            match field.strip_prefix("trait.") {
                Some(name) => columns.traits.push((name.to_owned(), at)),
                None => {
                    let slot = FIELDS
                        .iter()
                        .position(|f| f == field)
                        .expect("canonical field");
                    columns.fields[slot] = Some(at);
                }
            }
        }
        for (slot, field) in FIELDS.iter().enumerate() {
            if columns.fields[slot].is_none() {
                columns.fields[slot] = find(field)
                    .or_else(|| (*field == "created_at").then(|| find("time")).flatten());
            }
        }
        for (at, name) in header.iter().enumerate() {
            if let Some(name) = name.trim().strip_prefix("trait.") {
                if !columns.traits.iter().any(|(n, _)| n == name) {
                    columns.traits.push((name.to_owned(), at));
                }
            }
        }
        for (slot, field) in FIELDS.iter().enumerate().take(3) {
            if columns.fields[slot].is_none() {
                let names: Vec<&str> = header.iter().collect();
                return Err(ImportError::Mapping(format!(
                    "no column for {field}: name one {field:?} or pass --map {field}=COLUMN (the header has {names:?})"
                )));
            }
        }
        for (name, _) in &columns.traits {
            if EventName::try_from(name.clone()).is_err() {
                return Err(ImportError::Mapping(format!(
                    "trait name {name:?} must be 1-64 characters from A-Z a-z 0-9 _ - . : /"
                )));
            }
        }
        Ok(columns)
    }

    fn raw_row(&self, record: &csv::StringRecord) -> RawRow {
        let cell = |slot: usize| {
            self.fields[slot]
                .and_then(|at| record.get(at))
                .map(str::to_owned)
        };
        let traits = self
            .traits
            .iter()
            .filter_map(|(name, at)| {
                let value = record.get(*at)?.trim();
                (!value.is_empty()).then(|| {
                    (
                        name.clone(),
                        nps_protocol::TraitValue::Text(value.to_owned()),
                    )
                })
            })
            .collect();
        RawRow {
            id: cell(0),
            time: cell(1),
            score: cell(2),
            comment: cell(3),
            user_id: cell(4),
            moment: cell(5),
            locale: cell(6),
            traits,
            tags: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// Reads every record of `input`, calling `each` with its place and its
/// raw row, or why it could not be read (a wrong number of fields, bytes
/// that are not UTF-8). Fails as a whole only without a usable header.
pub fn read(
    input: impl Read,
    maps: &[(String, String)],
    mut each: impl FnMut(Place, Result<RawRow, String>),
) -> Result<(), ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(input);
    let header = reader
        .headers()
        .map_err(|e| ImportError::File(format!("the CSV header cannot be read: {e}")))?
        .clone();
    let columns = Columns::resolve(&header, maps)?;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                each(Place::Line(line), Ok(columns.raw_row(&record)));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let why = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        format!("{len} fields where the header has {expected_len}")
                    }
                    csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_owned(),
                    csv::ErrorKind::Io(e) => {
                        return Err(ImportError::File(format!("reading line {line}: {e}")))
                    }
                    _ => e.to_string(),
                };
                each(Place::Line(line), Err(why));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::row::ReadRow;

    fn rows(text: &str, maps: &[&str]) -> Result<Vec<ReadRow>, ImportError> {
        let maps: Vec<String> = maps.iter().map(|m| (*m).to_owned()).collect();
        let maps = parse_mappings(&maps)?;
        let mut out = Vec::new();
        read(text.as_bytes(), &maps, |place, row| out.push((place, row)))?;
        Ok(out)
    }

    #[test]
    fn columns_named_like_the_fields_need_no_mapping() {
        let out = rows(
            "id,created_at,score,comment,trait.plan\n1,2024-01-01,9,Great,pro\n",
            &[],
        )
        .unwrap();
        let (place, row) = &out[0];
        assert_eq!(place, &Place::Line(2));
        let row = row.as_ref().unwrap();
        assert_eq!(row.score.as_deref(), Some("9"));
        assert_eq!(row.comment.as_deref(), Some("Great"));
        assert!(row.traits.contains_key("plan"));
    }

    #[test]
    fn a_mapping_names_the_column_of_a_field() {
        let out = rows(
            "Response ID,Response Timestamp,NPS,Plan\nr1,1700000000,10,team\n",
            &[
                "id=Response ID",
                "created_at=Response Timestamp",
                "score=NPS",
                "trait.plan=Plan",
            ],
        )
        .unwrap();
        let row = out[0].1.as_ref().unwrap();
        assert_eq!(row.id.as_deref(), Some("r1"));
        assert_eq!(row.time.as_deref(), Some("1700000000"));
        assert!(row.traits.contains_key("plan"));
    }

    #[test]
    fn unknown_fields_missing_columns_and_short_rows_are_named() {
        let e = rows("id,created_at,score\n", &["mood=Mood"]).unwrap_err();
        assert!(e.to_string().contains("unknown field \"mood\""), "{e}");
        let e = rows("id,created_at,score\n", &["comment=Why"]).unwrap_err();
        assert!(e.to_string().contains("no column \"Why\""), "{e}");
        let e = rows("id,score\n", &[]).unwrap_err();
        assert!(e.to_string().contains("no column for created_at"), "{e}");
        let out = rows("id,created_at,score\n1,2024-01-01\n", &[]).unwrap();
        assert_eq!(out[0].0, Place::Line(2));
        assert!(
            out[0].1.as_ref().unwrap_err().contains("2 fields"),
            "{:?}",
            out[0].1
        );
    }
}
