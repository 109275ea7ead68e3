use nps_protocol::{Experiment, Idle, Moment, Variant};
use proptest::prelude::*;

use super::*;

fn variant(id: &str, weight: f64) -> Variant {
    Variant {
        id: id.into(),
        weight,
        ..Variant::default()
    }
}

fn moment(weights: &[f64]) -> Moment {
    Moment {
        event: "done".into(),
        variants: weights
            .iter()
            .enumerate()
            .map(|(i, w)| variant(&format!("v{i}"), *w))
            .collect(),
        experiment: Some(Experiment {
            id: "exp-1".into(),
            ..Experiment::default()
        }),
        ..Moment::default()
    }
}

#[test]
fn a_moment_without_variants_assigns_none() {
    assert_eq!(assign(&Moment::default(), "u1"), None);
}

#[test]
fn a_new_experiment_id_reshuffles() {
    let a = moment(&[1.0, 1.0]);
    let mut b = a.clone();
    b.experiment = Some(Experiment {
        id: "exp-2".into(),
        ..Experiment::default()
    });
    let moved = (0..200)
        .filter(|i| assign(&a, &format!("u{i}")) != assign(&b, &format!("u{i}")))
        .count();
    assert!(moved > 50, "{moved} of 200 moved");
}

#[test]
fn a_zero_weight_variant_gets_nobody() {
    let m = moment(&[1.0, 0.0, 1.0]);
    assert!((0..2_000).all(|i| assign(&m, &format!("p{i}")) != Some(1)));
}

#[test]
fn the_wait_takes_the_variant_over_the_moment() {
    let idle = Idle {
        idle_ms: 800,
        max_wait_ms: 10_000,
        carry: None,
    };
    let mut m = moment(&[1.0, 1.0]);
    m.delay_seconds = Some(2);
    m.variants[1].delay_ms = Some(500);
    m.variants[1].idle = Some(idle);
    assert_eq!(
        Wait::of(&m, Some(0)),
        Wait {
            delay_ms: 2_000,
            idle: None
        }
    );
    assert_eq!(
        Wait::of(&m, Some(1)),
        Wait {
            delay_ms: 500,
            idle: Some(idle)
        }
    );
    assert!(!Wait::of(&Moment::default(), None).waits());
}

#[test]
fn the_variant_is_recorded_only_while_its_experiment_runs() {
    let mut m = moment(&[1.0, 1.0]);
    assert_eq!(recorded(&m, Some(1)), Some("v1".into()));
    assert_eq!(recorded(&m, None), None);
    m.experiment = None;
    assert_eq!(recorded(&m, Some(1)), None);
}

proptest! {
    /// The same person always gets the same variant, and one that exists.
    #[test]
    fn assignment_is_deterministic_and_sticky(
        person in ".{0,40}",
        weights in proptest::collection::vec(0.01f64..10.0, 1..5),
    ) {
        let m = moment(&weights);
        let first = assign(&m, &person);
        prop_assert!(first.is_some_and(|i| i < weights.len()));
        prop_assert_eq!(first, assign(&m, &person));
        prop_assert_eq!(first, assign(&m.clone(), &person));
    }

    /// Over many ids each variant's share stays within five standard
    /// deviations of its weight's (a binomial tolerance).
    #[test]
    fn assignment_follows_the_weights(
        weights in proptest::collection::vec(0.2f64..5.0, 2..4),
        salt in "[a-z0-9]{0,8}",
    ) {
        let m = moment(&weights);
        let n = 4_000usize;
        let mut counts = vec![0usize; weights.len()];
        for i in 0..n {
            // Ids as apps make them: numbered, or UUID-like.
            let id = if i % 2 == 0 { format!("{salt}user-{i}") } else { format!("{i:08x}-7f3a-4c1e-9d2b-{salt}") };
            counts[assign(&m, &id).unwrap()] += 1;
        }
        let total: f64 = weights.iter().sum();
        for (count, w) in counts.iter().zip(&weights) {
            let p = w / total;
            let sd = (n as f64 * p * (1.0 - p)).sqrt();
            let expected = n as f64 * p;
            prop_assert!((*count as f64 - expected).abs() <= 5.0 * sd + 1.0,
                "{count} of {n} for weight {w} (expected {expected:.0} ± {:.0})", 5.0 * sd);
        }
    }
}
