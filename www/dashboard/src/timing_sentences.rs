//! The timing rules of a project in plain words, most important first, as
//! the Timing page lists them above its form.

use nps_protocol::{Moment, WidgetConfig};

use crate::form_lists::trait_filter;
use crate::i18n::Lang;

/// The rules as sentences, most important first.
pub(crate) fn summary(lang: Lang, c: &WidgetConfig) -> Vec<String> {
    let mut out = Vec::new();
    let fr = lang == Lang::Fr;
    if c.moments.is_empty() {
        out.push(if fr {
            "Aucun moment n’est configuré : l’invitation ne s’affiche que sur nps('show').".into()
        } else {
            "No moment is configured: the prompt shows only on nps('show').".into()
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
    }
}
