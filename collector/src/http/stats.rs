//! The statistics a product team reads (admin), each under the filters of
//! [`Filter`] (`from`, `to`, `moment`, `locale`, `tenure`, `trait.NAME`):
//! - `GET /api/v1/stats`: the NPS, its adjusted-Wald 95% interval, the
//!   distribution, the sample still needed, response rates per moment;
//! - `GET /api/v1/stats/compare`: two periods or segments, and whether the
//!   difference is significant;
//! - `GET /api/v1/stats/trend`: per day, week or month, each point with its
//!   interval;
//! - `GET /api/v1/stats/segments`: per moment, locale, tenure or trait;
//! - `GET /api/v1/stats/tenure`: the NPS by days since signup.
//!
//! Answers without a score never enter a denominator: there are none (a
//! response is stored only with its score).

pub(super) mod compare;
pub(super) mod views;

use std::collections::BTreeMap;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use nps_protocol::Problem;
use time::Date;

use super::error::{Error, Result};
use super::extract::{Member, QueryParams};
use super::{require_project, AppState};
use crate::domain::{Filter, ProjectKey};
use crate::stats::trend::{self, fold};
use crate::stats::{Distribution, TENURE_BUCKETS};
use crate::store::analytics::{GroupCount, Grouping};
use nps_protocol::admin::{
    Segment, Segments as SegmentList, Stats as StatsView, Trend as TrendView,
};
use views::{moment_rate, segment, summary, trend_point};

/// Routes for the dashboard.
pub(super) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/stats", get(stats))
        .route("/api/v1/stats/compare", get(compare::compare))
        .route("/api/v1/stats/trend", get(trend))
        .route("/api/v1/stats/segments", get(segments))
        .route("/api/v1/stats/tenure", get(tenure))
}

/// Query pairs as given (filters are open-ended: `trait.NAME=VALUE`).
pub(super) type Pairs = Vec<(String, String)>;

/// The `name` parameter, or a 400 naming it.
pub(super) fn param<'a>(pairs: &'a Pairs, name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The project the query names (it must exist).
pub(super) async fn project_of(state: &AppState, pairs: &Pairs) -> Result<ProjectKey> {
    let key = param(pairs, "project")
        .ok_or_else(|| Error::BadQuery("missing query parameter: project".into()))?;
    let key = ProjectKey::try_from(key.to_owned())?;
    require_project(state, &key).await?;
    Ok(key)
}

/// Folds grouped counts into one histogram per group.
pub(super) fn histograms(counts: Vec<GroupCount>) -> BTreeMap<Option<String>, Distribution> {
    let mut by_group: BTreeMap<Option<String>, Distribution> = BTreeMap::new();
    for c in counts {
        if let Some(slot) = by_group
            .entry(c.group)
            .or_default()
            .0
            .get_mut(usize::from(c.score))
        {
            *slot += c.count;
        }
    }
    by_group
}

/// The histogram of the answers a filter selects.
pub(super) async fn distribution(
    state: &AppState,
    key: &ProjectKey,
    f: &Filter,
) -> Result<Distribution> {
    let counts = state.store.grouped_scores(key, f, &Grouping::Total).await?;
    Ok(histograms(counts).into_values().next().unwrap_or_default())
}

