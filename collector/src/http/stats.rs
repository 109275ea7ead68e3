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

/// Routes for the dashboard.
pub(super) fn admin_router() -> Router<AppState> {
    Router::new().route("/api/v1/stats", get(stats))
}

#[derive(Debug, Deserialize)]
struct StatsQuery {
    project: String,
}

#[derive(Debug, Serialize)]
struct StatsView {
    project: String,
    #[serde(flatten)]
    summary: NpsSummary,
}

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
