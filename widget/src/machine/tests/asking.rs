//! Asking smarter: a moment's variants (the person's own, handed to the
//! prompt, recorded with what she does) and waiting for her to pause.

use nps_protocol::{Experiment, Idle, Variant};

use super::*;
use crate::rules::experiment::assign;

fn two_variants() -> WidgetConfig {
    let mut c = config(None);
    c.moments[0].experiment = Some(Experiment {
        id: "wording".into(),
        ..Experiment::default()
    });
    c.moments[0].variants = vec![
        Variant {
            id: "control".into(),
            weight: 1.0,
            ..Variant::default()
        },
        Variant {
            id: "short".into(),
            weight: 1.0,
            position: Some("bottom-left".into()),
            ..Variant::default()
        },
    ];
    c
}

fn pausing(idle_ms: u32, max_wait_ms: u32) -> WidgetConfig {
    let mut c = config(None);
    c.moments[0].idle = Some(Idle {
        idle_ms,
        max_wait_ms,
        carry: None,
    });
    c
}

/// Input every `every` ms for `for_ms`, the clock moving on with it.
fn busy(sim: &mut Sim, every: f64, for_ms: f64) {
    let end = sim.now + for_ms;
    while sim.now + every <= end {
        sim.advance(every);
        sim.world.last_input = Some(sim.now);
    }
}

#[test]
fn the_person_sees_her_variant_and_it_is_recorded_with_what_she_does() {
    let config = two_variants();
    // Someone whose anonymous id lands on the second variant.
    let person = (0..100)
        .map(|i| format!("anon-{i}"))
        .find(|id| assign(&config.moments[0], id) == Some(1))
        .unwrap();
    let mut sim = Sim::new(config);
    sim.world.anon_id = person;
    sim.feed(Event::Init(Init {
        key: "demo".into(),
        ..Init::default()
    }));
    sim.settle();
    let opened = sim.feed(Event::Track("checkout".into()));
    assert!(
        opened.iter().any(|e| matches!(e, Effect::LoadUi(..))),
        "{opened:?}"
    );
    sim.settle();
    let mounted = sim.log.iter().find_map(|e| match e {
        Effect::Mount(p) => Some(*p),
        _ => None,
    });
    // The ui reads the variant's texts and position from the config.
    assert_eq!(
        mounted.map(|p| (p.moment, p.variant)),
        Some((Some(0), Some(1)))
    );
    sim.feed(Event::Ui(UiEvent::Pick(9)));
    sim.advance(5_000.0);
    let variants: Vec<_> = sim
        .log
        .iter()
        .filter_map(|e| match e {
            Effect::Record(ev) => Some(ev.variant.clone()),
            Effect::Enqueue(Request::Response(r)) => Some(r.variant.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(variants.len(), 2, "{:?}", sim.log);
    assert!(variants.iter().all(|v| v.as_deref() == Some("short")));
}

#[test]
fn without_a_running_experiment_no_variant_is_recorded() {
    let mut config = two_variants();
    config.moments[0].experiment = None;
    let mut sim = Sim::started(config);
    sim.feed(Event::Track("checkout".into()));
    sim.settle();
    assert!(sim.mounted);
    assert!(sim
        .log
        .iter()
        .all(|e| !matches!(e, Effect::Record(ev) if ev.variant.is_some())));
}

#[test]
fn a_pausing_moment_waits_while_input_continues_then_prompts_once() {
    let mut sim = Sim::started(pausing(800, 60_000));
    let tracked = sim.feed(Event::Track("checkout".into()));
    assert!(tracked.contains(&Effect::WatchInput(true)), "{tracked:?}");
    busy(&mut sim, 300.0, 10_000.0);
    assert!(!sim.mounted, "no prompt while the user types");
    sim.advance(800.0);
    sim.settle();
    assert!(sim.mounted, "prompted once the user paused");
    assert!(sim.log.contains(&Effect::WatchInput(false)));
    // No second prompt however long the page stays.
    sim.feed(Event::Ui(UiEvent::Close));
    sim.advance(120_000.0);
    sim.settle();
    assert_eq!(count(&sim.log, |e| matches!(e, Effect::Mount(_))), 1);
}

#[test]
fn no_pause_within_the_wait_means_no_prompt() {
    let mut sim = Sim::started(pausing(1_000, 5_000));
    sim.feed(Event::Track("checkout".into()));
    busy(&mut sim, 300.0, 6_000.0);
    sim.advance(60_000.0);
    sim.settle();
    assert!(!sim.mounted);
    assert!(sim.log.contains(&Effect::WatchInput(false)));
}

#[test]
fn a_hidden_page_cancels_the_wait_and_its_listeners() {
    let mut sim = Sim::started(pausing(1_000, 60_000));
    sim.feed(Event::Track("checkout".into()));
    let hidden = sim.feed(Event::Hidden);
    assert!(hidden.contains(&Effect::WatchInput(false)), "{hidden:?}");
    sim.advance(10_000.0);
    sim.settle();
    assert!(!sim.mounted);
}

#[test]
fn a_moment_that_does_not_wait_for_a_pause_watches_no_input() {
    let mut sim = Sim::started(config(Some(2)));
    sim.feed(Event::Track("checkout".into()));
    sim.advance(3_000.0);
    sim.settle();
    assert!(sim.mounted);
    assert!(!sim.log.iter().any(|e| matches!(e, Effect::WatchInput(_))));
}
