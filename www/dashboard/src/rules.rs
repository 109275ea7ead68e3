//! The timing rules in plain words, the text forms of their lists, and
//! which field a refusal of the collector (422 `invalid_config`) names.

use nps_protocol::{Map, Moment, QuietPeriod, RecentTrait, TraitFilter, TraitValue, WidgetConfig};

use crate::i18n::Lang;

/// The rules as sentences, most important first.
pub(crate) fn summary(lang: Lang, c: &WidgetConfig) -> Vec<String> {
    let mut out = Vec::new();
    let fr = lang == Lang::Fr;
    if c.moments.is_empty() {
        out.push(if fr {
            "Aucun moment n’est configuré : l’invitation ne s’affiche jamais d’elle-même.".into()
        } else {
            "No moment is configured: the prompt never shows on its own.".into()
        });
    }
    for m in &c.moments {
        out.push(moment(lang, m));
    }
    let sampling = lang.num(c.sampling_percent);
    out.push(if fr {
        format!("{sampling} % des utilisateurs peuvent être interrogés.")
    } else {
        format!("{sampling}% of users may be asked.")
    });
    out.push(if fr {
        format!(
            "Jamais deux invitations à moins de {} jours d’écart ; {} jours de calme après une réponse, {} après un refus.",
            c.min_days_between_prompts, c.days_after_response, c.days_after_decline
        )
    } else {
        format!(
            "Never two prompts within {} days; {} quiet days after an answer, {} after a decline.",
            c.min_days_between_prompts, c.days_after_response, c.days_after_decline
        )
    });
    out.push(if fr {
        format!(
            "« Plus tard » redemande après {} jours, au plus {} fois de suite.",
            c.days_after_snooze, c.max_snoozes
        )
    } else {
        format!(
            "“Ask me later” asks again after {} days, at most {} times in a row.",
            c.days_after_snooze, c.max_snoozes
        )
    });
    for q in &c.quiet_after {
        out.push(if fr {
            format!("Pas d’invitation pendant {} h après {}.", q.hours, q.event)
        } else {
            format!("No prompt for {} h after {}.", q.hours, q.event)
        });
    }
    for x in &c.exclude_if_recent {
        out.push(if fr {
            format!(
                "Pas d’invitation si {} date de moins de {} jours.",
                x.name, x.days
            )
        } else {
            format!(
                "No prompt while {} is less than {} days old.",
                x.name, x.days
            )
        });
    }
    if c.anonymous {
        out.push(if fr {
            "Enquête anonyme : ni identifiant, ni URL, ni trait non autorisé.".into()
        } else {
            "Anonymous survey: no user id, URL or trait not allowed.".into()
        });
    }
    if c.respect_dnt {
        out.push(if fr {
            "Rien n’est affiché ni envoyé aux navigateurs qui demandent à ne pas être suivis."
                .into()
        } else {
            "Nothing shows or is sent in browsers that ask not to be tracked.".into()
        });
    }
    out
}

fn moment(lang: Lang, m: &Moment) -> String {
    let fr = lang == Lang::Fr;
    let mut parts = Vec::new();
    if let Some(n) = m.min_count {
        parts.push(if fr {
            format!("à partir de la {n}e fois")
        } else {
            format!("from the {n}th time")
        });
    }
    if let Some(d) = m.days_since_signup {
        parts.push(if fr {
            format!("{d} jours après l’inscription")
        } else {
            format!("{d} days after signup")
        });
    }
    for (name, filter) in m.traits.iter().flatten() {
        parts.push(format!("{name} = {}", trait_filter(filter)));
    }
    if let Some(s) = m.delay_seconds {
        parts.push(if fr {
            format!("après {s} s")
        } else {
            format!("after {s} s")
        });
    }
    if let Some(p) = m.priority {
        parts.push(if fr {
            format!("priorité {p}")
        } else {
            format!("priority {p}")
        });
    }
    let when = if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    };
    if fr {
        format!("Demande après {}{when}.", m.event)
    } else {
        format!("Asks after {}{when}.", m.event)
    }
}

