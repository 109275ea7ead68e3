//! One test per rule, then their interactions; shared helpers here.

use std::collections::BTreeMap;

use nps_protocol::{Moment, QuietPeriod, RecentTrait, TraitFilter, TraitValue, WidgetConfig};

pub(super) use super::*;

mod clocks;
mod conditions;
mod opt_out;
mod segments;

pub(super) const T0: f64 = 1_767_225_600_000.0; // 2026-01-01

pub(super) fn moment(event: &str) -> Moment {
    Moment {
        event: event.into(),
        ..Moment::default()
    }
}

pub(super) fn config() -> WidgetConfig {
    WidgetConfig {
        key: "demo".into(),
        moments: vec![moment("checkout")],
        ..WidgetConfig::default()
    }
}

pub(super) fn days(n: f64) -> f64 {
    T0 + n * DAY_MS
}

/// Tracks `event` at `now` on a fresh page and, if it prompts, records the
/// showing.
pub(super) fn track(
    config: &WidgetConfig,
    h: &mut History,
    user: &User,
    event: &str,
    now: f64,
) -> Decision {
    h.record_occurrence(event, now);
    let d = decide(config, h, user, Page::default(), Trigger::Track(event), now);
    if let Decision::Prompt { moment, .. } = &d {
        h.record_shown(moment.as_deref(), now);
    }
    d
}

pub(super) fn prompted(d: &Decision) -> bool {
    matches!(d, Decision::Prompt { .. })
}

pub(super) fn shown_then(outcome: Outcome, at: f64) -> History {
    let mut h = History::default();
    h.record_shown(Some("checkout"), at);
    h.record_outcome(Some("checkout"), outcome);
    h
}

pub(super) fn at(config: &WidgetConfig, h: &History, now: f64) -> Decision {
    decide(
        config,
        h,
        &User::default(),
        Page::default(),
        Trigger::Track("checkout"),
        now,
    )
}

pub(super) fn with_traits(pairs: &[(&str, TraitValue)]) -> User {
    User {
        id: Some("u1".into()),
        anon_id: None,
        traits: pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
    }
}

pub(super) fn text(s: &str) -> TraitValue {
    TraitValue::Text(s.into())
}

/// Which moment (index in config) wins after `n` occurrences.
pub(super) fn winner(c: &WidgetConfig, n: u32) -> Option<usize> {
    let mut h = History::default();
    for _ in 0..n {
        h.record_occurrence("checkout", T0);
    }
    match decide(
        c,
        &h,
        &User::default(),
        Page::default(),
        Trigger::Track("checkout"),
        T0,
    ) {
        Decision::Prompt { index, .. } => index,
        Decision::Skip(_) => None,
    }
}
