//! The statistics a product team reads (admin), each under the filters of
//! [`Filter`] (`from`, `to`, `moment`, `locale`, `tenure`, `trait.NAME`):
//! - `GET /api/v1/stats`: the NPS, its adjusted-Wald 95% interval, the
//!   distribution, the sample still needed, response rates per moment;
//! - `GET /api/v1/stats/compare`: two periods or segments, and whether the
//!   difference is significant;
//! - `GET /api/v1/stats/trend`: per day, week or month, each point with its
//!   interval;
//! - `GET /api/v1/stats/segments`: per moment, locale, tenure or trait;
//! - `GET /api/v1/stats/tenure`: the NPS by days since signup;
//! - `GET /api/v1/stats/loop`: follow-ups in time, recovery, notices;
//! - `GET /api/v1/stats/experiments`: a moment's variants against its
//!   control;
//! - `GET /api/v1/stats/sampling`: this month's margin, pause and prompts
//!   saved under sampling to a precision.
//!
//! Answers without a score never enter a denominator: there are none (a
//! response is stored only with its score).

pub(in crate::http) mod compare;
pub(in crate::http) mod experiments;
pub(in crate::http) mod loop_stats;
pub(in crate::http) mod sampling;
mod views;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use time::OffsetDateTime;

use crate::domain::{Filter, ProjectKey};
use crate::http::error::{Error, Result};
use crate::http::middleware::extract::{QueryParams, SignedIn};
use crate::http::shared::query::{param, project_of, FilterParams, Pairs, ProjectQuery};
use crate::http::shared::scores::{distribution, histograms, segment};
use crate::http::state::AppState;
use crate::stats::trend;
use crate::stats::TENURE_BUCKETS;
use crate::store::analytics::Grouping;
use nps_protocol::admin::{Segment, Segments, Stats, Trend};
use views::{moment_rate, summary, trend_point};

/// Routes for the dashboard.
pub(in crate::http) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/stats", get(stats))
        .route("/api/v1/stats/compare", get(compare::compare))
        .route("/api/v1/stats/trend", get(trend))
        .route("/api/v1/stats/segments", get(segments))
        .route("/api/v1/stats/tenure", get(tenure))
        .route("/api/v1/stats/loop", get(loop_stats::loop_stats))
        .route("/api/v1/stats/experiments", get(experiments::experiments))
        .route("/api/v1/stats/sampling", get(sampling::sampling))
}

/// The NPS with its 95% interval, the distribution and response rates.
#[utoipa::path(get, path = "/api/v1/stats", tag = "admin",
    params(ProjectQuery, FilterParams), security(("admin_token" = [])),
    responses(
        (status = 200, description = "The score", body = Stats)))]
async fn stats(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<Stats>> {
    let (key, zone) = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "", &zone)?;
    // Two independent reads (the roll-ups, then the events): side by side
    // on the read pool, the page waits for the slower one only.
    let (d, moments) = tokio::try_join!(distribution(&state, &key, &filter), async {
        Ok::<_, Error>(state.store.moment_counts(&key, &filter).await?)
    },)?;
    Ok(Json(Stats {
        project: key.as_str().to_owned(),
        summary: summary(&d),
        moments: moments.into_iter().map(moment_rate).collect(),
    }))
}

/// The NPS per day, week or month.
#[utoipa::path(get, path = "/api/v1/stats/trend", tag = "admin",
    params(ProjectQuery, views::TrendParams, FilterParams), security(("admin_token" = [])),
    responses(
        (status = 200, description = "One point per period, empty periods included", body = Trend)))]
async fn trend(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<Trend>> {
    let (key, zone) = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "", &zone)?;
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
    let Some((from, to)) = trend_range(&state, &key, &filter).await? else {
        return Ok(Json(Trend { points: Vec::new() }));
    };
    let starts = trend::starts(
        zone.date_of(from),
        zone.date_of(to - time::Duration::nanoseconds(1)),
        interval,
    );
    // Past the cap the trend ends where its last point does.
    let to = match starts
        .last()
        .and_then(|last| trend::end_of(*last, interval))
    {
        Some(end) if starts.len() == trend::MAX_POINTS => to.min(zone.midnight(end)),
        _ => to,
    };
    let instants: Vec<OffsetDateTime> = starts.iter().map(|d| zone.midnight(*d)).collect();
    let inner = instants
        .iter()
        .skip(1)
        .map(|t| crate::store::to_millis(*t))
        .collect();
    let period = Filter {
        from: Some(from),
        to: Some(to),
        ..filter
    };
    let counts = state
        .store
        .grouped_scores(&key, &period, &Grouping::Periods(inner))
        .await?;
    let by_period = histograms(counts);
    let points = instants
        .iter()
        .enumerate()
        .map(|(k, start)| {
            let d = by_period
                .get(&Some(k.to_string()))
                .copied()
                .unwrap_or_default();
            trend_point(zone.local(*start), &d)
        })
        .collect();
    Ok(Json(Trend { points }))
}

/// The trend's period: the filter's, or from the first answer to just
/// after the last where it leaves an end open; `None` with no answers.
async fn trend_range(
    state: &AppState,
    key: &ProjectKey,
    filter: &Filter,
) -> Result<Option<(OffsetDateTime, OffsetDateTime)>> {
    if let (Some(from), Some(to)) = (filter.from, filter.to) {
        return Ok(Some((from, to)));
    }
    let Some((first, last)) = state.store.answer_span(key).await? else {
        return Ok(None);
    };
    let from = filter.from.unwrap_or(first);
    let to = filter.to.unwrap_or(last + time::Duration::milliseconds(1));
    Ok((from < to).then_some((from, to)))
}

/// The NPS per value of one dimension.
#[utoipa::path(get, path = "/api/v1/stats/segments", tag = "admin",
    params(ProjectQuery, views::SegmentParams, FilterParams), security(("admin_token" = [])),
    responses(
        (status = 200, description = "Segments, largest first; n < 30 flagged", body = Segments)))]
async fn segments(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<Segments>> {
    let (key, zone) = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "", &zone)?;
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
    Ok(Json(Segments {
        by: by.to_owned(),
        segments,
    }))
}

/// The tenure curve: the NPS by days since signup at answer time.
#[utoipa::path(get, path = "/api/v1/stats/tenure", tag = "admin",
    params(ProjectQuery, FilterParams), security(("admin_token" = [])),
    responses(
        (status = 200, description = "One segment per bucket, in order (0-7 … >365 days)", body = Segments)))]
async fn tenure(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<Segments>> {
    let (key, zone) = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "", &zone)?;
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
    Ok(Json(Segments {
        by: "tenure_days".into(),
        segments,
    }))
}
