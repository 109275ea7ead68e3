//! The wall clock, read only here so the rules can take time as an argument.

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// `Date.getTimezoneOffset()`: minutes from local time to UTC.
pub(crate) fn tz_offset_min() -> f64 {
    js_sys::Date::new_0().get_timezone_offset()
}
