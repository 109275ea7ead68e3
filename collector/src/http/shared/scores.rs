//! Score distributions: read from the store under a filter, folded per
//! group, and shown as the API shows a group's score (NPS, interval,
//! size), which the statistics, the tags and the themes read alike.

use std::collections::BTreeMap;

use nps_protocol::admin::{Interval, Score, Segment};

use crate::domain::{Filter, ProjectKey};
use crate::http::error::Result;
use crate::http::state::AppState;
use crate::stats::{is_provisional, summarise, Distribution};
use crate::store::analytics::{GroupCount, Grouping};

/// Folds grouped counts into one histogram per group.
pub(in crate::http) fn histograms(
    counts: Vec<GroupCount>,
) -> BTreeMap<Option<String>, Distribution> {
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
pub(in crate::http) async fn distribution(
    state: &AppState,
    key: &ProjectKey,
    f: &Filter,
) -> Result<Distribution> {
    let counts = state.store.grouped_scores(key, f, &Grouping::Total).await?;
    Ok(histograms(counts).into_values().next().unwrap_or_default())
}

/// Samples smaller than this are flagged: their interval is wide.
const SMALL_SAMPLE: u64 = 30;

/// The statistics' interval on the wire.
pub(in crate::http) fn interval(i: crate::stats::Interval) -> Interval {
    Interval {
        low: i.low,
        high: i.high,
    }
}

/// The score of a group of answers, with its uncertainty.
pub(in crate::http) fn score(d: &Distribution) -> Score {
    let s = summarise(d);
    Score {
        nps: s.nps,
        ci95: s.ci95.map(interval),
        margin_of_error: s.margin_of_error,
        responses: s.responses,
        provisional: is_provisional(s.responses, s.margin_of_error),
    }
}

/// One value of a dimension (or one tag).
pub(in crate::http) fn segment(value: Option<String>, d: &Distribution) -> Segment {
    let score = score(d);
    Segment {
        value,
        small_sample: score.responses < SMALL_SAMPLE,
        score,
    }
}
