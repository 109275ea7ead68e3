//! `GET /api/v1/config?key=KEY` (public): what the widget needs to decide
//! when to prompt. Short-cached with an ETag so teams can change timing
//! without redeploying their app.
//!
//! A project sampled to a precision (`sampling.target_margin`) gets
//! `paused_until` on each moment whose calendar month (in the project's
//! time zone) already reached the margin: data that is the same for every
//! visitor, so the config stays one cacheable document.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use nps_protocol::{Sampling, WidgetConfig};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::domain::{settle_ended_experiments, Filter, ProjectKey, Zone};
use crate::http::error::Result;
use crate::http::middleware::caching::cached;
use crate::http::middleware::extract::QueryParams;
use crate::http::shared::project::public_project;
use crate::http::shared::scores::histograms;
use crate::http::state::pauses::Paused;
use crate::http::state::rate_limits::Budget;
use crate::http::state::AppState;
use crate::stats::precise_enough;
use crate::store::analytics::Grouping;
use crate::store::StoreError;

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
    let mut config = project.settings.timing.widget_config(key.as_str());
    settle_ended_experiments(&mut config);
    if let Some(sampling) = config.sampling {
        let zone = project.settings.zone();
        pause(&state, &key, &zone, sampling, &mut config).await?;
    }
    // Serialised once: the digest and the body are the same bytes.
    let body = serde_json::to_vec(&config).map_err(StoreError::from)?;
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

/// Sets `paused_until` on the moments whose month is precise enough.
async fn pause(
    state: &AppState,
    key: &ProjectKey,
    zone: &Zone,
    sampling: Sampling,
    config: &mut WidgetConfig,
) -> Result<()> {
    let (start, end) = zone.month_of(OffsetDateTime::now_utc());
    let month = zone.date_of(start).to_string();
    let paused = match state.pauses.get(key.as_str(), &sampling, &month) {
        Some(paused) => paused,
        None => {
            // Years 0-9999 always format.
            let until = end.format(&Rfc3339).unwrap_or_default();
            let filter = Filter {
                from: Some(start),
                to: Some(end),
                ..Filter::default()
            };
            let grouping = if sampling.per_moment {
                Grouping::Moment
            } else {
                Grouping::Total
            };
            let counts = state.store.grouped_scores(key, &filter, &grouping).await?;
            let paused: Paused = histograms(counts)
                .into_iter()
                .filter(|(_, d)| precise_enough(d, sampling.target_margin))
                // Per moment, answers without one pause nothing; the
                // total's one group pauses every moment.
                .filter(|(moment, _)| !sampling.per_moment || moment.is_some())
                .map(|(moment, _)| (moment.filter(|_| sampling.per_moment), until.clone()))
                .collect();
            state
                .pauses
                .put(key.as_str(), sampling, month, paused.clone());
            paused
        }
    };
    for m in &mut config.moments {
        let hit = paused
            .iter()
            .find(|(name, _)| name.as_deref().is_none_or(|n| n == m.event));
        m.paused_until = hit.map(|(_, until)| until.clone());
    }
    Ok(())
}
