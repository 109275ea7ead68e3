//! The widget's hand-written JSON readers and writers against
//! `nps-protocol`'s serde, in a real browser, so the two cannot drift.
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p nps-widget --target wasm32-unknown-unknown --test conformance
//! ```
//! The wasm reads the collector's documents (config, user history, problem)
//! and its own stored outbox field by field, and writes request bodies and
//! the outbox by hand (no serde in the wasm: it cost about a quarter of its
//! size). Here serde writes each value, the browser parses it, the widget
//! reads it, and the result must be the value itself; and what the widget
//! writes must be what serde writes.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use nps_protocol::{
    Appearance, CadenceOverride, CommentUpdate, EventKind, Experiment, Idle, Moment, MomentTexts,
    NewEvent, NewResponse, Problem, QuietPeriod, RecentTrait, TraitFilter, TraitValue, Traits,
    UserHistory, Variant, WidgetConfig,
};
use nps_widget::codec::{encode, outbox, read};
use nps_widget::rules::outbox::{Entry, Outbox, Request};
use nps_widget::rules::timing::RemoteHistory;
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// What serde writes for `value`, parsed by the browser.
fn parsed(value: &impl serde::Serialize) -> JsValue {
    js_sys::JSON::parse(&serde_json::to_string(value).unwrap()).unwrap()
}

/// What the widget wrote, read back as JSON.
fn written(object: &js_sys::Object) -> Value {
    let text = js_sys::JSON::stringify(object)
        .unwrap()
        .as_string()
        .unwrap();
    normalise(serde_json::from_str(&text).unwrap())
}

/// Numbers as `f64`: serde writes `1.0e12` where JavaScript writes `1e12`.
fn normalise(v: Value) -> Value {
    match v {
        Value::Number(n) => Value::from(n.as_f64().unwrap()),
        Value::Array(a) => Value::Array(a.into_iter().map(normalise).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, normalise(v))).collect()),
        other => other,
    }
}

fn serde_of(value: &impl serde::Serialize) -> Value {
    normalise(serde_json::to_value(value).unwrap())
}

fn traits() -> Traits {
    let mut t = Traits::new();
    t.insert("plan".into(), TraitValue::Text("pro".into()));
    t.insert("seats".into(), TraitValue::Number(12.5));
    t.insert("admin".into(), TraitValue::Bool(true));
    t
}

fn texts(question: &str) -> MomentTexts {
    MomentTexts {
        question: Some(question.into()),
        follow_up: Some("Why?".into()),
    }
}

/// A config with every field away from its default.
fn full_config() -> WidgetConfig {
    let mut filters = nps_protocol::Map::new();
    filters.insert(
        "plan".into(),
        TraitFilter::Equals(TraitValue::Text("pro".into())),
    );
    filters.insert(
        "seats".into(),
        TraitFilter::OneOf(vec![TraitValue::Number(5.0), TraitValue::Bool(false)]),
    );
    let mut moment_texts = BTreeMap::new();
    moment_texts.insert("en".into(), texts("Would you recommend the export?"));
    moment_texts.insert("fr".into(), texts("Recommanderiez-vous l’export ?"));
    WidgetConfig {
        key: "demo".into(),
        moments: vec![
            Moment {
                event: "export_done".into(),
                min_count: Some(3),
                days_since_signup: Some(7),
                traits: Some(filters),
                delay_seconds: Some(4),
                priority: Some(-2),
                texts: Some(moment_texts),
                days_after_response: Some(120),
                days_after_decline: Some(45),
                variants: vec![
                    Variant {
                        id: "control".into(),
                        weight: 1.0,
                        ..Variant::default()
                    },
                    Variant {
                        id: "later".into(),
                        weight: 2.5,
                        delay_ms: Some(1_500),
                        position: Some("bottom-left".into()),
                        idle: Some(Idle {
                            idle_ms: 800,
                            max_wait_ms: 20_000,
                            carry: Some(true),
                        }),
                    },
                ],
                experiment: Some(Experiment {
                    id: "timing-1".into(),
                }),
                idle: Some(Idle {
                    idle_ms: 2_000,
                    max_wait_ms: 9_000,
                    carry: None,
                }),
                paused_until: Some("2027-01-01T00:00:00+01:00".into()),
            },
            Moment {
                event: "onboarding_completed".into(),
                ..Moment::default()
            },
        ],
        days_after_prompt: 21,
        sampling_percent: 37.5,
        days_after_response: 100,
        days_after_decline: 40,
        days_after_snooze: 3,
        max_snoozes: 2,
        min_days_between_prompts: 21,
        quiet_after: vec![QuietPeriod {
            event: "support_ticket_opened".into(),
            hours: 48,
        }],
        exclude_if_recent: vec![RecentTrait {
            name: "last_incident_at".into(),
            days: 14,
        }],
        anonymous: true,
        respect_dnt: true,
        allowed_traits: vec!["plan".into(), "team".into()],
        appearance: Appearance {
            brand_color: Some("#0b5cad".into()),
            position: "center".into(),
            theme: "dark".into(),
        },
        pending_moment_days: 14,
        cadence_overrides: vec![CadenceOverride {
            name: "plan".into(),
            value: TraitValue::Text("enterprise".into()),
            after_answer_days: Some(180),
            after_close_days: None,
            after_snooze_days: Some(30),
        }],
    }
}

