//! A person's rights (admin): `POST /api/v1/users/{user_id}/export` returns
//! everything stored about one user id in a project, and
//! `DELETE /api/v1/users/{user_id}` erases it. Both are logged (who, when,
//! how many rows), never with the data. The CLI's `user export|delete` does
//! the same without the HTTP server.
//!
//! An export writes to the privacy log, so it is not a plain read: an
//! `<img src>` on a sibling port or subdomain (which `SameSite` counts as
//! the same site) must not make a signed-in admin's browser log exports.
//! `GET` still answers the admin token (scripts), and a session only with
//! its CSRF token, which such a page cannot send.

use axum::extract::{Path, State};
use axum::routing::{delete, get};
use axum::{Json, Router};
use serde::Serialize;

use crate::domain::{ProjectKey, UserId};
use crate::http::error::Result;
use crate::http::middleware::caching::NO_STORE;
use crate::http::middleware::extract::{Admin, AdminAction, QueryParams};
use crate::http::shared::project::require_project;
use crate::http::shared::query::ProjectQuery;
use crate::http::state::AppState;
use crate::store::privacy::{PrivacyLogEntry, Removed, UserData};

/// Routes for the dashboard and scripts.
pub(in crate::http) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/users/{user_id}/export", get(export).post(export))
        .route("/api/v1/users/{user_id}", delete(erase))
        .route("/api/v1/privacy/log", get(log))
}

/// What an export answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct UserExport {
    project: String,
    user_id: String,
    #[serde(flatten)]
    data: UserData,
}

/// What a deletion answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct Deleted {
    deleted: Removed,
}

/// The privacy log.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct PrivacyLog {
    entries: Vec<PrivacyLogEntry>,
}

/// Everything stored about one user: responses (with comments and traits)
/// and events. `GET` works too, with the admin token (or a session's CSRF
/// token).
#[utoipa::path(post, path = "/api/v1/users/{user_id}/export", tag = "admin",
    params(("user_id" = String, Path, description = "The host app's user id"), ProjectQuery),
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "The user's data", body = UserExport),
        (status = 403, description = "A session without its CSRF token (csrf)"),
        (status = 422, description = "Bad user id")))]
async fn export(
    AdminAction(who): AdminAction,
    State(state): State<AppState>,
    Path(user_id): Path<String>,
    QueryParams(query): QueryParams<ProjectQuery>,
) -> Result<impl axum::response::IntoResponse> {
    let (key, user) = parse(&state, query.project, user_id).await?;
    let data = state.store.user_data(&key, &user).await?;
    let rows = (data.responses.len() + data.events.len()) as u64;
    state
        .store
        .log_privacy(&key, "export_user", &who.actor, rows)
        .await?;
    let export = UserExport {
        project: key.as_str().to_owned(),
        user_id: user.as_str().to_owned(),
        data,
    };
    Ok((NO_STORE, Json(export)))
}

/// Erases everything stored about one user, in one transaction.
#[utoipa::path(delete, path = "/api/v1/users/{user_id}", tag = "admin",
    params(("user_id" = String, Path, description = "The host app's user id"), ProjectQuery),
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "Rows deleted", body = Deleted),
        (status = 422, description = "Bad user id")))]
async fn erase(
    Admin(who): Admin,
    State(state): State<AppState>,
    Path(user_id): Path<String>,
    QueryParams(query): QueryParams<ProjectQuery>,
) -> Result<Json<Deleted>> {
    let (key, user) = parse(&state, query.project, user_id).await?;
    let deleted = state.store.delete_user(&key, &user, &who.actor).await?;
    // The counts, never the user id: the log must not keep what was erased.
    tracing::info!(
        project = key.as_str(),
        responses = deleted.responses,
        events = deleted.events,
        moments = deleted.moments,
        "user data deleted"
    );
    Ok(Json(Deleted { deleted }))
}

/// Who exported or deleted what, and retention runs, newest first.
#[utoipa::path(get, path = "/api/v1/privacy/log", tag = "admin", params(ProjectQuery),
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "The log", body = PrivacyLog)))]
async fn log(
    _: Admin,
    State(state): State<AppState>,
    QueryParams(query): QueryParams<ProjectQuery>,
) -> Result<Json<PrivacyLog>> {
    let key = ProjectKey::try_from(query.project)?;
    require_project(&state, &key).await?;
    Ok(Json(PrivacyLog {
        entries: state.store.privacy_log(&key).await?,
    }))
}

async fn parse(state: &AppState, project: String, user: String) -> Result<(ProjectKey, UserId)> {
    let key = ProjectKey::try_from(project)?;
    let user = UserId::try_from(user)?;
    require_project(state, &key).await?;
    Ok((key, user))
}
