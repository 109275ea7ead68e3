//! The "ask smarter" parts of a project's rules, checked before they are
//! stored: a moment's variants and experiment, the "when the user pauses"
//! rule, cooldowns per trait value and sampling to a precision. The widget
//! trusts them, so each mistake is a 422 naming the field.

use std::collections::BTreeSet;

use nps_protocol::{CadenceOverride, Idle, Moment, TraitValue, Variant, WidgetConfig, POSITIONS};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::{EventName, Invalid};

/// Most variants of one moment.
const MAX_VARIANTS: usize = 10;
/// Most cooldown overrides of a project.
const MAX_OVERRIDES: usize = 50;
/// Longest text override, in characters (as a moment's).
const MAX_TEXT: usize = 500;
/// Longest wait after a moment, in ms: an hour.
const MAX_WAIT_MS: u32 = 3_600_000;
/// Quiet time that may count as a pause, in ms: from half a second (less
/// is a user typing) to ten minutes.
const IDLE_MS: std::ops::RangeInclusive<u32> = 500..=600_000;
/// Longest cooldown, in days (as the project's).
const MAX_DAYS: u32 = 3_650;

/// A variant's id as impressions and answers carry it: 1-40 characters
/// from `A-Z a-z 0-9 _ -`, narrow because it ends up in exports and URLs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VariantId(String);

impl VariantId {
    /// Longest id accepted.
    pub const MAX_LEN: usize = 40;

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for VariantId {
    type Error = Invalid;

    fn try_from(s: String) -> Result<Self, Invalid> {
        let ok = (1..=Self::MAX_LEN).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !ok {
            return Err(Invalid::new(
                "invalid_variant",
                format!(
                    "variant must be 1-{} characters from A-Z a-z 0-9 _ -",
                    Self::MAX_LEN
                ),
            ));
        }
        Ok(Self(s))
    }
}

/// The rules as the widget gets them: a moment whose experiment ended
/// (`ended_at` or `winner` set) keeps only its winner (else its control),
/// with no experiment, so everyone gets the winner's settings and nothing
/// more is recorded for the experiment. The stored rules keep it all.
pub fn settle_ended_experiments(c: &mut WidgetConfig) {
    for m in &mut c.moments {
        let Some(e) = m
            .experiment
            .take_if(|e| e.ended_at.is_some() || e.winner.is_some())
        else {
            continue;
        };
        let at = e
            .winner
            .and_then(|w| m.variants.iter().position(|v| v.id == w))
            .unwrap_or(0);
        if at < m.variants.len() {
            m.variants = vec![m.variants.swap_remove(at)];
        }
    }
}

fn invalid(message: impl Into<String>) -> Invalid {
    Invalid::new("invalid_config", message)
}

/// Checks the rules' experiments, pauses, overrides and sampling, and
/// drops what only the collector may set (`paused_until`).
pub(super) fn check_asking(c: &mut WidgetConfig) -> Result<(), Invalid> {
    for m in &mut c.moments {
        m.paused_until = None;
        let at = format!("moment {:?}", m.event);
        check_variants(m, &at)?;
        if let Some(idle) = &m.idle {
            check_idle(idle, &format!("{at}: idle"))?;
        }
    }
    check_overrides(&c.cadence_overrides)?;
    if let Some(s) = &c.sampling {
        if !(s.target_margin.is_finite() && (1.0..=50.0).contains(&s.target_margin)) {
            return Err(invalid("sampling.target_margin must be 1-50 NPS points"));
        }
    }
    Ok(())
}

fn id(raw: &str, field: &str) -> Result<(), Invalid> {
    VariantId::try_from(raw.to_owned())
        .map(drop)
        .map_err(|e| invalid(format!("{field}: {}", e.message)))
}

fn check_variants(m: &Moment, at: &str) -> Result<(), Invalid> {
    if m.variants.len() > MAX_VARIANTS {
        return Err(invalid(format!("{at}: at most {MAX_VARIANTS} variants")));
    }
    let mut ids = BTreeSet::new();
    for v in &m.variants {
        id(&v.id, &format!("{at}: variants[].id"))?;
        if !ids.insert(v.id.as_str()) {
            return Err(invalid(format!("{at}: variant {:?} is listed twice", v.id)));
        }
        check_variant(v, &format!("{at}: variant {:?}", v.id))?;
    }
    let Some(x) = &m.experiment else {
        return Ok(());
    };
    if m.variants.is_empty() {
        return Err(invalid(format!(
            "{at}: an experiment needs variants to compare"
        )));
    }
    id(&x.id, &format!("{at}: experiment.id"))?;
    let start = instant(
        x.started_at.as_deref(),
        &format!("{at}: experiment.started_at"),
    )?;
    let end = instant(x.ended_at.as_deref(), &format!("{at}: experiment.ended_at"))?;
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            return Err(invalid(format!(
                "{at}: experiment.ended_at is before its started_at"
            )));
        }
    }
    if let Some(w) = &x.winner {
        if !ids.contains(w.as_str()) {
            return Err(invalid(format!(
                "{at}: experiment.winner {w:?} is not one of its variants"
            )));
        }
    }
    Ok(())
}

