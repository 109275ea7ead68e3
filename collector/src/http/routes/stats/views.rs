//! The JSON the statistics endpoints answer with, and the query parameters
//! only they document (the handlers read the query as pairs, since trait
//! filters are open-ended).

use nps_protocol::admin::{MomentRate, Summary, TrendPoint};

use crate::http::shared::scores::{interval, score};
use crate::stats::{is_provisional, reading, summarise, Distribution, Lang, NpsSummary};
use crate::store::MomentCounts;

/// `interval=day|week|month` (default week).
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub(super) struct TrendParams {
    /// `day`, `week` (Monday to Sunday) or `month`, in the project's
    /// time zone.
    interval: Option<String>,
}

/// `by=moment|locale|tenure|trait.NAME`.
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub(super) struct SegmentParams {
    /// The dimension: `moment`, `locale`, `tenure` or `trait.NAME`.
    by: String,
}

/// A moment's counts with its response rate.
pub(super) fn moment_rate(c: MomentCounts) -> MomentRate {
    // Counts of one project's prompts stay far below 2^52.
    #[allow(clippy::cast_precision_loss)]
    let response_rate =
        (c.shown > 0).then(|| (c.answered as f64 / c.shown as f64 * 1000.0).round() / 1000.0);
    MomentRate {
        moment: c.moment,
        shown: c.shown,
        answered: c.answered,
        opted_out: c.opted_out,
        response_rate,
    }
}

/// The full summary of a distribution.
pub(super) fn summary(d: &Distribution) -> Summary {
    let s: NpsSummary = summarise(d);
    Summary {
        nps: s.nps,
        margin: s.margin,
        responses: s.responses,
        promoters: s.promoters,
        passives: s.passives,
        detractors: s.detractors,
        distribution: s.distribution,
        ci95: s.ci95.map(interval),
        margin_of_error: s.margin_of_error,
        needed_for_5: s.needed_for_5,
        needed_for_10: s.needed_for_10,
        provisional: is_provisional(s.responses, s.margin_of_error),
        reading_en: reading(&s, Lang::En),
        reading_fr: reading(&s, Lang::Fr),
    }
}

/// A trend's point; `start` is the period's first instant in the project's
/// zone, written with that zone's offset then (RFC 3339).
pub(super) fn trend_point(start: time::OffsetDateTime, d: &Distribution) -> TrendPoint {
    TrendPoint {
        start: start
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        score: score(d),
    }
}