#[wasm_bindgen_test]
fn the_config_reads_back_as_serde_wrote_it() {
    for config in [full_config(), WidgetConfig::default()] {
        let json = parsed(&config);
        let read = read::widget_config(&json).expect("a config");
        // The moments' texts, the variants' positions and the project's
        // look are read by the lazily loaded module when a prompt opens,
        // from the config's JSON as it is.
        let mut expected = config.clone();
        for m in &mut expected.moments {
            m.texts = None;
            for v in &mut m.variants {
                v.position = None;
            }
        }
        expected.appearance = Appearance::default();
        // The collector's setting: the widget never reads it.
        expected.pending_moment_days = WidgetConfig::default().pending_moment_days;
        assert_eq!(read, expected);
    }
}

#[wasm_bindgen_test]
fn an_older_collectors_config_still_reads() {
    // The first release named the floor `days_after_prompt`; everything
    // else missing takes its default.
    let json =
        js_sys::JSON::parse(r#"{"key":"demo","moments":[],"days_after_prompt":12}"#).unwrap();
    let read = read::widget_config(&json).unwrap();
    assert_eq!(read.min_days_between_prompts, 12);
    assert_eq!(read.days_after_prompt, 12);
    assert_eq!(read.appearance, Appearance::default());
}

#[wasm_bindgen_test]
fn the_users_history_reads_back_as_serde_wrote_it() {
    let full = UserHistory {
        user_id: "u1".into(),
        last_shown_at: Some(1_767_225_600_000.0),
        last_answered_at: Some(1_767_225_700_000.0),
        last_declined_at: Some(1_767_225_800_000.0),
        last_snoozed_at: Some(1_767_225_900_000.0),
        last_opted_out_at: Some(1_767_226_000_000.0),
        pending: vec![
            nps_protocol::PendingMoment {
                moment: "ticket_solved".into(),
                at: 1_767_226_100_000.0,
            },
            nps_protocol::PendingMoment {
                moment: "support_contacted".into(),
                at: 1_767_226_200_000.0,
            },
        ],
        // The core reads only whether one waits.
        notices: vec![nps_protocol::Notice {
            id: "n1".into(),
            tag: "dark-mode".into(),
            text: "Dark mode shipped".into(),
            link: None,
        }],
    };
    let empty = UserHistory {
        user_id: "u2".into(),
        ..UserHistory::default()
    };
    for h in [full, empty] {
        let read = read::remote_history(&parsed(&h));
        let want = RemoteHistory {
            shown: h.last_shown_at,
            answered: h.last_answered_at,
            declined: h.last_declined_at,
            snoozed: h.last_snoozed_at,
            opted_out: h.last_opted_out_at,
            pending: h.pending.iter().map(|p| p.moment.clone()).collect(),
            notice: !h.notices.is_empty(),
        };
        assert_eq!(read, want);
    }
}

#[wasm_bindgen_test]
fn a_problem_reads_back() {
    let p = Problem {
        code: "invalid_score".into(),
        message: "score must be 0–10".into(),
    };
    assert_eq!(read::problem(&parsed(&p)), Some(p));
}

fn response(full: bool) -> NewResponse {
    NewResponse {
        variant: full.then(|| "short".into()),
        id: "01a20846-fe00-7d2a-9f3c-6f1e2d3c4b5a".into(),
        key: "demo".into(),
        score: 9,
        comment: full.then(|| "Great “export” <b>tool</b>".into()),
        user_id: full.then(|| "user-42".into()),
        user_hash: full.then(|| "c0ffee".into()),
        moment: full.then(|| "export_done".into()),
        traits: full.then(traits),
        locale: full.then(|| "fr".into()),
        url: full.then(|| "https://app.example/x?y=1".into()),
        secret: full.then(|| "0123456789abcdef0123456789abcdef".into()),
    }
}

fn event(kind: EventKind, full: bool) -> NewEvent {
    NewEvent {
        variant: full.then(|| "short".into()),
        id: "01a20846-fe00-7d2a-9f3c-6f1e2d3c4b5b".into(),
        key: "demo".into(),
        kind,
        moment: full.then(|| "export_done".into()),
        user_id: full.then(|| "user-42".into()),
        user_hash: full.then(|| "c0ffee".into()),
        notice: None,
    }
}

fn comment(full: bool) -> CommentUpdate {
    CommentUpdate {
        key: "demo".into(),
        comment: "Later thoughts".into(),
        secret: full.then(|| "0123456789abcdef0123456789abcdef".into()),
        user_hash: full.then(|| "c0ffee".into()),
    }
}

/// An outbox with every kind of entry, fields set and unset.
fn outbox() -> Outbox {
    let mut entries = Vec::new();
    for full in [true, false] {
        entries.push(Request::Response(response(full)));
        entries.push(Request::Comment {
            id: "01a20846-fe00-7d2a-9f3c-6f1e2d3c4b5a".into(),
            update: comment(full),
        });
        for kind in [
            EventKind::Shown,
            EventKind::Declined,
            EventKind::Snoozed,
            EventKind::OptedOut,
        ] {
            entries.push(Request::Event(event(kind, full)));
        }
    }
    Outbox {
        entries: entries
            .into_iter()
            .enumerate()
            .map(|(i, request)| Entry {
                request,
                attempts: i as u32,
                due: 1_767_225_600_000.0 + i as f64,
                lease: if i % 2 == 0 { 0.0 } else { 1_767_225_610_000.5 },
            })
            .collect(),
        dropped: 3,
    }
}

#[wasm_bindgen_test]
fn the_stored_outbox_reads_back_as_serde_wrote_it() {
    let o = outbox();
    assert_eq!(outbox::decode(&parsed(&o)), o);
}

#[wasm_bindgen_test]
fn the_outbox_and_request_bodies_are_written_as_serde_writes_them() {
    let o = outbox();
    assert_eq!(written(&encode::outbox(&o)), serde_of(&o));
    for full in [true, false] {
        let r = response(full);
        assert_eq!(written(&encode::response(&r)), serde_of(&r), "response");
        let c = comment(full);
        assert_eq!(written(&encode::comment(&c)), serde_of(&c), "comment");
        let e = event(EventKind::OptedOut, full);
        assert_eq!(written(&encode::event(&e)), serde_of(&e), "event");
    }
    // And what the widget wrote reads back.
    let text = js_sys::JSON::stringify(&encode::outbox(&o)).unwrap();
    let json = js_sys::JSON::parse(&text.as_string().unwrap()).unwrap();
    assert_eq!(outbox::decode(&json), o);
}
