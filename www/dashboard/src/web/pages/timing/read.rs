//! The timing form read back into the rules: every field the page edits,
//! over the rules as saved, so that what it does not edit (a moment's
//! texts, variants, experiment) is sent back unchanged.

use nps_protocol::WidgetConfig;
use web_sys::FormData;

use super::{asking, moment, number, FieldErrors};
use crate::form_lists;

/// The rules as typed; problems found before sending go into `errors`.
pub(super) fn read(
    data: &FormData,
    keys: &[usize],
    original: &WidgetConfig,
    t: &'static crate::i18n::Texts,
    errors: &mut FieldErrors,
) -> WidgetConfig {
    let text = |n: &str| data.get(n).as_string().unwrap_or_default();
    let mut c = original.clone();
    c.moments = keys
        .iter()
        .filter_map(|k| moment::read(data, *k, original, t, errors))
        .collect();
    let raw = text("sampling_percent").trim().replace(',', ".");
    match raw.parse::<f64>() {
        Ok(v) => c.sampling_percent = v,
        Err(_) => drop(errors.insert("sampling_percent".into(), t.bad_line.into())),
    }
    for (name, slot) in [
        ("min_days_between_prompts", &mut c.min_days_between_prompts),
        ("days_after_response", &mut c.days_after_response),
        ("days_after_decline", &mut c.days_after_decline),
        ("days_after_snooze", &mut c.days_after_snooze),
        ("max_snoozes", &mut c.max_snoozes),
    ] {
        if let Some(v) = number(data, name, errors, t.bad_line) {
            *slot = v;
        }
    }
    c.days_after_prompt = c.min_days_between_prompts;
    match form_lists::parse_quiet(&text("quiet_after")) {
        Ok(q) => c.quiet_after = q,
        Err(line) => drop(errors.insert("quiet_after".into(), format!("{} ({line})", t.bad_line))),
    }
    match form_lists::parse_exclusions(&text("exclude_if_recent")) {
        Ok(x) => c.exclude_if_recent = x,
        Err(line) => drop(errors.insert(
            "exclude_if_recent".into(),
            format!("{} ({line})", t.bad_line),
        )),
    }
    c.respect_dnt = data.get("respect_dnt").as_string().is_some();
    c.anonymous = data.get("anonymous").as_string().is_some();
    c.allowed_traits = form_lists::parse_list(&text("allowed_traits"));
    asking::read(data, &mut c, t.bad_line, errors);
    c
}