/// A trait value as text.
pub(crate) fn trait_value(v: &TraitValue) -> String {
    match v {
        TraitValue::Bool(b) => b.to_string(),
        TraitValue::Number(n) => n.to_string(),
        TraitValue::Text(t) => t.clone(),
    }
}

/// `pro` or `pro,team`, as the form shows a trait condition.
pub(crate) fn trait_filter(f: &TraitFilter) -> String {
    match f {
        TraitFilter::Equals(v) => trait_value(v),
        TraitFilter::OneOf(vs) => vs.iter().map(trait_value).collect::<Vec<_>>().join(","),
    }
}

/// The text of a trait value typed in a form: `true`/`false` and numbers
/// keep their type, as the widget compares typed values.
fn typed(raw: &str) -> TraitValue {
    match raw {
        "true" => TraitValue::Bool(true),
        "false" => TraitValue::Bool(false),
        _ => raw
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map_or_else(|| TraitValue::Text(raw.to_owned()), TraitValue::Number),
    }
}

/// Splits `name=value` lines; blank lines are skipped. `Err` holds the
/// 1-based number of the first line that is not of that form.
fn lines(text: &str) -> Result<Vec<(String, String)>, usize> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (k, v) = line.split_once('=').ok_or(i + 1)?;
        let (k, v) = (k.trim(), v.trim());
        if k.is_empty() || v.is_empty() {
            return Err(i + 1);
        }
        out.push((k.to_owned(), v.to_owned()));
    }
    Ok(out)
}

/// `plan=pro,team` lines to a moment's trait conditions.
pub(crate) fn parse_traits(text: &str) -> Result<Option<Map<TraitFilter>>, usize> {
    let mut map = Map::new();
    for (k, v) in lines(text)? {
        let values: Vec<TraitValue> = v
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(typed)
            .collect();
        let filter = match <[TraitValue; 1]>::try_from(values) {
            Ok([one]) => TraitFilter::Equals(one),
            Err(many) => TraitFilter::OneOf(many),
        };
        map.insert(k, filter);
    }
    Ok((!map.is_empty()).then_some(map))
}

