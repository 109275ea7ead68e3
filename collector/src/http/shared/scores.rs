//! A group of answers' score as the API shows it (NPS, interval, size):
//! the statistics' segments and the tags' counts read alike.

use nps_protocol::admin::{Interval, Score, Segment};

use crate::stats::{is_provisional, summarise, Distribution};

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
