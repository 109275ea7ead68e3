//! What respondents said (admin): `GET /api/v1/responses`, the filtered
//! verbatim feed with stable cursor pagination, and
//! `GET /api/v1/responses/export`, the same set streamed as CSV or JSON
//! lines in constant memory.
//!
//! Pagination is by keyset (`created_at`, `id`), newest first: an answer
//! arriving while someone pages is newer than every cursor, so it never
//! shifts or repeats the pages after the first.

mod csv;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use nps_protocol::{Category, Problem};
use serde::Serialize;

use super::error::{Error, Result};
use super::extract::{Member, QueryParams};
use super::stats::{param, project_of, Pairs};
use super::AppState;
use crate::domain::{Filter, ProjectKey};
use crate::store::analytics::Cursor;
use crate::store::StoredResponse;

/// Rows read per query while exporting.
const EXPORT_PAGE: u32 = 1_000;

/// Routes for the dashboard and scripts.
pub(super) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/responses", get(list))
        .route("/api/v1/responses/export", get(export))
}

/// A response with its category and tags.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct ResponseView {
    #[serde(flatten)]
    response: StoredResponse,
    category: Category,
    tags: Vec<String>,
}

impl From<StoredResponse> for ResponseView {
    fn from(response: StoredResponse) -> Self {
        let category = Category::of(response.score).unwrap_or(Category::Detractor);
        Self {
            response,
            category,
            tags: Vec::new(),
        }
    }
}

/// A page of the feed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct ResponsePage {
    items: Vec<ResponseView>,
    /// Pass as `cursor` for the next page; `null` on the last one.
    next_cursor: Option<String>,
}

fn cursor_after(r: &StoredResponse) -> String {
    format!("{}.{}", crate::store::to_millis(r.created_at), r.id)
}

fn parse_cursor(raw: &str) -> Result<Cursor> {
    raw.split_once('.')
        .and_then(|(at, id)| {
            Some(Cursor {
                at: at.parse().ok()?,
                id: id.to_owned(),
            })
        })
        .ok_or_else(|| Error::BadQuery("cursor is not one this API gave".into()))
}

/// The filtered feed, newest first.
#[utoipa::path(get, path = "/api/v1/responses", tag = "admin",
    params(super::stats::views::ProjectParam, super::stats::views::FilterParams,
        ("q" = Option<String>, Query, description = "Words the comment contains (case-insensitive)"),
        ("category" = Option<String>, Query, description = "detractor, passive or promoter"),
        ("score_min" = Option<u8>, Query, description = "Lowest score"),
        ("score_max" = Option<u8>, Query, description = "Highest score"),
        ("has_comment" = Option<bool>, Query, description = "Only with (true) or without (false) a comment"),
        ("cursor" = Option<String>, Query, description = "next_cursor of the previous page"),
        ("limit" = Option<u32>, Query, description = "Page size, 1-500 (default 50)")),
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "A page", body = ResponsePage),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or wrong admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter is invalid", body = Problem, content_type = "application/problem+json")))]
async fn list(
    _: Member,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<ResponsePage>> {
    let key = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "")?;
    let limit = match param(&pairs, "limit") {
        Some(raw) => raw
            .parse::<u32>()
            .map_err(|_| Error::BadQuery("limit must be a whole number".into()))?
            .clamp(1, 500),
        None => 50,
    };
    let cursor = param(&pairs, "cursor").map(parse_cursor).transpose()?;
    let mut rows = state
        .store
        .list_responses(&key, &filter, cursor.as_ref(), limit + 1)
        .await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last().map(cursor_after)
    } else {
        None
    };
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut tags = crate::store::tags::of(state.store.pool(), key.as_str(), &ids).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let mut view = ResponseView::from(r);
            view.tags = tags.remove(&view.response.id).unwrap_or_default();
            view
        })
        .collect();
    Ok(Json(ResponsePage { items, next_cursor }))
}

/// The filtered set as a download.
#[utoipa::path(get, path = "/api/v1/responses/export", tag = "admin",
    params(super::stats::views::ProjectParam, super::stats::views::FilterParams,
        ("format" = String, Query, description = "csv or jsonl")),
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "CSV (cells that a spreadsheet would run as a formula are prefixed with ') or JSON lines", content_type = "text/csv"),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or wrong admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown project", body = Problem, content_type = "application/problem+json")))]
async fn export(
    _: Member,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Response> {
    let key = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "")?;
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
    futures_util::stream::unfold(start, |mut export| async move {
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
            .list_responses(
                &export.key,
                &export.filter,
                export.cursor.as_ref(),
                EXPORT_PAGE,
            )
            .await;
        let rows = match page {
            Ok(rows) => rows,
            Err(e) => {
                tracing::error!(error = %e, "export failed");
                export.done = true;
                return Some((Err(std::io::Error::other("export failed")), export));
            }
        };
        export.done = rows.len() < EXPORT_PAGE as usize;
        export.cursor = rows.last().map(|r| Cursor {
            at: crate::store::to_millis(r.created_at),
            id: r.id.clone(),
        });
        for row in rows {
            let view = ResponseView::from(row);
            if export.csv {
                csv::push_row(&mut chunk, &view.response, view.category);
            } else if let Ok(line) = serde_json::to_string(&view) {
                chunk.push_str(&line);
                chunk.push('\n');
            }
        }
        Some((Ok(Bytes::from(chunk)), export))
    })
}
