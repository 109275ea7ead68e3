//! How a period's score counts are read without reading its rows: whole
//! UTC days from the daily roll-ups, and the parts of the period that are
//! not whole UTC days from the quarter-hour roll-ups, and from the rows
//! only for the minutes before the first whole quarter and after the last
//! (an instant such as "now minus 365 days").
//!
//! A period may be cut into buckets (a trend's local days, weeks or
//! months), each bucket `[b(k), b(k+1))`. Every boundary is moved to its
//! nearest UTC midnight `m(k)`, and the daily roll-ups are read per day
//! over `[m(0), m(n))`: a day counts in the bucket `k` with
//! `m(k) <= day < m(k+1)`. An answer at `t` then sits in the wrong bucket
//! (or is counted when it should not be, or missed) exactly when `t` lies
//! between some `b(k)` and its `m(k)`: a stretch of at most 12 hours per
//! boundary. Those stretches are read from the quarter-hour roll-ups (and
//! the rows at an unaligned end) and each count there is moved from the
//! bucket its day gave it to the bucket its time gives it. Pure: the
//! queries are in `queries`.

use crate::store::rollup::{DAY_MS, QUARTER_MS};

/// The plan of a bucketed read, all times in Unix ms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    /// Bucket boundaries `b(0) < … < b(n)`; `None` at either end: unbounded.
    bounds: Vec<Option<i64>>,
    /// Each boundary moved to its nearest UTC midnight.
    midnights: Vec<Option<i64>>,
}

/// A stretch to correct: whole quarters `[first, end)` (quarter indices)
/// and up to two unaligned ends read from the rows, `[from, to)` in ms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Stretch {
    /// Quarter indices `[first, end)`.
    pub(crate) quarters: Option<(i64, i64)>,
    /// Row time ranges, each within one quarter.
    pub(crate) rows: Vec<(i64, i64)>,
}

fn nearest_midnight(t: i64) -> i64 {
    let floor = t.div_euclid(DAY_MS) * DAY_MS;
    if t - floor <= DAY_MS / 2 {
        floor
    } else {
        floor + DAY_MS
    }
}

fn floor_quarter(t: i64) -> i64 {
    t.div_euclid(QUARTER_MS) * QUARTER_MS
}

fn ceil_quarter(t: i64) -> i64 {
    -(-t).div_euclid(QUARTER_MS) * QUARTER_MS
}

impl Span {
    /// The plan for buckets with these boundaries (at least two: the
    /// period's start and end; ascending). Inner boundaries must fall on
    /// quarter hours, as every time zone's midnights do.
    pub(crate) fn new(bounds: Vec<Option<i64>>) -> Self {
        let midnights = bounds.iter().map(|b| b.map(nearest_midnight)).collect();
        Self { bounds, midnights }
    }

    /// Buckets in the span.
    pub(crate) fn buckets(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    /// Whether the quarter roll-ups can serve this span: its two ends are
    /// at least two quarters apart, so no quarter of the rows holds both.
    pub(crate) fn is_wide(&self) -> bool {
        match (self.bounds.first(), self.bounds.last()) {
            (Some(Some(a)), Some(Some(b))) => b - a >= 2 * QUARTER_MS,
            _ => true,
        }
    }

    /// The days `[first, end)` (day indices) the daily roll-ups are read over.
    pub(crate) fn days(&self) -> (Option<i64>, Option<i64>) {
        let day = |m: &Option<i64>| m.map(|m| m.div_euclid(DAY_MS));
        (
            self.midnights.first().and_then(day),
            self.midnights.last().and_then(day),
        )
    }

    /// The bucket of a day (by its index), as the daily read counts it.
    pub(crate) fn bucket_of_day(&self, day: i64) -> Option<usize> {
        locate(&self.midnights, day * DAY_MS)
    }

    /// The bucket an answer at `t` belongs to.
    pub(crate) fn bucket_of_time(&self, t: i64) -> Option<usize> {
        locate(&self.bounds, t)
    }

    /// The stretches where the two disagree, merged so that none overlaps:
    /// each answer is moved at most once.
    pub(crate) fn stretches(&self) -> Vec<Stretch> {
        let mut ranges: Vec<(i64, i64)> = self
            .bounds
            .iter()
            .zip(&self.midnights)
            .filter_map(|(b, m)| Some((*b)?.min((*m)?)).zip(Some((*b)?.max((*m)?))))
            .filter(|(lo, hi)| lo < hi)
            .collect();
        ranges.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::new();
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        // A quarter is placed by its start, so none may hold a boundary
        // off the quarter grid (the period's unaligned start or end): a
        // merged stretch is cut there, and each side reads that quarter's
        // part from the rows.
        let unaligned: Vec<i64> = self
            .bounds
            .iter()
            .flatten()
            .copied()
            .filter(|b| b.rem_euclid(QUARTER_MS) != 0)
            .collect();
        let mut stretches = Vec::new();
        for (lo, hi) in merged {
            let mut at = lo;
            for &cut in unaligned.iter().filter(|&&c| lo < c && c < hi) {
                stretches.push(split(at, cut));
                at = cut;
            }
            stretches.push(split(at, hi));
        }
        stretches
    }
}

/// `[lo, hi)` as whole quarters and unaligned ends, each end's piece of
/// rows within one quarter.
fn split(lo: i64, hi: i64) -> Stretch {
    let (first, last) = (ceil_quarter(lo), floor_quarter(hi));
    if first > last {
        // Both ends in one quarter.
        return Stretch {
            quarters: None,
            rows: vec![(lo, hi)],
        };
    }
    let mut rows = Vec::new();
    if lo < first {
        rows.push((lo, first));
    }
    if last < hi {
        rows.push((last, hi));
    }
    Stretch {
        quarters: (first < last).then_some((first / QUARTER_MS, last / QUARTER_MS)),
        rows,
    }
}

/// The index `k` with `edges[k] <= t < edges[k + 1]` (`None` ends are
/// unbounded), if any.
fn locate(edges: &[Option<i64>], t: i64) -> Option<usize> {
    let n = edges.len().checked_sub(1)?;
    if edges[0].is_some_and(|start| t < start) || edges[n].is_some_and(|end| t >= end) {
        return None;
    }
    // The last inner edge at or before t.
    let inner = &edges[1..n];
    Some(inner.partition_point(|e| e.is_none_or(|e| e <= t)))
}

#[cfg(test)]
mod tests;