fn instant(raw: Option<&str>, field: &str) -> Result<Option<OffsetDateTime>, Invalid> {
    raw.map(|s| {
        OffsetDateTime::parse(s, &Rfc3339)
            .map_err(|_| invalid(format!("{field} must be an RFC 3339 time, not {s:?}")))
    })
    .transpose()
}

fn check_variant(v: &Variant, at: &str) -> Result<(), Invalid> {
    if !(v.weight.is_finite() && v.weight > 0.0 && v.weight <= 1e6) {
        return Err(invalid(format!(
            "{at}: weight must be a positive number (at most 1000000)"
        )));
    }
    if v.delay_ms.is_some_and(|d| d > MAX_WAIT_MS) {
        return Err(invalid(format!(
            "{at}: delay_ms must be at most {MAX_WAIT_MS}"
        )));
    }
    if let Some(p) = &v.position {
        if !POSITIONS.contains(&p.as_str()) {
            return Err(invalid(format!(
                "{at}: position is one of {}, not {p:?}",
                POSITIONS.join(", ")
            )));
        }
    }
    if let Some(idle) = &v.idle {
        check_idle(idle, &format!("{at}: idle"))?;
    }
    for (locale, t) in v.texts.iter().flatten() {
        super::Locale::try_from(locale.clone())
            .map_err(|_| invalid(format!("{at}: texts: {locale:?} is not a locale")))?;
        let all = [
            &t.question,
            &t.why_detractor,
            &t.why_passive,
            &t.why_promoter,
        ];
        for text in all.into_iter().flatten() {
            let n = text.chars().count();
            if n == 0 || n > MAX_TEXT || !super::is_one_line(text) {
                return Err(invalid(format!(
                    "{at}: texts are 1-{MAX_TEXT} characters on one line"
                )));
            }
        }
    }
    Ok(())
}

fn check_idle(idle: &Idle, at: &str) -> Result<(), Invalid> {
    if !IDLE_MS.contains(&idle.idle_ms) {
        return Err(invalid(format!(
            "{at}: idle_ms must be {}-{}",
            IDLE_MS.start(),
            IDLE_MS.end()
        )));
    }
    if idle.max_wait_ms < idle.idle_ms || idle.max_wait_ms > MAX_WAIT_MS {
        return Err(invalid(format!(
            "{at}: max_wait_ms must be from idle_ms to {MAX_WAIT_MS}"
        )));
    }
    Ok(())
}

fn check_overrides(list: &[CadenceOverride]) -> Result<(), Invalid> {
    if list.len() > MAX_OVERRIDES {
        return Err(invalid(format!(
            "cadence_overrides lists at most {MAX_OVERRIDES}"
        )));
    }
    let mut seen = Vec::with_capacity(list.len());
    for o in list {
        EventName::try_from(o.name.clone())
            .map_err(|e| invalid(format!("cadence_overrides[].trait: {}", e.message)))?;
        let at = format!("cadence_overrides {:?}", o.name);
        let value_ok = match &o.value {
            TraitValue::Text(s) => (1..=200).contains(&s.chars().count()) && super::is_one_line(s),
            TraitValue::Number(n) => n.is_finite(),
            TraitValue::Bool(_) => true,
        };
        if !value_ok {
            return Err(invalid(format!(
                "{at}: value is a string of 1-200 characters, a number or a boolean"
            )));
        }
        let days = [o.after_answer_days, o.after_close_days, o.after_snooze_days];
        if days.iter().all(Option::is_none) {
            return Err(invalid(format!(
                "{at}: set after_answer_days, after_close_days or after_snooze_days"
            )));
        }
        if days.iter().flatten().any(|d| *d > MAX_DAYS) {
            return Err(invalid(format!("{at}: days must be at most {MAX_DAYS}")));
        }
        if seen.contains(&(&o.name, &o.value)) {
            return Err(invalid(format!(
                "{at}: the same trait value is listed twice"
            )));
        }
        seen.push((&o.name, &o.value));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
