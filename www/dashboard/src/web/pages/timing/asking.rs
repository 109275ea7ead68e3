//! Asking smarter on the timing form: the cooldowns per segment, a row
//! each (added and removed here, read back by name in form order), and
//! the target margin that pauses prompting for the month.

use nps_protocol::{CadenceOverride, Sampling, WidgetConfig};
use web_sys::FormData;
use yew::prelude::*;

use super::FieldErrors;
use crate::asking_form::{parse_cadence, parse_margin, Row};
use crate::form_lists::trait_value;
use crate::i18n::Lang;
use crate::web::ctx::use_ctx;

/// The inputs of a row, in [`Row`]'s order.
const COLUMNS: [&str; 5] = [
    "cadence_trait",
    "cadence_value",
    "cadence_answer",
    "cadence_close",
    "cadence_snooze",
];

/// Props of [`CadenceFields`].
#[derive(Properties, PartialEq)]
pub(super) struct CadenceFieldsProps {
    /// The overrides as saved.
    pub(super) overrides: Vec<CadenceOverride>,
    /// A problem with them, found here or by the collector.
    pub(super) error: Option<String>,
}

/// The segments' fieldset.
#[function_component]
pub(super) fn CadenceFields(props: &CadenceFieldsProps) -> Html {
    let a = use_ctx().lang.asking();
    let keys = use_state(|| (0..props.overrides.len()).collect::<Vec<usize>>());
    let next = use_mut_ref(|| props.overrides.len());
    {
        // Saved again (or reloaded): the rows follow the saved list.
        let (keys, next) = (keys.clone(), next.clone());
        use_effect_with(props.overrides.len(), move |n| {
            keys.set((0..*n).collect());
            *next.borrow_mut() = *n;
        });
    }
    let add = {
        let (keys, next) = (keys.clone(), next.clone());
        Callback::from(move |_| {
            let mut k = (*keys).clone();
            k.push(*next.borrow());
            *next.borrow_mut() += 1;
            keys.set(k);
        })
    };
    let remove = |key: usize| {
        let keys = keys.clone();
        Callback::from(move |_| keys.set(keys.iter().copied().filter(|k| *k != key).collect()))
    };
    html! {
        <fieldset class="cadence" aria-describedby={props.error.is_some().then_some("cadence-error")}>
            <legend>{ a.cadence_title }</legend>
            <p class="muted">{ a.cadence_intro }</p>
            if let Some(e) = &props.error { <p class="field-error" id="cadence-error" role="alert">{ e.clone() }</p> }
            { for keys.iter().map(|k| html! {
                <div class="form-grid cadence-row" key={*k}>
                    { for cells(props.overrides.get(*k)).into_iter().enumerate().map(|(i, value)| {
                        let id = format!("c-{k}-{i}");
                        let label = [a.trait_name, a.trait_value, a.after_answer, a.after_close, a.after_snooze][i];
                        html! {
                            <div class="field">
                                <label for={id.clone()}>{ label }</label>
                                <input {id} name={COLUMNS[i]} type="text" {value}
                                    inputmode={(i > 1).then_some("numeric")} />
                            </div>
                        }
                    }) }
                    <div class="actions"><button type="button" onclick={remove(*k)}>{ a.remove_segment }</button></div>
                </div>
            }) }
            <div class="actions"><button type="button" onclick={add}>{ a.add_segment }</button></div>
        </fieldset>
    }
}

/// A saved override as its row's texts (a new row: all empty).
fn cells(o: Option<&CadenceOverride>) -> Row {
    let Some(o) = o else {
        return Row::default();
    };
    let days = |d: Option<u32>| d.map(|d| d.to_string()).unwrap_or_default();
    [
        o.name.clone(),
        trait_value(&o.value),
        days(o.after_answer_days),
        days(o.after_close_days),
        days(o.after_snooze_days),
    ]
}

/// The target margin and whether moments count apart.
pub(super) fn sampling_fields(
    lang: Lang,
    sampling: Option<Sampling>,
    error: Option<String>,
) -> Html {
    let a = lang.asking();
    let value = sampling
        .map(|s| s.target_margin.to_string())
        .unwrap_or_default();
    let per_moment = sampling.is_some_and(|s| s.per_moment);
    html! {
        <fieldset class="precision">
            <legend>{ a.precision_title }</legend>
            <p class="muted">{ a.precision_intro }</p>
            <div class="form-grid"><div class="field">
                <label for="t-target_margin">{ a.target_margin }</label>
                <input id="t-target_margin" name="target_margin" type="text" inputmode="decimal" {value}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.is_some().then_some("t-target_margin-error")} />
                if let Some(e) = error { <p class="field-error" id="t-target_margin-error">{ e }</p> }
            </div></div>
            <div class="check"><input id="t-per_moment" name="per_moment" type="checkbox" checked={per_moment} /><label for="t-per_moment">{ a.per_moment }</label></div>
        </fieldset>
    }
}

/// Reads the segments and the target into `c`; problems go into `errors`
/// under `cadence_overrides` and `target_margin`.
pub(super) fn read(data: &FormData, c: &mut WidgetConfig, bad: &str, errors: &mut FieldErrors) {
    let columns = COLUMNS.map(|name| {
        data.get_all(name)
            .iter()
            .map(|v| v.as_string().unwrap_or_default())
            .collect::<Vec<String>>()
    });
    let rows: Vec<Row> = (0..columns[0].len())
        .map(|i| std::array::from_fn(|col| columns[col].get(i).cloned().unwrap_or_default()))
        .collect();
    match parse_cadence(&rows) {
        Ok(list) => c.cadence_overrides = list,
        Err(row) => drop(errors.insert("cadence_overrides".into(), format!("{bad} ({row})"))),
    }
    let raw = data.get("target_margin").as_string().unwrap_or_default();
    match parse_margin(&raw) {
        Ok(margin) => {
            c.sampling = margin.map(|target_margin| Sampling {
                target_margin,
                per_moment: data.get("per_moment").as_string().is_some(),
            });
        }
        Err(()) => drop(errors.insert("target_margin".into(), bad.into())),
    }
}
