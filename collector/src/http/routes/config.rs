//! `GET /api/v1/config?key=KEY` (public): what the widget needs to decide
//! when to prompt. Short-cached with an ETag so teams can change timing
//! without redeploying their app.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use nps_protocol::WidgetConfig;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::domain::ProjectKey;
use crate::http::error::Result;
use crate::http::middleware::caching::cached;
use crate::http::middleware::extract::QueryParams;
use crate::http::shared::project::public_project;
use crate::http::state::rate_limits::Budget;
use crate::http::state::AppState;

/// Routes the widget calls.
pub(in crate::http) fn public_router() -> Router<AppState> {
    Router::new().route("/api/v1/config", get(config))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ConfigQuery {
    /// The project's public key.
    key: String,
}

/// What the widget needs to decide when to prompt.
#[utoipa::path(get, path = "/api/v1/config", tag = "widget", params(ConfigQuery),
    responses(
        (status = 200, description = "The configuration", body = WidgetConfig),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 403, description = "An Origin the project does not allow (origin_not_allowed)")))]
async fn config(
    State(state): State<AppState>,
    headers: HeaderMap,
    QueryParams(query): QueryParams<ConfigQuery>,
) -> Result<Response> {
    let key = ProjectKey::try_from(query.key)?;
    let project = public_project(&state, &key, Budget::Reads, &headers).await?;
    let config = project.settings.timing.widget_config(key.as_str());
    // Serialised once: the digest and the body are the same bytes.
    let body = serde_json::to_vec(&config).map_err(crate::store::StoreError::from)?;
    let digest = Sha256::digest(&body);
    // Revalidated on every page view (a 304 of a few hundred bytes when
    // unchanged) so a change made on the dashboard applies at the next page
    // view, not a minute later in a tab the product team is testing.
    Ok(cached(
        &headers,
        &digest,
        "public, no-cache",
        "application/json",
        body,
    ))
}
