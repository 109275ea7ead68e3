//! The rules themselves: the project-wide ones (exclusions, sampling,
//! quiet periods, clocks since the last prompt) and each moment's own.

use nps_protocol::{CadenceOverride, Moment, TraitFilter, TraitValue, WidgetConfig};

use super::dates::iso_ms;
use super::history::lookup;
use super::{sampled, trait_ms, History, Outcome, Reason, User, DAY_MS};

const HOUR_MS: f64 = 3_600_000.0;

/// The days a moment or the project must wait after `outcome`; snoozes
/// past `max_snoozes` in a row count as declines. Never below the floor,
/// except a snooze honoured. The first cadence override whose trait value
/// is the user's replaces the project's clocks (a moment's own still
/// outrank them).
fn wait_days(
    config: &WidgetConfig,
    user: &User,
    outcome: Outcome,
    snoozes: u32,
    own: (Option<u32>, Option<u32>),
) -> (u32, bool) {
    let floor = config.min_days_between_prompts;
    let segment = config
        .cadence_overrides
        .iter()
        .find(|o| user.traits.get(&o.name) == Some(&o.value));
    let by_segment = |pick: fn(&CadenceOverride) -> Option<u32>, project: u32| {
        segment.and_then(pick).unwrap_or(project)
    };
    match outcome {
        Outcome::Snoozed if snoozes <= config.max_snoozes => (
            by_segment(|o| o.after_snooze_days, config.days_after_snooze),
            true,
        ),
        Outcome::Answered => (
            own.0
                .unwrap_or_else(|| by_segment(|o| o.after_answer_days, config.days_after_response))
                .max(floor),
            false,
        ),
        _ => (
            own.1
                .unwrap_or_else(|| by_segment(|o| o.after_close_days, config.days_after_decline))
                .max(floor),
            false,
        ),
    }
}

/// Exclusions, sampling, quiet periods and the project-wide clocks. `Ok`
/// carries why a prompt may show.
pub(super) fn global_rules(
    config: &WidgetConfig,
    history: &History,
    user: &User,
    now_ms: f64,
) -> Result<Reason, Reason> {
    if user.traits.get("excluded") == Some(&TraitValue::Bool(true)) {
        return Err(Reason::Excluded);
    }
    let who = user.id.as_deref().or(user.anon_id.as_deref()).unwrap_or("");
    if !sampled(&config.key, who, config.sampling_percent) {
        return Err(Reason::NotSampled {
            percent: config.sampling_percent,
        });
    }
    for r in &config.exclude_if_recent {
        if let Some(at) = user.traits.get(&r.name).and_then(trait_ms) {
            if now_ms < at + f64::from(r.days) * DAY_MS {
                return Err(Reason::RecentTrait {
                    name: r.name.clone(),
                    days_since: (now_ms - at) / DAY_MS,
                    needs: r.days,
                });
            }
        }
    }
    for q in &config.quiet_after {
        if let Some(&at) = lookup(&history.last_seen_ms, &q.event) {
            if now_ms < at + f64::from(q.hours) * HOUR_MS {
                return Err(Reason::Quiet {
                    event: q.event.clone(),
                    hours_since: (now_ms - at) / HOUR_MS,
                    needs: q.hours,
                });
            }
        }
    }
    let Some(last) = history.last_shown_ms else {
        return Ok(Reason::Eligible);
    };
    // A prompt shown with no outcome recorded was left untouched.
    let outcome = history.last_outcome.unwrap_or(Outcome::Ignored);
    let (days, snooze) = wait_days(config, user, outcome, history.snoozes_in_row, (None, None));
    // Compared as `now < last + wait`, not as a difference in days, so that
    // float rounding cannot let a prompt in early; a stored time in the
    // future (clock moved back) still counts as recent.
    if now_ms < last + f64::from(days) * DAY_MS {
        return Err(Reason::Cooldown {
            after: outcome,
            days_since: (now_ms - last) / DAY_MS,
            needs: days,
        });
    }
    Ok(if snooze {
        Reason::SnoozeDue
    } else {
        Reason::Eligible
    })
}

/// One moment's own conditions.
pub(super) fn moment_rules(
    config: &WidgetConfig,
    m: &Moment,
    history: &History,
    user: &User,
    now_ms: f64,
) -> Result<(), Reason> {
    // The month's score is precise enough (`sampling.target_margin`).
    if let Some(until) = m.paused_until.as_deref().and_then(iso_ms) {
        if now_ms < until {
            return Err(Reason::Paused);
        }
    }
    let own = lookup(&history.moments, &m.event);
    if let Some(min) = m.min_count {
        let count = own.map_or(0, |h| h.count);
        if count < min {
            return Err(Reason::TooFewOccurrences { count, needs: min });
        }
    }
    if let Some(days) = m.days_since_signup {
        let Some(at) = user.traits.get("signed_up_at").and_then(trait_ms) else {
            return Err(Reason::NoSignupDate);
        };
        if now_ms < at + f64::from(days) * DAY_MS {
            return Err(Reason::TooSoonAfterSignup {
                days_since: (now_ms - at) / DAY_MS,
                needs: days,
            });
        }
    }
    for (name, filter) in m.traits.iter().flatten() {
        let value = user.traits.get(name);
        let ok = match filter {
            TraitFilter::Equals(v) => value == Some(v),
            TraitFilter::OneOf(vs) => value.is_some_and(|v| vs.contains(v)),
        };
        if !ok {
            return Err(Reason::TraitMismatch(name.clone()));
        }
    }
    if m.days_after_response.is_none() && m.days_after_decline.is_none() {
        return Ok(());
    }
    let Some((last, outcome)) =
        own.and_then(|h| Some((h.last_shown_ms?, h.last_outcome.unwrap_or(Outcome::Ignored))))
    else {
        return Ok(());
    };
    let (days, snooze) = wait_days(
        config,
        user,
        outcome,
        history.snoozes_in_row,
        (m.days_after_response, m.days_after_decline),
    );
    if snooze {
        return Ok(()); // the project-wide snooze clock decides
    }
    if now_ms < last + f64::from(days) * DAY_MS {
        return Err(Reason::MomentCooldown {
            event: m.event.clone(),
            after: outcome,
            days_since: (now_ms - last) / DAY_MS,
            needs: days,
        });
    }
    Ok(())
}
