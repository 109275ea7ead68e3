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
use crate::store::MomentCounts;
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
    /// Response rate of each moment: which moments are worth asking at.
    moments: Vec<MomentView>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct MomentView {
    #[serde(flatten)]
    counts: MomentCounts,
    /// answered / shown, or `null` before any impression.
    response_rate: Option<f64>,
}

impl From<MomentCounts> for MomentView {
    fn from(counts: MomentCounts) -> Self {
        let response_rate = (counts.shown > 0)
            .then(|| (counts.answered as f64 / counts.shown as f64 * 1000.0).round() / 1000.0);
        Self {
            counts,
            response_rate,
        }
    }
}

/// The NPS, its 95% margin of error, the score distribution and the
/// response rate of each moment.
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
    let moments = state.store.moment_counts(&key).await?;
    Ok(Json(StatsView {
        project: key.as_str().to_owned(),
        summary: summarise(&distribution),
        moments: moments.into_iter().map(MomentView::from).collect(),
    }))
}
