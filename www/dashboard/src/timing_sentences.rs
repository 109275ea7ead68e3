//! The timing rules of a project in plain words, most important first, as
//! the Timing page lists them above its form.

use nps_protocol::{CadenceOverride, Moment, Sampling, WidgetConfig};

use crate::form_lists::{trait_filter, trait_value};
use crate::i18n::{fill, Lang};
use crate::timing_words::TimingWords;

/// The rules as sentences, most important first.
pub(crate) fn summary(lang: Lang, c: &WidgetConfig) -> Vec<String> {
    let w = TimingWords::of(lang);
    let mut out = Vec::new();
    if c.moments.is_empty() {
        out.push(w.no_moment.to_owned());
    }
    for m in &c.moments {
        out.push(moment(lang, m));
    }
    out.push(fill(w.sampling, &[&lang.num(c.sampling_percent)]));
    out.push(fill(
        w.spacing,
        &[
            &c.min_days_between_prompts.to_string(),
            &c.days_after_response.to_string(),
            &c.days_after_decline.to_string(),
        ],
    ));
    out.push(fill(
        w.snooze,
        &[&c.days_after_snooze.to_string(), &c.max_snoozes.to_string()],
    ));
    for o in &c.cadence_overrides {
        out.push(cadence(lang, o));
    }
    if let Some(s) = &c.sampling {
        out.push(sampling(lang, s));
    }
    for q in &c.quiet_after {
        out.push(fill(w.quiet, &[&q.hours.to_string(), &q.event]));
    }
    for x in &c.exclude_if_recent {
        out.push(fill(w.exclude, &[&x.name, &x.days.to_string()]));
    }
    if c.anonymous {
        out.push(w.anonymous.to_owned());
    }
    if c.respect_dnt {
        out.push(w.dnt.to_owned());
    }
    out
}

/// A segment's cooldowns: "People with plan = enterprise: 180 days after
/// an answer."
pub(crate) fn cadence(lang: Lang, o: &CadenceOverride) -> String {
    let a = lang.asking();
    let days = [
        (o.after_answer_days, a.days_answer),
        (o.after_close_days, a.days_close),
        (o.after_snooze_days, a.days_snooze),
    ];
    let parts: Vec<String> = days
        .iter()
        .filter_map(|(d, words)| d.map(|d| fill(words, &[&d.to_string()])))
        .collect();
    let comma = TimingWords::of(lang).comma;
    fill(
        a.segment_rule,
        &[&o.name, &trait_value(&o.value), &parts.join(comma)],
    )
}

/// Where sampling stops.
pub(crate) fn sampling(lang: Lang, s: &Sampling) -> String {
    let a = lang.asking();
    let words = if s.per_moment {
        a.stops_at_per_moment
    } else {
        a.stops_at
    };
    fill(words, &[&lang.num(s.target_margin)])
}

fn moment(lang: Lang, m: &Moment) -> String {
    let w = TimingWords::of(lang);
    let mut parts = Vec::new();
    if let Some(n) = m.min_count {
        parts.push(fill(w.min_count, &[&n.to_string()]));
    }
    if let Some(d) = m.days_since_signup {
        parts.push(fill(w.days_since_signup, &[&d.to_string()]));
    }
    for (name, filter) in m.traits.iter().flatten() {
        parts.push(format!("{name} = {}", trait_filter(filter)));
    }
    if let Some(s) = m.delay_seconds {
        parts.push(fill(w.delay, &[&s.to_string()]));
    }
    if let Some(p) = m.priority {
        parts.push(fill(w.priority, &[&p.to_string()]));
    }
    let when = if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(w.comma))
    };
    fill(w.asks_after, &[&m.event, &when])
}

#[cfg(test)]
mod tests;
