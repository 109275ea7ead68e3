//! One moment of the timing form: its event, conditions and own clocks.

use nps_protocol::{Moment, WidgetConfig};
use web_sys::FormData;
use yew::prelude::*;

use super::{number, FieldErrors};
use crate::form_lists;
use crate::web::ctx::use_ctx;

/// Props of [`MomentFields`].
#[derive(Properties, PartialEq)]
pub(crate) struct MomentFieldsProps {
    /// Stable key of the row (names its inputs).
    pub(crate) id: usize,
    /// The moment as saved; `None` for a new one.
    pub(crate) moment: Option<Moment>,
    /// The collector's refusal naming this moment.
    pub(crate) error: Option<String>,
    /// Errors found before sending, by input name.
    pub(crate) errors: FieldErrors,
    pub(crate) on_remove: Callback<usize>,
}

const NUMBERS: [&str; 6] = [
    "min_count",
    "days_since_signup",
    "delay_seconds",
    "priority",
    "days_after_response",
    "days_after_decline",
];

fn value(m: &Moment, field: &str) -> String {
    let v = match field {
        "min_count" => m.min_count,
        "days_since_signup" => m.days_since_signup,
        "delay_seconds" => m.delay_seconds,
        "priority" => return m.priority.map(|p| p.to_string()).unwrap_or_default(),
        "days_after_response" => m.days_after_response,
        "days_after_decline" => m.days_after_decline,
        _ => None,
    };
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The fieldset of one moment.
#[function_component]
pub(crate) fn MomentFields(props: &MomentFieldsProps) -> Html {
    let t = use_ctx().t();
    let m = props.moment.clone().unwrap_or_default();
    let id = props.id;
    let labels = [
        t.min_count,
        t.days_since_signup,
        t.delay_seconds,
        t.priority,
        t.moment_days_after_response,
        t.moment_days_after_decline,
    ];
    let remove = {
        let on_remove = props.on_remove.clone();
        Callback::from(move |_| on_remove.emit(id))
    };
    let error_id = format!("m-{id}-error");
    let legend = if m.event.is_empty() {
        t.moment.to_owned()
    } else {
        format!("{} {}", t.moment, m.event)
    };
    html! {
        <fieldset class="moment" aria-describedby={props.error.is_some().then(|| error_id.clone())}>
            <legend>{ legend }</legend>
            if let Some(e) = &props.error { <p class="field-error" id={error_id.clone()} role="alert">{ e.clone() }</p> }
            <div class="form-grid">
                <div class="field">
                    <label for={format!("m-{id}-event")}>{ t.event }</label>
                    <input id={format!("m-{id}-event")} name={format!("m-{id}-event")} type="text" required=true
                        value={m.event.clone()} aria-invalid={props.error.is_some().then_some("true")} />
                </div>
                { for NUMBERS.iter().zip(labels).map(|(field, label)| {
                    let name = format!("m-{id}-{field}");
                    let error = props.errors.get(&name).cloned();
                    html! {
                        <div class="field">
                            <label for={name.clone()}>{ label }</label>
                            <input id={name.clone()} name={name.clone()} type="text" inputmode="numeric" value={value(&m, field)}
                                aria-invalid={error.is_some().then_some("true")} />
                            if let Some(e) = error { <p class="field-error">{ e }</p> }
                        </div>
                    }
                }) }
            </div>
            <div class="field">
                <label for={format!("m-{id}-traits")}>{ t.trait_conditions }</label>
                <textarea id={format!("m-{id}-traits")} name={format!("m-{id}-traits")} rows="2"
                    value={form_lists::format_traits(m.traits.as_ref())} />
                if let Some(e) = props.errors.get(&format!("m-{id}-traits")) { <p class="field-error">{ e.clone() }</p> }
            </div>
            <div class="actions"><button type="button" class="danger" onclick={remove}>{ t.remove_moment }</button></div>
        </fieldset>
    }
}

/// The moment of row `id` as typed, keeping the texts it had (edited on
/// the Look page); `None` when its event is blank.
pub(crate) fn read(
    data: &FormData,
    id: usize,
    original: &WidgetConfig,
    t: &'static crate::i18n::Texts,
    errors: &mut FieldErrors,
) -> Option<Moment> {
    let event = data
        .get(&format!("m-{id}-event"))
        .as_string()?
        .trim()
        .to_owned();
    if event.is_empty() {
        return None;
    }
    let n = |field: &str, errors: &mut FieldErrors| {
        number(data, &format!("m-{id}-{field}"), errors, t.bad_line)
    };
    let priority_name = format!("m-{id}-priority");
    let priority_raw = data.get(&priority_name).as_string().unwrap_or_default();
    let priority = match priority_raw.trim() {
        "" => None,
        raw => raw
            .parse::<i32>()
            .map_err(|_| errors.insert(priority_name, t.bad_line.into()))
            .ok(),
    };
    let traits_name = format!("m-{id}-traits");
    let traits = form_lists::parse_traits(&data.get(&traits_name).as_string().unwrap_or_default())
        .map_err(|line| errors.insert(traits_name, format!("{} ({line})", t.bad_line)))
        .ok()
        .flatten();
    // What this form does not edit (texts, experiments, the idle rule)
    // is kept as it was, so saving the timing page never drops them.
    let kept = original
        .moments
        .iter()
        .find(|m| m.event == event)
        .cloned()
        .unwrap_or_default();
    Some(Moment {
        min_count: n("min_count", errors),
        days_since_signup: n("days_since_signup", errors),
        delay_seconds: n("delay_seconds", errors),
        priority,
        days_after_response: n("days_after_response", errors),
        days_after_decline: n("days_after_decline", errors),
        traits,
        event,
        paused_until: None,
        ..kept
    })
}
