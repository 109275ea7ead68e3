//! The stored [`History`] (`nps:<key>:history`) and the anonymous id
//! (`nps:<key>:anon`).
//!
//! Stored form, written with `JSON.stringify` and read back field by field
//! (no serde deserialiser in the wasm):
//! `{"last_shown":ms,"last_outcome":"declined","snoozes":n,"seen":{event:ms},
//! "moments":{event:{"count":n,"last_shown":ms,"last_outcome":"answered"}},
//! "opted_out":ms,"carry":event,"carry_day":n}` (`opted_out` only once the
//! user chose "Don't ask me again"; `carry` and `carry_day`, the visitor's
//! day, only while a moment is carried to the next page view).
//! A garbled or missing value reads as "nothing remembered".

use js_sys::{Object, JSON};
use wasm_bindgen::JsValue;

use super::encode::set;
use super::read::{entries, number, text};
use super::storage;
use crate::rules::timing::{History, MomentHistory, Outcome};

fn set_opt(o: &Object, name: &str, ms: Option<f64>) {
    if let Some(ms) = ms {
        set(o, name, &JsValue::from_f64(ms));
    }
}

fn set_outcome(o: &Object, outcome: Option<Outcome>) {
    if let Some(x) = outcome {
        set(o, "last_outcome", &JsValue::from_str(x.as_str()));
    }
}

fn outcome(o: &JsValue) -> Option<Outcome> {
    Outcome::parse(&text(o, "last_outcome")?)
}

/// What this browser remembers for the project. Falls back on the first
/// release's `last_shown` key, so its cooldown survives the upgrade.
pub(crate) fn load(project_key: &str) -> History {
    let mut h = History::default();
    let Some(raw) = storage::get(&storage::item_key(project_key, "history")) else {
        h.last_shown_ms = storage::last_shown(project_key);
        return h;
    };
    let Ok(json) = JSON::parse(&raw) else {
        return h;
    };
    h.last_shown_ms = number(&json, "last_shown");
    h.last_outcome = outcome(&json);
    h.snoozes_in_row = number(&json, "snoozes").map_or(0, |n| n as u32);
    h.opted_out_ms = number(&json, "opted_out");
    h.carried = text(&json, "carry");
    h.carried_day = number(&json, "carry_day").unwrap_or_default();
    for (event, at) in entries(&json, "seen").unwrap_or_default() {
        if let Some(at) = at.as_f64().filter(|t| t.is_finite()) {
            h.last_seen_ms.push((event, at));
        }
    }
    for (event, m) in entries(&json, "moments").unwrap_or_default() {
        let record = MomentHistory {
            count: number(&m, "count").map_or(0, |n| n as u32),
            last_shown_ms: number(&m, "last_shown"),
            last_outcome: outcome(&m),
        };
        h.moments.push((event, record));
    }
    h
}

/// Writes `history` back.
pub(crate) fn save(project_key: &str, h: &History) {
    let o = Object::new();
    set_opt(&o, "last_shown", h.last_shown_ms);
    set_outcome(&o, h.last_outcome);
    set(&o, "snoozes", &JsValue::from(h.snoozes_in_row));
    set_opt(&o, "opted_out", h.opted_out_ms);
    if let Some(moment) = &h.carried {
        set(&o, "carry", &JsValue::from_str(moment));
        set(&o, "carry_day", &JsValue::from_f64(h.carried_day));
    }
    let seen = Object::new();
    for (event, at) in &h.last_seen_ms {
        set(&seen, event, &JsValue::from_f64(*at));
    }
    set(&o, "seen", &seen);
    let moments = Object::new();
    for (event, m) in &h.moments {
        let mo = Object::new();
        set(&mo, "count", &JsValue::from(m.count));
        set_opt(&mo, "last_shown", m.last_shown_ms);
        set_outcome(&mo, m.last_outcome);
        set(&moments, event, &mo);
    }
    set(&o, "moments", &moments);
    if let Some(json) = JSON::stringify(&o).ok().and_then(|s| s.as_string()) {
        storage::set(&storage::item_key(project_key, "history"), &json);
    }
}

/// This browser's anonymous id for the project, if one is stored; the
/// machine has a new one stored when it first needs it (sampling a user
/// who did not `identify`).
pub(crate) fn stored_anon_id(project_key: &str) -> Option<String> {
    storage::get(&storage::item_key(project_key, "anon")).filter(|id| !id.is_empty())
}
