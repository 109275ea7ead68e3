//! The period planner's tests: hand-worked spans and a property over any bounds.

use super::*;
use proptest::prelude::*;

const HOUR: i64 = 3_600_000;

/// The count each bucket gets from the plan, for answers at `times`.
fn counted(span: &Span, times: &[i64]) -> Vec<i64> {
    let mut buckets = vec![0i64; span.buckets()];
    let (first, end) = span.days();
    for &t in times {
        let day = t.div_euclid(DAY_MS);
        let in_days = first.is_none_or(|f| day >= f) && end.is_none_or(|e| day < e);
        if in_days {
            if let Some(k) = span.bucket_of_day(day) {
                buckets[k] += 1;
            }
        }
    }
    for stretch in span.stretches() {
        // (the time the answer is placed by, the answer's time): the
        // queries place a quarter by its start and a piece of rows by
        // its own start, as one group each.
        let mut moved: Vec<(i64, i64)> = Vec::new();
        if let Some((q0, q1)) = stretch.quarters {
            moved.extend(times.iter().copied().filter_map(|t| {
                let q = t.div_euclid(QUARTER_MS);
                (q >= q0 && q < q1).then_some((q * QUARTER_MS, t))
            }));
        }
        for (lo, hi) in &stretch.rows {
            moved.extend(
                times
                    .iter()
                    .copied()
                    .filter(|t| t >= lo && t < hi)
                    .map(|t| (*lo, t)),
            );
        }
        for (placed, t) in moved {
            if let Some(k) = span.bucket_of_time(placed) {
                buckets[k] += 1;
            }
            let day = t.div_euclid(DAY_MS);
            let in_days = first.is_none_or(|f| day >= f) && end.is_none_or(|e| day < e);
            if let (true, Some(k)) = (in_days, span.bucket_of_day(day)) {
                buckets[k] -= 1;
            }
        }
    }
    buckets
}

fn truth(span: &Span, times: &[i64]) -> Vec<i64> {
    let mut buckets = vec![0i64; span.buckets()];
    for &t in times {
        if let Some(k) = span.bucket_of_time(t) {
            buckets[k] += 1;
        }
    }
    buckets
}

#[test]
fn a_period_on_utc_midnights_reads_only_days() {
    let span = Span::new(vec![Some(10 * DAY_MS), Some(20 * DAY_MS)]);
    assert_eq!(span.days(), (Some(10), Some(20)));
    assert!(span.stretches().is_empty());
}

#[test]
fn paris_days_move_one_hour_of_each_utc_day() {
    // Local midnights at 23:00 UTC.
    let bounds = (0..4).map(|d| Some(d * DAY_MS + 23 * HOUR)).collect();
    let span = Span::new(bounds);
    let stretches = span.stretches();
    assert_eq!(stretches.len(), 4);
    for s in &stretches {
        let (a, b) = s.quarters.unwrap();
        assert_eq!(b - a, 4, "one hour, four quarters");
        assert!(s.rows.is_empty());
    }
}

#[test]
fn an_unaligned_end_reads_its_minutes_from_the_rows() {
    let from = 5 * DAY_MS + 7 * HOUR + 123_456;
    let span = Span::new(vec![Some(from), Some(40 * DAY_MS)]);
    let stretches = span.stretches();
    assert_eq!(stretches.len(), 1);
    assert_eq!(stretches[0].rows, vec![(floor_quarter(from), from)]);
}

#[test]
fn no_quarter_placed_by_its_start_holds_the_unaligned_end() {
    // The last inner boundary's stretch to its midnight covers the
    // period's unaligned end: an answer just past the end must not be
    // counted through that end's quarter.
    let last_inner = 3_789_900_000;
    let end = 3_798_000_001;
    let span = Span::new(vec![Some(974_700_001), Some(last_inner), Some(end)]);
    let just_after = [end, end + 1];
    assert_eq!(counted(&span, &just_after), vec![0, 0]);
    let just_before = [end - 1];
    assert_eq!(counted(&span, &just_before), vec![0, 1]);
}

#[test]
fn locating_respects_open_ends() {
    let edges = [None, Some(10), Some(20), None];
    assert_eq!(locate(&edges, -5), Some(0));
    assert_eq!(locate(&edges, 10), Some(1));
    assert_eq!(locate(&edges, 25), Some(2));
    assert_eq!(locate(&[Some(0), Some(10)], 10), None);
}

proptest! {
    /// Whatever the boundaries (quarter-aligned inside, any instant at
    /// the ends), the plan counts every answer in its bucket once.
    #[test]
    fn every_answer_lands_in_its_bucket_once(
        start in 0i64..(40 * DAY_MS),
        gaps in proptest::collection::vec(23i64 * 4..(31 * 24 * 4), 0..6),
        end_extra in 1i64..(3 * DAY_MS),
        open_start in any::<bool>(),
        open_end in any::<bool>(),
        times in proptest::collection::vec(0i64..(300 * DAY_MS), 0..300),
    ) {
        let mut bounds = vec![Some(start)];
        let mut at = ceil_quarter(start) + QUARTER_MS;
        for gap in gaps {
            at += gap * QUARTER_MS;
            bounds.push(Some(at));
        }
        bounds.push(Some(at + end_extra));
        if open_start && bounds.len() > 2 {
            bounds[0] = None;
        }
        if open_end {
            *bounds.last_mut().unwrap() = None;
        }
        let span = Span::new(bounds);
        prop_assume!(span.is_wide());
        prop_assert_eq!(counted(&span, &times), truth(&span, &times));
    }
}
