//! `GET /api/v1/stats/compare`: two periods (`from1`, `to1`, `from2`,
//! `to2`) or two segments (`a.FILTER`, `b.FILTER`), the difference of
//! their scores and whether it is significant at 95% (a two-sided z-test
//! on the adjusted-Wald estimates). Unprefixed filters apply to both.

use axum::extract::State;
use axum::Json;

use crate::domain::{Filter, Zone};
use crate::http::error::Result;
use crate::http::middleware::extract::{QueryParams, SignedIn};
use crate::http::shared::query::{project_of, Pairs, ProjectQuery};
use crate::http::shared::scores::{distribution, score};
use crate::http::state::AppState;
use crate::stats::{describe, Lang};
use nps_protocol::admin::Comparison;

/// The comparison.
/// The filter of one side: its prefixed parameters, its period, and the
/// unprefixed filters shared by both.
fn side(pairs: &Pairs, prefix: &str, from: &str, to: &str, zone: &Zone) -> Result<Filter> {
    let other = if prefix == "a." { "b." } else { "a." };
    let mut own: Pairs = Vec::new();
    for (name, value) in pairs {
        let name = if name == from {
            "from".to_owned()
        } else if name == to {
            "to".to_owned()
        } else if let Some(rest) = name.strip_prefix(prefix) {
            rest.to_owned()
        } else if name.starts_with(other)
            || matches!(name.as_str(), "from1" | "to1" | "from2" | "to2")
        {
            continue;
        } else {
            name.clone()
        };
        own.push((name, value.clone()));
    }
    Ok(Filter::parse(&own, "", zone)?)
}

/// Compares two periods or segments.
#[utoipa::path(get, path = "/api/v1/stats/compare", tag = "admin",
    params(ProjectQuery,
        ("from1" = Option<String>, Query, description = "Start of period a (RFC 3339)"),
        ("to1" = Option<String>, Query, description = "End of period a (exclusive)"),
        ("from2" = Option<String>, Query, description = "Start of period b"),
        ("to2" = Option<String>, Query, description = "End of period b (exclusive)")),
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "The two scores and the test", body = Comparison)))]
pub(in crate::http) async fn compare(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<Comparison>> {
    let (key, zone) = project_of(&state, &pairs).await?;
    let a = distribution(&state, &key, &side(&pairs, "a.", "from1", "to1", &zone)?).await?;
    let b = distribution(&state, &key, &side(&pairs, "b.", "from2", "to2", &zone)?).await?;
    let c = crate::stats::compare(&a, &b);
    Ok(Json(Comparison {
        a: score(&a),
        b: score(&b),
        difference: c.difference,
        z: (c.z * 1000.0).round() / 1000.0,
        p_value: (c.p_value * 10_000.0).round() / 10_000.0,
        significant: c.significant,
        comparable: c.comparable,
        summary_en: describe(&c, Lang::En),
        summary_fr: describe(&c, Lang::Fr),
    }))
}
