//! The rules in words, in English, French and German, and every language
//! saying each rule in its own words.

use nps_protocol::{QuietPeriod, TraitValue};

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
        cadence_overrides: vec![enterprise()],
        sampling: Some(Sampling {
            target_margin: 7.5,
            per_moment: true,
        }),
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

fn enterprise() -> CadenceOverride {
    CadenceOverride {
        name: "plan".into(),
        value: TraitValue::Text("enterprise".into()),
        after_answer_days: Some(180),
        after_close_days: None,
        after_snooze_days: None,
    }
}

#[test]
fn a_segment_and_a_precision_are_said_in_words() {
    let mut c = WidgetConfig {
        cadence_overrides: vec![enterprise()],
        sampling: Some(Sampling {
            target_margin: 5.0,
            per_moment: false,
        }),
        ..WidgetConfig::default()
    };
    let en = summary(Lang::En, &c);
    assert!(en.contains(&"People with plan = enterprise: 180 days after an answer.".into()));
    assert!(en.contains(&"Prompting pauses for the rest of the month once its answers give a margin of error of 5 points or less.".into()));
    let fr = summary(Lang::Fr, &c);
    assert!(fr.contains(&"Personnes avec plan = enterprise : 180 jours après une réponse.".into()));
    c.cadence_overrides[0].after_close_days = Some(30);
    c.cadence_overrides[0].after_snooze_days = Some(14);
    assert_eq!(
        cadence(Lang::En, &c.cadence_overrides[0]),
        "People with plan = enterprise: 180 days after an answer, 30 days after a close, 14 days after a snooze."
    );
    let per_moment = Sampling {
        target_margin: 7.5,
        per_moment: true,
    };
    assert_eq!(
        sampling(Lang::De, &per_moment),
        "Jeder Moment pausiert für den Rest des Monats, sobald seine eigenen Antworten eine Fehlermarge von höchstens 7,5 Punkten ergeben."
    );
}
