//! Import: answers collected elsewhere (Delighted's API export, any CSV)
//! brought in with their original times, as if they had been collected
//! here. Shared by `nps-collector import` and
//! `POST /api/v1/projects/{key}/import`.
//!
//! Each format is a streaming reader ([`delighted`], [`csv`]) giving raw
//! rows; [`row`] checks them into the same validated answer a live one is
//! (marked imported, its id derived from the source's, so a second import
//! of the file finds every answer stored); [`write`] hands them to the
//! store's write queue in batches, so roll-ups, search and tag counts
//! follow as for live answers, then adds their tags and notes.
//!
//! All or nothing per file: unless bad rows may be skipped, a first pass
//! reads the whole file and refuses it if any row is bad, before a second
//! one writes. Memory stays bounded whatever the file's size: a batch at a
//! time is held.

pub mod csv;
pub mod delighted;
pub mod fields;
pub mod row;
mod write;

use std::path::Path;
use std::time::Instant;

use nps_protocol::admin::{ImportRowError, ImportSummary};
use time::OffsetDateTime;
use tokio::sync::mpsc;

use self::row::{validate, Place, RawRow, Row};
use crate::domain::ProjectKey;
use crate::store::{imported, Store, StoreError};

/// Rows read, checked and written at a time: a transaction of the
/// store's writer each (four of its many-row statements on SQLite).
const BATCH: usize = 8_192;
/// Bad rows listed in a summary (all are counted).
const MAX_LISTED: usize = 1_000;
/// Rows between two progress lines.
const PROGRESS_EVERY: u64 = 100_000;

/// A source format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Delighted's `survey_responses.json` (expanded persons).
    Delighted,
    /// Any CSV with a header row.
    Csv,
}

impl Format {
    /// Its name, which also prefixes the source ids that stored ids are
    /// derived from.
    pub fn name(self) -> &'static str {
        match self {
            Self::Delighted => "delighted",
            Self::Csv => "csv",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = ImportError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "delighted" => Ok(Self::Delighted),
            "csv" => Ok(Self::Csv),
            other => Err(ImportError::Mapping(format!(
                "format {other:?} is not delighted or csv"
            ))),
        }
    }
}

/// How to import.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The file's format.
    pub format: Format,
    /// `FIELD=COLUMN` mappings (CSV only).
    pub maps: Vec<String>,
    /// Check and count, write nothing.
    pub dry_run: bool,
    /// Leave bad rows out (each named) instead of refusing the file.
    pub skip_invalid: bool,
}

/// Why an import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A mapping names an unknown field or a missing column, or a required
    /// field has no column.
    #[error("{0}")]
    Mapping(String),
    /// The file cannot be read as its format (no header, broken JSON).
    #[error("{0}")]
    File(String),
    /// Bad rows, and `skip_invalid` was not set: nothing was imported.
    #[error("{}", rejected_message(.0))]
    Rejected(ImportSummary),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// `line 7: score "11" is not … (3 bad rows; nothing was imported)`.
pub fn rejected_message(summary: &ImportSummary) -> String {
    let first = summary
        .errors
        .first()
        .map(|e| format!("{}: {}", e.row, e.message))
        .unwrap_or_default();
    format!(
        "{first} ({} bad rows; nothing was imported: fix them, or pass --skip-invalid / skip_invalid=true to leave them out)",
        summary.skipped
    )
}

/// Imports the file at `path` into project `key`. `say` gets what a person
/// watching wants on standard error: each bad row, and a progress line.
pub async fn run(
    store: &dyn Store,
    key: &ProjectKey,
    path: &Path,
    options: &Options,
    say: &(dyn Fn(String) + Sync),
) -> Result<ImportSummary, ImportError> {
    let maps = csv::parse_mappings(&options.maps)?;
    if options.format == Format::Delighted && !maps.is_empty() {
        return Err(ImportError::Mapping(
            "--map is for CSV files; Delighted's fields are fixed".into(),
        ));
    }
    let now = OffsetDateTime::now_utc();
    let read = Reading {
        path: path.to_owned(),
        format: options.format,
        maps,
        key: key.clone(),
        now,
    };
    // Bad rows are named as they are met when they are skipped; when they
    // refuse the file, the caller lists them from the summary.
    let first_pass = options.dry_run || !options.skip_invalid;
    if first_pass {
        let check = Pass {
            writer: None,
            find_stored: options.dry_run,
            name_bad: options.skip_invalid,
        };
        let checked = pass(store, key, &read, &check, say).await?;
        if checked.skipped > 0 && !options.skip_invalid {
            return Err(ImportError::Rejected(ImportSummary {
                imported: 0,
                duplicates: 0,
                ..checked
            }));
        }
        if options.dry_run {
            return Ok(checked);
        }
    }
    let writer = write::Writer::new(store, key).await?;
    let write = Pass {
        writer: Some(&writer),
        find_stored: false,
        // Named by the first pass already, if there was one.
        name_bad: !first_pass,
    };
    pass(store, key, &read, &write, say).await
}

