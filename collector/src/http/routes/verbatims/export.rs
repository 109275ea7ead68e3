//! `GET /api/v1/responses/export`: the feed's set as CSV or JSON lines,
//! streamed a page at a time. Each page is one short keyset query (no read
//! transaction held open for the whole download, so SQLite's WAL can still
//! be checkpointed), and a page is handed to the connection before the next
//! is read: memory is that of one page, whatever the number of rows.

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use nps_protocol::Category;

use super::{csv, VerbatimParams};
use crate::domain::{Filter, ProjectKey};
use crate::http::error::{Error, Result};
use crate::http::middleware::extract::{QueryParams, SignedIn};
use crate::http::shared::answers::answer;
use crate::http::shared::query::{param, project_of, FilterParams, Pairs, ProjectQuery};
use crate::http::state::AppState;
use crate::store::analytics::Cursor;

/// The two formats of an export.
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // Named for the OpenAPI document; the query is read as text.
enum ExportFormat {
    Csv,
    Jsonl,
}

/// Rows read per query.
const PAGE: u32 = 1_000;

/// The filtered set as a download.
#[utoipa::path(get, path = "/api/v1/responses/export", tag = "admin",
    params(ProjectQuery, FilterParams, VerbatimParams,
        ("format" = inline(ExportFormat), Query, description = "csv or jsonl")),
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "CSV (cells that a spreadsheet would run as a formula are prefixed with '), or JSON lines: one answer per line, as in the feed",
            content(
                (String = "text/csv"),
                (nps_protocol::admin::Answer = "application/x-ndjson"),
            ))))]
pub(in crate::http) async fn export(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Response> {
    let (key, zone) = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "", &zone)?;
    let csv = match param(&pairs, "format") {
        Some("csv") => true,
        Some("jsonl") => false,
        _ => return Err(Error::BadQuery("format must be csv or jsonl".into())),
    };
    let (content_type, extension) = if csv {
        ("text/csv; charset=utf-8", "csv")
    } else {
        ("application/x-ndjson", "jsonl")
    };
    let disposition = format!("attachment; filename=\"nps-{}.{extension}\"", key.as_str());
    let body = Body::from_stream(pages(state, key, filter, csv));
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// Where an export stands: what is left to read.
struct Export {
    state: AppState,
    key: ProjectKey,
    filter: Filter,
    csv: bool,
    cursor: Option<Cursor>,
    header_sent: bool,
    done: bool,
}

/// The export as a stream of chunks, one page of rows each: memory stays
/// that of one page, however many rows there are.
fn pages(
    state: AppState,
    key: ProjectKey,
    filter: Filter,
    csv: bool,
) -> impl futures_util::Stream<Item = std::result::Result<Bytes, std::io::Error>> {
    let start = Export {
        state,
        key,
        filter,
        csv,
        cursor: None,
        header_sent: false,
        done: false,
    };
    // Fused: the compression layer polls its body once more after the
    // end, and an unfused `unfold` panics when polled after `None` (every
    // client that accepts gzip or br got a truncated download).
    let pages = futures_util::stream::unfold(start, |mut export| async move {
        if export.done {
            return None;
        }
        let mut chunk = String::new();
        if export.csv && !export.header_sent {
            chunk.push_str(csv::HEADER);
            export.header_sent = true;
        }
        let page = export
            .state
            .store
            .list_responses(&export.key, &export.filter, export.cursor.as_ref(), PAGE)
            .await;
        let rows = match page {
            Ok(rows) => rows,
            Err(e) => {
                tracing::error!(error = %e, "export failed");
                export.done = true;
                return Some((Err(std::io::Error::other("export failed")), export));
            }
        };
        export.done = rows.len() < PAGE as usize;
        export.cursor = rows.last().map(|r| Cursor {
            at: crate::store::to_millis(r.created_at),
            id: r.id.clone(),
        });
        // The JSON lines carry each answer's tags, as the feed does.
        let mut tags = if export.csv {
            Default::default()
        } else {
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            match crate::store::tags::of(export.state.store.pool(), export.key.as_str(), &ids).await
            {
                Ok(tags) => tags,
                Err(e) => {
                    tracing::error!(error = %e, "export failed");
                    export.done = true;
                    return Some((Err(std::io::Error::other("export failed")), export));
                }
            }
        };
        for row in rows {
            if export.csv {
                let category = Category::of(row.score).unwrap_or(Category::Detractor);
                csv::push_row(&mut chunk, &row, category);
                continue;
            }
            let row_tags = tags.remove(&row.id).unwrap_or_default();
            if let Ok(line) = serde_json::to_string(&answer(row, row_tags)) {
                chunk.push_str(&line);
                chunk.push('\n');
            }
        }
        Some((Ok(Bytes::from(chunk)), export))
    });
    futures_util::StreamExt::fuse(pages)
}
