//! `POST /api/v1/projects/{key}/import` (admin): a Delighted export or a
//! CSV file as the body, imported as `nps-collector import` does
//! (`crate::import`). The body is streamed to a temporary file (read twice:
//! checked whole, then written), so memory stays bounded.

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use futures_util::StreamExt;
use nps_protocol::admin::{ImportRejected, ImportSummary};
use tokio::io::AsyncWriteExt;

use crate::domain::{Invalid, ProjectKey};
use crate::http::error::{Error, Result};
use crate::http::middleware::body_limit::MAX_IMPORT_BYTES;
use crate::http::middleware::extract::Admin;
use crate::http::shared::project::require_project;
use crate::http::state::AppState;
use crate::import::{self, Format, ImportError, Options};

/// Routes for scripts and the dashboard.
pub(in crate::http) fn admin_router() -> Router<AppState> {
    Router::new().route(
        "/api/v1/projects/{key}/import",
        axum::routing::post(self::import),
    )
}

/// Imports answers with their original times: the body is the file.
/// Without `skip_invalid`, a file with any bad row imports nothing (422
/// `invalid_rows`, each row named). CSV columns are mapped with
/// `map=FIELD=COLUMN` (repeatable) or `map.FIELD=COLUMN`, as the command
/// line's `--map`. Answers stored by an earlier import of the same source
/// ids count as `duplicates` and are left as they are.
#[utoipa::path(post, path = "/api/v1/projects/{key}/import", tag = "admin",
    params(
        ("key" = String, Path, description = "The project's key"),
        ("format" = String, Query, description = "`delighted` (the JSON array of Delighted's `GET /v1/survey_responses.json?expand[]=person`) or `csv` (a header row, then one answer per line)"),
        ("dry_run" = Option<bool>, Query, description = "Check and count; write nothing"),
        ("skip_invalid" = Option<bool>, Query, description = "Leave bad rows out (listed in `errors`) instead of refusing the file"),
        ("map" = Option<String>, Query, description = "CSV: `FIELD=COLUMN` (repeatable; or `map.FIELD=COLUMN`). Fields: id, created_at, score, comment, user_id, moment, locale, trait.NAME")),
    request_body(description = "The file", content((String = "text/csv"), (String = "application/json"))),
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "Imported (or, for a dry run, what would be)", body = ImportSummary),
        (status = 404, description = "No project has this key"),
        (status = 413, description = "The file is over 1 GiB (use `nps-collector import`)"),
        (status = 422, description = "Bad rows and no skip_invalid: `invalid_rows`, nothing imported, the problem carrying `skipped` and `errors: [{row, message}]` too; or a mapping or file that cannot be read: `invalid_import`")))]
pub(in crate::http) async fn import(
    Admin(who): Admin,
    State(state): State<AppState>,
    Path(key): Path<String>,
    Query(params): Query<Vec<(String, String)>>,
    body: Body,
) -> Result<Response> {
    let key = ProjectKey::try_from(key)?;
    let options = options(&params)?;
    require_project(&state, &key).await?;
    let spool = Spool::new();
    spool.fill(body).await?;
    tracing::info!(project = key.as_str(), actor = %who.actor, format = options.format.name(), "import");
    let say = |line: String| tracing::info!(project = key.as_str(), "import: {line}");
    match import::run(state.store.as_ref(), &key, &spool.path, &options, &say).await {
        Ok(summary) => Ok(Json(summary).into_response()),
        Err(ImportError::Rejected(summary)) => {
            let rejected = ImportRejected {
                code: "invalid_rows".into(),
                message: import::rejected_message(&summary),
                skipped: summary.skipped,
                errors: summary.errors,
            };
            // A problem document, with the rows named beside its code.
            let mut response = (StatusCode::UNPROCESSABLE_ENTITY, Json(rejected)).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/problem+json"),
            );
            Ok(response)
        }
        Err(ImportError::Mapping(m) | ImportError::File(m)) => {
            Err(Invalid::new("invalid_import", m).into())
        }
        Err(ImportError::Store(e)) => Err(e.into()),
    }
}

/// The query's options; a parameter other than `map` given twice, or an
/// unknown one, is a 400.
fn options(params: &[(String, String)]) -> Result<Options> {
    let (mut format, mut dry_run, mut skip_invalid, mut maps) = (None, None, None, Vec::new());
    let flag = |name: &str, value: &str| match value {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(Error::BadQuery(format!("{name} must be true or false"))),
    };
    for (name, value) in params {
        let slot = match name.as_str() {
            "format" => format.replace(value.clone()).map(|_| ()),
            "dry_run" => dry_run.replace(flag(name, value)?).map(|_| ()),
            "skip_invalid" => skip_invalid.replace(flag(name, value)?).map(|_| ()),
            "map" => {
                maps.push(value.clone());
                None
            }
            other => match other.strip_prefix("map.") {
                Some(field) => {
                    maps.push(format!("{field}={value}"));
                    None
                }
                None => {
                    return Err(Error::BadQuery(format!(
                        "unknown query parameter {other:?}"
                    )))
                }
            },
        };
        if slot.is_some() {
            return Err(Error::BadQuery(format!(
                "the query parameter {name:?} appears more than once"
            )));
        }
    }
    let format: Format = format
        .ok_or_else(|| Error::BadQuery("format is required: delighted or csv".into()))?
        .parse()
        .map_err(|e: ImportError| Error::BadQuery(e.to_string()))?;
    Ok(Options {
        format,
        maps,
        dry_run: dry_run.unwrap_or(false),
        skip_invalid: skip_invalid.unwrap_or(false),
    })
}

/// The body on disk, removed when the request ends however it ends.
struct Spool {
    path: std::path::PathBuf,
}

impl Spool {
    fn new() -> Self {
        let name = format!("nps-import-{}.tmp", uuid::Uuid::new_v4().simple());
        Self {
            path: std::env::temp_dir().join(name),
        }
    }

    /// Streams `body` into the file, at most [`MAX_IMPORT_BYTES`].
    async fn fill(&self, body: Body) -> Result<()> {
        let failed = |e: std::io::Error| {
            Error::Store(crate::store::StoreError::Commit(format!(
                "spooling the import: {e}"
            )))
        };
        let mut file = tokio::fs::File::create(&self.path).await.map_err(failed)?;
        let mut stream = body.into_data_stream();
        let mut written = 0_u64;
        while let Some(chunk) = stream.next().await {
            let chunk =
                chunk.map_err(|e| Error::BadQuery(format!("the body could not be read: {e}")))?;
            written += chunk.len() as u64;
            if written > MAX_IMPORT_BYTES {
                return Err(Error::PayloadTooLarge(MAX_IMPORT_BYTES as usize));
            }
            file.write_all(&chunk).await.map_err(failed)?;
        }
        file.flush().await.map_err(failed)?;
        Ok(())
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
