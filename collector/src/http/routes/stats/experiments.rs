//! `GET /api/v1/stats/experiments?project=KEY&moment=M` (member): a
//! moment's variants side by side over its experiment's time: impressions,
//! answers, the response rate with its Wilson interval, the comment rate,
//! the NPS with its adjusted-Wald interval; each variant against the
//! control (the first) with p-values; and the impressions a fixed-horizon
//! test needs to detect a 5-point difference in response rate.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::Json;
use nps_protocol::admin::{ExperimentStats, Interval, NeededFor, VariantStats, VsControl};
use nps_protocol::Moment;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::http::error::{Error, Result};
use crate::http::middleware::extract::{QueryParams, SignedIn};
use crate::http::shared::project::require_project;
use crate::http::shared::query::{param, project_of, Pairs, ProjectQuery};
use crate::http::state::AppState;
use crate::stats::{
    adjusted_wald, compare, impressions_needed, summarise, two_proportions, wilson, Distribution,
};
use crate::store::experiments::{self, Window};
use crate::store::to_millis;

/// The response-rate difference `needed_for` sizes the test for, in points.
const RATE_POINTS: u32 = 5;

/// `moment=M`: the moment whose variants are compared.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub(in crate::http) struct MomentParam {
    /// The moment (its event name), as configured.
    moment: String,
}

/// One variant's counts.
#[derive(Default)]
struct Tally {
    shown: u64,
    scores: Distribution,
    commented: u64,
}

/// A moment's experiment, variant by variant.
#[utoipa::path(get, path = "/api/v1/stats/experiments", tag = "admin",
    params(ProjectQuery, MomentParam), security(("admin_token" = [])),
    responses(
        (status = 200, description = "Each variant's figures against the control", body = ExperimentStats),
        (status = 404, description = "The project does not configure this moment (not_found)")))]
pub(in crate::http) async fn experiments(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<ExperimentStats>> {
    let (key, _) = project_of(&state, &pairs).await?;
    let name = param(&pairs, "moment")
        .ok_or_else(|| Error::BadQuery("missing query parameter: moment".into()))?;
    let project = require_project(&state, &key).await?;
    let config = project.settings.timing.as_config();
    let moment = config
        .moments
        .iter()
        .find(|m| m.event == name)
        .ok_or_else(|| Error::NotFound(format!("the project has no moment {name:?}")))?;
    let window = window(key.as_str(), moment);
    let pool = state.store.pool();
    let (shown, scores) = tokio::try_join!(
        experiments::shown(pool, window),
        experiments::scores(pool, window)
    )?;
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    for row in shown {
        tally.entry(row.variant).or_default().shown = row.shown.max(0) as u64;
    }
    for row in scores {
        let t = tally.entry(row.variant).or_default();
        if let Ok(score) = usize::try_from(row.score) {
            t.scores.0[score.min(10)] += row.n.max(0) as u64;
        }
        t.commented += row.commented.max(0) as u64;
    }
    let empty = Tally::default();
    let tallies: Vec<(&str, &Tally)> = moment
        .variants
        .iter()
        .map(|v| (v.id.as_str(), tally.get(&v.id).unwrap_or(&empty)))
        .collect();
    let control = tallies.first().map(|(_, t)| *t);
    let variants = tallies
        .iter()
        .enumerate()
        .map(|(i, (id, t))| figures(id, t, control.filter(|_| i > 0)))
        .collect();
    // Before any impression the most demanding rate, 50%, sizes the test.
    let control_rate = control
        .filter(|c| c.shown > 0)
        .map_or(0.5, |c| answered(c) as f64 / c.shown as f64);
    Ok(Json(ExperimentStats {
        experiment: moment.experiment.clone(),
        variants,
        needed_for: NeededFor {
            rate_points: RATE_POINTS,
            impressions: impressions_needed(control_rate, f64::from(RATE_POINTS)),
        },
    }))
}

/// The experiment's time, or all time for variants without one.
fn window<'a>(project: &'a str, moment: &'a Moment) -> Window<'a> {
    let at = |raw: Option<&String>| {
        raw.and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok())
            .map(to_millis)
    };
    let x = moment.experiment.as_ref();
    Window {
        project,
        moment: &moment.event,
        from: at(x.and_then(|x| x.started_at.as_ref())).unwrap_or(i64::MIN),
        until: at(x.and_then(|x| x.ended_at.as_ref())).unwrap_or(i64::MAX),
    }
}

/// Answers counted against impressions: never more than were shown (an
/// impression lost in a closed tab must not push a rate past 100%).
fn answered(t: &Tally) -> u64 {
    t.scores.total().min(t.shown)
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn figures(id: &str, t: &Tally, control: Option<&Tally>) -> VariantStats {
    let responses = t.scores.total();
    let summary = summarise(&t.scores);
    let rate = (t.shown > 0).then(|| round3(answered(t) as f64 / t.shown as f64));
    VariantStats {
        id: id.to_owned(),
        shown: t.shown,
        answered: responses,
        response_rate: rate,
        response_rate_ci95: wilson(answered(t), t.shown).map(|i| Interval {
            low: round3(i.low),
            high: round3(i.high),
        }),
        comment_rate: (responses > 0).then(|| round3(t.commented as f64 / responses as f64)),
        nps: summary.nps,
        ci95: (responses > 0).then(|| {
            let i = adjusted_wald(&t.scores).ci95;
            Interval {
                low: (i.low * 100.0).round() / 100.0,
                high: (i.high * 100.0).round() / 100.0,
            }
        }),
        responses,
        vs_control: control.map(|c| against(t, c)),
    }
}

fn against(t: &Tally, control: &Tally) -> VsControl {
    let rates = two_proportions((answered(control), control.shown), (answered(t), t.shown));
    let nps = compare(&t.scores, &control.scores);
    let (rate_difference, rate_p_value) = rates.unwrap_or((0.0, 1.0));
    VsControl {
        rate_difference: round3(rate_difference),
        rate_p_value: (rate_p_value * 10_000.0).round() / 10_000.0,
        nps_difference: nps.difference,
        nps_p_value: (nps.p_value * 10_000.0).round() / 10_000.0,
        significant: rates.is_some() && rate_p_value < 0.05,
    }
}
