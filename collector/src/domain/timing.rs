//! A project's timing rules (moments, sampling, cooldowns, quiet periods,
//! exclusions), checked before they are stored: the widget trusts them, so
//! a typo here must be a clear 422, not a prompt storm.

use std::collections::BTreeSet;

use nps_protocol::{TraitFilter, WidgetConfig};
use serde::{Deserialize, Serialize};

use super::{EventName, Invalid};

/// Longest cooldown or exclusion accepted, in days (ten years).
const MAX_DAYS: u32 = 3_650;
/// Most moments per project.
const MAX_MOMENTS: usize = 50;
/// Longest text override, in characters.
const MAX_TEXT: usize = 500;
/// Longest a server's moment may stay pending: a prompt weeks after the
/// moment no longer asks about it.
const MAX_PENDING_DAYS: u32 = 90;

/// Validated timing rules, stored as the widget reads them (without the
/// project key, which the config endpoint adds).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TimingRules(WidgetConfig);

impl TimingRules {
    /// Fields the rules set from another, never on their own: a change
    /// shows under the field each follows. `days_after_prompt`, the
    /// floor's first name, follows `min_days_between_prompts` (kept for
    /// widgets of the first release).
    pub const DERIVED_FIELDS: [&'static str; 1] = ["days_after_prompt"];

    /// The configuration the widget receives for project `key`.
    pub fn widget_config(&self, key: &str) -> WidgetConfig {
        WidgetConfig {
            key: key.to_owned(),
            ..self.0.clone()
        }
    }

    /// The rules as wire values.
    pub fn as_config(&self) -> &WidgetConfig {
        &self.0
    }

    /// Whether `event` is one of the configured moments.
    pub fn has_moment(&self, event: &str) -> bool {
        self.0.moments.iter().any(|m| m.event == event)
    }
}

fn invalid(message: impl Into<String>) -> Invalid {
    Invalid::new("invalid_config", message)
}

fn days(value: u32, field: &str) -> Result<(), Invalid> {
    if value > MAX_DAYS {
        return Err(invalid(format!(
            "{field} must be at most {MAX_DAYS} days, got {value}"
        )));
    }
    Ok(())
}

fn name(raw: &str, field: &str) -> Result<(), Invalid> {
    EventName::try_from(raw.to_owned())
        .map(drop)
        .map_err(|e| invalid(format!("{field}: {}", e.message)))
}

impl TryFrom<WidgetConfig> for TimingRules {
    type Error = Invalid;