/// A moment's trait conditions as `name=values` lines.
pub(crate) fn format_traits(traits: Option<&Map<TraitFilter>>) -> String {
    traits
        .into_iter()
        .flatten()
        .map(|(k, f)| format!("{k}={}", trait_filter(f)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `event=hours` lines to quiet periods.
pub(crate) fn parse_quiet(text: &str) -> Result<Vec<QuietPeriod>, usize> {
    numbered(text, |event, hours| QuietPeriod { event, hours })
}

/// `trait=days` lines to exclusions.
pub(crate) fn parse_exclusions(text: &str) -> Result<Vec<RecentTrait>, usize> {
    numbered(text, |name, days| RecentTrait { name, days })
}

fn numbered<T>(text: &str, make: impl Fn(String, u32) -> T) -> Result<Vec<T>, usize> {
    let pairs = lines(text)?;
    let mut out = Vec::new();
    for (i, (k, v)) in pairs.into_iter().enumerate() {
        let n = v.parse::<u32>().map_err(|_| line_of(text, i))?;
        out.push(make(k, n));
    }
    Ok(out)
}

/// The 1-based line of the `nth` non-blank line.
fn line_of(text: &str, nth: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .nth(nth)
        .map_or(1, |(i, _)| i + 1)
}

/// `a, b` to a list.
pub(crate) fn parse_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Where in the form a refusal points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Blame {
    /// A top-level field, by its JSON name.
    Field(String),
    /// A moment, by its event name (or `None` for the event name rule).
    Moment(Option<String>),
    /// The quiet periods.
    Quiet,
    /// The exclusions.
    Exclusions,
    /// The allowed traits.
    AllowedTraits,
    /// Nothing recognisable: shown above the form.
    Form,
}

/// Reads the collector's `invalid_config` message (e.g. `moment "x":
/// days_after_decline (7) may not be below …`) to put it next to its field.
pub(crate) fn blame(message: &str) -> Blame {
    if let Some(rest) = message.strip_prefix("moment \"") {
        return Blame::Moment(rest.split('"').next().map(str::to_owned));
    }
    let head = message.split([' ', ':']).next().unwrap_or_default();
    match head {
        "moments[].event" | "at" => Blame::Moment(None),
        "quiet_after" | "quiet_after[].event" => Blame::Quiet,
        "exclude_if_recent[].trait" | "exclude_if_recent[].days" => Blame::Exclusions,
        "allowed_traits" | "allowed_traits[]" => Blame::AllowedTraits,
        "sampling_percent"
        | "days_after_response"
        | "days_after_decline"
        | "days_after_snooze"
        | "min_days_between_prompts"
        | "max_snoozes" => Blame::Field(head.to_owned()),
        _ => Blame::Form,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_says_each_rule_in_words() {
        let c = WidgetConfig {
            moments: vec![Moment {
                event: "onboarding_completed".into(),
                days_since_signup: Some(7),
                ..Moment::default()
            }],
            quiet_after: vec![QuietPeriod {
                event: "support_contacted".into(),
                hours: 24,
            }],
            ..WidgetConfig::default()
        };
        let s = summary(Lang::En, &c);
        assert_eq!(
            s[0],
            "Asks after onboarding_completed (7 days after signup)."
        );
        assert_eq!(s[1], "100% of users may be asked.");
        assert!(s[2].starts_with("Never two prompts within 30 days; 90 quiet days after an answer"));
        assert_eq!(
            s.last().unwrap(),
            "No prompt for 24 h after support_contacted."
        );
        assert!(summary(Lang::Fr, &WidgetConfig::default())[0].starts_with("Aucun moment"));
    }

    #[test]
    fn trait_conditions_read_and_write_as_lines() {
        let t = parse_traits("plan = pro, team\n\nadmin=true\nseats=3")
            .unwrap()
            .unwrap();
        assert_eq!(
            t["plan"],
            TraitFilter::OneOf(vec![
                TraitValue::Text("pro".into()),
                TraitValue::Text("team".into())
            ])
        );
        assert_eq!(t["admin"], TraitFilter::Equals(TraitValue::Bool(true)));
        assert_eq!(t["seats"], TraitFilter::Equals(TraitValue::Number(3.0)));
        assert_eq!(
            format_traits(Some(&t)),
            "admin=true\nplan=pro,team\nseats=3"
        );
        assert_eq!(parse_traits("  ").unwrap(), None);
        assert_eq!(parse_traits("plan=pro\nnonsense"), Err(2));
    }

    #[test]
    fn quiet_periods_and_exclusions_need_whole_numbers() {
        assert_eq!(parse_quiet("support_contacted=24").unwrap()[0].hours, 24);
        assert_eq!(parse_quiet("a=1\n\nb=soon").map(|v| v.len()), Err(3));
        assert_eq!(
            parse_exclusions("churned_at=30").unwrap()[0].name,
            "churned_at"
        );
        assert_eq!(parse_list("plan, team,,"), vec!["plan", "team"]);
    }

    #[test]
    fn a_refusal_is_put_next_to_the_field_it_names() {
        assert_eq!(
            blame("moment \"x\": days_after_decline (7) may not be below min_days_between_prompts (30)"),
            Blame::Moment(Some("x".into()))
        );
        assert_eq!(
            blame("sampling_percent must be a number from 0 to 100"),
            Blame::Field("sampling_percent".into())
        );
        assert_eq!(
            blame("days_after_response must be at most 3650 days, got 99999"),
            Blame::Field("days_after_response".into())
        );
        assert_eq!(
            blame("quiet_after \"x\": hours must be 1-87600"),
            Blame::Quiet
        );
        assert_eq!(blame("moments[].event: not a name"), Blame::Moment(None));
        assert_eq!(blame("something else"), Blame::Form);
    }
}
