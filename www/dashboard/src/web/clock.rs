//! What the browser knows about dates and time zones, through `Intl`:
//! which day it is now in a project's zone, a date or an instant written
//! in the reader's language (on a clock in the project's zone), the zone
//! names it can list, and its own zone. Thin on purpose: the date logic is
//! in [`crate::dates`], the choice of format in [`crate::i18n::Shown`]'s
//! module.

use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::dates::{utc_stamp, Day};
use crate::i18n::{iso_fallback, Lang, Shown};

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

    /// Throws a `RangeError` for an invalid date.
    #[wasm_bindgen(method, catch)]
    fn format(this: &DateTimeFormat, date: &Date) -> Result<String, JsValue>;

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

/// The `(type, value)` parts of `date`'s day in `zone`; `None` when the
/// browser does not know the zone or the date is invalid.
fn parts(date: &Date, zone: &str) -> Option<Vec<(String, String)>> {
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
    parts(&now, zone)
        .and_then(|p| Day::from_parts(p.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
        .unwrap_or_else(|| Day::from_millis(now.get_time()))
}

/// `date` as `lang` writes what `shown` keeps of it, on a clock in
/// `zone`; `None` when the browser does not know the zone or the date is
/// invalid.
fn written(lang: Lang, date: &Date, zone: &str, shown: Shown) -> Option<String> {
    let format = lang.date_format(shown, zone);
    let options = Object::new();
    for (k, v) in &format.options {
        let _ = Reflect::set(&options, &(*k).into(), &v.as_str().into());
    }
    DateTimeFormat::new(format.locale, &options)
        .ok()?
        .format(date)
        .ok()
}

/// An RFC 3339 instant in `lang` ("Dec 7, 2026, 5:43 PM"), on a clock in
/// `zone`; as written (ISO) when the browser cannot convert it.
pub(crate) fn show_instant(lang: Lang, instant: &str, zone: &str, shown: Shown) -> String {
    let date = Date::new(&JsValue::from_str(instant));
    written(lang, &date, zone, shown).unwrap_or_else(|| iso_fallback(instant, shown))
}

/// A Unix time in milliseconds, as the admin API gives some, in `lang` on
/// a clock in `zone`; ISO in UTC when the browser cannot convert it.
pub(crate) fn show_unix_ms(lang: Lang, ms: i64, zone: &str, shown: Shown) -> String {
    // Milliseconds since 1970 fit a f64 exactly until the year 285,616.
    #[allow(clippy::cast_precision_loss)]
    let date = Date::new(&JsValue::from_f64(ms as f64));
    written(lang, &date, zone, shown).unwrap_or_else(|| iso_fallback(&utc_stamp(ms), shown))
}

/// A civil day in `lang` ("7 déc. 2026"): its midnight in UTC, written in
/// UTC, so no zone moves it to the day before.
pub(crate) fn show_day(lang: Lang, day: Day) -> String {
    show_unix_ms(lang, day.unix_ms(), "UTC", Shown::Day)
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
