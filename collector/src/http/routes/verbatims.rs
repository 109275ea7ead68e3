//! What respondents said (admin): `GET /api/v1/responses`, the filtered
//! verbatim feed with stable cursor pagination, and
//! `GET /api/v1/responses/export`, the same set streamed as CSV or JSON
//! lines in constant memory.
//!
//! Pagination is by keyset (`created_at`, `id`), newest first: an answer
//! arriving while someone pages is newer than every cursor, so it never
//! shifts or repeats the pages after the first.

mod csv;
pub(in crate::http) mod export;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use nps_protocol::admin::AnswerPage;

use crate::domain::Filter;
use crate::http::error::{Error, Result};
use crate::http::middleware::caching::NO_STORE;
use crate::http::middleware::extract::{QueryParams, SignedIn};
use crate::http::shared::answers::answer;
use crate::http::shared::query::{param, project_of, FilterParams, Pairs, ProjectQuery};
use crate::http::state::AppState;
use crate::store::analytics::Cursor;
use crate::store::StoredResponse;

/// Routes for the dashboard and scripts.
pub(in crate::http) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/responses", get(list))
        .route("/api/v1/responses/export", get(export::export))
}

/// The filters only the feed and the export take.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct VerbatimParams {
    /// Full-text search of the comment: every word must appear as a whole
    /// word, the last one (two characters or more) also as the start of
    /// one ("csv expor" finds "CSV export"); case and accents are ignored
    /// ("decu" finds "déçu").
    /// Anything but letters and digits only separates words: quotes, `*`,
    /// `-`, `OR` and the like are plain text. Empty, or no word: no filter.
    q: Option<String>,
    /// `detractor`, `passive` or `promoter`.
    category: Option<String>,
    /// Lowest score.
    score_min: Option<u8>,
    /// Highest score.
    score_max: Option<u8>,
    /// Only with (true) or without (false) a comment.
    has_comment: Option<bool>,
    /// Answers carrying this tag.
    tag: Option<String>,
    /// Answers whose follow-up has this status.
    status: Option<String>,
    /// Answers of this user.
    user_id: Option<String>,
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
    params(ProjectQuery, FilterParams, VerbatimParams,
        ("cursor" = Option<String>, Query, description = "next_cursor of the previous page"),
        ("limit" = Option<u32>, Query, description = "Page size, 1-500 (default 50)")),
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "A page", body = AnswerPage)))]
async fn list(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<impl axum::response::IntoResponse> {
    let (key, zone) = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "", &zone)?;
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
            let tags = tags.remove(&r.id).unwrap_or_default();
            answer(r, tags)
        })
        .collect();
    // Comments and user ids: not for a shared cache or a back button.
    Ok((NO_STORE, Json(AnswerPage { items, next_cursor })))
}
