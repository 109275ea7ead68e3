//! Reads the collector's JSON answers (already parsed by the browser) into
//! the `nps_protocol` types; the helpers also read the stored outbox.
//!
//! This is `Deserialize` by hand, on purpose: the derived impls driven by
//! `serde-wasm-bindgen` pulled in ~20 KB (brotli) of generic deserialising
//! code, error messages and float formatting for two small documents. The
//! field names below are those of the protocol types; the round-trip test
//! of those types lives in `nps-protocol`, and the end-to-end tests check
//! this reader against the real collector.

use js_sys::{Array, Object, Reflect};
use nps_protocol::{
    Appearance, CadenceOverride, Experiment, Idle, Map, Moment, Problem, QuietPeriod, RecentTrait,
    TraitFilter, TraitValue, Variant, WidgetConfig,
};
use wasm_bindgen::JsValue;

use crate::rules::timing::RemoteHistory;

/// Property `name` of `object`; `None` if `object` is not an object.
pub(crate) fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    if !object.is_object() {
        return None;
    }
    Reflect::get(object, &JsValue::from_str(name)).ok()
}

/// A string property.
pub(crate) fn text(object: &JsValue, name: &str) -> Option<String> {
    field(object, name)?.as_string()
}

/// A finite number property.
pub(crate) fn number(object: &JsValue, name: &str) -> Option<f64> {
    field(object, name)?.as_f64().filter(|n| n.is_finite())
}

/// A trait value: a string, a boolean or a finite number.
pub(crate) fn trait_value(v: &JsValue) -> Option<TraitValue> {
    if let Some(s) = v.as_string() {
        Some(TraitValue::Text(s))
    } else if let Some(b) = v.as_bool() {
        Some(TraitValue::Bool(b))
    } else {
        v.as_f64().filter(|n| n.is_finite()).map(TraitValue::Number)
    }
}