/// The NPS with its 95% interval, the distribution and response rates.
#[utoipa::path(get, path = "/api/v1/stats", tag = "admin",
    params(views::ProjectParam, views::FilterParams), security(("admin_token" = [])),
    responses(
        (status = 200, description = "The score", body = StatsView),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or wrong admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter is invalid", body = Problem, content_type = "application/problem+json")))]
async fn stats(
    _: Member,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<StatsView>> {
    let key = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "")?;
    // Two independent reads (the roll-ups, then the events): side by side
    // on the read pool, the page waits for the slower one only.
    let (d, moments) = tokio::try_join!(distribution(&state, &key, &filter), async {
        Ok::<_, Error>(state.store.moment_counts(&key, &filter).await?)
    },)?;
    Ok(Json(StatsView {
        project: key.as_str().to_owned(),
        summary: summary(&d),
        moments: moments.into_iter().map(moment_rate).collect(),
    }))
}

/// The NPS per day, week or month.
#[utoipa::path(get, path = "/api/v1/stats/trend", tag = "admin",
    params(views::ProjectParam, views::TrendParams, views::FilterParams), security(("admin_token" = [])),
    responses(
        (status = 200, description = "One point per period, empty periods included", body = TrendView),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or wrong admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter is invalid", body = Problem, content_type = "application/problem+json")))]
async fn trend(
    _: Member,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<TrendView>> {
    let key = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "")?;
    let interval = match param(&pairs, "interval").unwrap_or("week") {
        "day" => trend::Interval::Day,
        "week" => trend::Interval::Week,
        "month" => trend::Interval::Month,
        _ => {
            return Err(Error::BadQuery(
                "interval must be day, week or month".into(),
            ))
        }
    };
    let counts = state
        .store
        .grouped_scores(&key, &filter, &Grouping::Day)
        .await?;
    let days: BTreeMap<Date, Distribution> = histograms(counts)
        .into_iter()
        .filter_map(|(day, d)| Some((day_from_index(day?.parse().ok()?)?, d)))
        .collect();
    let first = filter
        .from
        .map(|t| t.date())
        .or_else(|| days.keys().next().copied());
    let last = filter
        .to
        .map(|t| (t - time::Duration::nanoseconds(1)).date())
        .or_else(|| days.keys().next_back().copied());
    let points = match (first, last) {
        (Some(first), Some(last)) => fold(&days, interval, first, last),
        _ => Vec::new(),
    };
    Ok(Json(TrendView {
        points: points
            .into_iter()
            .map(|(start, d)| trend_point(start, &d))
            .collect(),
    }))
}

fn day_from_index(days: i64) -> Option<Date> {
    time::OffsetDateTime::from_unix_timestamp(days.checked_mul(86_400)?)
        .ok()
        .map(|t| t.date())
}

/// The NPS per value of one dimension.
#[utoipa::path(get, path = "/api/v1/stats/segments", tag = "admin",
    params(views::ProjectParam, views::SegmentParams, views::FilterParams), security(("admin_token" = [])),
    responses(
        (status = 200, description = "Segments, largest first; n < 30 flagged", body = SegmentList),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or wrong admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter is invalid", body = Problem, content_type = "application/problem+json")))]
async fn segments(
    _: Member,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<SegmentList>> {
    let key = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "")?;
    let by =
        param(&pairs, "by").ok_or_else(|| Error::BadQuery("missing query parameter: by".into()))?;
    let grouping = match by {
        "moment" => Grouping::Moment,
        "locale" => Grouping::Locale,
        "tenure" => Grouping::Tenure,
        other => match other.strip_prefix("trait.") {
            Some(name) if crate::domain::EventName::try_from(name.to_owned()).is_ok() => {
                Grouping::Trait(name.to_owned())
            }
            _ => {
                return Err(Error::BadQuery(
                    "by must be moment, locale, tenure or trait.NAME".into(),
                ))
            }
        },
    };
    let counts = state.store.grouped_scores(&key, &filter, &grouping).await?;
    let mut segments: Vec<Segment> = histograms(counts)
        .into_iter()
        .map(|(value, d)| segment(value, &d))
        .collect();
    segments.sort_by(|a, b| {
        b.score
            .responses
            .cmp(&a.score.responses)
            .then_with(|| a.value.cmp(&b.value))
    });
    Ok(Json(SegmentList {
        by: by.to_owned(),
        segments,
    }))
}

/// The tenure curve: the NPS by days since signup at answer time.
#[utoipa::path(get, path = "/api/v1/stats/tenure", tag = "admin",
    params(views::ProjectParam, views::FilterParams), security(("admin_token" = [])),
    responses(
        (status = 200, description = "One segment per bucket, in order (0-7 … >365 days)", body = SegmentList),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or wrong admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter is invalid", body = Problem, content_type = "application/problem+json")))]
async fn tenure(
    _: Member,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<SegmentList>> {
    let key = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "")?;
    let counts = state
        .store
        .grouped_scores(&key, &filter, &Grouping::TenureBucket)
        .await?;
    let by_bucket = histograms(counts);
    let segments = TENURE_BUCKETS
        .iter()
        .map(|bucket| {
            let d = by_bucket
                .get(&Some((*bucket).to_owned()))
                .copied()
                .unwrap_or_default();
            segment(Some((*bucket).to_owned()), &d)
        })
        .collect();
    Ok(Json(SegmentList {
        by: "tenure_days".into(),
        segments,
    }))
}
