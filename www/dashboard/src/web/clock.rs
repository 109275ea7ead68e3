//! What the browser knows about time zones, through `Intl`: which day it
//! is now in a project's zone, an instant as a clock there reads it, the
//! zone names it can list, and its own zone. Thin on purpose: the date
//! logic is in [`crate::dates`].

use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::dates::{stamp_from_parts, Day};

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`, bound here with `catch`: its constructor
    /// throws a `RangeError` for a zone the browser does not know, which
    /// js-sys's binding would let through.
    #[wasm_bindgen(js_namespace = Intl)]
    type DateTimeFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
    fn new(locales: &str, options: &Object) -> Result<DateTimeFormat, JsValue>;

    /// Throws a `RangeError` for an invalid date.
    #[wasm_bindgen(method, js_name = formatToParts, catch)]
    fn format_to_parts(this: &DateTimeFormat, date: &Date) -> Result<Array, JsValue>;

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

/// The `(type, value)` parts of `date` in `zone`, with the clock too when
/// `clock`; `None` when the browser does not know the zone or the date is
/// invalid.
fn parts(date: &Date, zone: &str, clock: bool) -> Option<Vec<(String, String)>> {
    let options = Object::new();
    let mut fields = vec![
        ("timeZone", zone),
        ("year", "numeric"),
        ("month", "2-digit"),
        ("day", "2-digit"),
    ];
    if clock {
        fields.extend([
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("hourCycle", "h23"),
        ]);
    }
    for (k, v) in fields {
        let _ = Reflect::set(&options, &k.into(), &v.into());
    }
    // Gregorian calendar, Latin digits: numbers `Day` can read.
    let format = DateTimeFormat::new("en-US-u-ca-gregory-nu-latn", &options).ok()?;
    let parts = format.format_to_parts(date).ok()?;
    Some(
        parts
            .iter()
            .map(|p| (text(&p, "type"), text(&p, "value")))
            .collect(),
    )
}

/// Today in `zone` (an IANA name), or in UTC when the browser does not
/// know that zone.
pub(crate) fn today_in(zone: &str) -> Day {
    let now = Date::new_0();
    parts(&now, zone, false)
        .and_then(|p| Day::from_parts(p.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
        .unwrap_or_else(|| Day::from_millis(now.get_time()))
}

/// An RFC 3339 instant as `YYYY-MM-DD HH:MM` on a clock in `zone`; as
/// written (UTC, `T` made a space) when the browser cannot convert it.
pub(crate) fn local_stamp(instant: &str, zone: &str) -> String {
    let date = Date::new(&JsValue::from_str(instant));
    parts(&date, zone, true)
        .and_then(|p| stamp_from_parts(p.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
        .unwrap_or_else(|| instant.get(..16).unwrap_or(instant).replace('T', " "))
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
