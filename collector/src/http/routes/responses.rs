//! `POST /api/v1/responses` (a score) and `PATCH /api/v1/responses/{id}`
//! (its comment), both public. The admin feed is in `verbatims`; who may
//! edit an answer (a `PATCH`, or a replayed `POST`) is in `edits`.

mod edits;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::patch;
use axum::{Json, Router};
use nps_protocol::{CommentUpdate, NewResponse, ResponseReceipt};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::domain::{ClientId, Comment, ProjectKey, ResponseSecret, ValidResponse};
use crate::http::error::{Error, Result};
use crate::http::middleware::extract::{IngestBody, QueryParams};
use crate::http::shared::identity::{settle_identity, strip_if_anonymous};
use crate::http::shared::project::public_project;
use crate::http::shared::receipt::receipt;
use crate::http::shared::tag_rules::apply_rules;
use crate::http::state::rate_limits::Budget;
use crate::http::state::AppState;
use crate::store::Inserted;

/// How long after the answer its comment may still be set: long enough for
/// a comment queued offline to arrive, short enough that a leaked secret
/// soon stops mattering.
pub(crate) const COMMENT_WINDOW: time::Duration = time::Duration::days(7);

/// Routes the widget calls (CORS-enabled by the caller).
pub(in crate::http) fn public_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/responses", axum::routing::post(create))
        .route("/api/v1/responses/{id}", patch(update_comment))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct CreateQuery {
    /// Validate only: answer as if stored, store nothing. For checking an
    /// integration, and the benchmark's "no storage" ceiling.
    #[serde(default)]
    dry_run: bool,
}

/// Stores a score. 201 the first time, 200 with `created: false` when the
/// same id is replayed (the widget retries until it gets an answer). A
/// replay changes nothing, except that the author's replay fills a
/// missing comment; a replay carrying a comment passes the checks of a
/// `PATCH` first and gets the same 403 when it fails them (see `edits`).
#[utoipa::path(post, path = "/api/v1/responses", tag = "widget",
    params(CreateQuery), request_body = NewResponse,
    responses(
        (status = 201, description = "Stored", body = ResponseReceipt),
        (status = 200, description = "Already stored (replay) or dry run", body = ResponseReceipt),
        (status = 403, description = "A replay carrying a comment without the author's secret or user_hash, or past the edit window (as PATCH); or an Origin the project does not allow (origin_not_allowed)")))]
#[tracing::instrument(level = "debug", skip_all)]
async fn create(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    QueryParams(query): QueryParams<CreateQuery>,
    IngestBody(body): IngestBody<NewResponse>,
) -> Result<(StatusCode, Json<ResponseReceipt>)> {
    let mut response = ValidResponse::try_from(body)?;
    let project = public_project(&state, &response.key, Budget::Writes, &headers).await?;
    strip_if_anonymous(&project, &mut response);
    settle_identity(&project, &mut response);
    response.moment = response
        .moment
        .map(|m| m.or_unconfigured(|name| project.settings.timing.has_moment(name)));
    if query.dry_run {
        let receipt = ResponseReceipt {
            id: response.id.uuid().to_string(),
            created: false,
        };
        return Ok((StatusCode::OK, Json(receipt)));
    }
    let id = response.id;
    // Kept for a replay, which is an edit; the rest goes to the writer.
    let comment = response.comment.clone();
    let proof = (response.secret.clone(), response.user_hash.clone());
    let started = std::time::Instant::now();
    let inserted = state
        .store
        .insert_response(response, OffsetDateTime::now_utc())
        .await?;
    metrics::histogram!("nps_ingest_seconds").record(started.elapsed().as_secs_f64());
    let tagging = match inserted {
        Inserted::Created => {
            if project.settings.timing.as_config().sampling.is_some() {
                state.pauses.forget(project.key.as_str());
            }
            comment
        }
        Inserted::Duplicate => {
            let (secret, user_hash) = proof;
            edits::replay(
                &state,
                &project,
                id,
                comment,
                secret.as_ref(),
                user_hash.as_deref(),
            )
            .await?
        }
    };
    if let Some(comment) = tagging {
        tag_by_rules(&state, &project.key, id, comment.as_str()).await;
    }
    Ok(receipt(id, inserted))
}

/// Automatic tags for a comment that just arrived. The answer is stored
/// already: a failure here is logged, and `POST /api/v1/tag-rules/apply`
/// catches up.
async fn tag_by_rules(state: &AppState, key: &ProjectKey, id: ClientId, comment: &str) {
    if let Err(e) = apply_rules(state, key, &id.uuid().to_string(), comment).await {
        tracing::warn!(error = %e, "tag rules not applied");
    }
}

/// Sets the comment of a response the same project stored before. Only its
/// author may: the request carries the secret sent with the score, plus
/// the `user_hash` when the answer belongs to a verified user, within
/// [`COMMENT_WINDOW`] of the answer.
#[utoipa::path(patch, path = "/api/v1/responses/{id}", tag = "widget",
    params(("id" = String, Path, description = "The response's UUID")),
    request_body = CommentUpdate,
    responses(
        (status = 200, description = "Comment stored", body = ResponseReceipt),
        (status = 403, description = "No or wrong secret or user_hash, the edit window closed, or an Origin the project does not allow")))]
#[tracing::instrument(level = "debug", skip_all)]
async fn update_comment(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
    IngestBody(body): IngestBody<CommentUpdate>,
) -> Result<Json<ResponseReceipt>> {
    let id = ClientId::try_from(id.as_str())?;
    let key = ProjectKey::try_from(body.key)?;
    let comment = Comment::parse_optional(Some(body.comment))?;
    let secret = body.secret.map(ResponseSecret::try_from).transpose()?;
    let project = public_project(&state, &key, Budget::Writes, &headers).await?;
    let now = OffsetDateTime::now_utc();
    let Some(target) = state.store.comment_target(&key, id).await? else {
        return Err(Error::NotFound(format!(
            "no response {} in this project",
            id.uuid()
        )));
    };
    edits::authorize(
        &project,
        &target,
        secret.as_ref(),
        body.user_hash.as_deref(),
        now,
    )?;
    let found = state
        .store
        .set_comment(&key, id, comment.as_ref(), now)
        .await?;
    if !found {
        return Err(Error::NotFound(format!(
            "no response {} in this project",
            id.uuid()
        )));
    }
    if let Some(comment) = &comment {
        tag_by_rules(&state, &key, id, comment.as_str()).await;
    }
    Ok(Json(ResponseReceipt {
        id: id.uuid().to_string(),
        created: false,
    }))
}
