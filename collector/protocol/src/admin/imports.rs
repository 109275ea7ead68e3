//! `POST /api/v1/projects/{key}/import`: what an import did (or, for a dry
//! run, would do), and the rows it refused. The command line's
//! `nps-collector import` prints the same counts.

use serde::{Deserialize, Serialize};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportSummary {
    /// Answers stored now (a dry run: that would be).
    pub imported: u64,
    /// Bad rows left out (only with `skip_invalid`; otherwise any bad row
    /// makes the import refuse the whole file).
    pub skipped: u64,
    /// Answers stored by an earlier import of the same source ids, left as
    /// they were.
    pub duplicates: u64,
    /// Nothing was written.
    pub dry_run: bool,
    /// The bad rows (the first 1,000), each named.
    pub errors: Vec<ImportRowError>,
}

/// A row an import refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRowError {
    /// Where: `line N` of a CSV file (the header is line 1), `row N (id X)`
    /// of a JSON array (from 0).
    pub row: String,
    /// What is wrong with it.
    pub message: String,
}

/// 422 `invalid_rows`: the file has bad rows and `skip_invalid` was not
/// set, so nothing was imported. The import's other 422s (`invalid_import`:
/// a mapping or a file that cannot be read) are plain problems
/// `{code, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRejected {
    /// `invalid_rows`.
    pub code: String,
    /// The first bad row and how many there are.
    pub message: String,
    /// How many rows are bad (absent from the other 422s: a bad mapping,
    /// unreadable JSON, a bad key).
    #[serde(default)]
    pub skipped: u64,
    /// The bad rows (the first 1,000), each named.
    #[serde(default)]
    pub errors: Vec<ImportRowError>,
}
