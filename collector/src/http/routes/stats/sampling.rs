//! `GET /api/v1/stats/sampling?project=KEY` (member): what sampling to a
//! precision did this month (in the project's time zone), per moment or
//! for the project as it is configured: the answers and margin so far,
//! whether and since when prompting is paused, and an estimate of the
//! prompts the pause saved (the rate of `shown` events per hour before it
//! times the hours paused). A project that does not sample gets
//! `target_margin: null` and no groups, not an error: the dashboard reads
//! it for every project.

use axum::extract::State;
use axum::Json;
use nps_protocol::admin::{SamplingGroup, SamplingStats};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::domain::Zone;
use crate::http::error::Result;
use crate::http::middleware::extract::{QueryParams, SignedIn};
use crate::http::shared::project::require_project;
use crate::http::shared::query::{project_of, Pairs, ProjectQuery};
use crate::http::state::AppState;
use crate::stats::adjusted_wald;
use crate::stats::sampling::{prompts_saved, walk, Walk};
use crate::store::sampling::{scores_in_order, shown, TimedScore};
use crate::store::{from_millis, to_millis};

/// The month a group is counted over, and now, in Unix ms.
struct Month {
    zone: Zone,
    start: i64,
    end: i64,
    now: i64,
}

impl Month {
    /// An instant as the config writes it: with the zone's offset.
    fn rfc3339(&self, ms: i64) -> String {
        // Years 0-9999 always format.
        self.zone
            .local(from_millis(ms))
            .format(&Rfc3339)
            .unwrap_or_default()
    }
}

/// This month's sampling, group by group.
#[utoipa::path(get, path = "/api/v1/stats/sampling", tag = "admin",
    params(ProjectQuery), security(("admin_token" = [])),
    responses(
        (status = 200, description = "The month's margin, pause and prompts saved per group (none when the project does not sample)", body = SamplingStats)))]
pub(in crate::http) async fn sampling(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<SamplingStats>> {
    let (key, zone) = project_of(&state, &pairs).await?;
    let project = require_project(&state, &key).await?;
    let config = project.settings.timing.as_config();
    let now = OffsetDateTime::now_utc();
    let (start, end) = zone.month_of(now);
    let month = Month {
        zone,
        start: to_millis(start),
        end: to_millis(end),
        now: to_millis(now),
    };
    let mut stats = SamplingStats {
        target_margin: None,
        per_moment: false,
        month_start: month.rfc3339(month.start),
        groups: Vec::new(),
    };
    let Some(sampling) = config.sampling else {
        return Ok(Json(stats));
    };
    let answers = scores_in_order(state.store.pool(), key.as_str(), month.start, month.end).await?;
    let names: Vec<Option<&str>> = if sampling.per_moment {
        config
            .moments
            .iter()
            .map(|m| Some(m.event.as_str()))
            .collect()
    } else {
        vec![None]
    };
    for name in names {
        let of_group = answers
            .iter()
            .filter(|a| name.is_none() || a.moment.as_deref() == name)
            .filter_map(timed);
        let w = walk(of_group, sampling.target_margin);
        stats
            .groups
            .push(group(&state, key.as_str(), name, &w, &month).await?);
    }
    stats.target_margin = Some(sampling.target_margin);
    stats.per_moment = sampling.per_moment;
    Ok(Json(stats))
}

fn timed(a: &TimedScore) -> Option<(i64, u8)> {
    Some((a.created_at, u8::try_from(a.score).ok()?))
}

/// One group's figures from its walk and its `shown` events.
async fn group(
    state: &AppState,
    project: &str,
    moment: Option<&str>,
    w: &Walk,
    month: &Month,
) -> Result<SamplingGroup> {
    let until = w.since.unwrap_or(month.now);
    let shown_before = shown(state.store.pool(), project, moment, month.start, until).await?;
    let answers = w.distribution.total();
    Ok(SamplingGroup {
        moment: moment.map(str::to_owned),
        answers,
        margin: (answers > 0)
            .then(|| (adjusted_wald(&w.distribution).margin_of_error * 10.0).round() / 10.0),
        paused_until: w.since.map(|_| month.rfc3339(month.end)),
        paused_since: w.since.map(|s| month.rfc3339(s)),
        shown_before,
        prompts_saved: w.since.map_or(0, |s| {
            prompts_saved(shown_before, month.start, s, month.now)
        }),
    })
}
