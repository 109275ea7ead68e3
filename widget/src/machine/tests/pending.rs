//! Moments the host app's server sent (`pending` in the user's history):
//! decided like a `track` when the history arrives, one prompt at most.

use nps_protocol::QuietPeriod;

use super::*;
use crate::rules::timing::DAY_MS;

fn signed_in(sim: &mut Sim) {
    sim.feed(Event::Identify {
        user_id: Some("u1".into()),
        traits: Traits::new(),
        signature: Some("c0ffee".into()),
    });
    sim.settle();
}

fn pending(moments: &[&str]) -> RemoteHistory {
    RemoteHistory {
        pending: moments.iter().map(|m| (*m).to_owned()).collect(),
        ..RemoteHistory::default()
    }
}

/// The moments of the `shown` events recorded.
fn shown(sim: &Sim) -> Vec<Option<String>> {
    sim.log
        .iter()
        .filter_map(|e| match e {
            Effect::Record(event) if event.kind == EventKind::Shown => Some(event.moment.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_pending_moment_prompts_when_the_users_history_arrives() {
    let mut sim = Sim::started(config(None));
    sim.remote = pending(&["checkout"]);

    signed_in(&mut sim);

    assert!(sim.mounted);
    assert_eq!(shown(&sim), [Some("checkout".to_owned())]);
}

#[test]
fn several_pending_moments_open_one_prompt() {
    let mut sim = Sim::started(WidgetConfig {
        moments: vec![
            Moment {
                event: "checkout".into(),
                ..Moment::default()
            },
            Moment {
                event: "invoice_paid".into(),
                ..Moment::default()
            },
        ],
        ..config(None)
    });
    sim.remote = pending(&["invoice_paid", "checkout"]);

    signed_in(&mut sim);

    assert_eq!(shown(&sim), [Some("invoice_paid".to_owned())]);
}

#[test]
fn a_pending_moment_waits_out_the_cooldown_like_a_track() {
    let mut sim = Sim::started(config(None));
    sim.world
        .history
        .record_shown(Some("checkout"), T0 - DAY_MS);
    sim.remote = pending(&["checkout"]);

    signed_in(&mut sim);

    assert!(!sim.mounted, "shown yesterday: inside the floor");
    assert!(shown(&sim).is_empty());
}

#[test]
fn a_quiet_period_sent_by_the_server_keeps_this_device_quiet() {
    let mut sim = Sim::started(WidgetConfig {
        quiet_after: vec![QuietPeriod {
            event: "support_contacted".into(),
            hours: 24,
        }],
        ..config(None)
    });
    sim.remote = pending(&["support_contacted"]);
    signed_in(&mut sim);

    sim.feed(Event::Track("checkout".into()));
    sim.settle();

    assert!(
        !sim.mounted,
        "the server's support contact started a quiet period"
    );
    assert!(
        !sim.world
            .history
            .last_seen_ms
            .iter()
            .any(|(event, _)| event == "support_contacted"),
        "the server's moment is not stored as this browser's"
    );
}

#[test]
fn an_unconfigured_pending_moment_does_not_prompt() {
    let mut sim = Sim::started(config(None));
    sim.remote = pending(&["unknown_moment"]);

    signed_in(&mut sim);

    assert!(!sim.mounted);
}
