//! Timing: the project's timing rules as a form, validated by the
//! collector (a 422 `invalid_config` is shown next to the field it names),
//! and the rules in plain words, beside the live preview of the prompt.

mod asking;
mod history;
mod moment;
mod read;
mod status;

use std::collections::BTreeMap;

use gloo_net::http::Method;
use nps_protocol::{Moment, WidgetConfig};
use wasm_bindgen_futures::spawn_local;
use web_sys::{FormData, HtmlFormElement};
use yew::prelude::*;

use crate::refusal_fields::{blame, Blame};
use crate::timing_sentences;
use crate::web::api::segment;
use crate::web::components::page_title::PageTitle;
use crate::web::components::preview::WidgetPreview;
use crate::web::ctx::{use_ctx, use_projects};

/// Errors to show, by field name (`""` for the form).
pub(crate) type FieldErrors = BTreeMap<String, String>;

/// A form field's value read as an optional whole number.
pub(crate) fn number(
    data: &FormData,
    name: &str,
    errors: &mut FieldErrors,
    bad: &str,
) -> Option<u32> {
    let raw = data.get(name).as_string().unwrap_or_default();
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    raw.parse()
        .map_err(|_| errors.insert(name.to_owned(), bad.to_owned()))
        .ok()
}

/// The timing page.
#[function_component]
pub(crate) fn Timing() -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let projects = use_projects();
    let Some(project) = projects.project().cloned() else {
        return html! { <PageTitle title={t.timing_title} /> };
    };
    let config = project.config.clone();
    let keys = use_state(|| (0..config.moments.len()).collect::<Vec<usize>>());
    let next_key = use_mut_ref(|| config.moments.len());
    let errors = use_state(FieldErrors::new);
    let saved = use_state(|| false);
    // Bumped at each save: the month's sampling status is read again.
    let saves = use_state(|| 0_u32);
    {
        // Another project (or its rules reloaded): rows follow its moments.
        let (keys, next_key, n) = (keys.clone(), next_key.clone(), config.moments.len());
        use_effect_with((project.key.clone(), n), move |_| {
            keys.set((0..n).collect());
            *next_key.borrow_mut() = n;
        });
    }
    let onsubmit = {
        let (keys, errors, saved, saves) =
            (keys.clone(), errors.clone(), saved.clone(), saves.clone());
        let (api, reload, original, key) = (
            ctx.api.clone(),
            projects.reload.clone(),
            config.clone(),
            project.key.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<HtmlFormElement>() else {
                return;
            };
            let Ok(data) = FormData::new_with_form(&form) else {
                return;
            };
            let mut found = FieldErrors::new();
            let config = read::read(&data, &keys, &original, t, &mut found);
            saved.set(false);
            if !found.is_empty() {
                errors.set(found);
                return;
            }
            let (api, errors, saved, saves, reload) = (
                api.clone(),
                errors.clone(),
                saved.clone(),
                saves.clone(),
                reload.clone(),
            );
            let path = format!("/api/v1/projects/{}/config", segment(&key));
            spawn_local(async move {
                match api
                    .send::<WidgetConfig>(Method::PUT, &path, Some(&config))
                    .await
                {
                    Ok(_) => {
                        errors.set(FieldErrors::new());
                        saved.set(true);
                        saves.set(*saves + 1);
                        reload.emit(());
                    }
                    Err(e) => {
                        let field = match blame(&e.message) {
                            Blame::Field(f) => f,
                            Blame::Moment(Some(event)) => format!("moment:{event}"),
                            Blame::Quiet => "quiet_after".into(),
                            Blame::Exclusions => "exclude_if_recent".into(),
                            Blame::AllowedTraits => "allowed_traits".into(),
                            Blame::Cadence => "cadence_overrides".into(),
                            Blame::Moment(None) | Blame::Form => String::new(),
                        };
                        let text = if e.status == 403 {
                            t.forbidden.to_owned()
                        } else {
                            e.message
                        };
                        errors.set(FieldErrors::from([(field, text)]));
                    }
                }
            });
        })
    };
    let add = {
        let (keys, next_key) = (keys.clone(), next_key.clone());
        Callback::from(move |_| {
            let mut k = (*keys).clone();
            k.push(*next_key.borrow());
            *next_key.borrow_mut() += 1;
            keys.set(k);
        })
    };
    let remove = {
        let keys = keys.clone();
        Callback::from(move |key: usize| {
            keys.set(keys.iter().copied().filter(|k| *k != key).collect());
        })
    };
    let field = |name: &'static str, label: &'static str, value: String| {
        let error = errors.get(name).cloned();
        let id = format!("t-{name}");
        html! {
            <div class="field">
                <label for={id.clone()}>{ label }</label>
                <input id={id.clone()} {name} type="text" inputmode="decimal" value={value}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.is_some().then(|| format!("{id}-error"))} />
                if let Some(e) = error { <p class="field-error" id={format!("{id}-error")}>{ e }</p> }
            </div>
        }
    };
    let area = |name: &'static str, label: &'static str, value: String| {
        let error = errors.get(name).cloned();
        let id = format!("t-{name}");
        html! {
            <div class="field">
                <label for={id.clone()}>{ label }</label>
                <textarea id={id.clone()} {name} value={value} rows="3"
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.is_some().then(|| format!("{id}-error"))} />
                if let Some(e) = error { <p class="field-error" id={format!("{id}-error")}>{ e }</p> }
            </div>
        }
    };
    let c = &config;
    let quiet = c
        .quiet_after
        .iter()
        .map(|q| format!("{}={}", q.event, q.hours))
        .collect::<Vec<_>>()
        .join("\n");
    let exclusions = c
        .exclude_if_recent
        .iter()
        .map(|x| format!("{}={}", x.name, x.days))
        .collect::<Vec<_>>()
        .join("\n");
    let first = c
        .moments
        .first()
        .and_then(|m| m.texts.as_ref())
        .and_then(|t| t.get(ctx.lang.code()))
        .and_then(|x| x.question.clone())
        .map(AttrValue::from);
    // Who waits longer, and when asking stops, beside the prompt itself.
    let notes: Vec<AttrValue> = c
        .cadence_overrides
        .iter()
        .map(|o| timing_sentences::cadence(ctx.lang, o))
        .chain(
            c.sampling
                .iter()
                .map(|s| timing_sentences::sampling(ctx.lang, s)),
        )
        .map(AttrValue::from)
        .collect();
    html! {
        <>
        <PageTitle title={t.timing_title} intro={t.timing_intro} />
        <section class="card" aria-labelledby="summary-title">
            <h2 id="summary-title">{ t.summary }</h2>
            <ul class="rules-summary">{ for timing_sentences::summary(ctx.lang, c).into_iter().map(|s| html! { <li>{ s }</li> }) }</ul>
        </section>
        <form class="card" {onsubmit} aria-labelledby="rules-form-title" novalidate=true key={project.key.clone()}>
            <h2 id="rules-form-title">{ t.moments }</h2>
            if c.moments.is_empty() { <p class="notice">{ t.no_moment_configured }</p> }
            if let Some(e) = errors.get("") { <p class="error" role="alert">{ format!("{} {e}", t.fix_errors) }</p> }
            { for keys.iter().map(|k| {
                let original: Option<Moment> = c.moments.get(*k).cloned();
                let error = original.as_ref().and_then(|m| errors.get(&format!("moment:{}", m.event)).cloned());
                html! { <moment::MomentFields key={*k} id={*k} moment={original} {error} errors={(*errors).clone()} on_remove={remove.clone()} /> }
            }) }
            <div class="actions"><button type="button" onclick={add}>{ t.add_moment }</button></div>
            <div class="form-grid">
                { field("sampling_percent", t.sampling, ctx.lang.num(c.sampling_percent).replace(',', ".")) }
                { field("min_days_between_prompts", t.min_days_between, c.min_days_between_prompts.to_string()) }
                { field("days_after_response", t.days_after_response, c.days_after_response.to_string()) }
                { field("days_after_decline", t.days_after_decline, c.days_after_decline.to_string()) }
                { field("days_after_snooze", t.days_after_snooze, c.days_after_snooze.to_string()) }
                { field("max_snoozes", t.max_snoozes, c.max_snoozes.to_string()) }
            </div>
            <div class="form-grid">
                { area("quiet_after", t.quiet_after, quiet) }
                { area("exclude_if_recent", t.exclude_if_recent, exclusions) }
            </div>
            <asking::CadenceFields overrides={c.cadence_overrides.clone()} error={errors.get("cadence_overrides").cloned()} />
            { asking::sampling_fields(ctx.lang, c.sampling, errors.get("target_margin").cloned()) }
            <div class="check"><input id="t-dnt" name="respect_dnt" type="checkbox" checked={c.respect_dnt} /><label for="t-dnt">{ t.respect_dnt }</label></div>
            <div class="check"><input id="t-anon" name="anonymous" type="checkbox" checked={c.anonymous} /><label for="t-anon">{ t.anonymous_survey }</label></div>
            { field("allowed_traits", t.allowed_traits, c.allowed_traits.join(", ")) }
            <div class="actions">
                <button type="submit" class="primary">{ t.save_rules }</button>
                <span role="status">{ if *saved { t.rules_saved } else { "" } }</span>
            </div>
        </form>
        <status::SamplingStatus project={project.key.clone()} reload={*saves} />
        <WidgetPreview question={first} locale={ctx.lang.code()} appearance={c.appearance.clone()} notes={notes} />
        <history::ConfigHistory project={project.key.clone()} config={config.clone()} />
        </>
    }
}
