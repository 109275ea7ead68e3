//! The timing rules of a project in plain words, most important first, as
//! the Timing page lists them above its form.

use nps_protocol::{Moment, WidgetConfig};

use crate::form_lists::trait_filter;
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
mod tests {
    use nps_protocol::QuietPeriod;

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
        let de = summary(Lang::De, &c);
        assert_eq!(
            de[0],
            "Fragt nach onboarding_completed (7 Tage nach der Registrierung)."
        );
        assert_eq!(de[1], "100\u{a0}% der Nutzer können befragt werden.");
        assert_eq!(
            de.last().unwrap(),
            "Keine Umfrage für 24 h nach support_contacted."
        );
    }

    #[test]
    fn every_language_says_every_rule_in_its_own_words() {
        let c = WidgetConfig {
            moments: vec![Moment {
                event: "plan_upgraded".into(),
                min_count: Some(3),
                days_since_signup: Some(14),
                delay_seconds: Some(5),
                priority: Some(2),
                ..Moment::default()
            }],
            quiet_after: vec![QuietPeriod {
                event: "support_contacted".into(),
                hours: 24,
            }],
            anonymous: true,
            respect_dnt: true,
            ..WidgetConfig::default()
        };
        let en = summary(Lang::En, &c);
        for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            let s = summary(lang, &c);
            assert_eq!(s.len(), en.len(), "{lang:?}");
            for (mine, english) in s.iter().zip(&en) {
                assert_ne!(mine, english, "{lang:?} left in English");
                assert!(
                    !mine.contains('{'),
                    "{lang:?}: a placeholder left in {mine}"
                );
            }
            assert!(
                s[0].contains("plan_upgraded") && s[0].contains("14"),
                "{lang:?}: {}",
                s[0]
            );
        }
    }
}