/// What a pass does with the rows: write them, or count them (finding
/// the stored ones for a dry run); and whether it names each bad row.
struct Pass<'w> {
    writer: Option<&'w write::Writer>,
    find_stored: bool,
    name_bad: bool,
}

/// What to read, and how to check it.
#[derive(Debug, Clone)]
struct Reading {
    path: std::path::PathBuf,
    format: Format,
    maps: Vec<(String, String)>,
    key: ProjectKey,
    now: OffsetDateTime,
}

type Checked = Result<Row, ImportRowError>;

/// One pass over the file: every row checked, then written or counted.
async fn pass(
    store: &dyn Store,
    key: &ProjectKey,
    read: &Reading,
    how: &Pass<'_>,
    say: &(dyn Fn(String) + Sync),
) -> Result<ImportSummary, ImportError> {
    let writer = how.writer;
    let mut batches = spawn_reader(read.clone());
    let mut summary = ImportSummary {
        dry_run: writer.is_none(),
        ..ImportSummary::default()
    };
    let (started, mut seen, mut next_progress) = (Instant::now(), 0_u64, PROGRESS_EVERY);
    while let Some(batch) = batches.recv().await {
        let batch = batch?;
        seen += batch.len() as u64;
        let mut rows = Vec::with_capacity(batch.len());
        for checked in batch {
            match checked {
                Ok(row) => rows.push(row),
                Err(bad) => {
                    if how.name_bad {
                        say(format!("skipped {}: {}", bad.row, bad.message));
                    }
                    summary.skipped += 1;
                    if summary.errors.len() < MAX_LISTED {
                        summary.errors.push(bad);
                    }
                }
            }
        }
        match writer {
            Some(writer) => {
                let (created, duplicates) = writer.write(store, key, rows).await?;
                summary.imported += created;
                summary.duplicates += duplicates;
            }
            None if how.find_stored => {
                let ids: Vec<String> = rows
                    .iter()
                    .map(|r| r.response.id.uuid().to_string())
                    .collect();
                let stored = imported::existing(store.pool(), key.as_str(), &ids).await?;
                summary.duplicates += stored;
                summary.imported += ids.len() as u64 - stored;
            }
            None => summary.imported += rows.len() as u64,
        }
        if seen >= next_progress {
            next_progress += PROGRESS_EVERY;
            let rate = seen as f64 / started.elapsed().as_secs_f64().max(1e-3);
            let verb = if writer.is_some() {
                "written"
            } else {
                "checked"
            };
            say(format!("{seen} rows {verb} ({rate:.0} rows/s)"));
        }
    }
    Ok(summary)
}

/// Reads and checks the file on a blocking thread, sending batches.
fn spawn_reader(read: Reading) -> mpsc::Receiver<Result<Vec<Checked>, ImportError>> {
    let (tx, rx) = mpsc::channel(2);
    tokio::task::spawn_blocking(move || {
        let mut batch = Vec::with_capacity(BATCH);
        let source = read.format.name();
        let mut each = |place: Place, raw: Result<RawRow, String>| {
            let checked = raw
                .and_then(|r| validate(r, source, &read.key, read.now))
                .map_err(|message| ImportRowError {
                    row: place.to_string(),
                    message,
                });
            batch.push(checked);
            if batch.len() == BATCH {
                // A closed channel: the pass stopped (a storage error);
                // the rest of the file is read for nothing, never written.
                let _ =
                    tx.blocking_send(Ok(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))));
            }
        };
        let done = std::fs::File::open(&read.path)
            .map_err(|e| ImportError::File(format!("cannot open the file: {e}")))
            .and_then(|file| match read.format {
                Format::Csv => csv::read(file, &read.maps, &mut each),
                Format::Delighted => delighted::read(file, &mut each),
            });
        let last = done.map(|()| batch);
        let _ = tx.blocking_send(last);
    });
    rx
}