    fn try_from(mut c: WidgetConfig) -> Result<Self, Self::Error> {
        if !(c.sampling_percent.is_finite() && (0.0..=100.0).contains(&c.sampling_percent)) {
            return Err(invalid("sampling_percent must be a number from 0 to 100"));
        }
        days(c.days_after_response, "days_after_response")?;
        days(c.days_after_decline, "days_after_decline")?;
        days(c.days_after_snooze, "days_after_snooze")?;
        days(c.min_days_between_prompts, "min_days_between_prompts")?;
        if !(1..=MAX_PENDING_DAYS).contains(&c.pending_moment_days) {
            return Err(invalid(format!(
                "pending_moment_days must be 1-{MAX_PENDING_DAYS}, got {}",
                c.pending_moment_days
            )));
        }
        if c.max_snoozes > 10 {
            return Err(invalid("max_snoozes must be at most 10"));
        }
        if c.moments.len() > MAX_MOMENTS {
            return Err(invalid(format!("at most {MAX_MOMENTS} moments")));
        }
        let mut events = BTreeSet::new();
        for m in &c.moments {
            let at = format!("moment {:?}", m.event);
            name(&m.event, "moments[].event")?;
            if !events.insert(m.event.as_str()) {
                return Err(invalid(format!("{at} is listed twice")));
            }
            check_moment(m, &at, c.min_days_between_prompts)?;
        }
        for q in &c.quiet_after {
            name(&q.event, "quiet_after[].event")?;
            if q.hours == 0 || q.hours > MAX_DAYS * 24 {
                return Err(invalid(format!(
                    "quiet_after {:?}: hours must be 1-{}",
                    q.event,
                    MAX_DAYS * 24
                )));
            }
        }
        check_appearance(&c.appearance)?;
        if c.allowed_traits.len() > 20 {
            return Err(invalid("allowed_traits lists at most 20 traits"));
        }
        for t in &c.allowed_traits {
            name(t, "allowed_traits[]")?;
        }
        for x in &c.exclude_if_recent {
            name(&x.name, "exclude_if_recent[].trait")?;
            days(x.days, "exclude_if_recent[].days")?;
        }
        super::experiment::check_asking(&mut c)?;
        // Stored without a key; the old name of the floor follows it.
        c.key = String::new();
        c.days_after_prompt = c.min_days_between_prompts;
        Ok(Self(c))
    }
}

/// The look must be one the widget can draw, and readable: white text on
/// the brand colour reaches WCAG AA (the rules are `nps-protocol`'s, which
/// the dashboard checks as the colour is typed).
fn check_appearance(a: &nps_protocol::Appearance) -> Result<(), Invalid> {
    use nps_protocol::BadLook;
    a.check().map_err(|bad| match bad {
        BadLook::Position => invalid("appearance.position is bottom-right, bottom-left or center"),
        BadLook::Theme => invalid("appearance.theme is light, dark or auto"),
        BadLook::Color => invalid("appearance.brand_color is a colour such as #1a56db"),
        BadLook::Contrast(ratio) => invalid(format!(
            "appearance.brand_color {} gives white text a contrast of {ratio:.2}:1; WCAG AA needs 4.5:1 (pick a darker shade)",
            a.brand_color.as_deref().unwrap_or_default()
        )),
    })
}

fn check_moment(m: &nps_protocol::Moment, at: &str, floor: u32) -> Result<(), Invalid> {
    if m.min_count.is_some_and(|n| n == 0 || n > 10_000) {
        return Err(invalid(format!("{at}: min_count must be 1-10000")));
    }
    if let Some(d) = m.days_since_signup {
        days(d, &format!("{at}: days_since_signup"))?;
    }
    if m.delay_seconds.is_some_and(|s| s > 3_600) {
        return Err(invalid(format!("{at}: delay_seconds must be at most 3600")));
    }
    for (field, value) in [
        ("days_after_response", m.days_after_response),
        ("days_after_decline", m.days_after_decline),
    ] {
        if let Some(d) = value {
            days(d, &format!("{at}: {field}"))?;
            if d < floor {
                return Err(invalid(format!(
                    "{at}: {field} ({d}) may not be below min_days_between_prompts ({floor})"
                )));
            }
        }
    }
    for (trait_name, filter) in m.traits.iter().flatten() {
        name(trait_name, &format!("{at}: traits"))?;
        if let TraitFilter::OneOf(values) = filter {
            if values.is_empty() || values.len() > 100 {
                return Err(invalid(format!(
                    "{at}: trait {trait_name:?} lists 1-100 values"
                )));
            }
        }
    }
    for (locale, texts) in m.texts.iter().flatten() {
        super::Locale::try_from(locale.clone())
            .map_err(|_| invalid(format!("{at}: texts: {locale:?} is not a locale")))?;
        for text in [&texts.question, &texts.follow_up].into_iter().flatten() {
            let n = text.chars().count();
            if n == 0 || n > MAX_TEXT {
                return Err(invalid(format!("{at}: texts are 1-{MAX_TEXT} characters")));
            }
            if !super::is_one_line(text) {
                return Err(invalid(format!(
                    "{at}: texts may not hold control characters or line breaks"
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use nps_protocol::{Moment, QuietPeriod};

    use super::*;

    fn moment(event: &str) -> Moment {
        Moment {
            event: event.into(),
            ..Moment::default()
        }
    }

    #[test]
    fn the_defaults_are_valid_and_keep_the_old_floor_name_in_step() {
        let mut c = WidgetConfig {
            moments: vec![moment("onboarding_completed")],
            ..WidgetConfig::default()
        };
        c.min_days_between_prompts = 45;
        let rules = TimingRules::try_from(c).unwrap();
        assert_eq!(rules.widget_config("demo").days_after_prompt, 45);
        assert_eq!(rules.widget_config("demo").key, "demo");
    }

    #[test]
    fn each_broken_rule_is_named_in_the_error() {
        let base = WidgetConfig::default;
        let cases: Vec<(WidgetConfig, &str)> = vec![
            (
                WidgetConfig {
                    sampling_percent: 150.0,
                    ..base()
                },
                "sampling_percent",
            ),
            (
                WidgetConfig {
                    days_after_response: 99_999,
                    ..base()
                },
                "days_after_response",
            ),
            (
                WidgetConfig {
                    moments: vec![moment("a b")],
                    ..base()
                },
                "moments[].event",
            ),
            (
                WidgetConfig {
                    moments: vec![moment("x"), moment("x")],
                    ..base()
                },
                "twice",
            ),
            (
                WidgetConfig {
                    moments: vec![Moment {
                        days_after_decline: Some(7),
                        ..moment("x")
                    }],
                    ..base()
                },
                "below min_days_between_prompts",
            ),
            (
                WidgetConfig {
                    quiet_after: vec![QuietPeriod {
                        event: "support_contacted".into(),
                        hours: 0,
                    }],
                    ..base()
                },
                "hours",
            ),
        ];
        for (config, expected) in cases {
            let err = TimingRules::try_from(config).unwrap_err();
            assert_eq!(err.code, "invalid_config");
            assert!(
                err.message.contains(expected),
                "{:?} should mention {expected:?}",
                err.message
            );
        }
    }
}
