//! Reads the collector's JSON answers (already parsed by the browser) into
//! the `nps_protocol` types; the helpers also read the stored outbox.
//!
//! This is `Deserialize` by hand, on purpose: the derived impls driven by
//! `serde-wasm-bindgen` pulled in ~20 KB (brotli) of generic deserialising
//! code, error messages and float formatting for two small documents. The
//! field names below are those of the protocol types; the round-trip test
//! of those types lives in `nps-protocol`, and the end-to-end tests check
//! this reader against the real collector.

use js_sys::{Array, Reflect};
use nps_protocol::{Moment, Problem, TraitValue, WidgetConfig};
use wasm_bindgen::JsValue;

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

/// A [`WidgetConfig`]; `None` if a field is missing or has the wrong type.
pub(crate) fn widget_config(json: &JsValue) -> Option<WidgetConfig> {
    let days = field(json, "days_after_prompt")?.as_f64()?;
    if !(0.0..=f64::from(u32::MAX)).contains(&days) || days.fract() != 0.0 {
        return None;
    }
    let moments = field(json, "moments")?;
    if !Array::is_array(&moments) {
        return None;
    }
    let moments = Array::from(&moments)
        .iter()
        .map(|m| {
            Some(Moment {
                event: text(&m, "event")?,
                ..Moment::default()
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(WidgetConfig {
        key: text(json, "key")?,
        moments,
        days_after_prompt: days as u32,
        ..WidgetConfig::default()
    })
}

/// A [`Problem`] document from an error response.
pub(crate) fn problem(json: &JsValue) -> Option<Problem> {
    Some(Problem {
        code: text(json, "code")?,
        message: text(json, "message")?,
    })
}