/// A boolean property; `false` if absent or not a boolean.
fn flag(object: &JsValue, name: &str) -> bool {
    field(object, name)
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// A whole number property in `0..=u32::MAX`.
fn count(object: &JsValue, name: &str) -> Option<u32> {
    number(object, name)
        .filter(|n| (0.0..=f64::from(u32::MAX)).contains(n) && n.fract() == 0.0)
        .map(|n| n as u32)
}

/// The elements of an array property (empty if absent or not an array).
fn list(object: &JsValue, name: &str) -> Vec<JsValue> {
    match field(object, name) {
        Some(a) if Array::is_array(&a) => Array::from(&a).iter().collect(),
        _ => Vec::new(),
    }
}

/// `(name, value)` pairs of an object property, if it is an object.
pub(crate) fn entries(object: &JsValue, name: &str) -> Option<Vec<(String, JsValue)>> {
    let map = field(object, name).filter(JsValue::is_object)?;
    let pairs = Object::entries(&Object::from(map))
        .iter()
        .filter_map(|e| {
            let e = Array::from(&e);
            Some((e.get(0).as_string()?, e.get(1)))
        })
        .collect();
    Some(pairs)
}

fn trait_filter(v: &JsValue) -> Option<TraitFilter> {
    if Array::is_array(v) {
        let values = Array::from(v)
            .iter()
            .map(|x| trait_value(&x))
            .collect::<Option<_>>()?;
        return Some(TraitFilter::OneOf(values));
    }
    trait_value(v).map(TraitFilter::Equals)
}

/// A moment's or a variant's wait for a pause.
fn idle(object: &JsValue) -> Option<Idle> {
    let i = field(object, "idle")?;
    Some(Idle {
        idle_ms: count(&i, "idle_ms")?,
        max_wait_ms: count(&i, "max_wait_ms")?,
        carry: field(&i, "carry").and_then(|c| c.as_bool()),
    })
}

/// A moment's variants, without their texts and position (read by the
/// lazily loaded module when a prompt opens). Loops rather than iterator
/// chains: they weigh less in the wasm.
fn variants(m: &JsValue) -> Vec<Variant> {
    let mut out = Vec::new();
    for v in &list(m, "variants") {
        if let (Some(id), Some(weight)) = (text(v, "id"), number(v, "weight")) {
            out.push(Variant {
                id,
                weight,
                delay_ms: count(v, "delay_ms"),
                position: None,
                idle: idle(v),
            });
        }
    }
    out
}

/// The project's cooldowns per trait value.
fn cadence_overrides(json: &JsValue) -> Vec<CadenceOverride> {
    let mut out = Vec::new();
    for o in &list(json, "cadence_overrides") {
        let value = field(o, "value").and_then(|v| trait_value(&v));
        if let (Some(name), Some(value)) = (text(o, "trait"), value) {
            out.push(CadenceOverride {
                name,
                value,
                after_answer_days: count(o, "after_answer_days"),
                after_close_days: count(o, "after_close_days"),
                after_snooze_days: count(o, "after_snooze_days"),
            });
        }
    }
    out
}

fn moment(m: &JsValue) -> Option<Moment> {
    // Inserted one by one: `collect` into a map sorts first, and a sort
    // instance costs kilobytes of wasm.
    let traits = entries(m, "traits").map(|pairs| {
        let mut map = Map::new();
        for (k, v) in pairs {
            if let Some(f) = trait_filter(&v) {
                map.insert(k, f);
            }
        }
        map
    });
    let experiment = field(m, "experiment").and_then(|e| {
        Some(Experiment {
            id: text(&e, "id")?,
        })
    });
    Some(Moment {
        paused_until: text(m, "paused_until"),
        variants: variants(m),
        experiment,
        idle: idle(m),
        event: text(m, "event")?,
        min_count: count(m, "min_count"),
        days_since_signup: count(m, "days_since_signup"),
        traits,
        delay_seconds: count(m, "delay_seconds"),
        priority: number(m, "priority").map(|p| p as i32),
        // Read by the lazily loaded module when a prompt opens: a map of them here
        // would cost over a kilobyte of wasm.
        texts: None,
        days_after_response: count(m, "days_after_response"),
        days_after_decline: count(m, "days_after_decline"),
    })
}

/// A [`WidgetConfig`]; `None` if `key` or a moment's `event` is missing.
/// Other fields missing or malformed take their defaults, so an older
/// collector's config still reads (its `days_after_prompt` is the floor).
pub fn widget_config(json: &JsValue) -> Option<WidgetConfig> {
    let d = WidgetConfig::default();
    let moments = list(json, "moments")
        .iter()
        .map(moment)
        .collect::<Option<Vec<_>>>()?;
    let legacy_floor = count(json, "days_after_prompt");
    let floor = count(json, "min_days_between_prompts")
        .or(legacy_floor)
        .unwrap_or(d.min_days_between_prompts);
    let quiet_after = list(json, "quiet_after")
        .iter()
        .filter_map(|q| {
            Some(QuietPeriod {
                event: text(q, "event")?,
                hours: count(q, "hours")?,
            })
        })
        .collect();
    let exclude_if_recent = list(json, "exclude_if_recent")
        .iter()
        .filter_map(|r| {
            Some(RecentTrait {
                name: text(r, "trait")?,
                days: count(r, "days")?,
            })
        })
        .collect();
    let allowed_traits = list(json, "allowed_traits")
        .iter()
        .filter_map(JsValue::as_string)
        .collect();
    Some(WidgetConfig {
        key: text(json, "key")?,
        moments,
        days_after_prompt: floor,
        sampling_percent: number(json, "sampling_percent")
            .map_or(d.sampling_percent, |p| p.clamp(0.0, 100.0)),
        days_after_response: count(json, "days_after_response").unwrap_or(d.days_after_response),
        days_after_decline: count(json, "days_after_decline").unwrap_or(d.days_after_decline),
        days_after_snooze: count(json, "days_after_snooze").unwrap_or(d.days_after_snooze),
        max_snoozes: count(json, "max_snoozes").unwrap_or(d.max_snoozes),
        min_days_between_prompts: floor,
        quiet_after,
        exclude_if_recent,
        anonymous: flag(json, "anonymous"),
        respect_dnt: flag(json, "respect_dnt"),
        allowed_traits,
        // Read by the lazily loaded module from the config's JSON, with
        // the moments' texts, when a prompt opens.
        appearance: Appearance::default(),
        // The collector's business: never read here.
        pending_moment_days: d.pending_moment_days,
        cadence_overrides: cadence_overrides(json),
    })
}

/// The collector's `UserHistory` (Unix ms, or `null`).
pub fn remote_history(json: &JsValue) -> RemoteHistory {
    RemoteHistory {
        shown: number(json, "last_shown_at"),
        answered: number(json, "last_answered_at"),
        declined: number(json, "last_declined_at"),
        snoozed: number(json, "last_snoozed_at"),
        opted_out: number(json, "last_opted_out_at"),
        pending: pending(json),
        // Only whether one waits: the lazy module reads them (in its
        // language) when it shows one.
        notice: !list(json, "notices").is_empty(),
    }
}

/// The names of `pending: [{moment, at}]` (the rules need no more); a
/// loop, which weighs less in the wasm than an iterator chain.
fn pending(json: &JsValue) -> Vec<String> {
    let mut names = Vec::new();
    for p in &list(json, "pending") {
        if let Some(name) = text(p, "moment") {
            names.push(name);
        }
    }
    names
}

/// A [`Problem`] document from an error response.
pub fn problem(json: &JsValue) -> Option<Problem> {
    Some(Problem {
        code: text(json, "code")?,
        message: text(json, "message")?,
    })
}
