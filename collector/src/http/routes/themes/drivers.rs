//! `GET /api/v1/stats/drivers`: what hurts and what helps, themes beside
//! segments, ranked by impact.

use axum::extract::State;
use axum::Json;
use nps_protocol::admin::{Driver, Drivers};

use super::analysis;
use crate::domain::Filter;
use crate::http::error::{Error, Result};
use crate::http::middleware::extract::{QueryParams, SignedIn};
use crate::http::shared::query::{project_of, FilterParams, Pairs, ProjectQuery};
use crate::http::shared::scores::{histograms, interval};
use crate::http::state::AppState;
use crate::stats::themes::{impact, outside};
use crate::stats::{compare, is_provisional, summarise, Distribution};
use crate::store::analytics::Grouping;
use crate::store::comments;

/// Most traits ranked.
const MAX_TRAITS: u32 = 20;

/// A group of answers as a driver; `None` when it has no impact (no
/// answers, or all of them).
fn driver(
    kind: &str,
    name: &str,
    value: &str,
    period: &Distribution,
    inside: &Distribution,
) -> Option<Driver> {
    let impact = impact(period, inside).filter(|i| *i != 0.0)?;
    let s = summarise(inside);
    Some(Driver {
        kind: kind.to_owned(),
        name: name.to_owned(),
        value: value.to_owned(),
        responses: s.responses,
        nps: s.nps,
        ci95: s.ci95.map(interval),
        impact,
        significant: compare(inside, &outside(period, inside)).significant,
        small_sample: is_provisional(s.responses, s.margin_of_error),
    })
}

/// Themes and segments ranked by what they do to the score.
#[utoipa::path(get, path = "/api/v1/stats/drivers", tag = "admin",
    params(ProjectQuery, FilterParams), security(("admin_token" = [])),
    responses(
        (status = 200, description = "What hurts (most negative first) and what helps (largest first)", body = Drivers)))]
pub(in crate::http) async fn drivers(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<Drivers>> {
    let (key, zone) = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "", &zone)?;
    // The segments' counts (roll-ups) are read beside the themes' analysis.
    let segments = async {
        let mut dimensions = vec![
            ("moment", "moment".to_owned(), Grouping::Moment),
            ("locale", "locale".to_owned(), Grouping::Locale),
            ("tenure", "tenure".to_owned(), Grouping::Tenure),
        ];
        for name in comments::trait_names(state.store.pool(), &key, MAX_TRAITS).await? {
            dimensions.push(("trait", name.clone(), Grouping::Trait(name)));
        }
        let mut counts = Vec::with_capacity(dimensions.len());
        for (kind, name, grouping) in dimensions {
            let c = state.store.grouped_scores(&key, &filter, &grouping).await?;
            counts.push((kind, name, c));
        }
        Ok::<_, Error>(counts)
    };
    let (a, segments) = tokio::try_join!(analysis::analyse(&state, &key, &filter), segments)?;
    let period = a.period;
    let mut all: Vec<Driver> = a
        .found
        .iter()
        .filter_map(|t| driver("theme", &t.label, &t.id, &period, &a.distribution(t)))
        .collect();
    for (kind, name, counts) in segments {
        for (value, d) in histograms(counts) {
            if let Some(value) = value {
                all.extend(driver(kind, &name, &value, &period, &d));
            }
        }
    }
    let order = |x: &Driver, y: &Driver| {
        x.impact
            .abs()
            .total_cmp(&y.impact.abs())
            .reverse()
            .then_with(|| y.responses.cmp(&x.responses))
            .then_with(|| (&x.kind, &x.name, &x.value).cmp(&(&y.kind, &y.name, &y.value)))
    };
    all.sort_by(order);
    let (hurts, helps): (Vec<Driver>, Vec<Driver>) = all.into_iter().partition(|d| d.impact < 0.0);
    Ok(Json(Drivers {
        nps: summarise(&period).nps,
        responses: period.total(),
        hurts,
        helps,
    }))
}
