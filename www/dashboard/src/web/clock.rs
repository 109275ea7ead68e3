//! What the browser knows about time zones, through `Intl`: which day it
//! is now in a project's zone, the zone names it can list, and its own
//! zone. Thin on purpose: the date logic is in [`crate::dates`].

use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::dates::Day;

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`, bound here with `catch`: its constructor
    /// throws a `RangeError` for a zone the browser does not know, which
    /// js-sys's binding would let through.
    #[wasm_bindgen(js_namespace = Intl)]
    type DateTimeFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
    fn new(locales: &str, options: &Object) -> Result<DateTimeFormat, JsValue>;

    #[wasm_bindgen(method, js_name = formatToParts)]
    fn format_to_parts(this: &DateTimeFormat, date: &Date) -> Array;

    #[wasm_bindgen(method, js_name = resolvedOptions)]
    fn resolved_options(this: &DateTimeFormat) -> Object;

    /// `Intl.supportedValuesOf`, absent before 2022: `catch` turns the
    /// `TypeError` into an empty list.
    #[wasm_bindgen(js_namespace = Intl, js_name = supportedValuesOf, catch)]
    fn supported_values_of(key: &str) -> Result<Array, JsValue>;
}

fn text(object: &JsValue, key: &str) -> String {
    Reflect::get(object, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Today in `zone` (an IANA name), or in UTC when the browser does not
/// know that zone.
pub(crate) fn today_in(zone: &str) -> Day {
    let now = Date::new_0();
    let utc = || Day::from_millis(now.get_time());
    let options = Object::new();
    for (k, v) in [
        ("timeZone", zone),
        ("year", "numeric"),
        ("month", "2-digit"),
        ("day", "2-digit"),
    ] {
        let _ = Reflect::set(&options, &k.into(), &v.into());
    }
    // Gregorian calendar, Latin digits: numbers `Day` can read.
    let Ok(format) = DateTimeFormat::new("en-US-u-ca-gregory-nu-latn", &options) else {
        return utc();
    };
    let parts: Vec<(String, String)> = format
        .format_to_parts(&now)
        .iter()
        .map(|p| (text(&p, "type"), text(&p, "value")))
        .collect();
    Day::from_parts(parts.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap_or_else(utc)
}

/// The zone names the browser can list (empty when it cannot).
pub(crate) fn supported_zones() -> Vec<String> {
    supported_values_of("timeZone")
        .map(|names| names.iter().filter_map(|n| n.as_string()).collect())
        .unwrap_or_default()
}

/// The browser's own zone (`Europe/Paris`), if it says.
pub(crate) fn browser_zone() -> Option<String> {
    let format = DateTimeFormat::new("en-US", &Object::new()).ok()?;
    Some(text(&format.resolved_options(), "timeZone")).filter(|z| !z.is_empty())
}
