//! Each broken experiment, pause, override or sampling rule is a 422 that
//! names it; good ones pass and lose what only the collector sets.

use nps_protocol::{CadenceOverride, Experiment, Idle, Moment, Sampling, Variant, WidgetConfig};

use super::*;

fn variant(id: &str, weight: f64) -> Variant {
    Variant {
        id: id.into(),
        weight,
        ..Variant::default()
    }
}

fn moment(variants: Vec<Variant>, experiment: Option<&str>) -> Moment {
    Moment {
        event: "checkout".into(),
        variants,
        experiment: experiment.map(|id| Experiment {
            id: id.into(),
            ..Experiment::default()
        }),
        ..Moment::default()
    }
}

fn config(m: Moment) -> WidgetConfig {
    WidgetConfig {
        moments: vec![m],
        ..WidgetConfig::default()
    }
}

#[test]
fn a_two_variant_experiment_passes_and_loses_a_sent_paused_until() {
    let mut m = moment(
        vec![variant("control", 1.0), variant("short", 1.0)],
        Some("wording-1"),
    );
    m.paused_until = Some("2030-01-01T00:00:00Z".into());
    m.variants[1].idle = Some(Idle {
        idle_ms: 2_000,
        max_wait_ms: 30_000,
        carry: Some(true),
    });
    let mut c = config(m);
    check_asking(&mut c).unwrap();
    assert_eq!(c.moments[0].paused_until, None);
}

#[test]
fn each_broken_rule_is_named() {
    let two = || vec![variant("a", 1.0), variant("b", 1.0)];
    let with = |f: &dyn Fn(&mut Moment)| {
        let mut m = moment(two(), Some("x1"));
        f(&mut m);
        config(m)
    };
    let cases: Vec<(WidgetConfig, &str)> = vec![
        (
            config(moment(vec![variant("a", 1.0), variant("a", 2.0)], None)),
            "twice",
        ),
        (config(moment(vec![variant("a", 0.0)], None)), "weight"),
        (config(moment(vec![variant("a", -1.0)], None)), "weight"),
        (
            config(moment(vec![variant("a b", 1.0)], None)),
            "variants[].id",
        ),
        (config(moment(Vec::new(), Some("x1"))), "needs variants"),
        (
            with(&|m| m.variants[0].position = Some("top".into())),
            "position",
        ),
        (
            with(&|m| m.variants[0].delay_ms = Some(3_600_001)),
            "delay_ms",
        ),
        (
            with(&|m| {
                m.idle = Some(Idle {
                    idle_ms: 100,
                    max_wait_ms: 1_000,
                    carry: None,
                });
            }),
            "idle_ms",
        ),
        (
            with(&|m| {
                m.variants[1].idle = Some(Idle {
                    idle_ms: 5_000,
                    max_wait_ms: 1_000,
                    carry: None,
                });
            }),
            "max_wait_ms",
        ),
        (
            with(&|m| m.experiment.as_mut().unwrap().winner = Some("c".into())),
            "winner",
        ),
        (
            with(&|m| m.experiment.as_mut().unwrap().started_at = Some("yesterday".into())),
            "started_at",
        ),
    ];
    for (mut c, expected) in cases {
        let err = check_asking(&mut c).unwrap_err();
        assert_eq!(err.code, "invalid_config", "{expected}");
        assert!(
            err.message.contains(expected),
            "{:?} should mention {expected:?}",
            err.message
        );
    }
}

#[test]
fn overrides_and_sampling_are_checked() {
    let plan = |days: Option<u32>| CadenceOverride {
        name: "plan".into(),
        value: TraitValue::Text("enterprise".into()),
        after_answer_days: days,
        after_close_days: None,
        after_snooze_days: None,
    };
    let mut good = WidgetConfig {
        cadence_overrides: vec![plan(Some(180))],
        sampling: Some(Sampling {
            target_margin: 5.0,
            per_moment: true,
        }),
        ..WidgetConfig::default()
    };
    check_asking(&mut good).unwrap();
    let cases = [
        (vec![plan(None)], None, "set after_answer_days"),
        (vec![plan(Some(9_999))], None, "at most"),
        (vec![plan(Some(1)), plan(Some(2))], None, "twice"),
        (Vec::new(), Some(0.0), "target_margin"),
        (Vec::new(), Some(f64::NAN), "target_margin"),
    ];
    for (overrides, margin, expected) in cases {
        let mut c = WidgetConfig {
            cadence_overrides: overrides,
            sampling: margin.map(|target_margin| Sampling {
                target_margin,
                per_moment: false,
            }),
            ..WidgetConfig::default()
        };
        let err = check_asking(&mut c).unwrap_err();
        assert!(
            err.message.contains(expected),
            "{:?} vs {expected}",
            err.message
        );
    }
}

#[test]
fn variant_ids_are_short_and_plain() {
    assert!(VariantId::try_from("short_question-2".to_owned()).is_ok());
    for bad in ["", "a b", "é", &"x".repeat(41)] {
        let err = VariantId::try_from(bad.to_owned()).unwrap_err();
        assert_eq!(err.code, "invalid_variant", "{bad:?}");
    }
}
