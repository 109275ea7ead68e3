//! `POST /api/v1/moments` (the project's server key): a moment that
//! happened in the host app's backend (a ticket solved, an invoice paid,
//! a support contact that starts a quiet period), for one user. Her widget
//! learns it from the eligibility read at her next verified page view.
//!
//! `POST /api/v1/projects/{key}/server-key` (admin) rotates the key.
//!
//! The public key can never record a moment: it is in every page, and a
//! moment decides when a person is asked.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::{Json, Router};
use nps_protocol::{MomentReceipt, NewMoment, ServerKey};
use time::OffsetDateTime;

use crate::domain::{Invalid, ProjectKey, ServerMoment};
use crate::http::error::Result;
use crate::http::middleware::extract::{Admin, JsonBody};
use crate::http::shared::project::require_project;
use crate::http::shared::server_key::{rotate, ServerKeyProject};
use crate::http::state::rate_limits::Budget;
use crate::http::state::AppState;
use crate::store::moments::{self, NewServerMoment};
use crate::store::to_millis;

/// Routes for the host app's backend and for admins.
pub(in crate::http) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/moments", post(record))
        .route("/api/v1/projects/{key}/server-key", post(rotate_key))
}

/// Records a moment of one user, sent by the host app's backend.
#[utoipa::path(post, path = "/api/v1/moments", tag = "server", security(("server_key" = [])),
    request_body = NewMoment,
    responses(
        (status = 201, description = "Recorded; pending for the user until a prompt for it shows or it expires", body = MomentReceipt),
        (status = 401, description = "No server key, a wrong or rotated one, or another key (the public key, the admin token)"),
        (status = 422, description = "A field is invalid (named in the message), an unknown field, or an anonymous project")))]
async fn record(
    ServerKeyProject(key): ServerKeyProject,
    State(state): State<AppState>,
    JsonBody(body): JsonBody<NewMoment>,
) -> Result<(StatusCode, Json<MomentReceipt>)> {
    state.limits.check_key(&key, Budget::Writes)?;
    let now = OffsetDateTime::now_utc();
    let moment = ServerMoment::parse(body, now)?;
    let project = require_project(&state, &key).await?;
    if project.settings.timing.as_config().anonymous {
        return Err(Invalid::new(
            "anonymous_project",
            "this project is anonymous: its widget sends no user id, so no moment could reach one",
        )
        .into());
    }
    let id = uuid::Uuid::new_v4().to_string();
    // Valid traits are finite numbers and strings: they always serialise.
    let props = serde_json::to_string(moment.props.as_map()).unwrap_or_else(|_| "{}".into());
    let row = NewServerMoment {
        id: &id,
        project: key.as_str(),
        user_id: moment.user_id.as_str(),
        moment: moment.moment.as_str(),
        at: to_millis(moment.at),
        props: &props,
        created_at: to_millis(now),
    };
    moments::insert(state.store.pool(), &row).await?;
    Ok((StatusCode::CREATED, Json(MomentReceipt { id })))
}

/// Gives the project a new server key and shows it, this once; the old
/// key stops working at once.
#[utoipa::path(post, path = "/api/v1/projects/{key}/server-key", tag = "admin", security(("admin_token" = [])),
    params(("key" = String, Path, description = "The project's key")),
    responses(
        (status = 200, description = "The new server key (never shown again)", body = ServerKey)))]
async fn rotate_key(
    Admin(who): Admin,
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<impl IntoResponse> {
    let key = ProjectKey::try_from(key)?;
    require_project(&state, &key).await?;
    let server_key = rotate(&state, &key).await?;
    tracing::info!(project = key.as_str(), actor = %who.actor, "server key rotated");
    let body = ServerKey {
        key: key.as_str().to_owned(),
        server_key,
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)))
}
