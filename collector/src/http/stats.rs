//! `GET /api/v1/stats?project=KEY` (admin): the NPS, its margin of error and
//! the score distribution.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::error::Result;
use super::extract::{Admin, QueryParams};
use super::{require_project, AppState};
use crate::domain::ProjectKey;
use crate::stats::{summarise, NpsSummary};
use nps_protocol::Problem;

/// Routes for the dashboard.
pub(super) fn admin_router() -> Router<AppState> {
    Router::new().route("/api/v1/stats", get(stats))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
struct StatsQuery {
    /// The project's key.
    project: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct StatsView {
    project: String,
    #[serde(flatten)]
    summary: NpsSummary,
}

/// The NPS, its 95% margin of error and the score distribution.
#[utoipa::path(get, path = "/api/v1/stats", tag = "admin", params(StatsQuery),
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "The score", body = StatsView),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or wrong admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown project", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = nps_protocol::Problem, content_type = "application/problem+json")))]
async fn stats(
    _: Admin,
    State(state): State<AppState>,
    QueryParams(query): QueryParams<StatsQuery>,
) -> Result<Json<StatsView>> {
    let key = ProjectKey::try_from(query.project)?;
    require_project(&state, &key).await?;
    let distribution = state.store.distribution(&key).await?;
    Ok(Json(StatsView {
        project: key.as_str().to_owned(),
        summary: summarise(&distribution),
    }))
}
